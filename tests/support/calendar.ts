/**
 * Test support for the events calendar: a set-up library for the 2025-2026 plan year, the plan's
 * named-days table as the seed has it, and the library's calendar as the runtime holds it.
 */
import { readFileSync } from 'node:fs';
import type { Runtime, RuntimeOptions } from '../../emulator';
import type { CalendarData } from '../../emulator/calendar';
import { columnOf, libraryRuntime, rowsOf, sheetOf } from './library';

export const PLAN_NAMED_DAYS = readFileSync('tests/fixtures/calendar/plan-named-days.txt', 'utf8');
export const PLAN_READER_WORK = readFileSync('tests/fixtures/calendar/plan-reader-work.txt', 'utf8');

/** 26 November 2025, 10:00 in Almaty: inside the 2025-2026 plan year. */
export const PLAN_NOW = new Date('2025-11-26T10:00:00+05:00');

/** A setting as the librarian types it (the onEdit trigger drops the saved settings). */
export function setSetting(rt: Runtime, key: string, value: string): void {
  const rows = rowsOf(rt, 'settings');
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) throw new Error(`no setting ${key}`);
  rt.userEdit(sheetOf(rt, 'settings').getName(), i + 2, columnOf(rt, 'settings', 'value') + 1, [[value]]);
}

export function settingOf(rt: Runtime, key: string): unknown {
  return rowsOf(rt, 'settings').find((r) => r.key === key)?.value;
}

/** A library set up (Kazakh), named, its plan year 2025-2026. */
export function calendarLibrary(opts: RuntimeOptions = {}): Runtime {
  const rt = libraryRuntime({ now: PLAN_NOW, ...opts });
  rt.call('setUpWorkbook');
  setSetting(rt, 'libraryName', '№92 лицей кітапханасы');
  setSetting(rt, 'librarianEmail', 'library@lyceum92.kz');
  setSetting(rt, 'planYear', '2025-2026');
  return rt;
}

/** The library's own calendar (not the user's default one). */
export function libraryCalendar(rt: Runtime): CalendarData {
  const cals = rt.calendar.calendars().filter((c) => !c.primary);
  if (cals.length !== 1) throw new Error(`expected one library calendar, found ${cals.length}`);
  return cals[0];
}

/** The events of the library's calendar made from rows of a sheet (their key's prefix). */
export function eventsOf(rt: Runtime, prefix: 'EV' | 'DU' | 'CL') {
  return libraryCalendar(rt).events.filter((e) => (e.tags.libraryKey ?? '').startsWith(`${prefix}-`));
}

/** Calendar calls that change something (creating, setting, adding, removing, deleting). */
export function calendarWrites(rt: Runtime): Record<string, number> {
  const calls = rt.counters.snapshot().calls;
  return Object.fromEntries(
    Object.entries(calls).filter(
      ([name]) =>
        /^(Calendar|CalendarApp|CalendarEvent|CalendarEventSeries)\./.test(name) &&
        /\.(create|set|add|remove|delete|reset)/.test(name),
    ),
  );
}

/** Spreadsheet calls that write cells or formats. */
export function sheetWrites(rt: Runtime): Record<string, number> {
  return Object.fromEntries(
    Object.entries(rt.counters.spreadsheetCalls()).filter(([name]) => /\.(set|append|insert|delete|clear)/.test(name)),
  );
}

/** Runs the import dialog's server function as google.script.run would. */
export function importPlan(rt: Runtime, text: string): { ok: boolean; message: string } {
  return rt.call('calendarImportPlan', text) as { ok: boolean; message: string };
}
