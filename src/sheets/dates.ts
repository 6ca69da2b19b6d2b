/**
 * Between sheet Date values and calendar days. Sheets stores a date as an instant at midnight in the
 * spreadsheet's time zone; reading it back with the same zone gives the day the librarian typed.
 */
import { type DayKey, isDayKey } from '../dates';

export function isDateValue(v: unknown): v is Date {
  // Most cells are text or numbers: only an object can be a Date (checked the cross-realm way).
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.prototype.toString.call(v) === '[object Date]' &&
    !Number.isNaN((v as Date).getTime())
  );
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

/**
 * Offset of `timeZone` from UTC at instant `ms`, in milliseconds, to the second: Almaty kept its
 * local mean time, +05:07:48, until 1924 (a "Z" offset, +0507, would leave 48 stray seconds).
 */
function offsetMs(ms: number, timeZone: string): number {
  const [date, time] = Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm:ss').split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

/** Midnight of `day` in `timeZone`: the value Sheets holds for that date. */
export function dateFor(day: DayKey, timeZone: string): Date {
  return new Date(remember(dateMemo, `${timeZone} ${day}`, () => midnight(day, timeZone)));
}

function midnight(day: DayKey, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const ms = utcMidnight - offsetMs(utcMidnight, timeZone);
  // A zone that moved its offset on that day (Almaty on 2024-03-01) needs a second look.
  return utcMidnight - offsetMs(ms, timeZone);
}

/** Today in the script's time zone. */
export function today(timeZone: string): DayKey {
  return Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd');
}

/** Sheets counts days from 30 December 1899 (its "serial number" of a date). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * The Date a getValues would give for a cell the Sheets API reads as the serial number `serial`: the
 * whole days are the calendar day, the fraction the time of day, both on the clock of `timeZone`.
 */
export function dateOfSerial(serial: number, timeZone: string): Date {
  const days = Math.floor(serial);
  const day = new Date(SERIAL_EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10);
  return new Date(dateFor(day, timeZone).getTime() + Math.round((serial - days) * DAY_MS));
}
