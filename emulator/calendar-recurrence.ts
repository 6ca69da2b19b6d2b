/**
 * EventRecurrence and RecurrenceRule (CalendarApp.newRecurrence()): the builder a script chains, the
 * plain data it builds, its expansion into the dates of an all-day series, and its RFC 5545 text.
 *
 * What is modelled: daily, weekly, monthly and yearly rules and exclusions with interval(), times(),
 * until(), onlyInMonth(s)(), onlyOnMonthDay(s)() (negative days count from the month's end, as
 * BYMONTHDAY does), onlyOnWeekday(s)(); addDate() and addDateExclusion(). The expansion follows RFC
 * 5545: the series start is its first instance, a rule's BY parts filter (FREQ=DAILY, WEEKLY) or
 * expand (MONTHLY, YEARLY) as the RFC's table says, UNTIL is inclusive, COUNT counts the start, rules
 * are united, exclusions and EXDATEs removed. Other builder methods throw, so a script never relies on
 * what the runtime does not model.
 */
import { GasException, isDate } from './core';
import { type EnumValue, makeEnum } from './enums';
import { zonedDateKey } from './zoned-time';

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RuleData {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** Inclusive last day, "yyyy-MM-dd". */
  until: string | null;
  months: number[];
  monthDays: number[];
  /** 0 = Sunday .. 6 = Saturday */
  weekdays: number[];
}

export interface RecurrenceData {
  rules: RuleData[];
  exclusions: RuleData[];
  dates: string[];
  exDates: string[];
}

export const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export const Month = makeEnum(MONTHS);
export const Weekday = makeEnum(WEEKDAYS);
const ICS_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A Month enum value (or its name, or 1..12) as 1..12. */
function monthNumber(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12) return v;
  const i = MONTHS.indexOf(String((v as EnumValue)?.name?.() ?? v) as (typeof MONTHS)[number]);
  if (i < 0) throw new GasException(`Invalid argument: month (${String(v)})`);
  return i + 1;
}

function weekdayNumber(v: unknown): number {
  const i = WEEKDAYS.indexOf(String((v as EnumValue)?.name?.() ?? v) as (typeof WEEKDAYS)[number]);
  if (i < 0) throw new GasException(`Invalid argument: day (${String(v)})`);
  return i;
}

function monthDay(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n === 0 || n < -31 || n > 31)
    throw new GasException(`Invalid argument: day (${String(v)})`);
  return n;
}

const notModelled = (name: string) => () => {
  throw new Error(`emulator: RecurrenceRule.${name} is not modelled`);
};

/** The builder as a script sees it (EventRecurrence; a rule adds RecurrenceRule's methods). */
export interface EmuRecurrence {
  addDailyRule(): EmuRule;
  addWeeklyRule(): EmuRule;
  addMonthlyRule(): EmuRule;
  addYearlyRule(): EmuRule;
  addDailyExclusion(): EmuRule;
  addWeeklyExclusion(): EmuRule;
  addMonthlyExclusion(): EmuRule;
  addYearlyExclusion(): EmuRule;
  addDate(date: Date): EmuRecurrence;
  addDateExclusion(date: Date): EmuRecurrence;
  setTimeZone(timeZone: string): EmuRecurrence;
}

export interface EmuRule extends EmuRecurrence {
  interval(n: number): EmuRule;
  times(n: number): EmuRule;
  until(endDate: Date): EmuRule;
  onlyInMonth(month: unknown): EmuRule;
  onlyInMonths(months: unknown[]): EmuRule;
  onlyOnMonthDay(day: number): EmuRule;
  onlyOnMonthDays(days: number[]): EmuRule;
  onlyOnWeekday(day: unknown): EmuRule;
  onlyOnWeekdays(days: unknown[]): EmuRule;
}

/** CalendarApp.newRecurrence(): the builder; `data` is what it has built. */
export function newRecurrence(timeZone: () => string, count: (m: string) => void) {
  const data: RecurrenceData = { rules: [], exclusions: [], dates: [], exDates: [] };
  const dayOf = (d: unknown, method: string) => {
    if (!isDate(d))
      throw new GasException(`The parameters (${typeof d}) don't match the method signature for ${method}.`);
    return zonedDateKey(d, timeZone());
  };
  // biome-ignore lint/suspicious/noExplicitAny: the builder's methods refer to each other
  const recurrence: any = {
    addDate(date: Date) {
      count('EventRecurrence.addDate');
      data.dates.push(dayOf(date, 'EventRecurrence.addDate'));
      return recurrence;
    },
    addDateExclusion(date: Date) {
      count('EventRecurrence.addDateExclusion');
      data.exDates.push(dayOf(date, 'EventRecurrence.addDateExclusion'));
      return recurrence;
    },
    setTimeZone(_tz: string) {
      count('EventRecurrence.setTimeZone');
      return recurrence;
    },
    __data: data,
  };
  const addRule = (freq: Frequency, exclusion: boolean) => {
    const rule: RuleData = { freq, interval: 1, count: null, until: null, months: [], monthDays: [], weekdays: [] };
    (exclusion ? data.exclusions : data.rules).push(rule);
    const c = (m: string) => count(`RecurrenceRule.${m}`);
    const r = Object.create(recurrence);
    Object.assign(r, {
      interval(n: number) {
        c('interval');
        const v = Number(n);
        if (!Number.isInteger(v) || v < 1) throw new GasException('Invalid argument: interval');
        rule.interval = v;
        return r;
      },
      times(n: number) {
        c('times');
        const v = Number(n);
        if (!Number.isInteger(v) || v < 1) throw new GasException('Invalid argument: times');
        rule.count = v;
        return r;
      },
      until(endDate: Date) {
        c('until');
        rule.until = dayOf(endDate, 'RecurrenceRule.until');
        return r;
      },
      onlyInMonth(m: unknown) {
        c('onlyInMonth');
        rule.months = [monthNumber(m)];
        return r;
      },
      onlyInMonths(ms: unknown[]) {
        c('onlyInMonths');
        rule.months = [...new Set([...ms].map(monthNumber))].sort((a, b) => a - b);
        return r;
      },
      onlyOnMonthDay(d: unknown) {
        c('onlyOnMonthDay');
        rule.monthDays = [monthDay(d)];
        return r;
      },
      onlyOnMonthDays(ds: unknown[]) {
        c('onlyOnMonthDays');
        rule.monthDays = [...ds].map(monthDay);
        return r;
      },
      onlyOnWeekday(d: unknown) {
        c('onlyOnWeekday');
        rule.weekdays = [weekdayNumber(d)];
        return r;
      },
      onlyOnWeekdays(ds: unknown[]) {
        c('onlyOnWeekdays');
        rule.weekdays = [...ds].map(weekdayNumber);
        return r;
      },
      onlyOnWeek: notModelled('onlyOnWeek'),
      onlyOnWeeks: notModelled('onlyOnWeeks'),
      onlyOnYearDay: notModelled('onlyOnYearDay'),
      onlyOnYearDays: notModelled('onlyOnYearDays'),
      weekStartsOn: notModelled('weekStartsOn'),
    });
    return r;
  };
  for (const [name, freq] of [
    ['Daily', 'DAILY'],
    ['Weekly', 'WEEKLY'],
    ['Monthly', 'MONTHLY'],
    ['Yearly', 'YEARLY'],
  ] as const) {
    recurrence[`add${name}Rule`] = () => {
      count(`EventRecurrence.add${name}Rule`);
      return addRule(freq, false);
    };
    recurrence[`add${name}Exclusion`] = () => {
      count(`EventRecurrence.add${name}Exclusion`);
      return addRule(freq, true);
    };
  }
  return recurrence as EmuRecurrence;
}

/** The data a builder built (refuses anything else: a script passed something that is no recurrence). */
export function recurrenceData(v: unknown, method: string): RecurrenceData {
  const data = (v as { __data?: RecurrenceData })?.__data;
  if (!data) throw new GasException(`The parameters (${typeof v}) don't match the method signature for ${method}.`);
  return structuredClone(data);
}

// ---------------------------------------------------------------------------------------------
// Expansion

const DAY = 86_400_000;
const toUtc = (k: string) => Date.UTC(+k.slice(0, 4), +k.slice(5, 7) - 1, +k.slice(8, 10));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const addDays = (k: string, n: number) => fromUtc(toUtc(k) + n * DAY);

function dayMatches(y: number, m: number, d: number, days: number[]): boolean {
  if (days.length === 0) return true;
  const dim = daysIn(y, m);
  return days.some((x) => (x > 0 ? x === d : dim + x + 1 === d));
}

/** The days of a rule from `start` (its first instance) up to `last`, in order. */
function ruleDates(rule: RuleData, start: string, last: string): string[] {
  const out: string[] = [start];
  const end = rule.until && rule.until < last ? rule.until : last;
  const sy = +start.slice(0, 4);
  const sm = +start.slice(5, 7);
  const sd = +start.slice(8, 10);
  const sw = new Date(toUtc(start)).getUTCDay();
  const push = (k: string) => {
    if (k > start && k <= end) out.push(k);
  };
  const limit = rule.count ?? Number.POSITIVE_INFINITY;
  const inMonth = (m: number) => rule.months.length === 0 || rule.months.includes(m);
  if (rule.freq === 'DAILY') {
    for (let k = addDays(start, rule.interval); k <= end && out.length < limit; k = addDays(k, rule.interval)) {
      const [y, m, d] = [+k.slice(0, 4), +k.slice(5, 7), +k.slice(8, 10)];
      const w = new Date(toUtc(k)).getUTCDay();
      if (
        inMonth(m) &&
        dayMatches(y, m, d, rule.monthDays) &&
        (rule.weekdays.length === 0 || rule.weekdays.includes(w))
      )
        push(k);
    }
  } else if (rule.freq === 'WEEKLY') {
    const days = rule.weekdays.length > 0 ? rule.weekdays : [sw];
    const weekStart = addDays(start, -((sw + 6) % 7)); // Monday, the RFC's default WKST
    for (let wk = weekStart; wk <= end && out.length < limit; wk = addDays(wk, 7 * rule.interval)) {
      for (let i = 0; i < 7 && out.length < limit; i++) {
        const k = addDays(wk, i);
        const w = new Date(toUtc(k)).getUTCDay();
        if (days.includes(w) && inMonth(+k.slice(5, 7))) push(k);
      }
    }
  } else {
    const step = rule.freq === 'MONTHLY' ? rule.interval : 12 * rule.interval;
    for (let i = 0; out.length < limit; i += step) {
      const y = sy + Math.floor((sm - 1 + i) / 12);
      if (`${y}` > end.slice(0, 4)) break;
      // MONTHLY walks months; YEARLY takes its BYMONTH months (the start's month when none).
      const months =
        rule.freq === 'MONTHLY'
          ? [((sm - 1 + i) % 12) + 1].filter(inMonth)
          : rule.months.length > 0
            ? rule.months
            : [sm];
      for (const m of months) {
        const dim = daysIn(y, m);
        const candidates: number[] = [];
        if (rule.weekdays.length > 0) {
          for (let d = 1; d <= dim; d++) {
            const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
            if (rule.weekdays.includes(w) && dayMatches(y, m, d, rule.monthDays)) candidates.push(d);
          }
        } else if (rule.monthDays.length > 0) {
          for (const x of rule.monthDays) {
            const d = x > 0 ? x : dim + x + 1;
            if (d >= 1 && d <= dim) candidates.push(d);
          }
        } else if (sd <= dim) candidates.push(sd);
        for (const d of [...new Set(candidates)].sort((a, b) => a - b)) {
          if (out.length >= limit) break;
          push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
        }
      }
    }
  }
  return out;
}

/** Every day a series starting on `start` falls on, up to `last` (inclusive), in order. */
export function expand(data: RecurrenceData, start: string, last: string): string[] {
  const days = new Set<string>();
  if (data.rules.length === 0) days.add(start);
  for (const r of data.rules) for (const k of ruleDates(r, start, last)) days.add(k);
  for (const k of data.dates) if (k <= last) days.add(k);
  for (const r of data.exclusions) for (const k of ruleDates(r, start, last).slice(1)) days.delete(k);
  for (const k of data.exDates) days.delete(k);
  return [...days].sort();
}

// ---------------------------------------------------------------------------------------------
// RFC 5545 text

const icsDate = (k: string) => k.replace(/-/g, '');

function rruleText(r: RuleData): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.count !== null) parts.push(`COUNT=${r.count}`);
  if (r.until !== null) parts.push(`UNTIL=${icsDate(r.until)}`);
  if (r.months.length > 0) parts.push(`BYMONTH=${r.months.join(',')}`);
  if (r.monthDays.length > 0) parts.push(`BYMONTHDAY=${r.monthDays.join(',')}`);
  if (r.weekdays.length > 0) parts.push(`BYDAY=${r.weekdays.map((w) => ICS_DAYS[w]).join(',')}`);
  return parts.join(';');
}

/** The content lines of an all-day series' recurrence (RRULE, EXRULE, RDATE, EXDATE). */
export function recurrenceLines(data: RecurrenceData): string[] {
  return [
    ...data.rules.map((r) => `RRULE:${rruleText(r)}`),
    ...data.exclusions.map((r) => `EXRULE:${rruleText(r)}`),
    ...(data.dates.length > 0 ? [`RDATE;VALUE=DATE:${data.dates.map(icsDate).join(',')}`] : []),
    ...(data.exDates.length > 0 ? [`EXDATE;VALUE=DATE:${data.exDates.map(icsDate).join(',')}`] : []),
  ];
}
