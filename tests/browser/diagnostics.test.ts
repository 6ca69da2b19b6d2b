/**
 * The Diagnostics dialog from the bundle, in headless Chromium, with google.script.run calling the
 * bundle in the runtime: the page asks for the suite, shows every case, and observes on its own the
 * cases only a page can (its google.script.run calls with a Date).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleScriptRunClient, invokeFromClient } from '../../emulator/script-run';
import { t } from '../../src/messages';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import { libraryRuntime } from '../support/library';

let browser: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the Diagnostics dialog in Chromium', () => {
  it('runs the suite, observes the google.script.run cases itself, and finds the emulator agrees everywhere', async () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    rt.call('runDiagnostics');
    const shown = rt.ui.log.filter((d) => d.kind === 'modal').pop();
    if (!shown || !('content' in shown)) throw new Error('no dialog');
    const content = shown.content;
    const ctx = rt.load('build/Code.js');
    const names = Object.keys(ctx).filter((k) => typeof ctx[k] === 'function');
    // The dialog's size, as runDiagnostics asks Sheets for it.
    const page = await browser.newPage({ viewport: { width: shown.width ?? 960, height: shown.height ?? 640 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const calls: string[] = [];
    await page.exposeFunction('__gasTransport', (name: string, args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
      return invokeFromClient(rt, name, args);
    });
    const html = content.replace('<head>', `<head><script>${googleScriptRunClient(names)}</script>`);
    await page.route('https://dialog.test/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto('https://dialog.test/diagnostics');

    await expect.poll(() => page.textContent('#verdict'), { timeout: 20_000 }).toBe(t('kk', 'diag.ui.allSame'));
    expect(await page.textContent('#intro')).toBe(t('kk', 'diag.ui.intro'));
    // The Date argument never left the page; the Date result reached it and failed the call.
    expect(calls).toEqual(['diagnosticsRun()', 'diagnosticsProbe("dateResult", "reply")']);
    for (const id of ['dateArgument', 'dateResult']) {
      expect(await page.getAttribute(`tr[data-id="${id}"]`, 'class')).toBe('same');
      expect(await page.textContent(`tr[data-id="${id}"] td:nth-child(4)`)).toBe('{"outcome":"failure"}');
    }
    expect(await page.locator('tbody tr.differs').count()).toBe(0);
    expect(await page.locator('tbody tr.harness').count()).toBe(2);
    const report = await page.inputValue('#report');
    expect(report).toContain(`[${t('kk', 'diag.ui.status.trigger')}] uiInTrigger: ${t('kk', 'diag.case.uiInTrigger')}`);
    expect(report).toContain('Asia/Almaty');
    await page.screenshot({ path: `${SCREENSHOTS}/diagnostics.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
