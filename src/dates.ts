/**
 * Calendar dates. A loan is due on a day, not at an instant: the domain works with day keys
 * ("2026-11-25"), and only the sheet adapters turn them into Date values, in the script's time zone.
 */
export type DayKey = string;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDayKey(s: unknown): s is DayKey {
  if (typeof s !== 'string') return false;
  const m = DAY_KEY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Day keys are computed on UTC dates, which have no daylight saving or zone moves. */
function toUtc(day: DayKey): Date {
  const m = DAY_KEY.exec(day);
  if (!m) throw new Error(`not a date: ${day}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

function fromUtc(d: Date): DayKey {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: DayKey, n: number): DayKey {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayKey): number {
  const w = toUtc(day).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isLastDayOfMonth(day: DayKey): boolean {
  return addDays(day, 1).slice(8, 10) === '01';
}

export function dayKey(year: number, month: number, day: number): DayKey {
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}

/** A day as the librarian writes it: "25.11.2026" (empty for none). */
export function showDay(day: DayKey | null | undefined): string {
  return day && isDayKey(day) ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : '';
}
