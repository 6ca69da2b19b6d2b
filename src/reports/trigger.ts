/**
 * The monthly statistics trigger: on day `monthlyReportDay` at `monthlyReportHour` (Settings) it
 * rebuilds the textbook coverage and the last month's statistics. One trigger of ours, recognised by
 * its handler; turning it on again installs nothing new unless the settings changed, and keeps a slot
 * of the 20 free for the debtor emails' follow-up, as the email triggers do.
 */
import { nextMonthlyRun, type WallTime } from '../debtors/periods';
import { HANDLERS, nowWall, TRIGGER_LIMIT } from '../debtors/triggers';
import { LibraryError } from '../errors';
import type { Settings } from '../settings';

export const REPORTS_HANDLER = 'monthlyStatisticsTrigger';
const PROPERTY = 'library.trigger.reports';

type Trigger = GoogleAppsScript.Script.Trigger;

const ours = (all: Trigger[]) => all.filter((t) => t.getHandlerFunction() === REPORTS_HANDLER);

export function nextReportsRun(settings: Settings, timeZone: string): WallTime {
  return nextMonthlyRun(nowWall(timeZone), settings.reports.day, settings.reports.hour);
}

/** Installs the trigger unless the same one is there; returns whether anything changed. */
export function turnOnReports(settings: Settings, timeZone: string): boolean {
  const want = JSON.stringify({ day: settings.reports.day, hour: settings.reports.hour });
  const props = PropertiesService.getScriptProperties();
  const all = ScriptApp.getProjectTriggers();
  const mine = ours(all);
  if (mine.length === 1 && props.getProperty(PROPERTY) === want) return false;
  for (const t of mine) ScriptApp.deleteTrigger(t);
  const others = all.length - mine.length;
  const reserve = all.some((t) => t.getHandlerFunction() === HANDLERS.followUp) ? 0 : 1;
  if (others + 1 + reserve > TRIGGER_LIMIT) throw new LibraryError('trigger.error.tooMany', { count: others });
  ScriptApp.newTrigger(REPORTS_HANDLER)
    .timeBased()
    .onMonthDay(settings.reports.day)
    .atHour(settings.reports.hour)
    .nearMinute(0)
    .inTimezone(timeZone)
    .create();
  props.setProperty(PROPERTY, want);
  return true;
}

/** Removes our trigger (and only it); returns how many there were. */
export function turnOffReports(): number {
  const mine = ours(ScriptApp.getProjectTriggers());
  for (const t of mine) ScriptApp.deleteTrigger(t);
  PropertiesService.getScriptProperties().deleteProperty(PROPERTY);
  return mine.length;
}
