/** Headless Debian Chromium for browser tests (never a downloaded browser); Playwright gives it a fresh profile. */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Runtime } from '../../emulator';
import { googleScriptRunClient, invokeFromClient } from '../../emulator/script-run';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Root needs --no-sandbox; the closed network refuses Chromium's background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Chromium for a test file: the run's shared one when the global setup started it (closing it only
 * disconnects), else one of its own.
 */
export async function launchChromium(): Promise<Browser> {
  const shared = inject('chromiumEndpoint');
  if (shared) return chromium.connect(shared);
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: run .ci/run, or apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Where browser tests put their screenshots: docs/screenshots when refreshing the README's pictures
 * (`npm run screenshots`), else a scratch folder, so a test run leaves the work tree as it was.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';

/**
 * A desktop-sized page in a fresh Chromium that records every page error and console error into
 * `errors` (browser tests assert it stays empty).
 */
export async function openPage(errors: string[]): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1360, height: 800 } });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, close: () => browser.close() };
}

/**
 * The desk sidebar the bundle shows (Library → Desk), in a 320 px page whose google.script.run calls
 * the bundle in the runtime, as Sheets' sidebar iframe does. Page and console errors go to `errors`.
 */
export async function openSidebarPage(browser: Browser, rt: Runtime): Promise<{ page: Page; errors: string[] }> {
  rt.call('openDesk');
  const shown = rt.ui.log.filter((d) => d.kind === 'sidebar').pop();
  const content = shown && 'content' in shown ? shown.content : '';
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
