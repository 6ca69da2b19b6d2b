/**
 * The workbook and its state file survive a crash: the server process is killed in the middle of a
 * save, at an exact step (PLAYGROUND_SAVE_STOP stops the save there and prints a line; the test then
 * kills the process), and a restart opens the old files, read exactly, and removes what the
 * interrupted save left behind.
 *
 * Deterministic: the test waits on what the server prints and on its exit, never on a clock. It runs
 * on a small library workbook (Setup's sheets) made in this process, so each start takes a moment.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, saveLibrary, stateFileOf } from '../../playground/state';
import { libraryRuntime, NOW, sheetOf } from '../support/library';
import { getJson, post, type RunningServer, startServer, tempDir } from './support';

describe('a crash in the middle of a save', () => {
  const dataDir = tempDir('playground-crash');
  const file = path.join(dataDir, 'library.xlsx');
  const stateFile = stateFileOf(file, dataDir);
  const running: RunningServer[] = [];
  let settings: string;
  const start = async (env?: Record<string, string>) => {
    const s = await startServer(dataDir, { env });
    running.push(s);
    return s;
  };
  const temporaries = () => readdirSync(dataDir).filter((n) => n.endsWith('.tmp'));
  /** Settings!B2 as the files on disk hold it, and whether they were read with their exact rules. */
  const onDisk = async () => {
    const { data, exact } = await openLibrary(file, stateFile);
    const cell = data.sheets.find((s) => s.name === settings)?.cells.find((c) => c.row === 2 && c.col === 2);
    return { value: cell?.value, exact };
  };
  /** Starts a server whose saves stop at `step`, edits Settings!B2, and kills it where the save stopped. */
  const killedAt = async (step: string, value: string) => {
    const s = await start({ PLAYGROUND_SAVE_STOP: step });
    expect(await post(`${s.url}api/edit`, { sheet: settings, row: 2, col: 2, value })).toMatchObject({ ok: true });
    const [, temp] = await s.waitFor(
      new RegExp(`the save stopped at ${step} \\(PLAYGROUND_SAVE_STOP\\), leaving (.+)`),
    );
    expect(existsSync(temp.trim())).toBe(true);
    expect(await s.stop('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    return { temp: path.basename(temp.trim()), output: s.output() };
  };

  beforeAll(async () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    const sheet = sheetOf(rt, 'settings');
    settings = sheet.getName();
    sheet.getRange(2, 2).setValue('old');
    await saveLibrary({
      workbook: file,
      stateFile,
      data: rt.spreadsheet.toData(),
      script: {
        clock: NOW.toISOString(),
        runtime: { triggers: [], properties: { script: {}, document: {}, user: {} }, outbox: [] },
      },
    });
    expect(await onDisk()).toEqual({ value: 'old', exact: true });
  });

  afterAll(async () => {
    for (const s of running) await s.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the old state file and workbook when the process dies before the state file is renamed', {
    timeout: 120_000,
  }, async () => {
    const [workbook, state] = [readFileSync(file), readFileSync(stateFile)];
    const { temp } = await killedAt('state-before-rename', 'lost');
    expect([readFileSync(file).equals(workbook), readFileSync(stateFile).equals(state)]).toEqual([true, true]);
    expect(temporaries()).toEqual([temp]);
    expect(await onDisk()).toEqual({ value: 'old', exact: true });
  });

  it('keeps the old workbook when the process dies between its temporary file and the rename', {
    timeout: 120_000,
  }, async () => {
    const before = readFileSync(file);
    const { temp, output } = await killedAt('workbook-before-rename', 'new');
    // This start removed what the crash before left (the state file's temporary file).
    expect(output).toMatch(/Removed 1 unfinished temporary file/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(temporaries()).toEqual([temp]);
    // The old workbook, whole, still read with its exact rules (the new state file kept them).
    expect(await onDisk()).toEqual({ value: 'old', exact: true });
  });

  it('restarts on the old workbook, removes the unfinished temporary file, and saves again', {
    timeout: 120_000,
  }, async () => {
    const s = await start();
    expect(s.output()).toMatch(/Removed 1 unfinished temporary file/);
    expect(temporaries()).toEqual([]);
    expect(await getJson(`${s.url}api/state`)).toMatchObject({ exact: true });
    await post(`${s.url}api/edit`, { sheet: settings, row: 2, col: 2, value: 'saved' });
    await post(`${s.url}api/flush`, {});
    expect(await s.stop('SIGTERM')).toMatchObject({ code: 0 });
    expect(await onDisk()).toEqual({ value: 'saved', exact: true });
  });
});
