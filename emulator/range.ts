/**
 * Range of the in-memory spreadsheet: a block of cells of one sheet. It extends RangeFormats
 * (range-formats.ts: the cell helpers, number formats, notes and styles).
 */
import { copyStyle, hasContent, paramsError } from './cells';
import { GasException, isDate } from './core';
import type { FakeProtection } from './protection';
import { RangeFormats } from './range-formats';
import type { FakeSheet } from './sheet';
import { sortRows } from './sheet-structure';
import { FakeDataValidation } from './spreadsheet-validation';
import {
  a1Notation,
  type CellValue,
  copyValue,
  type Interpreted,
  interpretInput,
  shiftFormula,
} from './spreadsheet-values';
import { FakeTextFinder } from './text-finder';

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

/** A block of cells of one sheet. Its coordinates are fixed when it is created. */
export class FakeRange extends RangeFormats {
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

  // --- clearing -----------------------------------------------------------------------------
  /** @internal */
  clearCells(options?: ClearOptions): void {
    const o = options ?? {};
    const only = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    this.sheet.touch();
    this.each((r, c) => {
      const cell = this.sheet.ownCell(r, c);
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
      if (rule) this.sheet.setBlankOr(r, c, null, rule);
      else if (this.sheet.cell(r, c)) this.sheet.setBlankOr(r, c, null, undefined);
    });
    return this;
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    this.k('setDataValidations');
    const data = this.checkGrid('setDataValidations', rules) as (FakeDataValidation | null)[][];
    this.each((r, c, i, j) => {
      const rule = data[i][j];
      if (rule) this.sheet.setBlankOr(r, c, null, rule);
      else if (this.sheet.cell(r, c)) this.sheet.setBlankOr(r, c, null, undefined);
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
      if (this.sheet.cell(r, c)?.validation?.spec.criteria === 'CHECKBOX') {
        const cell = this.sheet.cellForWrite(r, c);
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

  // --- moving data --------------------------------------------------------------------------
  /** Sorts the rows of the range (whole cells move) by column numbers of the sheet. */
  sort(sortSpecObj: SortSpec): this {
    this.k('sort');
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : { column: s.column, ascending: s.ascending !== false },
    );
    sortRows(this, specs);
    return this;
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
