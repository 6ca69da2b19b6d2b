/**
 * What the debtor list and the emails need from the workbook: one getValues each for Loans, Readers
 * and Classes (and Visits for the summary), each only the span of the columns it needs (an open-ended
 * range: the header and the data in one call), so a run costs the same number of service calls however
 * many readers and loans the library has. The Closed days sheet is read only when days overdue are
 * counted in open days.
 */
import type { DayKey } from '../dates';
import {
  type ClassFact,
  type CopyFact,
  type DebtorGroup,
  findDebtors,
  type LoanFact,
  type ReaderFact,
} from '../domain/debtors';
import { scheduleFrom } from '../domain/schedule';
import { DEFAULT_LANG, normalise } from '../messages';
import { choiceCode } from '../sheets/choices';
import { readSchedule } from '../sheets/closed-days';
import { dayOf, today } from '../sheets/dates';
import type { Workbook } from '../sheets/workbook';

export interface LibraryFacts {
  today: DayKey;
  readers: Map<string, ReaderFact>;
  classes: ClassFact[];
  groups: DebtorGroup[];
}

export function readReaders(wb: Workbook): Map<string, ReaderFact> {
  const table = wb.table('readers').require('code', 'name', 'category', 'class');
  const readers = new Map<string, ReaderFact>();
  for (const row of table.readColumnsOnce('code', 'name', 'category', 'class', 'status').rows) {
    const code = table.text(row, 'code');
    if (!code || readers.has(code)) continue;
    readers.set(code, {
      code,
      name: table.text(row, 'name'),
      category: choiceCode('category', table.get(row, 'category')) ?? 'pupil',
      className: table.text(row, 'class'),
      status: table.has('status') ? (choiceCode('readerStatus', table.get(row, 'status')) ?? 'active') : 'active',
    });
  }
  return readers;
}

export function readClasses(wb: Workbook): ClassFact[] {
  const table = wb.table('classes').require('class', 'teacher', 'email');
  const classes: ClassFact[] = [];
  for (const row of table.readColumnsOnce('class', 'grade', 'teacher', 'email', 'language').rows) {
    const className = table.text(row, 'class');
    if (!className) continue;
    const grade = table.has('grade') ? Number(table.get(row, 'grade')) : Number.NaN;
    const lang = table.has('language') ? choiceCode('language', table.get(row, 'language')) : null;
    classes.push({
      className,
      grade: Number.isFinite(grade) && String(table.get(row, 'grade')).trim() !== '' ? grade : Number.NaN,
      teacher: table.text(row, 'teacher'),
      email: table.text(row, 'email'),
      language: lang ?? DEFAULT_LANG,
    });
  }
  return classes;
}

/** Open loans only matter here; the "Author. Title" snapshot of the loan names the book. */
export function readLoans(wb: Workbook): { loans: LoanFact[]; copies: Map<string, CopyFact> } {
  const tz = wb.timeZone;
  const table = wb.table('loans').require('inventory', 'reader', 'due', 'status');
  const loans: LoanFact[] = [];
  const copies = new Map<string, CopyFact>();
  const hasReturned = table.has('returned');
  // Not the note or the librarian: the span from the loan's code to its status.
  const { rows } = table.readColumnsOnce(
    'loanId',
    'inventory',
    'title',
    'reader',
    'issued',
    'due',
    'returned',
    'status',
  );
  for (const row of rows) {
    const reader = table.text(row, 'reader');
    const inventory = table.text(row, 'inventory');
    const due = dayOf(table.get(row, 'due'), tz);
    if (!reader || !due) continue;
    const returned = hasReturned ? dayOf(table.get(row, 'returned'), tz) : null;
    const rawStatus = table.get(row, 'status');
    // A blank status with no return date is an open loan (a row typed by hand).
    const status = choiceCode('loanStatus', rawStatus) ?? (normalise(rawStatus) === '' && !returned ? 'open' : null);
    if (status !== 'open') continue;
    const issued = (table.has('issued') ? dayOf(table.get(row, 'issued'), tz) : null) ?? due;
    loans.push({
      loanId: table.has('loanId') ? table.text(row, 'loanId') : `${inventory}:${reader}`,
      inventory,
      reader,
      issued,
      due,
      returned,
      status,
    });
    if (!copies.has(inventory)) {
      copies.set(inventory, { inventory, author: '', title: table.has('title') ? table.text(row, 'title') : '' });
    }
  }
  return { loans, copies };
}

/** Every debtor on the library's today, grouped by class (then the staff group). */
export function readDebtorFacts(wb: Workbook): LibraryFacts {
  const day = today(wb.timeZone);
  const { loans, copies } = readLoans(wb);
  const readers = readReaders(wb);
  const classes = readClasses(wb);
  const groups = findDebtors({
    loans,
    readers,
    classes,
    copies,
    today: day,
    schedule: wb.settings.overdueOpenDaysOnly ? readSchedule(wb) : scheduleFrom(wb.settings, []),
    openDaysOnly: wb.settings.overdueOpenDaysOnly,
  });
  return { today: day, readers, classes, groups };
}
