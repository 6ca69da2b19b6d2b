/**
 * The sidebar's server functions. Each returns a plain object — strings, numbers, booleans, arrays —
 * because google.script.run refuses Date values; a refusal comes back as `{ ok: false, message }` in
 * the librarian's language, with nothing written. The sidebar sends back the row of the reader it
 * shows, so the next action reads that row directly instead of searching for it.
 */

import { isLibraryError } from '../errors';
import { type Lang, type MessageKey, messageKeys, t } from '../messages';
import { applyLanguageIfChanged } from '../setup';
import { withDocumentLock } from '../sheets/lock';
import { currentLang, type Workbook, withWorkbook } from '../sheets/workbook';
import { type Reply, reply } from '../sidebar-reply';
import { type DeskResult, giveBack, issue, markLost, renew } from './circulation';
import {
  classList,
  classOptions,
  classReturnReport,
  classTextbooks,
  countVisits,
  issueToClass,
  previewClassIssue,
} from './classes';
import { Desk } from './desk';
import { findReader, readerHistory } from './find';
import { showPrintView } from './print';

export type { Reply };

/** A read-only desk call: the workbook from its saved layout (read afresh if it proves stale). */
function read<T extends object>(fn: (desk: Desk) => T): Reply<T> {
  return reply(() => withWorkbook((wb) => fn(new Desk(wb))));
}

/** A desk mutation: under the document lock, reading inside it what it changes. */
function mutate<T extends object>(fn: (desk: Desk) => T): Reply<T> {
  return reply(() =>
    withDocumentLock(() =>
      withWorkbook((wb: Workbook) => {
        const desk = new Desk(applyLanguageIfChanged(wb));
        desk.prepareWrites();
        return fn(desk);
      }),
    ),
  );
}

/** The labels the sidebar needs, in the workbook's language. */
export function deskLabels(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of messageKeys())
    if (key.startsWith('desk.') || key.startsWith('help.link')) out[key] = t(lang, key as MessageKey);
  return out;
}

export function deskInit(): Reply<{ lang: Lang; labels: Record<string, string>; today: string }> {
  return read((desk) => ({ lang: desk.lang, labels: deskLabels(desk.lang), today: desk.show(desk.today) }));
}

/** A scanned reader code opens the form; a name or part of it, or a class, lists the readers to choose from. */
export function deskFindReader(query: string) {
  return read((desk) => findReader(desk, String(query ?? '')));
}

export function deskReaderForm(code: string, row?: number) {
  return read((desk) => ({ form: desk.form(desk.reader(String(code ?? ''), Number(row) || 0, { cache: true })) }));
}

/** The reader's loans from the history, newest first (the 50 latest). */
export function deskHistory(code: string, row?: number) {
  return read((desk) => readerHistory(desk, String(code ?? ''), Number(row) || 0));
}

/** Where the reader at the desk stands: the code and the row the sidebar shows. */
function atDesk(code?: string, row?: number) {
  return { code: String(code ?? ''), row: Number(row) || 0 };
}

/**
 * A reader card scanned where a book was expected is not an error: the desk switches to that
 * reader. Only when the code is neither a copy nor a reader is it refused.
 */
function orReaderCard(desk: Desk, code: string, action: () => DeskResult): DeskResult {
  try {
    return action();
  } catch (e) {
    if (!isLibraryError(e) || e.key !== 'desk.error.unknownCopy') throw e;
    const card = desk.readerOrNull(code);
    if (!card) throw e;
    return {
      message: t(desk.lang, 'desk.switchedReader', { reader: card.info.name }),
      form: desk.form(card),
      switched: true,
    };
  }
}

export function deskIssue(readerCode: string, inventory: string, opts?: { row?: number; classSet?: boolean }) {
  const code = String(inventory ?? '');
  return mutate((desk) =>
    orReaderCard(desk, code, () =>
      issue(desk, String(readerCode ?? ''), code, { readerRow: Number(opts?.row) || 0, classSet: !!opts?.classSet }),
    ),
  );
}

export function deskReturn(inventory: string, readerAtDesk?: string, row?: number) {
  const code = String(inventory ?? '');
  return mutate((desk) => orReaderCard(desk, code, () => giveBack(desk, code, atDesk(readerAtDesk, row))));
}

export function deskRenew(inventory: string, readerAtDesk?: string, row?: number) {
  return mutate((desk) => renew(desk, String(inventory ?? ''), atDesk(readerAtDesk, row)));
}

export function deskLost(inventory: string, replacement?: string, readerAtDesk?: string, row?: number) {
  return mutate((desk) =>
    markLost(desk, String(inventory ?? ''), String(replacement ?? ''), atDesk(readerAtDesk, row)),
  );
}

export function deskClassOptions() {
  return read((desk) => classOptions(desk));
}

export function deskClassTextbooks(className: string) {
  return read((desk) => classTextbooks(desk, String(className ?? '')));
}

const ids = (titleIds: unknown) => (Array.isArray(titleIds) ? titleIds.map(String) : []);

export function deskClassPreview(className: string, titleIds: string[], override?: boolean) {
  return read((desk) => previewClassIssue(desk, String(className ?? ''), ids(titleIds), !!override));
}

export function deskClassIssue(className: string, titleIds: string[], override?: boolean) {
  return mutate((desk) => issueToClass(desk, String(className ?? ''), ids(titleIds), !!override));
}

export function deskClassList(className: string, titleIds: string[]) {
  return read((desk) => classList(desk, String(className ?? ''), ids(titleIds)));
}

export function deskClassReturns(className: string) {
  return read((desk) => classReturnReport(desk, String(className ?? '')));
}

export function deskCountVisit(
  kind: string,
  who: { reader?: string; className?: string; count?: number; row?: number },
) {
  return mutate((desk) => countVisits(desk, kind === 'excursion' ? 'excursion' : 'readingRoom', who ?? {}));
}

/** Opens a print view (reader form, class pick list) in a dialog; the browser's print dialog prints it. */
export function deskPrint(
  kind: string,
  args: { code?: string; row?: number; className?: string; titleIds?: string[] },
) {
  return read((desk) => {
    showPrintView(desk, kind, args ?? {});
    return {};
  });
}

/** Opens the desk in the sidebar. */
export function openDesk(): void {
  const lang = currentLang();
  const template = HtmlService.createTemplateFromFile('Sidebar');
  // Labels travel as JSON inside a <script>: "<" is escaped so no label can close the script tag.
  template.bootJson = JSON.stringify({ lang, labels: deskLabels(lang) }).replace(/</g, '\\u003c');
  const html = template.evaluate().setTitle(t(lang, 'desk.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Menu: the debtor lists, a page per class, in a print view. */
export function printDebtorLists(): void {
  const reply = deskPrint('debtors', {});
  if (!reply.ok) SpreadsheetApp.getUi().alert(reply.message);
}
