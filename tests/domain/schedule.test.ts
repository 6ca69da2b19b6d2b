import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type DayKey, daysBetween, isLastDayOfMonth, isoWeekday } from '../../src/dates';
import {
  type ClosedRange,
  daysOverdue,
  dueDate,
  isClosed,
  type Kind,
  nextOpenDay,
  openDaysBetween,
  renewedDue,
  type Schedule,
  scheduleFrom,
} from '../../src/domain/schedule';
import { isLibraryError } from '../../src/errors';
import { ENUMS } from '../../src/schema';

/** Kazakhstan's public holidays (data the librarian lists on the "Closed days" sheet). */
const HOLIDAYS: Array<[string, string]> = [
  ['01-01', '01-02'],
  ['01-07', '01-07'],
  ['03-08', '03-08'],
  ['03-21', '03-23'],
  ['05-01', '05-01'],
  ['05-07', '05-07'],
  ['05-09', '05-09'],
  ['07-06', '07-06'],
  ['08-30', '08-30'],
  ['10-25', '10-25'],
  ['12-16', '12-16'],
];

function holidays(fromYear: number, toYear: number): ClosedRange[] {
  const ranges: ClosedRange[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (const [from, to] of HOLIDAYS) ranges.push({ from: `${y}-${from}`, to: `${y}-${to}` });
  }
  return ranges;
}

/** The lyceum: closed on Tuesday (methodical day), Saturday, Sunday and the last day of the month. */
const PLAN = { closedWeekdays: [2, 6, 7], lastDayClosed: true };
const lyceum = scheduleFrom(PLAN, holidays(2024, 2031));
const LOANS = {
  loanDays: { fiction: 14, reference: 7, methodical: 30, periodical: 7 },
  textbookDue: '05-25',
};

describe('due dates around closed days', () => {
  it('moves a due date on a Tuesday (methodical day) to Wednesday', () => {
    expect(isoWeekday('2026-11-17')).toBe(2);
    expect(nextOpenDay('2026-11-17', lyceum)).toBe('2026-11-18');
    const settings = { ...LOANS, loanDays: { ...LOANS.loanDays, fiction: 15 } };
    expect(dueDate('2026-11-02', 'fiction', settings, lyceum)).toBe('2026-11-18');
  });

  it('keeps a due date on an open day', () => {
    expect(dueDate('2026-11-04', 'fiction', LOANS, lyceum)).toBe('2026-11-18');
    expect(nextOpenDay('2026-11-18', lyceum)).toBe('2026-11-18');
  });

  it('moves a due date on the 31st (cleaning day) to the next open day', () => {
    expect(isClosed('2027-03-31', lyceum)).toBe(true); // a Wednesday
    expect(nextOpenDay('2027-03-31', lyceum)).toBe('2027-04-01');
    expect(dueDate('2027-03-17', 'fiction', LOANS, lyceum)).toBe('2027-04-01');
  });

  it('moves a due date on the 30th of a 30-day month, but not on the 30th of a 31-day month', () => {
    expect(isClosed('2026-09-30', lyceum)).toBe(true); // a Wednesday
    expect(nextOpenDay('2026-09-30', lyceum)).toBe('2026-10-01');
    expect(isClosed('2026-10-30', lyceum)).toBe(false); // a Friday, October has 31 days
    expect(nextOpenDay('2026-04-30', lyceum)).toBe('2026-05-04'); // then 1 May and a weekend
  });

  it('closes February 28 in a common year and February 29 in a leap year', () => {
    const cleaningOnly = scheduleFrom({ closedWeekdays: [], lastDayClosed: true }, []);
    expect(isClosed('2029-02-28', cleaningOnly)).toBe(true);
    expect(nextOpenDay('2029-02-28', cleaningOnly)).toBe('2029-03-01');
    expect(isClosed('2028-02-28', cleaningOnly)).toBe(false);
    expect(isClosed('2028-02-29', cleaningOnly)).toBe(true);
    expect(nextOpenDay('2028-02-28', cleaningOnly)).toBe('2028-02-28');
    expect(isClosed('2100-02-28', cleaningOnly)).toBe(true); // 2100 is not a leap year
    expect(isClosed('2000-02-28', cleaningOnly)).toBe(false); // 2000 is
  });

  it('keeps the library open on the last day of the month when lastDayClosed is off', () => {
    const s = scheduleFrom({ closedWeekdays: [2, 6, 7], lastDayClosed: false }, []);
    expect(isClosed('2027-03-31', s)).toBe(false);
  });

  it('moves a due date on a public holiday (Independence Day) to the next open day', () => {
    expect(isClosed('2026-12-16', lyceum)).toBe(true); // a Wednesday
    expect(dueDate('2026-12-02', 'fiction', LOANS, lyceum)).toBe('2026-12-17');
  });

  it('moves a due date past Nauryz, the weekend and the methodical day together', () => {
    // 2026: 21 March is a Saturday, 22 Sunday, 23 Monday (Nauryz), 24 Tuesday (methodical day).
    for (const day of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24'])
      expect(isClosed(day, lyceum)).toBe(true);
    expect(nextOpenDay('2026-03-21', lyceum)).toBe('2026-03-25');
    expect(dueDate('2026-03-09', 'fiction', LOANS, lyceum)).toBe('2026-03-25');
    // 2027: 21 Sunday, 22-23 Nauryz → Wednesday 24.
    expect(nextOpenDay('2027-03-20', lyceum)).toBe('2027-03-24');
  });

  it('moves a due date past the cleaning day, New Year and the weekend', () => {
    // 31 Dec 2026 (Thursday, last day), 1 Jan (Friday, holiday), 2 (holiday, Saturday), 3 (Sunday).
    expect(nextOpenDay('2026-12-31', lyceum)).toBe('2027-01-04');
    // 6 Jan 2026 is a Tuesday, 7 January (Orthodox Christmas) a Wednesday.
    expect(nextOpenDay('2026-01-06', lyceum)).toBe('2026-01-08');
  });

  it('moves a due date past a school vacation that runs into a weekend', () => {
    const winter = scheduleFrom(PLAN, [...holidays(2026, 2027), { from: '2026-12-30', to: '2027-01-08' }]);
    expect(nextOpenDay('2026-12-28', winter)).toBe('2026-12-28');
    expect(nextOpenDay('2026-12-29', winter)).toBe('2027-01-11');
    expect(dueDate('2026-12-23', 'reference', LOANS, winter)).toBe('2027-01-11');
  });

  it('accepts closed ranges in any order, overlapping, and with the end before the start', () => {
    const s = scheduleFrom({ closedWeekdays: [], lastDayClosed: false }, [
      { from: '2026-06-10', to: '2026-06-12' },
      { from: '2026-06-01', to: '2026-06-05' },
      { from: '2026-06-04', to: '2026-06-08' },
      { from: '2026-06-09', to: '2026-06-09' },
      { from: '2026-07-03', to: '2026-07-01' },
    ]);
    expect(s.closed).toEqual([
      { from: '2026-06-01', to: '2026-06-12' },
      { from: '2026-07-01', to: '2026-07-03' },
    ]);
    expect(nextOpenDay('2026-06-01', s)).toBe('2026-06-13');
    expect(isClosed('2026-07-02', s)).toBe(true);
  });

  it('refuses to look for an open day when the library never opens', () => {
    const never = scheduleFrom({ closedWeekdays: [1, 2, 3, 4, 5, 6, 7], lastDayClosed: true }, []);
    expect(() => nextOpenDay('2026-09-01', never)).toThrow(
      expect.objectContaining({ name: 'LibraryError', key: 'schedule.neverOpen' }),
    );
    const longClosure = scheduleFrom(PLAN, [{ from: '2026-01-01', to: '2027-12-31' }]);
    expect(() => dueDate('2026-03-02', 'fiction', LOANS, longClosure)).toThrow(
      expect.objectContaining({ key: 'schedule.neverOpen' }),
    );
  });

  it('refuses a day that is not a day key', () => {
    expect(() => isClosed('2026-02-30', lyceum)).toThrow();
    expect(() => nextOpenDay('26-1-1', lyceum)).toThrow();
  });
});

describe('textbooks', () => {
  it('are due at the end of this school year when issued in September', () => {
    expect(dueDate('2026-09-02', 'textbook', LOANS, lyceum)).toBe('2027-05-26'); // 25 May 2027 is a Tuesday
    expect(dueDate('2027-09-01', 'textbook', LOANS, lyceum)).toBe('2028-05-25'); // a Thursday
  });

  it('are due at the end of the next school year when issued in May or June', () => {
    expect(dueDate('2026-05-13', 'textbook', LOANS, lyceum)).toBe('2027-05-26');
    expect(dueDate('2026-06-10', 'textbook', LOANS, lyceum)).toBe('2027-05-26');
    expect(dueDate('2026-08-26', 'textbook', LOANS, lyceum)).toBe('2027-05-26');
  });

  it('are due this May when issued in January or April', () => {
    expect(dueDate('2027-01-14', 'textbook', LOANS, lyceum)).toBe('2027-05-26');
    expect(dueDate('2027-04-21', 'textbook', LOANS, lyceum)).toBe('2027-05-26'); // 34 days ahead
  });

  it('are due on February 28 in a common year when textbookDue is 02-29', () => {
    const open = scheduleFrom({ closedWeekdays: [], lastDayClosed: false }, []);
    const settings = { ...LOANS, textbookDue: '02-29' };
    expect(dueDate('2026-09-01', 'textbook', settings, open)).toBe('2027-02-28');
    expect(dueDate('2027-09-01', 'textbook', settings, open)).toBe('2028-02-29');
  });

  it('are renewed to the end of the school year from the day of renewal', () => {
    expect(renewedDue('2027-05-20', 'textbook', LOANS, lyceum)).toBe('2028-05-25');
    expect(renewedDue('2026-11-25', 'fiction', LOANS, lyceum)).toBe('2026-12-09');
  });
});

describe('days overdue', () => {
  it('counts calendar days, or open days only', () => {
    // Due Wednesday 18 Nov 2026; a week later: Thu, Fri, Mon, Wed are open.
    expect(daysOverdue('2026-11-18', '2026-11-25', lyceum, false)).toBe(7);
    expect(daysOverdue('2026-11-18', '2026-11-25', lyceum, true)).toBe(4);
    // 30 November is the cleaning day: Fri 27, Mon 30 (closed), Tue 1 (closed), Wed 2.
    expect(daysOverdue('2026-11-26', '2026-12-02', lyceum, false)).toBe(6);
    expect(daysOverdue('2026-11-26', '2026-12-02', lyceum, true)).toBe(2);
  });

  it('is 0 on the due day and before it', () => {
    for (const open of [false, true]) {
      expect(daysOverdue('2026-11-18', '2026-11-18', lyceum, open)).toBe(0);
      expect(daysOverdue('2026-11-18', '2026-11-02', lyceum, open)).toBe(0);
    }
  });

  it('counts open days between two days', () => {
    expect(openDaysBetween('2026-03-20', '2026-03-25', lyceum)).toBe(1); // only Wednesday 25
    expect(openDaysBetween('2026-03-25', '2026-03-20', lyceum)).toBe(0);
    expect(openDaysBetween('2026-09-01', '2027-05-25', lyceum)).toBe(
      naiveOpenDaysBetween('2026-09-01', '2027-05-25', PLAN, holidays(2024, 2031)),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, checked against a plain model built on src/dates.ts.

interface Raw {
  closedWeekdays: number[];
  lastDayClosed: boolean;
  closed: ClosedRange[];
}

function naiveIsClosed(day: DayKey, raw: Raw): boolean {
  return (
    raw.closedWeekdays.includes(isoWeekday(day)) ||
    (raw.lastDayClosed && isLastDayOfMonth(day)) ||
    raw.closed.some((r) => r.from <= day && day <= r.to)
  );
}

function naiveOpenDaysBetween(from: DayKey, to: DayKey, settings: Omit<Raw, 'closed'>, closed: ClosedRange[]): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!naiveIsClosed(d, { ...settings, closed })) n++;
  return n;
}

const BASE = '2024-01-01';
/** A day in 2024-2030. */
const dayArb = fc.integer({ min: 0, max: daysBetween(BASE, '2030-12-31') }).map((n) => addDays(BASE, n));
const rangeArb = fc
  .record({
    start: fc.integer({ min: -40, max: daysBetween(BASE, '2031-03-31') }),
    len: fc.integer({ min: 0, max: 14 }),
  })
  .map(({ start, len }) => ({ from: addDays(BASE, start), to: addDays(BASE, start + len) }));
/** Settings with at least one open weekday; ranges short enough that some day is open within 400 days. */
const rawArb: fc.Arbitrary<Raw> = fc.record({
  closedWeekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 6 }),
  lastDayClosed: fc.boolean(),
  closed: fc.array(rangeArb, { maxLength: 20 }),
});
const kindArb = fc.constantFrom<Kind>(...ENUMS.kind);
const loanSettingsArb = fc.record({
  loanDays: fc.record({
    fiction: fc.integer({ min: 0, max: 90 }),
    reference: fc.integer({ min: 0, max: 90 }),
    methodical: fc.integer({ min: 0, max: 90 }),
    periodical: fc.integer({ min: 0, max: 90 }),
  }),
  textbookDue: fc.integer({ min: 0, max: 365 }).map((n) => addDays('2028-01-01', n).slice(5)), // any MM-DD, 02-29 included
});
const fromRaw = (raw: Raw): Schedule => scheduleFrom(raw, raw.closed);

describe('schedule properties', () => {
  it('a due date is never a closed day', () => {
    fc.assert(
      fc.property(rawArb, dayArb, kindArb, loanSettingsArb, (raw, issued, kind, settings) => {
        const due = dueDate(issued, kind, settings, fromRaw(raw));
        expect(naiveIsClosed(due, raw)).toBe(false);
      }),
    );
  });

  it('a due date is never before the issue day (and a textbook is due at least 30 days later)', () => {
    fc.assert(
      fc.property(rawArb, dayArb, kindArb, loanSettingsArb, (raw, issued, kind, settings) => {
        const due = dueDate(issued, kind, settings, fromRaw(raw));
        expect(due >= issued).toBe(true);
        if (kind === 'textbook') expect(daysBetween(issued, due)).toBeGreaterThanOrEqual(30);
        else expect(daysBetween(issued, due)).toBeGreaterThanOrEqual(settings.loanDays[kind]);
      }),
    );
  });

  it('isClosed agrees with the plain model, also for a Schedule not made by scheduleFrom', () => {
    fc.assert(
      fc.property(rawArb, dayArb, (raw, day) => {
        expect(isClosed(day, fromRaw(raw))).toBe(naiveIsClosed(day, raw));
        expect(isClosed(day, { ...raw })).toBe(naiveIsClosed(day, raw));
      }),
    );
  });

  it('nextOpenDay is idempotent, never earlier, and the first open day', () => {
    fc.assert(
      fc.property(rawArb, dayArb, (raw, day) => {
        const s = fromRaw(raw);
        const open = nextOpenDay(day, s);
        expect(open >= day).toBe(true);
        expect(nextOpenDay(open, s)).toBe(open);
        expect(naiveIsClosed(open, raw)).toBe(false);
        for (let d = day; d < open; d = addDays(d, 1)) expect(naiveIsClosed(d, raw)).toBe(true);
      }),
    );
  });

  it('openDaysBetween is additive and agrees with the plain model', () => {
    fc.assert(
      fc.property(
        rawArb,
        dayArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (raw, a, x, y) => {
          const s = fromRaw(raw);
          const b = addDays(a, x);
          const c = addDays(b, y);
          expect(openDaysBetween(a, c, s)).toBe(openDaysBetween(a, b, s) + openDaysBetween(b, c, s));
          expect(openDaysBetween(a, c, s)).toBe(naiveOpenDaysBetween(a, c, raw, raw.closed));
          expect(openDaysBetween(c, a, s)).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('openDaysBetween agrees with the plain model over several years', () => {
    fc.assert(
      fc.property(rawArb, dayArb, fc.integer({ min: 0, max: 2500 }), (raw, a, x) => {
        const b = addDays(a, x);
        expect(openDaysBetween(a, b, fromRaw(raw))).toBe(naiveOpenDaysBetween(a, b, raw, raw.closed));
      }),
      { numRuns: 30 },
    );
  });

  it('days overdue: 0 unless late; open days never exceed calendar days', () => {
    fc.assert(
      fc.property(rawArb, dayArb, fc.integer({ min: -60, max: 120 }), (raw, due, late) => {
        const s = fromRaw(raw);
        const today = addDays(due, late);
        const calendar = daysOverdue(due, today, s, false);
        const open = daysOverdue(due, today, s, true);
        expect(calendar).toBe(Math.max(0, late));
        expect(open).toBeGreaterThanOrEqual(0);
        expect(open).toBeLessThanOrEqual(calendar);
        if (late > 0 && !naiveIsClosed(today, raw)) expect(open).toBeGreaterThan(0);
      }),
    );
  });

  it('throws LibraryError schedule.neverOpen when every weekday is closed', () => {
    fc.assert(
      fc.property(dayArb, fc.boolean(), (day, last) => {
        const s = scheduleFrom({ closedWeekdays: [7, 6, 5, 4, 3, 2, 1], lastDayClosed: last }, []);
        try {
          nextOpenDay(day, s);
          expect.unreachable();
        } catch (e) {
          expect(isLibraryError(e) && e.key).toBe('schedule.neverOpen');
        }
      }),
      { numRuns: 20 },
    );
  });
});
