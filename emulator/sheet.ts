/**
 * Sheet of the in-memory spreadsheet: one tab, a grid of sparse cells. It extends SheetLayout
 * (sheet-layout.ts: frozen panes, sizes); structural changes (rows and columns inserted or deleted,
 * sorting) are in sheet-structure.ts, the plain-data view in spreadsheet-data.ts.
 */
import { type Cell, hasContent, isBareBlank, isCount, paramsError, sharedBlank } from './cells';
import { type ChartData, chartArg, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
import { GasException } from './core';
import { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, metadataArgs } from './developer-metadata';
import { FakeProtection, type ProtectionKind } from './protection';
import { type ClearOptions, FakeRange } from './range';
import type { SheetHost, Span } from './sheet-host';
import { SheetLayout } from './sheet-layout';
import {
  deleteColumnsAt,
  deleteRowsAt,
  insertColumnsAt,
  insertRowsAt,
  moveColumnsAt,
  sortRows,
} from './sheet-structure';
import type { FakeSpreadsheet } from './spreadsheet';
import { ruleToData, type ValidationData } from './spreadsheet-data';
import { type FakeDataValidation, violatesValidation } from './spreadsheet-validation';
import {
  a1Notation,
  type CellValue,
  copyValue,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  type Interpreted,
  interpretInput,
  parseA1,
} from './spreadsheet-values';
import { FakeTextFinder } from './text-finder';

/** The value getValues() returns for a formula cell when no evaluator is installed. */
export const FORMULA_PLACEHOLDER = '#ERROR!';
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;

/** One sheet (tab): a grid of sparse cells. */
export class FakeSheet extends SheetLayout {
  /** @internal */ rows: (Cell | undefined)[][] = [];
  /** @internal */ maxRows = DEFAULT_MAX_ROWS;
  /** @internal */ maxCols = DEFAULT_MAX_COLUMNS;
  /** @internal */ hidden = false;
  /** @internal */ tabColor: string | null = null;
  /** @internal */ metadata: FakeDeveloperMetadata[] = [];
  /** @internal Embedded charts (see charts.ts). */ charts: ChartData[] = [];
  /** @internal */ readonly host: SheetHost<FakeRange>;
  /** Cached content bounds; null after any change that may move them. */
  private bounds: { lastRow: number; lastCol: number } | null = null;

  constructor(
    readonly parent: FakeSpreadsheet,
    /** @internal */ public sheetName: string,
    /** @internal */ readonly sheetId: number,
  ) {
    super(parent.env);
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
    } else if (Object.isFrozen(c)) {
      c = { ...c };
      r[col - 1] = c;
    }
    return c;
  }
  /** @internal The cell to change in place (its own copy if it was shared), or undefined when empty. */
  ownCell(row: number, col: number): Cell | undefined {
    const c = this.cell(row, col);
    return c === undefined ? undefined : this.cellForWrite(row, col);
  }
  /**
   * @internal Sets a cell's format and/or rule: an empty cell gets the shared record of that format and
   * rule instead of one of its own.
   */
  setBlankOr(
    row: number,
    col: number,
    format: string | undefined | null,
    rule: FakeDataValidation | undefined | null,
  ): void {
    const c = this.cell(row, col);
    if (c === undefined || (Object.isFrozen(c) && isBareBlank(c))) {
      this.bounds = null;
      let r = this.rows[row - 1];
      if (!r) {
        r = [];
        this.rows[row - 1] = r;
      }
      r[col - 1] = sharedBlank(format === null ? c?.format : format, rule === null ? c?.validation : rule);
      return;
    }
    const own = this.cellForWrite(row, col);
    if (format !== null) {
      if (format === undefined) delete own.format;
      else own.format = format;
    }
    if (rule !== null) {
      if (rule === undefined) delete own.validation;
      else own.validation = rule;
    }
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
    // A full sheet grows by a row that takes the formats of the row above, as an inserted row does.
    if (row > this.maxRows) insertRowsAt(this, row, 1, row - 1);
    const contents = rowContents.map((v, i) => interpretInput(v, this.cell(row, i + 1)?.format, this.parent.timeZone));
    const rangeCache = new Map<unknown, Set<string>>();
    contents.forEach((c, i) => {
      const msg = this.rejection(row, i + 1, c, rangeCache);
      if (msg) throw new GasException(msg);
    });
    if (rowContents.length > this.maxCols) this.parent.assertRoom((rowContents.length - this.maxCols) * this.maxRows);
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxCols) this.maxCols = rowContents.length;
    contents.forEach((c, i) => {
      this.writeCell(row, i + 1, c);
    });
    this.env.counters.wrote(rowContents.length);
    return this;
  }

  // --- rows and columns ----------------------------------------------------------------------
  insertRowAfter(afterPosition: number): this {
    this.k('insertRowAfter');
    insertRowsAt(this, afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    this.k('insertRowBefore');
    insertRowsAt(this, beforePosition, 1, beforePosition);
    return this;
  }
  /** New rows take the formatting (number format, validation, style) of row `afterPosition`. */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.k('insertRowsAfter');
    insertRowsAt(this, afterPosition + 1, howMany, afterPosition);
    return this;
  }
  /** New rows take the formatting of the row they are inserted before. */
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.k('insertRowsBefore');
    insertRowsAt(this, beforePosition, howMany, beforePosition);
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.k('insertRows');
    insertRowsAt(this, rowIndex, numRows, rowIndex);
  }
  insertColumnAfter(afterPosition: number): this {
    this.k('insertColumnAfter');
    insertColumnsAt(this, afterPosition + 1, 1, afterPosition);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    this.k('insertColumnBefore');
    insertColumnsAt(this, beforePosition, 1, beforePosition);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.k('insertColumnsAfter');
    insertColumnsAt(this, afterPosition + 1, howMany, afterPosition);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.k('insertColumnsBefore');
    insertColumnsAt(this, beforePosition, howMany, beforePosition);
    return this;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.k('insertColumns');
    insertColumnsAt(this, columnIndex, numColumns, columnIndex);
  }
  deleteRow(rowPosition: number): this {
    this.k('deleteRow');
    deleteRowsAt(this, rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.k('deleteRows');
    deleteRowsAt(this, rowPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.k('deleteColumn');
    deleteColumnsAt(this, columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.k('deleteColumns');
    deleteColumnsAt(this, columnPosition, howMany);
  }
  /** Moves the columns `columnSpec` spans to stand before column `destinationIndex`. */
  moveColumns(columnSpec: FakeRange, destinationIndex: number): void {
    this.k('moveColumns');
    moveColumnsAt(this, columnSpec.getColumn(), columnSpec.getNumColumns(), destinationIndex);
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
      sortRows(new FakeRange(this, first, 1, b.lastRow - first + 1, Math.max(1, b.lastCol, this.maxCols)), [
        { column: columnPosition, ascending },
      ]);
    }
    return this;
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

  // --- embedded charts (charts.ts) -----------------------------------------------------------
  /** A builder for a new chart on this sheet (a value until insertChart). */
  newChart(): FakeEmbeddedChartBuilder {
    this.k('newChart');
    return new FakeEmbeddedChartBuilder(this);
  }
  /** Snapshots of the charts on this sheet. */
  getCharts(): FakeEmbeddedChart[] {
    this.k('getCharts');
    return this.charts.map((c) => new FakeEmbeddedChart(this, c));
  }
  insertChart(chart: FakeEmbeddedChart): void {
    this.k('insertChart');
    const c = chartArg(this, chart, 'insertChart');
    this.charts.push({ ...JSON.parse(JSON.stringify(c.data)), id: this.parent.nextChartId++ });
  }
  /** Replaces the chart with the same id (a chart from getCharts().modify()...build()). */
  updateChart(chart: FakeEmbeddedChart): void {
    this.k('updateChart');
    const c = chartArg(this, chart, 'updateChart');
    const i = this.charts.findIndex((x) => c.data.id !== null && x.id === c.data.id);
    if (i < 0) throw new GasException('The chart to update is not on this sheet.');
    this.charts[i] = JSON.parse(JSON.stringify(c.data)) as ChartData;
  }
  removeChart(chart: FakeEmbeddedChart): void {
    this.k('removeChart');
    const c = chartArg(this, chart, 'removeChart');
    const i = this.charts.findIndex((x) => c.data.id !== null && x.id === c.data.id);
    if (i < 0) throw new GasException('The chart to remove is not on this sheet.');
    this.charts.splice(i, 1);
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
}
