/**
 * The Diagnostics entry points: the hidden menu item, the dialog's server calls, and the handler of
 * the triggers the suite installs (a leftover one removes them all when it fires).
 */
import { menuAction } from '../actions';
import { errorMessage } from '../errors';
import { type MessageKey, messageKeys, t } from '../messages';
import { currentLang } from '../sheets/workbook';
import { markExecution } from './executions';
import { removeLeftoverTriggers } from './scratch';
import { type DiagnosticsReport, runStep, runSuite } from './suite';
import type { Observed } from './types';

/** The dialog's texts, in the workbook's language. */
function dialogLabels(lang: ReturnType<typeof currentLang>): Record<string, string> {
  const keys = messageKeys().filter((k) => k.startsWith('diag.ui.') || k === 'diag.title') as MessageKey[];
  return Object.fromEntries(keys.map((k) => [k, t(lang, k)]));
}

/** Menu (shown when the `diagnostics` setting is TRUE): opens the dialog, which runs the suite. */
export function runDiagnostics(): void {
  menuAction((lang) => {
    // This click is one execution and the dialog's call another: what outlives an execution is seen there.
    markExecution();
    const template = HtmlService.createTemplateFromFile('Diagnostics');
    // Labels travel as JSON inside a <script>: "<" is escaped so no label can close the script tag.
    template.bootJson = JSON.stringify({ lang, labels: dialogLabels(lang) }).replace(/</g, '\\u003c');
    const html = template.evaluate().setWidth(960).setHeight(640);
    SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'diag.title'));
    return null;
  });
}

/** The dialog's call: runs the suite on scratch sheets and reports every case. */
export function diagnosticsRun(): DiagnosticsReport {
  const lang = currentLang();
  try {
    return runSuite(lang);
  } catch (e) {
    throw new Error(errorMessage(lang, e));
  }
}

/** One step of a case in an execution of its own: the dialog's google.script.run probes, the test harness. */
export function diagnosticsProbe(id: string, step: string, arg?: unknown): Observed {
  return runStep(id, step, arg);
}

/** A trigger the suite installed and could not remove (its run was stopped) fires: remove them all. */
export function diagnosticsCleanUpTrigger(): void {
  removeLeftoverTriggers();
}
