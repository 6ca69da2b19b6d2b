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
 */
import type { Env } from './core';
import { GasException, isDate } from './core';
import {
  FakeDeveloperMetadata,
  FakeDeveloperMetadataFinder,
  FakeProtection,
  FakeTextFinder,
  type FinderScope,
  type MetadataVisibility,
  metadataArgs,
  type ProtectionKind,
  type SheetHost,
  type Span,
  shiftSpanAxis,
} from './spreadsheet-extras';
import {
  type CriteriaType,
  DataValidationCriteria,
  FakeDataValidation,
  FakeDataValidationBuilder,
  type RuleSpec,
  violatesValidation,
} from './spreadsheet-validation';
import {
  a1Notation,
  type CellValue,
  copyValue,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  type Interpreted,
  interpretInput,
  parseA1,
  shiftFormula,
} from './spreadsheet-values';

export { FakeUser } from './spreadsheet-extras';
export type { CellValue } from './spreadsheet-values';
export {
  a1Notation,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  interpretInput,
  PLAIN_TEXT_FORMAT,
  parseA1,
} from './spreadsheet-values';
export {
  DataValidationCriteria,
  FakeDataValidation,
  FakeDataValidationBuilder,
  FakeDeveloperMetadata,
  FakeDeveloperMetadataFinder,
  FakeProtection,
  FakeTextFinder,
  violatesValidation,
};

/** The value getValues() returns for a formula cell when no evaluator is installed. */
export const FORMULA_PLACEHOLDER = '#ERROR!';
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

type Style = Record<string, unknown>;

interface Cell {
  value: CellValue;
  formula?: string;
  format?: string;
  validation?: FakeDataValidation;
  note?: string;
  style?: Style;
}

/** Computes a formula cell's value, when installed on the spreadsheet. */
export type FormulaEvaluator = (formula: string, where: { sheet: FakeSheet; row: number; col: number }) => CellValue;

// ---------------------------------------------------------------------------------------------
// Plain-data view (playground, xlsx persistence)

export interface RangeRefData {
  sheet: string;
  row: number;
  col: number;
  numRows: number;
  numColumns: number;
}
export interface ValidationData {
  criteria: CriteriaType;
  /** Criteria arguments; a VALUE_IN_RANGE source range is written as `{ range: RangeRefData }`. */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}
export interface CellData {
  row: number;
  col: number;
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  validation?: ValidationData;
  note?: string;
  style?: Record<string, unknown>;
}
export interface ProtectionData {
  type: ProtectionKind;
  /** The protected block (RANGE protections only). */
  range?: { row: number; col: number; numRows: number; numColumns: number };
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotectedRanges?: { row: number; col: number; numRows: number; numColumns: number }[];
}
export interface MetadataData {
  key: string;
  value: string | null;
  visibility?: MetadataVisibility;
}
export interface SheetData {
  name: string;
  sheetId?: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor?: string | null;
  cells: CellData[];
  protections: ProtectionData[];
  metadata?: MetadataData[];
  columnWidths?: Record<number, number>;
}
export interface SpreadsheetData {
  name: string;
  timeZone: string;
  id?: string;
  activeSheet?: string;
  metadata?: MetadataData[];
  sheets: SheetData[];
}

// ---------------------------------------------------------------------------------------------

function paramsError(cls: string, method: string, args: unknown[]): GasException {
  const types = args.map((a) => (a === null ? 'null' : isDate(a) ? 'Date' : Array.isArray(a) ? 'Object[]' : typeof a));
  return new GasException(
    `The parameters (${types.join(',')}) don't match the method signature for SpreadsheetApp.${cls}.${method}.`,
  );
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function hasContent(c: Cell | undefined): boolean {
  return !!c && (c.formula !== undefined || c.value !== '');
}

function copyStyle(s: Style | undefined): Style | undefined {
  return s ? { ...s } : undefined;
}

/** A copy of a cell's formatting (number format, validation, style) for an inserted row/column. */
function formatOnly(c: Cell | undefined): Cell | undefined {
  if (!c || (c.format === undefined && !c.validation && !c.style)) return undefined;
  const out: Cell = { value: '' };
  if (c.format !== undefined) out.format = c.format;
  if (c.validation) out.validation = c.validation;
  if (c.style) out.style = copyStyle(c.style);
  return out;
}

function ruleToData(rule: FakeDataValidation): ValidationData {
  const s = rule.spec;
  return {
    criteria: s.criteria,
    values: s.args.map((a) => (a instanceof FakeRange ? { range: a.refData() } : copyArgDeep(a))),
    allowInvalid: s.allowInvalid,
    helpText: s.helpText,
  };
}

function copyArgDeep(a: unknown): unknown {
  if (isDate(a)) return new Date(a.getTime());
  if (Array.isArray(a)) return a.map(copyArgDeep);
  return a;
}

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
      sheets: this.sheets.map((s) => s.toData()),
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
      this.sheets[i].loadData(sd);
    });
    if (this.sheets.length === 0) this.addSheet('Sheet1', 0);
    this.active = this.sheets.find((s) => s.sheetName === data.activeSheet) ?? this.sheets[0];
  }

  /** @internal Turns plain validation data back into a rule. */
  ruleFromData(v: ValidationData): FakeDataValidation {
    const args = v.values.map((a) => {
      if (a && typeof a === 'object' && !Array.isArray(a) && !isDate(a) && 'range' in a) {
        const r = (a as { range: RangeRefData }).range;
        const sheet = this.sheets.find((s) => s.sheetName === r.sheet);
        if (!sheet) throw new Error(`validation refers to a missing sheet "${r.sheet}"`);
        return sheet.rangeAt(r.row, r.col, r.numRows, r.numColumns);
      }
      return copyArgDeep(a);
    });
    const spec: RuleSpec = { criteria: v.criteria, args, allowInvalid: v.allowInvalid, helpText: v.helpText };
    return new FakeDataValidation(this.env.counters, spec);
  }
}

// =============================================================================================

/** One sheet (tab): a grid of sparse cells. */
export class FakeSheet {
  /** @internal */ rows: (Cell | undefined)[][] = [];
  /** @internal */ maxRows = DEFAULT_MAX_ROWS;
  /** @internal */ maxCols = DEFAULT_MAX_COLUMNS;
  /** @internal */ frozenRows = 0;
  /** @internal */ frozenCols = 0;
  /** @internal */ hidden = false;
  /** @internal */ tabColor: string | null = null;
  /** @internal */ metadata: FakeDeveloperMetadata[] = [];
  /** @internal */ columnWidths = new Map<number, number>();
  /** @internal */ rowHeights = new Map<number, number>();
  /** @internal */ readonly host: SheetHost<FakeRange>;
  readonly env: Env;
  /** Cached content bounds; null after any change that may move them. */
  private bounds: { lastRow: number; lastCol: number } | null = null;

  constructor(
    readonly parent: FakeSpreadsheet,
    /** @internal */ public sheetName: string,
    /** @internal */ readonly sheetId: number,
  ) {
    this.env = parent.env;
    this.host = {
      env: this.env,
      name: () => this.sheetName,
      timeZone: () => this.parent.timeZone,
      rangeOf: (s: Span) => new FakeRange(this, s.row, s.col, s.numRows, s.numCols),
      contentBounds: () => this.contentBounds(),
      cellText: (r: number, c: number, formulaText: boolean) => {
        const cell = this.cell(r, c);
        if (formulaText && cell?.formula) return cell.formula;
        return this.displayAt(r, c);
      },
      hasFormula: (r: number, c: number) => this.cell(r, c)?.formula !== undefined,
      writeInput: (r: number, c: number, v: CellValue) => {
        this.writeCell(r, c, interpretInput(v, this.cell(r, c)?.format, this.parent.timeZone));
      },
    };
  }

  private k(method: string): void {
    this.env.counters.call(`Sheet.${method}`);
  }

  // --- cell store (uncounted internals) ----------------------------------------------------
  /** @internal */
  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }
  /** @internal Forgets the cached content bounds (call before mutating cells in place). */
  touch(): void {
    this.bounds = null;
  }
  /** @internal */
  cellForWrite(row: number, col: number): Cell {
    this.bounds = null;
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = { value: '' };
      r[col - 1] = c;
    }
    return c;
  }
  /** @internal The value a read returns (formulas evaluated; a copy). */
  valueAt(row: number, col: number): CellValue {
    const c = this.cell(row, col);
    if (!c) return '';
    if (c.formula !== undefined) {
      const ev = this.parent.formulaEvaluator;
      return ev ? copyValue(ev(c.formula, { sheet: this, row, col })) : FORMULA_PLACEHOLDER;
    }
    return copyValue(c.value);
  }
  /** @internal */
  displayAt(row: number, col: number): string {
    const c = this.cell(row, col);
    if (!c) return '';
    const v = c.formula !== undefined ? this.valueAt(row, col) : c.value;
    return displayValue(v, c.format, this.parent.timeZone);
  }
  /** @internal Writes interpreted content (no validation check). */
  writeCell(row: number, col: number, content: Interpreted): void {
    const c = this.cellForWrite(row, col);
    c.value = content.value;
    if (content.formula !== undefined) c.formula = content.formula;
    else delete c.formula;
  }
  /** @internal The rejection message for writing `value` to a cell, or null. */
  rejection(row: number, col: number, content: Interpreted, rangeCache?: Map<unknown, Set<string>>): string | null {
    const rule = this.cell(row, col)?.validation;
    if (!rule || rule.spec.allowInvalid || content.formula !== undefined) return null;
    if (!violatesValidation(content.value, rule, this.parent.timeZone, rangeCache)) return null;
    return `The data you entered in cell ${a1Notation(row, col)} violates the data validation rules set on this cell.`;
  }
  /** @internal Last row and column holding a value or formula (0 when the sheet is empty). */
  contentBounds(): { lastRow: number; lastCol: number } {
    if (this.bounds) return { ...this.bounds };
    let lastRow = 0;
    let lastCol = 0;
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = row.length - 1; c >= 0; c--) {
        if (hasContent(row[c])) {
          if (lastRow === 0) lastRow = r + 1;
          if (c + 1 > lastCol) lastCol = c + 1;
          break;
        }
      }
    }
    this.bounds = { lastRow, lastCol };
    return { lastRow, lastCol };
  }
  /** @internal */
  index(): number {
    return this.parent.sheets.indexOf(this);
  }
  /** @internal A range, bounds-checked like Sheet.getRange. */
  rangeAt(row: unknown, col: unknown, numRows: unknown = 1, numCols: unknown = 1): FakeRange {
    if (!isCount(row) || !isCount(col) || !isCount(numRows) || !isCount(numCols)) {
      throw paramsError('Sheet', 'getRange', [row, col, numRows, numCols]);
    }
    if (row < 1) throw new GasException('The starting row of the range is too small.');
    if (col < 1) throw new GasException('The starting column of the range is too small.');
    if (numRows < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new GasException('The number of columns in the range must be at least 1.');
    const r = Math.floor(row);
    const c = Math.floor(col);
    const nr = Math.floor(numRows);
    const nc = Math.floor(numCols);
    if (r + nr - 1 > this.maxRows || c + nc - 1 > this.maxCols) {
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, r, c, nr, nc);
  }
  /** @internal */
  rangeFromRef(ref: ReturnType<typeof parseA1>): FakeRange {
    const startRow = ref.startRow ?? 1;
    const startCol = ref.startCol ?? 1;
    const endRow = ref.endRow ?? this.maxRows;
    const endCol = ref.endCol ?? this.maxCols;
    return this.rangeAt(startRow, startCol, endRow - startRow + 1, endCol - startCol + 1);
  }
  /** @internal */
  dataRange(): FakeRange {
    const b = this.contentBounds();
    return new FakeRange(this, 1, 1, Math.max(1, b.lastRow), Math.max(1, b.lastCol));
  }

  // --- identity -----------------------------------------------------------------------------
  getName(): string {
    this.k('getName');
    return this.sheetName;
  }
  setName(name: string): this {
    this.k('setName');
    const n = String(name);
    if (n === '') throw new GasException('Sheet names cannot be empty.');
    if (this.parent.nameTaken(n, this)) {
      throw new GasException(`A sheet with the name "${n}" already exists. Please enter another name.`);
    }
    this.sheetName = n;
    return this;
  }
  /** 1-based position among the tabs. */
  getIndex(): number {
    this.k('getIndex');
    return this.index() + 1;
  }
  getSheetId(): number {
    this.k('getSheetId');
    return this.sheetId;
  }
  getParent(): FakeSpreadsheet {
    this.k('getParent');
    return this.parent;
  }
  getType(): string {
    this.k('getType');
    return 'GRID';
  }
  activate(): this {
    this.k('activate');
    this.parent.active = this;
    this.hidden = false;
    return this;
  }
  hideSheet(): this {
    this.k('hideSheet');
    if (!this.hidden && this.parent.sheets.filter((s) => !s.hidden).length === 1) {
      throw new GasException("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }
  showSheet(): this {
    this.k('showSheet');
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.k('isSheetHidden');
    return this.hidden;
  }
  setTabColor(color: string | null): this {
    this.k('setTabColor');
    this.tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    this.k('getTabColor');
    return this.tabColor;
  }

  // --- ranges -------------------------------------------------------------------------------
  /** getRange(row, column[, numRows[, numColumns]]) (1-based) or getRange(a1Notation). */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.k('getRange');
    if (typeof rowOrA1 === 'string') {
      const ref = parseA1(rowOrA1);
      if (ref.sheetName !== undefined && ref.sheetName !== this.sheetName) throw new GasException('Range not found');
      return this.rangeFromRef(ref);
    }
    return this.rangeAt(rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): FakeRange {
    this.k('getDataRange');
    return this.dataRange();
  }
  getActiveRange(): FakeRange {
    this.k('getActiveRange');
    const ar = this.parent.activeRange;
    return ar && ar.sheet === this ? ar : this.rangeAt(1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    this.k('setActiveRange');
    this.parent.active = this;
    this.parent.activeRange = range;
    return range;
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): CellValue[][] {
    this.k('getSheetValues');
    const b = this.contentBounds();
    const nr = numRows === -1 ? b.lastRow - startRow + 1 : numRows;
    const nc = numColumns === -1 ? b.lastCol - startColumn + 1 : numColumns;
    return this.rangeAt(startRow, startColumn, nr, nc).readValues();
  }
  /** Last row with a value or formula; 0 on an empty sheet. */
  getLastRow(): number {
    this.k('getLastRow');
    return this.contentBounds().lastRow;
  }
  /** Last column with a value or formula; 0 on an empty sheet. */
  getLastColumn(): number {
    this.k('getLastColumn');
    return this.contentBounds().lastCol;
  }
  getMaxRows(): number {
    this.k('getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.k('getMaxColumns');
    return this.maxCols;
  }

  /** Writes after the last row with content; the sheet grows when it is full. */
  appendRow(rowContents: unknown[]): this {
    this.k('appendRow');
    if (!Array.isArray(rowContents)) throw paramsError('Sheet', 'appendRow', [rowContents]);
    const row = this.contentBounds().lastRow + 1;
    const contents = rowContents.map((v, i) => interpretInput(v, this.cell(row, i + 1)?.format, this.parent.timeZone));
    const rangeCache = new Map<unknown, Set<string>>();
    contents.forEach((c, i) => {
      const msg = this.rejection(row, i + 1, c, rangeCache);
      if (msg) throw new GasException(msg);
    });
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxCols) this.maxCols = rowContents.length;
    contents.forEach((c, i) => {
      this.writeCell(row, i + 1, c);
    });
    this.env.counters.wrote(rowContents.length);
    return this;
  }

  // --- rows and columns ----------------------------------------------------------------------
  /** @internal Inserts `n` rows so the first new one is row `at`; they copy formatting of `from`. */
  insertRowsAt(at: number, n: number, from: number | null): void {
    this.touch();
    if (!isCount(at) || !isCount(n) || n < 1) throw paramsError('Sheet', 'insertRows', [at, n]);
    if (at < 1 || at > this.maxRows + 1) throw new GasException('Those rows are out of bounds.');
    const template = from !== null ? this.rows[from - 1] : undefined;
    const newRows = Array.from({ length: n }, () => (template ? template.map(formatOnly) : undefined));
    if (this.rows.length >= at - 1) this.rows.splice(at - 1, 0, ...(newRows as (Cell | undefined)[][]));
    else if (template) for (let i = 0; i < n; i++) this.rows[at - 1 + i] = template.map(formatOnly);
    this.maxRows += n;
    if (at <= this.frozenRows) this.frozenRows += n;
    this.shiftProtections('row', at, n);
  }
  /** @internal */
  deleteRowsAt(pos: number, n: number): void {
    this.touch();
    if (!isCount(pos) || !isCount(n) || n < 1) throw paramsError('Sheet', 'deleteRows', [pos, n]);
    if (pos < 1 || pos + n - 1 > this.maxRows) throw new GasException('Those rows are out of bounds.');
    if (this.maxRows - n < Math.max(1, this.frozenRows + 1) && n >= this.maxRows - this.frozenRows) {
      throw new GasException('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.rows.splice(pos - 1, n);
    this.maxRows -= n;
    this.shiftProtections('row', pos, -n);
  }
  /** @internal */
  insertColumnsAt(at: number, n: number, from: number | null): void {
    this.touch();
    if (!isCount(at) || !isCount(n) || n < 1) throw paramsError('Sheet', 'insertColumns', [at, n]);
    if (at < 1 || at > this.maxCols + 1) throw new GasException('Those columns are out of bounds.');
    for (const row of this.rows) {
      if (!row) continue;
      const template = from !== null ? row[from - 1] : undefined;
      const cells = Array.from({ length: n }, () => formatOnly(template));
      if (row.length >= at - 1) row.splice(at - 1, 0, ...cells);
      else if (template) for (let i = 0; i < n; i++) row[at - 1 + i] = formatOnly(template);
    }
    this.maxCols += n;
    if (at <= this.frozenCols) this.frozenCols += n;
    const widths = new Map<number, number>();
    for (const [c, w] of this.columnWidths) widths.set(c >= at ? c + n : c, w);
    this.columnWidths = widths;
    this.shiftProtections('col', at, n);
  }
  /** @internal */
  deleteColumnsAt(pos: number, n: number): void {
    this.touch();
    if (!isCount(pos) || !isCount(n) || n < 1) throw paramsError('Sheet', 'deleteColumns', [pos, n]);
    if (pos < 1 || pos + n - 1 > this.maxCols) throw new GasException('Those columns are out of bounds.');
    if (n >= this.maxCols - this.frozenCols) {
      throw new GasException('Sorry, it is not possible to delete all non-frozen columns.');
    }
    for (const row of this.rows) if (row) row.splice(pos - 1, n);
    this.maxCols -= n;
    const widths = new Map<number, number>();
    for (const [c, w] of this.columnWidths) {
      if (c < pos) widths.set(c, w);
      else if (c >= pos + n) widths.set(c - n, w);
    }
    this.columnWidths = widths;
    this.shiftProtections('col', pos, -n);
  }
  private shiftProtections(axis: 'row' | 'col', at: number, count: number): void {
    const shift = (s: Span): Span | null => {
      if (axis === 'row') {
        const r = shiftSpanAxis(s.row, s.numRows, at, count);
        return r ? { ...s, row: r[0], numRows: r[1] } : null;
      }
      const c = shiftSpanAxis(s.col, s.numCols, at, count);
      return c ? { ...s, col: c[0], numCols: c[1] } : null;
    };
    for (const p of [...this.parent.protections]) {
      if (p.host !== this.host) continue;
      p.unprotected = p.unprotected.map(shift).filter((s): s is Span => s !== null);
      if (!p.span) continue;
      const s = shift(p.span);
      if (s) p.span = s;
      else this.parent.protections.splice(this.parent.protections.indexOf(p), 1);
    }
  }

  insertRowAfter(afterPosition: number): this {
    this.k('insertRowAfter');
    this.insertRowsAt(afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    this.k('insertRowBefore');
    this.insertRowsAt(beforePosition, 1, beforePosition);
    return this;
  }
  /** New rows take the formatting (number format, validation, style) of row `afterPosition`. */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.k('insertRowsAfter');
    this.insertRowsAt(afterPosition + 1, howMany, afterPosition);
    return this;
  }
  /** New rows take the formatting of the row they are inserted before. */
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.k('insertRowsBefore');
    this.insertRowsAt(beforePosition, howMany, beforePosition);
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.k('insertRows');
    this.insertRowsAt(rowIndex, numRows, rowIndex);
  }
  insertColumnAfter(afterPosition: number): this {
    this.k('insertColumnAfter');
    this.insertColumnsAt(afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    this.k('insertColumnBefore');
    this.insertColumnsAt(beforePosition, 1, beforePosition);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.k('insertColumnsAfter');
    this.insertColumnsAt(afterPosition + 1, howMany, afterPosition);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.k('insertColumnsBefore');
    this.insertColumnsAt(beforePosition, howMany, beforePosition);
    return this;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.k('insertColumns');
    this.insertColumnsAt(columnIndex, numColumns, columnIndex);
  }
  deleteRow(rowPosition: number): this {
    this.k('deleteRow');
    this.deleteRowsAt(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.k('deleteRows');
    this.deleteRowsAt(rowPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.k('deleteColumn');
    this.deleteColumnsAt(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.k('deleteColumns');
    this.deleteColumnsAt(columnPosition, howMany);
  }

  // --- whole-sheet operations -------------------------------------------------------------------
  /** Clears contents and formats (and validation rules and notes). */
  clear(options?: ClearOptions): this {
    this.k('clear');
    new FakeRange(this, 1, 1, this.maxRows, this.maxCols).clearCells(options);
    return this;
  }
  clearContents(): this {
    this.k('clearContents');
    new FakeRange(this, 1, 1, this.maxRows, this.maxCols).clearCells({ contentsOnly: true });
    return this;
  }
  clearFormats(): this {
    this.k('clearFormats');
    new FakeRange(this, 1, 1, this.maxRows, this.maxCols).clearCells({ formatOnly: true });
    return this;
  }
  clearNotes(): this {
    this.k('clearNotes');
    new FakeRange(this, 1, 1, this.maxRows, this.maxCols).clearCells({ commentsOnly: true });
    return this;
  }
  /** Sorts the rows below the frozen rows by one column. */
  sort(columnPosition: number, ascending = true): this {
    this.k('sort');
    const b = this.contentBounds();
    const first = this.frozenRows + 1;
    if (b.lastRow >= first) {
      new FakeRange(this, first, 1, b.lastRow - first + 1, Math.max(1, b.lastCol, this.maxCols)).sortRows([
        { column: columnPosition, ascending },
      ]);
    }
    return this;
  }

  // --- frozen panes ------------------------------------------------------------------------------
  setFrozenRows(rows: number): void {
    this.k('setFrozenRows');
    if (!isCount(rows) || rows < 0) throw paramsError('Sheet', 'setFrozenRows', [rows]);
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.k('getFrozenRows');
    return this.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.k('setFrozenColumns');
    if (!isCount(columns) || columns < 0) throw paramsError('Sheet', 'setFrozenColumns', [columns]);
    this.frozenCols = columns;
  }
  getFrozenColumns(): number {
    this.k('getFrozenColumns');
    return this.frozenCols;
  }

  // --- sizes and visibility (stored, no visual effect) ------------------------------------------
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.k('autoResizeColumns');
    void startColumn;
    void numColumns;
    return this;
  }
  autoResizeColumn(columnPosition: number): this {
    this.k('autoResizeColumn');
    void columnPosition;
    return this;
  }
  autoResizeRows(startRow: number, numRows: number): this {
    this.k('autoResizeRows');
    void startRow;
    void numRows;
    return this;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.k('setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.k('setColumnWidths');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.k('getColumnWidth');
    return this.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  setRowHeight(rowPosition: number, height: number): this {
    this.k('setRowHeight');
    this.rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    this.k('setRowHeights');
    for (let r = startRow; r < startRow + numRows; r++) this.rowHeights.set(r, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    this.k('getRowHeight');
    return this.rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.k('hideColumns');
    void columnIndex;
    void numColumns;
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.k('showColumns');
    void columnIndex;
    void numColumns;
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.k('hideRows');
    void rowIndex;
    void numRows;
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.k('showRows');
    void rowIndex;
    void numRows;
  }

  // --- protection, finder, metadata --------------------------------------------------------------
  /** The sheet's protection; an existing one is returned rather than a second created. */
  protect(): FakeProtection<FakeRange> {
    this.k('protect');
    const existing = this.parent.protections.find((p) => p.host === this.host && p.kind === 'SHEET');
    if (existing) return existing;
    return this.newProtection('SHEET', null);
  }
  /** @internal */
  newProtection(kind: ProtectionKind, span: Span | null): FakeProtection<FakeRange> {
    const p = new FakeProtection<FakeRange>(this.host, kind, span, (x) => {
      const i = this.parent.protections.indexOf(x);
      if (i >= 0) this.parent.protections.splice(i, 1);
    });
    this.parent.protections.push(p);
    return p;
  }
  getProtections(type: ProtectionKind): FakeProtection<FakeRange>[] {
    this.k('getProtections');
    return this.parent.protections.filter((p) => p.host === this.host && p.kind === type);
  }
  createTextFinder(findText: string): FakeTextFinder<FakeRange> {
    this.k('createTextFinder');
    return new FakeTextFinder(this.env, [{ host: this.host, span: null }], String(findText));
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): this {
    this.k('addDeveloperMetadata');
    const a = metadataArgs(value, visibility);
    this.metadata.push(
      new FakeDeveloperMetadata(
        this.env,
        this.metadata,
        this.parent.nextMetadataId++,
        String(key),
        a.value,
        a.visibility,
        () => this.sheetName,
      ),
    );
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.k('getDeveloperMetadata');
    return [...this.metadata];
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.k('createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.env, () => [...this.metadata]);
  }

  // --- playground access (uncounted) -----------------------------------------------------------
  /** All values up to the last row/column with content (copies; formulas evaluated). */
  peekValues(): CellValue[][] {
    const b = this.contentBounds();
    return new FakeRange(this, 1, 1, Math.max(1, b.lastRow), Math.max(1, b.lastCol)).readValues(b.lastRow === 0);
  }
  /** The display text of every cell up to the last row/column with content. */
  peekDisplayValues(): string[][] {
    const b = this.contentBounds();
    if (b.lastRow === 0) return [];
    return new FakeRange(this, 1, 1, b.lastRow, b.lastCol).peekDisplayValues();
  }
  /** Everything about one cell. */
  peekCell(
    row: number,
    col: number,
  ): {
    value: CellValue;
    display: string;
    formula: string | null;
    numberFormat: string;
    validation: ValidationData | null;
    note: string;
  } {
    const c = this.cell(row, col);
    return {
      value: this.valueAt(row, col),
      display: this.displayAt(row, col),
      formula: c?.formula ?? null,
      numberFormat: c?.format ?? DEFAULT_NUMBER_FORMAT,
      validation: c?.validation ? ruleToData(c.validation) : null,
      note: c?.note ?? '',
    };
  }
  /**
   * Applies an edit as a user typing into the cell would (uncounted): the input is interpreted,
   * a "reject input" validation rule refuses it (its help text, or Sheets' standard message, is
   * returned), and with `asUser` a protection the user may not edit refuses it too.
   * Returns null when the edit was applied.
   */
  userEdit(row: number, col: number, value: unknown, asUser?: string): string | null {
    if (row < 1 || col < 1 || row > this.maxRows || col > this.maxCols) {
      return 'The coordinates of the range are outside the dimensions of the sheet.';
    }
    if (asUser !== undefined) {
      const blocked = this.parent.protections.find(
        (p) => p.host === this.host && p.covers(row, col) && !p.canUserEdit(asUser),
      );
      if (blocked) {
        return "You're trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";
      }
    }
    const cell = this.cell(row, col);
    const content = interpretInput(value, cell?.format, this.parent.timeZone);
    const msg = this.rejection(row, col, content);
    if (msg) return cell?.validation?.spec.helpText || msg;
    this.writeCell(row, col, content);
    return null;
  }

  /** @internal */
  toData(): SheetData {
    const cells: CellData[] = [];
    this.rows.forEach((row, ri) => {
      row?.forEach((c, ci) => {
        if (!c) return;
        if (!hasContent(c) && c.format === undefined && !c.validation && c.note === undefined && !c.style) return;
        const d: CellData = { row: ri + 1, col: ci + 1, value: copyValue(c.value) };
        if (c.formula !== undefined) d.formula = c.formula;
        if (c.format !== undefined) d.numberFormat = c.format;
        if (c.validation) d.validation = ruleToData(c.validation);
        if (c.note !== undefined) d.note = c.note;
        if (c.style) d.style = { ...c.style };
        cells.push(d);
      });
    });
    const spanData = (s: Span) => ({ row: s.row, col: s.col, numRows: s.numRows, numColumns: s.numCols });
    return {
      name: this.sheetName,
      sheetId: this.sheetId,
      maxRows: this.maxRows,
      maxColumns: this.maxCols,
      frozenRows: this.frozenRows,
      frozenColumns: this.frozenCols,
      hidden: this.hidden,
      tabColor: this.tabColor,
      cells,
      protections: this.parent.protections
        .filter((p) => p.host === this.host)
        .map((p) => {
          const d: ProtectionData = {
            type: p.kind,
            description: p.description,
            warningOnly: p.warningOnly,
            editors: [...p.editors],
          };
          if (p.span) d.range = spanData(p.span);
          if (p.unprotected.length) d.unprotectedRanges = p.unprotected.map(spanData);
          return d;
        }),
      metadata: this.metadata.map((m) => ({ key: m.key, value: m.value, visibility: m.visibility })),
      columnWidths: Object.fromEntries(this.columnWidths),
    };
  }

  /** @internal */
  loadData(d: SheetData): void {
    this.maxRows = d.maxRows;
    this.maxCols = d.maxColumns;
    this.frozenRows = d.frozenRows ?? 0;
    this.frozenCols = d.frozenColumns ?? 0;
    this.hidden = !!d.hidden;
    this.tabColor = d.tabColor ?? null;
    this.rows = [];
    this.touch();
    const rules = new Map<string, FakeDataValidation>();
    for (const cd of d.cells) {
      const c = this.cellForWrite(cd.row, cd.col);
      c.value = copyValue(cd.value ?? '');
      if (cd.formula !== undefined) c.formula = cd.formula;
      if (cd.numberFormat !== undefined) c.format = cd.numberFormat;
      if (cd.note !== undefined) c.note = cd.note;
      if (cd.style) c.style = { ...cd.style };
      if (cd.validation) {
        const key = JSON.stringify(cd.validation);
        let rule = rules.get(key);
        if (!rule) {
          rule = this.parent.ruleFromData(cd.validation);
          rules.set(key, rule);
        }
        c.validation = rule;
      }
    }
    const toSpan = (r: { row: number; col: number; numRows: number; numColumns: number }): Span => ({
      row: r.row,
      col: r.col,
      numRows: r.numRows,
      numCols: r.numColumns,
    });
    for (const pd of d.protections ?? []) {
      const p = this.newProtection(pd.type, pd.type === 'RANGE' && pd.range ? toSpan(pd.range) : null);
      p.description = pd.description ?? '';
      p.warningOnly = !!pd.warningOnly;
      p.editors = [...new Set([this.env.userEmail, ...(pd.editors ?? [])])];
      p.unprotected = (pd.unprotectedRanges ?? []).map(toSpan);
    }
    this.metadata = [];
    for (const m of d.metadata ?? []) {
      this.metadata.push(
        new FakeDeveloperMetadata(
          this.env,
          this.metadata,
          this.parent.nextMetadataId++,
          m.key,
          m.value,
          m.visibility ?? 'DOCUMENT',
          () => this.sheetName,
        ),
      );
    }
    this.columnWidths = new Map(Object.entries(d.columnWidths ?? {}).map(([k, v]) => [Number(k), v]));
  }
}

/** Options of Range.clear(options) / Sheet.clear(options). */
export interface ClearOptions {
  commentsOnly?: boolean;
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  skipFilteredRows?: boolean;
}

/** A sort spec: a column number, {column, ascending}, or a list of them. */
type SortSpec = number | { column: number; ascending?: boolean } | (number | { column: number; ascending?: boolean })[];

function sortRank(v: CellValue): number {
  if (v === '') return 3;
  if (typeof v === 'number' || isDate(v)) return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compareCells(a: CellValue, b: CellValue): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return Number(a) - Number(b);
  if (ra === 1) return String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
  if (ra === 2) return Number(a) - Number(b);
  return 0;
}

// =============================================================================================

/** A block of cells of one sheet. Its coordinates are fixed when it is created. */
export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}

  private get env(): Env {
    return this.sheet.env;
  }
  private k(method: string): void {
    this.sheet.env.counters.call(`Range.${method}`);
  }
  private read(method: string): void {
    this.k(method);
    this.env.counters.read(this.numRows * this.numCols);
  }
  /** @internal */
  span(): Span {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }
  /** @internal */
  refData(): RangeRefData {
    return {
      sheet: this.sheet.sheetName,
      row: this.row,
      col: this.col,
      numRows: this.numRows,
      numColumns: this.numCols,
    };
  }
  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) for (let j = 0; j < this.numCols; j++) fn(this.row + i, this.col + j, i, j);
  }
  private grid<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j++) line.push(fn(this.row + i, this.col + j));
      out.push(line);
    }
    return out;
  }
  /** @internal Uncounted read of the values (an empty grid when `empty`). */
  readValues(empty = false): CellValue[][] {
    if (empty) return [];
    return this.grid((r, c) => this.sheet.valueAt(r, c));
  }
  /** Uncounted display text of the cells (used by VALUE_IN_RANGE validation and the playground). */
  peekDisplayValues(): string[][] {
    return this.grid((r, c) => this.sheet.displayAt(r, c));
  }
  private checkGrid(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) throw paramsError('Range', method, [data]);
    if (data.length !== this.numRows) {
      throw new GasException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this.numCols) {
        throw new GasException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numCols}.`,
        );
      }
    }
    return data as unknown[][];
  }
  /** Interprets a grid of inputs, checks validation for all cells first, then writes them all. */
  private writeContents(contents: Interpreted[][]): void {
    const rangeCache = new Map<unknown, Set<string>>();
    this.each((r, c, i, j) => {
      const msg = this.sheet.rejection(r, c, contents[i][j], rangeCache);
      if (msg) throw new GasException(msg);
    });
    this.each((r, c, i, j) => {
      this.sheet.writeCell(r, c, contents[i][j]);
    });
    this.env.counters.wrote(this.numRows * this.numCols);
  }
  private interpret(r: number, c: number, v: unknown): Interpreted {
    return interpretInput(v, this.sheet.cell(r, c)?.format, this.sheet.parent.timeZone);
  }

  // --- geometry -----------------------------------------------------------------------------
  getRow(): number {
    this.k('getRow');
    return this.row;
  }
  getColumn(): number {
    this.k('getColumn');
    return this.col;
  }
  getNumRows(): number {
    this.k('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.k('getNumColumns');
    return this.numCols;
  }
  getHeight(): number {
    this.k('getHeight');
    return this.numRows;
  }
  getWidth(): number {
    this.k('getWidth');
    return this.numCols;
  }
  /** The range's own last row (not the sheet's last row with content). */
  getLastRow(): number {
    this.k('getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.k('getLastColumn');
    return this.col + this.numCols - 1;
  }
  getA1Notation(): string {
    this.k('getA1Notation');
    return a1Notation(this.row, this.col, this.numRows, this.numCols);
  }
  getSheet(): FakeSheet {
    this.k('getSheet');
    return this.sheet;
  }
  getGridId(): number {
    this.k('getGridId');
    return this.sheet.sheetId;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    this.k('offset');
    return this.sheet.rangeAt(
      this.row + rowOffset,
      this.col + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numCols,
    );
  }
  /** A cell of this range, 1-based relative to its top-left corner. */
  getCell(row: number, column: number): FakeRange {
    this.k('getCell');
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols) {
      throw new GasException('Cell reference out of range');
    }
    return new FakeRange(this.sheet, this.row + row - 1, this.col + column - 1, 1, 1);
  }
  activate(): this {
    this.k('activate');
    this.sheet.parent.active = this.sheet;
    this.sheet.parent.activeRange = this;
    return this;
  }
  isBlank(): boolean {
    this.k('isBlank');
    let blank = true;
    this.each((r, c) => {
      if (hasContent(this.sheet.cell(r, c))) blank = false;
    });
    return blank;
  }

  // --- values -------------------------------------------------------------------------------
  /** A fresh grid: '' for blank cells, numbers, booleans, Date copies, strings. */
  getValues(): CellValue[][] {
    this.read('getValues');
    return this.grid((r, c) => this.outValue(this.sheet.valueAt(r, c)));
  }
  getValue(): CellValue {
    this.k('getValue');
    this.env.counters.read(1);
    return this.outValue(this.sheet.valueAt(this.row, this.col));
  }
  /** Dates handed to the script are made with the runtime's Date (instanceof holds in the bundle). */
  private outValue(v: CellValue): CellValue {
    return isDate(v) ? new this.env.clock.FakeDate(v.getTime()) : v;
  }
  getDisplayValues(): string[][] {
    this.read('getDisplayValues');
    return this.peekDisplayValues();
  }
  getDisplayValue(): string {
    this.k('getDisplayValue');
    this.env.counters.read(1);
    return this.sheet.displayAt(this.row, this.col);
  }
  setValues(values: unknown[][]): this {
    this.k('setValues');
    const data = this.checkGrid('setValues', values);
    this.writeContents(this.grid((r, c) => this.interpret(r, c, data[r - this.row][c - this.col])));
    return this;
  }
  /** Sets every cell of the range to the value. */
  setValue(value: unknown): this {
    this.k('setValue');
    if (Array.isArray(value)) throw paramsError('Range', 'setValue', [value]);
    this.writeContents(this.grid((r, c) => this.interpret(r, c, value)));
    return this;
  }
  getFormulas(): string[][] {
    this.read('getFormulas');
    return this.grid((r, c) => this.sheet.cell(r, c)?.formula ?? '');
  }
  getFormula(): string {
    this.k('getFormula');
    this.env.counters.read(1);
    return this.sheet.cell(this.row, this.col)?.formula ?? '';
  }
  /** Sets the formula on every cell; relative references shift per cell, as in Sheets. */
  setFormula(formula: string): this {
    this.k('setFormula');
    const f = String(formula);
    this.writeContents(
      this.grid((r, c) =>
        f.startsWith('=')
          ? { value: '', formula: shiftFormula(f, r - this.row, c - this.col) }
          : this.interpret(r, c, f),
      ),
    );
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.k('setFormulas');
    const data = this.checkGrid('setFormulas', formulas);
    this.writeContents(
      this.grid((r, c) => {
        const f = data[r - this.row][c - this.col];
        return typeof f === 'string' && f.startsWith('=') ? { value: '', formula: f } : this.interpret(r, c, f);
      }),
    );
    return this;
  }

  // --- number formats -----------------------------------------------------------------------
  /** Unformatted cells report '0.###############', as in Sheets. */
  getNumberFormat(): string {
    this.k('getNumberFormat');
    this.env.counters.read(1);
    return this.sheet.cell(this.row, this.col)?.format ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.read('getNumberFormats');
    return this.grid((r, c) => this.sheet.cell(r, c)?.format ?? DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormat(numberFormat: string): this {
    this.k('setNumberFormat');
    this.each((r, c) => {
      this.sheet.cellForWrite(r, c).format = String(numberFormat);
    });
    return this;
  }
  setNumberFormats(numberFormats: string[][]): this {
    this.k('setNumberFormats');
    const data = this.checkGrid('setNumberFormats', numberFormats);
    this.each((r, c, i, j) => {
      this.sheet.cellForWrite(r, c).format = String(data[i][j]);
    });
    return this;
  }

  // --- clearing -----------------------------------------------------------------------------
  /** @internal */
  clearCells(options?: ClearOptions): void {
    const o = options ?? {};
    const only = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    this.sheet.touch();
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (!cell) return;
      if (!only || o.contentsOnly) {
        cell.value = '';
        delete cell.formula;
      }
      if (!only || o.formatOnly) {
        delete cell.format;
        delete cell.style;
      }
      if (!only || o.validationsOnly) delete cell.validation;
      if (!only || o.commentsOnly) delete cell.note;
    });
  }
  /** Clears contents, formats, data validation rules and notes (options narrow it). */
  clear(options?: ClearOptions): this {
    this.k('clear');
    this.clearCells(options);
    if (!options || options.contentsOnly) this.env.counters.wrote(this.numRows * this.numCols);
    return this;
  }
  clearContent(): this {
    this.k('clearContent');
    this.clearCells({ contentsOnly: true });
    this.env.counters.wrote(this.numRows * this.numCols);
    return this;
  }
  clearFormat(): this {
    this.k('clearFormat');
    this.clearCells({ formatOnly: true });
    return this;
  }
  clearDataValidations(): this {
    this.k('clearDataValidations');
    this.clearCells({ validationsOnly: true });
    return this;
  }
  clearNote(): this {
    this.k('clearNote');
    this.clearCells({ commentsOnly: true });
    return this;
  }

  // --- data validation ----------------------------------------------------------------------
  getDataValidation(): FakeDataValidation | null {
    this.k('getDataValidation');
    this.env.counters.read(1);
    return this.sheet.cell(this.row, this.col)?.validation ?? null;
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    this.read('getDataValidations');
    return this.grid((r, c) => this.sheet.cell(r, c)?.validation ?? null);
  }
  /** Sets (or, with null, removes) the rule of every cell. Existing values are not re-checked. */
  setDataValidation(rule: FakeDataValidation | null): this {
    this.k('setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation)) throw paramsError('Range', 'setDataValidation', [rule]);
    this.each((r, c) => {
      if (rule) this.sheet.cellForWrite(r, c).validation = rule;
      else {
        const cell = this.sheet.cell(r, c);
        if (cell) delete cell.validation;
      }
    });
    return this;
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    this.k('setDataValidations');
    const data = this.checkGrid('setDataValidations', rules) as (FakeDataValidation | null)[][];
    this.each((r, c, i, j) => {
      const rule = data[i][j];
      if (rule) this.sheet.cellForWrite(r, c).validation = rule;
      else {
        const cell = this.sheet.cell(r, c);
        if (cell) delete cell.validation;
      }
    });
    return this;
  }
  /** Checkbox validation on every cell; blank cells become FALSE (or the unchecked value). */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    this.k('insertCheckboxes');
    const args =
      checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    const rule = new FakeDataValidation(this.env.counters, {
      criteria: 'CHECKBOX',
      args,
      allowInvalid: false,
      helpText: null,
    });
    this.each((r, c) => {
      const cell = this.sheet.cellForWrite(r, c);
      cell.validation = rule;
      if (!hasContent(cell) && args.length !== 1)
        cell.value = args.length === 2 ? (uncheckedValue as CellValue) : false;
    });
    return this;
  }
  removeCheckboxes(): this {
    this.k('removeCheckboxes');
    this.sheet.touch();
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (cell?.validation?.spec.criteria === 'CHECKBOX') {
        delete cell.validation;
        cell.value = '';
      }
    });
    return this;
  }
  check(): this {
    this.k('check');
    this.each((r, c) => {
      const rule = this.sheet.cell(r, c)?.validation;
      if (rule?.spec.criteria === 'CHECKBOX')
        this.sheet.writeCell(r, c, { value: (rule.spec.args[0] as CellValue) ?? true });
    });
    return this;
  }
  uncheck(): this {
    this.k('uncheck');
    this.each((r, c) => {
      const rule = this.sheet.cell(r, c)?.validation;
      if (rule?.spec.criteria === 'CHECKBOX') {
        const a = rule.spec.args;
        this.sheet.writeCell(r, c, { value: a.length === 0 ? false : a.length === 1 ? '' : (a[1] as CellValue) });
      }
    });
    return this;
  }

  // --- protection, finder -------------------------------------------------------------------
  protect(): FakeProtection<FakeRange> {
    this.k('protect');
    return this.sheet.newProtection('RANGE', this.span());
  }
  createTextFinder(findText: string): FakeTextFinder<FakeRange> {
    this.k('createTextFinder');
    return new FakeTextFinder(this.env, [{ host: this.sheet.host, span: this.span() }], String(findText));
  }

  // --- notes and styles (stored, no visual effect) -------------------------------------------
  setNote(note: string | null): this {
    this.k('setNote');
    this.each((r, c) => {
      if (note === null || note === '') {
        const cell = this.sheet.cell(r, c);
        if (cell) delete cell.note;
      } else this.sheet.cellForWrite(r, c).note = String(note);
    });
    return this;
  }
  setNotes(notes: (string | null)[][]): this {
    this.k('setNotes');
    const data = this.checkGrid('setNotes', notes);
    this.each((r, c, i, j) => {
      const n = data[i][j];
      if (n === null || n === '') {
        const cell = this.sheet.cell(r, c);
        if (cell) delete cell.note;
      } else this.sheet.cellForWrite(r, c).note = String(n);
    });
    return this;
  }
  getNote(): string {
    this.k('getNote');
    this.env.counters.read(1);
    return this.sheet.cell(this.row, this.col)?.note ?? '';
  }
  getNotes(): string[][] {
    this.read('getNotes');
    return this.grid((r, c) => this.sheet.cell(r, c)?.note ?? '');
  }
  private setStyle(method: string, key: string, value: unknown): this {
    this.k(method);
    this.each((r, c) => {
      const cell = this.sheet.cellForWrite(r, c);
      cell.style = { ...cell.style, [key]: value };
    });
    return this;
  }
  private setStyles(method: string, key: string, values: unknown[][]): this {
    this.k(method);
    const data = this.checkGrid(method, values);
    this.each((r, c, i, j) => {
      const cell = this.sheet.cellForWrite(r, c);
      cell.style = { ...cell.style, [key]: data[i][j] };
    });
    return this;
  }
  private getStyle<T>(method: string, key: string, dflt: T): T {
    this.k(method);
    this.env.counters.read(1);
    return (this.sheet.cell(this.row, this.col)?.style?.[key] as T) ?? dflt;
  }
  private getStyles<T>(method: string, key: string, dflt: T): T[][] {
    this.read(method);
    return this.grid((r, c) => (this.sheet.cell(r, c)?.style?.[key] as T) ?? dflt);
  }
  setBackground(color: string | null): this {
    return this.setStyle('setBackground', 'background', color);
  }
  setBackgrounds(color: (string | null)[][]): this {
    return this.setStyles('setBackgrounds', 'background', color);
  }
  getBackground(): string {
    return this.getStyle('getBackground', 'background', '#ffffff');
  }
  getBackgrounds(): string[][] {
    return this.getStyles('getBackgrounds', 'background', '#ffffff');
  }
  setFontWeight(fontWeight: string | null): this {
    return this.setStyle('setFontWeight', 'fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: (string | null)[][]): this {
    return this.setStyles('setFontWeights', 'fontWeight', fontWeights);
  }
  getFontWeight(): string {
    return this.getStyle('getFontWeight', 'fontWeight', 'normal');
  }
  getFontWeights(): string[][] {
    return this.getStyles('getFontWeights', 'fontWeight', 'normal');
  }
  setFontColor(color: string | null): this {
    return this.setStyle('setFontColor', 'fontColor', color);
  }
  setFontColors(colors: (string | null)[][]): this {
    return this.setStyles('setFontColors', 'fontColor', colors);
  }
  getFontColor(): string {
    return this.getStyle('getFontColor', 'fontColor', '#000000');
  }
  setFontStyle(fontStyle: string | null): this {
    return this.setStyle('setFontStyle', 'fontStyle', fontStyle);
  }
  setFontStyles(fontStyles: (string | null)[][]): this {
    return this.setStyles('setFontStyles', 'fontStyle', fontStyles);
  }
  getFontStyle(): string {
    return this.getStyle('getFontStyle', 'fontStyle', 'normal');
  }
  setFontSize(size: number): this {
    return this.setStyle('setFontSize', 'fontSize', size);
  }
  getFontSize(): number {
    return this.getStyle('getFontSize', 'fontSize', 10);
  }
  setFontFamily(fontFamily: string | null): this {
    return this.setStyle('setFontFamily', 'fontFamily', fontFamily);
  }
  setFontLine(fontLine: string | null): this {
    return this.setStyle('setFontLine', 'fontLine', fontLine);
  }
  setWrap(isWrapEnabled: boolean): this {
    return this.setStyle('setWrap', 'wrap', isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]): this {
    return this.setStyles('setWraps', 'wrap', isWrapEnabled);
  }
  getWrap(): boolean {
    return this.getStyle('getWrap', 'wrap', true);
  }
  setWrapStrategy(strategy: unknown): this {
    return this.setStyle('setWrapStrategy', 'wrapStrategy', strategy);
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setStyle('setHorizontalAlignment', 'horizontalAlignment', alignment);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): this {
    return this.setStyles('setHorizontalAlignments', 'horizontalAlignment', alignments);
  }
  getHorizontalAlignment(): string {
    return this.getStyle('getHorizontalAlignment', 'horizontalAlignment', 'general');
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setStyle('setVerticalAlignment', 'verticalAlignment', alignment);
  }
  setBorder(...args: unknown[]): this {
    return this.setStyle('setBorder', 'border', args);
  }
  /** Merging is accepted and recorded as a style only; values are not touched. */
  merge(): this {
    return this.setStyle('merge', 'merged', true);
  }
  mergeAcross(): this {
    return this.setStyle('mergeAcross', 'merged', 'across');
  }
  breakApart(): this {
    return this.setStyle('breakApart', 'merged', null);
  }

  // --- moving data --------------------------------------------------------------------------
  /** Sorts the rows of the range (whole cells move) by column numbers of the sheet. */
  sort(sortSpecObj: SortSpec): this {
    this.k('sort');
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : { column: s.column, ascending: s.ascending !== false },
    );
    this.sortRows(specs);
    return this;
  }
  /** @internal */
  sortRows(specs: { column: number; ascending: boolean }[]): void {
    this.sheet.touch();
    for (const s of specs) {
      if (s.column < this.col || s.column >= this.col + this.numCols) {
        throw new GasException(`The sort column must be within the range being sorted.`);
      }
    }
    const lines = Array.from({ length: this.numRows }, (_, i) => {
      const r = this.row + i;
      return {
        cells: Array.from({ length: this.numCols }, (_, j) => this.sheet.cell(r, this.col + j)),
        keys: specs.map((s) => this.sheet.valueAt(r, s.column)),
        i,
      };
    });
    lines.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const va = a.keys[k];
        const vb = b.keys[k];
        const blankA = va === '';
        const blankB = vb === '';
        if (blankA || blankB) {
          if (blankA !== blankB) return blankA ? 1 : -1;
          continue;
        }
        const d = compareCells(va, vb);
        if (d !== 0) return specs[k].ascending ? d : -d;
      }
      return a.i - b.i;
    });
    lines.forEach((line, i) => {
      const r = this.row + i;
      line.cells.forEach((cell, j) => {
        let rowArr = this.sheet.rows[r - 1];
        if (!rowArr) {
          rowArr = [];
          this.sheet.rows[r - 1] = rowArr;
        }
        rowArr[this.col + j - 1] = cell;
      });
    });
  }
  /**
   * Copies the cells (values, formulas with shifted references, formats, validation, notes) to the
   * destination's top-left corner. Options {contentsOnly} / {formatOnly} narrow it.
   */
  copyTo(destination: FakeRange, options?: { contentsOnly?: boolean; formatOnly?: boolean } | string): this {
    this.k('copyTo');
    const o = typeof options === 'object' && options ? options : {};
    const pasteFormat = options === 'PASTE_FORMAT' || o.formatOnly;
    const pasteValues = options === 'PASTE_VALUES' || o.contentsOnly;
    const target = destination.sheet;
    if (destination.row + this.numRows - 1 > target.maxRows || destination.col + this.numCols - 1 > target.maxCols) {
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    }
    const snapshot = this.grid((r, c) => {
      const cell = this.sheet.cell(r, c);
      return cell ? { ...cell, value: copyValue(cell.value), style: copyStyle(cell.style) } : undefined;
    });
    const dr = destination.row - this.row;
    const dc = destination.col - this.col;
    snapshot.forEach((line, i) => {
      line.forEach((src, j) => {
        const r = destination.row + i;
        const c = destination.col + j;
        const dst = target.cellForWrite(r, c);
        if (!pasteFormat) {
          if (options === 'PASTE_VALUES' && src?.formula !== undefined) {
            dst.value = this.sheet.valueAt(this.row + i, this.col + j);
            delete dst.formula;
          } else {
            dst.value = src ? copyValue(src.value) : '';
            if (src?.formula !== undefined) dst.formula = shiftFormula(src.formula, dr, dc);
            else delete dst.formula;
          }
        }
        if (!pasteValues) {
          if (src?.format !== undefined) dst.format = src.format;
          else delete dst.format;
          if (src?.validation) dst.validation = src.validation;
          else delete dst.validation;
          if (src?.style) dst.style = copyStyle(src.style);
          else delete dst.style;
          if (src?.note !== undefined) dst.note = src.note;
          else delete dst.note;
        }
      });
    });
    if (!pasteFormat) this.env.counters.wrote(this.numRows * this.numCols);
    return this;
  }
}

// =============================================================================================

/** SpreadsheetApp.ProtectionType. */
export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
/** SpreadsheetApp.DeveloperMetadataVisibility. */
export const DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;
/** SpreadsheetApp.CopyPasteType (the kinds copyTo understands). */
export const CopyPasteType = {
  PASTE_NORMAL: 'PASTE_NORMAL',
  PASTE_NO_BORDERS: 'PASTE_NO_BORDERS',
  PASTE_FORMAT: 'PASTE_FORMAT',
  PASTE_FORMULA: 'PASTE_FORMULA',
  PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
  PASTE_VALUES: 'PASTE_VALUES',
  PASTE_CONDITIONAL_FORMATTING: 'PASTE_CONDITIONAL_FORMATTING',
  PASTE_COLUMN_WIDTHS: 'PASTE_COLUMN_WIDTHS',
} as const;
/** SpreadsheetApp.WrapStrategy. */
export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
/** SpreadsheetApp.BorderStyle. */
export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;
/** SpreadsheetApp.Dimension. */
export const Dimension = { COLUMNS: 'COLUMNS', ROWS: 'ROWS' } as const;

/** The SpreadsheetApp global. */
export class FakeSpreadsheetApp {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly CopyPasteType = CopyPasteType;
  readonly WrapStrategy = WrapStrategy;
  readonly BorderStyle = BorderStyle;
  readonly Dimension = Dimension;

  constructor(
    private readonly env: Env,
    private readonly spreadsheet: FakeSpreadsheet,
  ) {}
  private k(method: string): void {
    this.env.counters.call(`SpreadsheetApp.${method}`);
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.k('getActiveSpreadsheet');
    return this.spreadsheet;
  }
  getActive(): FakeSpreadsheet {
    this.k('getActive');
    return this.spreadsheet;
  }
  openById(id: string): FakeSpreadsheet {
    this.k('openById');
    if (id !== this.spreadsheet.id) {
      throw new GasException(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet;
  }
  openByUrl(url: string): FakeSpreadsheet {
    this.k('openByUrl');
    if (!String(url).includes(this.spreadsheet.id)) {
      throw new GasException(
        'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet;
  }
  getActiveSheet(): FakeSheet {
    this.k('getActiveSheet');
    return this.spreadsheet.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.k('setActiveSheet');
    this.spreadsheet.active = sheet;
    sheet.hidden = false;
    return sheet;
  }
  /** The selection: the last range activated, else A1 of the active sheet. */
  getActiveRange(): FakeRange {
    this.k('getActiveRange');
    return this.spreadsheet.activeRangeOrA1();
  }
  getCurrentCell(): FakeRange {
    this.k('getCurrentCell');
    const r = this.spreadsheet.activeRangeOrA1();
    return new FakeRange(r.sheet, r.row, r.col, 1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    this.k('setActiveRange');
    this.spreadsheet.active = range.sheet;
    this.spreadsheet.activeRange = range;
    return range;
  }
  /** Writes are applied immediately here, so flush only counts. */
  flush(): void {
    this.k('flush');
  }
  newDataValidation(): FakeDataValidationBuilder {
    this.k('newDataValidation');
    return new FakeDataValidationBuilder(this.env.counters);
  }
  /** Throws inside a time-driven trigger, as the real one does. */
  getUi(): unknown {
    this.k('getUi');
    if (this.env.execution.kind === 'trigger') {
      throw new GasException('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return this.env.ui;
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
