/**
 * A setting the library cannot use as written is read as its default (or, for a list, as what can be
 * read of it): `settingUsable` says which those are, for "Check the workbook" to list them. The two
 * must agree: a value called usable is the value the library goes by.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSettings, SETTING_DEFAULTS, type Settings, settingUsable } from '../../src/settings';

const DEFAULTS = new Map(SETTING_DEFAULTS.map((d) => [d.key, d.value]));
const read = (key: string, text: string) => parseSettings(new Map([[key, text]]));

/** Whole-number settings: where the parsed value lands, and its range. */
const WHOLE: Array<[key: string, of: (s: Settings) => number, lo: number, hi: number]> = [
  ['monthlyEmailDay', (s) => s.mail.monthlyDay, 1, 28],
  ['quarterlyEmailDay', (s) => s.mail.quarterlyDay, 1, 28],
  ['monthlyReportDay', (s) => s.reports.day, 1, 28],
  ['calendarReminderHour', (s) => s.calendar.reminderHour, 0, 23],
  ['anniversaryMinYears', (s) => s.calendar.anniversaryMinYears, 5, 1000],
  ['maxGrade', (s) => s.rollover.maxGrade, 1, 13],
  ['archiveAfterYears', (s) => s.rollover.archiveAfterYears, 1, 50],
];
const HOURS: Array<[key: string, of: (s: Settings) => number]> = [
  ['monthlyEmailHour', (s) => s.mail.monthlyHour],
  ['quarterlyEmailHour', (s) => s.mail.quarterlyHour],
  ['monthlyReportHour', (s) => s.reports.hour],
];

describe('settings the library cannot use as written', () => {
  it('a whole number is used exactly when it is usable; otherwise the default is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WHOLE), fc.integer({ min: -5, max: 1100 }), ([key, of, lo, hi], n) => {
        const usable = settingUsable(key, String(n));
        expect(usable).toBe(n >= lo && n <= hi);
        expect(of(read(key, String(n)))).toBe(usable ? n : Number(DEFAULTS.get(key)));
      }),
    );
  });

  it('an hour outside 0-23 or not a whole number takes the setting’s own default', () => {
    for (const [key, of] of HOURS) {
      for (const text of ['24', '-1', '9.5', 'тоғыз'])
        expect([settingUsable(key, text), of(read(key, text))], `${key} ${text}`).toEqual([
          false,
          Number(DEFAULTS.get(key)),
        ]);
      // 0 and 23 are usable: the trigger runs at 1:00 and 22:00 (an hour off the day's edge).
      expect([settingUsable(key, '0'), of(read(key, '0'))]).toEqual([true, 1]);
      expect([settingUsable(key, '23'), of(read(key, '23'))]).toEqual([true, 22]);
    }
  });

  it('a list of days is usable only when every day is in 0-28 and there are at most five', () => {
    expect(settingUsable('calendarReminderDays', '7, 1')).toBe(true);
    expect(settingUsable('calendarReminderDays', '')).toBe(true);
    expect(settingUsable('calendarReminderDays', '7,1,40')).toBe(false);
    expect(read('calendarReminderDays', '7,1,40').calendar.reminderDays).toEqual([7, 1]);
    expect(settingUsable('dutyReminderDays', '1,2,3,4,5,6')).toBe(false);
    expect(read('dutyReminderDays', '1,2,3,4,5,6').calendar.dutyReminderDays).toEqual([6, 5, 4, 3, 2]);
    expect(settingUsable('closedWeekdays', '2,6,8')).toBe(false);
    expect(read('closedWeekdays', '2,6,8').closedWeekdays).toEqual([2, 6]);
    expect(settingUsable('quarterlyEmailMonths', '11,1,13')).toBe(false);
  });

  it('words, dates and codes: usable when the library reads them as written', () => {
    const cases: Array<[string, string, boolean]> = [
      ['language', 'RU', true],
      ['language', 'kz', false],
      ['lastDayClosed', 'иә', true],
      ['lastDayClosed', 'maybe', false],
      ['textbookDue', '25.05', true],
      ['textbookDue', '31.02', false],
      ['loanDays.fiction', '21', true],
      ['loanDays.fiction', 'екі апта', false],
      ['planYear', '2025-2026', true],
      ['planYear', '2025-2027', false],
      ['libraryName', '=анық емес', true],
    ];
    for (const [key, text, usable] of cases) expect(settingUsable(key, text), `${key} ${text}`).toBe(usable);
    // What cannot be read falls back to the default.
    expect(read('language', 'kz').language).toBe('kk');
    expect(read('textbookDue', '31.02').textbookDue).toBe('05-25');
    expect(read('loanDays.fiction', 'екі апта').loanDays.fiction).toBe(14);
  });

  it('the defaults themselves are all usable', () => {
    for (const { key, value } of SETTING_DEFAULTS) expect(settingUsable(key, value), key).toBe(true);
  });
});
