import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Apps Script runs the script in its own time zone; the project's is Asia/Almaty.
    env: { TZ: 'Asia/Almaty' },
    globalSetup: ['tests/global-setup.ts'],
    // Generous: a busy machine runs the generated and injected cases several times slower.
    testTimeout: 120_000,
    // Two workers on this two-core machine: much of a browser or playground test waits on another
    // process (Chromium, a server, a save worker), so the other worker keeps the CPU busy.
    maxWorkers: 2,
    // A larger young generation: the runtime makes many short-lived cells and contexts, and the
    // default 16 MB semi-space spent a quarter of a generated-input run in the garbage collector.
    execArgv: ['--max-semi-space-size=64'],
    // Test files share a worker's modules (nothing here mocks a module or keeps state between files):
    // each file no longer imports and transforms the runtime and the message catalogue afresh.
    isolate: false,
    hookTimeout: 60_000,
  },
});
