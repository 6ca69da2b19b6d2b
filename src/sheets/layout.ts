/**
 * What the library knows of the workbook between executions: where each sheet's columns stand, the
 * settings, the closed days and the class names. Every menu click, trigger and sidebar call starts
 * with a fresh global scope, and reading all that from the sheets costs some thirty round trips to
 * Google; kept in the document properties it costs one (`getProperties`).
 *
 * It is kept in parts, each dropped on its own when what it mirrors changes: Setup and the language
 * switch rewrite it; the `onEdit` simple trigger drops the part of a sheet whose header row was edited
 * and the settings, closed days or classes when those sheets are edited; the installable `onChange`
 * trigger drops the column maps on a structural change (columns inserted, removed or moved, sheets
 * added, removed or renamed). What is dropped is rebuilt by the next execution that needs it. Readers
 * of a part still verify what they can for free (see Table.find), so a change the triggers have not
 * seen yet is caught before anything is written.
 */
import { addDays, type DayKey } from '../dates';
import { DEFAULT_LANG, type Lang } from '../messages';
import { SHEETS, type SheetKey, sheetDef } from '../schema';
import { SETTING_DEFAULTS } from '../settings';
import { dayOf, isDateValue, today } from './dates';
import { checkHeaderRow, findSheet, mapHeader } from './sheet-lookup';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A sheet as last seen: its name, the 0-based index of each known column, its width. */
export interface SheetLayout {
  name: string;
  columns: Record<string, number>;
  width: number;
}

export interface WorkbookLayout {
  timeZone: string;
  sheets: Partial<Record<SheetKey, SheetLayout | null>>;
  /** The Settings sheet's key → value text. */
  settings: Record<string, string>;
  /** Closed-day ranges from the Closed days sheet, as day keys. */
  closed: Array<[DayKey, DayKey]>;
  /** Class names of the Classes sheet, with teacher and address, for the one notion of a class. */
  classes: Array<{ className: string; teacher: string; email: string; language: string; grade: number | null }>;
  /** The language the workbook's lists and labels were last written in (by Setup). */
  appliedLang: Lang | null;
  /** Changes when the catalogue is edited: cached title facts carry it, so an edit retires them. */
  catalogueStamp: string;
}

/** Document-property keys of the parts. Bump FORMAT when a part's shape changes. */
const FORMAT = '1';
const PREFIX = `library.layout.${FORMAT}.`;
const KEY = {
  sheets: `${PREFIX}sheets`,
  settings: `${PREFIX}settings`,
  closed: `${PREFIX}closed`,
  classes: `${PREFIX}classes`,
  applied: 'library.appliedLanguage',
  catalogue: 'library.catalogueStamp',
} as const;

/** Properties hold at most 9 KB a value: a long list of closed days is split across keys of 8,000 bytes. */
const CHUNK = 8_000;

function props() {
  return PropertiesService.getDocumentProperties();
}

/**
 * Saves parts of the layout. The properties store holds 500 KB: a part that does not fit is not
 * kept (this execution has it; the next reads the sheet again) rather than failing the action.
 */
function save(values: Record<string, string>): void {
  try {
    props().setProperties(values);
  } catch (e) {
    console.warn(`the saved layout was not kept: ${String((e as Error)?.message ?? e)}`);
  }
}

function readChunked(all: Record<string, string>, key: string): string | null {
  if (all[key] === undefined) return null;
  const count = Number(all[key]);
  if (!Number.isInteger(count) || count < 0) return null;
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = all[`${key}#${i}`];
    if (part === undefined) return null;
    text += part;
  }
  return text;
}

function chunked(key: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  // The limit is in bytes (UTF-8): a Cyrillic letter takes two, so chunks are cut by bytes, never
  // inside a character (154 classes with their teachers' names passed 9 KB in one 8,000-letter chunk).
  let start = 0;
  let size = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    const pair = code >= 0xd800 && code <= 0xdbff && at + 1 < text.length;
    const n = pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (size + n > CHUNK) {
      out[`${key}#${i++}`] = text.slice(start, at);
      start = at;
      size = 0;
    }
    size += n;
    if (pair) at++;
  }
  if (start < text.length) out[`${key}#${i++}`] = text.slice(start);
  if (text.length === 0) out[`${key}#0`] = '';
  out[key] = String(Math.max(i, 1));
  return out;
}

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The settings cell as text: Sheets may have turned "14" into 14 or "25.05" into a date (read back as dd.MM). */
export function settingText(v: unknown, timeZone: string): string {
  if (isDateValue(v)) return Utilities.formatDate(v, timeZone, 'dd.MM');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v ?? '').trim();
}

function readLayoutOf(ss: Spreadsheet, key: SheetKey): SheetLayout | null {
  const sheet = findSheet(ss, key, DEFAULT_LANG);
  if (!sheet) return null;
  const name = sheet.getName();
  const width = sheet.getLastColumn();
  const top = width > 0 ? sheet.getRange(1, 1, Math.min(3, Math.max(1, sheet.getLastRow())), width).getValues() : [[]];
  checkHeaderRow(sheetDef(key), top, name);
  return { name, columns: Object.fromEntries(mapHeader(sheetDef(key), top[0], name)), width };
}

/** The data rows of a sheet (one getValues), with its column map, or none when it is missing. */
function readBody(ss: Spreadsheet, layout: SheetLayout | null | undefined): unknown[][] {
  if (!layout) return [];
  const sheet = ss.getSheetByName(layout.name);
  if (!sheet) return [];
  const last = sheet.getLastRow();
  if (last < 2 || layout.width === 0) return [];
  return sheet.getRange(2, 1, last - 1, layout.width).getValues();
}

const col = (layout: SheetLayout | null | undefined, key: string) => layout?.columns[key];

function buildSettings(ss: Spreadsheet, sheets: WorkbookLayout['sheets'], timeZone: string): Record<string, string> {
  const layout = sheets.settings;
  const k = col(layout, 'key');
  const v = col(layout, 'value');
  const out: Record<string, string> = {};
  if (k === undefined || v === undefined) return out;
  const known = new Set(SETTING_DEFAULTS.map((d) => d.key));
  for (const row of readBody(ss, layout)) {
    const key = String(row[k] ?? '').trim();
    // Only the library's settings: rows the librarian pasted below them are hers, not ours to keep.
    if (known.has(key) && !(key in out)) out[key] = settingText(row[v], timeZone);
  }
  return out;
}

function buildClosed(ss: Spreadsheet, sheets: WorkbookLayout['sheets'], timeZone: string): Array<[DayKey, DayKey]> {
  const layout = sheets.schedule;
  const f = col(layout, 'from');
  const t = col(layout, 'to');
  const out: Array<[DayKey, DayKey]> = [];
  if (f === undefined) return out;
  for (const row of readBody(ss, layout)) {
    const from = dayOf(row[f], timeZone);
    const to = (t !== undefined ? dayOf(row[t], timeZone) : null) ?? from;
    if (from && to) out.push(from <= to ? [from, to] : [to, from]);
  }
  // Due dates and days overdue look two years back and ahead at most: older and later ranges only
  // fill the properties store (500 KB).
  const now = today(timeZone);
  const lo = addDays(now, -800);
  const hi = addDays(now, 800);
  return out.filter(([from, to]) => to >= lo && from <= hi).slice(0, 2000);
}

function buildClasses(ss: Spreadsheet, sheets: WorkbookLayout['sheets']): WorkbookLayout['classes'] {
  const layout = sheets.classes;
  const c = col(layout, 'class');
  if (c === undefined) return [];
  const text = (row: unknown[], key: string) => {
    const i = col(layout, key);
    return i === undefined ? '' : String(row[i] ?? '').trim();
  };
  return readBody(ss, layout)
    .map((row) => {
      const grade = Number(text(row, 'grade'));
      return {
        className: text(row, 'class'),
        teacher: text(row, 'teacher'),
        email: text(row, 'email'),
        language: text(row, 'language'),
        grade: Number.isInteger(grade) && grade > 0 ? grade : null,
      };
    })
    .filter((x) => x.className !== '')
    .slice(0, 500);
}

const newStamp = () => Utilities.getUuid().slice(0, 8);

/**
 * The workbook's layout: one `getProperties`, and only the parts that were dropped are rebuilt from
 * the sheets (and saved, in one `setProperties`).
 */
export function loadLayout(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): WorkbookLayout {
  const all = props().getProperties();
  const saved = {
    sheets: parse<WorkbookLayout['sheets']>(readChunked(all, KEY.sheets)),
    settings: parse<WorkbookLayout['settings']>(readChunked(all, KEY.settings)),
    closed: parse<WorkbookLayout['closed']>(readChunked(all, KEY.closed)),
    classes: parse<WorkbookLayout['classes']>(readChunked(all, KEY.classes)),
  };
  const timeZone = all[`${PREFIX}tz`] || ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  const toSave: Record<string, string> = {};
  let sheets = saved.sheets;
  if (!sheets) {
    // A sheet whose header cannot be read (pushed down by an inserted row, say) is left out and not
    // saved: the action that needs it says what is wrong with it; the others go on.
    let complete = true;
    sheets = Object.fromEntries(
      SHEETS.map((d) => {
        try {
          return [d.key, readLayoutOf(ss, d.key)];
        } catch {
          complete = false;
          return [d.key, null];
        }
      }),
    );
    if (complete) Object.assign(toSave, chunked(KEY.sheets, JSON.stringify(sheets)));
    toSave[`${PREFIX}tz`] = timeZone;
  }
  let settings = saved.settings;
  if (!settings) {
    settings = buildSettings(ss, sheets, timeZone);
    Object.assign(toSave, chunked(KEY.settings, JSON.stringify(settings)));
  }
  let closed = saved.closed;
  if (!closed) {
    closed = buildClosed(ss, sheets, timeZone);
    Object.assign(toSave, chunked(KEY.closed, JSON.stringify(closed)));
  }
  let classes = saved.classes;
  if (!classes) {
    classes = buildClasses(ss, sheets);
    Object.assign(toSave, chunked(KEY.classes, JSON.stringify(classes)));
  }
  let catalogueStamp = all[KEY.catalogue];
  if (!catalogueStamp) {
    catalogueStamp = newStamp();
    toSave[KEY.catalogue] = catalogueStamp;
  }
  if (Object.keys(toSave).length > 0) save(toSave);
  const applied = all[KEY.applied];
  return {
    timeZone,
    sheets,
    settings,
    closed,
    classes,
    appliedLang: applied === 'kk' || applied === 'ru' || applied === 'en' ? applied : null,
    catalogueStamp,
  };
}

/** The parts a change can make stale. */
export type LayoutPart = 'sheets' | 'settings' | 'closed' | 'classes' | 'catalogue';

/** Drops parts of the layout; the next execution rebuilds them. */
export function forgetLayout(parts: readonly LayoutPart[] = ['sheets', 'settings', 'closed', 'classes']): void {
  const p = props();
  const all = p.getProperties();
  for (const part of parts) {
    if (part === 'catalogue') {
      p.setProperty(KEY.catalogue, newStamp());
      continue;
    }
    const key = KEY[part];
    for (const k of Object.keys(all)) if (k === key || k.startsWith(`${key}#`)) p.deleteProperty(k);
  }
}

/** After Setup: the layout is read afresh and the language its labels are in is remembered. */
export function rememberLayout(ss: Spreadsheet, lang: Lang): WorkbookLayout {
  forgetLayout();
  props().setProperty(KEY.applied, lang);
  return loadLayout(ss);
}

/** The sheet layout of one sheet, read afresh (when a verification found the saved one stale). */
export function refreshSheetLayout(ss: Spreadsheet, layout: WorkbookLayout, key: SheetKey): SheetLayout | null {
  const fresh = readLayoutOf(ss, key);
  layout.sheets[key] = fresh;
  save(chunked(KEY.sheets, JSON.stringify(layout.sheets)));
  return fresh;
}

/** Remembers the language the workbook's lists and labels are in (a workbook set up before it was kept). */
export function rememberAppliedLanguage(lang: Lang): void {
  props().setProperty(KEY.applied, lang);
}

/** Saves one sheet's layout as a table read it from its header (after the saved one proved stale). */
export function saveSheetLayout(layout: WorkbookLayout, key: SheetKey, fresh: SheetLayout): void {
  layout.sheets[key] = fresh;
  save(chunked(KEY.sheets, JSON.stringify(layout.sheets)));
}
