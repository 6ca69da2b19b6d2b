/**
 * The sync against Google's limits, on the built bundle in the runtime: a burst refusal, an execution
 * killed at the 6-minute limit between creating an event and tagging it, a slow calendar that makes
 * the sync stop itself before the limit, the day's quota. Each resumes with its follow-up trigger and
 * ends with every row's event made exactly once. The weekly trigger syncs without a UI, and reports
 * an error by the Log and an email.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import {
  calendarLibrary,
  eventsOf,
  importPlan,
  libraryCalendar,
  PLAN_NAMED_DAYS,
  setSetting,
} from '../support/calendar';
import { lastAlert, rowsOf } from '../support/library';

/** 22 events (the seed's table, its two slips accepted) and the 8 duties Setup put on the Duties sheet. */
function planned(): Runtime {
  const rt = calendarLibrary();
  importPlan(rt, PLAN_NAMED_DAYS);
  rt.call('calendarAcceptSuggestions');
  expect(rowsOf(rt, 'duties')).toHaveLength(8);
  return rt;
}

const followUps = (rt: Runtime) => rt.triggers.list().filter((x) => x.handler === 'calendarFollowUpTrigger');
const synced = (rt: Runtime, sheet: 'events' | 'duties') =>
  rowsOf(rt, sheet).filter((r) => r.sync === t('kk', 'enum.syncState.synced')).length;

/** Every row's event exactly once: one event per key, and the row names it. */
function expectEachOnce(rt: Runtime): void {
  const events = [...eventsOf(rt, 'EV'), ...eventsOf(rt, 'DU')];
  const keys = events.map((e) => e.tags.libraryKey);
  expect(new Set(keys).size).toBe(keys.length);
  expect(events).toHaveLength(30);
  for (const r of [...rowsOf(rt, 'events'), ...rowsOf(rt, 'duties')]) {
    expect(r.sync, String(r.title ?? r.duty)).toBe(t('kk', 'enum.syncState.synced'));
    expect(events.find((e) => e.id === r.calendarId)?.tags.libraryKey).toBe(r.key);
  }
  expect(followUps(rt)).toEqual([]);
}

/** Fires the triggers that fall due, a day at a time, until no follow-up is left (at most `days`). */
function resume(rt: Runtime, days = 1): ReturnType<Runtime['fireTriggers']> {
  const runs: ReturnType<Runtime['fireTriggers']> = [];
  for (let i = 0; i < days && followUps(rt).length > 0; i++) {
    runs.push(...rt.fireTriggers(new Date(rt.clock.nowMillis() + 86_400_000)));
  }
  return runs;
}

describe('the sync against Google Calendar limits', () => {
  it('stops on the burst error, leaves the rest waiting, and its follow-ups finish without duplicates', () => {
    const rt = planned();
    rt.calendar.setBurstLimit(8, 60_000);
    rt.call('calendarSyncNow');
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.reason.burst'));
    const waiting = rowsOf(rt, 'events').filter((r) => r.sync === t('kk', 'enum.syncState.waiting'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(String(waiting[0].syncNote)).toMatch(/^Күтуде: Google баяулатуды сұрады/);
    expect(followUps(rt)).toHaveLength(1);
    const runs = resume(rt);
    expect(runs.every((r) => r.error === undefined)).toBe(true);
    expect(runs.length).toBeGreaterThan(1);
    expectEachOnce(rt);
  });

  it('resumes an execution killed at the time limit right after creating an event, adopting that event instead of making it twice', () => {
    const rt = planned();
    // The 6th event is made; the next call (its tag) is refused, as Apps Script refuses every call
    // of an execution past its limit.
    rt.stopExecutionAfter(6, 'Calendar.createAllDayEvent');
    expect(() => rt.call('calendarSyncNow')).toThrow('Exceeded maximum execution time');
    expect(rt.stopped.map((s) => s.refused)).toEqual(['CalendarEvent.setTag']);
    const untagged = libraryCalendar(rt).events.filter((e) => !e.tags.libraryKey);
    expect(untagged).toHaveLength(1);
    expect(followUps(rt)).toHaveLength(1);
    const runs = resume(rt);
    expect(runs.map((r) => [r.functionName, r.error])).toEqual([['calendarFollowUpTrigger', undefined]]);
    expectEachOnce(rt);
    // The event made by the killed run is the one its row names now, tagged and with its reminders.
    const adopted = libraryCalendar(rt).events.find((e) => e.id === untagged[0].id);
    expect(adopted?.tags.libraryKey).toMatch(/^(EV|DU)-/);
    expect(adopted?.popupReminders.length).toBeGreaterThan(0);
  });

  it('stops itself before the 6-minute limit when Google is slow, and goes on with follow-ups', () => {
    const rt = planned();
    rt.calendar.setLatency(4_000);
    const start = rt.clock.nowMillis();
    rt.call('calendarSyncNow');
    const ran = rt.clock.nowMillis() - start;
    expect(ran).toBeGreaterThan(270_000);
    expect(ran).toBeLessThan(360_000);
    expect(rt.timedOut).toEqual([]);
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.reason.time'));
    const first = synced(rt, 'events') + synced(rt, 'duties');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(30);
    const runs = resume(rt);
    expect(runs.every((r) => r.error === undefined)).toBe(true);
    expect(rt.timedOut).toEqual([]);
    expectEachOnce(rt);
  });

  it('waits for the next day when the daily quota of new events is spent', () => {
    const rt = planned();
    rt.calendar.setEventQuota(12);
    rt.call('calendarSyncNow');
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.reason.quota'));
    expect(rt.calendar.eventsCreatedToday()).toBe(12);
    const next = rt.triggers.nextRun(followUps(rt)[0].id);
    expect((next?.getTime() ?? 0) - rt.clock.nowMillis()).toBeGreaterThan(24 * 3_600_000);
    resume(rt, 4);
    expectEachOnce(rt);
  });
});

describe('the weekly sync', () => {
  it('runs on Monday without a UI and takes in what changed on the sheets', () => {
    const rt = planned();
    rt.call('calendarSyncNow');
    const weekly = rt.triggers.list().filter((x) => x.handler === 'calendarWeeklyTrigger');
    expect(weekly).toHaveLength(1);
    // Sync now again: still one weekly trigger.
    rt.call('calendarSyncNow');
    expect(rt.triggers.list().filter((x) => x.handler === 'calendarWeeklyTrigger')).toHaveLength(1);
    rt.call('calendarFindAnniversaries');
    importPlan(rt, '1 | Кітап апталығы | 08.12.25 | Кітапханашы');
    const runs = rt.fireTriggers(new Date('2025-12-01T08:00:00+05:00'));
    expect(runs.map((r) => [r.functionName, r.error])).toEqual([['calendarWeeklyTrigger', undefined]]);
    expect(eventsOf(rt, 'EV').map((e) => e.title)).toContain('Кітап апталығы');
  });

  it('reports an error of a trigger run by the Log and an email, never by a dialog', () => {
    const rt = planned();
    rt.call('calendarSyncNow');
    setSetting(rt, 'calendarId', 'nobody@group.calendar.google.com');
    const dialogs = rt.ui.log.length;
    const runs = rt.fireTriggers(new Date('2025-12-01T08:00:00+05:00'));
    expect(runs.map((r) => r.error)).toEqual([undefined]);
    expect(rt.ui.log.length).toBe(dialogs);
    const log = rowsOf(rt, 'log').at(-1);
    expect(String(log?.details)).toContain('nobody@group.calendar.google.com');
    const mail = rt.mail.outbox.at(-1);
    expect(mail?.to).toEqual(['library@lyceum92.kz']);
    expect(mail?.body).toContain(t('kk', 'calendar.task.weekly'));
  });
});
