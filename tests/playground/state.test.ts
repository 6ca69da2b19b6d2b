/**
 * The state file beside the workbook (playground/state.ts): the exact rules come back only for the
 * very file they were written with, a save stopped between its two renames leaves a pair that reads
 * back exactly, and an unreadable state file is refused with a clear message.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpreadsheetData } from '../../emulator/spreadsheet';
import { openLibrary, type ScriptState, StateFileError, saveLibrary, stateFileOf } from '../../playground/state';
import { libraryRuntime, NOW, sheetOf } from '../support/library';
import { tempDir } from './support';

const script = (n: string): ScriptState => ({
  clock: NOW.toISOString(),
  runtime: { triggers: [], properties: { script: { n }, document: {}, user: {} }, outbox: [] },
});

describe('the state file beside the workbook', () => {
  let dir: string;
  let first: SpreadsheetData;
  let second: SpreadsheetData;
  const workbook = () => path.join(dir, 'library.xlsx');
  const stateFile = () => stateFileOf(workbook(), dir);
  const settingsB2 = (data: SpreadsheetData, sheet: string) =>
    data.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.row === 2 && c.col === 2)?.value;
  let settings: string;

  beforeAll(() => {
    dir = tempDir('playground-state');
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    const sheet = sheetOf(rt, 'settings');
    settings = sheet.getName();
    sheet.getRange(2, 2).setValue('first');
    first = rt.spreadsheet.toData();
    sheet.getRange(2, 2).setValue('second');
    second = rt.spreadsheet.toData();
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is data/<workbook name>.state.json, whatever folder the workbook is in', () => {
    expect(stateFileOf('/home/me/school.xlsx', '/srv/data')).toBe('/srv/data/school.state.json');
    expect(stateFileOf('data/library.xlsx', 'data')).toBe(path.resolve('data/library.state.json'));
  });

  it('gives the exact rules back only for the very workbook file they were written with', async () => {
    await saveLibrary({ workbook: workbook(), stateFile: stateFile(), data: first, script: script('1') });
    const back = await openLibrary(workbook(), stateFile());
    expect(back.exact).toBe(true);
    expect(back.migrated).toBe(false);
    expect(back.script).toEqual(script('1'));
    const protections = (d: SpreadsheetData) => d.sheets.map((s) => s.protections);
    expect(protections(back.data)).toEqual(protections(first));
    expect(protections(first).flat().length).toBeGreaterThan(0);

    // Edited elsewhere (saved again by another program): read from its own content, the script kept.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook());
    await wb.xlsx.writeFile(workbook());
    const elsewhere = await openLibrary(workbook(), stateFile());
    expect(elsewhere.exact).toBe(false);
    expect(elsewhere.script).toEqual(script('1'));
    expect(settingsB2(elsewhere.data, settings)).toBe('first');
  });

  it('reads back exactly after a save stopped between the state file and the workbook', async () => {
    await saveLibrary({ workbook: workbook(), stateFile: stateFile(), data: first, script: script('1') });
    const stop = new Error('stopped');
    await expect(
      saveLibrary({
        workbook: workbook(),
        stateFile: stateFile(),
        data: second,
        script: script('2'),
        stop: (step) => {
          if (step === 'workbook-before-rename') throw stop;
        },
      }),
    ).rejects.toBe(stop);
    // The new state, the old workbook: still read with its own exact rules.
    const back = await openLibrary(workbook(), stateFile());
    expect([back.exact, settingsB2(back.data, settings), back.script?.runtime?.properties.script]).toEqual([
      true,
      'first',
      { n: '2' },
    ]);
    for (const n of readdirSync(dir).filter((x) => x.endsWith('.tmp'))) rmSync(path.join(dir, n));
    // The next saves complete; the state holds the meta of the new workbook and of the one it replaced.
    for (const n of ['3', '4', '5'])
      await saveLibrary({ workbook: workbook(), stateFile: stateFile(), data: second, script: script(n) });
    expect(JSON.parse(readFileSync(stateFile(), 'utf8')).exact.length).toBeLessThanOrEqual(2);
    const again = await openLibrary(workbook(), stateFile());
    expect([again.exact, settingsB2(again.data, settings)]).toEqual([true, 'second']);
  });

  it('refuses a state file it cannot read, saying what to do', async () => {
    const other = path.join(dir, 'other.state.json');
    writeFileSync(other, '{ not json');
    await expect(openLibrary(workbook(), other)).rejects.toThrow(StateFileError);
    await expect(openLibrary(workbook(), other)).rejects.toThrow(/Move it away/);
    writeFileSync(other, '{"some": "other file"}');
    await expect(openLibrary(workbook(), other)).rejects.toThrow(/not a playground state file/);
  });
});
