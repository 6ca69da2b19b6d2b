import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { Session } from '../playground/session';
import { build } from '../scripts/build';
import { TEST_DEMO } from './playground/support';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared headless Chromium of this run (browser tests connect to it), when one was started. */
    chromiumEndpoint: string | undefined;
    /** A folder with the tests' demo workbook and its state file, made once (copied, never changed). */
    playgroundDemo: string | undefined;
  }
}

/**
 * Tests exercise the artifact that would be pushed: build it once before any test runs. When the run
 * has browser tests, one headless Chromium serves them all (each test file gets its own browser
 * contexts): starting Chromium for each file cost about two seconds of CPU each time. When it has
 * playground or browser tests, the demo workbook is made once too: a playground started on a copy
 * opens it instead of generating, setting up and saving the demo school again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build();
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');
  const wants = (folder: string) => filters.length === 0 || filters.some((f) => f.includes(folder));
  const done: Array<() => unknown> = [];
  const teardown = async () => {
    for (const d of done) await d();
  };
  // Side by side: Chromium starts in its own processes while this one makes the demo workbook.
  const browser =
    wants('browser') && existsSync(CHROMIUM)
      ? chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
      : null;
  // Its failure is reported where it is awaited, below, not as an unhandled rejection meanwhile.
  browser?.catch(() => undefined);
  try {
    if (wants('browser') || wants('playground')) {
      const demo = mkdtempSync(path.join(os.tmpdir(), 'playground-template-'));
      done.push(() => rmSync(demo, { recursive: true, force: true }));
      const { session } = await Session.open({ dataDir: demo, bundle: 'build/Code.js', demo: TEST_DEMO });
      await session.close();
      project.provide('playgroundDemo', demo);
    }
    if (browser) {
      const server = await browser;
      project.provide('chromiumEndpoint', server.wsEndpoint());
      done.push(() => server.close());
    }
  } catch (e) {
    // A setup that fails leaves no Chromium and no demo folder behind.
    await (await browser?.catch(() => null))?.close();
    await teardown();
    throw e;
  }
  return teardown;
}
