/**
 * The holidays Setup proposes, checked against an independent source: the date-holidays package's
 * data for Kazakhstan. Where the two disagree, the test names the day and the reason; any other
 * difference fails.
 */
import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../src/dates';
import { closedDaysFor, planYearOf, publicHolidays } from '../../src/domain/holidays';

/** Days off by date-holidays (holidays and their substitute days). */
function independent(year: number): string[] {
  const h = new Holidays('KZ');
  return [...new Set(h.getHolidays(year).map((x) => x.date.slice(0, 10)))].sort();
}

const ours = (year: number) => [...new Set(publicHolidays(year).map((d) => d.day))].sort();

/**
 * Known, explained differences: [day, present in ours, present in date-holidays, why].
 * - date-holidays moves a weekend Nauryz day to "next Monday/Tuesday" even when that day is itself
 *   Nauryz; the law moves it to the next working day that is not a holiday.
 * - date-holidays keeps Constitution Day on 15 March from 2026; the Ministry of Labour said 30 August
 *   is no longer a holiday from 2026 and 15 March is kept from 2027 (the referendum day itself,
 *   15.03.2026, was a Sunday with no day off).
 */
const EXPLAINED: Array<[string, boolean, boolean, string]> = [
  ['2026-03-15', false, true, 'Constitution Day kept from 2027, not 2026'],
  ['2026-03-16', false, true, 'Constitution Day kept from 2027, not 2026'],
  ['2026-03-25', true, false, 'Nauryz: Sunday 22.03 moves past Monday 23.03 (Nauryz) and Tuesday 24.03'],
  ['2027-03-24', true, false, 'Nauryz: Sunday 21.03 moves past 22-23.03 (Nauryz) to Wednesday 24.03'],
];

describe('public holidays of Kazakhstan (Law No. 267), against date-holidays', () => {
  it.each([2024, 2025, 2026, 2027, 2028])('%i: the same days off, but for the explained ones', (year) => {
    const a = new Set(ours(year));
    const b = new Set(independent(year));
    const unexplained: string[] = [];
    for (const d of new Set([...a, ...b])) {
      const known = EXPLAINED.find(([day]) => day === d);
      if (known) {
        expect(a.has(d), `${d}: ${known[3]}`).toBe(known[1]);
        expect(b.has(d), `${d}: ${known[3]}`).toBe(known[2]);
      } else if (a.has(d) !== b.has(d)) {
        unexplained.push(`${d} ${a.has(d) ? 'only ours' : 'only date-holidays'}`);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('moves 2025 weekend holidays as the government did: 8 March to 10 March, Nauryz to 24-25 March', () => {
    const moved = publicHolidays(2025).filter((d) => d.movedFrom);
    expect(moved.map((d) => `${d.movedFrom}→${d.day}`)).toEqual([
      '2025-03-08→2025-03-10',
      '2025-03-22→2025-03-24',
      '2025-03-23→2025-03-25',
      '2025-07-06→2025-07-07',
      '2025-08-30→2025-09-01',
      '2025-10-25→2025-10-27',
    ]);
  });

  it('never moves 7 January or Kurban ait (27 May 2026)', () => {
    const days = publicHolidays(2026);
    expect(days.filter((d) => d.name === 'kurbanAit')).toEqual([{ day: '2026-05-27', name: 'kurbanAit' }]);
    expect(days.filter((d) => d.name === 'christmas')).toEqual([{ day: '2026-01-07', name: 'christmas' }]);
  });

  it('a moved day off is always a working day that was not already off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2024, max: 2030 }), (year) => {
        const days = publicHolidays(year);
        const seen = new Set<string>();
        for (const d of days) {
          expect(seen.has(d.day)).toBe(false);
          seen.add(d.day);
          if (d.movedFrom) {
            expect(isoWeekday(d.day)).toBeLessThan(6);
            expect(d.day > d.movedFrom).toBe(true);
            // Every day between the holiday and its day off is a weekend or another day off.
            for (let x = addDays(d.movedFrom, 1); x < d.day; x = addDays(x, 1)) {
              expect(isoWeekday(x) >= 6 || days.some((o) => o.day === x)).toBe(true);
            }
          }
        }
      }),
    );
  });
});

describe('the closed days Setup proposes for a plan year', () => {
  it('2025-2026: the holidays from August to July and the three vacations of the Ministry order', () => {
    const { rows, vacationsKnown } = closedDaysFor(planYearOf('2025-09-15'));
    expect(vacationsKnown).toBe(true);
    expect(rows.filter((r) => r.kind === 'vacation').map((r) => `${r.from}..${r.to}`)).toEqual([
      '2025-10-27..2025-11-02',
      '2025-12-29..2026-01-07',
      '2026-03-19..2026-03-29',
    ]);
    const holidays = rows.filter((r) => r.kind === 'holiday').map((r) => r.from);
    expect(holidays[0]).toBe('2025-08-30');
    expect(holidays).toContain('2026-05-27');
    expect(holidays).not.toContain('2025-07-06');
    expect(holidays.every((d) => d >= '2025-08-01' && d <= '2026-07-31')).toBe(true);
  });

  it('a plan year starts in August: 31 July belongs to the year before', () => {
    expect(planYearOf('2026-07-31').startYear).toBe(2025);
    expect(planYearOf('2026-08-01').startYear).toBe(2026);
    expect(planYearOf('2026-12-01')).toEqual({ startYear: 2026, from: '2026-08-01', to: '2027-07-31' });
  });

  it('says when the vacations of a year are not known yet (2026-2027)', () => {
    const { rows, vacationsKnown } = closedDaysFor(planYearOf('2026-12-01'));
    expect(vacationsKnown).toBe(false);
    expect(rows.some((r) => r.kind === 'vacation')).toBe(false);
    expect(rows.map((r) => r.from)).toContain('2026-12-16');
  });
});
