/**
 * The sections of the librarian's guide (docs/guide/<lang>.md), by the stable ids their headings
 * carry in every language (`## Title {#desk}`), and the section that explains each refusal.
 * Pure: no Apps Script, no guide text (tests read the guides from docs/guide/).
 */
import type { MessageKey } from '../messages';

/** The guide's chapters, in order; each has a picture and a catalogue title `help.section.<id>`. */
export const GUIDE_CHAPTERS = [
  'start',
  'sheets',
  'desk',
  'class-sets',
  'emails',
  'calendar',
  'reports',
  'fund',
  'year-end',
  'trouble',
  'menu',
] as const;

/** "When something goes wrong", by where the refusal comes from. */
export const TROUBLE_SECTIONS = [
  'trouble-workbook',
  'trouble-desk',
  'trouble-class-sets',
  'trouble-emails',
  'trouble-reports',
  'trouble-fund',
  'trouble-calendar',
] as const;

export type HelpSection = (typeof GUIDE_CHAPTERS)[number] | (typeof TROUBLE_SECTIONS)[number];

export const HELP_SECTIONS: readonly HelpSection[] = [...GUIDE_CHAPTERS, ...TROUBLE_SECTIONS];

export function isHelpSection(v: unknown): v is HelpSection {
  return typeof v === 'string' && (HELP_SECTIONS as readonly string[]).includes(v);
}

export const helpTitleKey = (id: HelpSection): MessageKey => `help.section.${id}` as MessageKey;

/**
 * Where the guide says what to do about each refusal (a `LibraryError` key). A test finds every key
 * the code throws and checks it is here, and that its section quotes the message.
 */
export const REFUSAL_SECTION: Readonly<Record<string, HelpSection>> = {
  'error.notSetUp': 'trouble-workbook',
  'error.missingColumn': 'trouble-workbook',
  'error.duplicateColumn': 'trouble-workbook',
  'error.headerMoved': 'trouble-workbook',
  'error.busy': 'trouble-workbook',
  'schedule.neverOpen': 'trouble-workbook',
  'print.unknown': 'trouble-workbook',
  'diag.noStep': 'trouble-workbook',
  'desk.error.empty': 'trouble-desk',
  'desk.error.unknownReader': 'trouble-desk',
  'desk.error.unknownCopy': 'trouble-desk',
  'error.ambiguousCode': 'trouble-desk',
  'error.codeTooLong': 'trouble-desk',
  'error.queryTooLong': 'trouble-desk',
  'desk.error.onLoan': 'trouble-desk',
  'desk.error.notAvailable': 'trouble-desk',
  'desk.error.notOnLoan': 'trouble-desk',
  'desk.error.readerLeft': 'trouble-desk',
  'desk.error.limit': 'trouble-desk',
  'desk.error.renewLimit': 'trouble-desk',
  'desk.error.renewNoGain': 'trouble-desk',
  'desk.error.renewOverdue': 'trouble-desk',
  'desk.error.renewTextbook': 'trouble-desk',
  'desk.error.replacementExists': 'trouble-desk',
  'desk.error.loanMissing': 'trouble-desk',
  'desk.error.noClass': 'trouble-class-sets',
  'missing.unknownClass': 'trouble-class-sets',
  'desk.error.noTitles': 'trouble-class-sets',
  'desk.error.alreadyHasTitle': 'trouble-class-sets',
  'debtors.busy': 'trouble-emails',
  'print.debtors.none': 'trouble-emails',
  'trigger.error.tooMany': 'trouble-emails',
  'mail.followUp.failed': 'trouble-emails',
  'mail.followUp.stopped': 'trouble-emails',
  'mail.ledger.broken': 'trouble-emails',
  'stats.badPeriod': 'trouble-reports',
  'fund.error.badDate': 'trouble-fund',
  'fund.error.badYear': 'trouble-fund',
  'fund.error.noSource': 'trouble-fund',
  'fund.error.noDocument': 'trouble-fund',
  'fund.error.noLines': 'trouble-fund',
  'fund.error.tooManyLines': 'trouble-fund',
  'fund.error.badCount': 'trouble-fund',
  'fund.error.tooManyCopies': 'trouble-fund',
  'fund.error.badPrice': 'trouble-fund',
  'fund.error.titleUnknown': 'trouble-fund',
  'fund.error.needTitle': 'trouble-fund',
  'fund.error.titleIdTaken': 'trouble-fund',
  'fund.error.titleTwice': 'trouble-fund',
  'fund.error.duplicateDelivery': 'trouble-fund',
  'fund.error.nothingToTake': 'trouble-fund',
  'fund.error.unknownCopy': 'trouble-fund',
  'fund.error.noItems': 'trouble-fund',
  'fund.error.copyTwice': 'trouble-fund',
  'fund.error.badReason': 'trouble-fund',
  'fund.error.copyOnLoan': 'trouble-fund',
  'fund.error.alreadyWrittenOff': 'trouble-fund',
  'fund.error.noCommission': 'trouble-fund',
  'fund.error.unknownAct': 'trouble-fund',
  'fund.error.actApproved': 'trouble-fund',
  'fund.error.actCancelled': 'trouble-fund',
  'fund.error.emptyFund': 'trouble-fund',
  'fund.error.stocktakeOpen': 'trouble-fund',
  'fund.error.noStocktake': 'trouble-fund',
  'fund.error.unknownStocktake': 'trouble-fund',
  'fund.scan.unknown': 'trouble-fund',
  'fund.error.noRaidItems': 'trouble-fund',
  'fund.error.badCondition': 'trouble-fund',
  'fund.error.noLabels': 'trouble-fund',
  'fund.error.tooManyLabels': 'trouble-fund',
  'fund.labels.cannotEncode': 'trouble-fund',
  'calendar.error.noCalendar': 'trouble-calendar',
  'calendar.sync.busy': 'trouble-calendar',
  'rollover.notSummer': 'year-end',
  'rollover.alreadyDone': 'year-end',
  'rollover.archiveMissing': 'year-end',
};

/** The section that explains a refusal; "When something goes wrong" for anything else. */
export function refusalSection(key: string | null | undefined): HelpSection {
  return (key && REFUSAL_SECTION[key]) || 'trouble';
}
