/**
 * The desk's rules, as pure functions: whether a copy may be issued to a reader, renewed, and how a
 * class set of textbooks is shared out. Each refusal is a LibraryError the librarian can read.
 */
import type { DayKey } from '../dates';
import { LibraryError } from '../errors';
import type { EnumCode } from '../schema';
import type { HeldCopy } from './holdings';

export type Category = EnumCode<'category'>;
export type CopyStatus = EnumCode<'copyStatus'>;
export type Kind = EnumCode<'kind'>;

export interface DeskReader {
  code: string;
  name: string;
  category: Category;
  className: string;
  status: EnumCode<'readerStatus'>;
}

export interface DeskCopy {
  inventory: string;
  titleId: string;
  status: CopyStatus;
  /** Reader code of the open loan, when on loan. */
  reader: string;
  loanId: string;
  due: DayKey | null;
}

/** A copy the reader holds now (see holdings.ts for the full record kept on the reader's row). */
export type Holding = Pick<HeldCopy, 'inventory' | 'titleId' | 'kind' | 'due'>;

export interface IssueContext {
  reader: DeskReader;
  copy: DeskCopy;
  kind: Kind;
  /** What the reader holds now. */
  holdings: Holding[];
  limit: number;
  /** Today, for the overdue warning. */
  today?: DayKey;
  /** The copy's current holder as the librarian reads it: "Name (class)", or just a name. */
  holder?: string;
  /** The status label in the librarian's language, for a refusal. */
  statusLabel?: string;
  dueLabel?: string;
  /** Handing out a class set: a second copy of a title the pupil holds is refused, not warned about. */
  classSet?: boolean;
}

/** What the librarian should know about an issue that goes ahead. */
export interface IssueWarnings {
  /** Copies of the same title the reader already holds. */
  sameTitle: string[];
  /** How many of the reader's books are overdue. */
  overdue: number;
}

/** Textbooks are issued as class sets for the year and do not count towards the loan limit. */
export function countsTowardsLimit(kind: Kind): boolean {
  return kind !== 'textbook';
}

const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * Whether a copy may go to a reader: a refusal (LibraryError) when it may not, else what the
 * librarian should be warned about (the same title already held, books overdue).
 */
export function checkIssue(c: IssueContext): IssueWarnings {
  const { reader, copy } = c;
  if (reader.status === 'left') throw new LibraryError('desk.error.readerLeft', { reader: reader.name });
  if (copy.status === 'onLoan' || copy.reader !== '') {
    throw new LibraryError('desk.error.onLoan', {
      inventory: copy.inventory,
      holder: c.holder || copy.reader,
      due: c.dueLabel ?? copy.due ?? '',
    });
  }
  if (copy.status !== 'available') {
    throw new LibraryError('desk.error.notAvailable', {
      inventory: copy.inventory,
      status: c.statusLabel ?? copy.status,
    });
  }
  if (countsTowardsLimit(c.kind)) {
    const count = c.holdings.filter((h) => countsTowardsLimit(h.kind)).length;
    if (count >= c.limit) throw new LibraryError('desk.error.limit', { reader: reader.name, count, limit: c.limit });
  }
  const sameTitle = c.holdings.filter((h) => sameCode(h.titleId, copy.titleId)).map((h) => h.inventory);
  if (c.classSet && sameTitle.length > 0) {
    throw new LibraryError('desk.error.alreadyHasTitle', { reader: reader.name, inventory: sameTitle.join(', ') });
  }
  return {
    sameTitle,
    overdue: c.today ? c.holdings.filter((h) => h.due !== null && c.today && h.due < c.today).length : 0,
  };
}

/** Textbooks a pupil still holds past their due date (last year's set not handed in). */
export function overdueTextbooks(holdings: Holding[], today: DayKey): Holding[] {
  return holdings.filter((h) => h.kind === 'textbook' && h.due !== null && h.due < today);
}

export interface RenewContext {
  inventory: string;
  kind: Kind;
  renewals: number;
  maxRenewals: number;
  currentDue: DayKey;
  newDue: DayKey;
  /** The current due date as the librarian writes it, for a refusal. */
  dueLabel?: string;
}

export function checkRenew(c: RenewContext): void {
  if (c.kind === 'textbook') throw new LibraryError('desk.error.renewTextbook');
  if (c.renewals >= c.maxRenewals) {
    throw new LibraryError('desk.error.renewLimit', {
      inventory: c.inventory,
      count: c.renewals,
      limit: c.maxRenewals,
    });
  }
  if (c.newDue <= c.currentDue) throw new LibraryError('desk.error.renewNoGain', { due: c.dueLabel ?? c.currentDue });
}

export interface ClassPupil {
  code: string;
  name: string;
  /** Titles the pupil already holds. */
  holds: Set<string>;
  /** Overdue textbooks from an earlier year. */
  overdue: number;
}

export interface ClassIssuePlan {
  /** One entry per copy to issue. */
  assignments: Array<{ reader: string; titleId: string; inventory: string }>;
  shortages: Array<{ titleId: string; missing: number; available: number }>;
  blocked: Array<{ reader: string; name: string; count: number }>;
  /** Pupils who already hold a title, per title. */
  alreadyHave: Array<{ reader: string; titleId: string }>;
}

/**
 * Shares out available copies of each title among the pupils of a class: one copy per pupil per
 * title, never to a pupil who holds the title already, never the same copy twice, never a copy that
 * is not available. Pupils with overdue textbooks are left out unless `override`.
 */
export function planClassIssue(
  pupils: ClassPupil[],
  titleIds: string[],
  available: Map<string, string[]>,
  override: boolean,
): ClassIssuePlan {
  const plan: ClassIssuePlan = { assignments: [], shortages: [], blocked: [], alreadyHave: [] };
  const eligible = pupils.filter((p) => {
    if (p.overdue > 0 && !override) {
      plan.blocked.push({ reader: p.code, name: p.name, count: p.overdue });
      return false;
    }
    return true;
  });
  for (const titleId of [...new Set(titleIds)]) {
    const pool = [...new Set(available.get(titleId) ?? [])];
    let next = 0;
    let missing = 0;
    for (const p of eligible) {
      if (p.holds.has(titleId)) {
        plan.alreadyHave.push({ reader: p.code, titleId });
        continue;
      }
      if (next < pool.length) plan.assignments.push({ reader: p.code, titleId, inventory: pool[next++] });
      else missing++;
    }
    if (missing > 0) plan.shortages.push({ titleId, missing, available: pool.length });
  }
  return plan;
}
