/**
 * The entry points of the debtor list and the emails: menu actions (with a UI) and trigger handlers
 * (without one: they never call getUi(), and report errors by the Log sheet and email).
 */
import { menuAction } from '../actions';
import { errorMessage, isLibraryError } from '../errors';
import { escapeHtml } from '../html';
import { DEFAULT_LANG, type Lang, t } from '../messages';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import { readSettings, Workbook } from '../sheets/workbook';
import { ensureSheets, MailContext, visitsPeriodNow } from './context';
import { readDebtorFacts } from './data';
import { Ledger } from './ledger';
import { monthOf, monthOfRun, showWallTime } from './periods';
import { preview, runMail, unplannedRun } from './run';
import type { RunOutcome } from './run-log';
import { writeDebtorSheet } from './sheet';
import { clearMailBlocked, mailBlockedNotes, runTriggerTask } from './trigger-task';
import { followUpAt, nowWall, type Schedule, scheduleFollowUp, state, turnOff, turnOn } from './triggers';

// ---------------------------------------------------------------------------------------------
// Menu actions

export function buildDebtorList(): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = ensureSheets(Workbook.open());
      const facts = readDebtorFacts(wb);
      const summary = writeDebtorSheet(wb, facts.groups, facts.today);
      logAction(wb, 'debtorsBuild', t(wb.lang, 'debtors.built', { ...summary }));
      return t(wb.lang, 'debtors.built', { ...summary });
    }),
  );
}

function currentLang(): Lang {
  try {
    return readSettings(SpreadsheetApp.getActiveSpreadsheet()).language;
  } catch {
    return DEFAULT_LANG;
  }
}

const errorText = errorMessage;

/** Every email that would go out now, in a dialog: recipient, subject and the plain-text body. */
export function previewDebtorEmails(): void {
  const ui = SpreadsheetApp.getUi();
  const lang = currentLang();
  try {
    const wb = ensureSheets(Workbook.open());
    const ctx = new MailContext(wb);
    // As Send now will send: the failed emails are tried again.
    const { outgoing, invalid, quota } = preview(ctx, 'monthly', null, { retryFailed: true });
    const L = wb.lang;
    const parts: string[] = [
      `<p><b>${escapeHtml(
        outgoing.length === 0
          ? t(L, 'debtors.preview.none')
          : t(L, 'debtors.preview.count', { count: outgoing.length, quota }),
      )}</b></p>`,
    ];
    for (const e of invalid) {
      const clash = ctx.classes.clashes(e.className);
      parts.push(
        `<p style="color:#b00">${escapeHtml(
          clash.length > 0
            ? t(L, 'mail.report.clash', { class: e.className, classes: clash.join(', ') })
            : t(L, 'mail.report.invalid', { class: e.className, teacher: e.recipient || '—', email: e.email }),
        )}</p>`,
      );
    }
    for (const o of outgoing) {
      parts.push(
        `<div class="mail"><p><b>${escapeHtml(t(L, 'debtors.preview.to'))}:</b> ${escapeHtml(
          o.entry.recipient ? `${o.entry.recipient} <${o.entry.email}>` : o.entry.email,
        )}<br><b>${escapeHtml(t(L, 'debtors.preview.subject'))}:</b> ${escapeHtml(o.email.subject)}</p><pre>${escapeHtml(
          o.email.body,
        )}</pre></div>`,
      );
    }
    if (outgoing.length > 0) parts.push(`<p><i>${escapeHtml(t(L, 'debtors.preview.hint'))}</i></p>`);
    const page = `<style>body{font-family:Arial,sans-serif;font-size:13px}.mail{border-top:1px solid #ccc;padding:4px 0}pre{white-space:pre-wrap;font-family:inherit}</style>\n${parts.join('\n')}`;
    ui.showModalDialog(HtmlService.createHtmlOutput(page).setWidth(720).setHeight(560), t(L, 'debtors.preview.title'));
  } catch (e) {
    ui.alert(errorText(lang, e));
  }
}

function outcomeText(lang: Lang, o: RunOutcome, period: string): string {
  if (o.sent + o.pending + o.invalid + o.failed === 0) {
    return t(lang, o.alreadySent > 0 ? 'debtors.send.nothing' : 'debtors.send.noneDue', { period });
  }
  return t(lang, 'debtors.send.done', { sent: o.sent, pending: o.pending, invalid: o.invalid, failed: o.failed });
}

/** Sends the debtor emails of this month now, after the librarian confirms how many go out. */
export function sendDebtorEmailsNow(): void {
  menuAction((lang) => {
    const wb = ensureSheets(Workbook.open());
    const { outgoing } = preview(new MailContext(wb), 'monthly', null, { retryFailed: true });
    const ui = SpreadsheetApp.getUi();
    if (outgoing.length > 0) {
      const answer = ui.alert(t(lang, 'debtors.send.confirm', { count: outgoing.length }), ui.ButtonSet.YES_NO);
      if (answer !== ui.Button.YES) return t(lang, 'debtors.send.cancelled');
    }
    const outcome = runMail('monthly', { buildSheet: true, retryFailed: true });
    return outcomeText(lang, outcome, monthOf(new MailContext(wb).today));
  });
}

export function sendVisitsSummaryNow(): void {
  menuAction((lang) => {
    const wb = ensureSheets(Workbook.open());
    const period = visitsPeriodNow(wb, false);
    if (!period) return t(lang, 'debtors.preview.none');
    const { outgoing } = preview(new MailContext(wb), 'visits', period, { retryFailed: true });
    const ui = SpreadsheetApp.getUi();
    if (outgoing.length > 0) {
      const answer = ui.alert(t(lang, 'debtors.send.confirm', { count: outgoing.length }), ui.ButtonSet.YES_NO);
      if (answer !== ui.Button.YES) return t(lang, 'debtors.send.cancelled');
    }
    return outcomeText(lang, runMail('visits', { visits: period, retryFailed: true }), period.key);
  });
}

function switchTrigger(s: Schedule, on: boolean): void {
  menuAction(() =>
    withDocumentLock(() => {
      const wb = Workbook.open();
      const lang = wb.lang;
      if (!on) {
        const removed = turnOff(s);
        // Emails already waiting for the quota still go out with the follow-up.
        const message = t(lang, removed > 0 ? `trigger.${s}.off` : `trigger.${s}.wasOff`);
        logAction(wb, 'triggerOff', message);
        return message;
      }
      const { changed, state: st } = turnOn(s, wb.settings, wb.timeZone);
      const params = {
        day: st.day,
        hour: String(st.hour).padStart(2, '0'),
        months: (st.months ?? []).join(', '),
        next: st.next ? showWallTime(st.next) : '—',
      };
      logAction(wb, 'triggerOn', t(lang, `trigger.${s}.on`, params));
      return t(lang, changed ? `trigger.${s}.on` : `trigger.${s}.already`, params);
    }),
  );
}

export function turnOnMonthlyEmails(): void {
  switchTrigger('monthly', true);
}

export function turnOffMonthlyEmails(): void {
  switchTrigger('monthly', false);
}

export function turnOnVisitsSummary(): void {
  switchTrigger('visits', true);
}

export function turnOffVisitsSummary(): void {
  switchTrigger('visits', false);
}

/** Whether each email trigger is on, when it runs next, and what waits for the quota. */
export function mailStatusText(wb: Workbook): string {
  const lang = wb.lang;
  const all = ScriptApp.getProjectTriggers();
  const lines: string[] = [];
  for (const s of ['monthly', 'visits'] as const) {
    const st = state(s, wb.settings, wb.timeZone, all);
    const params = {
      day: st.day,
      hour: String(st.hour).padStart(2, '0'),
      months: (st.months ?? []).join(', '),
      next: st.next ? showWallTime(st.next) : '—',
    };
    lines.push(t(lang, st.on ? `trigger.${s}.status.on` : `trigger.${s}.status.off`, params));
    if (st.otherUser) lines.push(t(lang, 'trigger.status.otherUser', { user: st.otherUser }));
  }
  const mailings = wb.findSheet('mailings') ? Ledger.open(wb).pending().length : 0;
  const at = followUpAt(all);
  lines.push(
    mailings > 0
      ? t(lang, 'trigger.status.pending', {
          count: mailings,
          next: at ? Utilities.formatDate(at, wb.timeZone, 'dd.MM.yyyy HH:mm') : '—',
        })
      : t(lang, 'trigger.status.noPending'),
  );
  // Errors of trigger runs that could not be emailed (the day's quota was spent).
  for (const n of mailBlockedNotes()) lines.push(t(lang, 'trigger.status.blocked', { ...n }));
  return lines.join('\n');
}

/** The status; the notes of errors that could not be emailed are shown once, then cleared. */
export function showMailStatus(): void {
  menuAction(() => {
    const text = mailStatusText(Workbook.open());
    clearMailBlocked();
    return text;
  });
}

// ---------------------------------------------------------------------------------------------
// Trigger handlers: no UI here.

interface TriggerEvent {
  triggerUid?: string;
}

/**
 * Monthly: rebuild the Debtors sheet, then email each class teacher with debtors (once a month). The
 * month is the run's: fired a few minutes before midnight on the last day, it is the next month's.
 */
export function monthlyDebtorsTrigger(_e?: TriggerEvent): void {
  runTriggerTask('monthly', () => {
    // The time zone from the saved layout (the spreadsheet's, read when the layout was built): no call.
    const period = monthOfRun(nowWall(Workbook.open().timeZone || Session.getScriptTimeZone()));
    runMail('monthly', { buildSheet: true, period });
  });
}

/** Monthly too, but works only in the summary months of the Settings. */
export function visitsSummaryTrigger(_e?: TriggerEvent): void {
  runTriggerTask('visits', () => {
    const period = visitsPeriodNow(Workbook.open(), true);
    if (period) runMail('visits', { visits: period });
  });
}

/**
 * The day after a spent quota: sends what is still waiting. The run replaces this (spent, one-off)
 * trigger with the next follow-up while anything waits, and removes it when nothing does, also when
 * it stops with an error; while another run holds the lock, it tries again in an hour.
 */
export function mailFollowUpTrigger(_e?: TriggerEvent): void {
  runTriggerTask('followUp', () => {
    try {
      const unplanned = unplannedRun();
      if (unplanned) runMail(unplanned.job, unplanned.opts);
      else runMail('followUp');
    } catch (err) {
      if (isLibraryError(err) && err.key === 'debtors.busy') {
        scheduleFollowUp(3_600_000);
        return;
      }
      throw err;
    }
  });
}
