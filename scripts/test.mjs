/**
 * `npm test`: the checks (types of the program and of the sidebar's client code, lint) and the whole
 * test suite, side by side. The checks take about twenty-five seconds of CPU; run one after the other,
 * they added their whole time to the run. They run at the lowest priority (nice 19): they take the
 * moments a core would idle (the suite waits on Chromium, a playground, a save) instead of slowing
 * the suite. The checks' output is printed after the suite's; either failing fails.
 * Arguments go to vitest (`npm test -- tests/bundle`).
 */
import { spawn, spawnSync } from 'node:child_process';

function run(command, args, quiet) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
    }
    child.on('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

// `nice` is in coreutils; without it the checks run at the usual priority.
const hasNice = spawnSync('nice', ['true']).status === 0;
const checks = hasNice
  ? run('nice', ['-n', '19', 'npm', 'run', '--silent', 'check'], true)
  : run('npm', ['run', '--silent', 'check'], true);
const suite = await run('npx', ['vitest', 'run', ...process.argv.slice(2)], false);
const checked = await checks;
process.stdout.write(checked.output);
console.log(checked.code === 0 ? 'check: types and lint clean' : 'check: FAILED (see above)');
process.exit(suite.code || checked.code);
