/**
 * The reports in the playground, in Chromium: the menu builds the coverage, the statistics and the
 * year's summing-up on the demo workbook, and the page draws their embedded charts with Chart.js from
 * the charts' own ranges; the annual report's A4 print view opens. Screenshots go to SCREENSHOTS.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/messages';
import { type RunningServer, startServer, tempDir } from '../playground/support';
import { openPage, SCREENSHOTS } from '../support/browser';

const SHOTS = path.resolve(SCREENSHOTS);
const WAIT = { timeout: 30_000, interval: 200 };
const k = (key: Parameters<typeof t>[1]) => t('kk', key);

describe('the reports in the playground', () => {
  let server: RunningServer;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir('playground-reports');
    server = await startServer(dataDir);
    ({ page, close: closeBrowser } = await openPage(errors));
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens the Library menu, then the Reports submenu, and clicks the item. */
  const report = async (fn: string) => {
    await page.click('.menu[data-menu] > button');
    await page.hover(`li.sub:has(li[data-fn="${fn}"])`);
    await page.click(`li[data-fn="${fn}"]`);
  };

  /**
   * Scrolls the grid right, up to column B (the labels of column A give way to the charts), so that
   * the numbers and the charts beside them are in view (page code as text: no DOM types here).
   */
  const showCharts = (whole = false) =>
    page.evaluate(`(() => {
      const wrap = document.getElementById('gridwrap');
      const heads = document.querySelectorAll('#grid thead th');
      const box = wrap.querySelector('.chart-box');
      const toB = heads[2].offsetLeft - heads[0].offsetWidth;
      wrap.scrollLeft = ${whole} ? Math.max(toB, box.offsetLeft + box.offsetWidth - wrap.clientWidth + 8) : toB;
    })()`);

  interface Drawn {
    title: string;
    type: string;
    labels: string[];
    data: number[][];
  }
  /** The data Chart.js drew for the charts of the sheet now shown. */
  const drawn = () =>
    page.evaluate(`Array.from(document.querySelectorAll('.chart-box canvas')).map((c) => {
      const chart = Chart.getChart(c);
      return {
        title: c.parentElement.dataset.title,
        type: chart.config.type,
        labels: chart.data.labels,
        data: chart.data.datasets.map((d) => d.data),
      };
    })`) as Promise<Drawn[]>;

  it('draws the coverage chart from its ranges: the grades and their coverage in percent', {
    timeout: 90_000,
  }, async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('.menu[data-menu] > button').count(), WAIT).toBe(1);
    await report('buildTextbookCoverage');
    await page.waitForSelector('#overlay.open [role=alert]');
    expect(await page.textContent('#overlay [role=alert]')).toContain('%');
    await page.click('#dialog-ok');
    await page.click(`#tabs button[data-sheet="${k('report.sheet.coverage')}"]`);
    await expect.poll(() => page.locator('.chart-box canvas').count(), WAIT).toBe(1);
    const [chart] = await drawn();
    expect(chart.title).toBe(k('cov.chart'));
    expect(chart.type).toBe('bar');
    expect(chart.labels).toEqual(['5', '6', '7', '8', '9', '10', '11']);
    // The same numbers as the sheet's by-grade rows (a fraction there, percent on the chart).
    const grid = (await (
      await fetch(`${server.url}api/sheet?name=${encodeURIComponent(k('report.sheet.coverage'))}&limit=400`)
    ).json()) as { rows: Array<{ values: string[] }> };
    const at = grid.rows.findIndex((r) => r.values[0] === k('cov.byGrade'));
    const shown = grid.rows.slice(at + 2, at + 9).map((r) => Number(r.values[4].replace('%', '').replace(',', '.')));
    expect(chart.data[0]).toEqual(shown);
    await showCharts(true);
    await page.screenshot({ path: path.join(SHOTS, 'report-coverage.png') });
  });

  it('statistics for the school year so far: issues and visits by month, charted', { timeout: 90_000 }, async () => {
    await report('buildStatistics');
    await page.waitForSelector('#overlay.open #dialog-input');
    await page.click('#dialog button[data-button="OK"]');
    await page.waitForSelector('#overlay.open [role=alert]');
    await page.click('#dialog-ok');
    await page.click(`#tabs button[data-sheet="${k('report.sheet.statistics')}"]`);
    await expect.poll(() => page.locator('.chart-box canvas').count(), WAIT).toBe(2);
    const charts = await drawn();
    expect(charts.map((c) => c.title)).toEqual([k('stats.chart.issues'), k('stats.chart.visits')]);
    expect(charts[0].labels).toEqual(['08.2025', '09.2025', '10.2025', '11.2025']);
    // The demo lends books from late August: September's issues and visits are there.
    expect(charts[0].data[0][1]).toBeGreaterThan(0);
    expect(charts[1].data[0][1]).toBeGreaterThan(0);
  });

  it('the summing-up of the year: its A4 print view, then its sheet with four charts', {
    timeout: 90_000,
  }, async () => {
    await report('buildYearSummary');
    await page.waitForSelector('#overlay.open #dialog-frame');
    const frame = page.frameLocator('#dialog-frame');
    await expect.poll(() => frame.locator('h1').textContent(), WAIT).toContain('2025-2026');
    expect(await frame.locator('h2').allTextContents()).toContain(k('ann.readers'));
    expect(await frame.locator('h2').allTextContents()).toContain(k('ann.events'));
    await page.screenshot({ path: path.join(SHOTS, 'report-annual-print.png') });
    await page.click('#dialog .buttons button');
    await page.click(`#tabs button[data-sheet="${k('report.sheet.annual')}"]`);
    await expect.poll(() => page.locator('.chart-box canvas').count(), WAIT).toBe(4);
    const charts = await drawn();
    expect(charts.map((c) => c.title)).toEqual([
      k('ann.chart.fund'),
      k('cov.chart'),
      k('stats.chart.issues'),
      k('stats.chart.visits'),
    ]);
    expect(charts[0].type).toBe('pie');
    expect(charts[0].labels).toEqual(['оқулық', 'көркем әдебиет', 'анықтамалық', 'әдістемелік', 'мерзімді басылым']);
    await showCharts();
    await page.screenshot({ path: path.join(SHOTS, 'report-annual.png') });
  });

  it('logged no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
