/**
 * scripts/emulator-usage.ts: the emulator's methods as it counts them, and which of them the built
 * bundle calls (the product apart from the conformance suite). The static list must never miss a
 * method the bundle really calls: the runtime's counters, after the bundle has run, are the check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOT_EMULATED } from '../../emulator/not-emulated';
import { bundleUsage, emulatorMethods, usageReport } from '../../scripts/emulator-usage';
import { libraryRuntime } from '../support/library';

const methods = emulatorMethods();
const names = methods.map((m) => m.name);

describe('scripts/emulator-usage.ts', () => {
  it('lists every counted method of the emulator once, through its counting helpers and closures', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z]+(\.[A-Za-z0-9]+)+$/);
    // Counted directly, through this.read → this.k, through guard(), through a closure (consoleLevel).
    expect(names).toEqual(
      expect.arrayContaining(['MailApp.getRemainingDailyQuota', 'Range.getValues', 'Ui.alert', 'console.error']),
    );
    // An advanced service's method, by its whole path; the product calls it (src/sheets/sheets-api.ts).
    const batchGet = usageReport(readFileSync('build/Code.js', 'utf8'), methods).methods.find(
      (m) => m.name === 'Sheets.Spreadsheets.Values.batchGet',
    );
    expect(batchGet).toMatchObject({ at: expect.stringMatching(/^emulator\/sheets-api\.ts:\d+$/), product: true });
    expect(methods.find((m) => m.name === 'Range.getValues')?.at).toMatch(/^emulator\/range\.ts:\d+$/);
  });

  it('tells the product from the conformance suite by the module each call sits in', () => {
    const source = [
      '(() => {',
      '  // src/desk/desk.ts',
      '  function f(r) { return r.getValues(); }',
      '  // src/diagnostics/services.ts',
      '  function g(s) { s.appendRow([]); return MailApp.getRemainingDailyQuota(); }',
      '})();',
    ].join('\n');
    const { product, suite } = bundleUsage(source);
    expect([...product.names]).toEqual(['getValues']);
    expect([...suite.globalMembers]).toEqual(['MailApp.getRemainingDailyQuota']);
    const report = usageReport(source, [
      { name: 'Range.getValues', at: '' },
      { name: 'Sheet.appendRow', at: '' },
      { name: 'MailApp.getRemainingDailyQuota', at: '' },
      { name: 'MailApp.sendEmail', at: '' },
      { name: 'Range.sort', at: '' },
    ]);
    expect(report.methods.map((m) => [m.name, m.product, m.suite])).toEqual([
      ['Range.getValues', true, false],
      ['Sheet.appendRow', false, true],
      ['MailApp.getRemainingDailyQuota', false, true],
      ['MailApp.sendEmail', false, false],
      ['Range.sort', false, false],
    ]);
    expect(report.neverCalled).toEqual(['MailApp.sendEmail', 'Range.sort']);
  });

  it('misses no method the built bundle calls when it runs: Setup, the desk, the debtors and the suite', () => {
    const report = usageReport(readFileSync('build/Code.js', 'utf8'), methods);
    const called = new Set(report.methods.filter((m) => m.product || m.suite).map((m) => m.name));
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    rt.call('onOpen');
    rt.call('deskInit');
    rt.call('deskFindReader', '00001');
    rt.call('buildDebtorList');
    rt.call('previewDebtorEmails');
    rt.call('runDiagnostics');
    rt.call('diagnosticsRun');
    const counted = Object.keys(rt.counters.snapshot().calls).filter((n) => names.includes(n));
    expect(counted.length).toBeGreaterThan(50);
    expect(counted.filter((n) => !called.has(n))).toEqual([]);
  });

  it('makes the methods nothing calls throw "not emulated": each is an emulator method the built bundle never calls', () => {
    const report = usageReport(readFileSync('build/Code.js', 'utf8'), methods);
    const never = new Set(report.neverCalled);
    expect(NOT_EMULATED.size).toBeGreaterThan(50);
    for (const name of NOT_EMULATED) {
      expect(names, name).toContain(name);
      expect(never.has(name), `${name} is called by the bundle: emulate it and pin it in the conformance suite`).toBe(
        true,
      );
    }
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    const sheet = rt.spreadsheet.getSheets()[0];
    expect(NOT_EMULATED.has('Sheet.clearNotes')).toBe(true);
    expect(() => sheet.clearNotes()).toThrow(/Sheet\.clearNotes is not emulated/);
    // What the product does call still works.
    expect(sheet.getLastRow()).toBeGreaterThan(0);
  });
});
