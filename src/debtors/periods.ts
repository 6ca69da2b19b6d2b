/**
 * Months, quarters and trigger times from day keys (pure). The monthly emails are keyed by the month
 * they go out in ("2026-11"); the visits summary by its month too, and covers the months since the
 * previous summary month (with the default "11,1,4,6": Jun-Oct, Nov-Dec, Jan-Mar, Apr-May, so each
 * school quarter is summed up after it ends).
 */
import { addDays, type DayKey, dayKey } from '../dates';

export const monthOf = (day: DayKey): string => day.slice(0, 7);

export interface VisitsPeriod {
  /** The month the summary goes out in, "YYYY-MM": the ledger's period. */
  key: string;
  from: DayKey;
  to: DayKey;
}

const ym = (day: DayKey) => ({ y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)) });

/** The period a visits summary sent in month (y, m) covers; `months` sorted, non-empty. */
function periodEndingBefore(y: number, m: number, months: number[]): VisitsPeriod {
  const earlier = months.filter((x) => x < m);
  const prev = earlier.length > 0 ? earlier[earlier.length - 1] : months[months.length - 1];
  const prevYear = prev < m ? y : y - 1;
  return {
    key: `${y}-${String(m).padStart(2, '0')}`,
    from: dayKey(prevYear, prev, 1),
    to: addDays(dayKey(y, m, 1), -1),
  };
}

/**
 * The visits summary due on `today`: with `strict` (the trigger), only in a listed month; otherwise
 * (send now) the one of the latest listed month up to today's.
 */
export function visitsPeriod(today: DayKey, months: number[], strict: boolean): VisitsPeriod | null {
  const list = [...new Set(months)].filter((m) => m >= 1 && m <= 12).sort((a, b) => a - b);
  if (list.length === 0) return null;
  const { y, m } = ym(today);
  if (list.includes(m)) return periodEndingBefore(y, m, list);
  if (strict) return null;
  const earlier = list.filter((x) => x < m);
  return earlier.length > 0
    ? periodEndingBefore(y, earlier[earlier.length - 1], list)
    : periodEndingBefore(y - 1, list[list.length - 1], list);
}

export interface WallTime {
  day: DayKey;
  hour: number;
  minute: number;
}

/**
 * When a trigger on day `day` of the month at `hour`:00 runs next after `now` (wall clock of the
 * script's zone), in the listed `months` only when given.
 */
export function nextMonthlyRun(now: WallTime, day: number, hour: number, months?: number[]): WallTime {
  let { y, m } = ym(now.day);
  for (let i = 0; i < 25; i++) {
    if (!months || months.includes(m)) {
      const run = dayKey(y, m, day);
      if (run > now.day || (run === now.day && hour * 60 > now.hour * 60 + now.minute)) {
        return { day: run, hour, minute: 0 };
      }
    }
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { day: dayKey(y, m, day), hour, minute: 0 };
}

/**
 * The month a monthly trigger's run belongs to: a trigger fires up to 15 minutes off its time, so a
 * run in the last half hour of a month is the next month's run fired early.
 */
export function monthOfRun(now: WallTime): string {
  const next = addDays(now.day, 1);
  if (monthOf(next) !== monthOf(now.day) && now.hour * 60 + now.minute >= 23 * 60 + 30) return monthOf(next);
  return monthOf(now.day);
}

export function showWallTime(w: WallTime): string {
  return `${w.day.slice(8, 10)}.${w.day.slice(5, 7)}.${w.day.slice(0, 4)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}
