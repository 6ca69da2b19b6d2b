/**
 * The conformance suite (src/diagnostics) against the emulator: the built bundle's Diagnostics entry
 * points run every case, and the cases one menu click cannot observe in a real Sheet are driven here
 * with the runtime's helpers (a trigger execution, two executions at once, google.script.run's
 * server half). Every case must agree: the emulator models what the suite says Google does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { EXECUTION_TIME_ERROR } from '../../emulator';
import { invokeFromClient } from '../../emulator/script-run';
import { FakeSheet } from '../../emulator/sheet';
import type { DiagnosticsReport, DiagnosticsRow } from '../../src/diagnostics/suite';
import { t } from '../../src/messages';
import { columnOf, libraryRuntime, rowsOf, sheetOf } from '../support/library';

type Menu = Runtime['ui']['menus'][number];

/** The workbook as the librarian set it up: Setup run once. */
function libraryWorkbook(): Runtime {
  const rt = libraryRuntime();
  rt.call('setUpWorkbook');
  return rt;
}

/** What the Diagnostics item does: the menu click, then the dialog's call that runs the suite. */
function runDiagnostics(rt: Runtime): DiagnosticsReport {
  rt.call('runDiagnostics');
  return rt.call('diagnosticsRun') as DiagnosticsReport;
}

/**
 * What a case the run could not observe does, observed here as its `where` says: in a trigger, in a
 * second execution while the first holds the lock, or through google.script.run's server half.
 */
function observeElsewhere(rt: Runtime, row: DiagnosticsRow): unknown {
  const probe = (...args: unknown[]) => rt.call('diagnosticsProbe', row.id, ...args);
  switch (row.where) {
    case 'trigger':
      return rt.execution.asTrigger(() => probe('run'));
    case 'second-execution': {
      let whileHeld: unknown = 'the second execution did not run';
      rt.lock.onAcquire(() => {
        whileHeld = (probe('try') as { got: boolean }).got;
      });
      const { held } = probe('hold') as { held: boolean };
      const afterRelease = (probe('try') as { got: boolean }).got;
      return { held, whileHeld, afterRelease };
    }
    case 'dialog': {
      // The calls the dialog makes (the browser test runs the dialog's own page).
      const args = row.id === 'dateArgument' ? ['dateArgument', 'echo', new Date()] : [row.id, 'reply'];
      const reply = invokeFromClient(rt, 'diagnosticsProbe', args);
      return reply.ok ? { outcome: 'success', value: reply.value } : { outcome: 'failure' };
    }
    default:
      return JSON.parse(row.actual ?? 'null');
  }
}

/** Everything the suite could leave behind, and everything of the librarian's it must not touch. */
function snapshot(rt: Runtime) {
  const { sheets } = rt.spreadsheet.toData();
  return {
    sheets,
    active: rt.spreadsheet.getActiveSheet().getName(),
    properties: rt.properties.dump('document'),
    cache: Object.keys(rt.cache.dump('document')).filter((k) => k.startsWith('diagnostics.')),
    triggers: rt.triggers.list().map((tr) => `${tr.handler} ${tr.eventType}`),
  };
}

function menuItems(menu: Menu | undefined): string[] {
  const walk = (items: Menu['items']): string[] =>
    items.flatMap((e) => (e.kind === 'item' ? [e.functionName] : e.kind === 'submenu' ? walk(e.items) : []));
  return menu ? walk(menu.items) : [];
}

function setSetting(rt: Runtime, key: string, value: string): void {
  const i = rowsOf(rt, 'settings').findIndex((r) => r.key === key);
  rt.userEdit(sheetOf(rt, 'settings').getName(), i + 2, columnOf(rt, 'settings', 'value') + 1, [[value]]);
}

describe('the conformance suite against the emulator', () => {
  let rt: Runtime;
  beforeEach(() => {
    rt = libraryWorkbook();
  });

  it('every case agrees with the emulator: those one execution observes, and those the harness drives', () => {
    const report = runDiagnostics(rt);
    const observedHere = report.rows.filter((r) => r.where === 'execution');
    const elsewhere = report.rows.filter((r) => r.where !== 'execution');
    expect(observedHere.map((r) => r.status)).toEqual(observedHere.map(() => 'same'));
    expect(elsewhere.map((r) => r.status)).toEqual(elsewhere.map((r) => (r.where === 'dialog' ? 'dialog' : 'harness')));

    const differences = report.rows
      .map((row) => ({ id: row.id, expected: JSON.parse(row.expected), actual: observeElsewhere(rt, row) }))
      .filter((d) => !sameJson(d.actual, d.expected));
    expect(differences).toEqual([]);
    expect(report.cleanupErrors).toEqual([]);
    expect(new Set(report.rows.map((r) => r.id)).size).toBe(report.rows.length);
    const kinds = (w: string) => report.rows.filter((r) => r.where === w).length;
    console.log(
      `conformance: ${report.rows.length} cases agree with the emulator (${observedHere.length} in one execution, ` +
        `${kinds('dialog')} through the dialog's calls, ${kinds('trigger')} in a trigger, ${kinds('second-execution')} in two executions)`,
    );
  });

  it("touches none of the librarian's sheets and leaves nothing behind: no sheet, property, cache entry or trigger", () => {
    const before = snapshot(rt);
    runDiagnostics(rt);
    expect(snapshot(rt)).toEqual(before);
  });

  it('reports a case that throws as a difference, with the error, and still removes its scratch sheet', () => {
    const appendRow = FakeSheet.prototype.appendRow;
    FakeSheet.prototype.appendRow = () => {
      throw new Error('Service Spreadsheets failed while accessing document');
    };
    try {
      const before = snapshot(rt);
      const report = runDiagnostics(rt);
      const differing = report.rows.filter((r) => r.status === 'differs');
      expect(differing.map((r) => r.id)).toEqual(['appendPlainText', 'appendGrows']);
      expect(differing.map((r) => JSON.parse(r.actual ?? ''))).toEqual([
        { error: 'Service Spreadsheets failed while accessing document' },
        { error: 'Service Spreadsheets failed while accessing document' },
      ]);
      expect(snapshot(rt)).toEqual(before);
    } finally {
      FakeSheet.prototype.appendRow = appendRow;
    }
  });

  it('a run stopped at the time limit leaves its scratch sheet or triggers; the next run removes them first', () => {
    const before = snapshot(rt);
    const scratchSheets = () =>
      snapshot(rt)
        .sheets.map((s) => s.name)
        .filter((n) => n.startsWith('Diagnostics scratch '));
    const leftoverTriggers = () => snapshot(rt).triggers.filter((tr) => tr.startsWith('diagnosticsCleanUpTrigger '));

    // Stopped in the trigger-limit case, after its fifth trigger: nothing of that run can clean up.
    rt.call('runDiagnostics');
    rt.stopExecutionAfter(5, 'ClockTriggerBuilder.create');
    expect(() => rt.call('diagnosticsRun')).toThrow(EXECUTION_TIME_ERROR);
    expect(leftoverTriggers()).toHaveLength(5);
    expect(runDiagnostics(rt).leftoversRemoved).toBe(5);
    expect(leftoverTriggers()).toEqual([]);

    // Stopped right after the first case wrote to its scratch sheet.
    rt.call('runDiagnostics');
    rt.stopExecutionAfter(1, 'Range.setValues');
    expect(() => rt.call('diagnosticsRun')).toThrow(EXECUTION_TIME_ERROR);
    expect(scratchSheets()).toHaveLength(1);
    const report = runDiagnostics(rt);
    expect(report.leftoversRemoved).toBe(1);
    expect(report.rows.filter((r) => r.status === 'differs')).toEqual([]);
    expect(snapshot(rt)).toEqual(before);
  });

  it('a trigger left behind by a stopped run removes every leftover trigger when it fires', () => {
    const before = snapshot(rt).triggers;
    rt.call('runDiagnostics');
    rt.stopExecutionAfter(3, 'ClockTriggerBuilder.create');
    expect(() => rt.call('diagnosticsRun')).toThrow(EXECUTION_TIME_ERROR);
    expect(snapshot(rt).triggers).toHaveLength(before.length + 3);
    const fired = rt.fireTriggers(new Date(rt.clock.nowMillis() + 31 * 86_400_000));
    expect(fired.filter((f) => f.functionName === 'diagnosticsCleanUpTrigger')).toHaveLength(1);
    expect(snapshot(rt).triggers).toEqual(before);
  });
});

/** Same JSON whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(a)) === JSON.stringify(sort(b));
}

describe('the Diagnostics item', () => {
  it('is hidden from the Library menu until the diagnostics setting is TRUE', () => {
    const rt = libraryWorkbook();
    rt.call('onOpen');
    const title = t('kk', 'menu.title');
    expect(menuItems(rt.ui.menus.find((m) => m.caption === title))).not.toContain('runDiagnostics');
    expect(rowsOf(rt, 'settings').find((r) => r.key === 'diagnostics')?.value).toBe('FALSE');

    setSetting(rt, 'diagnostics', 'TRUE');
    rt.call('onOpen');
    const menu = rt.ui.menus.find((m) => m.caption === title);
    expect(menuItems(menu)).toContain('runDiagnostics');
    const last = menu?.items[menu.items.length - 1];
    expect(last).toEqual({ kind: 'item', caption: t('kk', 'menu.diagnostics'), functionName: 'runDiagnostics' });
  });

  it("opens a dialog in the workbook's language, and the report names every case in it", () => {
    const rt = libraryWorkbook();
    rt.call('useRussian');
    const report = runDiagnostics(rt);
    const dialog = rt.ui.log.filter((d) => d.kind === 'modal').pop();
    expect(dialog?.title).toBe(t('ru', 'diag.title'));
    expect(dialog && 'content' in dialog ? dialog.content : '').toContain(
      JSON.stringify(t('ru', 'diag.ui.intro')).slice(1, -1),
    );
    expect(report.rows.map((r) => r.name)).toEqual(
      report.rows.map((r) => t('ru', `diag.case.${r.id}` as Parameters<typeof t>[1])),
    );
    expect(report.rows.find((r) => r.id === 'numericText')?.name).toBe(
      'Числовой текст, записанный скриптом, становится числом (00123, -5, +7)',
    );
  });
});
