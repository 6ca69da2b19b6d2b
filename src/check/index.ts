/**
 * "Check the workbook": reads the sheets (the columns it needs, one read each), checks what must hold
 * (src/domain/invariants.ts) and lists every problem with its sheet, row and what to do. It changes
 * nothing; Setup rebuilds what is the library's to rebuild.
 */

import { menuAction } from '../actions';
import { codeKey } from '../domain/codes';
import { decodeHoldings } from '../domain/holdings';
import { checkWorkbookFacts, type DateCell, type Problem, type WorkbookFacts } from '../domain/invariants';
import { escapeHtml } from '../html';
import { type Lang, type MessageKey, t } from '../messages';
import { type SheetKey, sheetNameKey } from '../schema';
import { settingNoteKey } from '../settings';
import { holdingsFromSheets } from '../setup/holdings';
import { choiceCode } from '../sheets/choices';
import { isDateValue } from '../sheets/dates';
import { settingText } from '../sheets/layout';
import { withDocumentLock } from '../sheets/lock';
import { logEvent } from '../sheets/log';
import type { Cell, Table } from '../sheets/table';
import { type Workbook, withWorkbook } from '../sheets/workbook';

/** Date columns whose cells must hold dates (or nothing). */
const DATE_COLUMNS: Array<[Problem['sheet'] & SheetKey, string[]]> = [
  ['readers', ['registered', 'left']],
  ['copies', ['due', 'received']],
  ['loans', ['issued', 'due', 'returned']],
  ['schedule', ['from', 'to']],
  ['visits', ['date']],
];

function badDates(
  sheet: Problem['sheet'] & SheetKey,
  table: Table,
  rows: Cell[][],
  first: number,
  keys: string[],
): DateCell[] {
  const out: DateCell[] = [];
  for (const key of keys.filter((k) => table.has(k))) {
    rows.forEach((row, i) => {
      const v = row[table.index(key)];
      if (v === '' || v === undefined || v === null || isDateValue(v)) return;
      out.push({ sheet, row: first + i, column: key, value: v });
    });
  }
  return out;
}

export function gatherFacts(wb: Workbook): WorkbookFacts {
  const bad: DateCell[] = [];
  const readers = wb.table('readers').require('code');
  const r = readers.readAll();
  bad.push(...badDates('readers', readers, r.rows, r.firstRow, ['registered', 'left']));
  const copies = wb.table('copies').require('inventory');
  const c = copies.readAll();
  bad.push(...badDates('copies', copies, c.rows, c.firstRow, ['due', 'received']));
  const loans = wb.table('loans').require('inventory', 'reader');
  const l = loans.readColumns('loanId', 'inventory', 'reader', 'issued', 'due', 'returned', 'status');
  bad.push(...badDates('loans', loans, l.rows, l.firstRow, ['issued', 'due', 'returned']));
  for (const [sheet, keys] of DATE_COLUMNS.filter(([s]) => s === 'schedule' || s === 'visits')) {
    const table = wb.table(sheet);
    const all = table.readColumns(...keys);
    bad.push(...badDates(sheet, table, all.rows, all.firstRow, keys));
  }
  const settings = wb.table('settings');
  const st = settings.has('key') && settings.has('value') ? settings.readColumns('key', 'value') : null;
  const titles = wb.table('titles').require('titleId');
  const tt = titles.readColumns('titleId');
  const text = (table: Table, row: Cell[], key: string) => (table.has(key) ? table.text(row, key) : '');
  return {
    readers: r.rows
      .map((row, i) => ({
        row: r.firstRow + i,
        code: row[readers.index('code')],
        name: text(readers, row, 'name'),
        className: text(readers, row, 'class'),
        isPupil:
          (choiceCode('category', readers.has('category') ? readers.get(row, 'category') : '') ?? 'pupil') === 'pupil',
        active:
          (choiceCode('readerStatus', readers.has('status') ? readers.get(row, 'status') : '') ?? 'active') ===
          'active',
        holdings: readers.has('onLoan') ? decodeHoldings(readers.get(row, 'onLoan')) : undefined,
      }))
      .filter((x) => codeKey(x.code) !== '' || x.name !== ''),
    copies: c.rows
      .map((row, i) => {
        const reader = text(copies, row, 'reader');
        const status = copies.has('status') ? choiceCode('copyStatus', copies.get(row, 'status')) : null;
        return {
          row: c.firstRow + i,
          inventory: row[copies.index('inventory')],
          titleId: text(copies, row, 'titleId'),
          onLoan: status === 'onLoan' || reader !== '',
          reader,
          loanId: text(copies, row, 'loanId'),
        };
      })
      .filter((x) => codeKey(x.inventory) !== ''),
    loans: l.rows
      .map((row, i) => {
        const status = loans.has('status') ? choiceCode('loanStatus', loans.get(row, 'status')) : null;
        const returned = loans.has('returned') ? loans.get(row, 'returned') : '';
        return {
          row: l.firstRow + i,
          loanId: text(loans, row, 'loanId'),
          inventory: text(loans, row, 'inventory'),
          reader: text(loans, row, 'reader'),
          open: status === 'open' || (status === null && (returned === '' || returned === undefined)),
        };
      })
      .filter((x) => x.inventory !== '' || x.reader !== ''),
    titles: tt.rows.map((row, i) => ({ row: tt.firstRow + i, titleId: row[titles.index('titleId')] })),
    classes: wb.classes(),
    badDates: bad,
    derivedHoldings: holdingsFromSheets(wb),
    settings: st
      ? st.rows.map((row, i) => ({
          row: st.firstRow + i,
          key: settings.text(row, 'key'),
          text: settingText(settings.get(row, 'value'), wb.timeZone),
        }))
      : [],
  };
}

/** One problem as a line for the librarian: where, what, what to do. */
export function describeProblem(wb: Workbook, p: Problem): { where: string; what: string; fix: string } {
  const L = wb.lang;
  const sheet = wb.findSheet(p.sheet)?.getName() ?? t(L, sheetNameKey(p.sheet));
  const params = { ...p.params };
  if (p.kind === 'notADate') params.column = t(L, `col.${p.sheet}.${p.params.column}` as MessageKey);
  if (p.kind === 'settingNotUsed') params.note = t(L, settingNoteKey(String(p.params.key)));
  return {
    where: t(L, 'check.where', { sheet, row: p.row }),
    what: t(L, `check.${p.kind}` as MessageKey, params),
    fix: t(L, `check.fix.${p.kind}` as MessageKey, params),
  };
}

function reportHtml(wb: Workbook, problems: Problem[]): string {
  const L: Lang = wb.lang;
  const e = escapeHtml;
  const shown = problems.slice(0, 300);
  const rows = shown
    .map((p) => {
      const d = describeProblem(wb, p);
      return `<tr><td>${e(d.where)}</td><td>${e(d.what)}</td><td>${e(d.fix)}</td></tr>`;
    })
    .join('');
  const more =
    problems.length > shown.length ? `<p>${e(t(L, 'check.more', { count: problems.length - shown.length }))}</p>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
    body{font:13px Arial,sans-serif} table{border-collapse:collapse;width:100%} td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}
  </style></head><body><p>${e(t(L, 'check.found', { count: problems.length }))}</p>
  <table><thead><tr><th>${e(t(L, 'check.col.where'))}</th><th>${e(t(L, 'check.col.what'))}</th><th>${e(t(L, 'check.col.fix'))}</th></tr></thead><tbody>${rows}</tbody></table>${more}</body></html>`;
}

/** Checks the workbook; returns the problems (for tests and the menu). Writes only a Log row. */
export function runCheck(wb: Workbook): Problem[] {
  const problems = checkWorkbookFacts(gatherFacts(wb));
  withDocumentLock(() => logEvent(wb, 'check', { count: problems.length }));
  return problems;
}

/** Menu: Library → Check the workbook. */
export function checkWorkbook(): void {
  menuAction(() =>
    withWorkbook((wb) => {
      const problems = runCheck(wb);
      if (problems.length === 0) return t(wb.lang, 'check.ok');
      const html = HtmlService.createHtmlOutput(reportHtml(wb, problems)).setWidth(900).setHeight(600);
      SpreadsheetApp.getUi().showModalDialog(html, t(wb.lang, 'menu.check'));
      return null;
    }),
  );
}
