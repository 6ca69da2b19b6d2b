/**
 * One action for what the calendar suggests: a row flagged for a date outside the plan year takes its
 * suggested date (a range keeps its length), a proposal of the jubilee finder becomes an event; both
 * then wait for the sync. Rows selected on the Events sheet only, when the selection is there; else
 * every such row.
 */
import { addDays, daysBetween } from '../dates';
import { t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { dateFor } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import type { RowValues } from '../sheets/table';
import { Workbook } from '../sheets/workbook';
import { SyncTable } from './rows';
import { rowDates, specContext } from './specs';
import { ensureCalendarSheets, planYear } from './sync';

/** The Events rows the librarian selected, or null when the selection is not on the Events sheet. */
function selectedRows(wb: Workbook): Set<number> | null {
  const range = SpreadsheetApp.getActiveRange();
  const events = wb.findSheet('events');
  if (!range || !events || range.getSheet().getName() !== events.getName()) return null;
  const first = Math.max(range.getRow(), 2);
  const last = range.getRow() + range.getNumRows() - 1;
  if (last < first) return null;
  const rows = new Set<number>();
  for (let r = first; r <= last; r++) rows.add(r);
  return rows;
}

export function acceptSuggestions(): { dates: number; proposals: number; message: string } {
  return withDocumentLock(() => {
    const wb = ensureCalendarSheets(Workbook.open());
    const lang = wb.lang;
    const events = SyncTable.read(wb, 'events', ['date', 'endDate', 'title', 'suggested']);
    const ctx = specContext(wb, planYear(wb));
    const only = selectedRows(wb);
    const waiting = choiceLabel(lang, 'syncState', 'waiting');
    const edits: Array<{ rowNumber: number; changes: RowValues }> = [];
    let dates = 0;
    let proposals = 0;
    for (const row of events.rows) {
      if (only && !only.has(row.rowNumber)) continue;
      if (row.status === 'proposed') {
        edits.push({ rowNumber: row.rowNumber, changes: { sync: waiting, syncNote: '' } });
        proposals++;
        continue;
      }
      if (row.status !== 'flagged' || !row.suggested) continue;
      const d = rowDates(events, row, ctx);
      if ('problem' in d) continue;
      const length = daysBetween(d.start, d.end);
      const changes: RowValues = {
        date: dateFor(row.suggested, wb.timeZone),
        suggested: '',
        sync: waiting,
        syncNote: '',
      };
      if (length > 0 || events.text(row, 'endDate') !== '') {
        changes.endDate = dateFor(addDays(row.suggested, length), wb.timeZone);
      }
      edits.push({ rowNumber: row.rowNumber, changes });
      dates++;
    }
    if (edits.length === 0) return { dates, proposals, message: t(lang, 'calendar.accept.none') };
    events.table.updateMany(edits);
    const message = t(lang, 'calendar.accept.done', { dates, proposals });
    logAction(wb, 'calendarAccept', message);
    return { dates, proposals, message };
  });
}
