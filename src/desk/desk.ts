/**
 * The circulation desk on the sheets: finding readers, copies and titles at a cost that does not grow
 * with the library. A reader is one row (found by a TextFinder on the code column, or read at the row
 * the sidebar already knows), and carries what they hold; a copy is one row; a title is one row,
 * or nothing when it is in the document cache. Actions read everything before they write anything.
 */
import { type DayKey, showDay as showDayKey } from '../dates';
import type { DeskCopy, DeskReader, Kind } from '../domain/circulation';
import { codeCandidates, codeKey, codeSearchPattern, echo, MAX_CODE_LENGTH, matchCode } from '../domain/codes';
import { decodeHoldings, encodeHoldings, type HeldCopy } from '../domain/holdings';
import { daysOverdue } from '../domain/schedule';
import { LibraryError } from '../errors';
import { choiceCode, choiceLabel, isChoiceLabel } from '../sheets/choices';
import { dateFor, dayOf, today } from '../sheets/dates';
import { type LogAction, logEvent } from '../sheets/log';
import type { Cell, RowValues, Table } from '../sheets/table';
import { currentUserEmail } from '../sheets/user';
import type { Workbook } from '../sheets/workbook';

export interface TitleInfo {
  titleId: string;
  kind: Kind;
  author: string;
  title: string;
  grade: number | null;
  subject: string;
}

/** One row of a sheet, with where it stands. */
export interface Located<T> {
  rowNumber: number;
  row: Cell[];
  info: T;
}

/** A reader as the desk sees them: the row, and the copies they hold (from their own row). */
export interface ReaderAtDesk extends DeskReader {
  holdings: HeldCopy[];
  /** False when the "On loan" cell could not be read (edited by hand): Check the workbook repairs it. */
  holdingsKnown: boolean;
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
  /** The reader's row on the Readers sheet: the sidebar sends it back, so the next action reads it directly. */
  row: number;
}

export function titleLabel(t: Pick<TitleInfo, 'author' | 'title'> | undefined, fallback: string): string {
  if (!t) return fallback;
  if (!t.author) return t.title;
  // "Ермекова Т." already ends with its full stop.
  return /[.!?]$/.test(t.author) ? `${t.author} ${t.title}` : `${t.author}. ${t.title}`;
}

/** "Name (7А)", or just the name for a reader with no class (a teacher): never empty brackets. */
export function nameWithClass(name: string, className: string): string {
  return className.trim() ? `${name} (${className.trim()})` : name;
}

const READER_COLUMNS = ['code', 'name', 'category', 'class', 'status', 'onLoan'] as const;
const COPY_COLUMNS = ['inventory', 'titleId', 'status', 'reader', 'loanId', 'due'] as const;

/** Cached title facts live six hours (the document cache's limit); a catalogue edit retires them at once. */
const TITLE_CACHE_SECONDS = 6 * 60 * 60;

export class Desk {
  readonly today: DayKey;
  private titleMemo = new Map<string, TitleInfo | null>();

  constructor(readonly wb: Workbook) {
    this.today = today(wb.timeZone);
  }

  get lang() {
    return this.wb.lang;
  }

  table(key: Parameters<Workbook['table']>[0]): Table {
    return this.wb.table(key);
  }

  /** "dd.MM.yyyy", as the librarian writes dates. */
  show(day: DayKey | null): string {
    return showDayKey(day);
  }

  date(day: DayKey): Date {
    return dateFor(day, this.wb.timeZone);
  }

  day(v: unknown): DayKey | null {
    return dayOf(v, this.wb.timeZone);
  }

  // Readers -------------------------------------------------------------------------------------

  readers(): Table {
    return this.table('readers').require(...READER_COLUMNS);
  }

  readerFrom(row: Cell[]): ReaderAtDesk {
    const table = this.readers();
    const holdings = decodeHoldings(table.get(row, 'onLoan'));
    return {
      code: table.text(row, 'code'),
      name: table.text(row, 'name'),
      category: choiceCode('category', table.get(row, 'category')) ?? 'pupil',
      className: table.text(row, 'class'),
      status: choiceCode('readerStatus', table.get(row, 'status')) ?? 'active',
      holdings: holdings ?? [],
      holdingsKnown: holdings !== null,
    };
  }

  /**
   * The reader with this code: read at `rowHint` when the sidebar knows the row and it still holds
   * that code (one read), else found by a search on the code column (one search, one read).
   */
  reader(code: string, rowHint = 0, opts: { cache?: boolean } = {}): Located<ReaderAtDesk> {
    const q = String(code ?? '').trim();
    if (!q) throw new LibraryError('desk.error.empty');
    if (q.length > MAX_CODE_LENGTH) throw new LibraryError('error.codeTooLong', { length: q.length });
    const table = this.readers();
    let cachedRow = 0;
    if (!(rowHint > 1) && opts.cache) {
      cachedRow = Number(CacheService.getDocumentCache()?.get(this.readerRowKey(q)) ?? 0);
      rowHint = cachedRow;
    }
    if (Number.isInteger(rowHint) && rowHint > 1) {
      const row = table.readRow(rowHint);
      if (row.length > 0 && matchCode(codeCandidates(q), table.get(row, 'code')) === 'exact') {
        return this.checkedReader(rowHint, row);
      }
    }
    const found = table.find('code', q);
    if (!found) throw new LibraryError('desk.error.unknownReader', { query: echo(q) });
    if (opts.cache) this.rememberReaderRow(table.text(found.row, 'code'), found.rowNumber);
    return this.checkedReader(found.rowNumber, found.row);
  }

  private readerRowKey(code: string): string {
    return `readerRow:${codeKey(code)}`;
  }

  /**
   * Remembers where a reader's row is, for the next action that meets the reader through a book
   * (a return with nobody at the desk): one cache write now saves a search then. The row is
   * checked when read, so a sorted sheet costs one search, never a wrong reader.
   */
  rememberReaderRow(code: string, rowNumber: number): void {
    CacheService.getDocumentCache()?.put(this.readerRowKey(code), String(rowNumber), 6 * 60 * 60);
  }

  /** A reader row whose "On loan" cell the desk can read, or rebuilt from the Copies sheet. */
  private checkedReader(rowNumber: number, row: Cell[]): Located<ReaderAtDesk> {
    const table = this.readers();
    // An "On loan" cell that is not our text means the columns moved (the header is read again) or
    // the cell was edited by hand (then the record is rebuilt from the Copies sheet).
    const checked = table.checked(
      rowNumber,
      row,
      isChoiceLabel,
      ['status', 'lastVisit'],
      (r) => decodeHoldings(table.get(r, 'onLoan')) !== null,
    );
    const info = this.readerFrom(checked);
    if (!info.holdingsKnown) {
      info.holdings = this.holdingsFromCopies(info.code);
      info.holdingsKnown = true;
    }
    return { rowNumber, row: checked, info };
  }

  /** What a reader holds, from the Copies sheet (a repair: one search and a few reads). */
  holdingsFromCopies(code: string): HeldCopy[] {
    const copies = this.copies();
    const pattern = codeSearchPattern(code);
    if (!pattern) return [];
    const { rows } = copies.readRowsAt(copies.search('reader', pattern), 6, 20_000);
    const out: HeldCopy[] = [];
    for (const row of rows.values()) {
      const c = this.copyFrom(row);
      if (codeKey(c.reader) !== codeKey(code)) continue;
      const title = this.title(c.titleId);
      out.push({
        inventory: c.inventory,
        titleId: c.titleId,
        kind: title?.kind ?? 'fiction',
        label: titleLabel(title, c.titleId),
        issued: null,
        due: c.due,
        loanId: c.loanId,
        renewals: 0,
      });
    }
    return out;
  }

  /** The reader with this code, or null (no refusal): a code scanned into the book field, say. */
  readerOrNull(code: string, rowHint = 0, opts: { cache?: boolean } = {}): Located<ReaderAtDesk> | null {
    try {
      return this.reader(code, rowHint, opts);
    } catch (e) {
      if (e instanceof LibraryError && e.key === 'desk.error.unknownReader') return null;
      throw e;
    }
  }

  /** Rewrites the reader's "On loan" cell (and the last visit, in the same write when they are neighbours). */
  writeHoldings(reader: Located<ReaderAtDesk>, holdings: HeldCopy[], visit = true): void {
    const changes: RowValues = { onLoan: encodeHoldings(holdings) };
    const readers = this.readers();
    if (visit && readers.has('lastVisit')) changes.lastVisit = this.date(this.today);
    readers.update(reader.rowNumber, changes);
    reader.info.holdings = holdings;
  }

  // Copies --------------------------------------------------------------------------------------

  copies(): Table {
    return this.table('copies').require(...COPY_COLUMNS);
  }

  copyFrom(row: Cell[]): DeskCopy {
    const table = this.copies();
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
    return this.copyAndOther(inventory, '').copy;
  }

  /**
   * The copy `inventory`, and whether the inventory number `other` is in the fund too, in one
   * search (a replacement's number must be new).
   */
  copyAndOther(
    inventory: string,
    other: string,
  ): { copy: Located<DeskCopy>; other: { rowNumber: number; row: Cell[] } | null } {
    const q = String(inventory ?? '').trim();
    if (!q) throw new LibraryError('desk.error.empty');
    const table = this.copies();
    const [found, second] = other ? table.findEach('inventory', [q, other]) : [table.find('inventory', q), null];
    if (!found) throw new LibraryError('desk.error.unknownCopy', { inventory: echo(q) });
    const row = table.checked(found.rowNumber, found.row, isChoiceLabel, ['status', 'due']);
    return { copy: { rowNumber: found.rowNumber, row, info: this.copyFrom(row) }, other: second };
  }

  // Titles --------------------------------------------------------------------------------------

  titleFrom(table: Table, row: Cell[]): TitleInfo {
    const grade = Number(table.get(row, 'grade'));
    return {
      titleId: table.text(row, 'titleId'),
      kind: choiceCode('kind', table.get(row, 'kind')) ?? 'fiction',
      author: table.has('author') ? table.text(row, 'author') : '',
      title: table.has('title') ? table.text(row, 'title') : '',
      grade: Number.isFinite(grade) && grade > 0 ? grade : null,
      subject: table.has('subject') ? table.text(row, 'subject') : '',
    };
  }

  private titleCacheKey(titleId: string): string {
    return `title:${this.wb.layout.catalogueStamp}:${codeKey(titleId)}`;
  }

  /**
   * A title by its code: from the document cache (no Spreadsheet call), else one search and one read
   * of the Catalogue, then cached. The cache key carries the catalogue's stamp, which an edit of the
   * Catalogue sheet changes, so a corrected title or kind is never read from the cache.
   */
  title(titleId: string): TitleInfo | undefined {
    const id = String(titleId ?? '').trim();
    if (!id) return undefined;
    const memo = this.titleMemo.get(codeKey(id));
    if (memo !== undefined) return memo ?? undefined;
    const cache = CacheService.getDocumentCache();
    const cached = cache?.get(this.titleCacheKey(id));
    if (cached) {
      try {
        const info = JSON.parse(cached) as TitleInfo;
        this.titleMemo.set(codeKey(id), info);
        return info;
      } catch {
        // A damaged cache entry is read again from the sheet.
      }
    }
    const table = this.table('titles').require('titleId', 'kind');
    const found = table.find('titleId', id);
    const info = found ? this.titleFrom(table, found.row) : null;
    this.titleMemo.set(codeKey(id), info);
    if (info) cache?.put(this.titleCacheKey(id), JSON.stringify(info), TITLE_CACHE_SECONDS);
    return info ?? undefined;
  }

  /**
   * Several titles at once: one cache read for all, and for those not cached one search and a few
   * reads of the Catalogue (then one cache write).
   */
  titlesOf(ids: string[]): Map<string, TitleInfo> {
    const out = new Map<string, TitleInfo>();
    const wanted = [...new Set(ids.map((x) => String(x ?? '').trim()).filter(Boolean))];
    const missing: string[] = [];
    for (const id of wanted) {
      const memo = this.titleMemo.get(codeKey(id));
      if (memo) out.set(codeKey(id), memo);
      else if (memo === undefined) missing.push(id);
    }
    if (missing.length === 0) return out;
    const cache = CacheService.getDocumentCache();
    const cached = cache?.getAll(missing.map((id) => this.titleCacheKey(id))) ?? {};
    const toRead: string[] = [];
    for (const id of missing) {
      const text = cached[this.titleCacheKey(id)];
      if (text) {
        const info = JSON.parse(text) as TitleInfo;
        this.titleMemo.set(codeKey(id), info);
        out.set(codeKey(id), info);
      } else toRead.push(id);
    }
    if (toRead.length === 0) return out;
    const table = this.table('titles').require('titleId', 'kind');
    const patterns = toRead.map((id) => codeSearchPattern(id)).filter((p): p is string => !!p);
    const found = patterns.length > 0 ? table.search('titleId', patterns.map((p) => `(?:${p})`).join('|')) : [];
    const { rows } = table.readRowsAt(found, 3, 20_000);
    const read: TitleInfo[] = [];
    for (const row of rows.values()) {
      const info = this.titleFrom(table, row);
      if (!toRead.some((id) => codeKey(id) === codeKey(info.titleId))) continue;
      read.push(info);
      out.set(codeKey(info.titleId), info);
    }
    for (const id of toRead) if (!out.has(codeKey(id))) this.titleMemo.set(codeKey(id), null);
    this.rememberTitles(read);
    return out;
  }

  /** Titles already read in this execution (by a whole-catalogue read) join the cache together. */
  rememberTitles(titles: TitleInfo[]): void {
    const values: Record<string, string> = {};
    for (const info of titles) {
      this.titleMemo.set(codeKey(info.titleId), info);
      values[this.titleCacheKey(info.titleId)] = JSON.stringify(info);
    }
    if (titles.length > 0) CacheService.getDocumentCache()?.putAll(values, TITLE_CACHE_SECONDS);
  }

  // The form ------------------------------------------------------------------------------------

  overdueDays(due: DayKey | null): number {
    if (!due) return 0;
    return daysOverdue(due, this.today, this.wb.schedule(), this.wb.settings.overdueOpenDaysOnly);
  }

  loanView(h: HeldCopy): LoanView {
    const days = this.overdueDays(h.due);
    return {
      inventory: h.inventory,
      title: h.label || h.titleId,
      due: this.show(h.due),
      overdue: days > 0,
      daysOverdue: days,
      kind: h.kind,
    };
  }

  form(reader: Located<ReaderAtDesk>): ReaderForm {
    const r = reader.info;
    const loans = r.holdings
      .map((h) => this.loanView(h))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue);
    return {
      code: r.code,
      name: r.name,
      category: choiceLabel(this.lang, 'category', r.category),
      className: r.className,
      left: r.status === 'left',
      loans,
      overdueCount: loans.filter((l) => l.overdue).length,
      row: reader.rowNumber,
    };
  }

  // Writing -------------------------------------------------------------------------------------

  /**
   * Every column a desk action writes, checked before the first write: a sheet missing one is a
   * clear message and nothing is written, never half an action.
   */
  prepareWrites(): void {
    this.table('loans').require(
      ...['loanId', 'inventory', 'title', 'reader', 'issued', 'due', 'renewals', 'returned', 'status'],
      ...['note', 'librarian'],
    );
    this.copies();
    this.readers();
    this.table('log').require('time', 'user', 'action', 'details');
  }

  log(action: LogAction, params: Record<string, string | number>): void {
    logEvent(this.wb, action, params);
  }

  librarian(): string {
    return currentUserEmail();
  }

  newLoanId(): string {
    return `L${this.today.replace(/-/g, '')}-${Utilities.getUuid().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
  }

  label<E extends Parameters<typeof choiceLabel>[1]>(e: E, code: Parameters<typeof choiceLabel<E>>[2]): string {
    return choiceLabel(this.lang, e, code);
  }
}
