/**
 * The guide's pictures, taken from the playground in Chromium, one per chapter of the guide, in the
 * guide's language (the language is switched through the Library menu, as the librarian does); and
 * the in-product Help: a refusal at the desk has a Help link that opens the guide in a dialog at the
 * section that explains it, and Library → Help opens it at the start. One page session for all.
 *
 * `UPDATE_SCREENSHOTS=1` (npm run screenshots) writes the pictures into docs/guide/pictures/<lang>/
 * and takes every language; a plain test run (kept short: the machine has two cores) takes the
 * Kazakh ones into test-results/; tests/bundle/help.test.ts opens the Help in every language.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_CHAPTERS } from '../../src/help/sections';
import { type Lang, type MessageKey, t } from '../../src/messages';
import { type RunningServer, startServer, tempDir, testDemo } from '../playground/support';
import { openPage } from '../support/browser';

const UPDATE = !!process.env.UPDATE_SCREENSHOTS;
const SHOTS = path.resolve(UPDATE ? 'docs/guide/pictures' : 'test-results/screenshots/guide');
const LANGS: Lang[] = UPDATE ? ['kk', 'ru', 'en'] : ['kk'];
const SWITCH: Record<Lang, string> = { kk: 'useKazakh', ru: 'useRussian', en: 'useEnglish' };
/** Every action saves the 20,000-row workbook in the background; the machine may have two cores. */
const WAIT = { timeout: 30_000, interval: 200 };

describe('the guide’s pictures and the Help, in the playground', () => {
  let server: RunningServer;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let dataDir: string;
  const errors: string[] = [];
  // The school the server was started with (the small one, the lyceum for npm run screenshots).
  const tour = testDemo().tour;
  const taken = new Map<Lang, string[]>();

  beforeAll(async () => {
    dataDir = tempDir('playground-guide');
    server = await startServer(dataDir);
    ({ page, close: closeBrowser } = await openPage(errors));
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const shot = async (lang: Lang, id: string) => {
    mkdirSync(path.join(SHOTS, lang), { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, lang, `${id}.png`) });
    taken.set(lang, [...(taken.get(lang) ?? []), id]);
  };
  /** A menu item, through its submenu when it has one, as the librarian clicks it. */
  const menu = async (fn: string) => {
    await page.click('.menu[data-menu] > button');
    const sub = page.locator(`li.sub:has(> ul li[data-fn="${fn}"])`);
    if ((await sub.count()) > 0) await sub.hover();
    await page.click(`li[data-fn="${fn}"]`);
  };
  const okAlert = async () => {
    await page.waitForSelector('#overlay.open [role=alert]', { timeout: 60_000 });
    await page.click('#dialog-ok');
  };
  const closeDialog = () => page.click('#dialog .buttons button');
  const sheetTab = async (lang: Lang, key: MessageKey) => {
    await page.click(`#tabs button[data-sheet="${t(lang, key)}"]`);
    await page.waitForSelector('#grid tr.frozen td');
  };
  const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

  it('opens the demo workbook with the Library menu in Kazakh', { timeout: 60_000 }, async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('.menu[data-menu] > button').textContent(), WAIT).toBe(t('kk', 'menu.title'));
  });

  for (const lang of LANGS) {
    it(`takes a picture for every chapter of the ${lang} guide`, { timeout: 240_000 }, async () => {
      if (lang !== 'kk') {
        await menu(SWITCH[lang]);
        await okAlert();
        // Sheets builds the menu when the spreadsheet opens: reload, as the alert says.
        await page.reload();
        await expect
          .poll(() => page.locator('.menu[data-menu] > button').textContent(), WAIT)
          .toBe(t(lang, 'menu.title'));
      }
      // The sheets: Settings (first day), Readers, Events (the calendar).
      await sheetTab(lang, 'sheet.settings');
      await expect.poll(() => page.locator('#grid').textContent(), WAIT).toContain(t(lang, 'setting.textbookDue'));
      await shot(lang, 'start');
      await sheetTab(lang, 'sheet.readers');
      await shot(lang, 'sheets');
      await sheetTab(lang, 'sheet.events');
      await shot(lang, 'calendar');

      // The Library menu, open.
      await page.click('.menu[data-menu] > button');
      await expect
        .poll(() => page.locator(`li[data-fn="showHelp"]`).textContent(), WAIT)
        .toContain(t(lang, 'menu.help'));
      await shot(lang, 'menu');
      await page.keyboard.press('Escape');
      await page.mouse.click(700, 500);

      // Reports: textbook coverage, its sheet and chart.
      await menu('buildTextbookCoverage');
      await okAlert();
      await sheetTab(lang, 'report.sheet.coverage' as MessageKey);
      await shot(lang, 'reports');

      // The emails: what class teachers would receive.
      await menu('previewDebtorEmails');
      await page.waitForSelector('#overlay.open #dialog-frame');
      await expect.poll(() => page.frameLocator('#dialog-frame').locator('body').textContent(), WAIT).toContain('@');
      await shot(lang, 'emails');
      await closeDialog();

      // The fund sidebar, with its Help link.
      await menu('openFund');
      await page.waitForSelector('#sidebar.open');
      await expect.poll(() => sidebar().locator('#title').textContent(), WAIT).toBe(t(lang, 'fund.title'));
      expect(await sidebar().locator('#help-slot button').getAttribute('data-help')).toBe('fund');
      await shot(lang, 'fund');

      // The desk: a reader's form.
      await menu('openDesk');
      await expect.poll(() => sidebar().locator('#title').textContent(), WAIT).toBe(t(lang, 'desk.title'));
      await sidebar().locator('#reader').fill(tour.reader);
      await sidebar().locator('#reader').press('Enter');
      await expect.poll(() => sidebar().locator('#form .who').textContent(), WAIT).toContain(tour.readerName);
      expect(await sidebar().locator('#help-slot button').getAttribute('data-help')).toBe('desk');
      await shot(lang, 'desk');

      // Class sets: a preview; then, at the year's end, who has not returned.
      await sidebar().locator('#tab-class').click();
      expect(await sidebar().locator('#help-slot button').getAttribute('data-help')).toBe('class-sets');
      await expect.poll(() => sidebar().locator('#titles input').count(), WAIT).toBeGreaterThan(0);
      await sidebar().locator('#class-preview').click();
      await expect.poll(() => sidebar().locator('#class-out p').count(), WAIT).toBeGreaterThan(0);
      await shot(lang, 'class-sets');
      await sidebar().locator('#class-returns').click();
      await expect.poll(() => sidebar().locator('#class-out ul').count(), WAIT).toBe(1);
      await shot(lang, 'year-end');

      // When something goes wrong: a refusal with its Help link, which opens the guide at its section.
      await sidebar().locator('#tab-desk').click();
      await sidebar().locator('#copy').fill('NO-SUCH-COPY');
      await sidebar().locator('#copy').press('Enter');
      const refusal = sidebar().locator('#messages li.msg.err').first();
      await expect
        .poll(() => refusal.textContent(), WAIT)
        .toContain(t(lang, 'desk.error.unknownCopy', { inventory: 'NO-SUCH-COPY' }));
      await refusal.locator('button.help').click();
      await page.waitForSelector('#overlay.open #dialog-frame');
      const help = page.frameLocator('#dialog-frame');
      await expect.poll(() => help.locator('body').getAttribute('data-section'), WAIT).toBe('trouble-desk');
      expect(await help.locator('#trouble-desk').getAttribute('class')).toBe('asked');
      expect(await help.locator('#trouble-desk').textContent()).toBe(t(lang, 'help.section.trouble-desk'));
      // The section quotes the very refusal shown, in this language, and is in view.
      expect(await help.locator('#guide').textContent()).toContain(
        t(lang, 'desk.error.unknownCopy', { inventory: '…' }),
      );
      await expect.poll(() => help.locator('#trouble-desk').isVisible(), WAIT).toBe(true);
      expect(await page.textContent('#dialog h3')).toBe(t(lang, 'help.title'));
      await shot(lang, 'trouble');
      await closeDialog();

      expect(taken.get(lang)?.slice().sort()).toEqual([...GUIDE_CHAPTERS].sort());
    });
  }

  it('Library → Help opens the guide at its start, and a link inside it opens another section', {
    timeout: 60_000,
  }, async () => {
    const lang = LANGS[LANGS.length - 1];
    await menu('showHelp');
    await page.waitForSelector('#overlay.open #dialog-frame');
    const help = page.frameLocator('#dialog-frame');
    await expect.poll(() => help.locator('nav a').count(), WAIT).toBe(GUIDE_CHAPTERS.length);
    expect(await help.locator('#contents-title').textContent()).toBe(t(lang, 'help.contents'));
    expect(await help.locator('.asked').count()).toBe(0);
    await help.locator('nav a[data-section="fund"]').click();
    await expect.poll(() => help.locator('body').getAttribute('data-section'), WAIT).toBe('fund');
    expect(await help.locator('#fund').textContent()).toBe(t(lang, 'help.section.fund'));
    await closeDialog();
  });

  it('logged no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
