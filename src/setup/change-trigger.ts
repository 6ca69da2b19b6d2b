/**
 * The installable "on change" trigger that keeps the saved layout honest: Sheets runs it when
 * columns or rows are inserted, removed or moved and when sheets are added, removed or renamed,
 * which the simple onEdit trigger never sees. Setup installs it once (it is ours by its handler).
 */
export const CHANGE_HANDLER = 'onLibraryChange';

export function ensureChangeTrigger(): boolean {
  const ours = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === CHANGE_HANDLER);
  if (ours) return false;
  ScriptApp.newTrigger(CHANGE_HANDLER).forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create();
  return true;
}
