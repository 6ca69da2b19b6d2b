/**
 * Changes to the structure of a sheet's grid: rows and columns inserted (copying the formatting of
 * a neighbour) or deleted (protections follow), and the rows of a range sorted.
 */
import type { Cell } from './cells';
import { copyStyle, isCount, paramsError } from './cells';
import { GasException, isDate } from './core';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import { type Span, shiftSpanAxis } from './sheet-host';
import type { CellValue } from './spreadsheet-values';

/** A copy of a cell's formatting (number format, validation, style) for an inserted row/column. */
function formatOnly(c: Cell | undefined): Cell | undefined {
  if (!c || (c.format === undefined && !c.validation && !c.style)) return undefined;
  const out: Cell = { value: '' };
  if (c.format !== undefined) out.format = c.format;
  if (c.validation) out.validation = c.validation;
  if (c.style) out.style = copyStyle(c.style);
  return out;
}

/** Inserts `n` rows so the first new one is row `at`; they copy formatting of `from`. */
export function insertRowsAt(sheet: FakeSheet, at: number, n: number, from: number | null): void {
  sheet.touch();
  if (!isCount(at) || !isCount(n) || n < 1) throw paramsError('Sheet', 'insertRows', [at, n]);
  if (at < 1 || at > sheet.maxRows + 1) throw new GasException('Those rows are out of bounds.');
  sheet.parent.assertRoom(n * sheet.maxCols);
  const template = from !== null ? sheet.rows[from - 1] : undefined;
  const newRows = Array.from({ length: n }, () => (template ? template.map(formatOnly) : undefined));
  // concat, not splice(...rows): a spread of 250,000 rows overflows the call stack.
  if (sheet.rows.length >= at - 1) {
    sheet.rows = sheet.rows.slice(0, at - 1).concat(newRows as (Cell | undefined)[][], sheet.rows.slice(at - 1));
  } else if (template) for (let i = 0; i < n; i++) sheet.rows[at - 1 + i] = template.map(formatOnly);
  sheet.maxRows += n;
  if (at <= sheet.frozenRows) sheet.frozenRows += n;
  shiftProtections(sheet, 'row', at, n);
}

/** Deletes `n` rows from row `pos`. */
export function deleteRowsAt(sheet: FakeSheet, pos: number, n: number): void {
  sheet.touch();
  if (!isCount(pos) || !isCount(n) || n < 1) throw paramsError('Sheet', 'deleteRows', [pos, n]);
  if (pos < 1 || pos + n - 1 > sheet.maxRows) throw new GasException('Those rows are out of bounds.');
  if (sheet.maxRows - n < Math.max(1, sheet.frozenRows + 1) && n >= sheet.maxRows - sheet.frozenRows) {
    throw new GasException('Sorry, it is not possible to delete all non-frozen rows.');
  }
  sheet.rows.splice(pos - 1, n);
  sheet.maxRows -= n;
  shiftProtections(sheet, 'row', pos, -n);
}

/** Inserts `n` columns so the first new one is column `at`; they copy formatting of `from`. */
export function insertColumnsAt(sheet: FakeSheet, at: number, n: number, from: number | null): void {
  sheet.touch();
  if (!isCount(at) || !isCount(n) || n < 1) throw paramsError('Sheet', 'insertColumns', [at, n]);
  if (at < 1 || at > sheet.maxCols + 1) throw new GasException('Those columns are out of bounds.');
  sheet.parent.assertRoom(n * sheet.maxRows);
  for (const row of sheet.rows) {
    if (!row) continue;
    const template = from !== null ? row[from - 1] : undefined;
    const cells = Array.from({ length: n }, () => formatOnly(template));
    if (row.length >= at - 1) row.splice(at - 1, 0, ...cells);
    else if (template) for (let i = 0; i < n; i++) row[at - 1 + i] = formatOnly(template);
  }
  sheet.maxCols += n;
  if (at <= sheet.frozenCols) sheet.frozenCols += n;
  const widths = new Map<number, number>();
  for (const [c, w] of sheet.columnWidths) widths.set(c >= at ? c + n : c, w);
  sheet.columnWidths = widths;
  sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => (c >= at ? c + n : c)));
  shiftProtections(sheet, 'col', at, n);
}

/** Deletes `n` columns from column `pos`. */
export function deleteColumnsAt(sheet: FakeSheet, pos: number, n: number): void {
  sheet.touch();
  if (!isCount(pos) || !isCount(n) || n < 1) throw paramsError('Sheet', 'deleteColumns', [pos, n]);
  if (pos < 1 || pos + n - 1 > sheet.maxCols) throw new GasException('Those columns are out of bounds.');
  if (n >= sheet.maxCols - sheet.frozenCols) {
    throw new GasException('Sorry, it is not possible to delete all non-frozen columns.');
  }
  for (const row of sheet.rows) if (row) row.splice(pos - 1, n);
  sheet.maxCols -= n;
  const widths = new Map<number, number>();
  for (const [c, w] of sheet.columnWidths) {
    if (c < pos) widths.set(c, w);
    else if (c >= pos + n) widths.set(c - n, w);
  }
  sheet.columnWidths = widths;
  sheet.hiddenColumns = new Set(
    [...sheet.hiddenColumns].filter((c) => c < pos || c >= pos + n).map((c) => (c >= pos + n ? c - n : c)),
  );
  shiftProtections(sheet, 'col', pos, -n);
}

function shiftProtections(sheet: FakeSheet, axis: 'row' | 'col', at: number, count: number): void {
  const shift = (s: Span): Span | null => {
    if (axis === 'row') {
      const r = shiftSpanAxis(s.row, s.numRows, at, count);
      return r ? { ...s, row: r[0], numRows: r[1] } : null;
    }
    const c = shiftSpanAxis(s.col, s.numCols, at, count);
    return c ? { ...s, col: c[0], numCols: c[1] } : null;
  };
  for (const p of [...sheet.parent.protections]) {
    if (p.host !== sheet.host) continue;
    p.unprotected = p.unprotected.map(shift).filter((s): s is Span => s !== null);
    if (!p.span) continue;
    const s = shift(p.span);
    if (s) p.span = s;
    else sheet.parent.protections.splice(sheet.parent.protections.indexOf(p), 1);
  }
}

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

/** Sorts the rows of the range (whole cells move) by the given columns of the sheet. */
/**
 * Moves `n` columns from column `from` so they stand before column `dest` (numbered before the
 * move), as Sheet.moveColumns does when a user drags columns: every cell goes with its column —
 * value, format, validation, note — for all rows, and the column widths too.
 */
export function moveColumnsAt(sheet: FakeSheet, from: number, n: number, dest: number): void {
  sheet.touch();
  if (!isCount(from) || !isCount(n) || !isCount(dest) || n < 1)
    throw paramsError('Sheet', 'moveColumns', [from, n, dest]);
  if (from < 1 || from + n - 1 > sheet.maxCols || dest < 1 || dest > sheet.maxCols + 1) {
    throw new GasException('Those columns are out of bounds.');
  }
  if (dest >= from && dest <= from + n) return;
  const order = Array.from({ length: sheet.maxCols }, (_, i) => i + 1);
  const moved = order.splice(from - 1, n);
  const at = dest < from ? dest - 1 : dest - 1 - n;
  order.splice(at, 0, ...moved);
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (row) sheet.rows[r] = order.map((c) => row[c - 1]);
  }
  const widths = new Map<number, number>();
  order.forEach((c, i) => {
    const w = sheet.columnWidths.get(c);
    if (w !== undefined) widths.set(i + 1, w);
  });
  sheet.columnWidths = widths;
  sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => order.indexOf(c) + 1));
}

export function sortRows(range: FakeRange, specs: { column: number; ascending: boolean }[]): void {
  range.sheet.touch();
  for (const s of specs) {
    if (s.column < range.col || s.column >= range.col + range.numCols) {
      throw new GasException(`The sort column must be within the range being sorted.`);
    }
  }
  const lines = Array.from({ length: range.numRows }, (_, i) => {
    const r = range.row + i;
    return {
      cells: Array.from({ length: range.numCols }, (_, j) => range.sheet.cell(r, range.col + j)),
      keys: specs.map((s) => range.sheet.valueAt(r, s.column)),
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
    const r = range.row + i;
    line.cells.forEach((cell, j) => {
      let rowArr = range.sheet.rows[r - 1];
      if (!rowArr) {
        rowArr = [];
        range.sheet.rows[r - 1] = rowArr;
      }
      rowArr[range.col + j - 1] = cell;
    });
  });
}
