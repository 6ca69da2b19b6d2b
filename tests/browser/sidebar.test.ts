/**
 * The real desk sidebar from the bundle, in headless Chromium, with google.script.run calling the
 * bundle in the runtime: a librarian scans a reader card and a book (code + Enter) and sees the loan.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { googleScriptRunClient, invokeFromClient } from '../../emulator/script-run';
import { t } from '../../src/i18n';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import { seedLyceum } from '../support/desk-fixture';
import { at, libraryRuntime, rowsOf } from '../support/library';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openSidebar(rt: Runtime): Promise<{ page: Page; errors: string[] }> {
  rt.call('openDesk');
  const shown = rt.ui.log.filter((d) => d.kind === 'sidebar').pop()!;
  const content = 'content' in shown ? shown.content : '';
  const ctx = rt.load('build/Code.js');
  const names = Object.keys(ctx).filter((k) => typeof ctx[k] === 'function');
  // A Sheets sidebar is 300 px wide.
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.exposeFunction('__gasTransport', (name: string, args: unknown[]) => invokeFromClient(rt, name, args));
  const html = content.replace('<head>', `<head><script>${googleScriptRunClient(names)}</script>`);
  await page.route('https://sidebar.test/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto('https://sidebar.test/desk');
  return { page, errors };
}

describe('the desk sidebar in Chromium', () => {
  it('scanning a reader card and then a book issues it and shows the loan on the reader form', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const { page, errors } = await openSidebar(rt);
    await expect.poll(() => page.textContent('#title')).toBe(t('kk', 'desk.title'));

    // The scanner types the code and Enter.
    await page.locator('#reader').pressSequentially('00123');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form .who');
    expect(await page.textContent('#form .who')).toBe('Әлиева Аружан · 00123');
    // Focus moved to the copy field, so the next scan goes there.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('copy');
    await page.keyboard.type('000103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#loans li[data-inventory="000103"]');
    expect(await page.textContent('#msg')).toContain('09.12.2026');
    expect(rowsOf(rt, 'loans')).toMatchObject([{ inventory: '000103', reader: '00123' }]);
    await page.screenshot({ path: `${SCREENSHOTS}/desk-sidebar.png` });

    // A refusal shows clearly and keeps the field ready for the next scan.
    await page.keyboard.type('000103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#msg.err');
    expect(await page.textContent('#msg')).toContain('000103');
    expect(rowsOf(rt, 'loans')).toHaveLength(1);

    // F4 switches to return; scanning the copy returns it.
    await page.keyboard.press('F4');
    await page.fill('#copy', '000103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#msg.ok');
    await expect.poll(() => page.locator('#loans li').count()).toBe(0);
    expect(rowsOf(rt, 'loans')[0].status).toBe('қайтарылды');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('issues a class set only after a preview of exactly that selection', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const { page, errors } = await openSidebar(rt);
    await page.click('#tab-class');
    await page.waitForSelector('#titles input');
    await page.selectOption('#class-select', '7А');
    expect(await page.isDisabled('#class-issue')).toBe(true);
    await page.click('#class-preview');
    await expect.poll(() => page.isDisabled('#class-issue')).toBe(false);
    expect(await page.textContent('#class-out')).toContain(
      t('kk', 'desk.class.summary', { class: '7А', pupils: 3, copies: 5 }),
    );
    // Changing the selection asks for a new preview.
    await page.locator('#titles input').first().uncheck();
    expect(await page.isDisabled('#class-issue')).toBe(true);
    await page.click('#class-preview');
    await expect.poll(() => page.isDisabled('#class-issue')).toBe(false);
    await page.click('#class-issue');
    await page.waitForSelector('#class-msg.ok');
    expect(rowsOf(rt, 'loans')).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows reader names as text, never as HTML', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const readers = rt.spreadsheet.getSheetByName('Оқырмандар')!;
    readers.getRange(2, 2).setValue('<img src=x onerror="document.title=\'pwned\'">');
    const { page, errors } = await openSidebar(rt);
    await page.fill('#reader', '00123');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form .who');
    expect(await page.textContent('#form .who')).toContain('<img src=x');
    expect(await page.locator('#form img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('google.script.run refuses a Date argument, calling the failure handler', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const { page } = await openSidebar(rt);
    // Runs in the page: a sidebar passing a Date to a server function.
    const failure = await page.evaluate(`new Promise((resolve) => {
      google.script.run
        .withSuccessHandler(() => resolve('success'))
        .withFailureHandler((e) => resolve('failure: ' + e.message))
        .deskReaderForm(new Date());
    })`);
    expect(failure).toMatch(/^failure: .*Date/);
    await page.close();
  });
});
