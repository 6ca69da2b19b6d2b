/**
 * The library's Google Calendar through CalendarApp: open it (or create it with the library's name),
 * read what is ours in a span of days, and create, change or delete all-day events and series. Days
 * go to CalendarApp as midnights in the script's time zone, which is how it reads the date of an
 * all-day event, so the days stay the same whatever the calendar's own time zone.
 */
import { addDays, type DayKey } from '../dates';
import {
  type CalendarView,
  type EventSpec,
  type Field,
  type Fingerprint,
  keyInDescription,
  type Recurrence,
  readFingerprint,
} from '../domain/calendar/sync';
import { LibraryError } from '../errors';
import { dateFor } from '../sheets/dates';

type Calendar = GoogleAppsScript.Calendar.Calendar;
type CalendarEvent = GoogleAppsScript.Calendar.CalendarEvent;
type CalendarEventSeries = GoogleAppsScript.Calendar.CalendarEventSeries;

/** The tags on our events: the row's key, and (for events with no row) the fingerprint of what was written. */
export const TAG_KEY = 'libraryKey';
export const TAG_WRITTEN = 'libraryWritten';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** An event of ours the scan found. */
export interface Found {
  id: string;
  key: string;
  recurring: boolean;
  /** The fingerprint kept in its tag (events with no row). */
  written: Fingerprint | null;
  event: CalendarEvent;
}

/** In the description of every calendar the sync makes: how a later run knows it for ours. */
export const CALENDAR_MARK = 'school-library-sheets';

export class LibraryCalendar {
  private constructor(
    readonly cal: Calendar,
    readonly tz: string,
    readonly created: boolean,
  ) {}

  /**
   * The calendar of the settings' id; with no id, the library's calendar: one we made under this name
   * (a run stopped between making it and writing its id to Settings left it), else a new one.
   */
  static open(id: string, name: string, summary: string): LibraryCalendar {
    const tz = Session.getScriptTimeZone();
    if (id !== '') {
      const cal = CalendarApp.getCalendarById(id);
      if (!cal) throw new LibraryError('calendar.error.noCalendar', { id });
      return new LibraryCalendar(cal, tz, false);
    }
    const ours = CalendarApp.getOwnedCalendarsByName(name).find((c) => c.getDescription().includes(CALENDAR_MARK));
    if (ours) return new LibraryCalendar(ours, tz, true);
    return new LibraryCalendar(CalendarApp.createCalendar(name, { timeZone: tz, summary }), tz, true);
  }

  get id(): string {
    return this.cal.getId();
  }

  get name(): string {
    return this.cal.getName();
  }

  private at(day: DayKey): Date {
    return dateFor(day, this.tz);
  }

  /**
   * Our events overlapping the days `from`..`to`: a key in a tag or at the end of the description
   * (an event made by a run stopped before it tagged it), each series once. Events without a key are
   * the librarian's: they are neither listed nor ever touched.
   */
  scan(from: DayKey, to: DayKey): { view: CalendarView; found: Map<string, Found> } {
    const found = new Map<string, Found>();
    const view: CalendarView = { ids: new Set(), byKey: new Map() };
    for (const event of this.cal.getEvents(this.at(addDays(from, -1)), this.at(addDays(to, 2)))) {
      const id = event.getId();
      if (found.has(id)) continue;
      const f = this.read(event, id);
      if (!f) continue;
      found.set(id, f);
      view.ids.add(id);
      view.byKey.set(f.key, [...(view.byKey.get(f.key) ?? []), id]);
    }
    return { view, found };
  }

  private read(event: CalendarEvent, id: string): Found | null {
    const key = event.getTag(TAG_KEY) || keyInDescription(event.getDescription());
    if (!key) return null;
    return {
      id,
      key,
      recurring: event.isRecurringEvent(),
      written: key.startsWith('CL-') ? readFingerprint(event.getTag(TAG_WRITTEN) ?? '') : null,
      event,
    };
  }

  /** An event of ours outside the span scanned, by id; null when it is gone (or not ours). */
  find(id: string): Found | null {
    const event = this.cal.getEventById(id);
    return event ? this.read(event, id) : null;
  }

  private recurrence(r: Recurrence): GoogleAppsScript.Calendar.EventRecurrence {
    const rec = CalendarApp.newRecurrence();
    if ('dates' in r) {
      for (const d of r.dates) rec.addDate(this.at(d));
      return rec;
    }
    const rule =
      r.months.length === 0
        ? rec.addMonthlyRule()
        : rec.addYearlyRule().onlyInMonths(r.months.map((m) => CalendarApp.Month[MONTHS[m - 1]]));
    rule.onlyOnMonthDay(r.monthDay).until(this.at(r.until));
    return rec;
  }

  private reminders(target: CalendarEvent | CalendarEventSeries, minutes: number[]): void {
    target.removeAllReminders();
    for (const m of minutes) target.addPopupReminder(m);
  }

  /** Creates the event (or series) of a spec, tagged with its key; returns its id. */
  create(spec: EventSpec, written: string | null): string {
    const options = { description: spec.description };
    const made: CalendarEvent | CalendarEventSeries = spec.recurrence
      ? this.cal.createAllDayEventSeries(spec.title, this.at(spec.start), this.recurrence(spec.recurrence), options)
      : this.cal.createAllDayEvent(spec.title, this.at(spec.start), this.at(spec.end), options);
    made.setTag(TAG_KEY, spec.key);
    if (written !== null) made.setTag(TAG_WRITTEN, written);
    this.reminders(made, spec.reminders);
    return made.getId();
  }

  /** Writes the fields of a spec that changed (all of them, and the key tag, for an event adopted). */
  update(f: Found, spec: EventSpec, fields: readonly Field[], written: string | null, adopt = false): void {
    const target: CalendarEvent | CalendarEventSeries =
      f.recurring || spec.recurrence ? (this.cal.getEventSeriesById(f.id) as CalendarEventSeries) : f.event;
    if (adopt) target.setTag(TAG_KEY, spec.key);
    for (const field of fields) {
      if (field === 'title') target.setTitle(spec.title);
      else if (field === 'description') target.setDescription(spec.description);
      else if (field === 'reminders') this.reminders(target, spec.reminders);
      else if (spec.recurrence)
        (target as CalendarEventSeries).setRecurrence(this.recurrence(spec.recurrence), this.at(spec.start));
      else (target as CalendarEvent).setAllDayDates(this.at(spec.start), this.at(spec.end));
    }
    if (written !== null) target.setTag(TAG_WRITTEN, written);
  }

  /** Deletes one of our events (a whole series). */
  remove(f: Found): void {
    if (f.recurring) this.cal.getEventSeriesById(f.id).deleteEventSeries();
    else f.event.deleteEvent();
  }
}

/** How CalendarApp refused: the day's quota, a burst of creations, or something about this event. */
export function refusal(e: unknown): 'quota' | 'burst' | 'time' | 'other' {
  const m = String((e as Error)?.message ?? e);
  if (/too many times for one day|quota/i.test(m)) return 'quota';
  if (/too many calendars or calendar events in a short time|rate limit/i.test(m)) return 'burst';
  if (/exceeded maximum execution time/i.test(m)) return 'time';
  return 'other';
}
