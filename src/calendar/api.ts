/**
 * The calendar's entry points: menu actions (with a UI), the import dialog's server function, and the
 * trigger handlers (without one: they never call getUi(); an error goes to the Log and to the
 * librarian by email).
 */
import { menuAction } from '../actions';
import { emailTaskError } from '../debtors/trigger-task';
import { errorMessage, isLibraryError } from '../errors';
import { escapeHtml } from '../html';
import { DEFAULT_LANG, type Lang, t } from '../messages';
import { logAction } from '../sheets/log';
import { currentLang, Workbook } from '../sheets/workbook';
import { acceptSuggestions } from './accept';
import { findAnniversaries } from './anniversaries';
import { importPlan } from './import';
import { type SyncReport, syncCalendar } from './sync';
import { cancelFollowUp, ensureWeekly, nextWeekly, removeWeekly, scheduleFollowUp, WEEKLY_HOUR } from './triggers';

const list = (rows: string[]) => (rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', '));

/** A sync told to the librarian: what changed, what needs a look, what waits and until when. */
export function syncMessage(lang: Lang, r: SyncReport, tz: string): string {
  const parts: string[] = [];
  if (r.createdCalendar) parts.push(t(lang, 'calendar.sync.createdCalendar', { calendar: r.calendar }));
  parts.push(
    t(lang, 'calendar.sync.done', {
      calendar: r.calendar,
      created: r.created,
      updated: r.updated,
      removed: r.removed,
      kept: r.kept,
    }),
  );
  if (r.flagged.length > 0)
    parts.push(t(lang, 'calendar.sync.flagged', { count: r.flagged.length, rows: list(r.flagged) }));
  if (r.missing.length > 0)
    parts.push(t(lang, 'calendar.sync.missing', { count: r.missing.length, rows: list(r.missing) }));
  if (r.errors.length > 0)
    parts.push(t(lang, 'calendar.sync.errors', { count: r.errors.length, rows: list(r.errors) }));
  if (r.stopped) {
    parts.push(
      t(lang, 'calendar.sync.waiting', {
        count: r.waiting,
        reason: t(lang, `calendar.sync.reason.${r.stopped}`),
        time: r.resumeAt ? Utilities.formatDate(r.resumeAt, tz, 'dd.MM.yyyy HH:mm') : '',
      }),
    );
  }
  if (r.straysKept > 0) parts.push(t(lang, 'calendar.sync.straysKept', { count: r.straysKept }));
  return parts.join('\n\n');
}

/** Library → Calendar → Sync now: syncs, and keeps a weekly sync on. */
export function calendarSyncNow(): void {
  menuAction((lang) => {
    const ui = SpreadsheetApp.getUi();
    const report = syncCalendar({
      confirmStrays: (count) =>
        ui.alert(t(lang, 'calendar.sync.strays', { count }), ui.ButtonSet.YES_NO) === ui.Button.YES,
    });
    const wb = Workbook.open();
    let weekly: string;
    try {
      if (ensureWeekly(wb.timeZone))
        logAction(wb, 'calendarWeekly', t(wb.lang, 'calendar.sync.weekly', weeklyParams(wb)));
      weekly = t(wb.lang, 'calendar.sync.weekly', weeklyParams(wb));
    } catch (e) {
      weekly = t(wb.lang, 'calendar.sync.weeklyFailed', { error: errorMessage(wb.lang, e) });
    }
    return `${syncMessage(wb.lang, report, wb.timeZone)}\n\n${weekly}`;
  });
}

const weeklyParams = (wb: Workbook) => ({ hour: String(WEEKLY_HOUR).padStart(2, '0'), next: nextWeekly(wb.timeZone) });

export function calendarWeeklyOff(): void {
  menuAction((lang) => {
    const removed = removeWeekly();
    const message = t(lang, removed > 0 ? 'calendar.weekly.off' : 'calendar.weekly.wasOff');
    if (removed > 0) logAction(Workbook.open(), 'calendarWeekly', message);
    return message;
  });
}

export function calendarFindAnniversaries(): void {
  menuAction(() => findAnniversaries().message);
}

export function calendarAcceptSuggestions(): void {
  menuAction(() => acceptSuggestions().message);
}

/** The import dialog: a box to paste the plan's table into. */
export function calendarImportDialog(): void {
  menuAction((lang) => {
    const template = HtmlService.createTemplateFromFile('ImportPlan');
    template.texts = JSON.stringify({
      intro: t(lang, 'calendar.import.intro'),
      button: t(lang, 'calendar.import.button'),
      close: t(lang, 'calendar.import.close'),
    }).replace(/</g, '\\u003c');
    template.lang = escapeHtml(lang);
    const html = template.evaluate().setWidth(720).setHeight(520);
    SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'calendar.import.title'));
    return null;
  });
}

/** The import dialog's server function (google.script.run): the pasted text in, the summary out. */
export function calendarImportPlan(text: string): { ok: boolean; message: string } {
  try {
    const { message } = importPlan(String(text ?? ''));
    return { ok: true, message };
  } catch (e) {
    if (!isLibraryError(e)) console.error(e);
    return { ok: false, message: errorMessage(currentLang(), e) };
  }
}

// ---------------------------------------------------------------------------------------------
// Trigger handlers: no UI here.

/** A trigger's sync: an error goes to the Log and, by email, to the librarian; never further. */
function runTask(task: 'weekly' | 'followUp', work: () => void): void {
  try {
    work();
  } catch (e) {
    console.error(`calendar ${task}: ${String((e as Error)?.stack ?? e)}`);
    let lang: Lang = DEFAULT_LANG;
    try {
      const wb = Workbook.open();
      lang = wb.lang;
      const name = t(lang, `calendar.task.${task}`);
      logAction(wb, 'taskError', t(lang, 'log.taskError.details', { task: name, error: errorMessage(lang, e) }));
      emailTaskError(wb, lang, name, errorMessage(lang, e));
    } catch (reportError) {
      console.error(`could not report: ${String(reportError)}`);
    }
    // The error would come back: no follow-up repeats it; the weekly sync tries again.
    try {
      cancelFollowUp();
    } catch {
      // nothing more to do without a UI
    }
  }
}

/** Weekly (Mondays): the sheets into the calendar. */
export function calendarWeeklyTrigger(_e?: unknown): void {
  runTask('weekly', () => {
    try {
      syncCalendar({});
    } catch (e) {
      // Another run holds the script lock (a sync, or the debtor emails): try again in five minutes.
      if (!(isLibraryError(e) && e.key === 'calendar.sync.busy')) throw e;
      scheduleFollowUp(5 * 60_000);
    }
  });
}

/** A sync stopped before it was done goes on; while another runs, it tries again in five minutes. */
export function calendarFollowUpTrigger(_e?: unknown): void {
  runTask('followUp', () => {
    try {
      syncCalendar({ followUp: true });
    } catch (e) {
      if (isLibraryError(e) && e.key === 'calendar.sync.busy') {
        scheduleFollowUp(5 * 60_000);
        return;
      }
      throw e;
    }
  });
}
