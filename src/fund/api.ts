/**
 * The fund's server functions (the Fund sidebar calls them with google.script.run) and its menu
 * actions. Each returns plain values (never a Date); a refusal comes back as `{ ok: false, message }`
 * in the librarian's language, with nothing written. Changes hold the document lock.
 */
import { menuAction } from '../actions';
import { type Lang, type MessageKey, messageKeys, t } from '../messages';
import { ENUMS } from '../schema';
import { applyLanguageIfChanged } from '../setup';
import { withDocumentLock } from '../sheets/lock';
import { currentLang, withWorkbook } from '../sheets/workbook';
import { type Reply, reply } from '../sidebar-reply';
import { type ActItem, approveAct, cancelAct, createAct, listActs, writeOffCandidates } from './acts';
import { type Delivery, recordArrival, takeOntoBooks } from './arrivals';
import { writeInventoryBook, writeKsu } from './books';
import { Fund } from './fund';
import { completeInterrupted } from './journal';
import { type LabelRequest, printAct, printLabels, printStocktake } from './print';
import { type RaidInput, raidList, recordRaid, replacementNeeds } from './raids';
import { closeStocktake, openStocktake, scanStocktake, stocktakeLists, stocktakeProgress } from './stocktake';

export type { Reply };

function read<T extends object>(fn: (fund: Fund) => T): Reply<T> {
  return reply(() => withWorkbook((wb) => fn(new Fund(wb))));
}

function mutate<T extends object>(fn: (fund: Fund) => T): Reply<T> {
  return reply(() => withDocumentLock(() => withWorkbook((wb) => fn(new Fund(applyLanguageIfChanged(wb))))));
}

/** The labels the Fund sidebar needs, in the workbook's language. */
export function fundLabels(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of messageKeys()) {
    if (
      /^(fund\.|enum\.(kind|condition|writeOffReason|raidKind)\.|desk\.error\.empty$|print\.button$|help\.link)/.test(
        key,
      )
    )
      out[key] = t(lang, key as MessageKey);
  }
  return out;
}

/** What the sidebar shows first: today, the classes, the open stocktake; an interrupted change completed. */
export function fundInit() {
  return mutate((fund) => {
    const done = completeInterrupted(fund);
    const finished = [...done.records.map((r) => `№ ${r}`), ...done.acts, ...done.cancelled];
    const progress = stocktakeProgress(fund);
    return {
      lang: fund.lang,
      today: fund.show(fund.today),
      classes: fund.wb.layout.classes.map((c) => c.className),
      kinds: [...ENUMS.kind],
      reasons: [...ENUMS.writeOffReason],
      conditions: [...ENUMS.condition],
      stocktake: progress.open ? { id: progress.id, message: progress.message } : null,
      completed: finished.length ? fund.t('fund.journal.completed', { what: finished.join(', ') }) : '',
    };
  });
}

export function fundRecordArrival(delivery: Delivery) {
  return mutate((fund) => recordArrival(fund, delivery));
}

export function fundTakeOntoBooks(day?: string) {
  return mutate((fund) => takeOntoBooks(fund, String(day ?? '')));
}

export function fundCandidates(filters: Parameters<typeof writeOffCandidates>[1]) {
  return read((fund) => writeOffCandidates(fund, filters ?? {}));
}

export function fundCreateAct(items: ActItem[], opts?: { date?: string; note?: string }) {
  return mutate((fund) => createAct(fund, items, opts ?? {}));
}

export function fundApproveAct(act: string) {
  return mutate((fund) => approveAct(fund, String(act ?? '')));
}

export function fundCancelAct(act: string) {
  return mutate((fund) => cancelAct(fund, String(act ?? '')));
}

export function fundActs() {
  return read((fund) => listActs(fund));
}

export function fundPrintAct(act: string) {
  return mutate((fund) => printAct(fund, String(act ?? '')));
}

export function fundStocktakeOpen() {
  return mutate((fund) => openStocktake(fund));
}

/** A scan in the stocktake: as at the desk, one search, one read, one write. */
export function fundStocktakeScan(code: string, section?: string) {
  return mutate((fund) => scanStocktake(fund, String(code ?? ''), String(section ?? '')));
}

export function fundStocktakeProgress() {
  return read((fund) => stocktakeProgress(fund));
}

export function fundStocktakeClose() {
  return mutate((fund) => closeStocktake(fund));
}

export function fundStocktakePrint(id: string) {
  return read((fund) => {
    printStocktake(fund, stocktakeLists(fund, String(id ?? '')));
    return {};
  });
}

export function fundRaidList(className: string) {
  return read((fund) => raidList(fund, String(className ?? '')));
}

export function fundRecordRaid(raid: RaidInput) {
  return mutate((fund) => recordRaid(fund, raid));
}

export function fundReplacementNeeds() {
  return read((fund) => replacementNeeds(fund));
}

export function fundPrintLabels(request: LabelRequest) {
  return mutate((fund) => {
    const { message, count } = printLabels(fund, request ?? {});
    return { message, count };
  });
}

export function fundBuildKsu(year?: number | string) {
  return mutate((fund) => writeKsu(fund, year));
}

export function fundBuildInventoryBook() {
  return mutate((fund) => writeInventoryBook(fund));
}

/** Opens the Fund sidebar: arrivals, write-off acts, stocktakes, raids, labels and the books. */
export function openFund(): void {
  const lang = currentLang();
  const template = HtmlService.createTemplateFromFile('Fund');
  template.bootJson = JSON.stringify({ lang, labels: fundLabels(lang) }).replace(/</g, '\\u003c');
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(t(lang, 'fund.title')));
}

/** Menu: the summary accounting book of a year (asked; this year when left empty). */
export function buildSummaryBook(): void {
  menuAction((lang) => {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt(t(lang, 'fund.ksu.prompt'), ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return null;
    return fundBuildKsu(answer.getResponseText()).message;
  });
}

/** Menu: the inventory book, rebuilt. */
export function buildInventoryBook(): void {
  menuAction(() => {
    return fundBuildInventoryBook().message;
  });
}

/** Menu: the copies no receipt record brought, taken onto the books as the opening balance. */
export function takeFundOntoBooks(): void {
  menuAction((lang) => {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt(t(lang, 'fund.balance.prompt'), ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return null;
    return fundTakeOntoBooks(answer.getResponseText()).message;
  });
}
