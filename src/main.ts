/**
 * Every entry point of the Apps Script project, and nothing else: the build turns each export into
 * a top-level function that menus, triggers and google.script.run can call.
 */
import { onOpen, setUpWorkbook, showAbout, useLanguage } from './actions';
import { handleChange, handleEdit } from './sheets/edits';

export { checkWorkbook } from './check';
// Menu and simple triggers
export { onOpen, setUpWorkbook, showAbout };

/** Simple trigger: an edit by the librarian (keeps the saved layout honest, flags unknown classes). */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleEdit(e);
}

/** Installable trigger (Setup installs it): a structural change of the workbook. */
export function onLibraryChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  handleChange(e);
}

/** Installed as an add-on or from the editor: build the menu as on open. */
export function onInstall(): void {
  onOpen();
}

export function useKazakh(): void {
  useLanguage('kk');
}

export function useRussian(): void {
  useLanguage('ru');
}

export function useEnglish(): void {
  useLanguage('en');
}

// The events calendar: menu actions, the import dialog's server function, the trigger handlers
export {
  calendarAcceptSuggestions,
  calendarFindAnniversaries,
  calendarFollowUpTrigger,
  calendarImportDialog,
  calendarImportPlan,
  calendarSyncNow,
  calendarWeeklyOff,
  calendarWeeklyTrigger,
} from './calendar/api';
// Debtors and the emails to class teachers: menu actions, then the time-driven trigger handlers
export {
  buildDebtorList,
  mailFollowUpTrigger,
  monthlyDebtorsTrigger,
  previewDebtorEmails,
  sendDebtorEmailsNow,
  sendVisitsSummaryNow,
  showMailStatus,
  turnOffMonthlyEmails,
  turnOffVisitsSummary,
  turnOnMonthlyEmails,
  turnOnVisitsSummary,
  visitsSummaryTrigger,
} from './debtors/api';
// The circulation desk: the menu item, then the sidebar's server functions (google.script.run)
export {
  deskClassIssue,
  deskClassList,
  deskClassOptions,
  deskClassPreview,
  deskClassReturns,
  deskClassTextbooks,
  deskCountVisit,
  deskFindReader,
  deskHistory,
  deskInit,
  deskIssue,
  deskLost,
  deskPrint,
  deskReaderForm,
  deskRenew,
  deskReturn,
  openDesk,
  printDebtorLists,
} from './desk/api';

// Diagnostics (hidden unless the diagnostics setting is TRUE): the menu item, the dialog's server
// calls, and the handler of the triggers its trigger-limit check installs
export {
  diagnosticsCleanUpTrigger,
  diagnosticsProbe,
  diagnosticsRun,
  runDiagnostics,
} from './diagnostics/api';
// The fund: the menu items, then the Fund sidebar's server functions (google.script.run)
export {
  buildInventoryBook,
  buildSummaryBook,
  fundActs,
  fundApproveAct,
  fundBuildInventoryBook,
  fundBuildKsu,
  fundCancelAct,
  fundCandidates,
  fundCreateAct,
  fundInit,
  fundPrintAct,
  fundPrintLabels,
  fundRaidList,
  fundRecordArrival,
  fundRecordRaid,
  fundReplacementNeeds,
  fundStocktakeClose,
  fundStocktakeOpen,
  fundStocktakePrint,
  fundStocktakeProgress,
  fundStocktakeScan,
  fundTakeOntoBooks,
  openFund,
  takeFundOntoBooks,
} from './fund/api';
// Help: the librarian's guide in a dialog (the menu item, and the sidebars' Help links)
export { showHelp } from './help/api';
// Reports: coverage, the order diagnostic, statistics, ratings, the annual report; the monthly trigger
export {
  buildAnnualReport,
  buildRatings,
  buildStatistics,
  buildTextbookCoverage,
  buildTextbookOrder,
  buildYearSummary,
  monthlyStatisticsTrigger,
  printPupilsWithoutTextbooks,
  turnOffMonthlyStatistics,
  turnOnMonthlyStatistics,
} from './reports/api';
// The year-end rollover (summer): pupils up a grade, graduates left, old loans to the archive
export { yearEndRollover } from './rollover/api';
