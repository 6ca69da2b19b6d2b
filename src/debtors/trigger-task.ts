/**
 * A trigger's work with no one at the sheet: an error goes to the Log and to the librarian by email,
 * or, when no email can go out (the quota spent), into a note the mail status shows.
 */
import { errorMessage } from '../errors';
import { DEFAULT_LANG, type Lang, type MessageKey, t } from '../messages';
import { Workbook } from '../sheets/workbook';
import { type Job, librarianFallback, MailContext } from './context';
import { errorEmail, type Sender } from './mail';
import { appendLog, firstLine, taskNameKey } from './run-log';

/**
 * Emails the librarian (Settings' address, else the script's account) that a trigger's task failed.
 * `sent` is false when no email went out (no address, the day's quota spent, MailApp failed); `time`
 * is when, as the email says it.
 */
export function emailTaskError(
  wb: Workbook | null,
  lang: Lang,
  taskName: string,
  text: string,
): { sent: boolean; time: string } {
  let time = new Date().toISOString();
  try {
    const ctx = wb ? new MailContext(wb) : null;
    const to = ctx ? ctx.librarianEmail : librarianFallback();
    const sender: Sender = ctx ? ctx.sender : { library: t(lang, 'app.name'), librarian: '' };
    const tz = wb?.timeZone ?? Session.getScriptTimeZone();
    time = Utilities.formatDate(new Date(), tz, 'dd.MM.yyyy HH:mm');
    const mail = errorEmail(lang, sender, taskName, time, text);
    if (!to || MailApp.getRemainingDailyQuota() <= 0) return { sent: false, time };
    MailApp.sendEmail({ to, subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: sender.library });
    return { sent: true, time };
  } catch (mailError) {
    console.error(`could not email the librarian: ${String(mailError)}`);
    return { sent: false, time };
  }
}

// ---------------------------------------------------------------------------------------------
// Notes for the librarian that no email could carry

const BLOCKED = 'library.mail.blocked';

export interface BlockedNote {
  time: string;
  task: string;
  message: string;
}

/** Remembers an error the librarian could not be emailed about (the quota spent); the status shows it. */
export function noteMailBlocked(note: BlockedNote): void {
  const notes = [...mailBlockedNotes(), note].slice(-5);
  PropertiesService.getScriptProperties().setProperty(BLOCKED, JSON.stringify(notes));
}

export function mailBlockedNotes(): BlockedNote[] {
  const raw = PropertiesService.getScriptProperties().getProperty(BLOCKED);
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? (v as BlockedNote[]) : [];
  } catch {
    return [];
  }
}

export function clearMailBlocked(): void {
  PropertiesService.getScriptProperties().deleteProperty(BLOCKED);
}

/**
 * Runs a trigger's work with no UI: an error is written to the Log sheet and emailed to the
 * librarian instead of being shown (there is no one at the sheet), and never thrown further. When
 * the email cannot go out (the day's quota is spent), a note is kept that the status item shows.
 */
export function runTriggerTask(task: Job, work: () => void, nameKey?: MessageKey): void {
  try {
    work();
  } catch (e) {
    const message = String((e as Error)?.stack ?? (e as Error)?.message ?? e);
    console.error(`${task}: ${message}`);
    let lang: Lang = DEFAULT_LANG;
    let wb: Workbook | null = null;
    const taskKey = nameKey ?? taskNameKey(task);
    try {
      wb = Workbook.open();
      lang = wb.lang;
      const task = t(lang, taskKey);
      appendLog(wb, [
        { action: 'taskError', details: t(lang, 'log.taskError.details', { task, error: firstLine(message) }) },
      ]);
    } catch (logError) {
      console.error(`could not log: ${String(logError)}`);
    }
    const taskName = t(lang, taskKey);
    const text = errorMessage(lang, e);
    const { sent, time } = emailTaskError(wb, lang, taskName, text);
    if (!sent) {
      try {
        noteMailBlocked({ time, task: taskName, message: text });
      } catch (noteError) {
        console.error(`could not keep a note: ${String(noteError)}`);
      }
    }
  }
}
