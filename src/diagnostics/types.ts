/**
 * What a conformance case is: a behaviour of Apps Script the emulator assumes, a function that
 * observes it against the real services, and the values the emulator's model expects. The same
 * cases run in `npm test` (against the emulator) and from the Diagnostics item in a real Sheet.
 */
import type { MessageKey } from '../messages';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What a case observes or expects: plain JSON, so it prints alike in the dialog, the test and a report. */
export type Observed = null | boolean | number | string | Observed[] | { [key: string]: Observed };

/**
 * Where a case can be observed. `execution`: within one run of the suite (the Diagnostics dialog's
 * call). `dialog`: by the dialog's own google.script.run calls, in the browser. `trigger` and
 * `second-execution`: only by the test harness, which runs the case's steps in a trigger context or
 * in two executions at once (a menu click in a real Sheet can do neither).
 */
export type Where = 'execution' | 'dialog' | 'trigger' | 'second-execution';

/** The case names in the catalogue: `diag.case.<id>`. */
type CaseKey = Extract<MessageKey, `diag.case.${string}`>;
export type CaseId = CaseKey extends `diag.case.${infer Id}` ? Id : never;

/** What a case run in one execution may use: fresh scratch sheets, and cleanup steps run right after it. */
export interface ScratchContext {
  readonly ss: Spreadsheet;
  /** The spreadsheet's time zone (dates in cells are midnight there). */
  readonly timeZone: string;
  /** A new, empty scratch sheet (1000 rows, 26 columns), removed after the case. */
  newSheet(): Sheet;
  /** Runs `fn` after the case, even when it throws (remove what the case made). */
  onCleanup(fn: () => void): void;
}

export interface Case {
  id: CaseId;
  where: Where;
  /** What the emulator's model says the observation is. */
  expected: Observed;
  /** Observes the behaviour in one execution (cases `where: 'execution'`). */
  run?(ctx: ScratchContext): Observed;
  /** Steps a harness or the dialog runs, each in its own execution (diagnosticsProbe). */
  steps?: Record<string, (arg?: unknown) => Observed>;
}

export const caseNameKey = (id: CaseId): MessageKey => `diag.case.${id}` as MessageKey;

/** JSON with the keys of every object sorted: two observations are the same when their texts are. */
export function canonical(value: Observed): string {
  const sort = (v: Observed): Observed => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      const out: { [key: string]: Observed } = {};
      for (const k of Object.keys(v).sort()) out[k] = sort(v[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** The text of an error as Apps Script reports it ("Exception: " stripped). */
export function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  const m = typeof message === 'string' ? message : String(e);
  return m.replace(/^Exception: /, '');
}

/** The message `fn` throws, or null when it returns. */
export function thrown(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return messageOf(e);
  }
}

/** 1-based row numbers of the cells a TextFinder found. */
export function rowsFound(found: GoogleAppsScript.Spreadsheet.Range[]): number[] {
  return found.map((r) => r.getRow());
}
