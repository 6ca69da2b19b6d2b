/**
 * The "Library" menu. Every item names an entry point exported by main.ts; a test checks that each
 * one is a global function of the built bundle.
 */
import { type Lang, type MessageKey, t } from './messages';

/** Menu entries a setting shows (hidden otherwise). */
export type MenuFlag = 'diagnostics';
export type MenuFlags = Partial<Record<MenuFlag, boolean>>;

export type MenuEntry = (
  | { kind: 'item'; caption: MessageKey; fn: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: MessageKey; items: MenuEntry[] }
) & { shownIf?: MenuFlag };

/** The flags the workbook's settings set. */
export const menuFlags = (settings: { diagnostics: boolean }): MenuFlags => ({ diagnostics: settings.diagnostics });

const item = (caption: MessageKey, fn: string): MenuEntry => ({ kind: 'item', caption, fn });

export const MENU: MenuEntry[] = [
  item('menu.desk', 'openDesk'),
  { kind: 'separator' },
  item('menu.setup', 'setUpWorkbook'),
  item('menu.check', 'checkWorkbook'),
  { kind: 'separator' },
  {
    kind: 'submenu',
    caption: 'menu.debtors',
    items: [
      item('menu.debtors.build', 'buildDebtorList'),
      item('menu.debtors.print', 'printDebtorLists'),
      item('menu.debtors.preview', 'previewDebtorEmails'),
      item('menu.debtors.send', 'sendDebtorEmailsNow'),
      { kind: 'separator' },
      item('menu.debtors.monthlyOn', 'turnOnMonthlyEmails'),
      item('menu.debtors.monthlyOff', 'turnOffMonthlyEmails'),
      item('menu.debtors.visitsOn', 'turnOnVisitsSummary'),
      item('menu.debtors.visitsOff', 'turnOffVisitsSummary'),
      item('menu.debtors.visitsSend', 'sendVisitsSummaryNow'),
      { kind: 'separator' },
      item('menu.debtors.status', 'showMailStatus'),
    ],
  },
  {
    kind: 'submenu',
    caption: 'menu.reports',
    items: [
      item('menu.reports.coverage', 'buildTextbookCoverage'),
      item('menu.reports.missing', 'printPupilsWithoutTextbooks'),
      item('menu.reports.order', 'buildTextbookOrder'),
      { kind: 'separator' },
      item('menu.reports.statistics', 'buildStatistics'),
      item('menu.reports.ratings', 'buildRatings'),
      { kind: 'separator' },
      item('menu.reports.annual', 'buildAnnualReport'),
      item('menu.reports.summary', 'buildYearSummary'),
      { kind: 'separator' },
      item('menu.reports.monthlyOn', 'turnOnMonthlyStatistics'),
      item('menu.reports.monthlyOff', 'turnOffMonthlyStatistics'),
    ],
  },
  { kind: 'separator' },
  {
    kind: 'submenu',
    caption: 'menu.fund',
    items: [
      item('menu.fund.open', 'openFund'),
      item('menu.fund.ksu', 'buildSummaryBook'),
      item('menu.fund.book', 'buildInventoryBook'),
      item('menu.fund.balance', 'takeFundOntoBooks'),
    ],
  },
  {
    kind: 'submenu',
    caption: 'menu.calendar',
    items: [
      item('menu.calendar.sync', 'calendarSyncNow'),
      item('menu.calendar.import', 'calendarImportDialog'),
      item('menu.calendar.jubilees', 'calendarFindAnniversaries'),
      item('menu.calendar.accept', 'calendarAcceptSuggestions'),
      { kind: 'separator' },
      item('menu.calendar.weeklyOff', 'calendarWeeklyOff'),
    ],
  },
  // Summer: pupils up a grade, graduates left, old loans to the archive (src/rollover).
  item('menu.rollover', 'yearEndRollover'),
  { kind: 'separator' },
  {
    kind: 'submenu',
    caption: 'menu.language',
    items: [
      item('menu.language.kk', 'useKazakh'),
      item('menu.language.ru', 'useRussian'),
      item('menu.language.en', 'useEnglish'),
    ],
  },
  item('menu.help', 'showHelp'),
  item('menu.about', 'showAbout'),
  // Hidden unless the `diagnostics` setting is TRUE: run once after installing (README, Diagnostics).
  { kind: 'separator', shownIf: 'diagnostics' },
  { ...item('menu.diagnostics', 'runDiagnostics'), shownIf: 'diagnostics' },
];

export function addLibraryMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang, flags: MenuFlags = {}): void {
  const fill = (menu: GoogleAppsScript.Base.Menu, entries: MenuEntry[]): GoogleAppsScript.Base.Menu => {
    for (const e of entries) {
      if (e.shownIf && !flags[e.shownIf]) continue;
      if (e.kind === 'item') menu.addItem(t(lang, e.caption), e.fn);
      else if (e.kind === 'separator') menu.addSeparator();
      else menu.addSubMenu(fill(ui.createMenu(t(lang, e.caption)), e.items));
    }
    return menu;
  };
  fill(ui.createMenu(t(lang, 'menu.title')), MENU).addToUi();
}
