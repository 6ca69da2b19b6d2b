/** The library's schedule: the weekly rules from Settings and the Closed days sheet, read once. */
import { type ClosedRange, type Schedule, scheduleFrom } from '../domain/schedule';
import { dayOf } from './dates';
import type { Workbook } from './workbook';

export function readSchedule(wb: Workbook): Schedule {
  const closed: ClosedRange[] = [];
  const table = wb.table('schedule');
  if (table.has('from')) {
    for (const row of table.readAll().rows) {
      const from = dayOf(table.get(row, 'from'), wb.timeZone);
      const to = (table.has('to') ? dayOf(table.get(row, 'to'), wb.timeZone) : null) ?? from;
      if (from && to) closed.push(from <= to ? { from, to } : { from: to, to: from });
    }
  }
  return scheduleFrom(wb.settings, closed);
}
