/**
 * The Fund sidebar from the bundle in headless Chromium, google.script.run calling the bundle in the
 * runtime: a stocktake scanned with a burst of codes. Then the print views of a write-off act and of
 * labels, screenshots of both; the labels drawn in the real "Libre Barcode 128" font (served from the
 * npm package, as the playground serves it) are read back from the pixels by ZXing's Code 128 reader.
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { googleScriptRunClient, invokeFromClient } from '../../emulator/script-run';
import { barcodeFontCss, barcodeFontFile, GOOGLE_FONTS } from '../../playground/fonts';
import { t } from '../../src/messages';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import { seedFund } from '../support/fund';
import { at, libraryRuntime, rowsOf } from '../support/library';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Google Fonts, answered from this machine (the closed network reaches no CDN). */
async function serveFonts(page: Page): Promise<void> {
  await page.route(GOOGLE_FONTS, (route) =>
    route.fulfill({
      contentType: 'text/css',
      body: barcodeFontCss('https://fonts.gstatic.com/s/librebarcode128.woff2'),
    }),
  );
  await page.route('https://fonts.gstatic.com/**', (route) =>
    route.fulfill({ contentType: 'font/woff2', body: barcodeFontFile() }),
  );
}

async function openFund(rt: Runtime): Promise<{ page: Page; errors: string[] }> {
  rt.call('openFund');
  const shown = rt.ui.log.filter((d) => d.kind === 'sidebar').pop()!;
  const content = 'content' in shown ? shown.content : '';
  const ctx = rt.load('build/Code.js');
  const names = Object.keys(ctx).filter((k) => typeof ctx[k] === 'function');
  const page = await browser.newPage({ viewport: { width: 320, height: 760 } });
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
  await page.goto('https://sidebar.test/fund');
  return { page, errors };
}

/** A print view the bundle showed last, in a page of its own. */
async function printView(rt: Runtime, width: number): Promise<Page> {
  const shown = rt.ui.log.filter((d) => d.kind === 'modal').pop()!;
  const html = 'content' in shown ? shown.content : '';
  const page = await browser.newPage({ viewport: { width, height: 1100 }, deviceScaleFactor: 2 });
  await serveFonts(page);
  await page.route('https://print.test/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto('https://print.test/view');
  await page.evaluate('document.fonts.ready.then(() => true)');
  return page;
}

/** What a scanner reads from an element's pixels: ZXing's Code 128 reader over its grey levels. */
async function scanPixels(page: Page, selector: string, index: number): Promise<string> {
  const png = await page.locator(selector).nth(index).screenshot();
  // Runs in the page (a string: the test is compiled without the DOM's types).
  const { width, height, grey } = (await page.evaluate(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png.toString('base64')}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const grey = [];
    for (let i = 0; i < data.length; i += 4) grey.push(Math.round((data[i] + data[i + 1] + data[i + 2]) / 3));
    return { width: img.width, height: img.height, grey };
  })()`)) as { width: number; height: number; grey: number[] };
  const source = new RGBLuminanceSource(Uint8ClampedArray.from(grey), width, height);
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new MultiFormatReader();
  reader.setHints(hints);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}

describe('the Fund sidebar in Chromium', () => {
  it('a stocktake: opened, then a burst of scans in section A, every answer kept, the newest first', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    const { page, errors } = await openFund(rt);
    await expect.poll(() => page.textContent('#title')).toBe(t('kk', 'fund.title'));
    await page.click('#tab-stocktake');
    await expect.poll(() => page.textContent('#s-state')).toBe(t('kk', 'fund.s.none'));
    await page.click('#s-open');
    await page.waitForSelector('#s-scan:not(.hidden)');
    expect(await page.textContent('#s-msg')).toBe(
      t('kk', 'fund.stocktake.opened', { id: '2026-1', expected: 13, onLoan: 0 }),
    );
    await page.fill('#s-section', 'A');
    await page.focus('#s-code');
    // A scanner is faster than the server: five codes and Enters, no waiting (000102 under the Kazakh layout).
    for (const code of ['000101', 'қққ"қә', '700001', 'ZZ-9', '000101']) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.locator('#s-messages li').count()).toBe(5);
    const texts = await page.locator('#s-messages li').allTextContents();
    expect(texts[4]).toBe(t('kk', 'fund.scan.found', { inventory: '000101', title: 'Абай Құнанбайұлы. Қара сөздер' }));
    expect(texts[3]).toBe(t('kk', 'fund.scan.found', { inventory: '000102', title: 'Абай Құнанбайұлы. Қара сөздер' }));
    expect(texts[2]).toBe(
      t('kk', 'fund.scan.misplaced', {
        inventory: '700001',
        title: 'Әбілқасымова А. Алгебра 7',
        location: 'U',
        section: 'A',
      }),
    );
    expect(texts[1]).toBe(t('kk', 'fund.scan.unknown', { code: 'ZZ-9' }));
    expect(texts[0]).toContain('000101');
    expect(await page.textContent('#s-count')).toBe(t('kk', 'fund.s.scanned', { count: 5 }));
    const list = rowsOf(rt, 'stocktakeList');
    expect(list.filter((r) => r.result !== '').map((r) => [r.inventory, r.result])).toEqual([
      ['000101', 'табылды'],
      ['000102', 'табылды'],
      ['700001', 'басқа бөлімнен табылды'],
      ['ZZ-9', 'қорда жоқ'],
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}/fund-stocktake.png` });
    // Closing asks first, then lists.
    await page.click('#s-close');
    await page.waitForSelector('#s-confirm:not(.hidden)');
    await page.click('#s-yes');
    await page.waitForSelector('#s-after:not(.hidden)');
    expect(await page.textContent('#s-msg')).toContain(t('kk', 'enum.stocktakeStatus.closed').slice(0, 3));
    expect(rowsOf(rt, 'stocktakes')[0]).toMatchObject({ found: 3, missing: 10, unknown: 1, misplaced: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('records an arrival from the form, then prints its labels', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    const { page, errors } = await openFund(rt);
    await page.waitForSelector('#a-kind option', { state: 'attached' });
    await page.fill('#a-source', 'Атамұра');
    await page.fill('#a-document', 'Жүкқұжат № 5');
    await page.fill('#a-code', 'F2');
    await page.fill('#a-copies', '2');
    await page.fill('#a-price', '3200');
    await page.click('#a-add');
    await page.fill('#a-title', 'Көшпенділер');
    await page.selectOption('#a-kind', 'fiction');
    await page.fill('#a-copies', '1');
    await page.fill('#a-price', '4100');
    await page.click('#a-add');
    expect(await page.locator('#a-lines li').count()).toBe(2);
    await page.click('#a-record');
    await page.waitForSelector('#a-msg.ok, #a-msg.err');
    expect(await page.getAttribute('#a-msg', 'class'), (await page.textContent('#a-msg')) ?? '').toBe('msg ok');
    expect(await page.textContent('#a-msg')).toContain('700103–700105');
    expect(
      rowsOf(rt, 'copies')
        .slice(-3)
        .map((c) => c.inventory),
    ).toEqual(['700103', '700104', '700105']);
    await page.click('#a-labels');
    await expect.poll(() => rt.ui.log.filter((d) => d.kind === 'modal').length).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the Fund sidebar: a raid, then a write-off act', () => {
  it('a condition raid of class 7А finds a worn textbook; back on the shelf it is a candidate beside a lost copy, written off by act and approved', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    // The class holds its Algebra textbooks (the class-set issue at the desk).
    expect((rt.call('deskClassIssue', '7А', ['T7M'], false) as { ok: boolean }).ok).toBe(true);
    const { page, errors } = await openFund(rt);
    await page.waitForSelector('#r-class option', { state: 'attached' });
    await page.click('#tab-raid');
    await page.selectOption('#r-kind', 'textbooks');
    await page.selectOption('#r-class', '7А');
    await page.click('#r-load');
    await expect.poll(() => page.locator('#r-list tr').count()).toBe(3);
    await page.selectOption('#r-list tr[data-inventory="700001"] select', 'unsatisfactory');
    await page.click('#r-save');
    await page.waitForSelector('#r-msg.ok, #r-msg.err');
    expect(await page.getAttribute('#r-msg', 'class'), (await page.textContent('#r-msg')) ?? '').toBe('msg ok');
    expect(rowsOf(rt, 'raids').map((r) => [r.inventory, r.condition])).toEqual([
      ['700001', t('kk', 'enum.condition.unsatisfactory')],
      ['700002', t('kk', 'enum.condition.good')],
      ['700003', t('kk', 'enum.condition.good')],
    ]);
    await page.click('#r-needs');
    await expect
      .poll(() => page.textContent('#r-needs-list'))
      .toBe(t('kk', 'fund.r.need', { title: 'Әбілқасымова А. Алгебра 7', replace: 1, repair: 0 }));

    // Returned, the worn copy is a candidate; so is the lost one (both filters ticked by default).
    expect((rt.call('deskReturn', '700001') as { ok: boolean }).ok).toBe(true);
    await page.click('#tab-writeOff');
    await page.click('#w-find');
    await expect.poll(() => page.locator('#w-candidates tr').count()).toBe(2);
    const rows = await page
      .locator('#w-candidates tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-inventory')));
    expect([...rows].sort()).toEqual(['000301', '700001']);
    // The librarian gives the textbook another reason than the one proposed.
    await page.selectOption('#w-candidates tr[data-inventory="700001"] select', 'defective');
    await page.click('#w-create');
    await page.waitForSelector('#w-acts tr[data-act="2026-1"]');
    expect(await page.textContent('#w-msg')).toBe(
      t('kk', 'fund.act.created', { act: '2026-1', date: '25.11.2026', copies: 2, sum: '5\u00a0000,00' }),
    );
    expect(rowsOf(rt, 'acts').map((a) => [a.inventory, a.reason])).toEqual(
      rows.map((inv) => [
        inv,
        t('kk', inv === '700001' ? 'enum.writeOffReason.defective' : 'enum.writeOffReason.lost'),
      ]),
    );
    await page.click(`#w-acts tr[data-act="2026-1"] button:text("${t('kk', 'fund.w.approve')}")`);
    await expect.poll(() => page.textContent('#w-msg')).toBe(t('kk', 'fund.act.approved', { act: '2026-1' }));
    expect(rowsOf(rt, 'acts').every((a) => a.status === t('kk', 'enum.actStatus.approved'))).toBe(true);
    for (const inv of ['000301', '700001'])
      expect(rowsOf(rt, 'copies').find((c) => c.inventory === inv)).toMatchObject({
        status: t('kk', 'enum.copyStatus.writtenOff'),
        writeOffAct: '2026-1',
      });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('print views of the fund', () => {
  it('the write-off act on A4 (screenshot)', async () => {
    const rt = libraryRuntime({ now: at('2026-10-15') });
    seedFund(rt);
    rt.call('fundCreateAct', [
      { inventory: '000301', reason: 'lost' },
      { inventory: '000104', reason: 'worn' },
      { inventory: '000201', reason: 'obsolete' },
    ]);
    expect((rt.call('fundPrintAct', '2026-1') as { ok: boolean }).ok).toBe(true);
    const page = await printView(rt, 820);
    expect(await page.textContent('h1')).toBe(t('kk', 'fund.act.heading', { act: '2026-1', date: '15.10.2026' }));
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.bar button')).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/print-act.png`, fullPage: true });
    expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(1000);
    await page.close();
  });

  it('labels on A4 label paper, drawn in Libre Barcode 128, read back from the pixels as their numbers (screenshot)', async () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    const arrival = rt.call('fundRecordArrival', {
      source: 'Атамұра',
      document: 'Жүкқұжат № 9',
      lines: [
        { titleId: 'F2', copies: 3, price: 3200 },
        { titleId: 'T7K', copies: 2, price: 2100 },
      ],
    }) as { ok: boolean; record: string; inventories: string[] };
    expect(arrival.ok).toBe(true);
    rt.call('fundPrintLabels', { record: arrival.record });
    const page = await printView(rt, 860);
    expect(await page.evaluate(`document.fonts.check('40px "Libre Barcode 128"')`)).toBe(true);
    const codes = await page.locator('.label .code').allTextContents();
    expect(codes).toEqual(arrival.inventories);
    for (let i = 0; i < codes.length; i++) expect(await scanPixels(page, '.label .bars', i)).toBe(codes[i]);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOTS}/print-labels.png`, clip: { x: 0, y: 0, width: 800, height: 560 } });
    await page.close();
  });
});
