/**
 * The reports' entry points: menu actions (under the document lock where they write a sheet, with a
 * clear refusal when the librarian's answer is not a period), the print views, and the monthly
 * trigger (no UI: its errors go to the Log and to the librarian by email).
 */
import { menuAction } from '../actions';
import { showDay } from '../dates';
import { showWallTime } from '../debtors/periods';
import { runTriggerTask } from '../debtors/trigger-task';
import { printHtml } from '../desk/print';
import {
  halfOf,
  type Period,
  parsePeriods,
  periodBefore,
  previousMonth,
  schoolYear,
  schoolYearStart,
} from '../domain/report-periods';
import { LibraryError } from '../errors';
import { escapeHtml } from '../html';
import { type Lang, t } from '../messages';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import { Workbook } from '../sheets/workbook';
import { type AnnualKind, annualReport } from './annual';
import {
  coverageOn,
  coverageReport,
  coverageSentence,
  missingPages,
  orderOn,
  orderReport,
  orderSentence,
} from './coverage';
import { readSources, type SourceKey, type Sources } from './data';
import { asOf, withPast } from './past';
import { ratingsFor, ratingsReport, ratingsSentence } from './ratings';
import { printPage, type ReportModel, type ReportSheet, writeReport } from './sheet';
import { statisticsReport, statisticsSentence, statsFor } from './statistics';
import { nextReportsRun, turnOffReports, turnOnReports } from './trigger';

const COVERAGE: SourceKey[] = ['readers', 'titles', 'loans', 'copies', 'required'];
const STATISTICS: SourceKey[] = ['readers', 'titles', 'loans', 'copies', 'visits', 'required'];

/** Writes a report sheet and its Log row; returns the sheet's name. */
function publish(wb: Workbook, key: ReportSheet, lang: Lang, model: ReportModel, sentence: string): string {
  const name = writeReport(wb.ss, key, lang, model, wb.lang);
  logAction(wb, 'report', t(wb.lang, 'log.report.details', { report: name, summary: sentence }));
  return name;
}

/** The librarian's answer to a prompt, or null when she cancelled. */
function ask(question: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const reply = ui.prompt(question, ui.ButtonSet.OK_CANCEL);
  return reply.getSelectedButton() === ui.Button.OK ? reply.getResponseText() : null;
}

function periodsOf(text: string, today: string, fallback: Period): Period[] {
  const periods = parsePeriods(text, today);
  if (periods === null) throw new LibraryError('stats.badPeriod', { text: text.trim().slice(0, 60) });
  return periods.length > 0 ? periods : [fallback];
}

// ---------------------------------------------------------------------------------------------
// Menu actions

export function buildTextbookCoverage(): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const s = readSources(wb, COVERAGE);
      const r = coverageOn(s, s.today);
      const sentence = coverageSentence(wb.lang, r.coverage);
      publish(wb, 'coverage', wb.lang, coverageReport(wb.lang, s, r), sentence);
      return sentence;
    }),
  );
}

export function buildTextbookOrder(): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const s = readSources(wb, ['readers', 'titles', 'copies', 'required']);
      const o = orderOn(s, s.today);
      const sentence = orderSentence(wb.lang, o);
      publish(wb, 'order', wb.lang, orderReport(wb.lang, s, o), sentence);
      return sentence;
    }),
  );
}

/** Names on demand: the pupils without their textbooks, a page per class, as a print view. */
export function printPupilsWithoutTextbooks(): void {
  menuAction((lang) => {
    const answer = ask(t(lang, 'missing.prompt'));
    if (answer === null) return null;
    const wb = Workbook.open();
    const s = readSources(wb, COVERAGE);
    const { coverage } = coverageOn(s, s.today);
    const typed = answer.trim();
    const key = typed ? wb.classes().key(typed) : null;
    const pages = missingPages(wb.lang, s, coverage, key);
    if (pages.length === 0 && key !== null) throw new LibraryError('missing.unknownClass', { class: typed });
    showPrint(wb, s, wb.lang, t(wb.lang, 'missing.title'), pages);
    return null;
  });
}

export function buildStatistics(): void {
  menuAction((lang) => {
    const answer = ask(t(lang, 'stats.prompt'));
    if (answer === null) return null;
    return withDocumentLock(() => {
      const wb = Workbook.open();
      const s = readSources(wb, STATISTICS);
      const periods = periodsOf(answer, s.today, schoolYear(schoolYearStart(s.today)));
      withPast(wb, s, periods.map((p) => p.from).sort()[0]);
      const results = periods.map((p) => statsFor(s, wb.schedule(), p));
      const sentence = statisticsSentence(wb.lang, results[0]);
      publish(wb, 'statistics', wb.lang, statisticsReport(wb.lang, asOf(s, results[0].to), results), sentence);
      return sentence;
    });
  });
}

export function buildRatings(): void {
  menuAction((lang) => {
    const answer = ask(t(lang, 'stats.ratingsPrompt'));
    if (answer === null) return null;
    return withDocumentLock(() => {
      const wb = Workbook.open();
      const s = readSources(wb, ['readers', 'titles', 'loans', 'copies']);
      const [period] = periodsOf(answer, s.today, halfOf(s.today));
      withPast(wb, s, period.from);
      const to = period.to > s.today && period.from <= s.today ? s.today : period.to;
      const r = ratingsFor(s, period.from, to);
      const sentence = ratingsSentence(wb.lang, period, to, r);
      publish(wb, 'ratings', wb.lang, ratingsReport(wb.lang, s, period, to, r), sentence);
      return sentence;
    });
  });
}

function annual(kind: AnnualKind): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const lang = wb.settings.reports.language;
      const s = readSources(wb, [...STATISTICS, 'events']);
      const current = schoolYearStart(s.today);
      withPast(wb, s, schoolYear(kind === 'annual' ? current - 1 : current).from);
      const model = annualReport(lang, s, wb.schedule(), kind, {
        school: wb.settings.libraryName,
        librarian: wb.settings.librarianName,
      });
      const name = publish(wb, 'annual', lang, model, model.title);
      showPrint(
        wb,
        s,
        lang,
        t(lang, 'ann.printTitle'),
        [printPage(lang, model)],
        t(wb.lang, 'ann.built', { sheet: name }),
      );
      return null;
    }),
  );
}

/** September: the annual report of the school year that ended. */
export function buildAnnualReport(): void {
  annual('annual');
}

/** May: the same report for the school year so far. */
export function buildYearSummary(): void {
  annual('summary');
}

/** A print view (A4) in a dialog, with a line above it when there is something to say. */
function showPrint(
  wb: Workbook,
  s: Sources,
  lang: Lang,
  title: string,
  pages: Parameters<typeof printHtml>[3],
  note = '',
): void {
  const school = wb.settings.libraryName || t(lang, 'app.name');
  const html = printHtml(lang, school, t(lang, 'print.date', { date: showDay(s.today) }), pages);
  const body = note ? html.replace('<div class="bar">', `<div class="bar"><p>${escapeHtml(note)}</p>`) : html;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(body).setWidth(860).setHeight(680), title);
}

export function turnOnMonthlyStatistics(): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const changed = turnOnReports(wb.settings, wb.timeZone);
      const params = {
        day: wb.settings.reports.day,
        hour: String(wb.settings.reports.hour).padStart(2, '0'),
        next: showWallTime(nextReportsRun(wb.settings, wb.timeZone)),
      };
      logAction(wb, 'triggerOn', t(wb.lang, 'rtrig.on', params));
      return t(wb.lang, changed ? 'rtrig.on' : 'rtrig.already', params);
    }),
  );
}

export function turnOffMonthlyStatistics(): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const message = t(wb.lang, turnOffReports() > 0 ? 'rtrig.off' : 'rtrig.wasOff');
      logAction(wb, 'triggerOff', message);
      return message;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The monthly trigger: no UI here

/**
 * The coverage today and the statistics of the month just ended beside the month before it, read
 * from the sheets once for both.
 */
export function refreshMonthly(wb: Workbook): void {
  const s: Sources = readSources(wb, STATISTICS);
  const r = coverageOn(s, s.today);
  publish(wb, 'coverage', wb.lang, coverageReport(wb.lang, s, r), coverageSentence(wb.lang, r.coverage));
  const month = previousMonth(s.today);
  withPast(wb, s, periodBefore(month).from);
  const results = [month, periodBefore(month)].map((p) => statsFor(s, wb.schedule(), p));
  publish(
    wb,
    'statistics',
    wb.lang,
    statisticsReport(wb.lang, asOf(s, results[0].to), results),
    statisticsSentence(wb.lang, results[0]),
  );
}

export function monthlyStatisticsTrigger(_e?: unknown): void {
  runTriggerTask('monthly', () => withDocumentLock(() => refreshMonthly(Workbook.open()), 60_000), 'task.reports');
}
