/**
 * The in-memory calendars as plain data: what tests and the playground read (events, a day list with
 * series expanded) and what the playground keeps across a restart (a snapshot).
 */
import { bounds, type EventHost, type EventRec, instances } from './calendar-event';
import { recurrenceLines } from './calendar-recurrence';

export interface CalRec {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  color: string;
  primary: boolean;
  deleted: boolean;
  events: Map<string, EventRec>;
}

export interface CalendarEventData {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** Instants bounding the event (all-day: the midnights in the calendar's time zone). */
  start: Date;
  end: Date;
  /** All-day events: first day and exclusive end day, "yyyy-MM-dd". */
  startDate: string | null;
  endDate: string | null;
  /** A series' RRULE/RDATE/EXDATE lines; null for a single event. */
  recurrence: string[] | null;
  tags: Record<string, string>;
  popupReminders: number[];
  emailReminders: number[];
  created: Date;
  lastUpdated: Date;
}

export interface CalendarData {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  primary: boolean;
  events: CalendarEventData[];
}

/** One day (or run of days) an event or a series' instance covers. */
export interface Occurrence {
  id: string;
  title: string;
  description: string;
  start: string;
  end: string;
  recurring: boolean;
  tags: Record<string, string>;
}

/** Stored calendars, as the playground keeps them across a restart. */
export interface CalendarSnapshot {
  seq: number;
  /** The day's creation quota and the recent creations a burst counts (older snapshots lack them). */
  limits?: { quotaUsed: number; quotaWindowEndsMs: number; burstTimes: number[] };
  calendars: Array<Omit<CalRec, 'events'> & { events: Array<Omit<EventRec, 'tags'> & { tags: [string, string][] }> }>;
}

function eventData(cal: CalRec, e: EventRec, host: EventHost): CalendarEventData {
  const [s, en] = bounds(e, host, cal.timeZone);
  return {
    id: e.id,
    calendarId: e.calendarId,
    title: e.title,
    description: e.description,
    location: e.location,
    allDay: e.allDay,
    start: new Date(s),
    end: new Date(en),
    startDate: e.startDate,
    endDate: e.endDate,
    recurrence: e.recurrence ? recurrenceLines(e.recurrence) : null,
    tags: Object.fromEntries(e.tags),
    popupReminders: [...e.popup],
    emailReminders: [...e.email],
    created: new Date(e.created),
    lastUpdated: new Date(e.updated),
  };
}

export function calendarData(cal: CalRec, host: EventHost): CalendarData {
  const start = (e: EventRec) => bounds(e, host, cal.timeZone)[0];
  return {
    id: cal.id,
    name: cal.name,
    description: cal.description,
    timeZone: cal.timeZone,
    primary: cal.primary,
    events: [...cal.events.values()].sort((a, b) => start(a) - start(b)).map((e) => eventData(cal, e, host)),
  };
}

/** The all-day days of a calendar's events and series' instances from `from` to `to` (inclusive day keys). */
export function occurrencesOf(cal: CalRec, from: string, to: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const e of cal.events.values()) {
    if (!e.allDay || !e.startDate || !e.endDate) continue;
    const days = e.recurrence ? instances(e, to) : [{ start: e.startDate, end: e.endDate }];
    for (const d of days) {
      if (d.start > to || d.end <= from) continue;
      out.push({
        id: e.id,
        title: e.title,
        description: e.description,
        start: d.start,
        end: d.end,
        recurring: !!e.recurrence,
        tags: Object.fromEntries(e.tags),
      });
    }
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.title.localeCompare(b.title)));
}

export function snapshotOf(calendars: Map<string, CalRec>, seq: number): CalendarSnapshot {
  return {
    seq,
    calendars: [...calendars.values()].map((c) => ({
      ...c,
      events: [...c.events.values()].map((e) => ({ ...structuredClone({ ...e, tags: undefined }), tags: [...e.tags] })),
    })),
  } as CalendarSnapshot;
}

/** Puts a snapshot's calendars back (the default calendar stays the object CalendarApp holds); returns its sequence. */
export function restoreInto(calendars: Map<string, CalRec>, primary: CalRec, saved: CalendarSnapshot): number {
  calendars.clear();
  for (const c of saved.calendars) {
    const events = new Map(c.events.map((e) => [e.id, { ...e, tags: new Map(e.tags) } as EventRec]));
    calendars.set(c.id, { ...c, events });
  }
  const own = calendars.get(primary.id);
  if (own) Object.assign(primary, own);
  calendars.set(primary.id, primary);
  return saved.seq;
}
