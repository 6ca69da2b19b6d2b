/**
 * The audit log: who did what, and when, one appended row per action, written so the librarian can
 * read it: the action named in her language, the details as a short sentence (reader, copy, dates
 * as dd.MM.yyyy), never English keys or JSON.
 */
import { type MessageKey, t } from '../messages';
import { currentUserEmail } from './user';
import type { Workbook } from './workbook';

/** Actions with a sentence in the catalogue: `log.<action>` names it, `log.<action>.details` tells it. */
export type LogAction =
  | 'setup'
  | 'language'
  | 'issue'
  | 'return'
  | 'returnNoLoan'
  | 'renew'
  | 'lost'
  | 'lostReplaced'
  | 'classIssue'
  | 'override'
  | 'visit'
  | 'check'
  | 'mailSent'
  | 'mailFailed'
  | 'mailRun'
  | 'taskError';

/** The action's name in the workbook's language (a key the catalogue does not know is kept as it is). */
export function actionLabel(wb: Workbook, action: string): string {
  const key = `log.${action}`;
  // t gives the key back when the catalogue does not know it.
  const label = t(wb.lang, key as MessageKey);
  return label === key ? action : label;
}

/** Appends a row: the action's name and its details sentence filled with `params`. */
export function logEvent(wb: Workbook, action: LogAction, params: Record<string, string | number> = {}): void {
  logAction(wb, action, t(wb.lang, `log.${action}.details` as MessageKey, params));
}

/** Appends a row with details already written as a sentence. */
export function logAction(wb: Workbook, action: string, details: string): void {
  wb.table('log').append([{ time: new Date(), user: currentUserEmail(), action: actionLabel(wb, action), details }]);
}
