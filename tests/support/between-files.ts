/**
 * Run before every test file (vitest `setupFiles`). Test files share a worker (`isolate: false`), and
 * a file that leaves much garbage behind (the thousand generated workbooks of tests/robust/bad-input)
 * made the next file in that worker up to four times slower until V8 collected it (the debtor tests:
 * 44 s after it, 11 s alone). A full collection when a file ends with a large heap costs a fraction
 * of a second. (`--expose-gc` is in the workers' execArgv; without it this does nothing.)
 */
import { afterAll } from 'vitest';

const LARGE_HEAP = 500e6;

afterAll(() => {
  if (process.memoryUsage().heapUsed > LARGE_HEAP) (globalThis as { gc?: () => void }).gc?.();
});
