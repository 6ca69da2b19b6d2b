/**
 * The formatting side of a Range (number formats; notes and styles, stored with no visual effect)
 * and the cell helpers every Range method uses. FakeRange (range.ts) extends it; nothing here makes
 * a Range, so this file does not need range.ts at run time.
 */
import { paramsError } from './cells';
import type { Env } from './core';
import { GasException } from './core';
import type { FakeSheet } from './sheet';
import type { Span } from './sheet-host';
import type { RangeRefData } from './spreadsheet-data';
import { type CellValue, DEFAULT_NUMBER_FORMAT } from './spreadsheet-values';

/** A block of cells of one sheet; FakeRange adds values, validation, clearing, moving. */
export class RangeFormats {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}

  protected get env(): Env {
    return this.sheet.env;
  }
  protected k(method: string): void {
    this.sheet.env.counters.call(`Range.${method}`);
  }
  protected read(method: string): void {
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
  protected each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) for (let j = 0; j < this.numCols; j++) fn(this.row + i, this.col + j, i, j);
  }
  protected grid<T>(fn: (r: number, c: number) => T): T[][] {
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
  protected checkGrid(method: string, data: unknown): unknown[][] {
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
    const format = String(numberFormat);
    this.each((r, c) => this.sheet.setBlankOr(r, c, format, null));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): this {
    this.k('setNumberFormats');
    const data = this.checkGrid('setNumberFormats', numberFormats);
    this.each((r, c, i, j) => this.sheet.setBlankOr(r, c, String(data[i][j]), null));
    return this;
  }

  // --- notes and styles (stored, no visual effect) -------------------------------------------
  setNote(note: string | null): this {
    this.k('setNote');
    this.each((r, c) => {
      if (note === null || note === '') {
        const cell = this.sheet.ownCell(r, c);
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
        const cell = this.sheet.ownCell(r, c);
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
  setFontSizes(sizes: (number | null)[][]): this {
    return this.setStyles('setFontSizes', 'fontSize', sizes);
  }
  getFontSize(): number {
    return this.getStyle('getFontSize', 'fontSize', 10);
  }
  getFontSizes(): number[][] {
    return this.getStyles('getFontSizes', 'fontSize', 10);
  }
  /** A family Sheets offers, e.g. "Libre Barcode 128" (a barcode); null resets to the default, Arial. */
  setFontFamily(fontFamily: string | null): this {
    return this.setStyle('setFontFamily', 'fontFamily', fontFamily);
  }
  setFontFamilies(fontFamilies: (string | null)[][]): this {
    return this.setStyles('setFontFamilies', 'fontFamily', fontFamilies);
  }
  getFontFamily(): string {
    return this.getStyle('getFontFamily', 'fontFamily', null) ?? 'Arial';
  }
  getFontFamilies(): string[][] {
    return this.getStyles<string | null>('getFontFamilies', 'fontFamily', null).map((r) => r.map((f) => f ?? 'Arial'));
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
  /**
   * Merging keeps only the top-left value, as Sheets does ("merging cells will only preserve the
   * top-left value"); the other cells read back empty. Recorded as a style.
   */
  merge(): this {
    this.setStyle('merge', 'merged', true);
    this.each((r, c, i, j) => {
      if (i === 0 && j === 0) return;
      const cell = this.sheet.cell(r, c);
      if (cell && (cell.value !== '' || cell.formula)) {
        const w = this.sheet.cellForWrite(r, c);
        w.value = '';
        delete w.formula;
      }
    });
    return this;
  }
  mergeAcross(): this {
    return this.setStyle('mergeAcross', 'merged', 'across');
  }
  breakApart(): this {
    return this.setStyle('breakApart', 'merged', null);
  }
}
