/**
 * Reading scattered rows in few calls: rows close together are read as one block, so a class whose
 * pupils were pasted together costs one read, not thirty. Pure: it only plans the blocks.
 */

export interface RowSpan {
  first: number;
  count: number;
}

/**
 * The blocks that cover `rows` (1-based sheet rows) in at most `maxBlocks` reads: the nearest blocks
 * are merged first. Rows that would make the blocks cover more than `maxRows` rows in all are left
 * out, the last (highest) ones first; the caller says so when it matters.
 */
export function planRowSpans(
  rows: readonly number[],
  maxBlocks: number,
  maxRows = Number.POSITIVE_INFINITY,
): { spans: RowSpan[]; left: number[] } {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r > 0).sort((a, b) => a - b);
  let kept = sorted;
  let left: number[] = [];
  for (;;) {
    const spans = merge(kept, maxBlocks);
    const covered = spans.reduce((n, s) => n + s.count, 0);
    if (covered <= maxRows || kept.length <= 1) {
      if (covered > maxRows) return { spans: [], left: sorted };
      return { spans, left };
    }
    left = [kept[kept.length - 1], ...left];
    kept = kept.slice(0, -1);
  }
}

function merge(sorted: readonly number[], maxBlocks: number): RowSpan[] {
  if (sorted.length === 0) return [];
  const blocks: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else blocks.push([r, r]);
  }
  while (blocks.length > Math.max(1, maxBlocks)) {
    let best = 0;
    for (let i = 1; i < blocks.length - 1; i++) {
      if (blocks[i + 1][0] - blocks[i][1] < blocks[best + 1][0] - blocks[best][1]) best = i;
    }
    blocks.splice(best, 2, [blocks[best][0], blocks[best + 1][1]]);
  }
  return blocks.map(([first, last]) => ({ first, count: last - first + 1 }));
}
