/**
 * The mail runs: plan what is due (one ledger row per class and period), then send what is waiting,
 * within the day's MailApp quota, marking each row "sent" right after its email. A run fired twice,
 * or run again after a failure, finds the rows already there and sends only what still waits; what
 * the quota leaves waiting goes out with a follow-up trigger the next day. Runs hold the script lock
 * (two runs never interleave) and take the document lock only for their short writes to the shared
 * sheets (Debtors, Log), so the desk is not held up while emails go out.
 */
import type { DayKey } from '../dates';
import { type DebtorGroup, debtorsOfClass } from '../domain/debtors';
import { LibraryError } from '../errors';
import { DEFAULT_LANG, isLang, type Lang, t } from '../i18n';
import { setUpWorkbook } from '../setup';
import { today } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import { Workbook } from '../sheets/workbook';
import { type LibraryFacts, readDebtorFacts } from './data';
import { entryKey, Ledger, type LedgerEntry, type NewEntry } from './ledger';
import {
  debtorsEmail,
  type Email,
  errorEmail,
  isValidEmail,
  noDebtorsEmail,
  type Problem,
  reportEmail,
  type Sender,
  visitsEmail,
} from './mail';
import { monthOf, type VisitsPeriod, visitsPeriod } from './periods';
import { writeDebtorSheet } from './sheet';
import { cancelFollowUp, scheduleFollowUp } from './triggers';
import { classKey, statsFor, visitsByClass } from './visits';

export type Job = 'monthly' | 'visits' | 'followUp';

/** Everything a run reads, read once and only when needed. */
export class MailContext {
  private factsCache?: LibraryFacts;
  private tallies = new Map<string, ReturnType<typeof visitsByClass>>();

  constructor(readonly wb: Workbook) {}

  get facts(): LibraryFacts {
    this.factsCache ??= readDebtorFacts(this.wb);
    return this.factsCache;
  }

  get today(): DayKey {
    return today(this.wb.timeZone);
  }

  get sender(): Sender {
    const s = this.wb.settings;
    return { library: s.libraryName || t(this.wb.lang, 'app.name'), librarian: s.librarianName };
  }

  /** Where reports and errors go: the Settings' librarian email, else the account that runs the script. */
  get librarianEmail(): string {
    const e = this.wb.settings.librarianEmail;
    return isValidEmail(e) ? e : librarianFallback();
  }

  classLang(className: string): Lang {
    const key = classKey(className);
    const c = this.facts.classes.find((x) => classKey(x.className) === key);
    return c && isLang(c.language) ? c.language : DEFAULT_LANG;
  }

  visitTallies(p: { from: DayKey; to: DayKey }) {
    const k = `${p.from}..${p.to}`;
    let v = this.tallies.get(k);
    if (!v) {
      v = visitsByClass(this.wb, this.facts.readers, p.from, p.to);
      this.tallies.set(k, v);
    }
    return v;
  }
}

function librarianFallback(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

/** The Debtors and Mailings sheets, created by Setup when a workbook set up before them lacks them. */
export function ensureSheets(wb: Workbook): Workbook {
  if (wb.findSheet('debtors') && wb.findSheet('mailings')) return wb;
  withDocumentLock(() => setUpWorkbook(wb.ss, wb.lang));
  return Workbook.open(wb.ss);
}

// ---------------------------------------------------------------------------------------------
// Planning: which emails are due

function entryFor(
  period: string,
  kind: NewEntry['kind'],
  c: { className: string; teacher: string; email: string },
  details = '',
): NewEntry {
  const email = c.email.trim();
  return {
    period,
    kind,
    className: c.className,
    recipient: c.teacher,
    email,
    status: isValidEmail(email) ? 'pending' : 'invalid',
    details,
  };
}

/** The monthly emails: one per class with debtors; a note to the others when the setting asks. */
export function planMonthly(ctx: MailContext): NewEntry[] {
  const period = monthOf(ctx.today);
  const out: NewEntry[] = [];
  const withDebtors = new Set<string>();
  for (const g of ctx.facts.groups) {
    if (g.kind !== 'class') continue;
    withDebtors.add(classKey(g.className));
    out.push(entryFor(period, 'debtors', g));
  }
  if (ctx.wb.settings.mail.noDebtorsNote) {
    const seen = new Set<string>(withDebtors);
    for (const c of ctx.facts.classes) {
      const key = classKey(c.className);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entryFor(period, 'noDebtors', c));
    }
  }
  return out;
}

/** The visits summary: one email per class on the Classes sheet. */
export function planVisits(ctx: MailContext, p: VisitsPeriod): NewEntry[] {
  const seen = new Set<string>();
  const out: NewEntry[] = [];
  for (const c of ctx.facts.classes) {
    const key = classKey(c.className);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entryFor(p.key, 'visits', c, `${p.from}..${p.to}`));
  }
  return out;
}

interface Fixed {
  entry: LedgerEntry;
  email: string;
  recipient: string;
}

/**
 * The planned entries the ledger does not hold yet (`fresh`), and the rows that had no valid address
 * but whose class has one now (`fixed`: they wait again, with the new address).
 */
function reconcile(ledger: Ledger, planned: NewEntry[]): { fresh: NewEntry[]; fixed: Fixed[]; known: LedgerEntry[] } {
  const fresh: NewEntry[] = [];
  const fixed: Fixed[] = [];
  const known: LedgerEntry[] = [];
  for (const p of planned) {
    const key = entryKey(p);
    const existing = ledger.entries.find((e) => e.kind !== 'report' && entryKey(e) === key);
    if (!existing) fresh.push(p);
    else if (existing.status === 'invalid' && p.status === 'pending') {
      fixed.push({ entry: existing, email: p.email, recipient: p.recipient });
    } else known.push(existing);
  }
  return { fresh, fixed, known };
}

// ---------------------------------------------------------------------------------------------
// Composing an email for a ledger row (as it stands now)

export interface Outgoing {
  entry: NewEntry;
  email: Email;
  /** The kind it goes out as (a "no debtors" row whose class now has debtors gets the debtor list). */
  kind: NewEntry['kind'];
}

function problemsOf(ledger: Ledger, entry: Pick<NewEntry, 'period' | 'details'>): Problem[] {
  const classes = new Set(
    entry.details
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return ledger.entries
    .filter(
      (e) =>
        e.kind !== 'report' &&
        e.period === entry.period &&
        classes.has(e.className) &&
        (e.status === 'invalid' || e.status === 'failed'),
    )
    .map((e) => ({
      kind: e.status === 'invalid' ? 'invalid' : 'failed',
      className: e.className,
      teacher: e.recipient,
      email: e.email,
      error: e.status === 'failed' ? e.details : undefined,
    }));
}

export function compose(ctx: MailContext, ledger: Ledger, entry: NewEntry): Outgoing | null {
  const sender = ctx.sender;
  if (entry.kind === 'report') {
    const problems = problemsOf(ledger, entry);
    if (problems.length === 0) return null;
    return { entry, kind: 'report', email: reportEmail(ctx.wb.lang, sender, entry.period, problems) };
  }
  const lang = ctx.classLang(entry.className);
  if (entry.kind === 'visits') {
    const [from, to] = entry.details.split('..');
    if (!from || !to) return null;
    const stats = statsFor(lang, entry.className, ctx.visitTallies({ from, to }), ctx.facts.readers);
    return {
      entry,
      kind: 'visits',
      email: visitsEmail({ lang, sender, className: entry.className, teacher: entry.recipient, from, to, stats }),
    };
  }
  const debtors = debtorsOfClass(ctx.facts.groups, entry.className);
  if (debtors.length > 0) {
    return {
      entry,
      kind: 'debtors',
      email: debtorsEmail({
        lang,
        sender,
        className: entry.className,
        teacher: entry.recipient,
        debtors,
        asOf: ctx.today,
        openDaysOnly: ctx.wb.settings.overdueOpenDaysOnly,
      }),
    };
  }
  if (entry.kind === 'noDebtors') {
    return {
      entry,
      kind: 'noDebtors',
      email: noDebtorsEmail({ lang, sender, className: entry.className, teacher: entry.recipient, asOf: ctx.today }),
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The run

export interface RunOutcome {
  periods: string[];
  sent: number;
  pending: number;
  invalid: number;
  failed: number;
  skipped: number;
  followUp: Date | null;
}

const isQuotaError = (e: unknown) => /too many times|quota/i.test(String((e as Error)?.message ?? e));

/** Teachers first, reports to the librarian last; older periods first. */
const sendOrder = (a: LedgerEntry, b: LedgerEntry) =>
  Number(a.kind === 'report') - Number(b.kind === 'report') || a.rowNumber - b.rowNumber;

function plan(ctx: MailContext, job: Job, visits: VisitsPeriod | null): NewEntry[] {
  if (job === 'monthly') return planMonthly(ctx);
  if (job === 'visits' && visits) return planVisits(ctx, visits);
  return [];
}

/** What a run would send now, without sending or writing anything (the preview). */
export function preview(ctx: MailContext, job: Job, visits: VisitsPeriod | null = null) {
  const ledger = Ledger.open(ctx.wb);
  const { fresh, fixed, known } = reconcile(ledger, plan(ctx, job, visits));
  const waiting: NewEntry[] = [
    ...ledger.pending().filter((e) => e.kind !== 'report'),
    ...fixed.map((f) => ({ ...f.entry, email: f.email, recipient: f.recipient, status: 'pending' as const })),
    ...fresh.filter((e) => e.status === 'pending'),
  ];
  const outgoing = waiting.map((e) => compose(ctx, ledger, e)).filter((o): o is Outgoing => o !== null);
  const invalid = [...fresh, ...known].filter((e) => e.status === 'invalid');
  return { outgoing, invalid, quota: MailApp.getRemainingDailyQuota() };
}

export interface RunOptions {
  /** The monthly job also rebuilds the Debtors sheet. */
  buildSheet?: boolean;
  /** Send now from the menu: also tries again the emails that failed. */
  retryFailed?: boolean;
  visits?: VisitsPeriod | null;
}

export function runMail(job: Job, opts: RunOptions = {}): RunOutcome {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(job === 'followUp' || opts.retryFailed ? 5_000 : 60_000)) throw new LibraryError('debtors.busy');
  try {
    const wb = ensureSheets(Workbook.open());
    const ctx = new MailContext(wb);
    const logRows: Array<{ action: string; details: string }> = [];

    if (job === 'monthly' && opts.buildSheet) {
      const groups: DebtorGroup[] = ctx.facts.groups;
      const summary = withDocumentLock(() => writeDebtorSheet(wb, groups, ctx.today), 30_000);
      logRows.push({ action: 'debtors.build', details: JSON.stringify(summary) });
    }

    const ledger = Ledger.open(wb);
    const { fresh, fixed } = reconcile(ledger, plan(ctx, job, opts.visits ?? null));
    for (const { entry, email, recipient } of fixed) ledger.set(entry, { status: 'pending', email, recipient });
    if (opts.retryFailed) {
      for (const e of ledger.entries)
        if (e.status === 'failed' && e.kind !== 'report') ledger.set(e, { status: 'pending' });
    }
    const added = ledger.add(fresh);
    const newlyInvalid = added.filter((e) => e.status === 'invalid');
    if (newlyInvalid.length > 0) addReport(ctx, ledger, newlyInvalid);

    const outcome: RunOutcome = {
      periods: [...new Set(fresh.map((e) => e.period))],
      sent: 0,
      pending: 0,
      invalid: newlyInvalid.length,
      failed: 0,
      skipped: 0,
      followUp: null,
    };
    let quota = MailApp.getRemainingDailyQuota();
    const failures: LedgerEntry[] = [];

    const sendWaiting = () => {
      for (const entry of ledger.pending().sort(sendOrder)) {
        if (quota <= 0) break;
        const out = compose(ctx, ledger, entry);
        if (!out) {
          ledger.set(entry, { status: 'skipped' });
          outcome.skipped++;
          continue;
        }
        try {
          const replyTo = wb.settings.librarianEmail;
          MailApp.sendEmail({
            to: entry.email,
            subject: out.email.subject,
            body: out.email.body,
            htmlBody: out.email.htmlBody,
            name: ctx.sender.library,
            ...(isValidEmail(replyTo) ? { replyTo } : {}),
          });
        } catch (e) {
          if (isQuotaError(e)) {
            quota = 0;
            break;
          }
          const message = String((e as Error)?.message ?? e);
          ledger.set(entry, { status: 'failed', details: message });
          failures.push(entry);
          outcome.failed++;
          logRows.push({
            action: 'mail.failed',
            details: `${entry.period} ${entry.className} ${entry.email}: ${message}`,
          });
          continue;
        }
        quota--;
        ledger.set(entry, out.kind !== entry.kind ? { status: 'sent', kind: out.kind } : { status: 'sent' });
        outcome.sent++;
        logRows.push({ action: `mail.${out.kind}`, details: `${entry.period} ${entry.className} → ${entry.email}` });
      }
    };
    sendWaiting();
    if (failures.length > 0 && failures.some((f) => f.kind !== 'report')) {
      addReport(
        ctx,
        ledger,
        failures.filter((f) => f.kind !== 'report'),
      );
      sendWaiting();
    }

    outcome.pending = ledger.pending().length;
    if (outcome.pending > 0) outcome.followUp = scheduleFollowUp();
    else cancelFollowUp();
    logRows.push({
      action: `mail.run.${job}`,
      details: JSON.stringify({ ...outcome, followUp: outcome.followUp ? outcome.followUp.toISOString() : null }),
    });
    appendLog(wb, logRows);
    return outcome;
  } finally {
    lock.releaseLock();
  }
}

function addReport(ctx: MailContext, ledger: Ledger, problems: LedgerEntry[]): void {
  const byPeriod = new Map<string, string[]>();
  for (const p of problems) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), p.className]);
  const email = ctx.librarianEmail;
  ledger.add(
    [...byPeriod].map(([period, classes]) => ({
      period,
      kind: 'report' as const,
      className: '',
      recipient: ctx.wb.settings.librarianName,
      email,
      status: isValidEmail(email) ? ('pending' as const) : ('invalid' as const),
      details: classes.join('\n'),
    })),
  );
}

/** Audit-log rows of a run, in one write under the document lock. */
export function appendLog(wb: Workbook, rows: Array<{ action: string; details: string }>): void {
  if (rows.length === 0) return;
  const user = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  withDocumentLock(() => wb.table('log').append(rows.map((r) => ({ time: new Date(), user, ...r }))), 30_000);
}

/**
 * Runs a trigger's work with no UI: an error is written to the Log sheet and emailed to the
 * librarian instead of being shown (there is no one at the sheet), and never thrown further.
 */
export function runTriggerTask(task: Job, work: () => void): void {
  try {
    work();
  } catch (e) {
    const message = String((e as Error)?.stack ?? (e as Error)?.message ?? e);
    console.error(`${task}: ${message}`);
    let lang: Lang = DEFAULT_LANG;
    let wb: Workbook | null = null;
    try {
      wb = Workbook.open();
      lang = wb.lang;
      appendLog(wb, [{ action: `mail.error.${task}`, details: message }]);
    } catch (logError) {
      console.error(`could not log: ${String(logError)}`);
    }
    try {
      const ctx = wb ? new MailContext(wb) : null;
      const to = ctx ? ctx.librarianEmail : librarianFallback();
      const sender: Sender = ctx ? ctx.sender : { library: t(lang, 'app.name'), librarian: '' };
      const tz = wb?.timeZone ?? Session.getScriptTimeZone();
      const time = Utilities.formatDate(new Date(), tz, 'dd.MM.yyyy HH:mm');
      const taskName = t(
        lang,
        task === 'monthly' ? 'task.monthly' : task === 'visits' ? 'task.visits' : 'task.followUp',
      );
      const text = e instanceof LibraryError ? t(lang, e.key, e.params) : String((e as Error)?.message ?? e);
      const mail = errorEmail(lang, sender, taskName, time, text);
      if (to && MailApp.getRemainingDailyQuota() > 0) {
        MailApp.sendEmail({
          to,
          subject: mail.subject,
          body: mail.body,
          htmlBody: mail.htmlBody,
          name: sender.library,
        });
      }
    } catch (mailError) {
      console.error(`could not email the librarian: ${String(mailError)}`);
    }
  }
}

/** The visits summary period for a run now. */
export function visitsPeriodNow(wb: Workbook, strict: boolean): VisitsPeriod | null {
  const ctx = new MailContext(wb);
  return visitsPeriod(ctx.today, wb.settings.mail.quarterlyMonths, strict);
}
