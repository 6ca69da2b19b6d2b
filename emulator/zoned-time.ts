/**
 * Calendar arithmetic in a named time zone, and \`Utilities.formatDate\`, which follows
 * java.text.SimpleDateFormat (which the real service wraps) with English names, for the pattern letters
 * G y Y M L d D E u a H k K h m s S F w Z X z and quoted text; the offsets and wall-clock fields come
 * from Intl, so historical changes (Asia/Almaty: UTC+6 until 2024-03-01, UTC+5 since) are right. A time
 * zone id Java does not know formats in GMT, as the real service does.
 */
import { DAY_NAMES, GasException, MONTH_NAMES } from './core';

// ---------------------------------------------------------------------------------------------------------
// Time zones

export interface ZonedParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
  /**
   * Whole minutes east of UTC in force at that instant, truncated toward zero as Java's
   * SimpleDateFormat does for Z, X and z (Almaty's local mean time +05:07:48 prints as +0507).
   */
  offsetMinutes: number;
  /** The exact offset in milliseconds (local mean times have seconds). */
  offsetMs: number;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    dtfCache.set(tz, f);
  }
  return f;
}

const FIXED_OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Minutes east of UTC for a fixed-offset id such as "GMT+5", "GMT+05:00", "+0500"; null otherwise. */
function fixedOffset(tz: string): number | null {
  if (/^(GMT|UTC|Z)$/i.test(tz)) return 0;
  const m = FIXED_OFFSET.exec(tz.trim());
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

/** True when Intl (ICU) knows the IANA id. */
export function isValidTimeZone(tz: string): boolean {
  if (fixedOffset(tz) !== null) return true;
  try {
    partsFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Java's TimeZone.getTimeZone: an unknown id means GMT. */
export function normalizeTimeZone(tz: unknown): string {
  const s = String(tz ?? '');
  return isValidTimeZone(s) ? s : 'GMT';
}

const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock fields of `date` in `tz`. */
export function zonedParts(date: Date | number, tz: string): ZonedParts {
  const ms = typeof date === 'number' ? date : date.getTime();
  const fixed = fixedOffset(tz);
  if (fixed !== null) {
    const d = new Date(ms + fixed * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
      offsetMinutes: fixed,
      offsetMs: fixed * 60_000,
    };
  }
  const p: Record<string, string> = {};
  for (const part of partsFormatter(tz).formatToParts(ms)) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const parts = {
    year,
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    millisecond,
    weekday: WEEKDAYS_SHORT.indexOf(p.weekday),
    offsetMinutes: 0,
    offsetMs: 0,
  };
  const asUtc = utcMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, millisecond);
  parts.offsetMs = asUtc - ms;
  parts.offsetMinutes = Math.trunc(parts.offsetMs / 60_000);
  return parts;
}

function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/**
 * The instant whose wall clock in `tz` reads the given fields (month 1..12; fields may overflow, as with
 * Date.UTC). In a DST gap the later offset wins; in an overlap, the earlier instant.
 */
export function zonedToUtc(tz: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const wall = utcMs(y, mo, d, h, mi, s, ms);
  let guess = wall - zonedParts(wall, tz).offsetMs;
  for (let i = 0; i < 3; i++) {
    const next = wall - zonedParts(guess, tz).offsetMs;
    if (next === guess) break;
    guess = next;
  }
  // Overlap: prefer the earlier of two instants showing the same wall time.
  const earlier = guess - 3_600_000;
  const e = zonedParts(earlier, tz);
  if (utcMs(e.year, e.month, e.day, e.hour, e.minute, e.second, e.millisecond) === wall) guess = earlier;
  return new Date(guess);
}

/** The calendar date of `date` in `tz` as "yyyy-MM-dd". */
export function zonedDateKey(date: Date | number, tz: string): string {
  const p = zonedParts(date, tz);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** Days in month `mo` (1..12) of year `y`. */
export function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

// ---------------------------------------------------------------------------------------------------------
// formatDate (SimpleDateFormat)

const MONTHS = MONTH_NAMES;
const WEEKDAYS = DAY_NAMES;

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

const patternCache = new Map<string, Token[]>();

/** Splits a SimpleDateFormat pattern; throws Java's text for letters it does not define. */
export function parsePattern(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  let i = 0;
  const lit = (t: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'literal') last.text += t;
    else tokens.push({ kind: 'literal', text: t });
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        lit("'");
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      if (j >= pattern.length) throw new GasException('Unterminated quote');
      lit(text);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!'GyYMLdDEuaHkKhmsSFwWzZX'.includes(c)) throw new GasException(`Illegal pattern character '${c}'`);
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
      continue;
    }
    lit(c);
    i++;
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

/** Java's US week numbering: weeks start on Sunday, week 1 is the one holding January 1. */
function weekOfYear(y: number, mo: number, d: number): { week: number; weekYear: number } {
  const dayOfYear = (yy: number, mm: number, dd: number) => (utcMs(yy, mm, dd) - utcMs(yy, 1, 1)) / 86_400_000;
  const jan1Weekday = (yy: number) => new Date(utcMs(yy, 1, 1)).getUTCDay();
  const doy = dayOfYear(y, mo, d);
  const week = Math.floor((doy + jan1Weekday(y)) / 7) + 1;
  // The week holding Jan 1 of the next year is week 1 of that year.
  const nextJan1 = utcMs(y + 1, 1, 1);
  const thisDay = utcMs(y, mo, d);
  const nextWeekStart = nextJan1 - jan1Weekday(y + 1) * 86_400_000;
  if (thisDay >= nextWeekStart) return { week: 1, weekYear: y + 1 };
  return { week, weekYear: y };
}

function offsetString(mins: number, style: 'Z' | 'X1' | 'X2' | 'X3' | 'GMT'): string {
  if (mins === 0 && style.startsWith('X')) return 'Z';
  const sign = mins < 0 ? '-' : '+';
  const a = Math.abs(mins);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  switch (style) {
    case 'Z':
      return sign + hh + mm;
    case 'X1':
      return sign + hh + (a % 60 ? mm : '');
    case 'X2':
      return sign + hh + mm;
    case 'X3':
      return `${sign}${hh}:${mm}`;
    default:
      return mins === 0 ? 'GMT' : `GMT${sign}${hh}:${mm}`;
  }
}

function zoneName(ms: number, tz: string, long: boolean, offsetMinutes: number): string {
  if (/^(UTC|GMT)$/i.test(tz))
    return long
      ? tz.toUpperCase() === 'UTC'
        ? 'Coordinated Universal Time'
        : 'Greenwich Mean Time'
      : tz.toUpperCase();
  if (fixedOffset(tz) !== null) return offsetString(offsetMinutes, 'GMT');
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: long ? 'long' : 'short' });
    const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^GMT[+-]/.test(name) || name === 'GMT' || name === 'UTC') return offsetString(offsetMinutes, 'GMT');
    return name;
  } catch {
    return offsetString(offsetMinutes, 'GMT');
  }
}

/** SimpleDateFormat-compatible formatting of an instant in a time zone. */
export function formatDateIn(date: Date, timeZone: string, pattern: string): string {
  const tz = normalizeTimeZone(timeZone);
  const tokens = parsePattern(pattern);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new GasException('Invalid argument: date');
  const p = zonedParts(ms, tz);
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y': {
        const year = t.letter === 'Y' ? weekOfYear(p.year, p.month, p.day).weekYear : p.year;
        out += n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      }
      case 'M':
      case 'L':
        if (n >= 4) out += MONTHS[p.month - 1];
        else if (n === 3) out += MONTHS[p.month - 1].slice(0, 3);
        else out += pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'D':
        out += pad((utcMs(p.year, p.month, p.day) - utcMs(p.year, 1, 1)) / 86_400_000 + 1, n);
        break;
      case 'E':
        out += n >= 4 ? WEEKDAYS[p.weekday] : WEEKDAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'w':
        out += pad(weekOfYear(p.year, p.month, p.day).week, n);
        break;
      case 'W': {
        const firstWeekday = new Date(utcMs(p.year, p.month, 1)).getUTCDay();
        out += pad(Math.floor((p.day - 1 + firstWeekday) / 7) + 1, n);
        break;
      }
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'Z':
        out += offsetString(p.offsetMinutes, 'Z');
        break;
      case 'X':
        if (n > 3) throw new GasException('invalid ISO 8601 format: length=' + n);
        out += offsetString(p.offsetMinutes, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
      case 'z':
        out += zoneName(ms, tz, n >= 4, p.offsetMinutes);
        break;
    }
  }
  return out;
}
