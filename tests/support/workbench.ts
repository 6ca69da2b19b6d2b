/**
 * A workbook to damage, many times over: the small lyceum of the desk tests, set up and with some
 * books on loan, kept as data so every generated case starts from it in a few milliseconds (a new
 * runtime loads the bundle afresh, which costs far more). Used by the generated-input and the
 * injected-fault suites.
 */
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { capture } from './capture';
import { seedLyceum } from './desk-fixture';
import { at, libraryRuntime } from './library';

export { capture };

export interface Workbench {
  rt: Runtime;
  /** Back to the undamaged workbook, its document properties and an empty document cache. */
  reset(): void;
  /** A way back to the workbook, its properties, triggers, cache, outbox and clock as they are now. */
  checkpoint(): () => void;
  /** Every sheet's values, as the librarian sees them (to compare around a refusal). */
  snapshot(): string;
}

export function workbench(): Workbench {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  for (const [reader, copy] of [
    ['00123', '000103'],
    ['00124', '000104'],
    ['T001', '000105'],
    ['00201', '700001'],
  ]) {
    rt.call('deskIssue', reader, copy);
  }
  // Smaller sheets: a case restores every cell, so spare formatted rows only cost time. (Classes
  // keeps its rows: the Readers' class dropdown refers to them.)
  for (const s of rt.spreadsheet.getSheets()) {
    if (s.getName() === t('kk', 'sheet.classes')) continue;
    const keep = Math.max(s.getLastRow(), 1) + 40;
    if (s.getMaxRows() > keep) s.deleteRows(keep + 1, s.getMaxRows() - keep);
  }
  const undamaged = capture(rt);
  rt.ui.log.length = 0;
  return {
    rt,
    reset() {
      undamaged();
      rt.clock.set(at('2026-11-25'));
    },
    checkpoint: () => capture(rt),
    snapshot() {
      return JSON.stringify(rt.spreadsheet.getSheets().map((s) => [s.getName(), s.peekValues()]));
    },
  };
}

/** True when a message is the catch-all "something went wrong" in any language (an unforeseen error). */
export function isUnexpected(message: string): boolean {
  return (['kk', 'ru', 'en'] as const).some((l) =>
    message.startsWith(t(l, 'error.unexpected', { message: '' }).trim()),
  );
}

/**
 * The writes an execution made to the workbook, from the runtime's counters (cheaper than comparing
 * every cell): cells written and every call that changes a sheet.
 */
export function writesOf(rt: Runtime): string[] {
  const calls = rt.counters.spreadsheetCalls();
  const changing = Object.keys(calls).filter((name) =>
    /\.(set|append|insert|delete|clear|hide|show|protect|merge|sort|remove|add|copy|move|create|update)/.test(name),
  );
  return rt.counters.cellsWritten > 0 ? [...changing, `cells written: ${rt.counters.cellsWritten}`] : changing;
}
