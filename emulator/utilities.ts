/**
 * Utilities, Logger and console of the in-memory Apps Script runtime, plus the shared helpers the other
 * services build on: Apps Script style enums and calendar arithmetic in a named time zone.
 *
 * `Utilities.formatDate` follows java.text.SimpleDateFormat (which the real service wraps) with English
 * names, for the pattern letters G y Y M L d D E u a H k K h m s S F w Z X z and quoted text; the offsets
 * and wall-clock fields come from Intl, so historical changes (Asia/Almaty: UTC+6 until 2024-03-01, UTC+5
 * since) are right. A time zone id Java does not know formats in GMT, as the real service does.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { format as nodeFormat } from 'node:util';
import { DAY_NAMES, type Env, GasException, isDate, MONTH_NAMES } from './core';

// ---------------------------------------------------------------------------------------------------------
// Enums

/** One value of an Apps Script enum: prints as its name, `==` compares equal to the name string. */
export interface EnumValue<N extends string = string> {
  readonly name: () => N;
  readonly ordinal: () => number;
  readonly toString: () => N;
  readonly toJSON: () => N;
}

/** Builds an enum object like `ScriptApp.EventType`: `{ CLOCK: EnumValue, ... }`, frozen. */
export function makeEnum<N extends string>(names: readonly N[]): { readonly [K in N]: EnumValue<K> } {
  const out: Record<string, EnumValue> = {};
  names.forEach((n, i) => {
    out[n] = Object.freeze({ name: () => n, ordinal: () => i, toString: () => n, toJSON: () => n });
  });
  return Object.freeze(out) as { readonly [K in N]: EnumValue<K> };
}

/** The name of an enum value or of a plain string naming one (programs sometimes pass 'SHA_256'). */
export function enumName(v: unknown): string {
  return v == null ? '' : String(v);
}

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

// ---------------------------------------------------------------------------------------------------------
// formatString (sprintf subset)

/** `%[flags][width][.precision]conv` with conv in s d i f e x X o c %, flags in "-+0 ". */
export function sprintf(template: string, args: unknown[]): string {
  let argIndex = 0;
  return String(template).replace(
    /%([-+0 #]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g,
    (_m, flags: string, width?: string, precision?: string, conv?: string) => {
      if (conv === '%') return '%';
      const arg = args[argIndex++];
      let s: string;
      const prec = precision === undefined ? undefined : Number(precision);
      switch (conv) {
        case 's':
          s = arg === undefined ? 'undefined' : arg === null ? 'null' : String(arg);
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'd':
        case 'i':
          s = String(Math.trunc(Number(arg)));
          break;
        case 'f':
          s = Number(arg).toFixed(prec ?? 6);
          break;
        case 'e':
        case 'E':
          s = Number(arg).toExponential(prec ?? 6);
          if (conv === 'E') s = s.toUpperCase();
          break;
        case 'x':
        case 'X':
          s = (Math.trunc(Number(arg)) >>> 0).toString(16);
          if (conv === 'X') s = s.toUpperCase();
          break;
        case 'o':
          s = (Math.trunc(Number(arg)) >>> 0).toString(8);
          break;
        case 'c':
          s = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        default:
          s = String(arg);
      }
      const numeric = 'difeE'.includes(conv ?? '');
      if (numeric && !s.startsWith('-')) {
        if (flags.includes('+')) s = `+${s}`;
        else if (flags.includes(' ')) s = ` ${s}`;
      }
      const w = width ? Number(width) : 0;
      if (s.length < w) {
        if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
        else if (flags.includes('0') && numeric) {
          const sign = /^[-+ ]/.test(s) ? s[0] : '';
          const body = sign ? s.slice(1) : s;
          s = sign + '0'.repeat(w - s.length) + body;
        } else s = ' '.repeat(w - s.length) + s;
      }
      return s;
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Bytes and blobs

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}
export function fromBytes(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes as number[], (b) => b & 0xff));
}

function charsetEncoding(charset: unknown): BufferEncoding {
  const n = enumName(charset).toUpperCase().replace('-', '_');
  return n === 'US_ASCII' ? 'latin1' : 'utf8';
}

function toBuffer(data: unknown, charset?: unknown): Buffer {
  if (typeof data === 'string') {
    const buf = Buffer.from(data, charsetEncoding(charset));
    if (enumName(charset).toUpperCase() === 'US_ASCII') for (let i = 0; i < buf.length; i++) buf[i] &= 0x7f;
    return buf;
  }
  if (Array.isArray(data) || ArrayBuffer.isView(data)) return fromBytes(data as ArrayLike<number>);
  if (data && typeof (data as { getBytes?: unknown }).getBytes === 'function')
    return fromBytes((data as { getBytes(): number[] }).getBytes());
  return Buffer.from(String(data), 'utf8');
}

export interface EmuBlob {
  getBytes(): number[];
  getDataAsString(charset?: string): string;
  getContentType(): string | null;
  setContentType(contentType: string): EmuBlob;
  getName(): string | null;
  setName(name: string): EmuBlob;
  setDataFromString(s: string, charset?: string): EmuBlob;
  setBytes(bytes: number[]): EmuBlob;
  copyBlob(): EmuBlob;
  getBlob(): EmuBlob;
  isGoogleType(): boolean;
  getAs(contentType: string): EmuBlob;
}

export function newBlob(env: Env | null, data: unknown, contentType?: string | null, name?: string | null): EmuBlob {
  let buf = toBuffer(data ?? '');
  let type: string | null = contentType ?? null;
  let nm: string | null = name ?? null;
  const count = (m: string) => env?.counters.call(`Blob.${m}`);
  const blob: EmuBlob = {
    getBytes: () => {
      count('getBytes');
      return toSignedBytes(buf);
    },
    getDataAsString: (charset?: string) => {
      count('getDataAsString');
      return buf.toString(charsetEncoding(charset));
    },
    getContentType: () => {
      count('getContentType');
      return type;
    },
    setContentType: (t: string) => {
      count('setContentType');
      type = t;
      return blob;
    },
    getName: () => {
      count('getName');
      return nm;
    },
    setName: (n: string) => {
      count('setName');
      nm = n;
      return blob;
    },
    setDataFromString: (s: string, charset?: string) => {
      count('setDataFromString');
      buf = toBuffer(s, charset);
      return blob;
    },
    setBytes: (b: number[]) => {
      count('setBytes');
      buf = fromBytes(b);
      return blob;
    },
    copyBlob: () => {
      count('copyBlob');
      return newBlob(env, toSignedBytes(buf), type, nm);
    },
    getBlob: () => blob,
    isGoogleType: () => false,
    getAs: (t: string) => {
      count('getAs');
      return newBlob(env, toSignedBytes(buf), t, nm);
    },
  };
  return blob;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 CSV: quoted fields may hold delimiters, newlines and doubled quotes. */
export function parseCsvText(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  const text = String(csv);
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// The services

export interface LogLine {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: Date;
}

const DIGESTS: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function signature(method: string, args: unknown[]): GasException {
  const types = args.map((a) =>
    a === null || a === undefined
      ? 'null'
      : isDate(a)
        ? 'Date'
        : Array.isArray(a)
          ? 'number[]'
          : typeof a === 'string'
            ? 'String'
            : typeof a === 'number'
              ? 'number'
              : 'Object',
  );
  return new GasException(`The parameters (${types.join(',')}) don't match the method signature for ${method}.`);
}

function formatLogArgs(args: unknown[]): string {
  return nodeFormat(...(args as [unknown, ...unknown[]]));
}

export function createUtilities(env: Env) {
  const logs: LogLine[] = [];
  const c = (m: string) => env.counters.call(`Utilities.${m}`);

  const Charset = makeEnum(['US_ASCII', 'UTF_8'] as const);
  const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
  const MacAlgorithm = makeEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const);
  const RsaAlgorithm = makeEnum(['RSA_SHA_1', 'RSA_SHA_256'] as const);

  const Utilities = {
    Charset,
    DigestAlgorithm,
    MacAlgorithm,
    RsaAlgorithm,
    formatDate(date: Date, timeZone: string, format: string): string {
      c('formatDate');
      if (!isDate(date) || typeof format !== 'string' || timeZone == null)
        throw signature('Utilities.formatDate', [date, timeZone, format]);
      return formatDateIn(date, String(timeZone), format);
    },
    formatString(template: string, ...args: unknown[]): string {
      c('formatString');
      return sprintf(template, args);
    },
    getUuid(): string {
      c('getUuid');
      return randomUUID();
    },
    /** Advances the runtime's clock instead of blocking. */
    sleep(milliseconds: number): void {
      c('sleep');
      env.clock.advance(Math.max(0, Number(milliseconds) || 0));
    },
    newBlob(data: unknown, contentType?: string, name?: string): EmuBlob {
      c('newBlob');
      return newBlob(env, data, contentType, name);
    },
    base64Encode(data: unknown, charset?: unknown): string {
      c('base64Encode');
      return toBuffer(data, charset).toString('base64');
    },
    base64EncodeWebSafe(data: unknown, charset?: unknown): string {
      c('base64EncodeWebSafe');
      return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string, _charset?: unknown): number[] {
      c('base64Decode');
      return toSignedBytes(Buffer.from(String(encoded), 'base64'));
    },
    base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
      c('base64DecodeWebSafe');
      return toSignedBytes(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    },
    computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
      c('computeDigest');
      const alg = DIGESTS[enumName(algorithm)];
      if (!alg) throw new GasException('Invalid argument: algorithm');
      return toSignedBytes(createHash(alg).update(toBuffer(value, charset)).digest());
    },
    computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
      c('computeHmacSignature');
      const alg = MACS[enumName(algorithm)];
      if (!alg) throw new GasException('Invalid argument: algorithm');
      return toSignedBytes(createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
      c('computeHmacSha256Signature');
      return toSignedBytes(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    parseCsv(csv: string, delimiter?: string): string[][] {
      c('parseCsv');
      return parseCsvText(csv, delimiter ?? ',');
    },
  };

  const record = (source: LogLine['source'], level: LogLine['level'], message: string) => {
    logs.push({ source, level, message, at: env.clock.now() });
  };

  const Logger = {
    /** `Logger.log(data)` or `Logger.log(format, ...values)` with formatString placeholders. */
    log(data?: unknown, ...values: unknown[]) {
      env.counters.call('Logger.log');
      const message =
        values.length > 0 && typeof data === 'string'
          ? sprintf(data, values)
          : typeof data === 'string'
            ? data
            : formatLogArgs([data]);
      record('Logger', 'log', message);
      return Logger;
    },
    getLog(): string {
      env.counters.call('Logger.getLog');
      return logs
        .filter((l) => l.source === 'Logger')
        .map((l) => `${l.message}\n`)
        .join('');
    },
    clear(): void {
      env.counters.call('Logger.clear');
      for (let i = logs.length - 1; i >= 0; i--) if (logs[i].source === 'Logger') logs.splice(i, 1);
    },
  };

  const timers = new Map<string, number>();
  const consoleLevel =
    (level: LogLine['level']) =>
    (...args: unknown[]) => {
      env.counters.call(`console.${level}`);
      record('console', level, formatLogArgs(args));
    };
  const console = {
    log: consoleLevel('log'),
    info: consoleLevel('info'),
    warn: consoleLevel('warn'),
    error: consoleLevel('error'),
    debug: consoleLevel('debug'),
    time(label = 'default') {
      timers.set(label, env.clock.nowMillis());
    },
    timeEnd(label = 'default') {
      const start = timers.get(label);
      if (start === undefined) return;
      timers.delete(label);
      record('console', 'log', `${label}: ${env.clock.nowMillis() - start}ms`);
    },
  };

  return { Utilities, Logger, console, logs };
}
