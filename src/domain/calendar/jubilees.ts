/**
 * The jubilee finder: from persons' birth dates, every round anniversary (a multiple of 5 years, from a
 * least number of years) that falls in the plan year, and whether the Events sheet already has it (a
 * row naming the person, by the Person column or in its title, with that number of years, not dated
 * in another plan year). Pure.
 */
import { type DayKey, dayKey, isDayKey } from '../../dates';
import type { PlanYear } from '../holidays';
import { namesPerson } from './names';

export interface Person {
  name: string;
  born: DayKey;
  died?: DayKey | null;
  field?: string;
}

export interface Jubilee {
  person: string;
  years: number;
  /** The birthday in the plan year. */
  day: DayKey;
  born: DayKey;
}

/** A birthday in `year` (29 February: the 28th in a common year). */
export function birthdayIn(born: DayKey, year: number): DayKey {
  const k = `${year}-${born.slice(5)}`;
  return isDayKey(k) ? k : dayKey(year, 2, 28);
}

/** Round anniversaries in the plan year: `step`-year multiples of at least `minYears`, by date. */
export function jubileesIn(persons: readonly Person[], plan: PlanYear, minYears: number, step = 5): Jubilee[] {
  const out: Jubilee[] = [];
  for (const p of persons) {
    if (!p.name || !isDayKey(p.born)) continue;
    for (const year of [plan.startYear, plan.startYear + 1]) {
      const day = birthdayIn(p.born, year);
      const years = year - Number(p.born.slice(0, 4));
      if (day < plan.from || day > plan.to || years < Math.max(minYears, 1) || years % step !== 0) continue;
      out.push({ person: p.name, years, day, born: p.born });
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.person.localeCompare(b.person)));
}

/** What the finder needs of an Events row. */
export interface PlannedRow {
  title: string;
  person: string;
  /** The row's first day, when it has one. */
  start: DayKey | null;
}

/** A whole number in a text ("180" in "…туғанына 180 жыл", not in "1800"). */
const mentionsNumber = (text: string, n: number) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(text);

/** Whether the Events sheet already has this jubilee (the plan's own row, or a proposal made before). */
export function alreadyPlanned(j: Jubilee, rows: readonly PlannedRow[], plan: PlanYear): boolean {
  return rows.some(
    (r) =>
      (namesPerson(r.person, j.person) || namesPerson(r.title, j.person)) &&
      mentionsNumber(r.title, j.years) &&
      (r.start === null || (r.start >= plan.from && r.start <= plan.to)),
  );
}
