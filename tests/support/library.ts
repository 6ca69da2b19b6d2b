/**
 * Test support: a runtime with the built bundle loaded, and ways to read and fill the workbook by
 * the librarian's column names (in any language), as a person looking at the sheet would.
 */
import { createRuntime, type Runtime, type RuntimeOptions } from '../../emulator';
import { allLanguages, type Lang, normalise, t } from '../../src/messages';
import { headerKey, SHEETS, type SheetKey, sheetNameKey } from '../../src/schema';

/** 25 November 2026, 10:00 in Almaty (a Wednesday): the library is open. */
export const NOW = new Date('2026-11-25T10:00:00+05:00');

export function libraryRuntime(opts: RuntimeOptions = {}): Runtime {
  const rt = createRuntime({ now: NOW, userEmail: 'librarian@lyceum92.kz', ...opts });
  rt.load('build/Code.js');
  return rt;
}

/** A sheet of the library found under any language's name, as the runtime holds it. */
export function sheetOf(rt: Runtime, key: SheetKey) {
  for (const name of allLanguages(sheetNameKey(key))) {
    const s = rt.spreadsheet.getSheetByName(name);
    if (s) return s;
  }
  throw new Error(`no ${key} sheet`);
}

export function headerOf(rt: Runtime, key: SheetKey): string[] {
  const values = sheetOf(rt, key).peekValues();
  return (values[0] ?? []).map(String);
}

/** Column index (0-based) of a column key, by its header in any language. */
export function columnOf(rt: Runtime, key: SheetKey, column: string): number {
  const labels = allLanguages(headerKey(key, column)).map(normalise);
  const i = headerOf(rt, key).findIndex((h) => labels.includes(normalise(h)));
  if (i < 0) throw new Error(`no column ${column} on ${key}`);
  return i;
}

/** The data rows as objects keyed by column key (only the library's known columns). */
export function rowsOf(rt: Runtime, key: SheetKey): Array<Record<string, unknown>> {
  const def = SHEETS.find((s) => s.key === key)!;
  const values = sheetOf(rt, key).peekValues();
  const header = (values[0] ?? []).map((h) => normalise(h));
  const idx = new Map<string, number>();
  for (const c of def.columns) {
    const labels = allLanguages(headerKey(key, c.key)).map(normalise);
    const i = header.findIndex((h) => labels.includes(h));
    if (i >= 0) idx.set(c.key, i);
  }
  return values
    .slice(1)
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries([...idx.entries()].map(([k, i]) => [k, r[i]])));
}

/**
 * Appends rows to a library sheet by column key, as a librarian's paste would: each cell typed
 * (text columns are plain text after Setup, so codes keep their zeros), then the bundle's onEdit.
 */
export function addRows(rt: Runtime, key: SheetKey, rows: Array<Record<string, unknown>>): void {
  if (rows.length === 0) return;
  const sheet = sheetOf(rt, key);
  const width = sheet.getLastColumn();
  const first = sheet.getLastRow() + 1;
  // Leave spare rows, as a librarian's sheet has: the next append needs no insert.
  const needed = first + rows.length - 1 + 100 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const out = rows.map((r) => {
    const row: unknown[] = new Array(width).fill('');
    for (const [k, v] of Object.entries(r)) row[columnOf(rt, key, k)] = v;
    return row;
  });
  rt.userEdit(sheet.getName(), first, 1, out);
}

export function label(lang: Lang, key: Parameters<typeof t>[1], params?: Record<string, string | number>): string {
  return t(lang, key, params);
}

/** The text of the last dialog (alert) the script showed. */
export function lastAlert(rt: Runtime): string {
  const alerts = rt.ui.log.filter((d) => d.kind === 'alert');
  const last = alerts[alerts.length - 1];
  return last && 'message' in last ? last.message : '';
}

/** A day at 10:00 in Almaty. */
export function at(day: string, time = '10:00'): Date {
  return new Date(`${day}T${time}:00+05:00`);
}
