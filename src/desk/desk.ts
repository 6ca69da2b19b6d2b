/**
 * The circulation desk on the sheets: finding readers and copies, issue, return, renew, lost with
 * replacement, and visits. Every lookup is a TextFinder on one column plus one row read, so a desk
 * action costs the same however long the loan history grows. Mutations run under the document lock
 * and read what they change inside it.
 */
import type { DayKey } from '../dates';
import { checkIssue, checkRenew, type DeskCopy, type DeskReader, type Holding, type Kind } from '../domain/circulation';
import { daysOverdue, dueDate, renewedDue, type Schedule } from '../domain/schedule';
import { isLibraryError, LibraryError } from '../errors';
import { normalise, t } from '../i18n';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { readSchedule } from '../sheets/closed-days';
import { dateFor, dayOf, today } from '../sheets/dates';
import { logAction } from '../sheets/log';
import type { Cell, Table } from '../sheets/table';
import { Workbook } from '../sheets/workbook';

export interface TitleInfo {
  titleId: string;
  kind: Kind;
  author: string;
  title: string;
  grade: number | null;
  subject: string;
}

/** One row of a sheet, with where it stands. */
interface Located<T> {
  rowNumber: number;
  row: Cell[];
  info: T;
}

/** What the sidebar shows of a loan; days are "dd.MM.yyyy" strings, never Date values. */
export interface LoanView {
  inventory: string;
  title: string;
  due: string;
  overdue: boolean;
  daysOverdue: number;
  kind: Kind;
}

export interface ReaderForm {
  code: string;
  name: string;
  category: string;
  className: string;
  left: boolean;
  loans: LoanView[];
  overdueCount: number;
}

export function titleLabel(t: Pick<TitleInfo, 'author' | 'title'> | undefined, fallback: string): string {
  if (!t) return fallback;
  if (!t.author) return t.title;
  // "Ермекова Т." already ends with its full stop.
  return /[.!?]$/.test(t.author) ? `${t.author} ${t.title}` : `${t.author}. ${t.title}`;
}

export class Desk {
  readonly today: DayKey;
  private titleMap?: Map<string, TitleInfo>;
  private scheduleCache?: Schedule;

  constructor(readonly wb: Workbook) {
    this.today = today(wb.timeZone);
  }

  static open(): Desk {
    return new Desk(Workbook.open());
  }

  get lang() {
    return this.wb.lang;
  }

  table(key: Parameters<Workbook['table']>[0]): Table {
    return this.wb.table(key);
  }

  /** "dd.MM.yyyy", as the librarian writes dates. */
  show(day: DayKey | null): string {
    return day ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : '';
  }

  date(day: DayKey): Date {
    return dateFor(day, this.wb.timeZone);
  }

  day(v: unknown): DayKey | null {
    return dayOf(v, this.wb.timeZone);
  }

  schedule(): Schedule {
    this.scheduleCache ??= readSchedule(this.wb);
    return this.scheduleCache;
  }

  /** The catalogue, read once per call: its size follows the fund, not the loan history. */
  titles(): Map<string, TitleInfo> {
    if (!this.titleMap) {
      const table = this.table('titles');
      this.titleMap = new Map();
      for (const row of table.readAll().rows) {
        const titleId = table.text(row, 'titleId');
        if (!titleId) continue;
        const grade = Number(table.get(row, 'grade'));
        this.titleMap.set(normalise(titleId), {
          titleId,
          kind: choiceCode('kind', table.get(row, 'kind')) ?? 'fiction',
          author: table.text(row, 'author'),
          title: table.text(row, 'title'),
          grade: Number.isFinite(grade) && grade > 0 ? grade : null,
          subject: table.text(row, 'subject'),
        });
      }
    }
    return this.titleMap;
  }

  title(titleId: string): TitleInfo | undefined {
    return this.titles().get(normalise(titleId));
  }

  readerFrom(table: Table, row: Cell[]): DeskReader {
    return {
      code: table.text(row, 'code'),
      name: table.text(row, 'name'),
      category: choiceCode('category', table.get(row, 'category')) ?? 'pupil',
      className: table.text(row, 'class'),
      status: choiceCode('readerStatus', table.get(row, 'status')) ?? 'active',
    };
  }

  reader(code: string): Located<DeskReader> {
    const q = code.trim();
    if (!q) throw new LibraryError('desk.error.empty');
    const table = this.table('readers').require('code', 'name', 'category', 'class', 'status');
    const found = table.findOne('code', q);
    if (!found) throw new LibraryError('desk.error.unknownReader', { query: q });
    return { ...found, info: this.readerFrom(table, found.row) };
  }

  copyFrom(table: Table, row: Cell[]): DeskCopy {
    const status = choiceCode('copyStatus', table.get(row, 'status'));
    const reader = table.text(row, 'reader');
    return {
      inventory: table.text(row, 'inventory'),
      titleId: table.text(row, 'titleId'),
      // A copy with no status written is on the shelf, unless someone holds it.
      status: status ?? (reader ? 'onLoan' : 'available'),
      reader,
      loanId: table.text(row, 'loanId'),
      due: this.day(table.get(row, 'due')),
    };
  }

  copy(inventory: string): Located<DeskCopy> {
    const q = inventory.trim();
    if (!q) throw new LibraryError('desk.error.empty');
    const table = this.table('copies').require('inventory', 'titleId', 'status', 'reader', 'loanId', 'due');
    const found = table.findOne('inventory', q);
    if (!found) throw new LibraryError('desk.error.unknownCopy', { inventory: q });
    return { ...found, info: this.copyFrom(table, found.row) };
  }

  /** The copies a reader holds now: one search on the copies' "on loan to" column, one read per copy. */
  holdings(readerCode: string): Holding[] {
    const table = this.table('copies');
    return table.findRows('reader', readerCode).map((n) => {
      const c = this.copyFrom(table, table.readRows(n, 1)[0]);
      return { inventory: c.inventory, titleId: c.titleId, kind: this.title(c.titleId)?.kind ?? 'fiction', due: c.due };
    });
  }

  limitFor(reader: DeskReader): number {
    return this.wb.settings.loanLimit[reader.category];
  }

  overdueDays(due: DayKey | null): number {
    if (!due) return 0;
    return daysOverdue(due, this.today, this.schedule(), this.wb.settings.overdueOpenDaysOnly);
  }

  loanView(h: Holding): LoanView {
    const days = this.overdueDays(h.due);
    return {
      inventory: h.inventory,
      title: titleLabel(this.title(h.titleId), h.titleId),
      due: this.show(h.due),
      overdue: days > 0,
      daysOverdue: days,
      kind: h.kind,
    };
  }

  form(reader: DeskReader, holdings: Holding[] = this.holdings(reader.code)): ReaderForm {
    const loans = holdings.map((h) => this.loanView(h)).sort((a, b) => Number(b.overdue) - Number(a.overdue));
    return {
      code: reader.code,
      name: reader.name,
      category: choiceLabel(this.lang, 'category', reader.category),
      className: reader.className,
      left: reader.status === 'left',
      loans,
      overdueCount: loans.filter((l) => l.overdue).length,
    };
  }

  /** The open loan of a copy: its loan ID on the copy row, else the last open loan of that copy. */
  openLoan(copy: DeskCopy): Located<{ loanId: string; renewals: number; issued: DayKey | null; due: DayKey | null }> {
    const loans = this.table('loans').require('loanId', 'inventory', 'reader', 'issued', 'due', 'returned', 'status');
    let found = copy.loanId ? loans.findOne('loanId', copy.loanId) : null;
    // The copy's pointer must lead to an open loan of this very copy, else search its loans.
    if (
      found &&
      (normalise(loans.text(found.row, 'inventory')) !== normalise(copy.inventory) ||
        choiceCode('loanStatus', loans.get(found.row, 'status')) !== 'open')
    ) {
      found = null;
    }
    if (!found) {
      const rows = loans.findRows('inventory', copy.inventory).reverse();
      for (const n of rows) {
        const row = loans.readRows(n, 1)[0];
        const status = choiceCode('loanStatus', loans.get(row, 'status'));
        if (status === 'open' || (status === null && !this.day(loans.get(row, 'returned')))) {
          found = { rowNumber: n, row };
          break;
        }
      }
    }
    if (!found)
      throw new LibraryError('desk.error.loanMissing', { loanId: copy.loanId || '—', inventory: copy.inventory });
    const renewals = Number(loans.get(found.row, 'renewals'));
    return {
      ...found,
      info: {
        loanId: loans.text(found.row, 'loanId'),
        renewals: Number.isFinite(renewals) ? renewals : 0,
        issued: this.day(loans.get(found.row, 'issued')),
        due: this.day(loans.get(found.row, 'due')),
      },
    };
  }

  /** Every desk service is a visit of that reader; several services in one day are one visit. */
  countVisit(reader: Located<DeskReader>): void {
    const readers = this.table('readers');
    if (!readers.has('lastVisit')) return;
    if (this.day(readers.get(reader.row, 'lastVisit')) === this.today) return;
    this.table('visits').append([
      {
        date: this.date(this.today),
        reader: reader.info.code,
        class: reader.info.className,
        kind: choiceLabel(this.lang, 'visitKind', 'desk'),
        count: 1,
      },
    ]);
    readers.update(reader.rowNumber, { lastVisit: this.date(this.today) });
  }

  /**
   * Every column a desk action writes, checked before the first write: a sheet missing one is a
   * clear message and nothing is written, never half an action.
   */
  prepareWrites(): void {
    this.table('loans').require(
      'loanId',
      'inventory',
      'title',
      'reader',
      'issued',
      'due',
      'returned',
      'renewals',
      'status',
      'note',
      'librarian',
    );
    this.table('copies').require(
      'inventory',
      'titleId',
      'status',
      'condition',
      'received',
      'source',
      'price',
      'reader',
      'loanId',
      'due',
    );
    this.table('readers').require('code', 'name', 'category', 'class', 'status');
    this.table('visits').require('date', 'reader', 'class', 'kind', 'count');
    this.table('log').require('time', 'user', 'action', 'details');
  }

  log(action: string, details: string): void {
    logAction(this.wb, action, details);
  }

  librarian(): string {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  }

  newLoanId(): string {
    return `L${this.today.replace(/-/g, '')}-${Utilities.getUuid().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
  }
}

/** Result of a desk action: the message to show and the reader form to redraw. */
export interface DeskResult {
  message: string;
  warning?: string;
  form?: ReaderForm;
  /** A reader card was scanned instead of a book: the form is that reader's, now at the desk. */
  switched?: boolean;
}

export function issue(desk: Desk, readerCode: string, inventory: string): DeskResult {
  const reader = desk.reader(readerCode);
  const copy = desk.copy(inventory);
  const title = desk.title(copy.info.titleId);
  const kind = title?.kind ?? 'fiction';
  const holdings = desk.holdings(reader.info.code);
  let holderName = '';
  let holderClass = '';
  if (copy.info.reader) {
    const holder = desk.table('readers').findOne('code', copy.info.reader);
    if (holder) {
      holderName = desk.table('readers').text(holder.row, 'name');
      holderClass = desk.table('readers').text(holder.row, 'class');
    }
  }
  checkIssue({
    reader: reader.info,
    copy: copy.info,
    kind,
    holdings,
    limit: desk.limitFor(reader.info),
    holderName,
    holderClass,
    dueLabel: desk.show(copy.info.due),
    statusLabel: choiceLabel(desk.lang, 'copyStatus', copy.info.status),
  });
  const due = dueDate(desk.today, kind, desk.wb.settings, desk.schedule());
  const loanId = desk.newLoanId();
  const label = titleLabel(title, copy.info.titleId);
  desk.table('loans').append([
    {
      loanId,
      inventory: copy.info.inventory,
      title: label,
      reader: reader.info.code,
      issued: desk.date(desk.today),
      due: desk.date(due),
      renewals: 0,
      status: choiceLabel(desk.lang, 'loanStatus', 'open'),
      librarian: desk.librarian(),
    },
  ]);
  desk.table('copies').update(copy.rowNumber, {
    status: choiceLabel(desk.lang, 'copyStatus', 'onLoan'),
    reader: reader.info.code,
    loanId,
    due: desk.date(due),
  });
  desk.countVisit(reader);
  desk.log('issue', `${copy.info.inventory} → ${reader.info.code} (${loanId}), due ${due}`);
  const now = [...holdings, { inventory: copy.info.inventory, titleId: copy.info.titleId, kind, due }];
  return {
    message: t(desk.lang, 'desk.issued', {
      title: label,
      inventory: copy.info.inventory,
      reader: reader.info.name,
      due: desk.show(due),
    }),
    form: desk.form(reader.info, now),
  };
}

/** Return by scanning the copy only; says whose it was, so a book handed in by someone else is noticed. */
export function giveBack(desk: Desk, inventory: string, readerAtDesk = ''): DeskResult {
  const copy = desk.copy(inventory);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  // A copy marked on loan by hand, with no loan row, still comes back to the shelf (and the log says so).
  let loan: ReturnType<Desk['openLoan']> | null = null;
  try {
    loan = desk.openLoan(copy.info);
  } catch (e) {
    if (!isLibraryError(e) || e.key !== 'desk.error.loanMissing') throw e;
  }
  const loans = desk.table('loans');
  const holderCode = copy.info.reader || (loan ? loans.text(loan.row, 'reader') : '');
  const holder = holderCode ? desk.table('readers').findOne('code', holderCode) : null;
  const holderInfo = holder ? desk.readerFrom(desk.table('readers'), holder.row) : null;
  if (loan) {
    loans.update(loan.rowNumber, {
      returned: desk.date(desk.today),
      status: choiceLabel(desk.lang, 'loanStatus', 'returned'),
    });
  }
  desk.table('copies').update(copy.rowNumber, {
    status: choiceLabel(desk.lang, 'copyStatus', 'available'),
    reader: '',
    loanId: '',
    due: '',
  });
  // The visit is of whoever stands at the desk: the reader there, else the one who had the book.
  const visitor = readerAtDesk.trim() ? desk.table('readers').findOne('code', readerAtDesk.trim()) : holder;
  if (visitor) desk.countVisit({ ...visitor, info: desk.readerFrom(desk.table('readers'), visitor.row) });
  desk.log('return', `${copy.info.inventory} ← ${holderCode} (${loan ? loan.info.loanId : 'no loan row'})`);
  const label = titleLabel(desk.title(copy.info.titleId), copy.info.titleId);
  const name = holderInfo?.name ?? holderCode;
  const other = readerAtDesk.trim() !== '' && normalise(readerAtDesk) !== normalise(holderCode);
  const late = loan?.info.due ? desk.overdueDays(loan.info.due) : desk.overdueDays(copy.info.due);
  const message = other
    ? t(desk.lang, 'desk.returnedOther', {
        title: label,
        inventory: copy.info.inventory,
        reader: name,
        class: holderInfo?.className ?? '',
      })
    : t(desk.lang, 'desk.returned', { title: label, inventory: copy.info.inventory, reader: name });
  const result: DeskResult = {
    message: late > 0 ? `${message} ${t(desk.lang, 'desk.returnedLate', { days: late })}` : message,
  };
  if (!loan) result.message += ` ${t(desk.lang, 'desk.returnedNoLoan', { inventory: copy.info.inventory })}`;
  if (other || !loan) result.warning = result.message;
  const shown = other ? readerAtDesk : holderCode;
  if (shown) {
    const r = desk.table('readers').findOne('code', shown.trim());
    if (r) result.form = desk.form(desk.readerFrom(desk.table('readers'), r.row));
  }
  return result;
}

export function renew(desk: Desk, inventory: string): DeskResult {
  const copy = desk.copy(inventory);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  const loan = desk.openLoan(copy.info);
  const kind = desk.title(copy.info.titleId)?.kind ?? 'fiction';
  const currentDue = loan.info.due ?? copy.info.due ?? desk.today;
  const newDue = renewedDue(desk.today, kind, desk.wb.settings, desk.schedule());
  const late = desk.overdueDays(currentDue);
  if (currentDue < desk.today) {
    // An overdue book is handed in (and may be issued again): a renewal must not hide the debt.
    throw new LibraryError('desk.error.renewOverdue', { inventory: copy.info.inventory, days: late || 1 });
  }
  checkRenew({
    inventory: copy.info.inventory,
    kind,
    renewals: loan.info.renewals,
    maxRenewals: desk.wb.settings.maxRenewals,
    currentDue,
    newDue,
    dueLabel: desk.show(currentDue),
  });
  desk.table('loans').update(loan.rowNumber, { due: desk.date(newDue), renewals: loan.info.renewals + 1 });
  desk.table('copies').update(copy.rowNumber, { due: desk.date(newDue) });
  desk.log('renew', `${copy.info.inventory} (${loan.info.loanId}): ${currentDue} → ${newDue}`);
  const label = titleLabel(desk.title(copy.info.titleId), copy.info.titleId);
  const result: DeskResult = {
    message: t(desk.lang, 'desk.renewed', { title: label, inventory: copy.info.inventory, due: desk.show(newDue) }),
  };
  const r = desk.table('readers').findOne('code', copy.info.reader);
  if (r) {
    const info = desk.readerFrom(desk.table('readers'), r.row);
    desk.countVisit({ ...r, info });
    result.form = desk.form(info);
  }
  return result;
}

/**
 * A lost book: the loan is closed as lost (or lost and replaced), the copy is marked lost, and an
 * equal replacement, when accepted, joins the fund as a new copy of the same title.
 */
export function markLost(desk: Desk, inventory: string, replacement = ''): DeskResult {
  const copy = desk.copy(inventory);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  const repl = replacement.trim();
  const copies = desk.table('copies');
  if (repl && copies.findRows('inventory', repl).length > 0) {
    throw new LibraryError('desk.error.replacementExists', { inventory: repl });
  }
  const loan = desk.openLoan(copy.info);
  const loans = desk.table('loans');
  const holderCode = copy.info.reader || loans.text(loan.row, 'reader');
  loans.update(loan.rowNumber, {
    returned: desk.date(desk.today),
    status: choiceLabel(desk.lang, 'loanStatus', repl ? 'replaced' : 'lost'),
    note: [loans.text(loan.row, 'note'), repl ? `→ ${repl}` : ''].filter(Boolean).join('; '),
  });
  copies.update(copy.rowNumber, {
    status: choiceLabel(desk.lang, 'copyStatus', 'lost'),
    reader: '',
    loanId: '',
    due: '',
  });
  if (repl) {
    copies.append([
      {
        inventory: repl,
        titleId: copy.info.titleId,
        status: choiceLabel(desk.lang, 'copyStatus', 'available'),
        condition: choiceLabel(desk.lang, 'condition', 'new'),
        received: desk.date(desk.today),
        source: `${copy.info.inventory} (${loan.info.loanId})`,
        price: copies.get(copy.row, 'price'),
      },
    ]);
  }
  desk.log(
    'lost',
    `${copy.info.inventory} of ${holderCode} (${loan.info.loanId})${repl ? `, replaced by ${repl}` : ''}`,
  );
  const holder = desk.table('readers').findOne('code', holderCode);
  const name = holder ? desk.table('readers').text(holder.row, 'name') : holderCode;
  const label = titleLabel(desk.title(copy.info.titleId), copy.info.titleId);
  const result: DeskResult = {
    message: repl
      ? t(desk.lang, 'desk.lostReplaced', {
          title: label,
          inventory: copy.info.inventory,
          reader: name,
          replacement: repl,
        })
      : t(desk.lang, 'desk.lost', { title: label, inventory: copy.info.inventory, reader: name }),
  };
  if (holder) {
    const info = desk.readerFrom(desk.table('readers'), holder.row);
    desk.countVisit({ ...holder, info });
    result.form = desk.form(info);
  }
  return result;
}
