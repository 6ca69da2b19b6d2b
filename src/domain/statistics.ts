/**
 * The library's statistics for a period, and the field's indicators (pure).
 *
 * - Readers of a period: registered by its end and not left before its start (a reader marked left
 *   without a date counts nowhere); by group: pupils of grades 5-9, 10-11 (the grade of their class),
 *   other pupils, teachers, staff, parents. New readers: registered in the period.
 * - Issues: loans issued in the period. Textbooks are the separate textbook fund, lent for the year:
 *   "issues" and the indicators count the other kinds, and textbook issues are shown apart.
 * - Visits: domain/visits.ts (a reader-day at the desk from the Loans sheet, the Visits sheet's rows).
 * - The fund on a day: copies received by then and not withdrawn (lost or written off) by then.
 * - Indicators: reading rate = issues ÷ readers; visit rate = visits ÷ readers; visits per open day =
 *   visits ÷ days the library was open; fund turnover = issues ÷ the fund without textbooks; book
 *   supply = fund ÷ readers, fiction ÷ readers, textbooks ÷ pupils; coverage = pupils who borrowed or
 *   came ÷ pupils. A division by nothing is 0, never NaN.
 */
import { addDays, type DayKey } from '../dates';
import type { EnumCode } from '../schema';
import { monthsOf } from './report-periods';
import { isClosed, type Schedule } from './schedule';
import { type LoanVisitDays, libraryVisits, type VisitKind, type VisitRow } from './visits';

export type Kind = EnumCode<'kind'>;
export type ReaderGroup = 'low' | 'high' | 'otherPupils' | 'teacher' | 'staff' | 'parent';
export const READER_GROUPS: readonly ReaderGroup[] = ['low', 'high', 'otherPupils', 'teacher', 'staff', 'parent'];
export const KINDS: readonly Kind[] = ['textbook', 'fiction', 'reference', 'methodical', 'periodical'];
export const VISIT_KINDS: readonly VisitKind[] = ['desk', 'readingRoom', 'excursion', 'event'];

export interface StatReader {
  code: string;
  category: EnumCode<'category'>;
  grade: number | null;
  registered: DayKey | null;
  left: DayKey | null;
  hasLeft: boolean;
}

export interface StatLoan {
  inventory: string;
  reader: string;
  issued: DayKey | null;
  returned: DayKey | null;
}

export interface StatCopy {
  inventory: string;
  kind: Kind | null;
  received: DayKey | null;
  /** When it left the fund (lost or written off), or null while it is in it. */
  withdrawn: DayKey | null;
  /** Lost or written off with no date known: in no year's fund and withdrawn in none. */
  gone: boolean;
}

export interface StatsInput {
  readers: readonly StatReader[];
  loans: readonly StatLoan[];
  copies: readonly StatCopy[];
  visitRows: readonly VisitRow[];
  schedule: Schedule;
}

export type ByKind = Record<Kind | 'unknown', number>;

export interface PeriodStats {
  from: DayKey;
  to: DayKey;
  readers: number;
  byGroup: Record<ReaderGroup, number>;
  newReaders: number;
  borrowers: number;
  pupils: number;
  pupilUsers: number;
  visits: number;
  visitsByKind: Record<VisitKind, number>;
  openDays: number;
  issues: number;
  textbookIssues: number;
  issuesByKind: ByKind;
  /** Issues (textbooks aside) by grade ("5".."11") and by the other groups. */
  issuesByGrade: Map<string, number>;
  fund: ByKind & { total: number };
  byMonth: Array<{ month: string; issues: number; visits: number }>;
  indicators: Indicators;
}

export interface Indicators {
  readingRate: number;
  visitRate: number;
  visitsPerOpenDay: number;
  turnover: number;
  supply: number;
  fictionSupply: number;
  textbookSupply: number;
  coverage: number;
}

export const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

const emptyKinds = (): ByKind => ({
  textbook: 0,
  fiction: 0,
  reference: 0,
  methodical: 0,
  periodical: 0,
  unknown: 0,
});

/** A reader of the period from..to. */
export function readerIn(r: Pick<StatReader, 'registered' | 'left' | 'hasLeft'>, from: DayKey, to: DayKey): boolean {
  if (r.registered && r.registered > to) return false;
  if (r.left) return r.left >= from;
  return !r.hasLeft;
}

export function groupOf(r: Pick<StatReader, 'category' | 'grade'>): ReaderGroup {
  if (r.category !== 'pupil') return r.category;
  if (r.grade !== null && r.grade >= 5 && r.grade <= 9) return 'low';
  if (r.grade !== null && r.grade >= 10 && r.grade <= 11) return 'high';
  return 'otherPupils';
}

/** The fund on `day`, by kind. */
export function fundOn(copies: readonly StatCopy[], day: DayKey): ByKind & { total: number } {
  const out = { ...emptyKinds(), total: 0 };
  for (const c of copies) {
    if (c.gone || (c.received && c.received > day) || (c.withdrawn && c.withdrawn <= day)) continue;
    out[c.kind ?? 'unknown']++;
    out.total++;
  }
  return out;
}

export function openDaysIn(from: DayKey, to: DayKey, schedule: Schedule): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isClosed(d, schedule)) n++;
  return n;
}

/** The statistics of from..to (both included). */
export function periodStats(input: StatsInput, from: DayKey, to: DayKey): PeriodStats {
  const readers = input.readers.filter((r) => readerIn(r, from, to));
  const byGroup = Object.fromEntries(READER_GROUPS.map((g) => [g, 0])) as Record<ReaderGroup, number>;
  const readerByCode = new Map(input.readers.map((r) => [r.code, r]));
  for (const r of readers) byGroup[groupOf(r)]++;
  const kindOf = new Map(input.copies.map((c) => [c.inventory, c.kind]));
  const issuesByKind = emptyKinds();
  const issuesByGrade = new Map<string, number>();
  const borrowers = new Set<string>();
  const months = new Map(monthsOf({ from, to }).map((m) => [m, { month: m, issues: 0, visits: 0 }]));
  let issues = 0;
  for (const l of input.loans) {
    if (!l.issued || l.issued < from || l.issued > to) continue;
    const kind = kindOf.get(l.inventory) ?? null;
    issuesByKind[kind ?? 'unknown']++;
    if (kind === 'textbook') continue;
    issues++;
    borrowers.add(l.reader);
    const month = months.get(l.issued.slice(0, 7));
    if (month) month.issues++;
    const r = readerByCode.get(l.reader);
    const key = !r
      ? 'unknown'
      : r.category === 'pupil'
        ? r.grade !== null
          ? String(r.grade)
          : 'otherPupils'
        : r.category;
    issuesByGrade.set(key, (issuesByGrade.get(key) ?? 0) + 1);
  }
  const loanDays: readonly LoanVisitDays[] = input.loans;
  const visits = libraryVisits(input.visitRows, loanDays, from, to);
  const visitsByKind = Object.fromEntries(VISIT_KINDS.map((k) => [k, 0])) as Record<VisitKind, number>;
  const users = new Set(borrowers);
  let visitTotal = 0;
  for (const v of visits) {
    visitsByKind[v.kind] += v.count;
    visitTotal += v.count;
    if (v.reader) users.add(v.reader);
    const month = months.get(v.day.slice(0, 7));
    if (month) month.visits += v.count;
  }
  const pupils = readers.filter((r) => r.category === 'pupil');
  const pupilUsers = pupils.filter((r) => users.has(r.code)).length;
  const fund = fundOn(input.copies, to);
  const openDays = openDaysIn(from, to, input.schedule);
  const main = fund.total - fund.textbook;
  return {
    from,
    to,
    readers: readers.length,
    byGroup,
    newReaders: readers.filter((r) => r.registered !== null && r.registered >= from && r.registered <= to).length,
    borrowers: readers.filter((r) => borrowers.has(r.code)).length,
    pupils: pupils.length,
    pupilUsers,
    visits: visitTotal,
    visitsByKind,
    openDays,
    issues,
    textbookIssues: issuesByKind.textbook,
    issuesByKind,
    issuesByGrade,
    fund,
    byMonth: [...months.values()],
    indicators: {
      readingRate: ratio(issues, readers.length),
      visitRate: ratio(visitTotal, readers.length),
      visitsPerOpenDay: ratio(visitTotal, openDays),
      turnover: ratio(issues, main),
      supply: ratio(fund.total, readers.length),
      fictionSupply: ratio(fund.fiction, readers.length),
      textbookSupply: ratio(fund.textbook, pupils.length),
      coverage: ratio(pupilUsers, pupils.length),
    },
  };
}

/** The fund's movement in from..to by kind: held the day before, received, withdrawn, held at the end. */
export function fundMovement(copies: readonly StatCopy[], from: DayKey, to: DayKey) {
  const start = fundOn(copies, addDays(from, -1));
  const end = fundOn(copies, to);
  const received = { ...emptyKinds(), total: 0 };
  const withdrawn = { ...emptyKinds(), total: 0 };
  let undated = 0;
  for (const c of copies) {
    const k = c.kind ?? 'unknown';
    if (c.gone) undated++;
    if (c.received && c.received >= from && c.received <= to && !c.gone) {
      received[k]++;
      received.total++;
    }
    if (c.withdrawn && c.withdrawn >= from && c.withdrawn <= to && !(c.received && c.received > to)) {
      withdrawn[k]++;
      withdrawn.total++;
    }
  }
  return { start, received, withdrawn, end, undated };
}
