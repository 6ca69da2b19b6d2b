/**
 * The Mailings ledger as a state machine, pure (no Apps Script): how each event of a run changes an
 * email's row, which email goes next, and the sending loop itself, its effects given to it. Why every
 * email goes out once, within the quota, wherever a run is stopped (an error, the time limit):
 *
 * - a row is marked "being sent" (flushed) before its email goes, and "sent" right after;
 * - only a waiting row is marked, only a row being sent is sent;
 * - a run that finds a row "being sent" knows that the run before it stopped between those two marks
 *   (it crashed): the email may have gone, so the row fails as interrupted and the librarian is told.
 *   No run sends it again (only Send now, which asks the librarian first, tries a failed row again);
 * - the librarian's report names a teacher's row before the row's problem is written: a run stopped
 *   in between leaves the row as it was, and the next run meets the problem again and names it again
 *   (a report waiting to go takes the new names, so it is told once, and never not at all);
 * - a follow-up run is installed first, before the run writes anything that waits, so a run stopped
 *   partway always has a successor; the runner removes it at the end when nothing waits.
 */

import { LibraryError } from '../errors';

export type MailingStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'invalid' | 'skipped';

/** One email's row, as the state machine sees it. */
export interface Mailing {
  status: MailingStatus;
  /** 'report' for a report to the librarian: sent after the teachers' emails, never itself reported. */
  kind: string;
  /** Its place in the ledger (older first): the order emails go in. */
  order: number;
}

export type MailingEvent =
  /** A run found the row "being sent": the run before it stopped (crashed) after marking it. */
  | 'crashed'
  /** Send now: a failed email is tried again. */
  | 'retried'
  /** Its class had no valid address when planned, and has one now. */
  | 'readdressed'
  /** A newer list of its kind replaces it (a new month's debtors). */
  | 'superseded'
  /** Right before sending, its class has no valid address (or two classes are spelled alike). */
  | 'unreachable'
  /** Right before sending, there is nothing to say any more. */
  | 'notNeeded'
  /** Its "being sent" mark is written and flushed: the email goes next. */
  | 'marked'
  | 'sent'
  /** MailApp refused it (not for the quota). */
  | 'failed'
  /** MailApp said the day's quota is spent: it waits for the follow-up. */
  | 'quotaSpent';

/** What an event makes of a row. */
export interface Change {
  status: MailingStatus;
  /** The librarian is told about it (a report lists it). */
  report: boolean;
}

const isReport = (m: Pick<Mailing, 'kind'>) => m.kind === 'report';

/** A new row of the plan: waiting, or, without a valid address, reported. */
export function newRow(valid: boolean): Change {
  return valid ? { status: 'pending', report: false } : { status: 'invalid', report: true };
}

/** The row an event makes of `m`, or null when the event does not apply to a row in that state. */
export function transition(m: Pick<Mailing, 'status' | 'kind'>, event: MailingEvent): Change | null {
  const teacher = !isReport(m);
  const from = (status: MailingStatus, to: MailingStatus, report = false): Change | null =>
    m.status === status ? { status: to, report } : null;
  switch (event) {
    case 'crashed':
      return from('sending', 'failed', teacher);
    case 'retried':
      return teacher ? from('failed', 'pending') : null;
    case 'readdressed':
      return teacher ? from('invalid', 'pending') : null;
    case 'superseded':
      return teacher && (m.status === 'pending' || m.status === 'failed') ? { status: 'skipped', report: false } : null;
    case 'unreachable':
      return from('pending', 'invalid', teacher);
    case 'notNeeded':
      return from('pending', 'skipped');
    case 'marked':
      return from('pending', 'sending');
    case 'sent':
      return from('sending', 'sent');
    case 'failed':
      return from('sending', 'failed', teacher);
    case 'quotaSpent':
      return from('sending', 'pending');
  }
}

/** Teachers first, reports to the librarian last; older rows first. */
export const sendOrder = (a: Mailing, b: Mailing): number =>
  Number(isReport(a)) - Number(isReport(b)) || a.order - b.order;

/** The email to send next: the first waiting one, while the quota lasts; null when the run stops. */
export function nextToSend<M extends Mailing>(rows: readonly M[], quota: number): M | null {
  if (quota <= 0) return null;
  let next: M | null = null;
  for (const m of rows) if (m.status === 'pending' && (!next || sendOrder(m, next) < 0)) next = m;
  return next;
}

/** Whether a follow-up must stay installed: an email still waits. */
export const waiting = (rows: readonly Mailing[]): boolean => rows.some((m) => m.status === 'pending');

/**
 * The effects of a run on its rows. Each may throw: the run stops there, and what was written is what
 * the next run finds.
 */
export interface MailingPorts<M extends Mailing> {
  /** Writes a row's change (the "being sent" mark flushed before the email goes). */
  write(m: M, change: Change, event: MailingEvent, error?: string): void;
  /** The email of a row as it stands now: 'ok' to send it, or why not. */
  check(m: M): 'ok' | 'unreachable' | 'notNeeded';
  /** Sends a row's email: 'sent', 'quota' when the day's quota is spent, or MailApp's error. */
  send(m: M): 'sent' | 'quota' | { error: string };
  /**
   * Names these rows in a report to the librarian: the report of their period waiting to go, or a new
   * one (whose row is in `rows` from then on).
   */
  report(about: M[]): void;
}

/** What a whole run needs besides: its plan, and the day's quota. */
export interface RunPorts<M extends Mailing> extends MailingPorts<M> {
  /**
   * Writes what is due now into the ledger (its new rows are in `rows` from then on), the rows
   * without a valid address named in a report first; rows that were invalid and have an address now
   * wait again ('readdressed'), a newer list replaces an older one ('superseded'), Send now tries the
   * failed ones again ('retried', not those just found interrupted).
   */
  plan(interrupted: M[]): void;
  /** The emails the day's quota still allows. */
  quota(): number;
}

/**
 * Applies an event to a row: a problem the librarian must hear of is named in a report first, then the
 * row is written. An event that does not apply to the row is a bug, not a state.
 */
export function apply<M extends Mailing>(
  ports: Pick<MailingPorts<M>, 'write'> & Partial<Pick<MailingPorts<M>, 'report'>>,
  m: M,
  event: MailingEvent,
  error?: string,
): Change {
  const change = transition(m, event);
  if (!change) throw new LibraryError('mail.ledger.broken', { detail: `${event}: ${m.status}` });
  if (change.report) {
    if (!ports.report) throw new LibraryError('mail.ledger.broken', { detail: `${event}: report` });
    ports.report([m]);
  }
  ports.write(m, change, event, error);
  m.status = change.status;
  return change;
}

/**
 * A run's first step on the ledger: the rows a stopped run left "being sent" fail as interrupted, the
 * teachers' ones named in one report first. Returns the rows it found.
 */
export function recover<M extends Mailing>(rows: readonly M[], ports: MailingPorts<M>): M[] {
  const found = rows.filter((r) => r.status === 'sending');
  const told = found.filter((m) => transition(m, 'crashed')?.report);
  if (told.length > 0) ports.report(told);
  // Named above, all in one report: each row is only written here.
  for (const m of found) apply({ write: (row, c, e) => ports.write(row, c, e), report: () => {} }, m, 'crashed');
  return found;
}

export interface SendTally<M> {
  sent: M[];
  failed: M[];
  /** Rows found without a valid address right before sending. */
  unreachable: M[];
  notNeeded: M[];
  /** Whether the day's quota stopped the run. */
  quotaSpent: boolean;
}

/**
 * Sends what waits, within `quota`: each email in turn is checked, marked, sent and marked sent. A
 * teacher's problem found on the way (no valid address now, MailApp's error) is named in the
 * librarian's report, which goes last in the same run (reports go after the teachers' emails).
 */
export function sendWaiting<M extends Mailing>(
  rows: readonly M[],
  quota: number,
  ports: MailingPorts<M>,
): SendTally<M> {
  const tally: SendTally<M> = { sent: [], failed: [], unreachable: [], notNeeded: [], quotaSpent: false };
  let left = quota;
  for (let m = nextToSend(rows, left); m; m = nextToSend(rows, left)) {
    const found = ports.check(m);
    if (found !== 'ok') {
      apply(ports, m, found);
      (found === 'unreachable' ? tally.unreachable : tally.notNeeded).push(m);
      continue;
    }
    apply(ports, m, 'marked');
    const result = ports.send(m);
    if (result === 'quota') {
      apply(ports, m, 'quotaSpent');
      tally.quotaSpent = true;
      left = 0;
    } else if (result === 'sent') {
      left--;
      apply(ports, m, 'sent');
      tally.sent.push(m);
    } else {
      apply(ports, m, 'failed', result.error);
      tally.failed.push(m);
    }
  }
  return tally;
}

/**
 * A whole run over the ledger. The follow-up run is installed first, before the run reads or writes
 * anything (so a run stopped at any later point has a successor; the runner keeps it at the end only
 * while something waits); then the ledger is opened, the rows a stopped run left "being sent" fail
 * as interrupted, the plan is written, and what waits is sent within the quota.
 */
export function runLedger<M extends Mailing>(
  followUp: () => void,
  open: () => { rows: readonly M[]; ports: RunPorts<M> },
): SendTally<M> {
  followUp();
  const { rows, ports } = open();
  ports.plan(recover(rows, ports));
  return sendWaiting(rows, ports.quota(), ports);
}
