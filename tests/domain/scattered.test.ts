/**
 * Scattered rows for the Sheets API: each run of adjacent rows one range, and the ranges grouped into
 * requests whose URL stays short. Pure planning (src/sheets/scattered.ts, src/sheets/sheets-api.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowRuns } from '../../src/sheets/scattered';
import { quotedSheet, requestsFor } from '../../src/sheets/sheets-api';

describe('rowRuns', () => {
  it('covers exactly the rows asked for, each run maximal, in sheet order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 120 }), (rows) => {
        const runs = rowRuns(rows);
        const covered = runs.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
        expect(covered).toEqual([...new Set(rows)].sort((x, y) => x - y));
        // Two runs never touch: a gap of at least one row lies between them.
        for (let i = 1; i < runs.length; i++) expect(runs[i][0]).toBeGreaterThan(runs[i - 1][1] + 1);
      }),
    );
  });

  it('makes a class pasted as one block one range, and a class spread over a sorted sheet a range a pupil', () => {
    expect(rowRuns([7, 5, 6, 8])).toEqual([[5, 8]]);
    expect(rowRuns([2, 170, 338, 339])).toEqual([
      [2, 2],
      [170, 170],
      [338, 339],
    ]);
  });
});

describe('requestsFor', () => {
  const range = (n: number) => `${quotedSheet('Оқырмандар')}!A${n}:E${n}`;

  it('keeps every range, in order, and each request under 4,000 characters of query', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 100_000 }), { maxLength: 200 }), (rows) => {
        const ranges = rows.map(range);
        const requests = requestsFor(ranges);
        expect(requests.flat()).toEqual(ranges);
        for (const r of requests) {
          expect(r.length).toBeGreaterThan(0);
          expect(r.reduce((n, x) => n + encodeURIComponent(x).length + '&ranges='.length, 0)).toBeLessThanOrEqual(
            4_000,
          );
        }
      }),
    );
  });

  it('asks for a class of 30 on a Kazakh-named sheet in one request', () => {
    expect(requestsFor(Array.from({ length: 30 }, (_, i) => range(100 * i + 2)))).toHaveLength(1);
  });

  it('quotes a sheet name and doubles a quote in it, as A1 notation wants', () => {
    expect(quotedSheet("Кітап 'Абай'")).toBe("'Кітап ''Абай'''");
  });
});
