/**
 * Cell editing in the playground page, as a librarian edits a Google Sheet: a click selects, arrows
 * and Tab move, typing starts an edit, Enter commits and moves down, a click elsewhere commits,
 * Escape cancels, Delete clears, and a value the sheet's validation refuses is refused beside the
 * cell with the editor kept open. Every edit goes through /api/edit; the sheet is read back from it.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/messages';
import { type RunningServer, startServer, tempDir } from '../playground/support';
import { openPage } from '../support/browser';

const READERS = t('kk', 'sheet.readers');
const WAIT = { timeout: 30_000, interval: 100 };
/** Readers: C is the category (a strict dropdown), I the note (free text). */
const CATEGORY = 3;
const NOTE = 9;

describe('editing cells in the playground page', () => {
  let server: RunningServer;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir('playground-editing');
    server = await startServer(dataDir);
    ({ page, close: closeBrowser } = await openPage(errors));
    await page.goto(server.url);
    await page.click(`#tabs button[data-sheet="${READERS}"]`);
    await page.waitForSelector('#grid td[title="R00001"]');
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const cell = (row: number, col: number) => page.locator(`#grid tr[data-row="${row}"] td[data-col="${col}"]`);
  /** The row and column of the selected cell, as "row:col". */
  const selected = () =>
    page
      .locator('#grid td.sel')
      .evaluate((td) => `${td.parentElement?.getAttribute('data-row')}:${td.getAttribute('data-col')}`);
  /** What the server's sheet holds (not what the page shows). */
  const stored = async (row: number, col: number) => {
    const r = await fetch(`${server.url}api/sheet?name=${encodeURIComponent(READERS)}&offset=0&limit=10`);
    const g = (await r.json()) as { rows: Array<{ row: number; values: string[] }> };
    return g.rows.find((x) => x.row === row)?.values[col - 1];
  };

  it('types into a selected cell, commits with Enter and moves down', { timeout: 60_000 }, async () => {
    await cell(2, NOTE).click();
    expect(await selected()).toBe(`2:${NOTE}`);
    await page.keyboard.type('Жаңа ескертпе');
    expect(await cell(2, NOTE).locator('input').inputValue()).toBe('Жаңа ескертпе');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(2, NOTE), WAIT).toBe('Жаңа ескертпе');
    await expect.poll(() => cell(2, NOTE).textContent(), WAIT).toBe('Жаңа ескертпе');
    await expect.poll(selected, WAIT).toBe(`3:${NOTE}`);
    expect(await page.locator('#grid td input').count()).toBe(0);
  });

  it('commits an edit when another cell is clicked, and selects that cell', { timeout: 60_000 }, async () => {
    await cell(3, NOTE).click();
    await page.keyboard.type('Басқа');
    await cell(4, 2).click();
    await expect.poll(() => stored(3, NOTE), WAIT).toBe('Басқа');
    await expect.poll(() => cell(3, NOTE).textContent(), WAIT).toBe('Басқа');
    await expect.poll(selected, WAIT).toBe('4:2');
  });

  it('cancels with Escape, in an edit started by typing and one started with F2', { timeout: 60_000 }, async () => {
    await cell(2, NOTE).click();
    await page.keyboard.type('ұмыт');
    await page.keyboard.press('Escape');
    expect(await cell(2, NOTE).textContent()).toBe('Жаңа ескертпе');
    await page.keyboard.press('F2');
    expect(await cell(2, NOTE).locator('input').inputValue()).toBe('Жаңа ескертпе');
    await page.keyboard.type(' тағы');
    await page.keyboard.press('Escape');
    expect(await cell(2, NOTE).textContent()).toBe('Жаңа ескертпе');
    expect(await selected()).toBe(`2:${NOTE}`);
    expect(await stored(2, NOTE)).toBe('Жаңа ескертпе');
  });

  it('moves the selection with the arrows and Tab / Shift+Tab', async () => {
    await cell(3, 5).click();
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('4:5');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe('4:3');
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toBe('3:3');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('3:4');
    await page.keyboard.press('Tab');
    expect(await selected()).toBe('3:5');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await selected()).toBe('3:3');
  });

  it('clears a selected cell with Delete, through the same edit path', { timeout: 60_000 }, async () => {
    await cell(3, NOTE).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => stored(3, NOTE), WAIT).toBe('');
    await expect.poll(() => cell(3, NOTE).textContent(), WAIT).toBe('');
    expect(await selected()).toBe(`3:${NOTE}`);
  });

  it('refuses a value not in a dropdown beside the cell, keeps the typed text, writes nothing', {
    timeout: 60_000,
  }, async () => {
    const before = await stored(2, CATEGORY);
    expect(before).toBe(await cell(2, CATEGORY).textContent());
    await cell(2, CATEGORY).click();
    await page.keyboard.type('бұрыс');
    await page.keyboard.press('Enter');
    const msg = page.locator('#cell-msg');
    await expect.poll(() => msg.isVisible(), WAIT).toBe(true);
    expect(await msg.textContent()).toContain(t('kk', 'setup.listHelp'));
    // Beside the cell: just below it, starting at its left edge.
    const box = (await cell(2, CATEGORY).boundingBox())!;
    const at = (await msg.boundingBox())!;
    expect(Math.abs(at.y - (box.y + box.height))).toBeLessThan(10);
    expect(Math.abs(at.x - box.x)).toBeLessThan(10);
    // The editor stays open, with what was typed, on the same cell.
    expect(await cell(2, CATEGORY).locator('input').inputValue()).toBe('бұрыс');
    expect(await selected()).toBe(`2:${CATEGORY}`);
    expect(await stored(2, CATEGORY)).toBe(before);
    // Escape gives the old value back and hides the message.
    await page.keyboard.press('Escape');
    expect(await cell(2, CATEGORY).textContent()).toBe(before);
    expect(await msg.isVisible()).toBe(false);
    expect(await stored(2, CATEGORY)).toBe(before);
  });

  it('still offers the dropdown of a list cell on a double-click', { timeout: 60_000 }, async () => {
    const other = t('kk', 'enum.category.teacher');
    await cell(4, CATEGORY).dblclick();
    await cell(4, CATEGORY).locator('select').selectOption(other);
    await expect.poll(() => stored(4, CATEGORY), WAIT).toBe(other);
    await expect.poll(() => cell(4, CATEGORY).textContent(), WAIT).toBe(other);
  });

  it('shows a note typed as HTML as text: no image, no script run', { timeout: 60_000 }, async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const alerts: string[] = [];
    page.on('dialog', async (d) => {
      alerts.push(d.message());
      await d.dismiss();
    });
    await cell(5, NOTE).click();
    await page.keyboard.type(hostile);
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(5, NOTE), WAIT).toBe(hostile);
    await expect.poll(() => cell(5, NOTE).textContent(), WAIT).toBe(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(alerts).toEqual([]);
  });

  it('logged no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
