/**
 * The formats and rules of a sheet's cells as runs down a column, as the playground's block beside the
 * .xlsx keeps them: joining runs, spreading them out by row, and finding the formatted empty cells.
 */
import type { BlankRun, CellData, ValidationData } from '../emulator/spreadsheet';

/** Runs [col, from, to, x] sorted by column then row; a run joins the one above it of the same x. */
export function joinRuns<X>(
  runs: Array<[col: number, from: number, to: number, x: X]>,
): Array<[number, number, number, X]> {
  const sorted = [...runs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number, number, X]> = [];
  for (const [col, from, to, x] of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] === col && last[2] === from - 1 && last[3] === x) last[2] = to;
    else out.push([col, from, to, x]);
  }
  return out;
}

/** Runs [col, from, to, x] as one sparse array of x by row for each column. */
export function byColumn<X>(runs: ReadonlyArray<readonly [number, number, number, X]>): Map<number, X[]> {
  const out = new Map<number, X[]>();
  for (const [col, from, to, x] of runs) {
    let at = out.get(col);
    if (!at) {
      at = [];
      out.set(col, at);
    }
    for (let r = from; r <= to; r++) at[r] = x;
  }
  return out;
}

/**
 * The sheet's formatted empty cells as runs: where a format or a rule lies outside every cell read
 * from the sheet, as long as the format and the rule stay the same down the column.
 */
export function blankRuns(
  formatAt: Map<number, string[]>,
  ruleAt: Map<number, number[]>,
  cells: CellData[],
  rule: (index: number) => ValidationData,
): BlankRun[] {
  const taken = new Map<number, Set<number>>();
  for (const c of cells) {
    let rows = taken.get(c.col);
    if (!rows) {
      rows = new Set();
      taken.set(c.col, rows);
    }
    rows.add(c.row);
  }
  const runs: BlankRun[] = [];
  const cols = [...new Set([...formatAt.keys(), ...ruleAt.keys()])].sort((a, b) => a - b);
  for (const col of cols) {
    const fmts = formatAt.get(col) ?? [];
    const rules = ruleAt.get(col) ?? [];
    const rows = taken.get(col);
    let open: { run: BlankRun; fmt?: string; rule?: number } | null = null;
    for (let r = 1; r < Math.max(fmts.length, rules.length); r++) {
      const fmt = fmts[r];
      const ri = rules[r];
      if ((fmt === undefined && ri === undefined) || rows?.has(r)) {
        open = null;
        continue;
      }
      if (open && open.fmt === fmt && open.rule === ri) {
        open.run.to = r;
        continue;
      }
      const run: BlankRun = { col, from: r, to: r };
      if (fmt !== undefined) run.numberFormat = fmt;
      if (ri !== undefined) run.validation = rule(ri);
      runs.push(run);
      open = { run, fmt, rule: ri };
    }
  }
  return runs.sort((a, b) => a.from - b.from || a.col - b.col);
}
