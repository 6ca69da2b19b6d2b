/** The audit log: who did what, and when. One appended row per action. */
import type { Workbook } from './workbook';

export function logAction(wb: Workbook, action: string, details: string): void {
  const user = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  wb.table('log').append([{ time: new Date(), user, action, details }]);
}
