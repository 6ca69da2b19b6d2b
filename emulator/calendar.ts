/**
 * CalendarApp with in-memory calendars. The default calendar's id and name are the user's e-mail;
 * calendars made by createCalendar have ids like Google's group calendars and their own time zone.
 *
 * All-day events and series are calendar days: a Date given for one is read as a day in the script's
 * time zone (env.timeZone); createAllDayEvent(title, date) covers that day, createAllDayEvent(title,
 * startDate, endDate) startDate up to but not including endDate (the reference: "the end date is
 * exclusive"). Which instants bound an all-day event depends on the calendar's time zone (getStartTime,
 * and what getEvents(start, end) finds: the events that start in, end in or span the range, ordered by
 * start), not its days. A series (createAllDayEventSeries) is one record whose instances getEvents lists
 * one by one, all with the series' id. An end before the start throws "Event start date must be before
 * event end date.".
 *
 * Limits: 5,000 events created a day on a consumer account, counted in a 24-hour window opened by the
 * first creation (the quotas page: quotas "reset 24 hours after the first request"); over it throws
 * "Service invoked too many times for one day: calendar.". Creating or deleting events or calendars in
 * a burst (by default more than 100 within 60 seconds; `setBurstLimit`) throws "You have been creating
 * or deleting too many calendars or calendar events in a short time. Please try again later." and does
 * nothing. `setLatency(ms)` makes every Calendar call that reaches Google take that long on the runtime's
 * clock, as a round trip does (0 by default).
 */
import { createHash } from 'node:crypto';
import {
  type CalendarData,
  type CalendarSnapshot,
  type CalRec,
  calendarData,
  type Occurrence,
  occurrencesOf,
  restoreInto,
  snapshotOf,
} from './calendar-data';
import {
  bounds,
  type EventHost,
  type EventRec,
  instances,
  makeEvent,
  makeSeries,
  ORDER_ERROR,
  requireDate,
} from './calendar-event';
import { calendarToIcs } from './calendar-ics';
import { addDays, expand, Month, newRecurrence, recurrenceData, Weekday } from './calendar-recurrence';
import { type Env, GasException, isDate } from './core';
import { zonedDateKey, zonedToUtc } from './zoned-time';

export type { CalendarData, CalendarEventData, CalendarSnapshot, Occurrence } from './calendar-data';

export const CALENDAR_QUOTA_ERROR = 'Service invoked too many times for one day: calendar.';
export const CALENDAR_BURST_ERROR =
  'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.';

/**
 * The calls that reach Google (and take the latency): finding and creating calendars, reading events,
 * every change. An event's getters read the object in hand, and recurrences are built locally.
 */
export const REMOTE =
  /^(CalendarApp\.(?!newRecurrence)|Calendar\.(create|getEvent|set|delete)|CalendarEvent(Series)?\.(set|add|remove|delete|reset))/;

export interface CalendarOptions {
  /** Events created a day (5,000 consumer, 10,000 Workspace). */
  eventQuota?: number;
}

interface EventOptions {
  description?: string;
  location?: string;
  guests?: string;
  sendInvites?: boolean;
}

export function createCalendarApp(env: Env, opts: CalendarOptions = {}) {
  const calendars = new Map<string, CalRec>();
  let seq = 0;
  const quota = { limit: opts.eventQuota ?? 5000, used: 0, windowEndsMs: 0 };
  const burst = { limit: 100, windowMs: 60_000, times: [] as number[] };
  let latencyMs = 0;
  const D = (ms: number) => new env.clock.FakeDate(ms) as Date;
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const count = (name: string) => {
    env.counters.call(name);
    if (latencyMs > 0 && REMOTE.test(name)) env.clock.advance(latencyMs);
  };

  const primary: CalRec = {
    id: env.userEmail,
    name: env.userEmail,
    description: '',
    timeZone: env.timeZone,
    color: '#9FC6E7',
    primary: true,
    deleted: false,
    events: new Map(),
  };
  calendars.set(primary.id, primary);

  const midnight = (key: string, zone: string) => {
    const [y, m, d] = key.split('-').map(Number);
    return zonedToUtc(zone, y, m, d).getTime();
  };

  /** A creation or deletion: refused in a burst (and then nothing happens). */
  const burstCheck = () => {
    const now = env.clock.nowMillis();
    burst.times = burst.times.filter((t) => t > now - burst.windowMs);
    if (burst.times.length >= burst.limit) throw new GasException(CALENDAR_BURST_ERROR);
    burst.times.push(now);
  };

  const countCreation = () => {
    const now = env.clock.nowMillis();
    if (quota.used > 0 && now >= quota.windowEndsMs) quota.used = 0;
    if (quota.used >= quota.limit) throw new GasException(CALENDAR_QUOTA_ERROR);
    burstCheck();
    if (quota.used === 0) quota.windowEndsMs = now + 24 * 3_600_000;
    quota.used++;
  };

  const liveCal = (id: string) => {
    const c = calendars.get(id);
    return c && !c.deleted ? c : null;
  };

  const host: EventHost = {
    count,
    now: () => env.clock.nowMillis(),
    date: D,
    scriptZone: () => env.timeZone,
    calendarZone: (id) => calendars.get(id)?.timeZone ?? env.timeZone,
    midnight,
    dayOf: (d) => zonedDateKey(d, env.timeZone),
    remove(rec, day) {
      burstCheck();
      if (day && rec.recurrence) {
        rec.recurrence.exDates.push(day);
        rec.updated = env.clock.nowMillis();
      } else calendars.get(rec.calendarId)?.events.delete(rec.id);
    },
    seriesOf: (rec) => makeSeries(rec, host),
  };

  const newEvent = (cal: CalRec, title: string, options: EventOptions | undefined): EventRec => {
    const now = env.clock.nowMillis();
    return {
      id: `${hash(`event:${cal.id}:${++seq}`).slice(0, 26)}@google.com`,
      calendarId: cal.id,
      title: String(title),
      description: options?.description === undefined ? '' : String(options.description),
      location: options?.location === undefined ? '' : String(options.location),
      allDay: false,
      startMs: 0,
      endMs: 0,
      startDate: null,
      endDate: null,
      recurrence: null,
      tags: new Map(),
      popup: [],
      email: [],
      defaultReminders: true,
      created: now,
      updated: now,
    };
  };

  /** Single events and series' instances overlapping [startMs, endMs), in start order. */
  const overlapping = (cal: CalRec, startMs: number, endMs: number) => {
    const found: Array<{ rec: EventRec; instance?: { start: string; end: string }; s: number; e: number }> = [];
    const hit = (s: number, e: number) => (s === e ? s >= startMs && s < endMs : s < endMs && e > startMs);
    const last = zonedDateKey(endMs, cal.timeZone);
    for (const rec of cal.events.values()) {
      if (rec.recurrence && rec.allDay) {
        for (const inst of instances(rec, last)) {
          const s = midnight(inst.start, cal.timeZone);
          const e = midnight(inst.end, cal.timeZone);
          if (hit(s, e)) found.push({ rec, instance: inst, s, e });
        }
      } else {
        const [s, e] = bounds(rec, host, cal.timeZone);
        if (hit(s, e)) found.push({ rec, s, e });
      }
    }
    return found.sort((a, b) => a.s - b.s || a.e - b.e);
  };

  const makeCalendar = (cal: CalRec) => {
    const c = (m: string) => count(`Calendar.${m}`);
    const get = <T>(m: string, v: T): T => {
      c(m);
      return v;
    };
    const add = (rec: EventRec) => {
      cal.events.set(rec.id, rec);
      return rec;
    };
    const calendar = {
      getId: () => get('getId', cal.id),
      getName: () => get('getName', cal.name),
      setName: (n: string) => {
        c('setName');
        cal.name = String(n);
        return calendar;
      },
      getDescription: () => get('getDescription', cal.description),
      setDescription: (d: string) => {
        c('setDescription');
        cal.description = String(d);
        return calendar;
      },
      getTimeZone: () => get('getTimeZone', cal.timeZone),
      setTimeZone: (tz: string) => {
        c('setTimeZone');
        cal.timeZone = String(tz);
        return calendar;
      },
      getColor: () => get('getColor', cal.color),
      setColor: (col: string) => {
        c('setColor');
        cal.color = String(col);
        return calendar;
      },
      isOwnedByMe: () => get('isOwnedByMe', true),
      isMyPrimaryCalendar: () => get('isMyPrimaryCalendar', cal.primary),
      isHidden: () => get('isHidden', false),
      isSelected: () => get('isSelected', true),
      /** createAllDayEvent(title, date, options?) | createAllDayEvent(title, startDate, endDate, options?) */
      createAllDayEvent(title: string, a: Date, b?: Date | EventOptions, o?: EventOptions) {
        c('createAllDayEvent');
        const start = zonedDateKey(requireDate(a, 'Calendar.createAllDayEvent'), env.timeZone);
        const end = isDate(b) ? zonedDateKey(b, env.timeZone) : addDays(start, 1);
        if (end <= start) throw new GasException(ORDER_ERROR);
        countCreation();
        const rec = add(newEvent(cal, title, isDate(b) ? o : (b as EventOptions | undefined)));
        Object.assign(rec, { allDay: true, startDate: start, endDate: end });
        return makeEvent(rec, host);
      },
      /** createAllDayEventSeries(title, startDate, recurrence, options?): one-day instances from startDate. */
      createAllDayEventSeries(title: string, startDate: Date, recurrence: unknown, options?: EventOptions) {
        c('createAllDayEventSeries');
        const start = zonedDateKey(requireDate(startDate, 'Calendar.createAllDayEventSeries'), env.timeZone);
        const data = recurrenceData(recurrence, 'Calendar.createAllDayEventSeries');
        countCreation();
        const rec = add(newEvent(cal, title, options));
        Object.assign(rec, { allDay: true, startDate: start, endDate: addDays(start, 1), recurrence: data });
        return makeSeries(rec, host);
      },
      createEvent(title: string, startTime: Date, endTime: Date, options?: EventOptions) {
        c('createEvent');
        const s = requireDate(startTime, 'Calendar.createEvent').getTime();
        const e = requireDate(endTime, 'Calendar.createEvent').getTime();
        if (e < s) throw new GasException(ORDER_ERROR);
        countCreation();
        const rec = add(newEvent(cal, title, options));
        Object.assign(rec, { startMs: s, endMs: e });
        return makeEvent(rec, host);
      },
      getEvents(startTime: Date, endTime: Date, options?: { start?: number; max?: number; search?: string }) {
        c('getEvents');
        const s = requireDate(startTime, 'Calendar.getEvents').getTime();
        const e = requireDate(endTime, 'Calendar.getEvents').getTime();
        let list = overlapping(cal, s, e);
        if (options?.search) {
          const q = String(options.search).toLowerCase();
          list = list.filter((x) =>
            `${x.rec.title}\n${x.rec.description}\n${x.rec.location}`.toLowerCase().includes(q),
          );
        }
        const from = options?.start ?? 0;
        list = list.slice(from, options?.max === undefined ? undefined : from + options.max);
        return list.map((x) => makeEvent(x.rec, host, x.instance));
      },
      getEventsForDay(date: Date) {
        c('getEventsForDay');
        const k = zonedDateKey(requireDate(date, 'Calendar.getEventsForDay'), env.timeZone);
        return overlapping(cal, midnight(k, cal.timeZone), midnight(addDays(k, 1), cal.timeZone)).map((x) =>
          makeEvent(x.rec, host, x.instance),
        );
      },
      /** A single event, or a series' first instance; null when there is none. */
      getEventById(iCalId: string) {
        c('getEventById');
        const rec = cal.events.get(String(iCalId));
        if (!rec) return null;
        const first = rec.recurrence ? instances(rec, '9999-12-31')[0] : undefined;
        return makeEvent(rec, host, first);
      },
      /** The series of an id (a single event is a series of one, which setRecurrence can extend). */
      getEventSeriesById(iCalId: string) {
        c('getEventSeriesById');
        const rec = cal.events.get(String(iCalId));
        return rec ? makeSeries(rec, host) : null;
      },
      deleteCalendar(): void {
        c('deleteCalendar');
        if (cal.primary) throw new GasException('The primary calendar cannot be deleted.');
        burstCheck();
        cal.deleted = true;
      },
    };
    return calendar;
  };
  type EmuCalendar = ReturnType<typeof makeCalendar>;

  const all = () => [...calendars.values()].filter((cal) => !cal.deleted);
  const byName = (name: string) => all().filter((cal) => cal.name.toLowerCase() === String(name).toLowerCase());
  const defaultCal = () => makeCalendar(primary);
  const app = <T>(m: string, v: () => T): T => {
    count(`CalendarApp.${m}`);
    return v();
  };

  const CalendarApp = {
    Month,
    Weekday,
    newRecurrence: () => app('newRecurrence', () => newRecurrence(() => env.timeZone, count)),
    getDefaultCalendar: (): EmuCalendar => app('getDefaultCalendar', defaultCal),
    getCalendarById: (id: string): EmuCalendar | null =>
      app('getCalendarById', () => {
        const cal = liveCal(String(id));
        return cal ? makeCalendar(cal) : null;
      }),
    getOwnedCalendarById: (id: string): EmuCalendar | null =>
      app('getOwnedCalendarById', () => {
        const cal = liveCal(String(id));
        return cal ? makeCalendar(cal) : null;
      }),
    getCalendarsByName: (name: string) => app('getCalendarsByName', () => byName(name).map(makeCalendar)),
    getOwnedCalendarsByName: (name: string) => app('getOwnedCalendarsByName', () => byName(name).map(makeCalendar)),
    getAllCalendars: () => app('getAllCalendars', () => all().map(makeCalendar)),
    getAllOwnedCalendars: () => app('getAllOwnedCalendars', () => all().map(makeCalendar)),
    createCalendar(name: string, options?: { summary?: string; timeZone?: string; color?: string }): EmuCalendar {
      count('CalendarApp.createCalendar');
      burstCheck();
      const id = `c_${hash(`calendar:${++seq}:${name}`)}@group.calendar.google.com`;
      const cal: CalRec = {
        id,
        name: String(name),
        description: options?.summary ?? '',
        timeZone: options?.timeZone ?? env.timeZone,
        color: options?.color ?? '#9FC6E7',
        primary: false,
        deleted: false,
        events: new Map(),
      };
      calendars.set(id, cal);
      return makeCalendar(cal);
    },
    /** CalendarApp also acts as the default calendar. */
    getId: () => defaultCal().getId(),
    getName: () => defaultCal().getName(),
    createEvent: (title: string, start: Date, end: Date, options?: EventOptions) =>
      defaultCal().createEvent(title, start, end, options),
    createAllDayEvent: (title: string, a: Date, b?: Date | EventOptions, o?: EventOptions) =>
      defaultCal().createAllDayEvent(title, a, b, o),
    createAllDayEventSeries: (title: string, start: Date, recurrence: unknown, options?: EventOptions) =>
      defaultCal().createAllDayEventSeries(title, start, recurrence, options),
    getEvents: (start: Date, end: Date, options?: { start?: number; max?: number; search?: string }) =>
      defaultCal().getEvents(start, end, options),
    getEventsForDay: (date: Date) => defaultCal().getEventsForDay(date),
    getEventById: (id: string) => defaultCal().getEventById(id),
    getEventSeriesById: (id: string) => defaultCal().getEventSeriesById(id),
  };

  const startOf = (cal: CalRec) => (e: EventRec) => bounds(e, host, cal.timeZone)[0];

  return {
    CalendarApp,
    /** Every live calendar with its events (a series once), as plain data. */
    calendars(): CalendarData[] {
      return all().map((cal) => calendarData(cal, host));
    },
    /** The all-day days of a calendar's events and series' instances from `from` to `to` (inclusive day keys). */
    occurrences(calendarId: string, from: string, to: string): Occurrence[] {
      const cal = liveCal(calendarId);
      return cal ? occurrencesOf(cal, from, to) : [];
    },
    /** Events created in the current quota window. */
    eventsCreatedToday(): number {
      if (quota.used > 0 && env.clock.nowMillis() >= quota.windowEndsMs) quota.used = 0;
      return quota.used;
    },
    setEventQuota(n: number) {
      quota.limit = n;
    },
    /** At most `limit` creations and deletions within `windowMs`. */
    setBurstLimit(limit: number, windowMs = 60_000) {
      Object.assign(burst, { limit, windowMs, times: [] });
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    /** The calendar as iCalendar text (RFC 5545). */
    toIcs(calendarId: string): string {
      const cal = liveCal(calendarId);
      if (!cal) throw new Error(`emulator: no calendar ${calendarId}`);
      return calendarToIcs({ ...cal, owner: env.userEmail }, [...cal.events.values()], startOf(cal));
    },
    snapshot(): CalendarSnapshot {
      const limits = { quotaUsed: quota.used, quotaWindowEndsMs: quota.windowEndsMs, burstTimes: [...burst.times] };
      return { ...snapshotOf(calendars, seq), limits };
    },
    /** Puts back the calendars and the limits' counts as they were (a clock set back meets no future burst). */
    restore(saved: CalendarSnapshot): void {
      seq = restoreInto(calendars, primary, saved);
      quota.used = saved.limits?.quotaUsed ?? 0;
      quota.windowEndsMs = saved.limits?.quotaWindowEndsMs ?? 0;
      burst.times = [...(saved.limits?.burstTimes ?? [])];
    },
    /** The days of a recurrence as the runtime expands it (for tests of the expansion). */
    expand,
  };
}
