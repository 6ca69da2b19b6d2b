/**
 * What a mail run tells the Log: its outcome in one sentence in the workbook's language, written with
 * the run's other rows in one write under the document lock.
 */
import { t } from '../messages';
import { withDocumentLock } from '../sheets/lock';
import { actionLabel } from '../sheets/log';
import { currentUserEmail } from '../sheets/user';
import type { Workbook } from '../sheets/workbook';
import type { Job } from './context';

export interface RunOutcome {
  periods: string[];
  sent: number;
  pending: number;
  invalid: number;
  failed: number;
  skipped: number;
  /** Emails of the planned period that had already gone out before this run. */
  alreadySent: number;
  followUp: Date | null;
}

/** Audit-log rows of a run, in one write under the document lock, each action named in the workbook's language. */
export function appendLog(wb: Workbook, rows: Array<{ action: string; details: string }>): void {
  if (rows.length === 0) return;
  const user = currentUserEmail();
  withDocumentLock(
    () =>
      wb
        .table('log')
        .append(rows.map((r) => ({ time: new Date(), user, action: actionLabel(wb, r.action), details: r.details }))),
    30_000,
  );
}

export const taskNameKey = (task: Job) =>
  task === 'monthly' ? 'task.monthly' : task === 'visits' ? 'task.visits' : 'task.followUp';

export const firstLine = (s: string) => s.split('\n')[0];

/** A run told as the Log's sentence: what went, what waits, and why it stopped. */
export function runSentence(wb: Workbook, job: Job, o: RunOutcome, failure: unknown): string {
  const L = wb.lang;
  const parts = [
    t(L, 'log.mailRun.details', {
      task: t(L, taskNameKey(job)),
      sent: o.sent,
      pending: o.pending,
      invalid: o.invalid,
      failed: o.failed,
      skipped: o.skipped,
    }),
  ];
  if (o.followUp)
    parts.push(t(L, 'log.mailRunNext', { date: Utilities.formatDate(o.followUp, wb.timeZone, 'dd.MM.yyyy HH:mm') }));
  if (failure)
    parts.push(t(L, 'log.mailRunError', { error: firstLine(String((failure as Error)?.message ?? failure)) }));
  return parts.join(' ');
}
