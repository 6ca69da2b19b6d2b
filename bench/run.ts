/**
 * `npm run bench`: what each desk action costs on the built bundle, at the lyceum's size and at a
 * large school's: Spreadsheet calls that reach Google, Cache/Properties calls, cells read and
 * written; then the reports (coverage, the order diagnostic, statistics, ratings, the annual report). Cost in Apps Script is round trips and cells, not JavaScript time; the emulator's time is
 * shown only for orientation. `npm run bench -- lyceum` runs one size.
 */
import { t } from '../src/messages';
import { headerKey } from '../src/schema';
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

  // The reports (menu actions): the grade-7 class set is the year's required list. Each is run twice
  // and the second run is measured (the first also creates its sheet and charts, once).
  requireClassSet(rt, set);
  const report = (action: string, fn: string, answer?: string) => {
    for (let i = 0; i < 2; i++) {
      if (answer !== undefined) rt.ui.queueResponse({ button: 'OK', text: answer });
      rt.counters.reset();
      const start = performance.now();
      rt.call(fn);
      const ms = performance.now() - start;
      if (i === 0) continue;
      rows.push([
        label,
        action,
        String(rt.counters.spreadsheetTotal()),
        String(rt.counters.storeTotal()),
        String(rt.counters.cellsRead),
        String(rt.counters.cellsWritten),
        ms.toFixed(1),
        Object.entries(rt.counters.spreadsheetCalls())
          .map(([k, v]) => `${k.split('.')[1]}×${v}`)
          .join(' '),
      ]);
    }
  };
  report('textbook coverage', 'buildTextbookCoverage');
  report('textbook order diagnostic', 'buildTextbookOrder');
  report('statistics for a month', 'buildStatistics', '11.2026');
  report('statistics, two school years', 'buildStatistics', '2026-2027; 2025-2026');
  report('ratings (half-year)', 'buildRatings', '');
  report('annual report', 'buildAnnualReport');
}

/** The Required textbooks sheet lists the class set for 2026-2027 (written as an import would). */
function requireClassSet(rt: ReturnType<typeof libraryRuntime>, titleIds: string[]): void {
  const sheet = rt.spreadsheet.getSheetByName(t('kk', 'sheet.required'))!;
  const header = sheet.peekValues()[0].map(String);
  const col = (key: string) => header.indexOf(t('kk', headerKey('required', key)));
  const values = titleIds.map((id, i) => {
    const row: unknown[] = new Array(header.length).fill('');
    row[col('grade')] = 7;
    row[col('subject')] = `Пән ${i}`;
    row[col('titleId')] = id;
    row[col('year')] = '2026-2027';
    return row;
  });
  sheet.getRange(2, 1, values.length, header.length).setValues(values as never);
  rt.userChange('INSERT_ROW');
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows)
  console.log(r.map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
