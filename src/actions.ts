/**
 * Menu actions: what happens when the librarian picks an item. Each runs under the document lock
 * where it writes, and shows its outcome (or a clear, localised refusal) in a dialog.
 */
import { errorMessage, isLibraryError } from './errors';
import { helpTitleKey, refusalSection } from './help/sections';
import { addLibraryMenu, menuFlags } from './menu';
import { type Lang, type MessageKey, t } from './messages';
import { parseSettings, type Settings } from './settings';
import { type SetupReport, setUpWorkbook as setUp } from './setup';
import { withDocumentLock } from './sheets/lock';
import { logEvent } from './sheets/log';
import { currentLang, Workbook } from './sheets/workbook';

export const VERSION = '0.2.0';

/** Runs a menu action; a refusal or an error is shown to the librarian instead of a stack trace. */
export function menuAction(action: (lang: Lang) => string | null): void {
  const ui = SpreadsheetApp.getUi();
  const lang = currentLang();
  let message: string | null;
  try {
    message = action(lang);
  } catch (e) {
    if (!isLibraryError(e)) console.error(e);
    const now = currentLang();
    // A refusal's title names the guide's section that says what to do (Library → Help opens it).
    const section = t(now, helpTitleKey(refusalSection(isLibraryError(e) ? e.key : null)));
    ui.alert(t(now, 'help.refusal.title', { section }), errorMessage(now, e), ui.ButtonSet.OK);
    return;
  }
  // null: the action showed its own dialog.
  if (message !== null) ui.alert(message);
}

/** The workbook's settings for building the menu; the defaults when they cannot be read (never throws). */
function menuSettings(): Settings {
  try {
    return Workbook.open().settings;
  } catch {
    return parseSettings(new Map());
  }
}

export function onOpen(): void {
  const settings = menuSettings();
  addLibraryMenu(SpreadsheetApp.getUi(), settings.language, menuFlags(settings));
}

function setupMessage(lang: Lang, report: SetupReport): string {
  const changed =
    report.createdSheets.length + report.addedColumns.length + report.addedSettings.length + report.translatedCells;
  const parts = [
    changed === 0 && !report.closedDays && report.holdingsRebuilt === 0
      ? t(lang, 'setup.nothingToDo')
      : t(lang, 'setup.done', { created: report.createdSheets.length, columns: report.addedColumns.length }),
  ];
  if (report.closedDays) {
    parts.push(t(lang, 'setup.closedDays', { count: report.closedDays.added, year: report.closedDays.year }));
    if (!report.closedDays.vacationsKnown) parts.push(t(lang, 'setup.noVacations', { year: report.closedDays.year }));
  }
  if (report.holdingsRebuilt > 0) parts.push(t(lang, 'setup.holdings', { count: report.holdingsRebuilt }));
  return parts.join('\n\n');
}

export function setUpWorkbook(): void {
  menuAction((lang) =>
    withDocumentLock(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const report = setUp(ss, lang);
      const wb = Workbook.open(ss);
      logEvent(wb, 'setup', {
        created: report.createdSheets.length,
        columns: report.addedColumns.length,
        settings: report.addedSettings.length,
      });
      if (report.createdSheets.length > 0) addLibraryMenu(SpreadsheetApp.getUi(), wb.lang, menuFlags(wb.settings));
      return setupMessage(wb.lang, report);
    }),
  );
}

/**
 * Changes the language setting, then rewrites in that language every label the library wrote:
 * sheet names, headers, the settings' explanations, dropdown labels and statuses. Sheets builds a
 * menu only when the spreadsheet opens, so the librarian is told to reload it.
 */
export function useLanguage(lang: Lang): void {
  menuAction(() =>
    withDocumentLock(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const before = Workbook.open(ss);
      const settings = before.table('settings').require('key', 'value');
      const { rows, firstRow } = settings.readAll();
      const i = rows.findIndex((r) => settings.text(r, 'key') === 'language');
      if (i >= 0) settings.update(firstRow + i, { value: lang });
      else settings.append([{ key: 'language', value: lang }]);
      setUp(ss, lang, true);
      const wb = Workbook.open(ss);
      logEvent(wb, 'language', { language: t(lang, `menu.language.${lang}` as MessageKey) });
      addLibraryMenu(SpreadsheetApp.getUi(), lang, menuFlags(wb.settings));
      return t(lang, 'language.changed');
    }),
  );
}

export function showAbout(): void {
  menuAction((lang) => t(lang, 'about.text', { version: VERSION }));
}
