/**
 * The Mailings sheet: the ledger that makes the emails go out exactly once. One row per email that
 * is due (period, kind, class), written "waiting" before anything is sent and turned "sent" right
 * after its MailApp call, so a run fired twice, or run again after a failure or a spent quota, sends
 * only what is still waiting. Only mail runs write it, under the script lock; the librarian may still
 * sort or filter the sheet while a run works, so a row is found by its key right before each write,
 * never by a row number remembered from an earlier read.
 */
import { classKey } from '../domain/debtors';
import type { EnumCode } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import type { Cell, Table } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';

export type MailKind = EnumCode<'mailKind'>;
export type MailStatus = EnumCode<'mailStatus'>;

export interface LedgerEntry {
  /** Its place in the ledger as this run read it (older first): the order emails go in, not where it is now. */
  order: number;
  period: string;
  kind: MailKind;
  className: string;
  recipient: string;
  email: string;
  status: MailStatus;
  details: string;
}

export type NewEntry = Omit<LedgerEntry, 'order'>;

/** Debtor emails and "no debtors" notes of a month are one family: a class gets one of them. */
export const family = (kind: MailKind): string => (kind === 'noDebtors' ? 'debtors' : kind);

/**
 * One email's identity: its family, period and class, the class keyed as the grouping keys it
 * (`ClassIndex.key`: "5А", "5 А" and "5a" are one class), so a respelt class is not emailed twice.
 */
export const entryKey = (
  e: Pick<LedgerEntry, 'period' | 'kind' | 'className'>,
  keyOf: (className: string) => string = classKey,
): string => `${family(e.kind)}|${e.period}|${keyOf(e.className)}`;

/**
 * What tells a row from every other: its key, and for a report to the librarian (several may share a
 * period) the classes it names. Rows alike in this are told apart by their status; rows alike in that
 * too say the same thing, so either may take the change.
 */
const identity = (e: Pick<LedgerEntry, 'period' | 'kind' | 'className' | 'details'>): string =>
  e.kind === 'report' ? `${entryKey(e)}\n${e.details}` : entryKey(e);

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  /** Changes made and not written yet, in order; `was` and `key`: the row as it stands on the sheet. */
  private readonly waiting: Array<{
    entry: LedgerEntry;
    was: MailStatus;
    key: string;
    values: Record<string, Cell>;
  }> = [];

  /**
   * The sheet's rows as this run last read or wrote them, while nothing may have moved them (until an
   * email goes: the librarian may sort the sheet meanwhile), and where the sheet ends.
   */
  private seen: { rows: Cell[][]; maxRows: number } | null;

  private constructor(
    private readonly wb: Workbook,
    private readonly table: Table,
  ) {
    const { rows, maxRows } = table.readColumnsOnce();
    this.seen = { rows: rows.map((r) => [...r]), maxRows };
    for (const row of rows) {
      const e = this.parse((key) => table.get(row, key));
      if (e) this.entries.push({ ...e, order: this.entries.length });
    }
  }

  static open(wb: Workbook): Ledger {
    return new Ledger(wb, wb.table('mailings').require('time', 'period', 'kind', 'class', 'email', 'status'));
  }

  /** A row's entry, its cells given by column key; null for a row that is not one (blank, or hand-typed). */
  private parse(cell: (key: string) => Cell | undefined): NewEntry | null {
    const text = (key: string) => {
      if (!this.table.has(key)) return '';
      const v = cell(key);
      return v === undefined || v === null ? '' : String(v).trim();
    };
    const period = text('period');
    const kind = choiceCode('mailKind', cell('kind'));
    const status = choiceCode('mailStatus', cell('status'));
    if (!period || !kind || !status) return null;
    return {
      period,
      kind,
      className: text('class'),
      recipient: text('recipient'),
      email: text('email'),
      status,
      details: text('details'),
    };
  }

  has(key: string): boolean {
    return this.entries.some((e) => entryKey(e) === key);
  }

  pending(): LedgerEntry[] {
    return this.entries.filter((e) => e.status === 'pending');
  }

  private cells(e: Partial<NewEntry>) {
    const lang = this.wb.lang;
    const out: Record<string, Cell> = {};
    if (e.period !== undefined) out.period = e.period;
    if (e.kind !== undefined) out.kind = choiceLabel(lang, 'mailKind', e.kind);
    if (e.className !== undefined) out.class = e.className;
    if (e.recipient !== undefined && this.table.has('recipient')) out.recipient = e.recipient;
    if (e.email !== undefined) out.email = e.email;
    if (e.status !== undefined) out.status = choiceLabel(lang, 'mailStatus', e.status);
    if (e.details !== undefined && this.table.has('details')) out.details = e.details;
    return out;
  }

  /** Appends new rows in one write (after the changes that wait, so the sheet keeps their order). */
  add(entries: NewEntry[]): LedgerEntry[] {
    if (entries.length === 0) return [];
    this.commit(false);
    const now = new Date();
    const rows = entries.map((e) => ({ time: now, ...this.cells(e) }));
    const seen = this.seen;
    if (seen) {
      this.table.append(rows, { lastRow: seen.rows.length + 1, maxRows: seen.maxRows });
      seen.rows.push(...rows.map((r) => this.table.toRow(r)));
      seen.maxRows = Math.max(seen.maxRows, seen.rows.length + 1);
    } else this.table.append(rows);
    const added = entries.map((e, i): LedgerEntry => ({ ...e, order: this.entries.length + i }));
    this.entries.push(...added);
    return added;
  }

  /**
   * Changes one row, stamping the time: kept in memory until the next `commit` (the "being sent" mark
   * commits at once, with a flush), so an email costs one read, its two marks and one flush.
   */
  set(
    entry: LedgerEntry,
    changes: Partial<Pick<NewEntry, 'status' | 'details' | 'kind' | 'email' | 'recipient'>>,
  ): void {
    const values = { time: new Date(), ...this.cells(changes) };
    const waiting = this.waiting.find((w) => w.entry === entry);
    if (waiting) Object.assign(waiting.values, values);
    else this.waiting.push({ entry, was: entry.status, key: identity(entry), values });
    Object.assign(entry, changes);
  }

  /**
   * Writes the changes that wait, in the order they were made: every row found by its key in one read
   * of the sheet (the librarian may have sorted it since the run read it; among rows alike, the one with
   * the status this run last wrote; no read while nothing was sent since this run last read or wrote
   * it), each written with one setValues; a row removed since is written
   * again, so what was sent stays on record. With `flush`, the writes are flushed (and flushed even
   * when nothing waited). A write that fails is tried again, a few times, with the rows found anew.
   */
  commit(flush: boolean): void {
    if (this.waiting.length > 0) {
      retrying(() => {
        if (!this.seen) {
          const { rows, maxRows } = this.table.readColumnsOnce();
          this.seen = { rows, maxRows };
        }
        const rows = this.seen.rows;
        for (const w of this.waiting) {
          const i = this.locate(rows, w.key, w.was);
          if (i === null) {
            const { order: _, ...whole } = w.entry;
            this.table.append([{ ...this.cells(whole), ...w.values }]);
            this.seen = null;
            continue;
          }
          this.table.updateSpan(i + 2, w.values, rows[i]);
          for (const [key, v] of Object.entries(w.values)) rows[i][this.table.index(key)] = v;
        }
      });
      this.waiting.length = 0;
    }
    if (flush) SpreadsheetApp.flush();
  }

  /** An email went: the librarian may have sorted the sheet meanwhile, so the next write reads it again. */
  moved(): void {
    this.seen = null;
  }

  /** The index in `rows` of the row with this identity; among rows alike, one with the status `was`. */
  private locate(rows: Cell[][], wanted: string, was: MailStatus): number | null {
    let alike: number | null = null;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const e = this.parse((key) => (this.table.has(key) ? row[this.table.index(key)] : ''));
      if (!e || identity(e) !== wanted) continue;
      if (e.status === was) return i;
      alike ??= i;
    }
    return alike;
  }
}

/** A sheet write that a passing "Service Spreadsheets failed" should not undo: tried a few times. */
function retrying<T>(write: () => T, times = 3): T {
  for (let i = 1; ; i++) {
    try {
      return write();
    } catch (e) {
      if (i >= times || /Exceeded maximum execution time/.test(String((e as Error)?.message ?? e))) throw e;
      Utilities.sleep(500 * i);
    }
  }
}
