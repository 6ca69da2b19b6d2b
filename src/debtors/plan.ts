/**
 * Which emails are due (one ledger row per class and period), who a row's email goes to now, and the
 * email a row makes as it stands now. The run (run.ts) sends them.
 */
import { debtorsOfClass } from '../domain/debtors';
import { newRow } from '../domain/mailing';
import type { Job, MailContext } from './context';
import { family, type Ledger, type LedgerEntry, type NewEntry } from './ledger';
import { debtorsEmail, type Email, isValidEmail, noDebtorsEmail, type Problem, reportEmail, visitsEmail } from './mail';
import { monthOf, type VisitsPeriod, visitsPeriod } from './periods';
import { statsFor } from './visits';

// ---------------------------------------------------------------------------------------------
// Planning: which emails are due

function entryFor(
  ctx: MailContext,
  period: string,
  kind: NewEntry['kind'],
  c: { className: string; teacher: string; email: string },
  details = '',
): NewEntry {
  const email = c.email.trim();
  // Two Classes rows spelled alike: whose pupils are whose is unclear, so neither is emailed.
  const clash = ctx.classes.clashes(c.className).length > 0;
  return {
    period,
    kind,
    className: c.className,
    recipient: c.teacher,
    email,
    status: newRow(isValidEmail(email) && !clash).status,
    details,
  };
}

/** The monthly emails: one per class with debtors; a note to the others when the setting asks. */
export function planMonthly(ctx: MailContext, period = monthOf(ctx.today)): NewEntry[] {
  const out: NewEntry[] = [];
  const withDebtors = new Set<string>();
  for (const g of ctx.facts.groups) {
    if (g.kind !== 'class') continue;
    withDebtors.add(ctx.classes.key(g.className));
    out.push(entryFor(ctx, period, 'debtors', g));
  }
  if (ctx.wb.settings.mail.noDebtorsNote) {
    const seen = new Set<string>(withDebtors);
    for (const c of ctx.facts.classes) {
      const key = ctx.classes.key(c.className);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entryFor(ctx, period, 'noDebtors', c));
    }
  }
  return out;
}

/** The visits summary: one email per class on the Classes sheet. */
export function planVisits(ctx: MailContext, p: VisitsPeriod): NewEntry[] {
  const seen = new Set<string>();
  const out: NewEntry[] = [];
  for (const c of ctx.facts.classes) {
    const key = ctx.classes.key(c.className);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entryFor(ctx, p.key, 'visits', c, `${p.from}..${p.to}`));
  }
  return out;
}

interface Fixed {
  entry: LedgerEntry;
  email: string;
  recipient: string;
}

/**
 * The planned entries the ledger does not hold yet (`fresh`), the rows that had no valid address
 * but whose class has one now (`fixed`: they wait again, with the new address), and the rest.
 */
export function reconcile(
  ctx: MailContext,
  ledger: Ledger,
  planned: NewEntry[],
): { fresh: NewEntry[]; fixed: Fixed[]; known: LedgerEntry[] } {
  const fresh: NewEntry[] = [];
  const fixed: Fixed[] = [];
  const known: LedgerEntry[] = [];
  const byKey = new Map<string, LedgerEntry>();
  for (const e of ledger.entries) {
    if (e.kind === 'report') continue;
    const k = ctx.key(e);
    if (!byKey.has(k)) byKey.set(k, e);
  }
  const planning = new Set<string>();
  for (const p of planned) {
    const key = ctx.key(p);
    const existing = byKey.get(key);
    if (planning.has(key)) continue;
    if (!existing) {
      fresh.push(p);
      // Two planned rows of one key (classes that clash) are one row.
      planning.add(key);
    } else if (existing.status === 'invalid' && p.status === 'pending') {
      fixed.push({ entry: existing, email: p.email, recipient: p.recipient });
    } else known.push(existing);
  }
  return { fresh, fixed, known };
}

/**
 * Waiting (or failed) debtor emails of months before the one being planned: the new month's list
 * replaces them, so they are not needed any more (a class never gets last month's list late and this
 * month's too).
 */
export function superseded(ledger: Ledger, job: Job, planned: NewEntry[]): LedgerEntry[] {
  if (job !== 'monthly' || planned.length === 0) return [];
  const period = planned[0].period;
  return ledger.entries.filter(
    (e) =>
      e.kind !== 'report' &&
      family(e.kind) === 'debtors' &&
      e.period < period &&
      (e.status === 'pending' || e.status === 'failed'),
  );
}

// ---------------------------------------------------------------------------------------------
// The class teacher as the Classes sheet has them now

export type Recipient =
  | { ok: true; email: string; teacher: string }
  | { ok: false; email: string; teacher: string; clash: string[] };

/** Who a row's email goes to now: the class's current teacher and address, or why nobody. */
export function recipientNow(ctx: MailContext, entry: NewEntry): Recipient {
  if (entry.kind === 'report') {
    const email = ctx.librarianEmail;
    return isValidEmail(email)
      ? { ok: true, email, teacher: entry.recipient }
      : { ok: false, email, teacher: entry.recipient, clash: [] };
  }
  const c = ctx.classes.find(entry.className);
  const clash = ctx.classes.clashes(entry.className);
  const email = (c?.email ?? '').trim();
  const teacher = c?.teacher ?? entry.recipient;
  if (!c || clash.length > 0 || !isValidEmail(email)) return { ok: false, email, teacher, clash };
  return { ok: true, email, teacher };
}

// ---------------------------------------------------------------------------------------------
// Composing an email for a ledger row (as it stands now)

export interface Outgoing {
  entry: NewEntry;
  email: Email;
  /** The kind it goes out as (a "no debtors" row whose class now has debtors gets the debtor list). */
  kind: NewEntry['kind'];
}

/** A report row names its classes a line each, as "family|class" (older rows: the class alone). */
export const reportLine = (e: Pick<LedgerEntry, 'kind' | 'className'>) => `${family(e.kind)}|${e.className}`;

function problemsOf(ctx: MailContext, ledger: Ledger, entry: Pick<NewEntry, 'period' | 'details'>): Problem[] {
  const lines = entry.details
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const named = (e: LedgerEntry) =>
    lines.some((l) => {
      const bar = l.indexOf('|');
      const fam = bar >= 0 ? l.slice(0, bar) : '';
      if (bar >= 0 && ['debtors', 'visits'].includes(fam))
        return fam === family(e.kind) && l.slice(bar + 1) === e.className;
      return l === e.className;
    });
  return ledger.entries
    .filter(
      (e) =>
        e.kind !== 'report' &&
        e.period === entry.period &&
        (e.status === 'invalid' || e.status === 'failed') &&
        named(e),
    )
    .map((e): Problem => {
      const clash = e.status === 'invalid' ? ctx.classes.clashes(e.className) : [];
      return {
        kind: clash.length > 0 ? 'clash' : e.status === 'invalid' ? 'invalid' : 'failed',
        className: e.className,
        teacher: e.recipient,
        email: e.email,
        error: e.status === 'failed' ? e.details : clash.length > 0 ? clash.join(', ') : undefined,
      };
    });
}

/** The period a visits row covers: its details ("from..to"), else the summary of its month. */
function visitsRange(ctx: MailContext, entry: NewEntry): { from: string; to: string } | null {
  const [from, to] = entry.details.split('\n')[0].split('..');
  if (/^\d{4}-\d{2}-\d{2}$/.test(from ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(to ?? '')) return { from, to };
  return visitsPeriod(`${entry.period}-01`, ctx.wb.settings.mail.quarterlyMonths, true);
}

export function compose(ctx: MailContext, ledger: Ledger, entry: NewEntry): Outgoing | null {
  const sender = ctx.sender;
  if (entry.kind === 'report') {
    const problems = problemsOf(ctx, ledger, entry);
    if (problems.length === 0) return null;
    return { entry, kind: 'report', email: reportEmail(ctx.wb.lang, sender, entry.period, problems) };
  }
  const lang = ctx.classLang(entry.className);
  if (entry.kind === 'visits') {
    const range = visitsRange(ctx, entry);
    if (!range) return null;
    const { from, to } = range;
    const stats = statsFor(lang, entry.className, ctx.visitTallies({ from, to }), ctx.facts.readers, ctx.classes);
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
