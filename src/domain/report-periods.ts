/**
 * The periods a report covers (pure). The school year is the plan year, 1 August to 31 July (the
 * plan of 2025-2026 starts with its August duties), so every day belongs to one school year. Its
 * quarters follow the school quarters with the holidays on their side: I August-October, II
 * November-December, III January-March, IV April-July; its halves August-December and January-July
 * (the ratings, twice a year). A month, or any two dates, may be asked for too.
 */
import { addDays, type DayKey, dayKey, isDayKey } from '../dates';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  from: DayKey;
  to: DayKey;
  /** The school year's first calendar year (2025 for 2025-2026). */
  year: number;
  /** The month (1-12), quarter (1-4) or half (1-2). */
  n: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The school year a day belongs to, by its first calendar year: 15.03.2026 → 2025. */
export function schoolYearStart(day: DayKey): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 8 ? y : y - 1;
}

export const schoolYearLabel = (start: number) => `${start}-${start + 1}`;

export function schoolYear(start: number): Period {
  return { kind: 'year', from: `${start}-08-01`, to: `${start + 1}-07-31`, year: start, n: 0 };
}

function lastOfMonth(y: number, m: number): DayKey {
  return addDays(m === 12 ? dayKey(y + 1, 1, 1) : dayKey(y, m + 1, 1), -1);
}

export function monthPeriod(y: number, m: number): Period {
  const from = dayKey(y, m, 1);
  return { kind: 'month', from, to: lastOfMonth(y, m), year: schoolYearStart(from), n: m };
}

/** Quarter q (1-4) of the school year that starts in `start`. */
export function quarterPeriod(start: number, q: number): Period {
  const spans: Array<[number, number, number, number]> = [
    [start, 8, start, 10],
    [start, 11, start, 12],
    [start + 1, 1, start + 1, 3],
    [start + 1, 4, start + 1, 7],
  ];
  const [y1, m1, y2, m2] = spans[q - 1];
  return { kind: 'quarter', from: dayKey(y1, m1, 1), to: lastOfMonth(y2, m2), year: start, n: q };
}

/** Half h (1-2) of the school year that starts in `start`. */
export function halfPeriod(start: number, h: number): Period {
  return h === 1
    ? { kind: 'half', from: `${start}-08-01`, to: `${start}-12-31`, year: start, n: 1 }
    : { kind: 'half', from: `${start + 1}-01-01`, to: `${start + 1}-07-31`, year: start, n: 2 };
}

export function rangePeriod(a: DayKey, b: DayKey): Period {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return { kind: 'range', from, to, year: schoolYearStart(from), n: 0 };
}

/** The month before the one `day` is in. */
export function previousMonth(day: DayKey): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

/** The same kind of period just before `p` (for a comparison). */
export function periodBefore(p: Period): Period {
  switch (p.kind) {
    case 'month':
      return previousMonth(p.from);
    case 'quarter':
      return p.n === 1 ? quarterPeriod(p.year - 1, 4) : quarterPeriod(p.year, p.n - 1);
    case 'half':
      return p.n === 1 ? halfPeriod(p.year - 1, 2) : halfPeriod(p.year, 1);
    case 'year':
      return schoolYear(p.year - 1);
    default: {
      const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
      return rangePeriod(addDays(p.from, -days - 1), addDays(p.from, -1));
    }
  }
}

/** The half of the school year a day is in. */
export function halfOf(day: DayKey): Period {
  const start = schoolYearStart(day);
  return halfPeriod(start, Number(day.slice(5, 7)) >= 8 ? 1 : 2);
}

/** The calendar months a period touches, as "YYYY-MM". */
export function monthsOf(p: { from: DayKey; to: DayKey }): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** "25.11.2025", "2025-11-25" → a day key. */
function dayOfText(s: string): DayKey | null {
  if (isDayKey(s)) return s;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return null;
  const key = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isDayKey(key) ? key : null;
}

/** "2025-2026", "2025/26", "2025–2026" → 2025; a single "2025" is not a school year. */
function schoolYearOfText(s: string): number | null {
  const m = /(\d{4})\s*[-–—/]\s*(\d{2,4})/.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2].length === 2 ? `${m[1].slice(0, 2)}${m[2]}` : m[2]);
  return b === a + 1 ? a : null;
}

/**
 * A period as the librarian types it (any case, in Kazakh, Russian or English words):
 * - a month: "11.2025" or "2025-11";
 * - a school year: "2025-2026" (or "2025/26");
 * - a quarter: "II тоқсан 2025-2026", "2 четверть", "Q2" (without a year: this school year);
 * - a half-year: "1 жартыжылдық", "2 полугодие", "H1";
 * - two dates: "01.09.2025 - 30.11.2025".
 * Null when it is none of these.
 */
export function parsePeriod(text: string, today: DayKey): Period | null {
  const s = String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (!s) return null;
  const range = /^(\S+)\s*(?:-|–|—|\.\.)\s*(\S+)$/.exec(s);
  if (range) {
    const a = dayOfText(range[1]);
    const b = dayOfText(range[2]);
    if (a && b) return rangePeriod(a, b);
  }
  let m = /^(\d{1,2})[./](\d{4})$/.exec(s) ?? null;
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return monthPeriod(Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  const year = schoolYearOfText(s) ?? schoolYearStart(today);
  const rest = s.replace(/(\d{4})\s*[-–—/]\s*(\d{2,4})/, ' ').trim();
  const quarter =
    /(?:^|\s)(iv|iii|ii|i|[1-4])\s*-?\s*(?:тоқсан|четверть|quarter|qtr)/.exec(rest) ??
    /(?:^|\s)q\s*([1-4])(?:\s|$)/.exec(rest);
  if (quarter) return quarterPeriod(year, ROMAN[quarter[1]] ?? Number(quarter[1]));
  const half =
    /(?:^|\s)(ii|i|[12])\s*-?\s*(?:жартыжылдық|жарты жылдық|полугодие|half)/.exec(rest) ??
    /(?:^|\s)h\s*([12])(?:\s|$)/.exec(rest);
  if (half) return halfPeriod(year, ROMAN[half[1]] ?? Number(half[1]));
  if (rest === '' && schoolYearOfText(s) !== null) return schoolYear(year);
  return null;
}

/**
 * One period or two (to compare), separated by ";" or the word "vs": "2025-2026; 2024-2025". Null
 * when a part is not a period; an empty text gives none (the caller's default).
 */
export function parsePeriods(text: string, today: DayKey): Period[] | null {
  const parts = String(text ?? '')
    .split(/;|\bvs\b|\bпротив\b|\bсалыстыр\w*\b/i)
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (parts.length === 0) return [];
  if (parts.length > 2) return null;
  const periods = parts.map((p) => parsePeriod(p, today));
  return periods.every((p): p is Period => p !== null) ? periods : null;
}
