/**
 * Between sheet Date values and calendar days. Sheets stores a date as an instant at midnight in the
 * spreadsheet's time zone; reading it back with the same zone gives the day the librarian typed.
 */
import { type DayKey, isDayKey } from '../dates';

export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

/**
 * Dates already converted, per time zone: Utilities.formatDate is a service call, and a sheet of
 * loans holds few distinct dates (the days the desk was open), so a whole-sheet read costs calls in
 * proportion to the calendar, not to the number of rows.
 */
const dayMemo = new Map<string, DayKey>();
const dateMemo = new Map<string, number>();

function remember<V>(memo: Map<string, V>, key: string, make: () => V): V {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 20_000) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** The calendar day a cell holds, or null for a blank or non-date cell. */
export function dayOf(value: unknown, timeZone: string): DayKey | null {
  if (isDateValue(value)) {
    return remember(dayMemo, `${timeZone} ${value.getTime()}`, () =>
      Utilities.formatDate(value, timeZone, 'yyyy-MM-dd'),
    );
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (isDayKey(s)) return s;
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
    if (m) {
      const key = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
      if (isDayKey(key)) return key;
    }
  }
  return null;
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (Almaty: +300). */
function offsetMinutes(ms: number, timeZone: string): number {
  const z = Utilities.formatDate(new Date(ms), timeZone, 'Z'); // "+0500"
  const sign = z[0] === '-' ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
}

/** Midnight of `day` in `timeZone`: the value Sheets holds for that date. */
export function dateFor(day: DayKey, timeZone: string): Date {
  return new Date(remember(dateMemo, `${timeZone} ${day}`, () => midnight(day, timeZone)));
}

function midnight(day: DayKey, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const ms = utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000;
  // A zone that moved its offset on that day (Almaty on 2024-03-01) needs a second look.
  const guess = utcMidnight - offsetMinutes(ms, timeZone) * 60_000;
  if (y >= 1970) return guess;
  // Old offsets had seconds ("Z" shows minutes only): Almaty kept local mean time, +05:07:48, until
  // 1924, so a birth date of 1845 would be 00:00:48. The wall clock tells how far off the guess is.
  const [date, time] = Utilities.formatDate(new Date(guess), timeZone, 'yyyy-MM-dd HH:mm:ss').split(' ');
  const [wy, wm, wd] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return guess - (Date.UTC(wy, wm - 1, wd, hh, mm, ss) - utcMidnight);
}

/** Today in the script's time zone. */
export function today(timeZone: string): DayKey {
  return Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd');
}
