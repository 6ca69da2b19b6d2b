/**
 * The naive way, for the side-by-side table: a desk return and the monthly debtor list written as the
 * common Apps Script library sheets write them — a getValue loop down the sheet, row by row, and for
 * every overdue loan the fund read again to name the book and the reader. They run in the same
 * runtime, on the same workbook, through the same (counted) SpreadsheetApp the bundle sees. They are
 * the benchmark's only: never part of the bundle.
 */
import type { Runtime } from '../emulator';
import { t } from '../src/messages';
import { headerKey, type SheetKey, sheetNameKey } from '../src/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** What the tutorials hard-code: the sheet's name and its columns' numbers (found here once, uncounted). */
function layout(rt: Runtime, key: SheetKey, columns: string[]): { name: string; col: Record<string, number> } {
  const name = t('kk', sheetNameKey(key));
  const header = rt.spreadsheet.getSheetByName(name)!.peekValues()[0].map(String);
  const col: Record<string, number> = {};
  for (const c of columns) col[c] = header.indexOf(t('kk', headerKey(key, c))) + 1;
  return { name, col };
}

/** A copy brought back, the tutorial's way: find the loan, then the copy, a cell at a time. */
export function naiveReturn(rt: Runtime, app: App, inventory: string): boolean {
  const L = layout(rt, 'loans', ['inventory', 'returned', 'status']);
  const C = layout(rt, 'copies', ['inventory', 'status', 'reader', 'loanId', 'due']);
  const G = layout(rt, 'log', ['time']);
  const onLoan = t('kk', 'enum.loanStatus.open');
  const ss = app.getActiveSpreadsheet();
  const loans = ss.getSheetByName(L.name) as Sheet;
  const last = loans.getLastRow();
  let found = false;
  for (let r = 2; r <= last; r++) {
    if (String(loans.getRange(r, L.col.inventory).getValue()) !== inventory) continue;
    if (loans.getRange(r, L.col.status).getValue() !== onLoan) continue;
    loans.getRange(r, L.col.returned).setValue(new Date());
    loans.getRange(r, L.col.status).setValue(t('kk', 'enum.loanStatus.returned'));
    found = true;
    break;
  }
  const copies = ss.getSheetByName(C.name) as Sheet;
  const lastCopy = copies.getLastRow();
  for (let r = 2; r <= lastCopy; r++) {
    if (String(copies.getRange(r, C.col.inventory).getValue()) !== inventory) continue;
    copies.getRange(r, C.col.status).setValue(t('kk', 'enum.copyStatus.available'));
    copies.getRange(r, C.col.reader).setValue('');
    copies.getRange(r, C.col.loanId).setValue('');
    copies.getRange(r, C.col.due).setValue('');
    break;
  }
  (ss.getSheetByName(G.name) as Sheet).appendRow([new Date(), 'naive', 'return', inventory]);
  return found;
}

/**
 * The monthly debtor list, the tutorial's way: down the Loans sheet a cell at a time; for each of the
 * first `lookups` overdue loans (all when null) the Copies, Catalogue and Readers sheets are searched
 * a cell at a time for the book's title and the reader's name and class, and the line appended to a
 * sheet of its own. Returns how many loans were overdue and how many were looked up.
 */
export function naiveDebtorList(
  rt: Runtime,
  app: App,
  today: Date,
  lookups: number | null,
): { overdue: number; looked: number } {
  const L = layout(rt, 'loans', ['inventory', 'reader', 'due', 'status']);
  const C = layout(rt, 'copies', ['inventory', 'titleId']);
  const T = layout(rt, 'titles', ['titleId', 'title']);
  const R = layout(rt, 'readers', ['code', 'name', 'class']);
  const onLoan = t('kk', 'enum.loanStatus.open');
  const ss = app.getActiveSpreadsheet();
  const loans = ss.getSheetByName(L.name) as Sheet;
  const copies = ss.getSheetByName(C.name) as Sheet;
  const titles = ss.getSheetByName(T.name) as Sheet;
  const readers = ss.getSheetByName(R.name) as Sheet;
  const out = ss.getSheetByName('Naive debtors') ?? ss.insertSheet('Naive debtors');
  out.clear();
  out.appendRow(['Class', 'Reader', 'Inventory No.', 'Title', 'Due']);
  /** The row whose column `col` holds `value`, a cell at a time from the top (0 when none). */
  const rowOf = (sheet: Sheet, col: number, value: string): number => {
    const last = sheet.getLastRow();
    for (let r = 2; r <= last; r++) if (String(sheet.getRange(r, col).getValue()) === value) return r;
    return 0;
  };
  let overdue = 0;
  let looked = 0;
  const last = loans.getLastRow();
  for (let r = 2; r <= last; r++) {
    if (loans.getRange(r, L.col.status).getValue() !== onLoan) continue;
    const due = loans.getRange(r, L.col.due).getValue() as Date;
    if (!(due instanceof Date) || due.getTime() >= today.getTime()) continue;
    overdue++;
    if (lookups !== null && looked >= lookups) continue;
    looked++;
    const inventory = String(loans.getRange(r, L.col.inventory).getValue());
    const reader = String(loans.getRange(r, L.col.reader).getValue());
    const c = rowOf(copies, C.col.inventory, inventory);
    const titleId = c ? String(copies.getRange(c, C.col.titleId).getValue()) : '';
    const tr = titleId ? rowOf(titles, T.col.titleId, titleId) : 0;
    const title = tr ? String(titles.getRange(tr, T.col.title).getValue()) : '';
    const p = rowOf(readers, R.col.code, reader);
    const name = p ? String(readers.getRange(p, R.col.name).getValue()) : '';
    const cls = p ? String(readers.getRange(p, R.col.class).getValue()) : '';
    out.appendRow([cls, name, inventory, title, due]);
  }
  return { overdue, looked };
}
