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

  private constructor(
    private readonly wb: Workbook,
    private readonly table: Table,
  ) {
    const { rows } = table.readAll();
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

  /** Appends new rows in one write. */
  add(entries: NewEntry[]): LedgerEntry[] {
    if (entries.length === 0) return [];
    const now = new Date();
    this.table.append(entries.map((e) => ({ time: now, ...this.cells(e) })));
    const added = entries.map((e, i): LedgerEntry => ({ ...e, order: this.entries.length + i }));
    this.entries.push(...added);
    return added;
  }

  /**
   * The sheet row of an entry now, found by its key in one read of the key columns (the librarian may
   * have sorted the sheet since it was read); among rows alike, the one with the status this run last
   * wrote. Null when the row is gone.
   */
  private locate(entry: LedgerEntry): number | null {
    const sheet = this.table.sheet;
    const last = sheet.getLastRow();
    if (last < 2) return null;
    const keys = ['period', 'kind', 'class', 'status', 'details'].filter((k) => this.table.has(k));
    const cols = keys.map((k) => this.table.index(k));
    const lo = Math.min(...cols);
    const values = sheet.getRange(2, lo + 1, last - 1, Math.max(...cols) - lo + 1).getValues() as Cell[][];
    const wanted = identity(entry);
    let alike: number | null = null;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      const e = this.parse((key) => (keys.includes(key) ? row[this.table.index(key) - lo] : ''));
      if (!e || identity(e) !== wanted) continue;
      if (e.status === entry.status) return i + 2;
      alike ??= i + 2;
    }
    return alike;
  }

  /**
   * Changes one row (one setValues), stamping the time. The row is found by its key right before the
   * write; a row removed since the run read it is written again, so what was sent stays on record.
   */
  set(
    entry: LedgerEntry,
    changes: Partial<Pick<NewEntry, 'status' | 'details' | 'kind' | 'email' | 'recipient'>>,
  ): void {
    const values = { time: new Date(), ...this.cells(changes) };
    const rowNumber = this.locate(entry);
    if (rowNumber === null) {
      const { order: _, ...whole } = { ...entry, ...changes };
      this.table.append([{ ...values, ...this.cells(whole) }]);
    } else this.table.update(rowNumber, values);
    Object.assign(entry, changes);
  }
}
