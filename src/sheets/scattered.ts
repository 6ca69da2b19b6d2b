/**
 * Rows scattered over a long sheet (a class in a Readers sheet sorted by surname, a reader's loans
 * over five years), read for what they are: each run of adjacent rows is one A1 range of the columns
 * wanted, and every range goes in one request of the Sheets advanced service (sheets-api.ts). The
 * values are made what getValues gives (a date column's serial numbers become Dates), so `get` and
 * `text` work on them unchanged. Without the service, the blocks of `Table.readRowsAt`.
 */

import { columnLetter } from './a1';
import { dateOfSerial } from './dates';
import { batchGetValues, quotedSheet } from './sheets-api';
import type { Cell, Table } from './table';

/** Runs of adjacent rows, each [first, last], in sheet order. */
export function rowRuns(rowNumbers: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(rowNumbers)].filter((r) => Number.isInteger(r) && r > 0).sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

export interface ScatteredRead {
  rows: Map<number, Cell[]>;
  /** Rows not read (only in the fallback, when the blocks would pass `maxCells`). */
  left: number[];
  /** How they were read: in one request of the Sheets API, or in blocks of getValues. */
  via: 'batchGet' | 'blocks';
}

export function readScattered(
  table: Table,
  rowNumbers: readonly number[],
  keys: string[],
  timeZone: string,
  fallback: { maxReads: number; maxCells: number },
): ScatteredRead {
  const idx = keys.filter((k) => table.has(k)).map((k) => table.index(k));
  const from = idx.length > 0 ? Math.min(...idx) : 0;
  const to = idx.length > 0 ? Math.max(...idx) : table.width - 1;
  const runs = rowRuns(rowNumbers);
  const sheet = quotedSheet(table.name);
  const ranges = runs.map(([a, b]) => `${sheet}!${columnLetter(from + 1)}${a}:${columnLetter(to + 1)}${b}`);
  const got = runs.length > 0 ? batchGetValues(table.sheet.getParent().getId(), ranges) : [];
  if (got === null) {
    const { rows, left } = table.readRowsAt(rowNumbers, fallback.maxReads, fallback.maxCells, keys);
    return { rows, left, via: 'blocks' };
  }
  // Date columns come as serial numbers; getValues gives Dates.
  const dateAt = new Set(
    [...table.columns]
      .filter(([key]) => ['date', 'datetime'].includes(table.columnDef(key)?.type ?? ''))
      .map(([, i]) => i),
  );
  const width = to - from + 1;
  const rows = new Map<number, Cell[]>();
  runs.forEach(([first, last], r) => {
    for (let n = first; n <= last; n++) {
      const values = got[r][n - first] ?? [];
      const row = new Array(from) as Cell[];
      for (let c = 0; c < width; c++) {
        const v = values[c];
        row.push(
          v === undefined || v === null
            ? ''
            : typeof v === 'number' && dateAt.has(from + c)
              ? dateOfSerial(v, timeZone)
              : v,
        );
      }
      rows.set(n, row);
    }
  });
  return { rows, left: [], via: 'batchGet' };
}
