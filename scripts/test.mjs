/**
 * `npm test`: the checks (types of the program and of the sidebar's client code, lint) and the whole
 * test suite, side by side. The checks take a core for about fifteen seconds, mostly while the suite
 * builds the bundle and the demo workbook on the other; run one after the other, they added their
 * whole time to the run. The checks' output is printed after the suite's; either failing fails.
 * Arguments go to vitest (`npm test -- tests/bundle`).
 */
import { spawn } from 'node:child_process';

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

const checks = run('npm', ['run', '--silent', 'check'], true);
const suite = await run('npx', ['vitest', 'run', ...process.argv.slice(2)], false);
const checked = await checks;
process.stdout.write(checked.output);
console.log(checked.code === 0 ? 'check: types and lint clean' : 'check: FAILED (see above)');
process.exit(suite.code || checked.code);
