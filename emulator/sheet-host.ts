/**
 * What the smaller objects of the in-memory spreadsheet (Protection, TextFinder) need from a sheet:
 * the `SheetHost` interface and the `Span` of cells they refer to. Through it they reach the grid
 * without depending on the FakeSheet and FakeRange classes.
 */
import type { Env } from './core';
import type { CellValue } from './spreadsheet-values';

/** A block of cells of one sheet, 1-based. */
export interface Span {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** What these objects need from a sheet (all uncounted). */
export interface SheetHost<R> {
  readonly env: Env;
  name(): string;
  timeZone(): string;
  /** A Range object over a span (not counted, not bounds-checked beyond the sheet's own checks). */
  rangeOf(span: Span): R;
  contentBounds(): { lastRow: number; lastCol: number };
  cellText(row: number, col: number, formulaText: boolean): string;
  hasFormula(row: number, col: number): boolean;
  writeInput(row: number, col: number, value: CellValue): void;
}

/** Shifts a span for rows/columns inserted at `at` (count > 0) or deleted from `at` (count < 0). */
export function shiftSpanAxis(start: number, size: number, at: number, count: number): [number, number] | null {
  if (count > 0) {
    if (at <= start) return [start + count, size];
    if (at < start + size) return [start, size + count];
    return [start, size];
  }
  const delStart = at;
  const delEnd = at - count - 1;
  const end = start + size - 1;
  const before = Math.max(0, Math.min(delEnd, start - 1) - delStart + 1);
  const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(start, delStart) + 1);
  const newSize = size - overlap;
  if (newSize <= 0) return null;
  return [start - before, newSize];
}
