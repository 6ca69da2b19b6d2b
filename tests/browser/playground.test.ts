/**
 * The playground in a real browser (Debian's Chromium through playwright-core): the page stands in
 * for the bound Google Sheet. Runs Set up workbook and a desk issue through the menu and the
 * sidebar, checks the Loans sheet in the page and in the .xlsx file, reloads, and takes the README's
 * screenshots. No page or console errors are allowed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/messages';
import { post, type RunningServer, startServer, tempDir, testDemo } from '../playground/support';
import { openPage, SCREENSHOTS } from '../support/browser';

const SHOTS = path.resolve(SCREENSHOTS);
const LOANS = t('kk', 'sheet.loans');
/** Every action saves the 20,000-row workbook in the background; the machine may have two cores. */
const WAIT = { timeout: 30_000, interval: 200 };

describe('the playground in Chromium', () => {
  let server: RunningServer;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];
  const tour = testDemo().tour;

  beforeAll(async () => {
    dataDir = tempDir('playground-browser');
    server = await startServer(dataDir);
    ({ page, close: closeBrowser } = await openPage(errors));
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const menu = async (fn: string) => {
    await page.click('.menu[data-menu] > button');
    await page.click(`li[data-fn="${fn}"]`);
  };

  it('serves the demo workbook with its tabs and the Library menu built by onOpen', { timeout: 60_000 }, async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('#tabs button').count(), WAIT).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.locator('.menu[data-menu] > button').textContent(), WAIT).toBe(t('kk', 'menu.title'));
    await expect.poll(() => page.locator('#grid tr.frozen td').count(), WAIT).toBeGreaterThan(1);
  });

  it('runs Set up workbook from the menu and shows its alert', { timeout: 90_000 }, async () => {
    await menu('setUpWorkbook');
    await page.waitForSelector('#overlay.open [role=alert]');
    const text = await page.textContent('#overlay [role=alert]');
    expect(text).toBe(t('kk', 'setup.nothingToDo'));
    await page.click('#dialog-ok');
    await page.click(`#tabs button[data-sheet="${t('kk', 'sheet.readers')}"]`);
    await page.waitForSelector('#grid td[title="R00001"]');
    await page.screenshot({ path: path.join(SHOTS, 'workbook.png') });
  });

  it('asks OK/Cancel before editing a warning-only protected header, and Cancel leaves it', {
    timeout: 60_000,
  }, async () => {
    await page.click(`#tabs button[data-sheet="${LOANS}"]`);
    const cell = page.locator('#grid tr.frozen td[data-col="2"]');
    await expect.poll(() => cell.textContent(), WAIT).toBe(t('kk', 'col.loans.inventory'));
    await cell.dblclick();
    await cell.locator('input').fill('Басқа тақырып');
    await cell.locator('input').press('Enter');
    await page.waitForSelector('#overlay.open button[data-button="CANCEL"]');
    expect(await page.textContent('#dialog')).toContain('Heads up!');
    await page.click('#dialog button[data-button="CANCEL"]');
    await expect.poll(() => cell.textContent(), WAIT).toBe(t('kk', 'col.loans.inventory'));
    const state = (await (await fetch(`${server.url}api/state`)).json()) as { lastAction: string };
    expect(state.lastAction).not.toMatch(/^edit/);
  });

  it('issues a book at the desk sidebar: reader code + Enter, inventory number + Enter', {
    timeout: 90_000,
  }, async () => {
    await menu('openDesk');
    await page.waitForSelector('#sidebar.open');
    const desk = page.frameLocator('#sidebar-frame');
    await desk.locator('#reader').fill(tour.reader);
    await desk.locator('#reader').press('Enter');
    await expect.poll(() => desk.locator('#form .who').textContent(), WAIT).toContain(tour.readerName);
    await desk.locator('#copy').fill(tour.inventory);
    await desk.locator('#copy').press('Enter');
    await expect.poll(() => desk.locator('#messages li:first-child').getAttribute('class'), WAIT).toBe('msg ok');
    expect(await desk.locator('#messages li:first-child').textContent()).toContain(tour.inventory);
    await expect.poll(() => desk.locator(`#loans li[data-inventory="${tour.inventory}"]`).count(), WAIT).toBe(1);
    // The Loans sheet in the page gained the row.
    await page.click(`#tabs button[data-sheet="${LOANS}"]`);
    await page.fill('#filter', tour.inventory);
    const row = page.locator('#grid tbody tr', { hasText: tour.reader });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.textContent()).toContain(t('kk', 'enum.loanStatus.open'));
    await page.click('#panels button[data-panel="counters"]');
    await page.waitForSelector('#counters');
    expect(await page.textContent('#counters')).toContain('deskIssue');
    await page.screenshot({ path: path.join(SHOTS, 'desk.png') });
  });

  it('persisted the loan in the .xlsx (read back with exceljs) and shows it after a reload', {
    timeout: 90_000,
  }, async () => {
    const flushed = await post(`${server.url}api/flush`, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(String(flushed.file));
    const ws = wb.getWorksheet(LOANS)!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (label: string) => header.indexOf(label);
    const found: ExcelJS.Row[] = [];
    ws.eachRow((r) => {
      if (
        r.getCell(col(t('kk', 'col.loans.inventory'))).value === tour.inventory &&
        r.getCell(col(t('kk', 'col.loans.reader'))).value === tour.reader
      )
        found.push(r);
    });
    const open = found.filter(
      (r) => r.getCell(col(t('kk', 'col.loans.status'))).value === t('kk', 'enum.loanStatus.open'),
    );
    expect(open).toHaveLength(1);
    expect(open[0].getCell(col(t('kk', 'col.loans.issued'))).value).toBeInstanceOf(Date);
    expect(open[0].getCell(col(t('kk', 'col.loans.due'))).value).toBeInstanceOf(Date);

    await page.reload();
    await page.click(`#tabs button[data-sheet="${LOANS}"]`);
    await page.fill('#filter', tour.inventory);
    await expect.poll(() => page.locator('#grid tbody tr', { hasText: tour.reader }).count(), WAIT).toBe(1);
    await page.click('#panels button[data-panel="triggers"]');
    await page.screenshot({ path: path.join(SHOTS, 'loans.png') });
  });

  it('logged no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
