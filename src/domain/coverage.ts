/**
 * Textbook coverage (оқулықпен қамтылуы) on a day, and the order diagnostic before the issue (pure).
 *
 * - A requirement is a row of the Required textbooks sheet for a grade, or several rows of one grade
 *   sharing a "textbook group": any one of the group's titles satisfies it (two editions of a book).
 * - Pupils counted: pupils enrolled on the day — registered by then (a pupil who joined mid-year counts
 *   from the day they joined) and not left (a pupil who left counts nowhere). A pupil "has" a
 *   requirement when a loan of a copy of one of its titles is open on the day.
 * - Copies in the fund: copies of its titles, neither lost nor written off, received by the day. Free
 *   copies: those not on loan on the day. Each copy serves one requirement (the first that lists it).
 * - Shortage: pupils without it less the free copies; per class, the free copies go to the classes of
 *   the grade in order (5А, 5Б, …), so the classes' shortages add up to the grade's.
 * - % = textbooks pupils have ÷ textbooks they need (pupils × requirements), for a class, a grade,
 *   grades 5-9, 10-11 and the school alike (weighted by pupils, not a mean of percentages).
 * - The order diagnostic (August-September): per requirement, the pupils of the grade less the usable
 *   copies (in the fund and not in unsatisfactory condition) is what to order, of the group's first
 *   title, at its catalogue price.
 */
import type { DayKey } from '../dates';
import type { EnumCode } from '../schema';

export interface RequirementRow {
  grade: number;
  subject: string;
  titleId: string;
  /** The school year as typed ("2025-2026"); blank for every year. */
  year: string;
  /** Rows of one grade with the same group are alternatives. */
  group: string;
}

export interface Requirement {
  key: string;
  grade: number;
  subject: string;
  titleIds: string[];
}

export interface CoveragePupil {
  code: string;
  name: string;
  classKey: string;
  className: string;
  grade: number | null;
  registered: DayKey | null;
  left: DayKey | null;
  /** Marked as left on the Readers sheet (with or without a date). */
  hasLeft: boolean;
}

export interface CoverageCopy {
  inventory: string;
  titleId: string;
  status: EnumCode<'copyStatus'> | null;
  received: DayKey | null;
  condition: EnumCode<'condition'> | null;
}

export interface CoverageLoan {
  inventory: string;
  reader: string;
  issued: DayKey | null;
  returned: DayKey | null;
  /** Closed without a return date (a row typed by hand as returned or lost). */
  closed: boolean;
}

export interface CoverageClass {
  key: string;
  name: string;
  grade: number | null;
}

export interface ClassLine {
  classKey: string;
  className: string;
  req: Requirement;
  enrolled: number;
  have: number;
  without: CoveragePupil[];
  shortage: number;
}

export interface RequirementLine {
  req: Requirement;
  pupils: number;
  have: number;
  fund: number;
  free: number;
  shortage: number;
}

export interface Share {
  pupils: number;
  needed: number;
  have: number;
}

export interface Coverage {
  day: DayKey;
  requirements: RequirementLine[];
  lines: ClassLine[];
  classes: Array<Share & { classKey: string; className: string; grade: number | null }>;
  grades: Array<Share & { grade: number; shortage: number }>;
  low: Share;
  high: Share;
  school: Share;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The first year of a school year as typed: "2025-2026", "2025/26", "2025" → 2025; blank → null. */
export function yearStartOfText(text: string): number | null {
  const m = /(\d{4})/.exec(String(text ?? ''));
  return m ? Number(m[1]) : null;
}

/**
 * The requirements for the school year starting in `year`: rows of that year and rows with no year.
 * When no row names that year, the latest list before it is used (`usedYear` says which; the reports
 * say so), so a new year's coverage is not silently empty while the librarian updates the list.
 */
export function requirementsFor(
  rows: readonly RequirementRow[],
  year: number,
): { requirements: Requirement[]; usedYear: number | null } {
  const years = [...new Set(rows.map((r) => yearStartOfText(r.year)).filter((y): y is number => y !== null))];
  const earlier = years.filter((y) => y <= year).sort((a, b) => b - a);
  const usedYear = years.includes(year) ? year : (earlier[0] ?? null);
  const out = new Map<string, Requirement>();
  for (const r of rows) {
    const y = yearStartOfText(r.year);
    if (y !== null && y !== usedYear) continue;
    if (!Number.isInteger(r.grade) || !r.titleId) continue;
    const key = r.group.trim() ? `${r.grade}|g|${norm(r.group)}` : `${r.grade}|t|${r.titleId}`;
    const req = out.get(key);
    if (req) {
      if (!req.titleIds.includes(r.titleId)) req.titleIds.push(r.titleId);
      if (!req.subject && r.subject) req.subject = r.subject;
    } else out.set(key, { key, grade: r.grade, subject: r.subject.trim(), titleIds: [r.titleId] });
  }
  const list = [...out.values()].sort((a, b) => a.grade - b.grade);
  return { requirements: list, usedYear };
}

/** Enrolled on `day`: registered by then and not left (a pupil marked left without a date counts nowhere). */
export function enrolledOn(p: Pick<CoveragePupil, 'registered' | 'left' | 'hasLeft'>, day: DayKey): boolean {
  if (p.registered && p.registered > day) return false;
  if (p.left) return p.left > day;
  return !p.hasLeft;
}

/** A loan open on `day`. */
export function openOn(l: Pick<CoverageLoan, 'issued' | 'returned' | 'closed'>, day: DayKey): boolean {
  if (!l.issued || l.issued > day) return false;
  if (l.returned) return l.returned > day;
  return !l.closed;
}

const inFund = (c: CoverageCopy, day: DayKey) =>
  c.status !== 'lost' && c.status !== 'writtenOff' && (!c.received || c.received <= day);

function share(lines: readonly { enrolled: number; have: number }[], pupils: number): Share {
  let needed = 0;
  let have = 0;
  for (const l of lines) {
    needed += l.enrolled;
    have += l.have;
  }
  return { pupils, needed, have };
}

/** Each copy serves the first requirement that lists its title: copies per requirement. */
function copiesPerRequirement(requirements: readonly Requirement[], copies: readonly CoverageCopy[]) {
  const reqOfTitle = new Map<string, Requirement>();
  for (const r of requirements) for (const t of r.titleIds) if (!reqOfTitle.has(t)) reqOfTitle.set(t, r);
  const out = new Map<string, CoverageCopy[]>(requirements.map((r) => [r.key, []]));
  for (const c of copies) {
    const r = reqOfTitle.get(c.titleId);
    if (r) out.get(r.key)?.push(c);
  }
  return out;
}

export function computeCoverage(input: {
  day: DayKey;
  requirements: readonly Requirement[];
  classes: readonly CoverageClass[];
  pupils: readonly CoveragePupil[];
  copies: readonly CoverageCopy[];
  loans: readonly CoverageLoan[];
}): Coverage {
  const { day, requirements } = input;
  const titleOf = new Map(input.copies.map((c) => [c.inventory, c.titleId]));
  const onLoan = new Set<string>();
  const holds = new Map<string, Set<string>>();
  for (const l of input.loans) {
    if (!openOn(l, day)) continue;
    onLoan.add(l.inventory);
    const t = titleOf.get(l.inventory);
    if (!t || !l.reader) continue;
    const set = holds.get(l.reader) ?? new Set<string>();
    set.add(t);
    holds.set(l.reader, set);
  }
  const enrolled = input.pupils.filter((p) => enrolledOn(p, day));
  // Classes in the Classes sheet's order, then the classes pupils name that it does not list.
  const classes: CoverageClass[] = [...input.classes];
  const known = new Set(classes.map((c) => c.key));
  for (const p of enrolled) {
    if (known.has(p.classKey)) continue;
    known.add(p.classKey);
    classes.push({ key: p.classKey, name: p.className, grade: p.grade });
  }
  const pupilsOf = new Map<string, CoveragePupil[]>();
  for (const p of enrolled) {
    const list = pupilsOf.get(p.classKey);
    if (list) list.push(p);
    else pupilsOf.set(p.classKey, [p]);
  }
  const gradeOfClass = (c: CoverageClass) => c.grade ?? pupilsOf.get(c.key)?.[0]?.grade ?? null;
  const perReq = copiesPerRequirement(requirements, input.copies);
  const lines: ClassLine[] = [];
  const reqLines: RequirementLine[] = [];
  for (const req of requirements) {
    const fundCopies = (perReq.get(req.key) ?? []).filter((c) => inFund(c, day));
    const free = fundCopies.filter((c) => !onLoan.has(c.inventory)).length;
    let left = free;
    let pupils = 0;
    let have = 0;
    for (const c of classes) {
      if (gradeOfClass(c) !== req.grade) continue;
      const list = pupilsOf.get(c.key) ?? [];
      const without = list.filter((p) => !req.titleIds.some((t) => holds.get(p.code)?.has(t)));
      const given = Math.min(left, without.length);
      left -= given;
      lines.push({
        classKey: c.key,
        className: c.name,
        req,
        enrolled: list.length,
        have: list.length - without.length,
        without,
        shortage: without.length - given,
      });
      pupils += list.length;
      have += list.length - without.length;
    }
    reqLines.push({
      req,
      pupils,
      have,
      fund: fundCopies.length,
      free,
      shortage: Math.max(0, pupils - have - free),
    });
  }
  const classShares = classes.map((c) => ({
    classKey: c.key,
    className: c.name,
    grade: gradeOfClass(c),
    ...share(
      lines.filter((l) => l.classKey === c.key),
      pupilsOf.get(c.key)?.length ?? 0,
    ),
  }));
  const gradeList = [...new Set(classShares.map((c) => c.grade).filter((g): g is number => g !== null))].sort(
    (a, b) => a - b,
  );
  const sum = (list: readonly Share[]): Share => ({
    pupils: list.reduce((n, s) => n + s.pupils, 0),
    needed: list.reduce((n, s) => n + s.needed, 0),
    have: list.reduce((n, s) => n + s.have, 0),
  });
  const grades = gradeList.map((grade) => ({
    grade,
    ...sum(classShares.filter((c) => c.grade === grade)),
    shortage: reqLines.filter((r) => r.req.grade === grade).reduce((n, r) => n + r.shortage, 0),
  }));
  const level = (lo: number, hi: number) => sum(grades.filter((g) => g.grade >= lo && g.grade <= hi));
  return {
    day,
    requirements: reqLines,
    lines,
    classes: classShares,
    grades,
    low: level(5, 9),
    high: level(10, 11),
    school: sum(classShares),
  };
}

/** needed ÷ have as a fraction (0 when nothing is needed). */
export const shareOf = (s: { needed: number; have: number }) => (s.needed > 0 ? s.have / s.needed : 0);

export interface OrderLine {
  req: Requirement;
  /** The title to order: the group's first. */
  titleId: string;
  pupils: number;
  usable: number;
  order: number;
  price: number;
  sum: number;
}

/** What to order for the school year, per requirement: pupils of the grade less the usable copies. */
export function orderDiagnostic(input: {
  day: DayKey;
  requirements: readonly Requirement[];
  classes: readonly CoverageClass[];
  pupils: readonly CoveragePupil[];
  copies: readonly CoverageCopy[];
  price: (titleId: string) => number;
}): OrderLine[] {
  const gradeOf = new Map(input.classes.map((c) => [c.key, c.grade]));
  const enrolled = input.pupils.filter((p) => enrolledOn(p, input.day));
  const perReq = copiesPerRequirement(input.requirements, input.copies);
  return input.requirements.map((req) => {
    const pupils = enrolled.filter((p) => (gradeOf.get(p.classKey) ?? p.grade) === req.grade).length;
    const usable = (perReq.get(req.key) ?? []).filter(
      (c) => inFund(c, input.day) && c.condition !== 'unsatisfactory',
    ).length;
    const order = Math.max(0, pupils - usable);
    const titleId = req.titleIds[0];
    const price = input.price(titleId);
    return { req, titleId, pupils, usable, order, price, sum: order * price };
  });
}
