import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Apps Script runs the script in its own time zone; the project's is Asia/Almaty.
    env: { TZ: 'Asia/Almaty' },
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    // Two workers on this two-core machine: much of a browser or playground test waits on another
    // process (Chromium, a server, a save worker), so the other worker keeps the CPU busy.
    maxWorkers: 2,
    hookTimeout: 60_000,
  },
});
