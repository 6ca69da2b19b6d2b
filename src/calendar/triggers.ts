/**
 * The calendar's triggers: the weekly sync (Mondays, early morning) and a one-off follow-up that
 * resumes a sync stopped by the time limit, a burst refusal or the day's quota. Ours are recognised by
 * their handler functions; installing twice installs one; a new follow-up replaces the old one (a
 * one-off trigger that has run stays listed until deleted); the 20-trigger limit is respected.
 */
import { LibraryError } from '../errors';

export const WEEKLY_HANDLER = 'calendarWeeklyTrigger';
export const FOLLOW_UP_HANDLER = 'calendarFollowUpTrigger';
export const WEEKLY_HOUR = 7;
const TRIGGER_LIMIT = 20;

type Trigger = GoogleAppsScript.Script.Trigger;

const ours = (all: Trigger[], handler: string) => all.filter((t) => t.getHandlerFunction() === handler);

/** Installs the weekly sync unless it is there; returns whether it installed it. */
export function ensureWeekly(timeZone: string): boolean {
  const all = ScriptApp.getProjectTriggers();
  if (ours(all, WEEKLY_HANDLER).length > 0) return false;
  // One slot stays free for the follow-up.
  if (all.length + 2 > TRIGGER_LIMIT) throw new LibraryError('trigger.error.tooMany', { count: all.length });
  ScriptApp.newTrigger(WEEKLY_HANDLER)
    .timeBased()
    .onWeekDay(ScriptApp.WeekDay.MONDAY)
    .atHour(WEEKLY_HOUR)
    .nearMinute(0)
    .inTimezone(timeZone)
    .create();
  return true;
}

export function weeklyOn(): boolean {
  return ours(ScriptApp.getProjectTriggers(), WEEKLY_HANDLER).length > 0;
}

/** Removes the weekly sync; returns how many triggers were removed. */
export function removeWeekly(): number {
  const mine = ours(ScriptApp.getProjectTriggers(), WEEKLY_HANDLER);
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return mine.length;
}

/** One follow-up, `delayMs` from now, replacing any other. */
export function scheduleFollowUp(delayMs: number): Date {
  const all = ScriptApp.getProjectTriggers();
  const mine = ours(all, FOLLOW_UP_HANDLER);
  for (const t of mine) ScriptApp.deleteTrigger(t);
  if (all.length - mine.length + 1 > TRIGGER_LIMIT)
    throw new LibraryError('trigger.error.tooMany', { count: all.length - mine.length });
  const at = new Date(Date.now() + delayMs);
  ScriptApp.newTrigger(FOLLOW_UP_HANDLER).timeBased().at(at).create();
  return at;
}

export function cancelFollowUp(): void {
  for (const t of ours(ScriptApp.getProjectTriggers(), FOLLOW_UP_HANDLER)) ScriptApp.deleteTrigger(t);
}

/** The next Monday at the weekly hour after now, as the librarian reads it ("dd.MM.yyyy HH:mm"). */
export function nextWeekly(timeZone: string): string {
  const now = new Date();
  const [day, hh] = Utilities.formatDate(now, timeZone, 'u HH').split(' ').map(Number);
  let ahead = (8 - day) % 7;
  if (ahead === 0 && hh >= WEEKLY_HOUR) ahead = 7;
  const then = new Date(now.getTime() + ahead * 86_400_000);
  return `${Utilities.formatDate(then, timeZone, 'dd.MM.yyyy')} ${String(WEEKLY_HOUR).padStart(2, '0')}:00`;
}
