/**
 * A stocktake on the built bundle: the expected copies frozen at the opening; scans found, misplaced,
 * already counted, not in the fund, written off or lost yet on the shelf; two days, the workbook
 * reopened in between, two librarians, one of them scanning while the other's scan holds the lock;
 * then the closing lists, and the missing copies written off as lost. A scan costs what a desk scan
 * costs, whatever the size of the fund.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { copyOf, runtimeFrom, seedFund, snapshotOf } from '../support/fund';
import { at, libraryRuntime, rowsOf } from '../support/library';
import { fillScale, inventoryOf, type Size } from '../support/scale';

type Scan = { ok: boolean; message: string; kind?: string; inventory?: string };
type Lists = {
  expected: number;
  found: number;
  onLoan: number;
  missing: Array<{ inventory: string }>;
  misplaced: Array<{ inventory: string; location: string; section: string }>;
  unknown: Array<{ code: string }>;
  notExpected: Array<{ inventory: string }>;
};

function scan(rt: Runtime, code: string, section: string): Scan {
  return rt.call('fundStocktakeScan', code, section) as Scan;
}

describe('a stocktake', () => {
  it('gives the right lists after two days, a reopened workbook, two librarians and a scan made while another held the lock', () => {
    const day1 = libraryRuntime({ now: at('2026-11-25') });
    seedFund(day1);
    expect((day1.call('deskIssue', '00123', '000103') as Scan).ok).toBe(true);
    const opened = day1.call('fundStocktakeOpen') as Scan & { id: string; expected: number; onLoan: number };
    // 15 copies: one lost and one written off are not expected.
    expect(opened).toMatchObject({ ok: true, id: '2026-1', expected: 13, onLoan: 1 });
    expect((day1.call('fundStocktakeOpen') as Scan).message).toBe(
      t('kk', 'fund.error.stocktakeOpen', { id: '2026-1' }),
    );
    const list = rowsOf(day1, 'stocktakeList');
    expect(list).toHaveLength(13);
    expect(list.find((r) => r.inventory === '000103')!.expected).toBe('берілген');

    // Day 1, the librarian in section A.
    expect(scan(day1, '000101', 'A')).toMatchObject({ ok: true, kind: 'found', inventory: '000101' });
    // 000102 under the Kazakh layout (its digit keys type letters), as the desk reads it.
    expect(scan(day1, 'қққ"қә', 'A')).toMatchObject({ kind: 'found', inventory: '000102' });
    expect(scan(day1, '104', 'a')).toMatchObject({ kind: 'found', inventory: '000104' });
    expect(scan(day1, 'ZZ-999', 'A')).toMatchObject({
      kind: 'unknown',
      message: t('kk', 'fund.scan.unknown', { code: 'ZZ-999' }),
    });
    expect(scan(day1, '000301', 'A')).toMatchObject({ kind: 'notExpected', inventory: '000301' });
    const again = scan(day1, '000101', 'A');
    expect(again.kind).toBe('already');
    expect(again.message).toContain('librarian@lyceum92.kz');
    // An Algebra textbook (its place is U) found in section A.
    expect(scan(day1, '700001', 'A')).toMatchObject({
      kind: 'misplaced',
      message: t('kk', 'fund.scan.misplaced', {
        inventory: '700001',
        title: 'Әбілқасымова А. Алгебра 7',
        location: 'U',
        section: 'A',
      }),
    });

    // Day 2: the workbook reopened (another machine, a fresh runtime), a second librarian in section U.
    const day2 = runtimeFrom({ ...snapshotOf(day1), now: at('2026-11-26') });
    day2.env.userEmail = 'assistant@lyceum92.kz';
    expect((day2.call('fundStocktakeProgress') as { message: string }).message).toBe(
      t('kk', 'fund.stocktake.progress', {
        id: '2026-1',
        expected: 13,
        found: 4,
        onLoan: 1,
        left: 8,
        missing: 0,
        unknown: 2,
        misplaced: 1,
      }),
    );
    for (const code of ['700002', '700003', '700101']) expect(scan(day2, code, 'U').kind).toBe('found');
    // The desk lends a copy nobody has scanned yet: it is accounted for, not missing.
    expect((day2.call('deskIssue', '00124', '000106') as Scan).ok).toBe(true);

    // The first librarian scans while the second one's scan holds the document lock: refused as busy,
    // nothing half-written; scanned again, it counts. Both scans are on the list.
    let during: Scan | null = null;
    day2.lock.onAcquire(() => {
      const keep = day2.env.userEmail;
      day2.env.userEmail = 'librarian@lyceum92.kz';
      during = day2.call('fundStocktakeScan', '000105', 'A') as Scan;
      day2.env.userEmail = keep;
    });
    expect(scan(day2, '700102', 'U').kind).toBe('found');
    expect(during).toEqual({ ok: false, message: t('kk', 'error.busy'), help: 'trouble-workbook' });
    // Another scan that holds the lock for two seconds: this one waits for it, then counts.
    day2.lock.holdByOther('document', new Date(day2.clock.nowMillis() + 2_000));
    day2.env.userEmail = 'librarian@lyceum92.kz';
    expect(scan(day2, '000105', 'A').kind).toBe('found');
    const rows = rowsOf(day2, 'stocktakeList');
    expect(rows.find((r) => r.inventory === '700102')!.scannedBy).toBe('assistant@lyceum92.kz');
    expect(rows.find((r) => r.inventory === '000105')!.scannedBy).toBe('librarian@lyceum92.kz');

    const closed = day2.call('fundStocktakeClose') as { ok: boolean; message: string; lists: Lists };
    expect(closed.ok, closed.message).toBe(true);
    const l = closed.lists;
    // 13 expected: 9 found (one in the wrong section), 2 on loan (one lent before, one during), 2 missing.
    expect([l.expected, l.found, l.onLoan]).toEqual([13, 9, 2]);
    expect(l.missing.map((m) => m.inventory)).toEqual(['000107', '000201']);
    expect(l.misplaced).toEqual([
      { inventory: '700001', title: 'Әбілқасымова А. Алгебра 7', location: 'U', section: 'A' },
    ]);
    expect(l.unknown.map((u) => u.code)).toEqual(['ZZ-999']);
    expect(l.notExpected.map((u) => u.inventory)).toEqual(['000301']);
    const register = rowsOf(day2, 'stocktakes');
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({
      stocktake: '2026-1',
      status: 'жабық',
      expected: 13,
      found: 9,
      misplaced: 1,
      onLoan: 2,
      missing: 2,
      unknown: 2,
    });
    const results = rowsOf(day2, 'stocktakeList');
    expect(results.filter((r) => r.result === 'жоқ').map((r) => r.inventory)).toEqual(['000107', '000201']);
    expect((day2.call('fundStocktakeScan', '000107', 'A') as Scan).message).toBe(t('kk', 'fund.error.noStocktake'));

    // The missing copies go to a write-off act, as lost.
    const act = day2.call(
      'fundCreateAct',
      l.missing.map((m) => ({ inventory: m.inventory, reason: 'lost' })),
    ) as Scan;
    expect(act.ok, act.message).toBe(true);
    expect(copyOf(day2, '000107')).toMatchObject({ status: 'есептен шығарылған', writeOffAct: '2026-1' });
    // And the candidates "missing at the last stocktake" are empty now.
    const left = day2.call('fundCandidates', { missing: true }) as { candidates: unknown[] };
    expect(left.candidates).toEqual([]);
    // A new stocktake can open; it starts its own list below the first.
    expect((day2.call('fundStocktakeOpen') as Scan & { id: string }).id).toBe('2026-2');
    expect(scan(day2, '000101', 'A').kind).toBe('found');
  });
});

interface Cost {
  calls: Record<string, number>;
  total: number;
  store: number;
  cellsRead: number;
}

function scanCosts(size: Size): Record<string, Cost> {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  rt.call('setUpWorkbook');
  fillScale(rt, size);
  expect((rt.call('fundStocktakeOpen') as Scan).ok).toBe(true);
  const out: Record<string, Cost> = {};
  const measure = (name: string, code: string, kind: string) => {
    rt.counters.reset();
    const r = scan(rt, code, '');
    expect(r.kind, r.message).toBe(kind);
    out[name] = {
      calls: rt.counters.spreadsheetCalls(),
      total: rt.counters.spreadsheetTotal(),
      store: rt.counters.storeTotal(),
      cellsRead: rt.counters.cellsRead,
    };
  };
  measure('found', inventoryOf(5), 'found');
  measure('found, typed without its zeros', String(Number(inventoryOf(7))), 'found');
  measure('already counted', inventoryOf(5), 'already');
  measure('not in the fund', 'X-1', 'unknown');
  return out;
}

describe('a stocktake scan costs what a desk scan costs, whatever the size of the fund', () => {
  const small = scanCosts({ readers: 120, titles: 300, copies: 2_000, loans: 400 });
  const large = scanCosts({ readers: 120, titles: 3_000, copies: 20_000, loans: 400 });
  it.each(Object.keys(small))(
    '%s: at most 10 Spreadsheet calls, 3 store calls, 5,000 cells; the same at ten times the fund',
    (k) => {
      for (const c of [small[k], large[k]]) {
        expect(c.total, JSON.stringify(c.calls)).toBeLessThanOrEqual(10);
        expect(c.store).toBeLessThanOrEqual(3);
        expect(c.cellsRead).toBeLessThanOrEqual(5_000);
        expect(c.calls['Range.getValue'] ?? 0).toBe(0);
        expect(c.calls['Range.setValue'] ?? 0).toBe(0);
      }
      expect(large[k].calls).toEqual(small[k].calls);
      expect(large[k].cellsRead).toBe(small[k].cellsRead);
    },
  );
});
