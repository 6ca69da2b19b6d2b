/**
 * The conformance suite: every case, run on scratch sheets, reported as rows the Diagnostics dialog
 * shows and the test harness asserts. A row carries the expected and the observed values as
 * canonical JSON, so what differs can be read, copied and compared as text.
 */
import { VERSION } from '../actions';
import { LibraryError } from '../errors';
import { type Lang, t } from '../messages';
import { DATE_CASES } from './dates';
import { EXECUTION_CASES } from './executions';
import { FINDER_CASES } from './finder';
import { keepingActiveSheet, removeLeftovers, withScratch } from './scratch';
import { SERVICE_CASES } from './services';
import { type Case, type CaseId, canonical, caseNameKey, messageOf, type Observed, type Where } from './types';
import { VALUE_CASES } from './values';

export const CASES: readonly Case[] = [
  ...VALUE_CASES,
  ...DATE_CASES,
  ...FINDER_CASES,
  ...SERVICE_CASES,
  ...EXECUTION_CASES,
];

/** same / differs: observed in this run; dialog: the dialog observes it next; harness: only the test suite can. */
export type RowStatus = 'same' | 'differs' | 'dialog' | 'harness';

export interface DiagnosticsRow {
  id: CaseId;
  /** The behaviour, in the workbook's language. */
  name: string;
  where: Where;
  status: RowStatus;
  /** Canonical JSON of what the emulator's model expects. */
  expected: string;
  /** Canonical JSON of what this run observed; null when it was not observed here. */
  actual: string | null;
}

export interface DiagnosticsReport {
  version: string;
  /** When it ran, in the script's time zone (a string: google.script.run carries no Date). */
  ranAt: string;
  context: { spreadsheetTimeZone: string; scriptTimeZone: string; locale: string };
  rows: DiagnosticsRow[];
  /** What a case made that could not be removed (should stay empty). */
  cleanupErrors: string[];
  /** Scratch sheets and triggers an earlier, interrupted run left, removed before this one. */
  leftoversRemoved: number;
}

function observe(fn: () => Observed): Observed {
  try {
    return fn();
  } catch (e) {
    return { error: messageOf(e) };
  }
}

/** Runs every case that one execution can observe; lists the others with what they expect. */
export function runSuite(lang: Lang): DiagnosticsReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return keepingActiveSheet(ss, () => {
    const leftoversRemoved = removeLeftovers(ss);
    const cleanupErrors: string[] = [];
    const rows = CASES.map((c): DiagnosticsRow => {
      const row = { id: c.id, name: t(lang, caseNameKey(c.id)), where: c.where, expected: canonical(c.expected) };
      const run = c.run;
      if (c.where !== 'execution' || !run) {
        return { ...row, status: c.where === 'dialog' ? 'dialog' : 'harness', actual: null };
      }
      const outcome = withScratch(ss, (ctx) => observe(() => run(ctx)));
      cleanupErrors.push(...outcome.cleanupErrors);
      const actual = canonical(outcome.value);
      return { ...row, status: actual === row.expected ? 'same' : 'differs', actual };
    });
    const scriptTimeZone = Session.getScriptTimeZone();
    return {
      version: VERSION,
      ranAt: Utilities.formatDate(new Date(), scriptTimeZone, 'yyyy-MM-dd HH:mm'),
      context: {
        spreadsheetTimeZone: ss.getSpreadsheetTimeZone(),
        scriptTimeZone,
        locale: ss.getSpreadsheetLocale(),
      },
      rows,
      cleanupErrors,
      leftoversRemoved,
    };
  });
}

/** One step of a case, in the execution that calls it (the dialog's probes, the harness's steps). */
export function runStep(id: string, step: string, arg?: unknown): Observed {
  const run = CASES.find((c) => c.id === id)?.steps?.[step];
  if (!run) throw new LibraryError('diag.noStep', { id: String(id), step: String(step) });
  return run(arg);
}
