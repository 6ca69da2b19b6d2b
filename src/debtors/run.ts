/**
 * The mail runs: plan what is due (one ledger row per class and period), then send what is waiting,
 * within the day's MailApp quota, marking each row "being sent" before its email and "sent" right
 * after. A run fired twice, or run again after a failure, finds the rows already there and sends only
 * what still waits; what the quota leaves waiting goes out with a follow-up trigger the next day. The
 * follow-up is installed before a run reads or writes anything, so a run stopped anywhere (an error,
 * Apps Script's time limit) has a successor; it is removed when nothing waits. The rules of the ledger
 * are the state machine of domain/mailing.ts; this file is its Apps Script side. Runs hold the script
 * lock (two runs never interleave) and take the document lock only for their short writes to the
 * shared sheets (Debtors, Log), so the desk is not held up while emails go out. Right before each
 * email the class's address, teacher and language are looked up again on the Classes sheet, so an
 * address fixed after the run was planned is the one used. What is due and each email: plan.ts; what a
 * run reads: context.ts; its Log sentence: run-log.ts; a trigger's errors: trigger-task.ts.
 */
import type { DebtorGroup } from '../domain/debtors';
import { apply, type MailingEvent, type MailingPorts, type RunPorts, runLedger } from '../domain/mailing';
import { LibraryError } from '../errors';
import { t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { withDocumentLock } from '../sheets/lock';
import { Workbook } from '../sheets/workbook';
import { ensureSheets, type Job, MailContext } from './context';
import { family, Ledger, type LedgerEntry, type NewEntry } from './ledger';
import { type Email, isValidEmail } from './mail';
import type { VisitsPeriod } from './periods';
import {
  compose,
  type Outgoing,
  planMonthly,
  planVisits,
  type Recipient,
  recipientNow,
  reconcile,
  reportLine,
  superseded,
} from './plan';
import { appendLog, type RunOutcome, runSentence } from './run-log';
import { writeDebtorSheet } from './sheet';
import { cancelFollowUp, FOLLOW_UP_MAX_DAYS, followUpSince, scheduleFollowUp } from './triggers';

// ---------------------------------------------------------------------------------------------
// The run

const isQuotaError = (e: unknown) => /too many times|quota/i.test(String((e as Error)?.message ?? e));

function plan(ctx: MailContext, job: Job, visits: VisitsPeriod | null, period?: string): NewEntry[] {
  if (job === 'monthly') return planMonthly(ctx, period);
  if (job === 'visits' && visits) return planVisits(ctx, visits);
  return [];
}

/** Failed emails that Send now tries again (not one that may have gone out: that one is reported). */
const retriable = (e: LedgerEntry) => e.kind !== 'report' && e.status === 'failed';

export interface PreviewOptions {
  /** As Send now will run: the failed emails are tried again. */
  retryFailed?: boolean;
}

/** What a run would send now, without sending or writing anything (the preview). */
export function preview(ctx: MailContext, job: Job, visits: VisitsPeriod | null = null, opts: PreviewOptions = {}) {
  const ledger = Ledger.open(ctx.wb);
  const planned = plan(ctx, job, visits);
  const { fresh, fixed, known } = reconcile(ctx, ledger, planned);
  const old = new Set(superseded(ledger, job, planned));
  const waiting: NewEntry[] = [
    ...ledger.pending().filter((e) => e.kind !== 'report' && !old.has(e)),
    ...(opts.retryFailed ? ledger.entries.filter((e) => retriable(e) && !old.has(e)) : []),
    ...fixed.map((f) => ({ ...f.entry, email: f.email, recipient: f.recipient, status: 'pending' as const })),
    ...fresh.filter((e) => e.status === 'pending'),
  ];
  const invalid: NewEntry[] = [...fresh, ...known].filter((e) => e.status === 'invalid');
  const outgoing: Outgoing[] = [];
  for (const e of waiting) {
    const now = recipientNow(ctx, e);
    if (!now.ok) {
      invalid.push({ ...e, email: now.email, recipient: now.teacher, status: 'invalid' });
      continue;
    }
    const o = compose(ctx, ledger, { ...e, email: now.email, recipient: now.teacher });
    if (o) outgoing.push(o);
  }
  return { outgoing, invalid, quota: MailApp.getRemainingDailyQuota() };
}

export interface RunOptions {
  /** The monthly job also rebuilds the Debtors sheet. */
  buildSheet?: boolean;
  /** Send now from the menu: also tries again the emails that failed. */
  retryFailed?: boolean;
  visits?: VisitsPeriod | null;
  /** The month of a monthly run ("YYYY-MM"), when not today's (a trigger fired a little early). */
  period?: string;
}

const UNPLANNED = 'library.mail.unplanned';

/** A scheduled run whose plan is not written yet: its follow-up plans it again. */
function rememberUnplanned(run: { job: Job; opts: RunOptions }): void {
  PropertiesService.getScriptProperties().setProperty(UNPLANNED, JSON.stringify(run));
}

function forgetUnplanned(): void {
  PropertiesService.getScriptProperties().deleteProperty(UNPLANNED);
}

/** The scheduled run a follow-up must plan again (it was stopped before its plan was written), or null. */
export function unplannedRun(): { job: Job; opts: RunOptions } | null {
  const raw = PropertiesService.getScriptProperties().getProperty(UNPLANNED);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { job: Job; opts: RunOptions };
  } catch {
    return null;
  }
}

/** Installs the follow-up; one that cannot be installed now is tried again, and reported, when the run ends. */
function installFollowUp(): void {
  try {
    scheduleFollowUp();
  } catch {
    // arrangeFollowUp says why.
  }
}

/** A run's log rows, written to the Log sheet in one write when the run ends. */
type LogRows = Array<{ action: string; details: string }>;

/**
 * Sends one email as it stands now (its class's address, teacher and language looked up again),
 * from the library, replies going to the librarian: 'sent', 'quota' when the day's quota is spent, or
 * MailApp's error.
 */
function sendOne(ctx: MailContext, to: string, email: Email): 'sent' | 'quota' | { error: string } {
  const replyTo = ctx.wb.settings.librarianEmail;
  try {
    MailApp.sendEmail({
      to,
      subject: email.subject,
      body: email.body,
      htmlBody: email.htmlBody,
      name: ctx.sender.library,
      ...(isValidEmail(replyTo) ? { replyTo } : {}),
    });
    return 'sent';
  } catch (e) {
    return isQuotaError(e) ? 'quota' : { error: String((e as Error)?.message ?? e) };
  }
}

/**
 * The Apps Script side of a run's sending (the state machine of domain/mailing.ts drives it): each
 * change is written to the Mailings sheet, the "being sent" mark and the "sent" mark flushed (the
 * latter tried again when a write fails), each email looked up on the Classes sheet right before it
 * goes, each send and failure logged.
 */
function mailPorts(ctx: MailContext, book: Ledger, logRows: LogRows): MailingPorts<LedgerEntry> {
  const lang = ctx.wb.lang;
  // What check() found for the row about to be sent: where it goes now, and what.
  let current: { entry: LedgerEntry; now: Recipient; out: Outgoing | null } | null = null;
  const found = (entry: LedgerEntry) => {
    if (current?.entry !== entry) throw new LibraryError('mail.ledger.broken', { detail: `${entry.status}: check` });
    return current;
  };
  return {
    write(entry, change, event, error) {
      const { status } = change;
      switch (event) {
        case 'crashed':
          // Failed, not waiting: only Send now (which asks first) sends it again.
          return book.set(
            entry,
            entry.kind === 'report' ? { status } : { status, details: t(lang, 'mail.interrupted') },
          );
        case 'unreachable': {
          const { now } = found(entry);
          return book.set(
            entry,
            entry.kind === 'report'
              ? { status, email: now.email }
              : { status, email: now.email, recipient: now.teacher },
          );
        }
        case 'marked': {
          const { now } = found(entry);
          book.set(entry, {
            status,
            ...(now.email !== entry.email ? { email: now.email } : {}),
            ...(now.teacher !== entry.recipient ? { recipient: now.teacher } : {}),
          });
          // Written with what waits (the last email's "sent" mark) and flushed before the email goes, so
          // a run stopped right after sending leaves a row that says so, not one that waits to be sent
          // again.
          return book.commit(true);
        }
        case 'sent': {
          const out = found(entry).out as Outgoing;
          // Written with the next email's "being sent" mark, or when the run ends: a run stopped before
          // that leaves the row "being sent", which the next run reports and never sends again.
          book.set(entry, out.kind !== entry.kind ? { status, kind: out.kind } : { status });
          logRows.push({
            action: 'mailSent',
            details: t(ctx.wb.lang, 'log.mailSent.details', {
              kind: choiceLabel(ctx.wb.lang, 'mailKind', out.kind),
              class: entry.className,
              period: entry.period,
              email: entry.email,
            }),
          });
          return;
        }
        case 'failed':
          book.set(entry, { status, details: error ?? '' });
          logRows.push({
            action: 'mailFailed',
            details: t(ctx.wb.lang, 'log.mailFailed.details', {
              kind: choiceLabel(ctx.wb.lang, 'mailKind', entry.kind),
              class: entry.className,
              period: entry.period,
              email: entry.email,
              error: String(error ?? ''),
            }),
          });
          return;
        default:
          return book.set(entry, { status });
      }
    },
    check(entry) {
      // The class's address and teacher as the Classes sheet has them now.
      const now = recipientNow(ctx, entry);
      const out = now.ok ? compose(ctx, book, { ...entry, email: now.email, recipient: now.teacher }) : null;
      current = { entry, now, out };
      return !now.ok ? 'unreachable' : out ? 'ok' : 'notNeeded';
    },
    send(entry) {
      const { now, out } = found(entry);
      try {
        return sendOne(ctx, now.email, (out as Outgoing).email);
      } finally {
        book.moved();
      }
    },
    report(about) {
      addReport(ctx, book, about);
    },
  };
}

/** Writes a row's change of status (with what else changes) as the state machine allows it. */
const update = (book: Ledger, e: LedgerEntry, event: MailingEvent, more: Parameters<Ledger['set']>[1] = {}) =>
  apply({ write: (m, c) => book.set(m, { ...more, status: c.status }) }, e, event);

/** What a run has done so far: kept when it stops with an error, for its follow-up and its Log rows. */
interface RunState {
  wb: Workbook | null;
  ledger: Ledger | null;
  outcome: RunOutcome;
  log: LogRows;
}

/**
 * Brings the ledger up to date before anything is sent: what a stopped run left "being sent" fails
 * and is reported, the emails due now are added (those without a valid address reported), a fixed
 * address makes its row wait again, a new month's list replaces last month's waiting rows, and Send
 * now (retryFailed) tries the failed ones again, except those just found interrupted.
 */
function prepare(
  ctx: MailContext,
  book: Ledger,
  interrupted: LedgerEntry[],
  run: RunState,
  job: Job,
  opts: RunOptions,
): void {
  const { outcome } = run;
  const planned = plan(ctx, job, opts.visits ?? null, opts.period);
  const { fresh, fixed, known } = reconcile(ctx, book, planned);
  for (const { entry, email, recipient } of fixed) update(book, entry, 'readdressed', { email, recipient });
  for (const e of superseded(book, job, planned)) {
    update(book, e, 'superseded', { details: t(ctx.wb.lang, 'mail.superseded', { period: planned[0].period }) });
    outcome.skipped++;
  }
  if (opts.retryFailed) {
    for (const e of book.entries) if (retriable(e) && !interrupted.includes(e)) update(book, e, 'retried');
  }
  // Classes without a valid address are named in the librarian's report before their rows are written.
  const invalid = fresh.filter((e) => e.status === 'invalid');
  if (invalid.length > 0) addReport(ctx, book, invalid);
  book.add(fresh);
  forgetUnplanned();
  outcome.periods = [...new Set(fresh.map((e) => e.period))];
  outcome.invalid = invalid.length;
  outcome.alreadySent = known.filter((e) => e.status === 'sent').length;
}

/**
 * The run's work: the follow-up installed first (a run stopped at any later point, by an error or the
 * time limit, has a successor), the Debtors sheet (monthly), the ledger brought up to date, then the
 * sending.
 */
function work(run: RunState, job: Job, opts: RunOptions): void {
  const tally = runLedger(
    () => {
      // A scheduled run stopped before its plan is written is planned again by its follow-up.
      if (job === 'monthly' || job === 'visits') rememberUnplanned({ job, opts });
      installFollowUp();
    },
    () => {
      const wb = ensureSheets(Workbook.open());
      run.wb = wb;
      const ctx = new MailContext(wb);
      if (job === 'monthly' && opts.buildSheet) {
        const groups: DebtorGroup[] = ctx.facts.groups;
        const summary = withDocumentLock(() => writeDebtorSheet(wb, groups, ctx.today), 30_000);
        run.log.push({ action: 'debtorsBuild', details: t(wb.lang, 'debtors.built', { ...summary }) });
      }
      const book = Ledger.open(wb);
      run.ledger = book;
      const ports: RunPorts<LedgerEntry> = {
        ...mailPorts(ctx, book, run.log),
        plan: (interrupted) => prepare(ctx, book, interrupted, run, job, opts),
        quota: () => MailApp.getRemainingDailyQuota(),
      };
      return { rows: book.entries, ports };
    },
  );
  run.outcome.sent = tally.sent.length;
  run.outcome.failed = tally.failed.length;
  run.outcome.invalid += tally.unreachable.filter((e) => e.kind !== 'report').length;
  run.outcome.skipped += tally.notNeeded.length;
}

/**
 * A mail run under the script lock (two never interleave): plan what is due, send what waits within
 * the quota. Whatever happens, what still waits keeps its follow-up and the run is written to the Log.
 */
export function runMail(job: Job, opts: RunOptions = {}): RunOutcome {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(job === 'followUp' || opts.retryFailed ? 5_000 : 60_000)) throw new LibraryError('debtors.busy');
  const run: RunState = {
    wb: null,
    ledger: null,
    log: [],
    outcome: { periods: [], sent: 0, pending: 0, invalid: 0, failed: 0, skipped: 0, alreadySent: 0, followUp: null },
  };
  let failure: unknown = null;
  let notice: LibraryError | null = null;
  try {
    work(run, job, opts);
  } catch (e) {
    failure = e;
  }
  try {
    // The marks that wait (the last email's "sent"); flushed with the Log below, or at the end.
    run.ledger?.commit(false);
  } catch (e) {
    failure ??= e;
  }
  try {
    notice = arrangeFollowUp(job, run.ledger, run.outcome, run.log);
  } catch (e) {
    run.log.push({ action: 'followUpError', details: String((e as Error)?.message ?? e) });
  }
  let flushed = false;
  if (run.wb) {
    const wb = run.wb;
    run.log.push({ action: 'mailRun', details: runSentence(wb, job, run.outcome, failure) });
    try {
      // Under the document lock, which flushes (the last "sent" mark with the Log).
      appendLog(wb, run.log);
      flushed = true;
    } catch (e) {
      console.error(`could not log the run: ${String(e)}`);
      failure ??= e;
    }
  }
  try {
    if (!flushed) SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  if (failure) throw failure;
  if (notice) throw notice;
  return run.outcome;
}

/**
 * Keeps one follow-up while emails wait (none when nothing does). A follow-up run that still finds
 * emails waiting after FOLLOW_UP_MAX_DAYS days of trying (the account's quota spent by other mail)
 * stops trying and tells the librarian; so does a follow-up that cannot be installed.
 */
function arrangeFollowUp(
  job: Job,
  ledger: Ledger | null,
  outcome: RunOutcome,
  logRows: Array<{ action: string; details: string }>,
): LibraryError | null {
  if (!ledger) {
    // The run stopped before it read the Mailings sheet: a follow-up's own trigger has fired and
    // will not fire again, so the follow-up is scheduled anew; any other run leaves it as it is.
    if (job !== 'followUp') return null;
    outcome.followUp = scheduleFollowUp();
    return null;
  }
  outcome.pending = ledger.pending().length;
  if (outcome.pending === 0) {
    cancelFollowUp();
    return null;
  }
  const since = followUpSince();
  if (job === 'followUp' && since !== null && Date.now() - since >= FOLLOW_UP_MAX_DAYS * 86_400_000) {
    cancelFollowUp();
    logRows.push({
      action: 'followUpStopped',
      details: t(Workbook.open().lang, 'mail.followUp.stopped', { count: outcome.pending, days: FOLLOW_UP_MAX_DAYS }),
    });
    return new LibraryError('mail.followUp.stopped', { count: outcome.pending, days: FOLLOW_UP_MAX_DAYS });
  }
  try {
    outcome.followUp = scheduleFollowUp();
    return null;
  } catch (e) {
    const error = String((e as Error)?.message ?? e);
    logRows.push({ action: 'followUpError', details: error });
    return new LibraryError('mail.followUp.failed', { count: outcome.pending, error });
  }
}

/**
 * Names these rows in the librarian's report: the report of their period and kind of email that waits
 * to go takes the new names (named once however often a stopped run met them), else a new report.
 */
function addReport(
  ctx: MailContext,
  ledger: Ledger,
  problems: Array<Pick<NewEntry, 'period' | 'kind' | 'className'>>,
): void {
  const groups = new Map<string, { period: string; fam: string; lines: string[] }>();
  for (const p of problems) {
    const g = `${p.period}|${family(p.kind)}`;
    const group = groups.get(g) ?? { period: p.period, fam: family(p.kind), lines: [] };
    group.lines.push(reportLine(p));
    groups.set(g, group);
  }
  const email = ctx.librarianEmail;
  const fresh: NewEntry[] = [];
  for (const { period, fam, lines } of groups.values()) {
    const open = ledger.entries.find((e) => {
      const named = e.details.split('\n').filter(Boolean);
      return (
        e.kind === 'report' &&
        e.status === 'pending' &&
        e.period === period &&
        named.length > 0 &&
        named.every((l) => l.startsWith(`${fam}|`))
      );
    });
    if (open) {
      const named = new Set(open.details.split('\n').filter(Boolean));
      if (lines.some((l) => !named.has(l)))
        ledger.set(open, { details: [...new Set([...named, ...lines])].join('\n') });
      continue;
    }
    fresh.push({
      period,
      kind: 'report',
      className: '',
      recipient: ctx.wb.settings.librarianName,
      email,
      status: isValidEmail(email) ? 'pending' : 'invalid',
      details: [...new Set(lines)].join('\n'),
    });
  }
  ledger.add(fresh);
}
