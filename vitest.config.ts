import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of files without timings of an earlier run (a fresh clone, a new file): vitest would run
 * larger files first, and the generated and injected suites, the playground's and the browser's (the
 * longest by far, in files of middling size) came last and made the run's tail. Untimed files go first,
 * these folders before the others; then the timed ones in vitest's own order (longest first). Being a
 * sequencer of its own, it also means `--sequence.shuffle` does not shuffle the files.
 */
const FOLDERS_FIRST = ['robust', 'playground', 'browser', 'bundle', 'build'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (f: TestSpecification) => `${f.project.name}:${path.relative(this.ctx.config.root, f.moduleId)}`;
    const timed = (f: TestSpecification) => !!this.ctx.cache.getFileTestResults(key(f));
    const rank = (f: TestSpecification) => {
      if (timed(f)) return FOLDERS_FIRST.length + 1;
      const folder = path.relative(this.ctx.config.root, f.moduleId).split(path.sep)[1];
      const i = FOLDERS_FIRST.indexOf(folder);
      return i === -1 ? FOLDERS_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

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
    // --expose-gc: a file that ends with a large heap is collected before the next (between-files.ts).
    execArgv: ['--max-semi-space-size=64', '--expose-gc'],
    setupFiles: ['tests/support/between-files.ts'],
    // Test files share a worker's modules (nothing here mocks a module or keeps state between files):
    // each file no longer imports and transforms the runtime and the message catalogue afresh.
    isolate: false,
    hookTimeout: 60_000,
    sequence: { sequencer: LongestFirst },
  },
});
