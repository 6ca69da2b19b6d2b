/**
 * The playground's calendar panel in Chromium: the demo workbook's plan synced from the Library menu
 * (Calendar → Sync now), then December in the panel: the plan's December events, the range that ends
 * on 2 December, and the duties that recur that month; the .ics link serves what ical.js reads as the
 * same calendar; the import dialog adds a row of the plan. Takes the README's calendar screenshot. No page or console errors are allowed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_EVENTS } from '../../playground/demo-data';
import { t } from '../../src/messages';
import { type RunningServer, startServer, tempDir } from '../playground/support';
import { openPage, SCREENSHOTS } from '../support/browser';

const SHOTS = path.resolve(SCREENSHOTS);
const WAIT = { timeout: 30_000, interval: 200 };

describe('the calendar panel in Chromium', () => {
  let server: RunningServer;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir('playground-calendar');
    server = await startServer(dataDir);
    ({ page, close: closeBrowser } = await openPage(errors));
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs the plan from Library → Calendar → Sync now and shows December by month', {
    timeout: 120_000,
  }, async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('.menu[data-menu] > button').textContent(), WAIT).toBe(t('kk', 'menu.title'));
    await page.click('.menu[data-menu] > button');
    await page.hover(`li.sub:has(> ul li[data-fn="calendarSyncNow"])`);
    await page.click('li[data-fn="calendarSyncNow"]');
    await page.waitForSelector('#overlay.open [role=alert]', { timeout: 60_000 });
    expect(await page.textContent('#overlay [role=alert]')).toContain(
      t('kk', 'calendar.sync.flagged', { count: 2, rows: '' }).split(':')[0],
    );
    await page.click('#dialog-ok');

    await page.click('#panels button[data-panel="calendar"]');
    await page.click('.months button[data-month="2025-12"]');
    const month = page.locator('table.cal-month[data-month="2025-12"]');
    await expect.poll(() => month.count(), WAIT).toBe(1);
    const text = (await month.textContent()) ?? '';
    // The plan's December events, read from the demo's plan (independent of the calendar code).
    const december = PLAN_EVENTS.filter((e) => e.date.startsWith('2025-12') || (e.endDate ?? '').startsWith('2025-12'));
    expect(december.length).toBeGreaterThanOrEqual(4);
    for (const e of december) expect(text).toContain(e.title);
    expect(text).toContain('10.11–02.12');
    // The duties that recur in December: the monthly ones, and the ratings (December and May).
    for (const duty of ['duty.debtors', 'duty.textbookRaid', 'duty.ratings'] as const)
      expect(text).toContain(`↻ ${t('kk', duty)}`);
    expect(text).not.toContain(t('kk', 'duty.writeOff'));
    // The Events sheet behind it, each row with its state.
    await page.click(`#tabs button[data-sheet="${t('kk', 'sheet.events')}"]`);
    await page.waitForSelector(`#grid td[title="${t('kk', 'enum.syncState.synced')}"]`);
    await page.screenshot({ path: path.join(SHOTS, 'calendar.png') });
  });

  it('serves the .ics that ical.js reads as the same calendar', async () => {
    const cals = (await (await fetch(`${server.url}api/calendar`)).json()) as Array<{
      id: string;
      primary: boolean;
      events: Array<{ title: string }>;
    }>;
    const cal = cals.find((c) => !c.primary);
    if (!cal) throw new Error('no library calendar');
    const href = await page.locator('h4.cal-name a').getAttribute('href');
    const ics = await (await fetch(new URL(String(href), server.url))).text();
    const events = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v).summary);
    expect(events.sort()).toEqual(cal.events.map((e) => e.title).sort());
    expect(events.length).toBe(20 + 8);
  });

  it("adds a row from the plan's table through the import dialog (google.script.run)", {
    timeout: 90_000,
  }, async () => {
    await page.click('.menu[data-menu] > button');
    await page.hover(`li.sub:has(> ul li[data-fn="calendarImportDialog"])`);
    await page.click('li[data-fn="calendarImportDialog"]');
    const dialog = page.frameLocator('#dialog-frame');
    await dialog.locator('#plan').fill('1 | Кітап апталығы | 08.12.25 | Кітапхана меңгерушісі');
    await dialog.locator('#add').click();
    await expect
      .poll(() => dialog.locator('#result.ok').textContent(), WAIT)
      .toBe(t('kk', 'calendar.import.done', { added: 1, flagged: 0, known: 0, undated: 0 }));
    await dialog.locator('#close').click();
    await expect.poll(() => page.locator('#overlay.open').count(), WAIT).toBe(0);
  });

  it('logged no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
