/**
 * What a report costs in Spreadsheet calls that reach Google, on the generated school and on ten times
 * its pupils, copies and loans: each report reads each source sheet once (one call each) and writes
 * its sheet whole at a fixed cost, so the calls stay the same when the data grows tenfold. The numbers
 * come from the runtime's counters; the second run of each report is measured (the first also creates
 * its sheet and inserts its charts, once).
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { at, libraryRuntime } from '../support/library';
import { fillSchool, generateSchool } from '../support/reports-school';

interface Cost {
  calls: Record<string, number>;
  total: number;
  cellsRead: number;
}

const REPORTS: Array<[string, string, string?]> = [
  ['coverage', 'buildTextbookCoverage'],
  ['order diagnostic', 'buildTextbookOrder'],
  ['statistics for a month', 'buildStatistics', '10.2026'],
  ['statistics for two school years', 'buildStatistics', '2026-2027; 2025-2026'],
  ['ratings', 'buildRatings', ''],
  ['annual report', 'buildAnnualReport'],
  ['summing-up of the year', 'buildYearSummary'],
];

function costs(scale: number): Record<string, Cost> {
  const rt: Runtime = libraryRuntime({ now: at('2026-11-25') });
  fillSchool(rt, generateSchool(scale));
  const out: Record<string, Cost> = {};
  for (const [name, fn, answer] of REPORTS) {
    for (let run = 0; run < 2; run++) {
      if (answer !== undefined) rt.ui.queueResponse({ button: 'OK', text: answer });
      rt.counters.reset();
      rt.call(fn);
    }
    out[name] = {
      calls: rt.counters.spreadsheetCalls(),
      total: rt.counters.spreadsheetTotal(),
      cellsRead: rt.counters.cellsRead,
    };
  }
  return out;
}

describe('a report costs the same Spreadsheet calls whatever the size of the school', () => {
  const small = costs(1);
  const large = costs(10);

  it.each(REPORTS.map((r) => r[0]))('%s: the same calls with ten times the pupils, copies and loans', (name) => {
    expect(large[name].calls).toEqual(small[name].calls);
    // Each source is read in one open-ended range: its rows and its spare rows, only the columns needed.
    expect(large[name].cellsRead).toBeLessThan(100_000);
  });

  it.each(REPORTS.map((r) => r[0]))(
    '%s: at most 15 Spreadsheet calls, one read per source sheet, no cell loops',
    (name) => {
      const c = large[name];
      expect(c.total, JSON.stringify(c.calls)).toBeLessThanOrEqual(15);
      expect(c.calls['Range.getValue'] ?? 0).toBe(0);
      expect(c.calls['Range.setValue'] ?? 0).toBe(0);
      expect(c.calls['Sheet.getLastRow'] ?? 0).toBe(0);
      expect(c.calls['Range.setValues']).toBe(1);
    },
  );

  it('the annual report reads its seven source sheets once each', () => {
    expect(large['annual report'].calls['Range.getValues']).toBe(7);
  });
});
