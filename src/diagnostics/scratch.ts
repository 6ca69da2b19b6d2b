/**
 * Where the conformance cases work: scratch sheets of their own, never the librarian's. Each case
 * gets its sheets and cleanup steps; they are removed right after it, whatever it did, and the
 * sheet the librarian was looking at is made active again. A run stopped at Apps Script's time
 * limit cannot clean up after itself: the next run removes the scratch sheets and the trigger it
 * left (recognised by their names, which no librarian's sheet has).
 */
import type { ScratchContext } from './types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A scratch sheet's name: this prefix and eight hex digits. */
export const SCRATCH_PREFIX = 'Diagnostics scratch ';
const SCRATCH_NAME = /^Diagnostics scratch [0-9a-f]{8}$/;

/** The handler of the triggers the suite installs; if one is ever left behind and fires, it removes them. */
export const LEFTOVER_TRIGGER_HANDLER = 'diagnosticsCleanUpTrigger';

/** Document property and cache keys of the suite start with this. */
export const KEY_PREFIX = 'diagnostics.';

export function isScratchSheetName(name: string): boolean {
  return SCRATCH_NAME.test(name);
}

/** Removes what an earlier run could not: its scratch sheets and its triggers. Returns how many. */
export function removeLeftovers(ss: Spreadsheet): number {
  let removed = 0;
  for (const sheet of ss.getSheets()) {
    if (isScratchSheetName(sheet.getName())) {
      ss.deleteSheet(sheet);
      removed++;
    }
  }
  removed += removeLeftoverTriggers();
  return removed;
}

export function removeLeftoverTriggers(): number {
  let removed = 0;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === LEFTOVER_TRIGGER_HANDLER) {
      ScriptApp.deleteTrigger(trigger);
      removed++;
    }
  }
  return removed;
}

/**
 * Runs `fn` with a scratch context; its sheets and cleanup steps are undone when it ends, even when
 * it throws. Cleanup errors are collected, not thrown: one failed step does not stop the others.
 */
export function withScratch<T>(ss: Spreadsheet, fn: (ctx: ScratchContext) => T): { value: T; cleanupErrors: string[] } {
  const sheets: Sheet[] = [];
  const cleanups: Array<() => void> = [];
  const timeZone = ss.getSpreadsheetTimeZone();
  const ctx: ScratchContext = {
    ss,
    timeZone,
    newSheet() {
      const name = SCRATCH_PREFIX + Utilities.getUuid().replace(/-/g, '').slice(0, 8);
      // At the end of the tabs; Sheets makes a new sheet the active one (put back below).
      const sheet = ss.insertSheet(name, ss.getSheets().length);
      sheets.push(sheet);
      return sheet;
    },
    onCleanup(step) {
      cleanups.push(step);
    },
  };
  const errors: string[] = [];
  const undo = (step: () => void) => {
    try {
      step();
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  };
  try {
    return { value: fn(ctx), cleanupErrors: errors };
  } finally {
    for (const step of cleanups.reverse()) undo(step);
    for (const sheet of sheets) undo(() => ss.deleteSheet(sheet));
  }
}

/** Runs `fn` and makes the sheet the librarian was on the active one again afterwards. */
export function keepingActiveSheet<T>(ss: Spreadsheet, fn: () => T): T {
  const active = ss.getActiveSheet();
  try {
    return fn();
  } finally {
    try {
      if (active && !isScratchSheetName(active.getName())) ss.setActiveSheet(active);
    } catch {
      // The sheet is gone (removed meanwhile): nothing to go back to.
    }
  }
}
