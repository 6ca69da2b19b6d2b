/**
 * `npm run bench`: what each desk action costs in Spreadsheet service calls and cells moved, as the
 * loan history grows. Cost in Apps Script is service calls and cells, not JavaScript time, so the
 * runtime's counters are the measure; wall time of the emulator is shown only for orientation.
 */
import { seedLyceum } from '../tests/support/desk-fixture';
import { addLoanHistory } from '../tests/support/history';
import { at, libraryRuntime } from '../tests/support/library';

const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
const rows: string[][] = [['history', 'action', 'calls', 'getValues', 'cells read', 'cells written', 'ms (emulator)']];

for (const size of sizes) {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  addLoanHistory(rt, size);
  const run = (action: string, name: string, ...args: unknown[]) => {
    rt.counters.reset();
    const start = performance.now();
    const reply = rt.call(name, ...args) as { ok: boolean; message?: string };
    const ms = performance.now() - start;
    if (!reply.ok) throw new Error(`${action}: ${reply.message}`);
    const s = rt.counters.snapshot();
    rows.push([
      String(size),
      action,
      String(s.totalCalls),
      String(s.calls['Range.getValues'] ?? 0),
      String(s.cellsRead),
      String(s.cellsWritten),
      ms.toFixed(1),
    ]);
  };
  run('issue', 'deskIssue', '00123', '000103');
  run('reader form', 'deskReaderForm', '00123');
  rt.clock.set(at('2026-11-26'));
  run('renew', 'deskRenew', '000103');
  run('return', 'deskReturn', '000103');
  run('class set preview', 'deskClassPreview', '7А', ['T7M', 'T7K'], false);
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
