/**
 * Profiles one report at one size (a developer's tool, not part of `npm run bench`):
 *   node --cpu-prof --import tsx bench/profile-report.ts L buildAnnualReport
 * Fills the size's library as the benchmark does, then runs the entry point once to warm up and once
 * under the profiler's eye (the second run is the one to read).
 */
import { performance } from 'node:perf_hooks';
import { fillDemo } from '../playground/demo';
import { libraryRuntime } from '../tests/support/library';
import { BENCH_NOW, generateLibrary, SIZES, type SizeKey } from './library';

const [size = 'L', entry = 'buildAnnualReport'] = process.argv.slice(2);
const rt = libraryRuntime({ now: BENCH_NOW, executionTimeLimitMs: null });
fillDemo(rt, generateLibrary(SIZES[size as SizeKey]));
for (const round of ['warm-up', 'measured']) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  rt.call(entry);
  const used = process.cpuUsage(cpu);
  console.log(
    `${round}: ${entry} ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
