/**
 * The year-end rollover's rules (pure): which school year a summer closes, how a class moves up a
 * grade, how a graduated class is named, which loans are old enough for the archive, and what class a
 * pupil was in on a day before later rollovers moved them up (so the statistics of past years stay
 * as they were).
 *
 * A graduated class keeps its name with the year of graduation: "11А" of 2025-2026 becomes
 * "11А (2026)". The name still starts with its grade, so `gradeOfClass` reads 11 from it and the one
 * notion of a class (`classKey`) tells "11А (2026)" from "11А (2027)" and from the new "11А".
 */
import type { DayKey } from '../dates';
import { classKey, gradeOfClass } from './class-names';

/** A rollover done: the school year it closed (its first calendar year) and the day it was run. */
export interface RolloverDone {
  year: number;
  day: DayKey;
  /** The class keys of the Classes sheet the rollover moved, as they were named after it. */
  classes?: string[];
}

/**
 * The school year a summer day closes: from 1 June to 31 August, the school year that ended in May
 * (its first calendar year); null outside the summer (classes are still running, or the new year has
 * begun and pupils already sit in their new classes).
 */
export function rolloverYearOf(today: DayKey): number | null {
  const month = Number(today.slice(5, 7));
  return month >= 6 && month <= 8 ? Number(today.slice(0, 4)) - 1 : null;
}

/** The last day of a school year (the plan year: 1 August to 31 July): the day its graduates left. */
export const schoolYearEnd = (year: number): DayKey => `${year + 1}-07-31`;

/** The first day of the school year after `year`: from then on pupils sit in their new classes. */
export const nextYearStart = (year: number): DayKey => `${year + 1}-08-01`;

const GRADUATED = /\s*\((\d{4})\)\s*$/;

/** The graduation year a graduated class carries ("11А (2026)" → 2026), or null. */
export function graduationYearOf(name: string): number | null {
  const m = GRADUATED.exec(String(name ?? ''));
  return m ? Number(m[1]) : null;
}

/** The class a graduated class was ("11А (2026)" → "11А"); other names as they are. */
export const withoutGraduation = (name: string): string => String(name ?? '').replace(GRADUATED, '');

export type Promotion =
  | { kind: 'up'; to: string }
  | { kind: 'graduate'; to: string }
  /** No grade to move (a club, a class already graduated, no class). */
  | { kind: 'stay' };

/**
 * What the rollover of school year `year` does to a class: up a grade, keeping the rest of its name
 * as it is spelled ("7А" → "8А", "9 Б" → "10 Б"); the last grade (or past it) graduates with the
 * year of graduation ("11А" → "11А (2026)"); a name without a grade, or already graduated, stays.
 */
export function promoteClass(name: string, maxGrade: number, year: number): Promotion {
  const text = String(name ?? '').trim();
  if (!text || graduationYearOf(text) !== null) return { kind: 'stay' };
  const m = /^(\s*)(\d{1,2})(.*)$/s.exec(text);
  if (!m) return { kind: 'stay' };
  const grade = Number(m[2]);
  if (grade >= maxGrade) return { kind: 'graduate', to: `${text} (${year + 1})` };
  return { kind: 'up', to: `${m[1]}${grade + 1}${m[3]}` };
}

/**
 * The class a name meant `steps` school years earlier, before `steps` rollovers moved it up: "9А" two
 * years back was "7А"; "11А (2026)" one year back was "11А" (its pupils were not moved up when they
 * graduated) and two years back "10А". A name without a grade stays as it is.
 */
export function classBefore(name: string, steps: number): string {
  if (steps <= 0) return name;
  const graduated = graduationYearOf(name) !== null;
  const base = graduated ? withoutGraduation(name) : name;
  const back = graduated ? steps - 1 : steps;
  if (back <= 0) return base;
  const m = /^(\s*)(\d{1,2})(.*)$/s.exec(base);
  if (!m) return base;
  return `${m[1]}${Math.max(0, Number(m[2]) - back)}${m[3]}`;
}

/** What the rollover needs to know of a reader. */
export interface RolloverReader {
  category: string;
  className: string;
  registered: DayKey | null;
  left: DayKey | null;
  hasLeft: boolean;
}

/**
 * Whether the rollover run on `day` moves this reader (up a grade or out as a graduate): a pupil
 * registered by that day, not left by then, in a class that has a grade and has not graduated. The
 * reports ask the same question of every rollover done, to find the class a pupil was in before.
 */
export function movedBy(r: RolloverReader, day: DayKey): boolean {
  if (r.category !== 'pupil') return false;
  if (r.registered && r.registered > day) return false;
  if (r.hasLeft && !(r.left && r.left > day)) return false;
  const name = withoutGraduation(r.className);
  return gradeOfClass(name) !== null;
}

/**
 * The class a reader was in on `day`, given the rollovers done: each rollover that took effect after
 * that day and moved the reader steps the class back once. A graduate was moved by the rollovers
 * before the one that graduated them; the one that graduated them does not step their class back
 * (its year is in the name).
 */
export function classOnDay(r: RolloverReader, day: DayKey, rollovers: readonly RolloverDone[]): string {
  const gradYear = graduationYearOf(r.className);
  let steps = 0;
  for (const roll of rollovers) {
    if (nextYearStart(roll.year) <= day) continue;
    if (gradYear !== null) {
      // Graduated by the rollover of gradYear − 1; moved up by the ones before it.
      if (roll.year + 1 === gradYear) steps++;
      else if (roll.year + 1 < gradYear && wasMoved(r, roll.day)) steps++;
      continue;
    }
    if (movedBy(r, roll.day)) steps++;
  }
  return classBefore(r.className, steps);
}

/** Moved up by an earlier rollover: a graduate's left date is after it (their status says left now). */
function wasMoved(r: RolloverReader, day: DayKey): boolean {
  if (r.category !== 'pupil') return false;
  if (r.registered && r.registered > day) return false;
  return r.left === null || r.left > day;
}

/**
 * The class a Classes row was on `day` (a row moves up with its pupils). Only the rollovers that found
 * the row move it back: each keeps the class keys it left behind (`classes`), so a row added later
 * (next year's "5А") is not taken for a class of the years before it.
 */
export function classRowOnDay(name: string, day: DayKey, rollovers: readonly RolloverDone[]): string {
  let now = name;
  for (const roll of [...rollovers].sort((a, b) => b.year - a.year)) {
    if (nextYearStart(roll.year) <= day) continue;
    const gradYear = graduationYearOf(now);
    if (gradYear !== null && roll.year + 1 > gradYear) continue;
    if (gradYear === null && gradeOfClass(now) === null) continue;
    if (roll.classes && !roll.classes.includes(classKey(now))) continue;
    now = classBefore(now, 1);
  }
  return now;
}

// ---------------------------------------------------------------------------------------------
// The archive

/**
 * The first day of the school years the workbook keeps after the rollover of `year` with
 * `keepYears` school years kept: 2 keeps 2024-2025 and 2025-2026 after the rollover of 2025-2026, so
 * loans returned before 1 August 2024 go to the archive.
 */
export function archiveBoundary(year: number, keepYears: number): DayKey {
  return `${year - Math.max(1, keepYears) + 1}-08-01`;
}

export interface ArchivableLoan {
  loanId: string;
  status: string | null;
  issued: DayKey | null;
  returned: DayKey | null;
}

/**
 * A loan goes to the archive when it is returned, with its issue and return days before the
 * boundary, and has a loan id (the key the archive knows it by). Open loans never go (they are
 * debts); lost and replaced ones stay too: the fund's reports take a lost copy's withdrawal date
 * from them, for any year.
 */
export function archivable(l: ArchivableLoan, boundary: DayKey): boolean {
  return (
    l.status === 'returned' &&
    l.loanId.trim() !== '' &&
    l.issued !== null &&
    l.returned !== null &&
    l.issued < boundary &&
    l.returned < boundary
  );
}

/** The loans to archive: archivable, and their id on one row only (a doubled id stays for the check to report). */
export function loansToArchive<L extends ArchivableLoan>(loans: readonly L[], boundary: DayKey): L[] {
  const seen = new Map<string, number>();
  for (const l of loans) {
    const k = l.loanId.trim();
    if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return loans.filter((l) => archivable(l, boundary) && seen.get(l.loanId.trim()) === 1);
}

/** The same class key for two names: the one notion of a class. */
export const sameClass = (a: string, b: string) => classKey(a) === classKey(b);
