/**
 * Hostile text in the real browser: a title `<img src=x onerror=alert(1)>` and a reader whose name
 * holds a script, shown by everything the bundle puts on screen or in a mailbox (the desk sidebar,
 * every dialog and print view a menu or the desk opens, the teachers' emails). In headless Chromium
 * each shows the text as text: no image element, no script run, no alert.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { launchChromium, openSidebarPage } from '../support/browser';
import { seedLyceum } from '../support/desk-fixture';
import { at, columnOf, libraryRuntime, sheetOf } from '../support/library';

const TITLE = '<img src=x onerror=alert(1)>';
const NAME = '<script>alert(2)</script>Аружан';
const TEACHER = '<b onmouseover=alert(3)>Гүлнар</b>';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function typeInto(
  rt: Runtime,
  sheet: Parameters<typeof sheetOf>[1],
  keyColumn: string,
  key: string,
  column: string,
  value: string,
) {
  const s = sheetOf(rt, sheet);
  const row = s.peekValues().findIndex((r) => r[columnOf(rt, sheet, keyColumn)] === key) + 1;
  rt.userEdit(s.getName(), row, columnOf(rt, sheet, column) + 1, [[value]]);
}

/** The lyceum with the hostile title on loan to the hostile name, overdue in a class with a hostile teacher. */
function hostileLibrary(): Runtime {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  typeInto(rt, 'titles', 'titleId', 'F2', 'title', TITLE);
  typeInto(rt, 'titles', 'titleId', 'T7M', 'title', TITLE);
  typeInto(rt, 'readers', 'code', '00123', 'name', NAME);
  typeInto(rt, 'classes', 'class', '7А', 'teacher', TEACHER);
  rt.call('deskIssue', '00123', '000103');
  return rt;
}

/** What happened when Chromium showed `html`: alerts raised, images with src "x", and the text. */
async function show(html: string): Promise<{ alerts: string[]; images: number; text: string; scripts: string[] }> {
  const page: Page = await browser.newPage();
  const alerts: string[] = [];
  page.on('dialog', async (d) => {
    alerts.push(d.message());
    await d.dismiss();
  });
  try {
    await page.setContent(html, { waitUntil: 'load' });
    // Hover everything, so an injected onmouseover would fire too.
    await page.evaluate(
      "for (const el of document.querySelectorAll('body *')) el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))",
    );
    const images = await page.locator('img[src="x"]').count();
    const scripts = await page.locator('script').evaluateAll((s) => s.map((x) => x.textContent ?? ''));
    const text = String(await page.evaluate("document.body ? document.body.innerText : ''"));
    return { alerts, images, text, scripts };
  } finally {
    await page.close();
  }
}

describe('hostile text in the real browser', () => {
  it('every dialog and print view the menus and the desk open shows it as text', { timeout: 120_000 }, async () => {
    const rt = hostileLibrary();
    rt.ui.log.length = 0;
    rt.call('deskPrint', 'readerForm', { code: '00123' });
    rt.call('deskPrint', 'pickList', { className: '7А', titleIds: ['T7M'] });
    rt.clock.set(at('2026-12-14'));
    rt.call('buildDebtorList');
    rt.call('printDebtorLists');
    rt.call('previewDebtorEmails');
    const pages = rt.ui.log.flatMap((d) => ('content' in d && typeof d.content === 'string' ? [d.content] : []));
    // A reader form, a pick list, the debtor lists and the email preview.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    let titled = 0;
    for (const html of pages) {
      const shown = await show(html);
      expect(shown.alerts).toEqual([]);
      expect(shown.images).toBe(0);
      expect(shown.scripts.join('\n')).not.toContain('alert(2)');
      if (shown.text.includes(TITLE)) titled++;
    }
    expect(titled).toBeGreaterThanOrEqual(3);
  });

  it("the teachers' emails show it as text", { timeout: 60_000 }, async () => {
    const rt = hostileLibrary();
    rt.clock.set(at('2026-12-14'));
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2027-01-01', '23:00'));
    const mails = rt.mail.outbox.filter((m) => m.htmlBody);
    expect(mails.length).toBeGreaterThan(0);
    const toTeacher = mails.find((m) => m.to.includes('gulnar@lyceum92.kz'));
    expect(toTeacher).toBeDefined();
    for (const m of mails) {
      const shown = await show(m.htmlBody as string);
      expect(shown.alerts).toEqual([]);
      expect(shown.images).toBe(0);
      expect(shown.scripts).toEqual([]);
    }
    const shown = await show(toTeacher?.htmlBody as string);
    expect(shown.text).toContain(TITLE);
    expect(shown.text).toContain(NAME);
  });

  it('the desk sidebar shows the reader and the loan as text', { timeout: 60_000 }, async () => {
    const rt = hostileLibrary();
    const { page, errors } = await openSidebarPage(browser, rt);
    const alerts: string[] = [];
    page.on('dialog', async (d) => {
      alerts.push(d.message());
      await d.dismiss();
    });
    try {
      await page.locator('#reader').pressSequentially('00123');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#loans li[data-inventory="000103"]');
      expect(await page.textContent('#form .who')).toContain(NAME);
      expect(await page.textContent('#loans li[data-inventory="000103"]')).toContain(TITLE);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(alerts).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
