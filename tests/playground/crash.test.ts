/**
 * The workbook survives a crash: the server is killed in the middle of a write (at the worst moment,
 * between the temporary file and the rename, and at a random moment), and a restart opens a readable
 * workbook and removes what the interrupted save left behind.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../../playground/xlsx';
import { t } from '../../src/i18n';
import { post, type RunningServer, startServer, tempDir } from './support';

const SETTINGS = t('kk', 'sheet.settings');

describe('a crash in the middle of a write', () => {
  const dataDir = tempDir('playground-crash');
  const file = path.join(dataDir, 'library.xlsx');
  const running: RunningServer[] = [];
  const start = async (env?: Record<string, string>) => {
    const s = await startServer(dataDir, { env });
    running.push(s);
    return s;
  };
  const settingsValue = async (row: number) => {
    const { data } = await loadWorkbook(file);
    return data.sheets.find((s) => s.name === SETTINGS)!.cells.find((c) => c.row === row && c.col === 2)?.value;
  };

  afterAll(async () => {
    for (const s of running) await s.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the demo workbook on first start and saves it', { timeout: 120_000 }, async () => {
    const s = await start();
    await post(`${s.url}api/flush`, {});
    expect(existsSync(file)).toBe(true);
    expect(await s.stop('SIGTERM')).toMatchObject({ code: 0 });
    expect(await settingsValue(3)).toMatch(/лицей/);
  });

  it('keeps the old workbook when the process dies between the temporary file and the rename', {
    timeout: 120_000,
  }, async () => {
    const before = statSync(file).mtimeMs;
    const s = await start({ PLAYGROUND_SAVE_STOP: 'workbook-before-rename' });
    const edit = await post(`${s.url}api/edit`, { sheet: SETTINGS, row: 3, col: 2, value: 'Өзгертілген атау' });
    expect(edit.ok).toBe(true);
    while (!/the save stopped at workbook-before-rename/.test(s.output())) await new Promise((r) => setTimeout(r, 100));
    expect(await s.stop('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    // The old workbook, whole.
    expect(await settingsValue(3)).toMatch(/лицей/);
  });

  it('restarts on a readable workbook and removes the unfinished temporary file', { timeout: 120_000 }, async () => {
    const s = await start();
    expect(s.output()).toMatch(/Removed 1 unfinished temporary file/);
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const state = (await (await fetch(`${s.url}api/state`)).json()) as { sheets: unknown[] };
    expect(state.sheets.length).toBeGreaterThanOrEqual(12);
    // Now a save goes through, and a kill at a random moment of the next save leaves a readable file.
    await post(`${s.url}api/edit`, { sheet: SETTINGS, row: 3, col: 2, value: 'Жаңа атау' });
    await post(`${s.url}api/flush`, {});
    expect(await settingsValue(3)).toBe('Жаңа атау');
    await post(`${s.url}api/edit`, { sheet: SETTINGS, row: 3, col: 2, value: 'Тағы бір атау' });
    await new Promise((r) => setTimeout(r, 200 + Math.floor(Math.random() * 1500)));
    await s.stop('SIGKILL');
    expect(['Жаңа атау', 'Тағы бір атау']).toContain(await settingsValue(3));
  });
});
