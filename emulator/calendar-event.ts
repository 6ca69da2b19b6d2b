/**
 * CalendarEvent and CalendarEventSeries of the in-memory CalendarApp: the objects a script holds, over
 * the stored records of calendar.ts.
 *
 * All-day days are kept as "yyyy-MM-dd" (the end exclusive). getAllDayStartDate()/getAllDayEndDate()
 * are midnights in the script's time zone, getStartTime()/getEndTime() of an all-day event midnights in
 * the calendar's (the reference: "To use the calendar's time zone instead, call getStartTime()");
 * the all-day getters throw for a timed event. Reminders: 5 minutes to 4 weeks (40,320 minutes)
 * before the event, at most 5 on an event (the Calendar API's limit on overrides); texts of these two
 * refusals are the emulator's. An event of a series, as getEvents returns it, reads like an event;
 * deleting it removes that day from the series (an EXDATE); changing it alone is not modelled (it throws).
 */

import { addDays, expand, type RecurrenceData, recurrenceData } from './calendar-recurrence';
import { GasException, isDate } from './core';

export const ORDER_ERROR = 'Event start date must be before event end date.';
export const REMINDER_RANGE_ERROR = 'Reminder minutes must be between 5 and 40320 (4 weeks).';
export const REMINDER_COUNT_ERROR = 'An event can have at most 5 reminders.';
export const MAX_REMINDERS = 5;

export interface EventRec {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** Timed events: the instants. */
  startMs: number;
  endMs: number;
  /** All-day events (and series): first day and exclusive end day. */
  startDate: string | null;
  endDate: string | null;
  recurrence: RecurrenceData | null;
  tags: Map<string, string>;
  popup: number[];
  email: number[];
  /** Until a script sets reminders, the calendar's defaults apply (none are modelled). */
  defaultReminders: boolean;
  created: number;
  updated: number;
}

/** What the wrappers need from the calendar that holds the record. */
export interface EventHost {
  count(method: string): void;
  now(): number;
  /** A Date of the script's realm. */
  date(ms: number): Date;
  scriptZone(): string;
  calendarZone(calendarId: string): string;
  /** Midnight of a day in a zone. */
  midnight(day: string, zone: string): number;
  dayOf(d: Date, method: string): string;
  /** Deletes the record, or (with `day`) that one day of a series. */
  remove(rec: EventRec, day?: string): void;
  seriesOf(rec: EventRec): unknown;
}

export function requireDate(v: unknown, method: string): Date {
  if (!isDate(v) || Number.isNaN(v.getTime()))
    throw new GasException(`The parameters (${typeof v}) don't match the method signature for ${method}.`);
  return v;
}

/** Instants bounding a record (all-day: midnights in `zone`). */
export function bounds(rec: EventRec, host: EventHost, zone: string): [number, number] {
  if (!rec.allDay || !rec.startDate || !rec.endDate) return [rec.startMs, rec.endMs];
  return [host.midnight(rec.startDate, zone), host.midnight(rec.endDate, zone)];
}

/** The days of a series' instances up to `last`, each with its exclusive end. */
export function instances(rec: EventRec, last: string): Array<{ start: string; end: string }> {
  if (!rec.recurrence || !rec.startDate || !rec.endDate) return [];
  const span = Math.round((Date.parse(rec.endDate) - Date.parse(rec.startDate)) / 86_400_000);
  return expand(rec.recurrence, rec.startDate, last).map((d) => ({ start: d, end: addDays(d, span) }));
}

function reminderMinutes(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 5 || n > 40_320) throw new GasException(REMINDER_RANGE_ERROR);
  return n;
}

/** Members an event and a series share. `self` is what setters return; `cls` names the class for the counters. */
function common(rec: EventRec, host: EventHost, cls: string, self: () => unknown, editable: () => void) {
  const c = (m: string) => host.count(`${cls}.${m}`);
  const touch = () => {
    editable();
    rec.updated = host.now();
  };
  const addReminder = (list: number[], v: unknown) => {
    const minutes = reminderMinutes(v);
    if (rec.popup.length + rec.email.length >= MAX_REMINDERS) throw new GasException(REMINDER_COUNT_ERROR);
    list.push(minutes);
    rec.defaultReminders = false;
    touch();
    return self();
  };
  /** A getter that counts its call. */
  const get =
    <T>(m: string, v: () => T) =>
    (): T => {
      c(m);
      return v();
    };
  /** A setter that counts its call, refuses what cannot change and returns the object. */
  const set =
    <A extends unknown[]>(m: string, apply: (...a: A) => void) =>
    (...a: A) => {
      c(m);
      touch();
      apply(...a);
      return self();
    };
  return {
    getId: get('getId', () => rec.id),
    getTitle: get('getTitle', () => rec.title),
    setTitle: set('setTitle', (t: string) => {
      rec.title = String(t);
    }),
    getDescription: get('getDescription', () => rec.description),
    setDescription: set('setDescription', (d: string) => {
      rec.description = String(d);
    }),
    getLocation: get('getLocation', () => rec.location),
    setLocation: set('setLocation', (l: string) => {
      rec.location = String(l);
    }),
    getOriginalCalendarId: get('getOriginalCalendarId', () => rec.calendarId),
    getDateCreated: get('getDateCreated', () => host.date(rec.created)),
    getLastUpdated: get('getLastUpdated', () => host.date(rec.updated)),
    isOwnedByMe: get('isOwnedByMe', () => true),
    getGuestList: get('getGuestList', () => []),
    setTag: set('setTag', (key: string, value: string) => {
      rec.tags.set(String(key), String(value));
    }),
    getTag: (key: string) => get('getTag', () => rec.tags.get(String(key)) ?? null)(),
    getAllTagKeys: get('getAllTagKeys', () => [...rec.tags.keys()]),
    deleteTag: set('deleteTag', (key: string) => {
      rec.tags.delete(String(key));
    }),
    addPopupReminder: (m: number) => {
      c('addPopupReminder');
      return addReminder(rec.popup, m);
    },
    addEmailReminder: (m: number) => {
      c('addEmailReminder');
      return addReminder(rec.email, m);
    },
    getPopupReminders: get('getPopupReminders', () => [...rec.popup]),
    getEmailReminders: get('getEmailReminders', () => [...rec.email]),
    getSmsReminders: get('getSmsReminders', () => []),
    removeAllReminders: () => {
      c('removeAllReminders');
      touch();
      rec.popup = [];
      rec.email = [];
      rec.defaultReminders = false;
      return self();
    },
    resetRemindersToDefault: () => {
      c('resetRemindersToDefault');
      touch();
      rec.popup = [];
      rec.email = [];
      rec.defaultReminders = true;
      return self();
    },
  };
}

const setAllDay = (rec: EventRec, start: string, end: string) =>
  Object.assign(rec, { allDay: true, startDate: start, endDate: end, startMs: 0, endMs: 0 });

/** The series object for a record (a plain event turns into a series by setRecurrence). */
export function makeSeries(rec: EventRec, host: EventHost) {
  const c = (m: string) => host.count(`CalendarEventSeries.${m}`);
  // biome-ignore lint/suspicious/noExplicitAny: the object is built in two steps
  const series: any = common(
    rec,
    host,
    'CalendarEventSeries',
    () => series,
    () => {},
  );
  Object.assign(series, {
    /** setRecurrence(recurrence, startDate): an all-day series; (recurrence, start, end): a timed one. */
    setRecurrence(recurrence: unknown, a: Date, b?: Date) {
      c('setRecurrence');
      const data = recurrenceData(recurrence, 'CalendarEventSeries.setRecurrence');
      if (isDate(b)) {
        const s = requireDate(a, 'CalendarEventSeries.setRecurrence').getTime();
        if (b.getTime() < s) throw new GasException(ORDER_ERROR);
        Object.assign(rec, { allDay: false, startMs: s, endMs: b.getTime(), startDate: null, endDate: null });
      } else {
        const day = host.dayOf(
          requireDate(a, 'CalendarEventSeries.setRecurrence'),
          'CalendarEventSeries.setRecurrence',
        );
        setAllDay(rec, day, addDays(day, 1));
      }
      rec.recurrence = data;
      rec.updated = host.now();
      return series;
    },
    deleteEventSeries() {
      c('deleteEventSeries');
      host.remove(rec);
    },
  });
  return series;
}

/** The event object for a record; `instance` is the day of a series' instance (getEvents' view of it). */
export function makeEvent(rec: EventRec, host: EventHost, instance?: { start: string; end: string }) {
  const c = (m: string) => host.count(`CalendarEvent.${m}`);
  const whole = () => {
    if (instance) throw new Error('emulator: changing one event of a series is not modelled (change the series)');
  };
  const start = instance?.start ?? rec.startDate;
  const end = instance?.end ?? rec.endDate;
  const allDayOnly = (m: string) => {
    if (!rec.allDay || !start || !end) throw new GasException(`${m}: the event is not an all-day event.`);
    return [start, end] as const;
  };
  // biome-ignore lint/suspicious/noExplicitAny: the object is built in two steps
  const ev: any = common(rec, host, 'CalendarEvent', () => ev, whole);
  Object.assign(ev, {
    isAllDayEvent: () => {
      c('isAllDayEvent');
      return rec.allDay;
    },
    isRecurringEvent: () => {
      c('isRecurringEvent');
      return rec.recurrence !== null;
    },
    getEventSeries: () => {
      c('getEventSeries');
      return host.seriesOf(rec);
    },
    getAllDayStartDate: () => {
      c('getAllDayStartDate');
      return host.date(host.midnight(allDayOnly('getAllDayStartDate')[0], host.scriptZone()));
    },
    getAllDayEndDate: () => {
      c('getAllDayEndDate');
      return host.date(host.midnight(allDayOnly('getAllDayEndDate')[1], host.scriptZone()));
    },
    getStartTime: () => {
      c('getStartTime');
      return host.date(rec.allDay && start ? host.midnight(start, host.calendarZone(rec.calendarId)) : rec.startMs);
    },
    getEndTime: () => {
      c('getEndTime');
      return host.date(rec.allDay && end ? host.midnight(end, host.calendarZone(rec.calendarId)) : rec.endMs);
    },
    setTime(s: Date, e: Date) {
      c('setTime');
      whole();
      const a = requireDate(s, 'CalendarEvent.setTime').getTime();
      const b = requireDate(e, 'CalendarEvent.setTime').getTime();
      if (b < a) throw new GasException(ORDER_ERROR);
      Object.assign(rec, { allDay: false, startMs: a, endMs: b, startDate: null, endDate: null, updated: host.now() });
      return ev;
    },
    setAllDayDate(d: Date) {
      c('setAllDayDate');
      whole();
      const k = host.dayOf(requireDate(d, 'CalendarEvent.setAllDayDate'), 'CalendarEvent.setAllDayDate');
      setAllDay(rec, k, addDays(k, 1));
      rec.updated = host.now();
      return ev;
    },
    setAllDayDates(s: Date, e: Date) {
      c('setAllDayDates');
      whole();
      const a = host.dayOf(requireDate(s, 'CalendarEvent.setAllDayDates'), 'CalendarEvent.setAllDayDates');
      const b = host.dayOf(requireDate(e, 'CalendarEvent.setAllDayDates'), 'CalendarEvent.setAllDayDates');
      if (b <= a) throw new GasException(ORDER_ERROR);
      setAllDay(rec, a, b);
      rec.updated = host.now();
      return ev;
    },
    deleteEvent() {
      c('deleteEvent');
      host.remove(rec, instance && rec.recurrence ? instance.start : undefined);
    },
  });
  return ev;
}
