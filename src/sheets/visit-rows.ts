/**
 * Rows of the Visits and Loans sheets, already read by the caller, as the visit rule of
 * domain/visits.ts takes them: day keys, codes, kinds. A Visits row with no kind is a desk visit; a
 * count left blank (or not a positive number) is one visitor.
 */
import type { LoanVisitDays, VisitRow } from '../domain/visits';
import { choiceCode } from './choices';
import { dayOf } from './dates';
import type { Cell, Table } from './table';

export function visitRowsOf(table: Table, rows: Cell[][], timeZone: string): VisitRow[] {
  const out: VisitRow[] = [];
  const has = (k: string) => table.has(k);
  for (const row of rows) {
    const day = dayOf(table.get(row, 'date'), timeZone);
    if (!day) continue;
    const rawCount = has('count') ? table.get(row, 'count') : '';
    const n = Number(rawCount);
    out.push({
      day,
      reader: has('reader') ? table.text(row, 'reader') : '',
      className: has('class') ? table.text(row, 'class') : '',
      kind: (has('kind') ? choiceCode('visitKind', table.get(row, 'kind')) : null) ?? 'desk',
      count: String(rawCount ?? '').trim() !== '' && Number.isFinite(n) && n > 0 ? n : 1,
    });
  }
  return out;
}

export function loanVisitDaysOf(table: Table, rows: Cell[][], timeZone: string): LoanVisitDays[] {
  const hasReturned = table.has('returned');
  return rows.map((row) => ({
    reader: table.text(row, 'reader'),
    issued: dayOf(table.get(row, 'issued'), timeZone),
    returned: hasReturned ? dayOf(table.get(row, 'returned'), timeZone) : null,
  }));
}
