/**
 * Menu actions: what happens when the librarian picks an item. Each runs under the document lock
 * where it writes, and shows its outcome (or a clear, localised refusal) in a dialog.
 */
import { isLibraryError } from './errors';
import { DEFAULT_LANG, type Lang, t } from './i18n';
import { addLibraryMenu } from './menu';
import { setUpWorkbook as setUp } from './setup';
import { withDocumentLock } from './sheets/lock';
import { logAction } from './sheets/log';
import { readSettings, Workbook } from './sheets/workbook';

export const VERSION = '0.1.0';

function currentLang(): Lang {
  try {
    return readSettings(SpreadsheetApp.getActiveSpreadsheet()).language;
  } catch {
    return DEFAULT_LANG;
  }
}

/** Runs a menu action; a refusal or an error is shown to the librarian instead of a stack trace. */
export function menuAction(action: (lang: Lang) => string): void {
  const ui = SpreadsheetApp.getUi();
  const lang = currentLang();
  let message: string;
  try {
    message = action(lang);
  } catch (e) {
    message = isLibraryError(e)
      ? t(lang, e.key, e.params)
      : t(lang, 'error.unexpected', { message: String((e as Error)?.message ?? e) });
  }
  ui.alert(message);
}

export function onOpen(): void {
  addLibraryMenu(SpreadsheetApp.getUi(), currentLang());
}

export function setUpWorkbook(): void {
  menuAction((lang) =>
    withDocumentLock(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const report = setUp(ss, lang);
      const changed =
        report.createdSheets.length + report.addedColumns.length + report.addedSettings.length + report.translatedCells;
      const wb = Workbook.open(ss);
      logAction(wb, 'setup', JSON.stringify(report));
      if (report.createdSheets.length > 0) addLibraryMenu(SpreadsheetApp.getUi(), wb.lang);
      return changed === 0
        ? t(wb.lang, 'setup.nothingToDo')
        : t(wb.lang, 'setup.done', { created: report.createdSheets.length, columns: report.addedColumns.length });
    }),
  );
}

/** Changes the language setting, then brings lists, menu and new headers into that language. */
export function useLanguage(lang: Lang): void {
  menuAction(() =>
    withDocumentLock(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      // Setup in the new language makes sure the Settings sheet exists and rewrites the dropdown lists.
      setUp(ss, lang);
      const wb = Workbook.open(ss);
      const settings = wb.table('settings').require('key', 'value');
      const { rows, firstRow } = settings.readAll();
      const i = rows.findIndex((r) => settings.text(r, 'key') === 'language');
      if (i >= 0) settings.update(firstRow + i, { value: lang });
      else settings.append([{ key: 'language', value: lang }]);
      logAction(wb, 'language', lang);
      addLibraryMenu(SpreadsheetApp.getUi(), lang);
      return t(lang, 'language.changed');
    }),
  );
}

export function showAbout(): void {
  menuAction((lang) => t(lang, 'about.text', { version: VERSION }));
}
