/**
 * Dates in the playground's .xlsx: Excel stores a wall-clock serial, the runtime an instant; the file
 * holds the wall clock of the workbook's time zone. Also JSON that keeps Dates (the state file).
 */
import { zonedParts, zonedWallToEpoch } from '../emulator/spreadsheet-values';

/** The Date exceljs must be given so that the file holds the wall clock of `timeZone`. */
const wallCache = new Map<string, ReturnType<typeof zonedParts>>();
function wallClock(ms: number, timeZone: string) {
  const key = `${timeZone}|${ms - (((ms % 1000) + 1000) % 1000)}`;
  let p = wallCache.get(key);
  if (!p) {
    if (wallCache.size > 100_000) wallCache.clear();
    p = zonedParts(ms, timeZone);
    wallCache.set(key, p);
  }
  return p;
}

export function toExcelDate(d: Date, timeZone: string): Date {
  const p = wallClock(d.getTime(), timeZone);
  const ms = ((d.getTime() % 1000) + 1000) % 1000;
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms));
}

/** The instant whose wall clock in `timeZone` is the (UTC-fields) Date exceljs read. */
const epochCache = new Map<string, number>();
export function fromExcelDate(d: Date, timeZone: string): Date {
  const ms = d.getUTCMilliseconds();
  const key = `${timeZone}|${d.getTime() - ms}`;
  let base = epochCache.get(key);
  if (base === undefined) {
    if (epochCache.size > 100_000) epochCache.clear();
    base = wallToEpoch(d, timeZone);
    epochCache.set(key, base);
  }
  return new Date(base + ms);
}

function wallToEpoch(d: Date, timeZone: string): number {
  return zonedWallToEpoch(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    timeZone,
  );
}

export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Same test exceljs uses to decide that a number format shows a date. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhs]/i.test(f) && !/^[0#.,%\s]*$/.test(f) && f !== '@';
}

/** JSON with Dates (validation arguments may be dates). */
export const jsonWithDates = (v: unknown) =>
  JSON.stringify(v, function (this: Record<string, unknown>, k, value) {
    const raw = this[k];
    return isDate(raw) ? { $date: raw.toISOString() } : value;
  });
export const parseWithDates = (s: string) =>
  JSON.parse(s, (_k, v) => (v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date) : v));
