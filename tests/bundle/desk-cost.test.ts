/**
 * What a desk action costs in Spreadsheet calls that reach Google, in Cache/Properties calls and in
 * cells read, at the lyceum's size and at ten times its catalogue and fund and five times its loan
 * history. Every call is a fresh execution (a fresh global scope), as google.script.run makes it.
 * The numbers come from the runtime's counters, never from timing.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { at, libraryRuntime } from '../support/library';
import { fillScale, inventoryOf, LYCEUM_SIZE, readerCode, type Size, titleIdOf } from '../support/scale';

interface Cost {
  calls: Record<string, number>;
  total: number;
  store: number;
  cellsRead: number;
}

const CLASS_SET = Array.from({ length: 8 }, (_, i) => titleIdOf(i));

function costs(size: Size): Record<string, Cost> {
  const rt: Runtime = libraryRuntime({ now: at('2026-11-25') });
  rt.call('setUpWorkbook');
  fillScale(rt, size);
  const out: Record<string, Cost> = {};
  const measure = (action: string, name: string, ...args: unknown[]) => {
    rt.counters.reset();
    const reply = rt.call(name, ...args) as { ok: boolean; message?: string; form?: { row: number } };
    expect(reply.ok, `${action}: ${reply.message}`).toBe(true);
    out[action] = {
      calls: rt.counters.spreadsheetCalls(),
      total: rt.counters.spreadsheetTotal(),
      store: rt.counters.storeTotal(),
      cellsRead: rt.counters.cellsRead,
    };
    return reply;
  };
  const me = readerCode(0);
  const found = measure('find reader by code', 'deskFindReader', me);
  const row = found.form!.row;
  measure('find readers by class', 'deskFindReader', '7А');
  measure('reader form', 'deskReaderForm', me, row);
  measure('issue (title not cached)', 'deskIssue', me, inventoryOf(320), { row });
  measure('issue', 'deskIssue', me, inventoryOf(322), { row });
  measure('return by copy', 'deskReturn', inventoryOf(320));
  measure('issue (title cached)', 'deskIssue', me, inventoryOf(320), { row });
  rt.clock.set(at('2026-11-26'));
  measure('renew', 'deskRenew', inventoryOf(322), me, row);
  measure('lost, with a replacement', 'deskLost', inventoryOf(322), 'R-000001', me, row);
  measure('class set preview', 'deskClassPreview', '7А', CLASS_SET, false);
  measure('class set issue', 'deskClassIssue', '7А', CLASS_SET, false);
  return out;
}

describe('a desk action costs what it must, whatever the size of the library', () => {
  const small = costs(LYCEUM_SIZE);
  const large = costs({ readers: LYCEUM_SIZE.readers, titles: 13_000, copies: 100_000, loans: 50_000 });
  const scans = Object.keys(small).filter((a) => !a.startsWith('class set'));

  it.each(scans)('%s: at most 10 Spreadsheet calls, 3 cache or properties calls and 5,000 cells read', (action) => {
    for (const c of [small[action], large[action]]) {
      expect(c.total, JSON.stringify(c.calls)).toBeLessThanOrEqual(10);
      expect(c.store).toBeLessThanOrEqual(3);
      expect(c.cellsRead).toBeLessThanOrEqual(5_000);
      expect(c.calls['Range.getValue'] ?? 0).toBe(0);
      expect(c.calls['Range.setValue'] ?? 0).toBe(0);
    }
  });

  it('a class set: the preview in at most 20 calls, the issue (8 titles, 35 pupils) in at most 40, both under 60,000 cells', () => {
    for (const c of [small, large]) {
      expect(c['class set preview'].total, JSON.stringify(c['class set preview'].calls)).toBeLessThanOrEqual(20);
      expect(c['class set issue'].total, JSON.stringify(c['class set issue'].calls)).toBeLessThanOrEqual(40);
      expect(c['class set preview'].cellsRead).toBeLessThan(60_000);
      expect(c['class set issue'].cellsRead).toBeLessThan(60_000);
    }
  });

  it.each(Object.keys(small))(
    '%s: the same calls and cells with 10× the catalogue and fund and 5× the history',
    (action) => {
      expect(large[action].calls).toEqual(small[action].calls);
      expect(large[action].cellsRead).toBe(small[action].cellsRead);
      expect(large[action].store).toBe(small[action].store);
    },
  );

  it('an issue with the title cached costs the aim of eight calls', () => {
    const cached = small['issue (title cached)'];
    expect(cached.total, JSON.stringify(cached.calls)).toBeLessThanOrEqual(8);
  });
});
