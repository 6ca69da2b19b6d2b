/**
 * When the library is open, and when a loan is due.
 *
 * The library is closed on some weekdays (the plan: Tuesday is the methodical day, Saturday and
 * Sunday are days off), on the last day of every month (cleaning), and on the date ranges the
 * librarian lists on the "Closed days" sheet (public holidays, school vacations). A due date never
 * falls on a closed day: it moves to the next open day.
 *
 * Internally a day is an integer (days since 1970-01-01, computed with pure arithmetic on the proleptic
 * Gregorian calendar), so checking hundreds of loans against the schedule creates no Date objects.
 */
import type { DayKey } from '../dates';
import { LibraryError } from '../errors';
import type { EnumCode } from '../schema';
import type { Settings } from '../settings';

export type Kind = EnumCode<'kind'>;

/** Closed from `from` to `to`, both included. */
export interface ClosedRange {
  from: DayKey;
  to: DayKey;
}

export interface Schedule {
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the library is closed. */
  closedWeekdays: number[];
  /** Closed on the last day of every month (cleaning day). */
  lastDayClosed: boolean;
  /** Holidays and vacations; from `scheduleFrom`: sorted, overlapping or adjacent ranges merged. */
  closed: ClosedRange[];
}

/** How far ahead `nextOpenDay` looks before it gives up. */
const MAX_LOOKAHEAD = 400;

// ---------------------------------------------------------------------------------------------
// Day numbers (days since 1970-01-01), after Howard Hinnant's civil-date algorithms.

const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

/** The day of the month of day number `n`. */
function dayOfMonth(n: number): number {
  return civilFromDays(n)[2];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function monthLength(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function toNum(day: DayKey): number {
  const m = KEY.exec(day);
  const y = m ? +m[1] : 0;
  const mo = m ? +m[2] : 0;
  const d = m ? +m[3] : 0;
  if (!m || mo < 1 || mo > 12 || d < 1 || d > monthLength(y, mo)) throw new Error(`not a date: ${day}`);
  return daysFromCivil(y, mo, d);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function toKey(n: number): DayKey {
  const [y, m, d] = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** ISO weekday of day number `n`: 1970-01-01 was a Thursday (4). */
function weekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// A schedule prepared for fast look-ups: a weekday table and the ranges as sorted, disjoint numbers.

interface Prepared {
  closedWd: boolean[]; // index 1..7
  lastDay: boolean;
  from: number[]; // sorted, disjoint, non-adjacent
  to: number[];
  /** before[i]: the days of ranges 0..i-1 on which the library would be open but for the range. */
  before: number[];
  allWeekdaysClosed: boolean;
}

const prepared = new WeakMap<Schedule, Prepared>();

/** Sorted, merged copies of `ranges` (a reversed range is read as from the earlier day to the later). */
function mergeRanges(ranges: readonly ClosedRange[]): { from: number[]; to: number[] } {
  const spans = ranges
    .map((r) => {
      const a = toNum(r.from);
      const b = toNum(r.to);
      return a <= b ? [a, b] : [b, a];
    })
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const from: number[] = [];
  const to: number[] = [];
  for (const [a, b] of spans) {
    const last = to.length - 1;
    if (last >= 0 && a <= to[last] + 1) to[last] = Math.max(to[last], b);
    else {
      from.push(a);
      to.push(b);
    }
  }
  return { from, to };
}

function prepare(s: Schedule): Prepared {
  let p = prepared.get(s);
  if (!p) {
    const closedWd = [false, false, false, false, false, false, false, false];
    for (const w of s.closedWeekdays) if (Number.isInteger(w) && w >= 1 && w <= 7) closedWd[w] = true;
    const { from, to } = mergeRanges(s.closed);
    const q: Prepared = {
      closedWd,
      lastDay: s.lastDayClosed,
      from,
      to,
      before: [0],
      allWeekdaysClosed: closedWd.slice(1).every(Boolean),
    };
    for (let i = 0; i < from.length; i++) q.before.push(q.before[i] + openByCalendar(from[i], to[i], q));
    prepared.set(s, q);
    p = q;
  }
  return p;
}

/** Index of the range containing `n`, or -1. */
function rangeAt(n: number, p: Prepared): number {
  const i = firstAtLeast(p.to, n);
  return i < p.to.length && p.from[i] <= n ? i : -1;
}

/** Closed by the weekday or the cleaning day (not by a range). */
function closedByCalendar(n: number, p: Prepared): boolean {
  return p.closedWd[weekday(n)] || (p.lastDay && dayOfMonth(n + 1) === 1);
}

function nextOpenNum(start: number, p: Prepared): number {
  const limit = start + MAX_LOOKAHEAD;
  let n = start;
  if (!p.allWeekdaysClosed) {
    while (n <= limit) {
      const r = rangeAt(n, p);
      if (r >= 0) n = p.to[r] + 1;
      else if (closedByCalendar(n, p)) n++;
      else return n;
    }
  }
  throw new LibraryError('schedule.neverOpen', { day: toKey(start) });
}

// ---------------------------------------------------------------------------------------------

/**
 * The schedule from the settings and the "Closed days" sheet's ranges. The result is frozen: it is
 * prepared for look-ups once, on first use, and must not change afterwards.
 */
export function scheduleFrom(
  settings: Pick<Settings, 'closedWeekdays' | 'lastDayClosed'>,
  closed: ClosedRange[],
): Schedule {
  const { from, to } = mergeRanges(closed);
  const weekdays = [...new Set(settings.closedWeekdays)]
    .filter((w) => Number.isInteger(w) && w >= 1 && w <= 7)
    .sort((a, b) => a - b);
  const ranges = from.map((f, i) => Object.freeze({ from: toKey(f), to: toKey(to[i]) }));
  return Object.freeze({
    closedWeekdays: Object.freeze(weekdays) as number[],
    lastDayClosed: settings.lastDayClosed,
    closed: Object.freeze(ranges) as ClosedRange[],
  });
}

export function isClosed(day: DayKey, s: Schedule): boolean {
  const p = prepare(s);
  const n = toNum(day);
  return closedByCalendar(n, p) || rangeAt(n, p) >= 0;
}

/** `day` itself when the library is open then, else the first open day after it. */
export function nextOpenDay(day: DayKey, s: Schedule): DayKey {
  const n = toNum(day);
  const open = nextOpenNum(n, prepare(s));
  return open === n ? day : toKey(open);
}

/** The textbook due day ("MM-DD") in `year`; a day past the month's end (Feb 29) becomes its last day. */
function textbookDay(year: number, mmdd: string): number {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(mmdd.trim());
  let month = m ? +m[1] : 0;
  let day = m ? +m[2] : 0;
  // Settings only checks the shape "NN-NN"; an impossible month falls back to the default (May 25).
  if (month < 1 || month > 12 || day < 1) {
    month = 5;
    day = 25;
  }
  return daysFromCivil(year, month, Math.min(day, monthLength(year, month)));
}

/** Textbooks are lent for the school year: due on the first `textbookDue` day at least this far ahead. */
const TEXTBOOK_MIN_DAYS = 30;

/**
 * The due date of an item of `kind` lent on `issued`: textbooks at the end of the school year (the
 * first `textbookDue` at least 30 days ahead), other kinds after `loanDays[kind]` days; in both
 * cases moved to the next open day.
 */
export function dueDate(
  issued: DayKey,
  kind: Kind,
  settings: Pick<Settings, 'loanDays' | 'textbookDue'>,
  s: Schedule,
): DayKey {
  const p = prepare(s);
  const start = toNum(issued);
  let due: number;
  if (kind === 'textbook') {
    const year = +issued.slice(0, 4);
    due = textbookDay(year, settings.textbookDue);
    for (let y = year + 1; due - start < TEXTBOOK_MIN_DAYS; y++) due = textbookDay(y, settings.textbookDue);
  } else {
    const days = Math.trunc(Number(settings.loanDays[kind]));
    due = start + (Number.isFinite(days) && days > 0 ? days : 0);
  }
  return toKey(nextOpenNum(due, p));
}

/** A renewal starts a new loan period from `today`. */
export function renewedDue(
  today: DayKey,
  kind: Kind,
  settings: Pick<Settings, 'loanDays' | 'textbookDue'>,
  s: Schedule,
): DayKey {
  return dueDate(today, kind, settings, s);
}

/** The days in lo..hi (both included) not closed by the weekday or the cleaning day. */
function openByCalendar(lo: number, hi: number, p: Prepared): number {
  if (hi < lo) return 0;
  const len = hi - lo + 1;
  let open = 0;
  for (let w = 1; w <= 7; w++) if (!p.closedWd[w]) open++;
  open *= Math.floor(len / 7);
  for (let n = lo + len - (len % 7); n <= hi; n++) if (!p.closedWd[weekday(n)]) open++;
  if (p.lastDay) {
    // Last days of the months from lo's month on, that the weekday has not closed already.
    let [y, m] = civilFromDays(lo);
    for (let last = daysFromCivil(y, m, monthLength(y, m)); last <= hi; last = daysFromCivil(y, m, monthLength(y, m))) {
      if (!p.closedWd[weekday(last)]) open--;
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
  }
  return open;
}

/** The first index at which `sorted[index] >= n` (the length when none is). */
function firstAtLeast(sorted: number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The number of open days d with from < d <= to (0 when to <= from). Computed, not walked: the days
 * the calendar leaves open, less those the closed ranges take (a sum kept per schedule), so a loan a
 * year overdue costs no more than one a day overdue.
 */
export function openDaysBetween(from: DayKey, to: DayKey, s: Schedule): number {
  const p = prepare(s);
  const lo = toNum(from) + 1;
  const hi = toNum(to);
  if (hi < lo) return 0;
  let open = openByCalendar(lo, hi, p);
  // Ranges first..last meet lo..hi: take away their calendar-open days, then give back the parts of the
  // first and the last range that lie outside lo..hi.
  const first = firstAtLeast(p.to, lo);
  const last = firstAtLeast(p.from, hi + 1) - 1;
  if (first <= last) {
    open -= p.before[last + 1] - p.before[first];
    if (p.from[first] < lo) open += openByCalendar(p.from[first], lo - 1, p);
    if (p.to[last] > hi) open += openByCalendar(hi + 1, p.to[last], p);
  }
  return open;
}

/**
 * How late a loan due on `due` is on `today`: 0 when `today` is not after `due`; otherwise calendar
 * days, or with `openDaysOnly` the open days after `due` up to and including `today`.
 */
export function daysOverdue(due: DayKey, today: DayKey, s: Schedule, openDaysOnly: boolean): number {
  if (openDaysOnly) return openDaysBetween(due, today, s);
  return Math.max(0, toNum(today) - toNum(due));
}
