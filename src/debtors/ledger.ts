/**
 * The Mailings sheet: the ledger that makes the emails go out exactly once. One row per email that
 * is due (period, kind, class), written "waiting" before anything is sent and turned "sent" right
 * after its MailApp call, so a run fired twice, or run again after a failure or a spent quota, sends
 * only what is still waiting. Only mail runs write it, under the script lock.
 */
import { classKey } from '../domain/debtors';
import type { EnumCode } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import type { Cell, Table } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';

export type MailKind = EnumCode<'mailKind'>;
export type MailStatus = EnumCode<'mailStatus'>;

export interface LedgerEntry {
  rowNumber: number;
  row: Cell[];
  period: string;
  kind: MailKind;
  className: string;
  recipient: string;
  email: string;
  status: MailStatus;
  details: string;
}

export type NewEntry = Omit<LedgerEntry, 'rowNumber' | 'row'>;

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
 * A row is marked "being sent" (and flushed) before MailApp is called and "sent" right after, so a
 * run that stops in between leaves a row that says it may have gone out: the next run reports it to
 * the librarian instead of sending it a second time.
 */
export const isSending = (e: Pick<LedgerEntry, 'status'>): boolean => e.status === 'sending';

export class Ledger {
  readonly entries: LedgerEntry[] = [];

  private constructor(
    private readonly wb: Workbook,
    private readonly table: Table,
  ) {
    const { rows, firstRow } = table.readAll();
    rows.forEach((row, i) => {
      const period = table.text(row, 'period');
      const kind = choiceCode('mailKind', table.get(row, 'kind'));
      const status = choiceCode('mailStatus', table.get(row, 'status'));
      if (!period || !kind || !status) return;
      this.entries.push({
        rowNumber: firstRow + i,
        row,
        period,
        kind,
        className: table.text(row, 'class'),
        recipient: table.text(row, 'recipient'),
        email: table.text(row, 'email'),
        status,
        details: table.text(row, 'details'),
      });
    });
  }

  static open(wb: Workbook): Ledger {
    return new Ledger(wb, wb.table('mailings').require('time', 'period', 'kind', 'class', 'email', 'status'));
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
    const first = this.table.append(entries.map((e) => ({ time: now, ...this.cells(e) })));
    const added = entries.map((e, i) => {
      const entry: LedgerEntry = {
        ...e,
        rowNumber: first + i,
        row: this.table.toRow({ time: now, ...this.cells(e) }),
      };
      return entry;
    });
    this.entries.push(...added);
    return added;
  }

  /** Changes one row (one setValues), stamping the time. */
  set(
    entry: LedgerEntry,
    changes: Partial<Pick<NewEntry, 'status' | 'details' | 'kind' | 'email' | 'recipient'>>,
  ): void {
    const values = { time: new Date(), ...this.cells(changes) };
    this.table.update(entry.rowNumber, values);
    Object.assign(entry, changes);
    for (const [k, v] of Object.entries(values)) entry.row[this.table.index(k)] = v;
  }
}
