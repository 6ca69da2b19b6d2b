/**
 * Every entry point of the Apps Script project, and nothing else: the build turns each export into
 * a top-level function that menus, triggers and google.script.run can call.
 */
import { onOpen, setUpWorkbook, showAbout, useLanguage } from './actions';

// Menu and simple triggers
export { onOpen, setUpWorkbook, showAbout };

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
  deskClassOptions,
  deskClassPreview,
  deskClassReturns,
  deskCountVisit,
  deskFindReader,
  deskHistory,
  deskInit,
  deskIssue,
  deskLost,
  deskReaderForm,
  deskRenew,
  deskReturn,
  openDesk,
} from './desk/api';
