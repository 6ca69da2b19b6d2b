/** Reading scattered rows in few calls: the blocks cover every row asked for, within the limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRowSpans } from '../../src/sheets/row-spans';

describe('planRowSpans', () => {
  it('covers every row asked for (or lists it as left), in at most maxBlocks blocks of at most maxRows rows in all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 5000 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6000 }),
        (rows, maxBlocks, maxRows) => {
          const { spans, left } = planRowSpans(rows, maxBlocks, maxRows);
          expect(spans.length).toBeLessThanOrEqual(maxBlocks);
          expect(spans.reduce((n, s) => n + s.count, 0)).toBeLessThanOrEqual(maxRows);
          const covered = (r: number) => spans.some((s) => r >= s.first && r < s.first + s.count);
          for (const r of new Set(rows)) expect(covered(r) !== left.includes(r)).toBe(true);
          // Rows are left out from the end: every row kept is below every row left.
          if (left.length > 0 && spans.length > 0) {
            expect(Math.max(...spans.map((s) => s.first + s.count - 1))).toBeLessThan(Math.min(...left));
          }
        },
      ),
    );
  });

  it('reads a class pasted in one block with one read, and two blocks far apart with two', () => {
    expect(planRowSpans([5, 6, 7, 8], 4).spans).toEqual([{ first: 5, count: 4 }]);
    expect(planRowSpans([5, 6, 900, 901], 4).spans).toEqual([
      { first: 5, count: 2 },
      { first: 900, count: 2 },
    ]);
    // Merging the nearest blocks first when there are too many.
    expect(planRowSpans([2, 4, 100, 102], 2).spans).toEqual([
      { first: 2, count: 3 },
      { first: 100, count: 3 },
    ]);
  });
});
