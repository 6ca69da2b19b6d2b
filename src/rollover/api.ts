/**
 * Library → Year-end rollover…: in summer, after a confirmation that names what it will do, moves
 * pupils up a grade, marks the graduates left and moves old returned loans to the archive
 * spreadsheet. A run stopped partway (Apps Script's 6 minutes) is finished by picking the item again.
 */
import { menuAction } from '../actions';
import { t } from '../messages';
import { withDocumentLock } from '../sheets/lock';
import { Workbook } from '../sheets/workbook';
import { previewRollover, rolloverNow, rolloverSentence, runRollover } from './run';

export function yearEndRollover(): void {
  menuAction((lang) => {
    const wb = Workbook.open();
    const plan = rolloverNow(wb);
    const p = previewRollover(wb, plan);
    const ui = SpreadsheetApp.getUi();
    const question = t(lang, p.resuming ? 'rollover.confirmResume' : 'rollover.confirm', {
      year: p.year,
      up: p.up,
      graduates: p.graduates,
      classes: p.classes,
      loans: p.loans,
      before: p.before,
    });
    if (ui.alert(t(lang, 'rollover.title'), question, ui.ButtonSet.YES_NO) !== ui.Button.YES) {
      return t(lang, 'rollover.cancelled');
    }
    return withDocumentLock(() => {
      const fresh = Workbook.open();
      const again = rolloverNow(fresh);
      previewRollover(fresh, again);
      const outcome = runRollover(fresh, again);
      if (!outcome.finished) return t(fresh.lang, 'rollover.partial', { archived: outcome.archived });
      return `${rolloverSentence(fresh, again.run)}\n\n${t(fresh.lang, 'rollover.done')}`;
    });
  });
}
