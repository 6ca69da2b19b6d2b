/**
 * Finding the library's sheets and columns by name, in any of the three languages: a sheet is found
 * under its name in the current language first, a column by its header (case and spaces aside).
 */
import { LibraryError } from '../errors';
import { allLanguages, type Lang, normalise, t } from '../messages';
import { headerKey, type SheetDef, type SheetKey, sheetDef, sheetNameKey } from '../schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Names our sheets had in earlier versions (the wording review renamed them): a workbook set up then
 * still finds them, and Setup renames them to the current name.
 */
export const FORMER_SHEET_NAMES: Partial<Record<SheetKey, string[]>> = {
  loans: ['Берілімдер'],
  mailings: ['Хат жіберу'],
  // Excel (and the playground's .xlsx) refuses ":" in a sheet name.
  stocktakeList: ['Инвентаризация: список'],
};

/** The sheet's name in every language, the current one first, then its former names. */
export function sheetNames(def: SheetDef, lang: Lang): string[] {
  const current = t(lang, sheetNameKey(def.key));
  const names = [...allLanguages(sheetNameKey(def.key)), ...(FORMER_SHEET_NAMES[def.key] ?? [])];
  return [current, ...names.filter((n) => n !== current)];
}

export function findSheet(ss: Spreadsheet, key: SheetKey, lang: Lang): Sheet | null {
  for (const name of sheetNames(sheetDef(key), lang)) {
    const sheet = ss.getSheetByName(name);
    if (sheet) return sheet;
  }
  return null;
}

/** Every header label of a column, in the three languages. */
export function headerLabels(def: SheetDef, column: string): string[] {
  return allLanguages(headerKey(def.key, column));
}

/**
 * Each sheet's header labels in the three languages, normalised, to the column they name: made once
 * per execution (the module scope is fresh in each), not once per header read — an action reads
 * several headers, and each label lookup goes through every message table of three languages.
 */
const columnsByLabel = new Map<SheetDef, Map<string, string>>();

function columnOfLabel(def: SheetDef): Map<string, string> {
  let byLabel = columnsByLabel.get(def);
  if (!byLabel) {
    byLabel = new Map<string, string>();
    for (const col of def.columns) {
      for (const label of headerLabels(def, col.key)) byLabel.set(normalise(label), col.key);
    }
    columnsByLabel.set(def, byLabel);
  }
  return byLabel;
}

/** True when a header cell names this column in one of the three languages (case and spaces aside). */
export function namesColumn(def: SheetDef, column: string, cell: unknown): boolean {
  return columnOfLabel(def).get(normalise(cell)) === column;
}

/** Where each known column stands (0-based), read from a header row. */
export function mapHeader(def: SheetDef, header: unknown[], sheetName: string): Map<string, number> {
  const byLabel = columnOfLabel(def);
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const key = byLabel.get(normalise(h));
    if (!key) return;
    if (found.has(key)) {
      throw new LibraryError('error.duplicateColumn', { sheet: sheetName, column: String(h).trim() });
    }
    found.set(key, i);
  });
  return found;
}

/**
 * The header must be the first row (the library finds its columns there). When the first row holds
 * few of this sheet's headers but a row just below it holds most of them — an empty row was
 * inserted above the header, or a title typed over it — say so, rather than report every column
 * missing. `rows` are the sheet's first rows, as read.
 */
export function checkHeaderRow(def: SheetDef, rows: unknown[][], sheetName: string): void {
  const known = (row: unknown[] | undefined) => {
    try {
      return row ? mapHeader(def, row, sheetName).size : 0;
    } catch {
      return 0;
    }
  };
  const first = known(rows[0]);
  if (first * 2 >= def.columns.length) return;
  for (let i = 1; i < rows.length; i++) {
    if (known(rows[i]) * 2 >= def.columns.length && known(rows[i]) > first) {
      throw new LibraryError('error.headerMoved', { sheet: sheetName, row: i + 1 });
    }
  }
}
