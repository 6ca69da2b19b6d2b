import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Apps Script runs the script in its own time zone; the project's is Asia/Almaty.
    env: { TZ: 'Asia/Almaty' },
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
