/**
 * The plan's recurring duties as recurring calendar events: a duty happens on a day of the month,
 * every month or in the months listed, within the plan year; it becomes one all-day series, never a
 * list of single events. Also the duties the plan lists, for Setup to put on the Duties sheet, and the
 * library's closed days as events. Pure.
 */
import { addDays, type DayKey, dayKey, isLastDayOfMonth } from '../../dates';
import type { PlanYear } from '../holidays';

export type DutyOften = 'monthly' | 'yearly';

/** A duty as its row says it: how often, in which months (none: every month), on which day. */
export interface DutyRule {
  often: DutyOften;
  months: number[];
  day: number;
}

/** A series: its first day, the months it falls in (empty: every month), its day of the month, its last day. */
export interface SeriesSpec {
  start: DayKey;
  months: number[];
  monthDay: number;
  until: DayKey;
}

/** Months as written: "5, 6, 8, 9", "10-11", or month names in Kazakh, Russian or English. */
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['қаңтар', 'январ', 'jan']],
  [2, ['ақпан', 'феврал', 'feb']],
  [3, ['наурыз', 'март', 'mar']],
  [4, ['сәуір', 'апрел', 'apr']],
  [5, ['мамыр', 'мая', 'май', 'may']],
  [6, ['маусым', 'июн', 'jun']],
  [7, ['шілде', 'июл', 'jul']],
  [8, ['тамыз', 'август', 'aug']],
  [9, ['қыркүйек', 'сентябр', 'sep']],
  [10, ['қазан', 'октябр', 'oct']],
  [11, ['қараша', 'ноябр', 'nov']],
  [12, ['желтоқсан', 'декабр', 'dec']],
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d{1,2}$/.test(w)) {
    const n = Number(w);
    return n >= 1 && n <= 12 ? n : null;
  }
  for (const [n, names] of MONTH_NAMES) if (names.some((x) => w.startsWith(x))) return n;
  return null;
}

/** The months a cell lists, sorted; [] for an empty cell; null when a part is no month. */
export function parseMonths(text: string): number[] | null {
  const s = String(text ?? '').trim();
  if (s === '') return [];
  const out = new Set<number>();
  for (const piece of s.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(.+?)[-–—](.+)$/.exec(piece);
    if (range) {
      const a = monthOf(range[1]);
      const b = monthOf(range[2]);
      if (a === null || b === null) return null;
      for (let m = a; ; m = (m % 12) + 1) {
        out.add(m);
        if (m === b) break;
      }
    } else {
      const m = monthOf(piece);
      if (m === null) return null;
      out.add(m);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The days of a duty in the plan year, in order (a month without the day is skipped). */
export function dutyDays(rule: DutyRule, plan: PlanYear): DayKey[] {
  const out: DayKey[] = [];
  const months =
    rule.often === 'monthly' && rule.months.length === 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : rule.months;
  for (let i = 0; i < 12; i++) {
    const m = ((7 + i) % 12) + 1; // August first
    const y = m >= 8 ? plan.startYear : plan.startYear + 1;
    if (!months.includes(m)) continue;
    const k = dayKey(y, m, rule.day);
    if (k.slice(5, 7) === String(m).padStart(2, '0')) out.push(k);
  }
  return out;
}

/** The series of a duty in the plan year, or null when it never falls in it. */
export function dutySeries(rule: DutyRule, plan: PlanYear): SeriesSpec | null {
  const days = dutyDays(rule, plan);
  if (days.length === 0) return null;
  return { start: days[0], months: rule.months, monthDay: rule.day, until: plan.to };
}

/** The plan's duties (their titles and the plan's words are in the catalogue): what Setup puts on a new Duties sheet. */
export const PLAN_DUTIES: ReadonlyArray<{ id: string; rule: DutyRule }> = [
  // «Қарызы бар оқушыларды анықтау ... Айына 1 рет» (reading work, item 14).
  { id: 'debtors', rule: { often: 'monthly', months: [], day: 1 } },
  // «Оқулықтардың жай-күйін тексеру бойынша рейд ... Әр ай сайын 1 рет».
  { id: 'textbookRaid', rule: { often: 'monthly', months: [], day: 15 } },
  // «Кітап қорының сақталуы бойынша рейд ... Жылына 2 рет».
  { id: 'fundRaid', rule: { often: 'yearly', months: [11, 4], day: 20 } },
  // «Оқулықтарды қабылдау және беру ... Мамыр, маусым, тамыз, қыркүйек».
  { id: 'textbookIssue', rule: { often: 'yearly', months: [5, 6, 8, 9], day: 20 } },
  // «Кітап қорын есептен шығару ... Қазан Қараша».
  { id: 'writeOff', rule: { often: 'yearly', months: [10, 11], day: 10 } },
  // «Қалалық білім басқармасына жылдық есеп беру ... Қыркүйек».
  { id: 'annualReport', rule: { often: 'yearly', months: [9], day: 10 } },
  // «Сыныптың үздік оқырманы, ең көп оқитын сынып ... Жылына 2 рет».
  { id: 'ratings', rule: { often: 'yearly', months: [12, 5], day: 15 } },
  // «Жыл бойына атқарылған жұмыстарды қорытындылау ... Мамыр».
  { id: 'summary', rule: { often: 'yearly', months: [5], day: 25 } },
];

/** The last day of each month of the plan year (the cleaning days). */
export function lastDaysOfMonths(plan: PlanYear): DayKey[] {
  const out: DayKey[] = [];
  for (let k = plan.from; k <= plan.to; k = addDays(k, 1)) if (isLastDayOfMonth(k)) out.push(k);
  return out;
}
