import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { build } from '../scripts/build';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared headless Chromium of this run (browser tests connect to it), when one was started. */
    chromiumEndpoint: string | undefined;
  }
}

/**
 * Tests exercise the artifact that would be pushed: build it once before any test runs. When the run
 * has browser tests, one headless Chromium serves them all (each test file gets its own browser
 * contexts): starting Chromium for each file cost about two seconds of CPU each time.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  await build();
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');
  const browserTests = filters.length === 0 || filters.some((f) => f.includes('browser'));
  if (!browserTests || !existsSync(CHROMIUM)) return undefined;
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
