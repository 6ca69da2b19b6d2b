/**
 * Which copies a write-off act may take, and why: the librarian's filters (condition unsatisfactory,
 * lost, not issued for N years, an obsolete edition, duplicates beyond N copies of a title, missing at
 * the last stocktake), each suggesting a reason. A copy on loan or already written off is never a
 * candidate. Pure.
 */
import type { DayKey } from '../dates';
import type { EnumCode } from '../schema';
import type { Kind } from './circulation';

export type Reason = EnumCode<'writeOffReason'>;
export type Filter = 'unsatisfactory' | 'lost' | 'notIssued' | 'obsolete' | 'duplicates' | 'missing';

export interface FundCopy {
  inventory: string;
  titleId: string;
  kind: Kind;
  author: string;
  title: string;
  year: number | null;
  price: number;
  status: EnumCode<'copyStatus'>;
  onLoan: boolean;
  condition: EnumCode<'condition'> | null;
  received: DayKey | null;
  /** The day of its latest loan, or null when it was never issued. */
  lastIssued: DayKey | null;
  /** Not found at the last closed stocktake. */
  missing: boolean;
}

export interface Filters {
  unsatisfactory?: boolean;
  lost?: boolean;
  /** Not issued for this many years (and in the fund that long). */
  notIssuedYears?: number;
  /** A newer edition of the same work is in the catalogue, or it was published before `publishedBefore`. */
  obsolete?: boolean;
  publishedBefore?: number;
  /** Copies of a title beyond this many. */
  duplicatesBeyond?: number;
  missing?: boolean;
}

export interface Candidate {
  copy: FundCopy;
  matched: Filter[];
  reason: Reason;
}

const REASON_OF: Record<Filter, Reason> = {
  unsatisfactory: 'worn',
  lost: 'lost',
  missing: 'lost',
  notIssued: 'offProfile',
  obsolete: 'obsolete',
  duplicates: 'duplicate',
};

const CONDITION_RANK = { unsatisfactory: 0, satisfactory: 1, good: 2, new: 3 } as const;

const work = (c: FundCopy) => `${c.author.trim().toLowerCase()}\u0000${c.title.trim().toLowerCase()}`;

export function yearsBefore(day: DayKey, years: number): DayKey {
  return `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
}

export function candidates(copies: readonly FundCopy[], f: Filters, today: DayKey): Candidate[] {
  const usable = copies.filter((c) => c.status !== 'writtenOff' && !c.onLoan);
  const matched = new Map<string, Set<Filter>>();
  const mark = (c: FundCopy, why: Filter) => {
    const s = matched.get(c.inventory) ?? new Set<Filter>();
    s.add(why);
    matched.set(c.inventory, s);
  };
  const newest = new Map<string, number>();
  for (const c of copies) {
    if (c.year !== null && c.title) newest.set(work(c), Math.max(newest.get(work(c)) ?? 0, c.year));
  }
  const since = f.notIssuedYears && f.notIssuedYears > 0 ? yearsBefore(today, f.notIssuedYears) : null;
  for (const c of usable) {
    if (f.unsatisfactory && c.condition === 'unsatisfactory') mark(c, 'unsatisfactory');
    if (f.lost && c.status === 'lost') mark(c, 'lost');
    if (f.missing && c.missing && c.status !== 'lost') mark(c, 'missing');
    if (since && (c.lastIssued ?? '') < since && (c.received === null || c.received < since)) mark(c, 'notIssued');
    if (f.obsolete) {
      const superseded = c.year !== null && (newest.get(work(c)) ?? 0) > c.year;
      const old = !!f.publishedBefore && c.year !== null && c.year < f.publishedBefore;
      if (superseded || old) mark(c, 'obsolete');
    }
  }
  if (f.duplicatesBeyond !== undefined && f.duplicatesBeyond >= 0) {
    const byTitle = new Map<string, FundCopy[]>();
    for (const c of copies) {
      if (c.status === 'writtenOff' || c.status === 'lost') continue;
      byTitle.set(c.titleId, [...(byTitle.get(c.titleId) ?? []), c]);
    }
    for (const list of byTitle.values()) {
      if (list.length <= f.duplicatesBeyond) continue;
      // Keep the best: the worst and the oldest copies on the shelf go first.
      const shelf = list
        .filter((c) => !c.onLoan)
        .sort(
          (a, b) =>
            CONDITION_RANK[a.condition ?? 'good'] - CONDITION_RANK[b.condition ?? 'good'] ||
            (a.received ?? '').localeCompare(b.received ?? '') ||
            a.inventory.localeCompare(b.inventory),
        );
      for (const c of shelf.slice(0, list.length - f.duplicatesBeyond)) mark(c, 'duplicates');
    }
  }
  return usable
    .filter((c) => matched.has(c.inventory))
    .map((c) => {
      const why = [...(matched.get(c.inventory) as Set<Filter>)];
      return { copy: c, matched: why, reason: REASON_OF[why[0]] };
    });
}
