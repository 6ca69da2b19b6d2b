/**
 * Dates in cells: Sheets holds a date as midnight in the spreadsheet's time zone, and the library
 * converts only at that boundary (src/sheets/dates.ts). Almaty kept its local mean time (+05:07:48)
 * until 1924, which the persons of the plan's anniversaries (born in the 1800s) meet.
 */
import { dateFor, dayOf } from '../sheets/dates';
import type { Case } from './types';

const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const ALMATY = 'Asia/Almaty';

export const DATE_CASES: Case[] = [
  {
    id: 'timeZones',
    where: 'execution',
    expected: { spreadsheet: ALMATY, script: ALMATY },
    run(ctx) {
      return { spreadsheet: ctx.ss.getSpreadsheetTimeZone(), script: Session.getScriptTimeZone() };
    },
  },
  {
    id: 'dateTextMidnight',
    where: 'execution',
    expected: { isDate: true, wallClock: '2026-01-15 00:00:00' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setValue('2026-01-15');
      const v = cell.getValue();
      const isDate = Object.prototype.toString.call(v) === '[object Date]';
      return {
        isDate,
        wallClock: isDate ? Utilities.formatDate(v as Date, ctx.timeZone, 'yyyy-MM-dd HH:mm:ss') : String(v),
      };
    },
  },
  {
    id: 'dayRoundTrip',
    where: 'execution',
    expected: { days: ['2026-01-31', '2026-03-31'], shown: ['2026-01-31 00:00:00', '2026-03-31 23:59:59'] },
    run(ctx) {
      const range = ctx.newSheet().getRange(1, 1, 1, 2);
      range.setNumberFormat(DATE_TIME_FORMAT);
      // A month's last day at midnight, and the last second before midnight on another month end.
      const lastSecond = new Date(dateFor('2026-04-01', ctx.timeZone).getTime() - 1000);
      range.setValues([[dateFor('2026-01-31', ctx.timeZone), lastSecond]]);
      return {
        days: range.getValues()[0].map((v) => dayOf(v, ctx.timeZone)),
        shown: range.getDisplayValues()[0],
      };
    },
  },
  {
    id: 'lmtDateText',
    where: 'execution',
    expected: { instant: '1845-08-09T18:52:12.000Z', wallClock: '1845-08-10 00:00:00' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setValue('1845-08-10');
      const v = cell.getValue() as Date;
      return { instant: v.toISOString(), wallClock: Utilities.formatDate(v, ctx.timeZone, 'yyyy-MM-dd HH:mm:ss') };
    },
  },
  {
    id: 'lmtDayRoundTrip',
    where: 'execution',
    expected: { day: '1845-08-10', shown: '1845-08-10 00:00:00' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setNumberFormat(DATE_TIME_FORMAT);
      cell.setValue(dateFor('1845-08-10', ctx.timeZone));
      return { day: dayOf(cell.getValue(), ctx.timeZone), shown: cell.getDisplayValue() };
    },
  },
  {
    id: 'lmtOffsetFormat',
    where: 'execution',
    expected: '1845-08-10 00:00:00 +0507',
    run() {
      return Utilities.formatDate(new Date('1845-08-09T18:52:12Z'), ALMATY, 'yyyy-MM-dd HH:mm:ss Z');
    },
  },
];
