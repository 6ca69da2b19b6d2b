/**
 * The budgets `npm run bench -- --check` holds every action to (issue 13, item 4). A Spreadsheet call
 * is one that reaches Google (see emulator/core.ts HANDLE_OR_ACCESSOR); CPU is the script's own time.
 */
import type { Measured } from './actions';
import type { BenchSize } from './library';
import { estimateSeconds } from './model';

export interface Verdict {
  action: string;
  rule: string;
  ok: boolean;
}

export function checkBudgets(size: BenchSize, results: Measured[]): Verdict[] {
  const out: Verdict[] = [];
  const rule = (m: Measured, text: string, ok: boolean) => out.push({ action: m.action, rule: text, ok });
  for (const m of results) {
    const c = m.cost;
    if (m.group === 'desk') {
      rule(m, `≤ 10 Spreadsheet calls (${c.sheets})`, c.sheets <= 10);
      rule(m, `≤ 5,000 cells read (${c.cellsRead})`, c.cellsRead <= 5_000);
      if (size.key !== 'S') rule(m, `CPU ≤ 50 ms (${c.cpuMs.toFixed(1)})`, c.cpuMs <= 50);
    }
    if (m.group === 'class set') {
      const max = m.action.includes('preview') ? 20 : 40;
      rule(m, `≤ ${max} Spreadsheet calls (${c.sheets})`, c.sheets <= max);
      rule(m, `≤ 60,000 cells read (${c.cellsRead})`, c.cellsRead <= 60_000);
    }
    if (m.action === 'monthly debtor run with its emails') {
      const emails = m.emails ?? 0;
      rule(m, `≤ 15 + 4 × ${emails} emails Spreadsheet calls (${c.sheets})`, c.sheets <= 15 + 4 * emails);
      const max = m.cellBudget ?? 0;
      rule(m, `cells read ≤ ${max} (only the columns it needs) (${c.cellsRead})`, c.cellsRead <= max);
      rule(m, `sent at least one email (${emails})`, emails > 0);
    }
    if (m.group === 'report') {
      rule(m, `≤ 15 Spreadsheet calls (${c.sheets})`, c.sheets <= 15);
      if (size.key !== 'S') rule(m, `CPU ≤ 3 s (${(c.cpuMs / 1000).toFixed(2)})`, c.cpuMs <= 3_000);
    }
    if (m.action === 'calendar re-sync, nothing changed')
      rule(m, `≤ 2 Calendar calls (${c.calendar})`, c.calendar <= 2);
    if (size.key === 'XL' && m.group !== 'naive') {
      const s = estimateSeconds(c);
      rule(m, `estimated ≤ 6 minutes on Google (${s.toFixed(0)} s)`, s <= 360);
    }
  }
  return out;
}
