/**
 * The bound spreadsheet as the library sees it: its sheets found by name in any language, its
 * settings, its time zone. One Workbook per execution; it reads the Settings sheet once.
 */
import { LibraryError } from '../errors';
import { DEFAULT_LANG, type Lang, t } from '../i18n';
import { type SheetKey, sheetDef, sheetNameKey } from '../schema';
import { parseSettings, type Settings } from '../settings';
import { isDateValue } from './dates';
import { sheetNames, Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class Workbook {
  private tables = new Map<SheetKey, Table>();

  private constructor(
    readonly ss: Spreadsheet,
    readonly settings: Settings,
    readonly timeZone: string,
  ) {}

  get lang(): Lang {
    return this.settings.language;
  }

  static open(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Workbook {
    const timeZone = ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
    return new Workbook(ss, readSettings(ss), timeZone);
  }

  /** The sheet for `key`, looked up under its name in the current language first, then the others. */
  findSheet(key: SheetKey): Sheet | null {
    return findSheet(this.ss, key, this.lang);
  }

  /** The table for `key`; a missing sheet is a clear message telling the librarian to run Setup. */
  table(key: SheetKey): Table {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const sheet = this.findSheet(key);
    if (!sheet) throw new LibraryError('error.notSetUp', { sheet: t(this.lang, sheetNameKey(key)) });
    const table = Table.open(sheet, sheetDef(key), this.lang);
    this.tables.set(key, table);
    return table;
  }
}

export function findSheet(ss: Spreadsheet, key: SheetKey, lang: Lang): Sheet | null {
  for (const name of sheetNames(sheetDef(key), lang)) {
    const sheet = ss.getSheetByName(name);
    if (sheet) return sheet;
  }
  return null;
}

/** A settings cell as text: Sheets may have turned "14" into 14 or "05-25" into a date. */
function settingText(v: unknown, timeZone: string): string {
  if (isDateValue(v)) return Utilities.formatDate(v, timeZone, 'MM-dd');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v ?? '').trim();
}

/** Reads the Settings sheet (any language); a workbook not yet set up gets the defaults. */
export function readSettings(ss: Spreadsheet): Settings {
  const sheet = findSheet(ss, 'settings', DEFAULT_LANG);
  const values = new Map<string, string>();
  if (sheet) {
    const table = Table.open(sheet, sheetDef('settings'), DEFAULT_LANG);
    if (table.has('key') && table.has('value')) {
      const tz = ss.getSpreadsheetTimeZone();
      for (const row of table.readAll().rows) {
        const key = table.text(row, 'key');
        if (key) values.set(key, settingText(table.get(row, 'value'), tz));
      }
    }
  }
  return parseSettings(values);
}
