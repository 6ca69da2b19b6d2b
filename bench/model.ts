/**
 * The cost model: what an action would take on Google, from what the runtime counted. Every figure is
 * an estimate with its source; nothing here was measured against Google (no machine here reaches it).
 */
import type { Cost } from './meter';

export interface Figure {
  value: number;
  unit: string;
  source: string;
}

export const COST_MODEL: Record<string, Figure> = {
  readCall: {
    value: 50,
    unit: 'ms a Spreadsheet read call (getValues, getLastRow, a TextFinder search)',
    source:
      'estimate: third-party measurements collected in ../shared/apps-script-facts.md (a setValues of 4,000 cells under 50 ms); a read waits for Google and forces pending writes out first',
  },
  writeCall: {
    value: 30,
    unit: 'ms a Spreadsheet write call (setValues, appendRow, formats, clear)',
    source:
      "estimate: Apps Script caches writes and sends them together (Google's 'Optimizing Spreadsheet Operations', 2010, and the best-practices guide's 'Use batch operations'), so a write costs less than a read",
  },
  flush: {
    value: 200,
    unit: 'ms a SpreadsheetApp.flush()',
    source: 'estimate: "a flush() costs hundreds of ms" (third-party measurements, ../shared/apps-script-facts.md)',
  },
  cachedCellCall: {
    value: 7,
    unit: 'ms a single-cell getValue/setValue in a loop (the naive way)',
    source:
      "estimate: the Apps Script best-practices guide's example (a 100 × 100 grid set cell by cell took 70 s, batched 1 s: 10,000 calls ≈ 7 ms each, thanks to its look-ahead and write caches)",
  },
  cellRead: {
    value: 0.002,
    unit: 'ms a cell read',
    source: 'assumption (order of magnitude; no published figure checked here): 1,000,000 cells ≈ 2 s',
  },
  cellWritten: {
    value: 0.005,
    unit: 'ms a cell written',
    source: 'assumption (order of magnitude; no published figure checked here): 1,000,000 cells ≈ 5 s',
  },
  storeRead: {
    value: 30,
    unit: 'ms a Properties read (a Cache read is ~3 ms; counted at the Properties figure)',
    source:
      'estimate: third-party measurements (getProperty ≈ 30 ms, Cache get ≈ 3 ms), ../shared/apps-script-facts.md',
  },
  storeWrite: {
    value: 75,
    unit: 'ms a Properties or Cache write',
    source:
      'estimate: third-party measurements (setProperty ≈ 60 ms, Cache put ≈ 90 ms), ../shared/apps-script-facts.md',
  },
  mail: {
    value: 800,
    unit: 'ms a MailApp call (sendEmail; the quota read is counted alike)',
    source: 'assumption: a send is a request to Gmail’s servers of about a second; not measured here',
  },
  calendar: {
    value: 300,
    unit: 'ms a CalendarApp call',
    source: 'assumption: a Calendar API request; not measured here',
  },
};

/** Estimated seconds on Google: the calls and cells by the model, plus the script's own CPU measured here. */
export function estimateSeconds(c: Cost, naive = false): number {
  const m = COST_MODEL;
  const callMs = naive ? m.cachedCellCall.value : null;
  const storeReads = Math.max(0, c.store - c.storeWrites);
  const ms =
    c.reads * (callMs ?? m.readCall.value) +
    c.writes * (callMs ?? m.writeCall.value) +
    c.flushes * m.flush.value +
    c.cellsRead * m.cellRead.value +
    c.cellsWritten * m.cellWritten.value +
    storeReads * m.storeRead.value +
    c.storeWrites * m.storeWrite.value +
    c.mail * m.mail.value +
    c.calendar * m.calendar.value +
    c.cpuMs;
  return ms / 1000;
}
