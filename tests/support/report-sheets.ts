/**
 * Reading a report sheet as the librarian reads it: a section is found by its heading (in the
 * workbook's language), its rows run down to the first blank row.
 */
import type { Runtime } from '../../emulator';
import { type Lang, type MessageKey, t } from '../../src/messages';

export function reportSheet(rt: Runtime, key: string, lang: Lang = 'kk') {
  const sheet = rt.spreadsheet.getSheetByName(t(lang, `report.sheet.${key}` as MessageKey));
  if (!sheet) throw new Error(`no report sheet ${key}`);
  return sheet;
}

/** The header and the rows of the section titled `title` (trailing blank cells dropped). */
export function section(rt: Runtime, key: string, title: string, lang: Lang = 'kk') {
  const values = reportSheet(rt, key, lang).peekValues();
  const at = values.findIndex((r) => String(r[0]) === title);
  if (at < 0) throw new Error(`no section "${title}" on ${key}`);
  const trim = (r: unknown[]) => {
    const out = [...r];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  };
  const rows: unknown[][] = [];
  for (let r = at + 2; r < values.length && values[r].some((v) => v !== ''); r++) rows.push(trim(values[r]));
  // headRow: the header's sheet row (1-based), where a chart's ranges start.
  return { head: trim(values[at + 1]).map(String), rows, headRow: at + 2 };
}

/** The value in the row whose first cell is `label` (its `col`-th column). */
export function cellOf(rows: unknown[][], label: string, col = 1): unknown {
  const row = rows.find((r) => String(r[0]).trim() === label.trim());
  if (!row) throw new Error(`no row "${label}"`);
  return row[col];
}

/** Days of the week a Date stands for in Almaty, as "YYYY-MM-DD". */
export const almatyDay = (d: unknown) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(d as Date);
