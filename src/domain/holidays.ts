/**
 * Kazakhstan's public holidays and the school vacations, so the Closed days sheet is ready on day
 * one. Law No. 267 of 13.12.2001 "On holidays in the Republic of Kazakhstan": a holiday that falls on
 * a Saturday or Sunday moves to the next working day; 7 January and the first day of Kurban ait are
 * days off that do not move. The government also moves working days by decree each year, so the
 * result is a proposal the librarian checks, never a rule the code enforces. Pure: no Apps Script.
 */
import { addDays, type DayKey, dayKey, isoWeekday } from '../dates';

export type HolidayName =
  | 'newYear'
  | 'christmas'
  | 'womensDay'
  | 'constitutionDay'
  | 'nauryz'
  | 'unityDay'
  | 'defenderDay'
  | 'victoryDay'
  | 'capitalDay'
  | 'republicDay'
  | 'independenceDay'
  | 'kurbanAit';

export interface ClosedDay {
  day: DayKey;
  name: HolidayName;
  /** The holiday whose day off this is, when it moved off a weekend. */
  movedFrom?: DayKey;
}

/**
 * The first day of Kurban ait (10 Dhu al-Hijjah), announced each year by the Spiritual Administration
 * of Muslims of Kazakhstan; these are the expected dates, to be checked like every row.
 */
const KURBAN_AIT: Record<number, string> = {
  2024: '06-16',
  2025: '06-06',
  2026: '05-27',
  2027: '05-16',
  2028: '05-05',
  2029: '04-24',
  2030: '04-13',
};

/** Fixed-date holidays of a year, in calendar order: [month-day, name, moves off a weekend]. */
function fixedHolidays(year: number): Array<[string, HolidayName, boolean]> {
  const list: Array<[string, HolidayName, boolean]> = [
    ['01-01', 'newYear', true],
    ['01-02', 'newYear', true],
    ['01-07', 'christmas', false],
    ['03-08', 'womensDay', true],
    ['03-21', 'nauryz', true],
    ['03-22', 'nauryz', true],
    ['03-23', 'nauryz', true],
    ['05-01', 'unityDay', true],
    ['05-07', 'defenderDay', true],
    ['05-09', 'victoryDay', true],
    ['07-06', 'capitalDay', true],
    ['10-25', 'republicDay', true],
    ['12-16', 'independenceDay', true],
  ];
  // Constitution Day: 30 August (the 1995 Constitution) until 2025; the Constitution adopted by the
  // referendum of 15 March 2026 makes 15 March the holiday, kept from 2027 (2026 has neither).
  if (year <= 2025) list.push(['08-30', 'constitutionDay', true]);
  if (year >= 2027) list.push(['03-15', 'constitutionDay', true]);
  const kurban = KURBAN_AIT[year];
  if (kurban) list.push([kurban, 'kurbanAit', false]);
  return list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const isWeekend = (day: DayKey) => isoWeekday(day) >= 6;

/**
 * The days off for holidays in calendar year `year`: each holiday itself, and for one that falls on
 * a Saturday or Sunday a day off on the next working day that is not already off.
 */
export function publicHolidays(year: number): ClosedDay[] {
  const out: ClosedDay[] = [];
  const taken = new Set<DayKey>();
  const fixed = fixedHolidays(year).map(([md, name, moves]) => ({ day: `${year}-${md}`, name, moves }));
  for (const h of fixed) taken.add(h.day);
  for (const h of fixed) {
    out.push({ day: h.day, name: h.name });
    if (!h.moves || !isWeekend(h.day)) continue;
    let next = addDays(h.day, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    out.push({ day: next, name: h.name, movedFrom: h.day });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** School vacations by the Ministry's order for the school years the program knows. */
const VACATIONS: Record<number, Array<{ from: string; to: string; season: VacationSeason }>> = {
  // Order of the Minister of Enlightenment for 2025-2026 (school year 2 September 2025 - 25 May 2026).
  2025: [
    { from: '2025-10-27', to: '2025-11-02', season: 'autumn' },
    { from: '2025-12-29', to: '2026-01-07', season: 'winter' },
    { from: '2026-03-19', to: '2026-03-29', season: 'spring' },
  ],
};

export type VacationSeason = 'autumn' | 'winter' | 'spring';

/** A plan (school) year: 1 August of `startYear` to 31 July of the next. */
export interface PlanYear {
  startYear: number;
  from: DayKey;
  to: DayKey;
}

/** The plan year a day falls in: from August the coming school year is the one to prepare. */
export function planYearOf(day: DayKey): PlanYear {
  const y = Number(day.slice(0, 4));
  const startYear = Number(day.slice(5, 7)) >= 8 ? y : y - 1;
  return { startYear, from: dayKey(startYear, 8, 1), to: dayKey(startYear + 1, 7, 31) };
}

export interface ClosedDayProposal {
  from: DayKey;
  to: DayKey;
  kind: 'holiday' | 'vacation';
  name: HolidayName | VacationSeason;
  movedFrom?: DayKey;
}

/** What Setup proposes for a plan year: its holidays (moved ones included) and known vacations. */
export function closedDaysFor(year: PlanYear): { rows: ClosedDayProposal[]; vacationsKnown: boolean } {
  const holidays = [...publicHolidays(year.startYear), ...publicHolidays(year.startYear + 1)].filter(
    (h) => h.day >= year.from && h.day <= year.to,
  );
  const rows: ClosedDayProposal[] = holidays.map((h) => ({
    from: h.day,
    to: h.day,
    kind: 'holiday',
    name: h.name,
    ...(h.movedFrom ? { movedFrom: h.movedFrom } : {}),
  }));
  const vacations = VACATIONS[year.startYear] ?? [];
  for (const v of vacations) rows.push({ from: v.from, to: v.to, kind: 'vacation', name: v.season });
  rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { rows, vacationsKnown: vacations.length > 0 };
}
