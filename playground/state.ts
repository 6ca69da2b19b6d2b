/**
 * What the playground keeps beside the workbook, in the data folder, and never inside the .xlsx: a
 * workbook the librarian shares, or imports into Google Sheets, carries its sheets and nothing else
 * (not the e-mails sent, with the pupils' names, nor the script's properties).
 *
 * One JSON file per workbook, `<data folder>/<workbook name>.state.json` (`data/library.state.json`):
 * - the playground's clock, and what Apps Script keeps outside the spreadsheet: the installed
 *   triggers, the script, document and user properties, the e-mails MailApp sent, and the calendars
 *   CalendarApp wrote to;
 * - what Excel cannot hold exactly (the exact validation rules, protections, …: WorkbookMeta), for
 *   the exact workbook file it was written with (its SHA-256), so that a workbook edited elsewhere is
 *   read from its own content and never dressed in rules that are no longer its own.
 *
 * A save writes the state file first, then the workbook, each atomically (a temporary file, flushed,
 * renamed). The state keeps the meta of the workbook still on disk beside the new one, so a process
 * killed between the two renames leaves a pair that reads back exactly.
 *
 * Older playgrounds kept all of it in the workbook's Description property. `openLibrary` reads such a
 * block (only when there is no state file yet) and says so (`migrated`); the session then saves at
 * once, which writes the state file and a workbook whose Description is empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CalendarSnapshot } from '../emulator/calendar';
import type { SentEmail } from '../emulator/mail';
import type { SpreadsheetData } from '../emulator/spreadsheet';
import type { TriggerRecord } from '../emulator/triggers';
import { sha256, writeFileAtomic } from './atomic-file';
import { jsonWithDates, parseWithDates } from './excel-dates';
import { loadWorkbook, type WorkbookMeta, workbookToBuffer } from './xlsx';

/**
 * What Apps Script keeps outside the workbook: the installed triggers, the properties, the e-mails
 * sent, the Google calendars the script wrote to, and the spreadsheets it created (the library's
 * archive), as plain data.
 */
export interface RuntimeState {
  triggers: TriggerRecord[];
  properties: { script: Record<string, string>; document: Record<string, string>; user: Record<string, string> };
  outbox: Array<Omit<SentEmail, 'sentAt'> & { sentAt: string }>;
  calendar?: CalendarSnapshot;
  spreadsheets?: SpreadsheetData[];
}

/** The script's side of the state: the clock (ISO) and the runtime state. */
export interface ScriptState {
  clock: string;
  runtime: RuntimeState;
}

const FORMAT = 'school-library-playground-state';

interface StateFile extends ScriptState {
  format: typeof FORMAT;
  version: 2;
  /** The workbook's file name, for whoever opens this file. */
  workbook: string;
  /** WorkbookMeta by the SHA-256 of the workbook bytes it belongs to (the new file first). */
  exact: Array<{ sha256: string; meta: WorkbookMeta }>;
}

/** The steps of a save at which the test hook PLAYGROUND_SAVE_STOP may stop it. */
export const SAVE_STEPS = ['state-before-rename', 'workbook-before-rename'] as const;
export type SaveStep = (typeof SAVE_STEPS)[number];

/** `<dataDir>/<name>.state.json` for the workbook `<any folder>/<name>.xlsx`. */
export function stateFileOf(workbook: string, dataDir: string): string {
  return path.join(path.resolve(dataDir), `${path.basename(workbook).replace(/\.xlsx$/i, '')}.state.json`);
}

export class StateFileError extends Error {}

/** The state file, or null when there is none. Throws StateFileError when it cannot be read. */
export function readStateFile(file: string): StateFile | null {
  if (!existsSync(file)) return null;
  let value: StateFile;
  try {
    value = parseWithDates(readFileSync(file, 'utf8')) as StateFile;
  } catch (e) {
    throw new StateFileError(
      `${file} is not readable (${e instanceof Error ? e.message : String(e)}). Move it away to start ` +
        'without the saved triggers, properties and e-mails.',
    );
  }
  if (!value || typeof value !== 'object' || value.format !== FORMAT)
    throw new StateFileError(`${file} is not a playground state file. Move it away or choose another --data folder.`);
  return { ...value, exact: Array.isArray(value.exact) ? value.exact : [] };
}

/**
 * Saves the state file, then the workbook. `stop` is a test hook, called with the temporary file
 * written and not yet renamed (tests/playground/crash.test.ts stops a save there and kills the process).
 */
export async function saveLibrary(opts: {
  workbook: string;
  stateFile: string;
  data: SpreadsheetData;
  script: ScriptState;
  stop?: (step: SaveStep, temp: string) => void;
}): Promise<void> {
  const { bytes, meta } = await workbookToBuffer(opts.data);
  const hash = sha256(bytes);
  let previous: StateFile | null = null;
  try {
    previous = readStateFile(opts.stateFile);
  } catch {
    // Unreadable: replaced by this save (opening refused it, so it is not the one this session read).
  }
  // The meta of the workbook on disk stays until the new workbook has replaced it.
  const onDisk = existsSync(opts.workbook) ? sha256(readFileSync(opts.workbook)) : null;
  const kept = (previous?.exact ?? []).filter((e) => e.sha256 === onDisk && e.sha256 !== hash).slice(0, 1);
  const state: StateFile = {
    format: FORMAT,
    version: 2,
    workbook: path.basename(opts.workbook),
    clock: opts.script.clock,
    runtime: opts.script.runtime,
    exact: [{ sha256: hash, meta }, ...kept],
  };
  writeFileAtomic(opts.stateFile, jsonWithDates(state), (temp) => opts.stop?.('state-before-rename', temp));
  writeFileAtomic(opts.workbook, bytes, (temp) => opts.stop?.('workbook-before-rename', temp));
}

export interface OpenedLibrary {
  data: SpreadsheetData;
  /** Read with its exact rules (the state file's meta for these very bytes, or an older playground's block). */
  exact: boolean;
  /** The clock and runtime state to restore, when any was kept. */
  script: Partial<ScriptState> | null;
  /** The workbook still holds an older playground's Description block: save soon, to clear it. */
  migrated: boolean;
}

/** Opens the workbook with what the state file (or, from older playgrounds, the Description) kept. */
export async function openLibrary(workbook: string, stateFile: string): Promise<OpenedLibrary> {
  const state = readStateFile(stateFile);
  const metas = new Map((state?.exact ?? []).map((e) => [e.sha256, e.meta]));
  const read = await loadWorkbook(workbook, { metaFor: (hash) => metas.get(hash) });
  let script: Partial<ScriptState> | null = null;
  if (state) script = { clock: state.clock, runtime: state.runtime };
  else if (read.legacy?.extra) {
    const { clock, runtime } = read.legacy.extra as Partial<ScriptState>;
    script = { clock, runtime };
  }
  return { data: read.data, exact: read.exact, script, migrated: !!read.legacy };
}
