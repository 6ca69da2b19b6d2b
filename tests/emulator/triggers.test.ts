import { describe, expect, it } from 'vitest';
import { createEnv, type Env, GasException } from '../../emulator/core';
import { createScriptApp, type TimeDrivenEvent, TOO_MANY_TRIGGERS } from '../../emulator/triggers';
import { formatDateIn } from '../../emulator/zoned-time';

function makeEnv(now: Date, timeZone = 'Asia/Almaty'): Env {
  return createEnv({ now, timeZone });
}
const local = (d: Date, tz = 'Asia/Almaty') => formatDateIn(d, tz, 'yyyy-MM-dd HH:mm EEE');

function run(env: Env, h: ReturnType<typeof createScriptApp>, until: string) {
  const calls: Array<{ name: string; at: string; kind: string; event: TimeDrivenEvent }> = [];
  h.fireDue(new Date(until), (name, event) => {
    calls.push({ name, at: local(env.clock.now()), kind: env.execution.kind, event });
  });
  return calls;
}

describe('ScriptApp triggers', () => {
  it('refuses the 21st trigger with "This script has too many triggers..." (ScriptApp trigger limit 20 / user / script)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const { ScriptApp } = createScriptApp(env);
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(
      new GasException(TOO_MANY_TRIGGERS),
    );
    expect(TOO_MANY_TRIGGERS).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    ScriptApp.newTrigger('f20').timeBased().everyHours(1).create();
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toContain('f20');
  });

  it("counts deleting a trigger and installing one for a spreadsheet as the script's own calls only (ScriptApp.deleteTrigger)", () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const { ScriptApp } = createScriptApp(env);
    const spreadsheet = { id: 'sheet-1', getId: () => 'sheet-1' };
    const hourly = ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    env.counters.reset();
    ScriptApp.deleteTrigger(hourly);
    const changes = ScriptApp.newTrigger('changed').forSpreadsheet(spreadsheet).onChange().create();
    expect(env.counters.snapshot().calls).toEqual({
      'ScriptApp.deleteTrigger': 1,
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.forSpreadsheet': 1,
      'SpreadsheetTriggerBuilder.onChange': 1,
      'SpreadsheetTriggerBuilder.create': 1,
    });
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['changed']);
    expect(changes.getTriggerSourceId()).toBe('sheet-1');
  });

  it('describes a trigger with the real enums (Trigger.getEventType/getTriggerSource/getHandlerFunction)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const { ScriptApp } = createScriptApp(env);
    const t = ScriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(2).create();
    expect(t.getHandlerFunction()).toBe('nightly');
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull();
    expect(String(t.getEventType())).toBe('CLOCK');
    expect(ScriptApp.getProjectTriggers()[0].getUniqueId()).toBe(t.getUniqueId());
    expect(env.counters.count('ScriptApp.newTrigger')).toBe(1);
  });

  it('fires onMonthDay(d).atHour(h) on day d of each month at h:00 in the script zone, in trigger context (ClockTriggerBuilder.onMonthDay)', () => {
    const env = makeEnv(new Date('2024-01-20T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('monthly').timeBased().onMonthDay(1).atHour(9).create();
    const calls = run(env, h, '2024-04-15T00:00:00Z');
    // Feb 1 is before the 2024-03-01 switch (+06), Mar 1 and Apr 1 after it (+05).
    expect(calls.map((c) => c.at)).toEqual(['2024-02-01 09:00 Thu', '2024-03-01 09:00 Fri', '2024-04-01 09:00 Mon']);
    expect(calls.every((c) => c.kind === 'trigger' && c.name === 'monthly')).toBe(true);
    expect(env.execution.kind).toBe('ui');
    expect(env.clock.now().toISOString()).toBe('2024-04-15T00:00:00.000Z');
  });

  it('passes the time-driven event object in UTC (Apps Script time-driven event: authMode, triggerUid, day-of-week...)', () => {
    const env = makeEnv(new Date('2024-01-20T06:00:00Z'));
    const h = createScriptApp(env);
    const t = h.ScriptApp.newTrigger('monthly').timeBased().onMonthDay(1).atHour(9).create();
    const [first] = run(env, h, '2024-02-02T00:00:00Z');
    expect(first.event).toEqual({
      authMode: h.ScriptApp.AuthMode.FULL,
      triggerUid: t.getUniqueId(),
      year: 2024,
      month: 2,
      'day-of-month': 1,
      'day-of-week': 4,
      hour: 3,
      minute: 0,
      second: 0,
      timezone: 'UTC',
      'week-of-year': 5,
    });
  });

  it('skips months that have no day d (onMonthDay(31): no run in April)', () => {
    const env = makeEnv(new Date('2024-03-20T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('eom').timeBased().onMonthDay(31).atHour(23).nearMinute(30).create();
    expect(run(env, h, '2024-06-01T00:00:00Z').map((c) => c.at)).toEqual([
      '2024-03-31 23:30 Sun',
      '2024-05-31 23:30 Fri',
    ]);
  });

  it('fires everyDays(n).atHour(h) every n days at h:00 starting with the first such time after creation (ClockTriggerBuilder.everyDays)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z')); // 11:00 in Almaty
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).create();
    h.ScriptApp.newTrigger('noon2').timeBased().everyDays(2).atHour(12).create();
    const calls = run(env, h, '2024-05-13T12:00:00Z');
    expect(calls.map((c) => `${c.name} ${c.at}`)).toEqual([
      'noon2 2024-05-10 12:00 Fri',
      'daily 2024-05-11 07:00 Sat',
      'daily 2024-05-12 07:00 Sun',
      'noon2 2024-05-12 12:00 Sun',
      'daily 2024-05-13 07:00 Mon',
    ]);
  });

  it('fires onWeekDay(w).atHour(h) weekly (ClockTriggerBuilder.onWeekDay with ScriptApp.WeekDay)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('weekly').timeBased().onWeekDay(h.ScriptApp.WeekDay.MONDAY).atHour(8).create();
    h.ScriptApp.newTrigger('fortnight')
      .timeBased()
      .everyWeeks(2)
      .onWeekDay(h.ScriptApp.WeekDay.SATURDAY)
      .atHour(10)
      .create();
    expect(run(env, h, '2024-05-28T00:00:00Z').map((c) => `${c.name} ${c.at}`)).toEqual([
      'fortnight 2024-05-11 10:00 Sat',
      'weekly 2024-05-13 08:00 Mon',
      'weekly 2024-05-20 08:00 Mon',
      'fortnight 2024-05-25 10:00 Sat',
      'weekly 2024-05-27 08:00 Mon',
    ]);
  });

  it('fires everyHours(n) and everyMinutes(n) on wall-clock boundaries (ClockTriggerBuilder.everyHours/everyMinutes)', () => {
    const env = makeEnv(new Date('2024-05-10T06:10:00Z')); // 11:10 Almaty
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('six').timeBased().everyHours(6).create();
    h.ScriptApp.newTrigger('quarter').timeBased().everyMinutes(15).create();
    const calls = run(env, h, '2024-05-10T07:31:00Z');
    expect(calls.map((c) => `${c.name} ${c.at.slice(11, 16)}`)).toEqual([
      'quarter 11:15',
      'quarter 11:30',
      'quarter 11:45',
      'six 12:00',
      'quarter 12:00',
      'quarter 12:15',
      'quarter 12:30',
    ]);
    expect(() => h.ScriptApp.newTrigger('x').timeBased().everyMinutes(7)).toThrow(GasException);
    expect(() => h.ScriptApp.newTrigger('x').timeBased().everyHours(3)).toThrow(GasException);
  });

  it('computes wall-clock times in inTimezone(tz) when given (ClockTriggerBuilder.inTimezone)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('ny').timeBased().everyDays(1).atHour(9).inTimezone('America/New_York').create();
    const calls = run(env, h, '2024-05-11T00:00:00Z');
    // 09:00 in New York (EDT, UTC-4) is 13:00 UTC, 18:00 in Almaty.
    expect(calls.map((c) => c.at)).toEqual(['2024-05-10 18:00 Fri']);
  });

  it('runs at(date) and after(ms) once; the spent trigger stays listed until deleted (one-off clock triggers)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('once').timeBased().at(new Date('2024-05-10T08:00:00Z')).create();
    const soon = h.ScriptApp.newTrigger('soon')
      .timeBased()
      .after(10 * 60_000)
      .create();
    expect(h.nextRun(soon)?.toISOString()).toBe('2024-05-10T06:10:00.000Z');
    const calls = run(env, h, '2024-05-12T00:00:00Z');
    expect(calls.map((c) => `${c.name} ${c.at}`)).toEqual(['soon 2024-05-10 11:10 Fri', 'once 2024-05-10 13:00 Fri']);
    expect(h.ScriptApp.getProjectTriggers()).toHaveLength(2);
    expect(h.nextRun(soon)).toBeNull();
    expect(run(env, h, '2024-05-20T00:00:00Z')).toEqual([]);
  });

  it('reports the next run for the playground (handle nextRun)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    const t = h.ScriptApp.newTrigger('monthly').timeBased().onMonthDay(15).atHour(9).create();
    expect(local(h.nextRun(t)!)).toBe('2024-05-15 09:00 Wed');
    expect(local(h.nextRun(t, new Date('2024-05-15T05:00:00Z'))!)).toBe('2024-06-15 09:00 Sat');
  });

  it('records spreadsheet triggers with their source id (TriggerBuilder.forSpreadsheet, ScriptApp.getUserTriggers)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    const ss = { getId: () => 'sheet-123' };
    const t = h.ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
    h.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    expect(t.getEventType()).toBe(h.ScriptApp.EventType.ON_EDIT);
    expect(t.getTriggerSource()).toBe(h.ScriptApp.TriggerSource.SPREADSHEETS);
    expect(t.getTriggerSourceId()).toBe('sheet-123');
    expect(h.ScriptApp.getUserTriggers(ss).map((x) => x.getHandlerFunction())).toEqual(['onEditInstalled']);
    expect(h.spreadsheetTriggers('ON_EDIT').map((x) => x.handler)).toEqual(['onEditInstalled']);
    expect(run(env, h, '2024-05-10T06:30:00Z')).toEqual([]);
  });

  it('keeps firing other runs when a handler throws, and reports the error (trigger failures)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const h = createScriptApp(env);
    h.ScriptApp.newTrigger('boom').timeBased().everyHours(1).create();
    const fired = h.fireDue(new Date('2024-05-10T08:30:00Z'), () => {
      throw new Error('bad');
    });
    expect(fired).toHaveLength(2);
    expect(fired.every((f) => (f.error as Error).message === 'bad')).toBe(true);
  });

  it('returns a script id and a fake OAuth token (ScriptApp.getScriptId/getOAuthToken)', () => {
    const h = createScriptApp(makeEnv(new Date()));
    expect(h.ScriptApp.getScriptId()).toMatch(/^1/);
    expect(h.ScriptApp.getOAuthToken()).toMatch(/^ya29\./);
  });
});

describe('saved triggers (the playground keeps them across a restart)', () => {
  it('restore puts triggers back; they fire, and a new trigger gets a new id', () => {
    const before = createScriptApp(makeEnv(new Date('2026-11-25T10:00:00+05:00')));
    const kept = before.ScriptApp.newTrigger('monthlyDebtorsTrigger').timeBased().onMonthDay(1).atHour(9).create();
    const saved = JSON.parse(JSON.stringify(before.list()));
    const after = createScriptApp(makeEnv(new Date('2026-11-25T10:00:00+05:00')));
    after.restore(saved);
    expect(after.ScriptApp.getProjectTriggers().map((t) => t.getUniqueId())).toEqual([kept.getUniqueId()]);
    const fresh = after.ScriptApp.newTrigger('other').timeBased().everyDays(1).atHour(8).create();
    expect(fresh.getUniqueId()).not.toBe(kept.getUniqueId());
    const runs = after.fireDue(new Date('2026-12-01T12:00:00+05:00'), () => {});
    expect(runs.map((r) => r.functionName)).toContain('monthlyDebtorsTrigger');
  });
});
