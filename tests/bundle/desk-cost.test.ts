/**
 * What a desk action costs in Spreadsheet service calls and cells, as the loan history grows.
 * The runtime counts every call; the numbers come from it, not from timing.
 */
import { describe, expect, it } from 'vitest';
import type { CounterSnapshot } from '../../emulator/core';
import { seedLyceum } from '../support/desk-fixture';
import { addLoanHistory } from '../support/history';
import { at, libraryRuntime } from '../support/library';

function deskCosts(history: number): Record<string, CounterSnapshot> {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  addLoanHistory(rt, history);
  const measure = (name: string, ...args: unknown[]) => {
    rt.counters.reset();
    const reply = rt.call(name, ...args) as { ok: boolean; message: string };
    expect(reply.ok, reply.message).toBe(true);
    return rt.counters.snapshot();
  };
  return {
    issue: measure('deskIssue', '00123', '000103'),
    readerForm: measure('deskReaderForm', '00123'),
    renew: (() => {
      rt.clock.set(at('2026-11-26'));
      return measure('deskRenew', '000103');
    })(),
    return: measure('deskReturn', '000103'),
  };
}

describe('desk actions as the loan history grows tenfold', () => {
  const small = deskCosts(300);
  const large = deskCosts(3000);

  it.each(['issue', 'readerForm', 'renew', 'return'])(
    '%s makes the same service calls and moves the same cells',
    (action) => {
      expect(large[action].calls).toEqual(small[action].calls);
      expect(large[action].cellsRead).toBe(small[action].cellsRead);
      expect(large[action].cellsWritten).toBe(small[action].cellsWritten);
    },
  );

  it('an issue reads no whole Loans sheet: far fewer cells than the history holds', () => {
    expect(large.issue.cellsRead).toBeLessThan(3000);
    expect(large.issue.calls['Range.getValues']).toBeLessThan(20);
    expect(large.issue.calls['Range.getValue'] ?? 0).toBe(0);
    expect(large.issue.calls['Range.setValue'] ?? 0).toBe(0);
  });
});
