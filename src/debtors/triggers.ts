/**
 * The time-driven triggers of the emails: the monthly debtor emails, the quarterly visits summary
 * (a monthly trigger that works only in the listed months) and a one-off follow-up that sends what a
 * spent daily quota left waiting. Ours are recognised by their handler function; nothing else is
 * touched. Turning on twice installs one trigger; the schedule it was installed with is kept in the
 * script properties, so a changed setting replaces it instead of adding a second one.
 */
import { LibraryError } from '../errors';
import type { Settings } from '../settings';
import { currentUserEmail } from '../sheets/user';
import { nextMonthlyRun, type WallTime } from './periods';

export type Schedule = 'monthly' | 'visits';

/** The entry points (exports of main.ts) that our triggers call. */
export const HANDLERS = {
  monthly: 'monthlyDebtorsTrigger',
  visits: 'visitsSummaryTrigger',
  followUp: 'mailFollowUpTrigger',
} as const;

/** Apps Script allows 20 triggers per user per script. */
export const TRIGGER_LIMIT = 20;

type Trigger = GoogleAppsScript.Script.Trigger;

interface Installed {
  day: number;
  hour: number;
  months?: number[];
  user: string;
}

const propertyKey = (s: Schedule | 'followUp') => `library.trigger.${s}`;

function wanted(s: Schedule, settings: Settings): Omit<Installed, 'user'> {
  return s === 'monthly'
    ? { day: settings.mail.monthlyDay, hour: settings.mail.monthlyHour }
    : { day: settings.mail.quarterlyDay, hour: settings.mail.quarterlyHour, months: settings.mail.quarterlyMonths };
}

function ours(all: Trigger[], handler: string): Trigger[] {
  return all.filter((t) => t.getHandlerFunction() === handler);
}

const user = currentUserEmail;

function stored(s: Schedule | 'followUp'): Installed | null {
  const raw = PropertiesService.getScriptProperties().getProperty(propertyKey(s));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Installed;
  } catch {
    return null;
  }
}

export function nowWall(timeZone: string): WallTime {
  const [day, hh, mm] = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH mm').split(' ');
  return { day, hour: Number(hh), minute: Number(mm) };
}

export interface TriggerState {
  on: boolean;
  day: number;
  hour: number;
  months?: number[];
  next: WallTime | null;
  /** Who installed it, when another user did (their triggers are invisible to this user). */
  otherUser?: string;
}

export function nextRun(s: Schedule, cfg: Omit<Installed, 'user'>, timeZone: string): WallTime {
  return nextMonthlyRun(nowWall(timeZone), cfg.day, cfg.hour, s === 'visits' ? cfg.months : undefined);
}

/** Installs the trigger of `s` unless the same one is already there; returns whether it changed. */
export function turnOn(s: Schedule, settings: Settings, timeZone: string): { changed: boolean; state: TriggerState } {
  const cfg = wanted(s, settings);
  const all = ScriptApp.getProjectTriggers();
  const mine = ours(all, HANDLERS[s]);
  const prev = stored(s);
  const same =
    prev !== null &&
    prev.day === cfg.day &&
    prev.hour === cfg.hour &&
    JSON.stringify(prev.months ?? null) === JSON.stringify(cfg.months ?? null);
  if (mine.length === 1 && same) {
    return { changed: false, state: { on: true, ...cfg, next: nextRun(s, cfg, timeZone) } };
  }
  for (const t of mine) ScriptApp.deleteTrigger(t);
  const others = all.length - mine.length;
  // One slot stays free for the follow-up that sends what a spent quota leaves waiting.
  const reserve = ours(all, HANDLERS.followUp).length > 0 ? 0 : 1;
  if (others + 1 + reserve > TRIGGER_LIMIT) throw new LibraryError('trigger.error.tooMany', { count: others });
  ScriptApp.newTrigger(HANDLERS[s])
    .timeBased()
    .onMonthDay(cfg.day)
    .atHour(cfg.hour)
    .nearMinute(0)
    .inTimezone(timeZone)
    .create();
  PropertiesService.getScriptProperties().setProperty(propertyKey(s), JSON.stringify({ ...cfg, user: user() }));
  return { changed: true, state: { on: true, ...cfg, next: nextRun(s, cfg, timeZone) } };
}

/** Removes our triggers of `s` (and only those); returns how many there were. */
export function turnOff(s: Schedule): number {
  const mine = ours(ScriptApp.getProjectTriggers(), HANDLERS[s]);
  for (const t of mine) ScriptApp.deleteTrigger(t);
  PropertiesService.getScriptProperties().deleteProperty(propertyKey(s));
  return mine.length;
}

export function state(s: Schedule, settings: Settings, timeZone: string, all: Trigger[]): TriggerState {
  const mine = ours(all, HANDLERS[s]);
  const prev = stored(s);
  const cfg = prev ? { day: prev.day, hour: prev.hour, months: prev.months } : wanted(s, settings);
  if (mine.length > 0) return { on: true, ...cfg, next: nextRun(s, cfg, timeZone) };
  const me = user();
  if (prev?.user && prev.user !== me) {
    return { on: true, ...cfg, next: nextRun(s, cfg, timeZone), otherUser: prev.user };
  }
  return { on: false, ...cfg, next: null };
}

/** The day after (when the daily quota has room again), and a little later than the run. */
export const FOLLOW_UP_DELAY = 24 * 3_600_000 + 10 * 60_000;
/** A follow-up that still finds emails waiting this many days on stops and tells the librarian. */
export const FOLLOW_UP_MAX_DAYS = 3;
const SINCE = 'library.trigger.followUp.since';

/**
 * One follow-up run, `delayMs` after now, replacing any earlier one: there is never more than one.
 * Returns when it runs. Remembers when the follow-ups began (until nothing waits any more).
 */
export function scheduleFollowUp(delayMs = FOLLOW_UP_DELAY): Date {
  for (const t of ours(ScriptApp.getProjectTriggers(), HANDLERS.followUp)) ScriptApp.deleteTrigger(t);
  const at = new Date(Date.now() + delayMs);
  ScriptApp.newTrigger(HANDLERS.followUp).timeBased().at(at).create();
  const props = PropertiesService.getScriptProperties();
  props.setProperty(propertyKey('followUp'), String(at.getTime()));
  if (!props.getProperty(SINCE)) props.setProperty(SINCE, String(Date.now()));
  return at;
}

/** When the follow-ups now running began, or null when none is. */
export function followUpSince(): number | null {
  const ms = Number(PropertiesService.getScriptProperties().getProperty(SINCE));
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export function cancelFollowUp(all: Trigger[] = ScriptApp.getProjectTriggers()): void {
  for (const t of ours(all, HANDLERS.followUp)) ScriptApp.deleteTrigger(t);
  const props = PropertiesService.getScriptProperties();
  props.deleteProperty(propertyKey('followUp'));
  props.deleteProperty(SINCE);
}

/** When the follow-up runs, if one is installed. */
export function followUpAt(all: Trigger[]): Date | null {
  if (ours(all, HANDLERS.followUp).length === 0) return null;
  const ms = Number(PropertiesService.getScriptProperties().getProperty(propertyKey('followUp')));
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : null;
}
