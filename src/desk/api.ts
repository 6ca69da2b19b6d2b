/**
 * The sidebar's server functions. Each returns a plain object — strings, numbers, booleans, arrays —
 * because google.script.run refuses Date values; a refusal comes back as `{ ok: false, message }` in
 * the librarian's language, with nothing written.
 */
import { isLibraryError, LibraryError } from '../errors';
import { DEFAULT_LANG, type Lang, type MessageKey, messageKeys, t } from '../i18n';
import { applyLanguageIfChanged } from '../setup';
import { withDocumentLock } from '../sheets/lock';
import { readSettings } from '../sheets/workbook';
import { classOptions, classReturnReport, countVisits, issueToClass, previewClassIssue } from './classes';
import { Desk, type DeskResult, giveBack, issue, markLost, type ReaderForm, renew } from './desk';

export type Reply<T> = ({ ok: true } & T) | { ok: false; message: string };

function langNow(): Lang {
  try {
    return readSettings(SpreadsheetApp.getActiveSpreadsheet()).language;
  } catch {
    return DEFAULT_LANG;
  }
}

function reply<T extends object>(fn: () => T): Reply<T> {
  try {
    return { ok: true, ...fn() };
  } catch (e) {
    const lang = langNow();
    if (isLibraryError(e)) return { ok: false, message: t(lang, e.key, e.params) };
    console.error(e);
    return { ok: false, message: t(lang, 'error.unexpected', { message: String((e as Error)?.message ?? e) }) };
  }
}

/** A desk mutation: under the document lock, reading inside it what it changes. */
function mutate<T extends object>(fn: (desk: Desk) => T): Reply<T> {
  return reply(() =>
    withDocumentLock(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      applyLanguageIfChanged(ss, readSettings(ss).language);
      const desk = Desk.open();
      desk.prepareWrites();
      return fn(desk);
    }),
  );
}

/** The labels the sidebar needs, in the workbook's language. */
export function deskLabels(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of messageKeys()) if (key.startsWith('desk.')) out[key] = t(lang, key as MessageKey);
  return out;
}

export function deskInit(): Reply<{ lang: Lang; labels: Record<string, string>; today: string }> {
  return reply(() => {
    const desk = Desk.open();
    return { lang: desk.lang, labels: deskLabels(desk.lang), today: desk.show(desk.today) };
  });
}

export type FindResult = { form?: ReaderForm; choices?: Array<{ code: string; name: string; className: string }> };

/** A scanned reader code opens the form; a name or part of it, or a class, lists the readers to choose from. */
export function deskFindReader(query: string): Reply<FindResult> {
  return reply(() => {
    const desk = Desk.open();
    const q = String(query ?? '').trim();
    if (!q) throw new LibraryError('desk.error.empty');
    const readers = desk.table('readers').require('code', 'name', 'class');
    const exact = readers.findOne('code', q);
    if (exact) return { form: desk.form(desk.readerFrom(readers, exact.row)) };
    const byClass = readers.findRows('class', q);
    const rows = byClass.length > 0 ? byClass : findByName(readers, q);
    // A class is about 30 pupils; a common name part may match more: show the first 60 rows found.
    const choices = rows.slice(0, 60).map((n) => {
      const r = desk.readerFrom(readers, readers.readRows(n, 1)[0]);
      return { code: r.code, name: r.name, className: r.className };
    });
    if (choices.length === 1) return deskFormOf(desk, choices[0].code);
    if (choices.length === 0) throw new LibraryError('desk.error.unknownReader', { query: q });
    return { choices: choices.sort((a, b) => a.name.localeCompare(b.name)) };
  });
}

function deskFormOf(desk: Desk, code: string): FindResult {
  return { form: desk.form(desk.reader(code).info) };
}

function findByName(readers: ReturnType<Desk['table']>, q: string): number[] {
  const last = readers.sheet.getLastRow();
  if (last < 2) return [];
  return readers.sheet
    .getRange(2, readers.index('name') + 1, last - 1, 1)
    .createTextFinder(q)
    .matchEntireCell(false)
    .findAll()
    .map((r) => r.getRow());
}

export function deskReaderForm(code: string): Reply<FindResult> {
  return reply(() => deskFormOf(Desk.open(), String(code ?? '')));
}

/** The reader's loans from the history, newest first (the 50 latest). */
export function deskHistory(code: string): Reply<{
  history: Array<{ inventory: string; title: string; issued: string; due: string; returned: string; status: string }>;
}> {
  return reply(() => {
    const desk = Desk.open();
    const reader = desk.reader(String(code ?? ''));
    const loans = desk.table('loans').require('inventory', 'reader', 'issued', 'due', 'returned', 'status');
    const rows = loans.findRows('reader', reader.info.code).slice(-50).reverse();
    return {
      history: rows.map((n) => {
        const row = loans.readRows(n, 1)[0];
        return {
          inventory: loans.text(row, 'inventory'),
          title: loans.has('title') ? loans.text(row, 'title') : '',
          issued: desk.show(desk.day(loans.get(row, 'issued'))),
          due: desk.show(desk.day(loans.get(row, 'due'))),
          returned: desk.show(desk.day(loans.get(row, 'returned'))),
          status: loans.text(row, 'status'),
        };
      }),
    };
  });
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
    const card = desk.table('readers').findOne('code', code.trim());
    if (!card) throw e;
    const reader = desk.readerFrom(desk.table('readers'), card.row);
    return {
      message: t(desk.lang, 'desk.switchedReader', { reader: reader.name }),
      form: desk.form(reader),
      switched: true,
    };
  }
}

export function deskIssue(readerCode: string, inventory: string): Reply<DeskResult> {
  const code = String(inventory ?? '');
  return mutate((desk) => orReaderCard(desk, code, () => issue(desk, String(readerCode ?? ''), code)));
}

export function deskReturn(inventory: string, readerAtDesk?: string): Reply<DeskResult> {
  const code = String(inventory ?? '');
  return mutate((desk) => orReaderCard(desk, code, () => giveBack(desk, code, String(readerAtDesk ?? ''))));
}

export function deskRenew(inventory: string): Reply<DeskResult> {
  return mutate((desk) => renew(desk, String(inventory ?? '')));
}

export function deskLost(inventory: string, replacement?: string): Reply<DeskResult> {
  return mutate((desk) => markLost(desk, String(inventory ?? ''), String(replacement ?? '')));
}

export function deskClassOptions() {
  return reply(() => classOptions(Desk.open()));
}

export function deskClassPreview(className: string, titleIds: string[], override?: boolean) {
  return reply(() => previewClassIssue(Desk.open(), String(className ?? ''), (titleIds ?? []).map(String), !!override));
}

export function deskClassIssue(className: string, titleIds: string[], override?: boolean) {
  return mutate((desk) => issueToClass(desk, String(className ?? ''), (titleIds ?? []).map(String), !!override));
}

export function deskClassReturns(className: string) {
  return reply(() => classReturnReport(Desk.open(), String(className ?? '')));
}

export function deskCountVisit(kind: string, who: { reader?: string; className?: string; count?: number }) {
  return mutate((desk) => countVisits(desk, kind === 'excursion' ? 'excursion' : 'readingRoom', who ?? {}));
}

/** Opens the desk in the sidebar. */
export function openDesk(): void {
  const lang = langNow();
  const template = HtmlService.createTemplateFromFile('Sidebar');
  // Labels travel as JSON inside a <script>: "<" is escaped so no label can close the script tag.
  template.bootJson = JSON.stringify({ lang, labels: deskLabels(lang) }).replace(/</g, '\\u003c');
  const html = template.evaluate().setTitle(t(lang, 'desk.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}
