/**
 * Dates as librarians write them in a plan: "08.09.25", "08.09.2025", "25.08.2025ж.", a day and month
 * alone ("08.09": the plan year supplies the year, September to July of its two years), and ranges
 * "10.11-02.12" or "10.11.25 – 02.12.25". A date outside the plan year is never taken silently: it
 * is flagged with the same day and month inside the plan year as the suggested correction. Pure.
 */
import { addDays, type DayKey, dayKey, isDayKey } from '../../dates';
import type { PlanYear } from '../holidays';

/** A written date: its first and last day (inclusive), and whether the writer gave a year. */
export interface WrittenDate {
  start: DayKey;
  end: DayKey;
  yearGiven: boolean;
}

/** "1 August `startYear` – 31 July of the next year". */
export function planYearFrom(startYear: number): PlanYear {
  return { startYear, from: dayKey(startYear, 8, 1), to: dayKey(startYear + 1, 7, 31) };
}

/** The plan year's label as a plan writes it: "2025-2026". */
export const planYearLabel = (p: PlanYear) => `${p.startYear}-${p.startYear + 1}`;

/** The year a day and month fall in within the plan year: August-December the first, else the second. */
const yearInPlan = (month: number, plan: PlanYear) => (month >= 8 ? plan.startYear : plan.startYear + 1);

const ONE = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$/;

interface Part {
  day: number;
  month: number;
  year: number | null;
}

function part(text: string): Part | null {
  const s = text.trim();
  if (isDayKey(s)) return { year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)), day: Number(s.slice(8, 10)) };
  const m = ONE.exec(s);
  if (!m) return null;
  const year = m[3] === undefined ? null : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return { day: Number(m[1]), month: Number(m[2]), year };
}

function key(p: Part, year: number): DayKey | null {
  const k = `${String(year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return isDayKey(k) ? k : null;
}

/** What a librarian writes after a date: "ж.", "г.", "y.", a full stop. */
const TRAILER = /\s*(?:ж|жыл|г|год|y)?\.?\s*$/iu;

/**
 * A written date or range, or null when the text is no date. Years: "25" is 2025; a day and month
 * without a year take the plan year's; in a range, a part without a year takes the other part's (the
 * start the year before when its month comes later, as in 15.12-10.01.26).
 */
export function parseWrittenDate(text: string, plan: PlanYear): WrittenDate | null {
  const s = String(text ?? '')
    .trim()
    .replace(TRAILER, '');
  if (s === '') return null;
  const range = /^(.+?)\s*[-–—]\s*(.+)$/.exec(s);
  if (!range || isDayKey(s)) {
    const p = part(s);
    if (!p) return null;
    const k = key(p, p.year ?? yearInPlan(p.month, plan));
    return k ? { start: k, end: k, yearGiven: p.year !== null } : null;
  }
  const a = part(range[1].replace(TRAILER, ''));
  const b = part(range[2]);
  if (!a || !b) return null;
  let ya: number;
  let yb: number;
  if (a.year !== null && b.year !== null) [ya, yb] = [a.year, b.year];
  else if (b.year !== null) [ya, yb] = [a.month > b.month ? b.year - 1 : b.year, b.year];
  else if (a.year !== null) [ya, yb] = [a.year, b.month < a.month ? a.year + 1 : a.year];
  else [ya, yb] = [yearInPlan(a.month, plan), yearInPlan(b.month, plan)];
  const start = key(a, ya);
  const end = key(b, yb);
  return start && end ? { start, end, yearGiven: a.year !== null || b.year !== null } : null;
}

/**
 * A day and month typed alone ("20.10") in a sheet whose locale reads it as a number: Sheets keeps
 * 20.1, which as text would be 20 January. The number's hundredths are the month: the text it was
 * typed as ("20.10"), or null when the number cannot be one.
 */
export function typedDayMonth(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const day = Math.floor(n);
  const month = Math.round((n - day) * 100);
  if (Math.abs(day + month / 100 - n) > 1e-9 || day < 1 || day > 31 || month < 1 || month > 12) return null;
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}`;
}

/** A cell's text or number as written (a Date is the caller's, with its time zone), or null. */
export function parseWrittenCell(v: string | number, plan: PlanYear): WrittenDate | null {
  if (typeof v === 'number') {
    const text = typedDayMonth(v);
    return text ? parseWrittenDate(text, plan) : null;
  }
  return parseWrittenDate(v, plan);
}

export type DateProblem = { kind: 'outside'; suggestion: { start: DayKey; end: DayKey } | null } | { kind: 'order' };

/** The same day and month in `year` (29 February in a common year: the 28th). */
function sameDayIn(day: DayKey, year: number): DayKey {
  return (
    key({ year: null, month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) }, year) ?? dayKey(year, 2, 28)
  );
}

/**
 * Why a date cannot be synced as it stands: a range ending before it starts, or a date outside the
 * plan year (with the same day and month inside it as the suggestion, a range keeping its length).
 * Null when it is fine.
 */
export function checkPlanDates(d: { start: DayKey; end: DayKey }, plan: PlanYear): DateProblem | null {
  if (d.end < d.start) return { kind: 'order' };
  if (d.start >= plan.from && d.end <= plan.to) return null;
  const month = Number(d.start.slice(5, 7));
  const start = sameDayIn(d.start, yearInPlan(month, plan));
  const length = Math.round((Date.parse(d.end) - Date.parse(d.start)) / 86_400_000);
  const end = addDays(start, length);
  return { kind: 'outside', suggestion: end <= plan.to ? { start, end } : null };
}
