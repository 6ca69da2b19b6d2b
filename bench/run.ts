/**
 * `npm run bench`: what each desk action costs on the built bundle, at the lyceum's size and at a
 * large school's: Spreadsheet calls that reach Google, Cache/Properties calls, cells read and
 * written. Cost in Apps Script is round trips and cells, not JavaScript time; the emulator's time is
 * shown only for orientation. `npm run bench -- lyceum` runs one size.
 */
import { at, libraryRuntime } from '../tests/support/library';
import { fillScale, inventoryOf, LYCEUM_SIZE, readerCode, type Size, titleIdOf } from '../tests/support/scale';

const SIZES: Record<string, Size> = {
  lyceum: LYCEUM_SIZE,
  large: { readers: 857, titles: 13_000, copies: 100_000, loans: 250_000 },
};
const wanted = (process.argv[2] ?? 'lyceum,large').split(',').filter((s) => s in SIZES);
const rows: string[][] = [
  ['size', 'action', 'Sheets calls', 'store calls', 'cells read', 'cells written', 'ms (emulator)', 'calls'],
];

for (const name of wanted) {
  const size = SIZES[name];
  const rt = libraryRuntime({ now: at('2026-11-25') });
  rt.call('setUpWorkbook');
  fillScale(rt, size);
  const label = `${name} (${size.titles} titles, ${size.copies} copies, ${size.loans} loans)`;
  const run = (action: string, fn: string, ...args: unknown[]) => {
    rt.counters.reset();
    const start = performance.now();
    const reply = rt.call(fn, ...args) as { ok: boolean; message?: string; form?: { row: number } };
    const ms = performance.now() - start;
    if (!reply.ok) throw new Error(`${action}: ${reply.message}`);
    const calls = rt.counters.spreadsheetCalls();
    rows.push([
      label,
      action,
      String(rt.counters.spreadsheetTotal()),
      String(rt.counters.storeTotal()),
      String(rt.counters.cellsRead),
      String(rt.counters.cellsWritten),
      ms.toFixed(1),
      Object.entries(calls)
        .map(([k, v]) => `${k.split('.')[1]}×${v}`)
        .join(' '),
    ]);
    return reply;
  };
  const me = readerCode(0);
  const row = run('find reader by code', 'deskFindReader', me).form!.row;
  run('find readers by class', 'deskFindReader', '7А');
  run('reader form', 'deskReaderForm', me, row);
  run('issue (title not cached)', 'deskIssue', me, inventoryOf(320), { row });
  run('return by copy', 'deskReturn', inventoryOf(320));
  run('issue (title cached)', 'deskIssue', me, inventoryOf(320), { row });
  rt.clock.set(at('2026-11-26'));
  run('renew', 'deskRenew', inventoryOf(320), me, row);
  run('lost, with a replacement', 'deskLost', inventoryOf(320), 'R-000001', me, row);
  const set = Array.from({ length: 8 }, (_, i) => titleIdOf(i));
  run('class set preview (8 titles, 35 pupils)', 'deskClassPreview', '7А', set, false);
  run('class set issue (8 titles, 35 pupils)', 'deskClassIssue', '7А', set, false);
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows)
  console.log(r.map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
