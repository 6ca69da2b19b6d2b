/**
 * The bound spreadsheet as the library sees it: its sheets found by name in any language, its
 * settings, its closed days, its classes and its time zone, from the saved layout (one properties
 * read) rather than from the sheets. One Workbook per execution.
 */
import { ClassIndex, type ClassRow } from '../domain/class-names';
import { type Schedule, scheduleFrom } from '../domain/schedule';
import { LibraryError } from '../errors';
import { DEFAULT_LANG, type Lang, t } from '../messages';
import { type SheetKey, sheetDef, sheetNameKey } from '../schema';
import { parseSettings, type Settings } from '../settings';
import { loadLayout, refreshSheetLayout, type SheetLayout, saveSheetLayout, type WorkbookLayout } from './layout';
import { findSheet } from './sheet-lookup';
import { Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { findSheet } from './sheet-lookup';

export class Workbook {
  private tables = new Map<SheetKey, Table>();
  /** Sheets whose layout was read from their header in this execution. */
  private readonly freshSheets = new Set<SheetKey>();
  private scheduleCache?: Schedule;
  private classIndex?: ClassIndex<WorkbookLayout['classes'][number] & ClassRow>;
  readonly settings: Settings;

  private constructor(
    readonly ss: Spreadsheet,
    readonly layout: WorkbookLayout,
  ) {
    this.settings = parseSettings(new Map(Object.entries(layout.settings)));
  }

  get lang(): Lang {
    return this.settings.language;
  }

  get timeZone(): string {
    return this.layout.timeZone;
  }

  static open(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(), layout?: WorkbookLayout): Workbook {
    return new Workbook(ss, layout ?? loadLayout(ss));
  }

  /** The sheet for `key` where the layout says it is, else looked up under its names. */
  findSheet(key: SheetKey): Sheet | null {
    const known = this.layout.sheets[key];
    const sheet = known ? this.ss.getSheetByName(known.name) : null;
    return sheet ?? findSheet(this.ss, key, this.lang);
  }

  /** The table for `key`; a missing sheet is a clear message telling the librarian to run Setup. */
  table(key: SheetKey): Table {
    const cached = this.tables.get(key);
    if (cached) return cached;
    let layout = this.layout.sheets[key];
    let sheet = layout ? this.ss.getSheetByName(layout.name) : null;
    if (!sheet && !this.freshSheets.has(key)) {
      // Renamed, added or removed since the layout was saved: read this sheet's layout again.
      layout = this.refresh(key);
      sheet = layout ? this.ss.getSheetByName(layout.name) : null;
    }
    if (!sheet || !layout) throw new LibraryError('error.notSetUp', { sheet: t(this.lang, sheetNameKey(key)) });
    const save = (fresh: SheetLayout) => saveSheetLayout(this.layout, key, fresh);
    const table = Table.fromLayout(sheet, sheetDef(key), this.lang, layout, save, this.freshSheets.has(key));
    this.tables.set(key, table);
    return table;
  }

  /** Reads one sheet's layout from its header again (and saves it): after a change no trigger reported. */
  refresh(key: SheetKey) {
    this.freshSheets.add(key);
    this.tables.delete(key);
    return refreshSheetLayout(this.ss, this.layout, key);
  }

  /** The weekly rules from Settings and the Closed days sheet's ranges. */
  schedule(): Schedule {
    this.scheduleCache ??= scheduleFrom(
      this.settings,
      this.layout.closed.map(([from, to]) => ({ from, to })),
    );
    return this.scheduleCache;
  }

  /** The Classes sheet as the one notion of a class sees it. */
  classes(): ClassIndex<WorkbookLayout['classes'][number]> {
    this.classIndex ??= new ClassIndex(this.layout.classes);
    return this.classIndex;
  }
}

/** Runs `fn` on the workbook of this execution (its tables read their headers again if the saved layout proves stale). */
export function withWorkbook<T>(fn: (wb: Workbook) => T, ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): T {
  return fn(Workbook.open(ss));
}

/** The workbook's language, for a message shown when something failed (never throws). */
export function currentLang(): Lang {
  try {
    return Workbook.open().lang;
  } catch {
    return DEFAULT_LANG;
  }
}

/** Reads the settings (from the saved layout); a workbook not yet set up gets the defaults. */
export function readSettings(ss: Spreadsheet): Settings {
  return parseSettings(new Map(Object.entries(loadLayout(ss).settings)));
}
