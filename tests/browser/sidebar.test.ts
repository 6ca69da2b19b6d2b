/**
 * The real desk sidebar from the bundle, in headless Chromium, with google.script.run calling the
 * bundle in the runtime: a librarian scans a reader card and a book (code + Enter) and sees the loan.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { launchChromium, openSidebarPage, SCREENSHOTS } from '../support/browser';
import { seedLyceum } from '../support/desk-fixture';
import { at, libraryRuntime, rowsOf } from '../support/library';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const openSidebar = (rt: Runtime) => openSidebarPage(browser, rt);

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
    expect(await page.textContent('#messages li:first-child')).toContain('09.12.2026');
    expect(rowsOf(rt, 'loans')).toMatchObject([{ inventory: '000103', reader: '00123' }]);
    await page.screenshot({ path: `${SCREENSHOTS}/desk-sidebar.png` });

    // A refusal shows clearly and keeps the field ready for the next scan.
    await page.keyboard.type('000103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#messages li.err');
    expect(await page.textContent('#messages li:first-child')).toContain('000103');
    expect(rowsOf(rt, 'loans')).toHaveLength(1);

    // F4 switches to return; scanning the copy returns it.
    await page.keyboard.press('F4');
    await page.fill('#copy', '000103');
    await page.keyboard.press('Enter');
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

  it('a burst of five scans leaves five messages visible, the newest first', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const { page, errors } = await openSidebar(rt);
    await page.locator('#reader').pressSequentially('00123');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form .who');
    // A scanner types faster than the server answers: five codes and Enters, no waiting.
    for (const code of ['000101', '000102', '000103', '000999', '000104']) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.locator('#messages li').count()).toBe(5);
    const texts = await page.locator('#messages li').allTextContents();
    expect(texts[0]).toContain('000104');
    expect(texts[1]).toContain(t('kk', 'desk.error.unknownCopy', { inventory: '000999' }));
    expect(texts[4]).toContain('000101');
    expect(await page.locator('#messages li.err').count()).toBe(1);
    // The second copy of the same title went out with a warning, shown under its message.
    expect(texts[3]).toContain(t('kk', 'desk.warn.sameTitle', { reader: 'Әлиева Аружан', inventory: '000101' }));
    expect(rowsOf(rt, 'loans')).toHaveLength(4);
    await page.screenshot({ path: `${SCREENSHOTS}/desk-messages.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks a copy lost only after the librarian confirms with a button', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    rt.call('deskIssue', '00123', '000103');
    const { page, errors } = await openSidebar(rt);
    await page.locator('#reader').pressSequentially('00123');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form .who');
    await page.click('#mode-lost');
    await page.fill('#copy', '000103');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#lost-confirm:not(.hidden)');
    expect(await page.textContent('#lost-question')).toBe(t('kk', 'desk.lost.ask', { inventory: '000103' }));
    await page.click('#lost-no');
    expect(rowsOf(rt, 'loans')[0].status).toBe('оқырманда');
    await page.fill('#copy', '000103');
    await page.keyboard.press('Enter');
    await page.click('#lost-yes');
    await page.waitForSelector('#messages li.ok');
    expect(rowsOf(rt, 'loans')[0].status).toBe('жоғалды');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints the reader form, the pick list and the debtor lists for A4 (screenshots of the print views)', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    rt.call('deskIssue', '00123', '000103');
    rt.call('deskIssue', '00201', '000104');
    rt.clock.set(at('2026-12-14'));
    const views: Array<[string, () => void]> = [
      ['print-reader-form', () => rt.call('deskPrint', 'readerForm', { code: '00123' })],
      ['print-pick-list', () => rt.call('deskPrint', 'pickList', { className: '7А', titleIds: ['T7M', 'T7K'] })],
      ['print-debtors', () => rt.call('printDebtorLists')],
    ];
    for (const [name, open] of views) {
      open();
      const shown = rt.ui.log.filter((d) => d.kind === 'modal').pop()!;
      const html = 'content' in shown ? shown.content : '';
      const page = await browser.newPage({ viewport: { width: 820, height: 1100 } });
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      // The Print button is for the screen only.
      expect(await page.isVisible('.bar button')).toBe(false);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(1000);
      await page.close();
    }
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
