/**
 * SpreadsheetApp of the in-memory Apps Script runtime: one bound spreadsheet ("Library") with
 * sheets of sparse cells, behaving like the real service wherever a program can tell.
 *
 * - Every public method of SpreadsheetApp/Spreadsheet/Sheet/Range/TextFinder/Protection/
 *   DataValidation(Builder)/DeveloperMetadata counts one call, named "Class.method". Reads of cells
 *   (getValues, getDisplayValues, getFormulas, getNumberFormats, ...) add rows*cols to cellsRead,
 *   writes of contents (setValue(s), setFormula(s), appendRow, clearContent, clear) to cellsWritten.
 * - Writes are interpreted like user-entered input unless the cell is formatted '@' (plain text):
 *   see interpretInput in spreadsheet-values.ts.
 * - Formulas are stored but not computed: getValues/getDisplayValues of a formula cell return the
 *   string '#ERROR!' unless `FakeSpreadsheet.formulaEvaluator` is set.
 * - A script's write that breaks a "reject input" data validation rule (allowInvalid false) throws
 *   "The data you entered in cell X violates the data validation rules set on this cell." and
 *   writes nothing; "show a warning" rules (the default) accept anything.
 * - Protections never stop the script: it runs as the owner.
 * - Methods named peek*, userEdit, toData/loadData are for the playground and tests: uncounted.
 *
 * This file holds the Spreadsheet and createSpreadsheetApp, and re-exports the rest, so importers
 * need only './spreadsheet': spreadsheet-app.ts (the SpreadsheetApp global and its enums),
 * sheet.ts + sheet-layout.ts (Sheet), sheet-structure.ts (rows/columns inserted or deleted, sorting),
 * range.ts + range-formats.ts (Range), cells.ts (the cell record), spreadsheet-data.ts (the
 * plain-data view), spreadsheet-values.ts (interpreting and displaying values, A1 notation),
 * spreadsheet-validation.ts, protection.ts, text-finder.ts, developer-metadata.ts, sheet-host.ts
 * (what protections and finders need from a sheet).
 */

import { paramsError } from './cells';
import type { Env } from './core';
import { GasException } from './core';
import { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, metadataArgs } from './developer-metadata';
import type { FakeProtection, ProtectionKind } from './protection';
import type { FakeRange } from './range';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, FakeSheet } from './sheet';
import { FakeSpreadsheetApp } from './spreadsheet-app';
import { loadSheetData, type SpreadsheetData, sheetToData } from './spreadsheet-data';
import { type CellValue, parseA1 } from './spreadsheet-values';
import { FakeTextFinder, type FinderScope } from './text-finder';

export { FakeDeveloperMetadata, FakeDeveloperMetadataFinder } from './developer-metadata';
export { FakeProtection, FakeUser } from './protection';
export { type ClearOptions, FakeRange } from './range';
export { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, FakeSheet, FORMULA_PLACEHOLDER } from './sheet';
export {
  BorderStyle,
  CopyPasteType,
  DeveloperMetadataVisibility,
  Dimension,
  FakeSpreadsheetApp,
  ProtectionType,
  WrapStrategy,
} from './spreadsheet-app';
export type {
  BlankRun,
  CellData,
  MetadataData,
  ProtectionData,
  RangeRefData,
  SheetData,
  SpreadsheetData,
  ValidationData,
} from './spreadsheet-data';
export {
  DataValidationCriteria,
  FakeDataValidation,
  FakeDataValidationBuilder,
  violatesValidation,
} from './spreadsheet-validation';
export type { CellValue } from './spreadsheet-values';
export {
  a1Notation,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  interpretInput,
  PLAIN_TEXT_FORMAT,
  parseA1,
} from './spreadsheet-values';
export { FakeTextFinder } from './text-finder';

/** A spreadsheet holds at most ten million cells (Google Sheets' limit since March 2022). */
export const CELL_LIMIT = 10_000_000;
/** What Google says when a change would pass it (as Apps Script and the Sheets API report it). */
export const CELL_LIMIT_ERROR =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

/** Computes a formula cell's value, when installed on the spreadsheet. */
export type FormulaEvaluator = (formula: string, where: { sheet: FakeSheet; row: number; col: number }) => CellValue;

// =============================================================================================

/** The one bound spreadsheet. */
export class FakeSpreadsheet {
  name = 'Library';
  timeZone: string;
  id = 'fake-spreadsheet-library';
  /** @internal */ sheets: FakeSheet[] = [];
  /** @internal */ active!: FakeSheet;
  /** @internal */ activeRange: FakeRange | null = null;
  /** @internal */ protections: FakeProtection<FakeRange>[] = [];
  /** @internal */ metadata: FakeDeveloperMetadata[] = [];
  /** Toasts shown by Spreadsheet.toast(), oldest first. */
  readonly toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  /** Computes formula cells; without it their value is '#ERROR!'. */
  formulaEvaluator: FormulaEvaluator | null = null;
  private nextSheetId = 0;
  /** @internal */ nextMetadataId = 1;
  /** @internal The id the next inserted chart gets (unique across the spreadsheet). */ nextChartId = 1;

  constructor(
    readonly env: Env,
    data?: SpreadsheetData,
  ) {
    this.timeZone = env.timeZone;
    if (data) this.loadData(data);
    else {
      this.active = this.addSheet('Sheet1', this.sheets.length);
    }
  }

  /** A new spreadsheet restored from toData() output. */
  static fromData(env: Env, data: SpreadsheetData): FakeSpreadsheet {
    return new FakeSpreadsheet(env, data);
  }

  private k(method: string): void {
    this.env.counters.call(`Spreadsheet.${method}`);
  }

  /** @internal */
  addSheet(name: string, index: number, sheetId?: number): FakeSheet {
    const id = sheetId ?? this.nextSheetId;
    this.nextSheetId = Math.max(this.nextSheetId, id) + 1;
    const sheet = new FakeSheet(this, name, id);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** Cells of every sheet's grid (rows × columns, empty or not): what Google's limit counts. */
  gridCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }

  /**
   * @internal A change that adds `more` grid cells fails, as Google's does, when the spreadsheet would
   * hold more than CELL_LIMIT cells; nothing is changed.
   */
  assertRoom(more: number): void {
    if (more > 0 && this.gridCells() + more > CELL_LIMIT) throw new GasException(CELL_LIMIT_ERROR);
  }

  /** @internal Case-insensitive: Sheets does not allow two names differing only in case. */
  nameTaken(name: string, except?: FakeSheet): boolean {
    const lower = name.toLowerCase();
    return this.sheets.some((s) => s !== except && s.sheetName.toLowerCase() === lower);
  }

  private defaultSheetName(): string {
    let n = this.sheets.length + 1;
    while (this.nameTaken(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  // --- identity -----------------------------------------------------------------------------
  getId(): string {
    this.k('getId');
    return this.id;
  }
  getName(): string {
    this.k('getName');
    return this.name;
  }
  rename(newName: string): void {
    this.k('rename');
    this.name = String(newName);
  }
  getUrl(): string {
    this.k('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.k('getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.k('setSpreadsheetTimeZone');
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    this.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.k('getSpreadsheetLocale');
    return 'en_US';
  }
  toast(msg: string, title = '', timeoutSeconds = 5): void {
    this.k('toast');
    this.toasts.push({ message: String(msg), title: String(title), timeoutSeconds });
  }

  // --- sheets -------------------------------------------------------------------------------
  getSheets(): FakeSheet[] {
    this.k('getSheets');
    return [...this.sheets];
  }
  getNumSheets(): number {
    this.k('getNumSheets');
    return this.sheets.length;
  }
  /** Exact (case-sensitive) name match, or null. */
  getSheetByName(name: string): FakeSheet | null {
    this.k('getSheetByName');
    return this.sheets.find((s) => s.sheetName === name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    this.k('getSheetById');
    return this.sheets.find((s) => s.sheetId === id) ?? null;
  }
  /**
   * insertSheet(), insertSheet(name), insertSheet(index), insertSheet(name, index). The index is
   * 0-based; the new sheet becomes the active one.
   */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    this.k('insertSheet');
    let name: string | undefined;
    let at = this.active ? this.active.index() + 1 : this.sheets.length;
    if (typeof nameOrIndex === 'number') at = nameOrIndex;
    else if (typeof nameOrIndex === 'string') {
      name = nameOrIndex;
      if (typeof index === 'number') at = index;
    } else if (nameOrIndex !== undefined) throw paramsError('Spreadsheet', 'insertSheet', [nameOrIndex, index]);
    if (name !== undefined && this.nameTaken(name)) {
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (at < 0 || at > this.sheets.length) throw new GasException('Invalid argument: sheetIndex');
    this.assertRoom(DEFAULT_MAX_ROWS * DEFAULT_MAX_COLUMNS);
    const sheet = this.addSheet(name ?? this.defaultSheetName(), at);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.k('deleteSheet');
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new GasException('Sheet not found');
    if (this.sheets.length === 1) throw new GasException("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    this.protections = this.protections.filter((p) => p.host !== sheet.host);
    if (this.active === sheet) this.active = this.sheets[Math.max(0, i - 1)];
  }
  getActiveSheet(): FakeSheet {
    this.k('getActiveSheet');
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.k('setActiveSheet');
    this.active = sheet;
    sheet.hidden = false;
    return sheet;
  }
  getActiveRange(): FakeRange {
    this.k('getActiveRange');
    return this.activeRangeOrA1();
  }
  /** @internal */
  activeRangeOrA1(): FakeRange {
    if (this.activeRange && this.activeRange.sheet === this.active) return this.activeRange;
    return this.active.rangeAt(1, 1, 1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    this.k('setActiveRange');
    this.active = range.sheet;
    this.activeRange = range;
    return range;
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    this.k('moveActiveSheet');
    const i = this.sheets.indexOf(this.active);
    this.sheets.splice(i, 1);
    this.sheets.splice(Math.min(Math.max(pos - 1, 0), this.sheets.length), 0, this.active);
  }
  /** 'Sheet!A1:B2', or A1 notation of the active sheet. */
  getRange(a1Notation: string): FakeRange {
    this.k('getRange');
    return this.rangeByA1(a1Notation);
  }
  /** @internal */
  rangeByA1(text: string): FakeRange {
    const ref = parseA1(text);
    let sheet = this.active;
    if (ref.sheetName !== undefined) {
      const s = this.sheets.find((x) => x.sheetName === ref.sheetName);
      if (!s) throw new GasException('Range not found');
      sheet = s;
    }
    return sheet.rangeFromRef(ref);
  }
  getLastRow(): number {
    this.k('getLastRow');
    return this.active.contentBounds().lastRow;
  }
  getLastColumn(): number {
    this.k('getLastColumn');
    return this.active.contentBounds().lastCol;
  }
  getDataRange(): FakeRange {
    this.k('getDataRange');
    return this.active.dataRange();
  }

  // --- protections, finder, metadata ----------------------------------------------------------
  getProtections(type: ProtectionKind): FakeProtection<FakeRange>[] {
    this.k('getProtections');
    return this.protections.filter((p) => p.kind === type);
  }
  createTextFinder(findText: string): FakeTextFinder<FakeRange> {
    this.k('createTextFinder');
    return new FakeTextFinder(
      this.env,
      this.sheets.map((s): FinderScope<FakeRange> => ({ host: s.host, span: null })),
      String(findText),
    );
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): this {
    this.k('addDeveloperMetadata');
    const a = metadataArgs(value, visibility);
    this.metadata.push(
      new FakeDeveloperMetadata(
        this.env,
        this.metadata,
        this.nextMetadataId++,
        String(key),
        a.value,
        a.visibility,
        () => null,
      ),
    );
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.k('getDeveloperMetadata');
    return [...this.metadata];
  }
  /** Searches the spreadsheet's and every sheet's metadata. */
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.k('createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.env, () => [
      ...this.metadata,
      ...this.sheets.flatMap((s) => s.metadata),
    ]);
  }

  // --- plain data -----------------------------------------------------------------------------
  /** A plain-data copy of the whole spreadsheet (uncounted). Dates stay Date objects. */
  toData(): SpreadsheetData {
    return {
      name: this.name,
      timeZone: this.timeZone,
      id: this.id,
      activeSheet: this.active.sheetName,
      metadata: this.metadata.map((m) => ({ key: m.key, value: m.value, visibility: m.visibility })),
      sheets: this.sheets.map((s) => sheetToData(s)),
    };
  }

  /** Replaces the whole content with toData() output (uncounted). */
  loadData(data: SpreadsheetData): void {
    this.name = data.name;
    this.timeZone = data.timeZone;
    if (data.id) this.id = data.id;
    this.sheets = [];
    this.protections = [];
    this.metadata = [];
    this.activeRange = null;
    this.nextSheetId = 0;
    for (const m of data.metadata ?? []) {
      this.metadata.push(
        new FakeDeveloperMetadata(
          this.env,
          this.metadata,
          this.nextMetadataId++,
          m.key,
          m.value,
          m.visibility ?? 'DOCUMENT',
          () => null,
        ),
      );
    }
    for (const sd of data.sheets) this.addSheet(sd.name, this.sheets.length, sd.sheetId);
    // Second pass: cells may refer to other sheets (VALUE_IN_RANGE validation).
    data.sheets.forEach((sd, i) => {
      loadSheetData(this.sheets[i], sd);
    });
    if (this.sheets.length === 0) this.addSheet('Sheet1', 0);
    this.nextChartId = 1 + Math.max(0, ...this.sheets.flatMap((s) => s.charts.map((c) => c.id ?? 0)));
    this.active = this.sheets.find((s) => s.sheetName === data.activeSheet) ?? this.sheets[0];
  }
}

/** Builds the SpreadsheetApp global and the one bound spreadsheet (optionally restored from data). */
export function createSpreadsheetApp(
  env: Env,
  data?: SpreadsheetData,
): { SpreadsheetApp: FakeSpreadsheetApp; spreadsheet: FakeSpreadsheet } {
  const spreadsheet = new FakeSpreadsheet(env, data);
  return { SpreadsheetApp: new FakeSpreadsheetApp(env, spreadsheet), spreadsheet };
}
