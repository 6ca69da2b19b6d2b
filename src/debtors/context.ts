/**
 * What a mail run reads, read once and only when needed (MailContext), and the sheets it needs.
 */
import type { DayKey } from '../dates';
import { ClassIndex } from '../domain/debtors';
import { DEFAULT_LANG, isLang, type Lang, t } from '../messages';
import { setUpWorkbook } from '../setup';
import { today } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import { Workbook } from '../sheets/workbook';
import { type LibraryFacts, readDebtorFacts } from './data';
import { entryKey, type LedgerEntry } from './ledger';
import { isValidEmail, type Sender } from './mail';
import { type VisitsPeriod, visitsPeriod } from './periods';
import { visitsByClass } from './visits';

export type Job = 'monthly' | 'visits' | 'followUp';

/** Everything a run reads, read once and only when needed. */
export class MailContext {
  private factsCache?: LibraryFacts;
  private classIndex?: ClassIndex;
  private tallies = new Map<string, ReturnType<typeof visitsByClass>>();

  constructor(readonly wb: Workbook) {}

  get facts(): LibraryFacts {
    this.factsCache ??= readDebtorFacts(this.wb);
    return this.factsCache;
  }

  /** The Classes sheet as the run read it, found by name the way the debtor list groups pupils. */
  get classes(): ClassIndex {
    this.classIndex ??= new ClassIndex(this.facts.classes);
    return this.classIndex;
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
    const c = this.classes.find(className);
    return c && isLang(c.language) ? c.language : DEFAULT_LANG;
  }

  /** The ledger's key of an email (its class keyed as the debtor list keys it). */
  key(e: Pick<LedgerEntry, 'period' | 'kind' | 'className'>): string {
    return entryKey(e, (name) => this.classes.key(name));
  }

  visitTallies(p: { from: DayKey; to: DayKey }) {
    const k = `${p.from}..${p.to}`;
    let v = this.tallies.get(k);
    if (!v) {
      v = visitsByClass(this.wb, this.facts.readers, this.classes, p.from, p.to);
      this.tallies.set(k, v);
    }
    return v;
  }
}

export function librarianFallback(): string {
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

/** The visits summary period for a run now. */
export function visitsPeriodNow(wb: Workbook, strict: boolean): VisitsPeriod | null {
  const ctx = new MailContext(wb);
  return visitsPeriod(ctx.today, wb.settings.mail.quarterlyMonths, strict);
}
