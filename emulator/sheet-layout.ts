/**
 * The layout side of a Sheet: frozen rows and columns, column widths and row heights, and the
 * resize/hide/show calls (stored, with no visual effect). FakeSheet (sheet.ts) extends it.
 */
import { isCount, paramsError } from './cells';
import type { Env } from './core';

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

/** Frozen panes and sizes of one sheet; FakeSheet adds the cells. */
export class SheetLayout {
  /** @internal */ frozenRows = 0;
  /** @internal */ frozenCols = 0;
  /** @internal */ columnWidths = new Map<number, number>();
  /** @internal */ rowHeights = new Map<number, number>();
  /** @internal */ hiddenColumns = new Set<number>();

  constructor(readonly env: Env) {}

  protected k(method: string): void {
    this.env.counters.call(`Sheet.${method}`);
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
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.k('showColumns');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.k('isColumnHiddenByUser');
    return this.hiddenColumns.has(columnPosition);
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
}
