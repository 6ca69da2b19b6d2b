/**
 * Setup rebuilds every reader's "On loan" cell from the Copies sheet (a workbook set up before the
 * desk kept it, a paste, a hand edit): whole-sheet reads of the columns it needs, one write of the
 * column, and only when something differs.
 */

import { titleLabel } from '../desk/desk';
import { codeKey } from '../domain/codes';
import {
  type CopyOnLoan,
  decodeHoldings,
  deriveHoldings,
  encodeHoldings,
  type OpenLoan,
  sameHoldings,
} from '../domain/holdings';
import { choiceCode } from '../sheets/choices';
import { dayOf } from '../sheets/dates';
import type { Workbook } from '../sheets/workbook';

/** Every reader's holdings as the Copies, Loans and Catalogue sheets say. */
export function holdingsFromSheets(wb: Workbook) {
  const copies = wb.table('copies');
  const list: CopyOnLoan[] = [];
  if (copies.has('inventory') && copies.has('reader')) {
    for (const row of copies.readColumns('inventory', 'titleId', 'reader', 'loanId', 'due').rows) {
      const reader = copies.text(row, 'reader');
      if (!reader) continue;
      list.push({
        inventory: copies.text(row, 'inventory'),
        titleId: copies.has('titleId') ? copies.text(row, 'titleId') : '',
        reader,
        loanId: copies.has('loanId') ? copies.text(row, 'loanId') : '',
        due: copies.has('due') ? dayOf(copies.get(row, 'due'), wb.timeZone) : null,
      });
    }
  }
  const titles = new Map<string, { kind: ReturnType<typeof kindOf>; label: string }>();
  const catalogue = wb.table('titles');
  const kindOf = (v: unknown) => choiceCode('kind', v) ?? 'fiction';
  if (catalogue.has('titleId') && list.length > 0) {
    for (const row of catalogue.readColumns('titleId', 'kind', 'author', 'title').rows) {
      const id = catalogue.text(row, 'titleId');
      if (!id) continue;
      titles.set(codeKey(id), {
        kind: catalogue.has('kind') ? kindOf(catalogue.get(row, 'kind')) : 'fiction',
        label: titleLabel(
          {
            author: catalogue.has('author') ? catalogue.text(row, 'author') : '',
            title: catalogue.has('title') ? catalogue.text(row, 'title') : '',
          },
          id,
        ),
      });
    }
  }
  const loans = new Map<string, OpenLoan>();
  const loanTable = wb.table('loans');
  const wantedLoans = new Set(list.map((c) => c.loanId).filter(Boolean));
  if (loanTable.has('loanId') && wantedLoans.size > 0) {
    for (const row of loanTable.readColumns('loanId', 'title', 'issued', 'renewals').rows) {
      const id = loanTable.text(row, 'loanId');
      if (!wantedLoans.has(id)) continue;
      const renewals = loanTable.has('renewals') ? Number(loanTable.get(row, 'renewals')) : 0;
      loans.set(id, {
        loanId: id,
        issued: loanTable.has('issued') ? dayOf(loanTable.get(row, 'issued'), wb.timeZone) : null,
        renewals: Number.isFinite(renewals) ? renewals : 0,
        label: loanTable.has('title') ? loanTable.text(row, 'title') : '',
      });
    }
  }
  return deriveHoldings(
    list,
    (id) => titles.get(codeKey(id)),
    (id) => loans.get(id),
    codeKey,
  );
}

/** Rewrites the "On loan" cells that differ from the sheets; returns how many readers changed. */
export function rebuildHoldings(wb: Workbook): number {
  const readers = wb.table('readers');
  if (!readers.has('code') || !readers.has('onLoan')) return 0;
  const { rows, firstRow } = readers.readColumns('code', 'onLoan');
  if (rows.length === 0) return 0;
  const derived = holdingsFromSheets(wb);
  const i = readers.index('onLoan');
  let changed = 0;
  const column = rows.map((row) => {
    const now = derived.get(codeKey(readers.text(row, 'code'))) ?? [];
    const kept = decodeHoldings(row[i]);
    // A kept record that agrees keeps its issue days and renewals as the desk wrote them.
    if (kept && sameHoldings(kept, now)) return [row[i] ?? ''];
    changed++;
    return [encodeHoldings(now)];
  });
  if (changed > 0) readers.sheet.getRange(firstRow, i + 1, column.length, 1).setValues(column);
  return changed;
}
