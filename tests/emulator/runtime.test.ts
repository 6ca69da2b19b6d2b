import { describe, expect, it } from 'vitest';
import { createRuntime, EXECUTION_TIME_ERROR } from '../../emulator/index';

const BUNDLE = 'tests/fixtures/tiny-bundle/Code.js';

describe('createRuntime / runtime.load (gas-local)', () => {
  it('loads the bundle and exposes its top-level functions; onOpen builds the menu (SpreadsheetApp.getUi().createMenu)', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    const ctx = rt.load(BUNDLE);
    expect(typeof ctx.onOpen).toBe('function');
    rt.call('onOpen');
    expect(rt.ui.menus).toEqual([
      {
        caption: 'Library',
        items: [
          { kind: 'item', caption: 'Lend', functionName: 'lend' },
          { kind: 'separator' },
          { kind: 'item', caption: 'Install', functionName: 'install' },
        ],
      },
    ]);
    expect(rt.counters.count('Menu.addToUi')).toBe(1);
  });

  it("gives the bundle the runtime's clock as Date (new Date() and Date.now() read env.clock)", () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    expect(rt.call('now')).toEqual(['2024-05-10T06:00:00.000Z', Date.parse('2024-05-10T06:00:00Z'), true]);
    rt.clock.advance(1000);
    expect((rt.call('now') as unknown[])[1]).toBe(Date.parse('2024-05-10T06:00:01Z'));
    expect(rt.call('dueDate')).toBe(true);
  });

  it('fires installed time-driven triggers through the bundle in trigger context (ScriptApp clock triggers, no getUi)', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    expect(rt.call('install')).toBe(1);
    const fired = rt.fireTriggers(new Date('2024-05-12T12:00:00Z'));
    expect(fired.map((f) => [f.functionName, f.at.toISOString(), f.error])).toEqual([
      ['nightly', '2024-05-10T21:00:00.000Z', undefined],
      ['nightly', '2024-05-11T21:00:00.000Z', undefined],
    ]);
    expect(rt.properties.dump('script')).toEqual({
      runs: '2',
      lastRun: '2024-05-12 02:00',
      utcHour: '21',
      ui: 'Cannot call SpreadsheetApp.getUi() from this context.',
    });
    expect(rt.logs.map((l) => l.message)).toEqual(['nightly run 1', 'nightly run 2']);
    expect(rt.execution.kind).toBe('ui');
  });

  it("lets templates call the bundle's functions and records the sidebar (HtmlService + Ui.showSidebar)", () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z'), userEmail: 'aru@school.kz' });
    rt.load(BUNDLE);
    rt.call('sidebar');
    expect(rt.ui.log).toMatchObject([{ kind: 'sidebar', title: 'Help', content: '<p>aru@school.kz / 3</p>' }]);
  });

  it('releases a lock when the call that took it ends, and a held lock makes another call wait (LockService per execution)', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    expect(rt.call('guarded')).toBe('ok');
    expect(rt.call('guarded')).toBe('ok');
    rt.lock.holdByOther('script');
    expect(rt.call('guarded')).toBe('busy');
    expect(rt.clock.now().toISOString()).toBe('2024-05-10T06:00:01.000Z');
  });

  it('stops an execution after N service calls with "Exceeded maximum execution time": nothing more of it runs, not even a catch block, and the next execution is whole', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    rt.call('install');
    const props = rt.globals.PropertiesService as { getScriptProperties(): { getProperty(k: string): string | null } };
    const prop = (k: string) => props.getScriptProperties().getProperty(k);
    // nightly: getScriptProperties, getProperty, then the setProperties of the run count (stopped before it).
    rt.stopExecutionAfter(2);
    const [first] = rt.fireTriggers(new Date('2024-05-11T00:00:00Z'));
    expect(String((first.error as Error).message)).toBe(EXECUTION_TIME_ERROR);
    expect(prop('runs')).toBeNull();
    expect(rt.stopped).toEqual([{ execution: expect.any(Number), refused: 'Session.getScriptTimeZone' }]);
    // The stop applied to that execution only.
    const [second] = rt.fireTriggers(new Date('2024-05-12T00:00:00Z'));
    expect(second.error).toBeUndefined();
    expect(prop('runs')).toBe('1');
    expect(prop('ui')).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it('stops an execution right after its N-th call of one method, and refuses the calls of its catch block too', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    rt.call('install');
    const props = rt.globals.PropertiesService as { getScriptProperties(): { getProperty(k: string): string | null } };
    const prop = (k: string) => props.getScriptProperties().getProperty(k);
    rt.stopExecutionAfter(1, 'Properties.setProperties');
    const [run] = rt.fireTriggers(new Date('2024-05-11T00:00:00Z'));
    expect(String((run.error as Error).message)).toBe(EXECUTION_TIME_ERROR);
    // The run count was written; the getUi() after it was refused, and so was the catch's setProperty.
    expect(prop('runs')).toBe('1');
    expect(prop('ui')).toBeNull();
    expect(rt.stopped.map((s) => s.refused)).toEqual(['SpreadsheetApp.getUi']);
    // A script's locks are released when a stopped execution ends.
    expect(rt.lock.state('script')).toBe('none');
  });

  it('wires the services with the defaults (Asia/Almaty, locale kk, 100 mails) and the spreadsheet', () => {
    const rt = createRuntime();
    expect(rt.env.timeZone).toBe('Asia/Almaty');
    const g = rt.globals as Record<string, { [k: string]: (...a: unknown[]) => unknown }>;
    expect(g.Session.getActiveUserLocale()).toBe('kk');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    expect(g.SpreadsheetApp.getUi()).toBe(rt.ui.ui);
    rt.load(BUNDLE);
    expect(typeof rt.call('spreadsheetName')).toBe('string');
    expect(() => rt.call('missing')).toThrow('Script function not found: missing');
  });
  it('stops an execution that runs past 6 minutes on its clock with "Exceeded maximum execution time", and only that one', () => {
    const rt = createRuntime({ now: new Date('2024-05-10T06:00:00Z') });
    rt.load(BUNDLE);
    const props = rt.globals.PropertiesService as { getScriptProperties(): { getProperty(k: string): string | null } };
    expect(() => rt.call('sleepy', 10)).toThrow(EXECUTION_TIME_ERROR);
    // Six minutes slept and counted; the seventh sleep ran past the limit, so its setProperty was refused.
    expect(props.getScriptProperties().getProperty('slept')).toBe('6');
    expect(rt.timedOut).toEqual([{ execution: expect.any(Number), ms: 7 * 60_000 }]);
    expect(rt.call('sleepy', 5)).toBe(5);
    const unlimited = createRuntime({ now: new Date('2024-05-10T06:00:00Z'), executionTimeLimitMs: null });
    unlimited.load(BUNDLE);
    expect(unlimited.call('sleepy', 10)).toBe(10);
  });
});
