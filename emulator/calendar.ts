/**
 * CalendarApp with in-memory calendars. The default calendar's id and name are the user's e-mail.
 *
 * All-day events are calendar dates in the script's time zone (env.timeZone): createAllDayEvent(title,
 * date) covers that one day; createAllDayEvent(title, startDate, endDate) covers startDate up to but not
 * including endDate (the reference: "the end date is exclusive"); getAllDayEndDate() returns that exclusive
 * end, and getStartTime()/getEndTime() of an all-day event are the midnights bounding it. getEvents(start,
 * end) returns the events that start in, end in, or span the range (overlap: event.start < end and
 * event.end > start; a zero-length event counts when start <= it < end), ordered by start time.
 * An end before the start throws "Event start date must be before event end date.".
 *
 * Quota (consumer): 5,000 events created a day, counted in a 24-hour window opened by the first creation
 * (the quotas page: quotas "reset 24 hours after the first request"); over it throws
 * "Service invoked too many times for one day: calendar.".
 */
import { createHash } from 'node:crypto';
import { type Env, GasException, isDate } from './core';
import { zonedDateKey, zonedToUtc } from './utilities';

export const CALENDAR_QUOTA_ERROR = 'Service invoked too many times for one day: calendar.';
const ORDER_ERROR = 'Event start date must be before event end date.';

export interface CalendarEventData {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** Instants bounding the event (for all-day events, the midnights in env.timeZone). */
  start: Date;
  end: Date;
  /** All-day events: first day and exclusive end day, "yyyy-MM-dd". */
  startDate: string | null;
  endDate: string | null;
  tags: Record<string, string>;
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

interface EventRec {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  startMs: number;
  endMs: number;
  startDate: string | null;
  endDate: string | null;
  tags: Map<string, string>;
  created: number;
  updated: number;
  deleted: boolean;
}

interface CalRec {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  color: string;
  primary: boolean;
  deleted: boolean;
  events: Map<string, EventRec>;
}

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

function addDays(key: string, n: number): string {
  const [y, m, d] = key.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

function icsEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1). */
function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function icsUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function createCalendarApp(env: Env, opts: CalendarOptions = {}) {
  const calendars = new Map<string, CalRec>();
  let seq = 0;
  const quota = { limit: opts.eventQuota ?? 5000, used: 0, windowEndsMs: 0 };
  const D = (ms: number) => new env.clock.FakeDate(ms) as Date;
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');

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

  const midnight = (key: string) => {
    const [y, m, d] = key.split('-').map(Number);
    return zonedToUtc(env.timeZone, y, m, d).getTime();
  };

  const countCreation = () => {
    const now = env.clock.nowMillis();
    if (quota.used > 0 && now >= quota.windowEndsMs) quota.used = 0;
    if (quota.used >= quota.limit) throw new GasException(CALENDAR_QUOTA_ERROR);
    if (quota.used === 0) quota.windowEndsMs = now + 24 * 3_600_000;
    quota.used++;
  };

  const requireDate = (v: unknown, method: string): Date => {
    if (!isDate(v) || Number.isNaN(v.getTime()))
      throw new GasException(`The parameters (${typeof v}) don't match the method signature for ${method}.`);
    return v;
  };

  const liveCal = (id: string) => {
    const c = calendars.get(id);
    return c && !c.deleted ? c : null;
  };

  const makeEvent = (rec: EventRec) => {
    const c = (m: string) => env.counters.call(`CalendarEvent.${m}`);
    const touch = () => {
      rec.updated = env.clock.nowMillis();
    };
    const ev = {
      getId: () => {
        c('getId');
        return rec.id;
      },
      getTitle: () => {
        c('getTitle');
        return rec.title;
      },
      setTitle: (t: string) => {
        c('setTitle');
        rec.title = String(t);
        touch();
        return ev;
      },
      getDescription: () => {
        c('getDescription');
        return rec.description;
      },
      setDescription: (d: string) => {
        c('setDescription');
        rec.description = String(d);
        touch();
        return ev;
      },
      getLocation: () => {
        c('getLocation');
        return rec.location;
      },
      setLocation: (l: string) => {
        c('setLocation');
        rec.location = String(l);
        touch();
        return ev;
      },
      isAllDayEvent: () => {
        c('isAllDayEvent');
        return rec.allDay;
      },
      getAllDayStartDate: () => {
        c('getAllDayStartDate');
        return D(rec.startMs);
      },
      getAllDayEndDate: () => {
        c('getAllDayEndDate');
        return D(rec.endMs);
      },
      getStartTime: () => {
        c('getStartTime');
        return D(rec.startMs);
      },
      getEndTime: () => {
        c('getEndTime');
        return D(rec.endMs);
      },
      getOriginalCalendarId: () => {
        c('getOriginalCalendarId');
        return rec.calendarId;
      },
      getDateCreated: () => {
        c('getDateCreated');
        return D(rec.created);
      },
      getLastUpdated: () => {
        c('getLastUpdated');
        return D(rec.updated);
      },
      setTime(start: Date, end: Date) {
        c('setTime');
        const s = requireDate(start, 'CalendarEvent.setTime').getTime();
        const e = requireDate(end, 'CalendarEvent.setTime').getTime();
        if (e < s) throw new GasException(ORDER_ERROR);
        Object.assign(rec, { allDay: false, startMs: s, endMs: e, startDate: null, endDate: null });
        touch();
        return ev;
      },
      setAllDayDate(date: Date) {
        c('setAllDayDate');
        const k = zonedDateKey(requireDate(date, 'CalendarEvent.setAllDayDate'), env.timeZone);
        setAllDay(rec, k, addDays(k, 1));
        touch();
        return ev;
      },
      setAllDayDates(start: Date, end: Date) {
        c('setAllDayDates');
        const s = zonedDateKey(requireDate(start, 'CalendarEvent.setAllDayDates'), env.timeZone);
        const e = zonedDateKey(requireDate(end, 'CalendarEvent.setAllDayDates'), env.timeZone);
        if (e <= s) throw new GasException(ORDER_ERROR);
        setAllDay(rec, s, e);
        touch();
        return ev;
      },
      setTag(key: string, value: string) {
        c('setTag');
        rec.tags.set(String(key), String(value));
        touch();
        return ev;
      },
      getTag: (key: string) => {
        c('getTag');
        return rec.tags.get(String(key)) ?? null;
      },
      getAllTagKeys: () => {
        c('getAllTagKeys');
        return [...rec.tags.keys()];
      },
      deleteTag(key: string) {
        c('deleteTag');
        rec.tags.delete(String(key));
        touch();
        return ev;
      },
      deleteEvent() {
        c('deleteEvent');
        rec.deleted = true;
        calendars.get(rec.calendarId)?.events.delete(rec.id);
      },
      getGuestList: () => {
        c('getGuestList');
        return [];
      },
    };
    return ev;
  };
  type EmuCalendarEvent = ReturnType<typeof makeEvent>;

  const setAllDay = (rec: EventRec, startKey: string, endKey: string) => {
    Object.assign(rec, {
      allDay: true,
      startDate: startKey,
      endDate: endKey,
      startMs: midnight(startKey),
      endMs: midnight(endKey),
    });
  };

  const newEvent = (cal: CalRec, title: string, options: EventOptions | undefined): EventRec => {
    const now = env.clock.nowMillis();
    const id = `${hash(`event:${cal.id}:${++seq}`).slice(0, 26)}@google.com`;
    return {
      id,
      calendarId: cal.id,
      title: String(title),
      description: options?.description === undefined ? '' : String(options.description),
      location: options?.location === undefined ? '' : String(options.location),
      allDay: false,
      startMs: 0,
      endMs: 0,
      startDate: null,
      endDate: null,
      tags: new Map(),
      created: now,
      updated: now,
      deleted: false,
    };
  };

  const overlapping = (cal: CalRec, startMs: number, endMs: number) =>
    [...cal.events.values()]
      .filter((e) =>
        e.startMs === e.endMs ? e.startMs >= startMs && e.startMs < endMs : e.startMs < endMs && e.endMs > startMs,
      )
      .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);

  const makeCalendar = (cal: CalRec) => {
    const c = (m: string) => env.counters.call(`Calendar.${m}`);
    const calendar = {
      getId: () => {
        c('getId');
        return cal.id;
      },
      getName: () => {
        c('getName');
        return cal.name;
      },
      setName: (n: string) => {
        c('setName');
        cal.name = String(n);
        return calendar;
      },
      getDescription: () => {
        c('getDescription');
        return cal.description;
      },
      setDescription: (d: string) => {
        c('setDescription');
        cal.description = String(d);
        return calendar;
      },
      getTimeZone: () => {
        c('getTimeZone');
        return cal.timeZone;
      },
      setTimeZone: (tz: string) => {
        c('setTimeZone');
        cal.timeZone = String(tz);
        return calendar;
      },
      getColor: () => {
        c('getColor');
        return cal.color;
      },
      setColor: (col: string) => {
        c('setColor');
        cal.color = String(col);
        return calendar;
      },
      isOwnedByMe: () => {
        c('isOwnedByMe');
        return true;
      },
      isMyPrimaryCalendar: () => {
        c('isMyPrimaryCalendar');
        return cal.primary;
      },
      isHidden: () => {
        c('isHidden');
        return false;
      },
      isSelected: () => {
        c('isSelected');
        return true;
      },
      /** createAllDayEvent(title, date, options?) | createAllDayEvent(title, startDate, endDate, options?) */
      createAllDayEvent(title: string, a: Date, b?: Date | EventOptions, o?: EventOptions): EmuCalendarEvent {
        c('createAllDayEvent');
        const start = zonedDateKey(requireDate(a, 'Calendar.createAllDayEvent'), env.timeZone);
        let end: string;
        let options: EventOptions | undefined;
        if (isDate(b)) {
          end = zonedDateKey(b, env.timeZone);
          options = o;
          if (end <= start) throw new GasException(ORDER_ERROR);
        } else {
          end = addDays(start, 1);
          options = b as EventOptions | undefined;
        }
        countCreation();
        const rec = newEvent(cal, title, options);
        setAllDay(rec, start, end);
        cal.events.set(rec.id, rec);
        return makeEvent(rec);
      },
      createEvent(title: string, startTime: Date, endTime: Date, options?: EventOptions): EmuCalendarEvent {
        c('createEvent');
        const s = requireDate(startTime, 'Calendar.createEvent').getTime();
        const e = requireDate(endTime, 'Calendar.createEvent').getTime();
        if (e < s) throw new GasException(ORDER_ERROR);
        countCreation();
        const rec = newEvent(cal, title, options);
        rec.startMs = s;
        rec.endMs = e;
        cal.events.set(rec.id, rec);
        return makeEvent(rec);
      },
      getEvents(
        startTime: Date,
        endTime: Date,
        options?: { start?: number; max?: number; search?: string },
      ): EmuCalendarEvent[] {
        c('getEvents');
        const s = requireDate(startTime, 'Calendar.getEvents').getTime();
        const e = requireDate(endTime, 'Calendar.getEvents').getTime();
        let list = overlapping(cal, s, e);
        if (options?.search) {
          const q = String(options.search).toLowerCase();
          list = list.filter((x) => `${x.title}\n${x.description}\n${x.location}`.toLowerCase().includes(q));
        }
        const from = options?.start ?? 0;
        list = list.slice(from, options?.max === undefined ? undefined : from + options.max);
        return list.map(makeEvent);
      },
      getEventsForDay(date: Date): EmuCalendarEvent[] {
        c('getEventsForDay');
        const k = zonedDateKey(requireDate(date, 'Calendar.getEventsForDay'), env.timeZone);
        return overlapping(cal, midnight(k), midnight(addDays(k, 1))).map(makeEvent);
      },
      getEventById(iCalId: string): EmuCalendarEvent | null {
        c('getEventById');
        const rec = cal.events.get(String(iCalId));
        return rec ? makeEvent(rec) : null;
      },
      deleteCalendar(): void {
        c('deleteCalendar');
        if (cal.primary) throw new GasException('The primary calendar cannot be deleted.');
        cal.deleted = true;
      },
    };
    return calendar;
  };
  type EmuCalendar = ReturnType<typeof makeCalendar>;

  const all = () => [...calendars.values()].filter((cal) => !cal.deleted);
  const byName = (name: string) => all().filter((cal) => cal.name.toLowerCase() === String(name).toLowerCase());
  const defaultCal = () => makeCalendar(primary);

  const CalendarApp = {
    getDefaultCalendar(): EmuCalendar {
      env.counters.call('CalendarApp.getDefaultCalendar');
      return defaultCal();
    },
    getCalendarById(id: string): EmuCalendar | null {
      env.counters.call('CalendarApp.getCalendarById');
      const cal = liveCal(String(id));
      return cal ? makeCalendar(cal) : null;
    },
    getOwnedCalendarById(id: string): EmuCalendar | null {
      env.counters.call('CalendarApp.getOwnedCalendarById');
      const cal = liveCal(String(id));
      return cal ? makeCalendar(cal) : null;
    },
    getCalendarsByName(name: string): EmuCalendar[] {
      env.counters.call('CalendarApp.getCalendarsByName');
      return byName(name).map(makeCalendar);
    },
    getOwnedCalendarsByName(name: string): EmuCalendar[] {
      env.counters.call('CalendarApp.getOwnedCalendarsByName');
      return byName(name).map(makeCalendar);
    },
    getAllCalendars(): EmuCalendar[] {
      env.counters.call('CalendarApp.getAllCalendars');
      return all().map(makeCalendar);
    },
    getAllOwnedCalendars(): EmuCalendar[] {
      env.counters.call('CalendarApp.getAllOwnedCalendars');
      return all().map(makeCalendar);
    },
    createCalendar(name: string, options?: { summary?: string; timeZone?: string; color?: string }): EmuCalendar {
      env.counters.call('CalendarApp.createCalendar');
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
    getEvents: (start: Date, end: Date, options?: { start?: number; max?: number; search?: string }) =>
      defaultCal().getEvents(start, end, options),
    getEventsForDay: (date: Date) => defaultCal().getEventsForDay(date),
    getEventById: (id: string) => defaultCal().getEventById(id),
  };

  const eventData = (e: EventRec): CalendarEventData => ({
    id: e.id,
    calendarId: e.calendarId,
    title: e.title,
    description: e.description,
    location: e.location,
    allDay: e.allDay,
    start: new Date(e.startMs),
    end: new Date(e.endMs),
    startDate: e.startDate,
    endDate: e.endDate,
    tags: Object.fromEntries(e.tags),
    created: new Date(e.created),
    lastUpdated: new Date(e.updated),
  });

  return {
    CalendarApp,
    /** Every live calendar with its events, as plain data. */
    calendars(): CalendarData[] {
      return all().map((cal) => ({
        id: cal.id,
        name: cal.name,
        description: cal.description,
        timeZone: cal.timeZone,
        primary: cal.primary,
        events: [...cal.events.values()].sort((a, b) => a.startMs - b.startMs).map(eventData),
      }));
    },
    /** Events created in the current quota window. */
    eventsCreatedToday(): number {
      if (quota.used > 0 && env.clock.nowMillis() >= quota.windowEndsMs) quota.used = 0;
      return quota.used;
    },
    setEventQuota(n: number) {
      quota.limit = n;
    },
    /** The calendar as iCalendar text (RFC 5545, CRLF line ends). */
    toIcs(calendarId: string): string {
      const cal = liveCal(calendarId);
      if (!cal) throw new Error(`emulator: no calendar ${calendarId}`);
      const lines = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//school-library-sheets//Apps Script emulator//EN',
        'CALSCALE:GREGORIAN',
        `X-WR-CALNAME:${icsEscape(cal.name)}`,
        `X-WR-TIMEZONE:${cal.timeZone}`,
      ];
      for (const e of [...cal.events.values()].sort((a, b) => a.startMs - b.startMs)) {
        lines.push('BEGIN:VEVENT', `UID:${e.id}`, `DTSTAMP:${icsUtc(e.updated)}`);
        if (e.allDay && e.startDate && e.endDate) {
          lines.push(
            `DTSTART;VALUE=DATE:${e.startDate.replace(/-/g, '')}`,
            `DTEND;VALUE=DATE:${e.endDate.replace(/-/g, '')}`,
          );
        } else {
          lines.push(`DTSTART:${icsUtc(e.startMs)}`, `DTEND:${icsUtc(e.endMs)}`);
        }
        lines.push(`SUMMARY:${icsEscape(e.title)}`);
        if (e.description) lines.push(`DESCRIPTION:${icsEscape(e.description)}`);
        if (e.location) lines.push(`LOCATION:${icsEscape(e.location)}`);
        for (const [k, v] of e.tags) lines.push(`X-APPS-SCRIPT-TAG:${icsEscape(k)}=${icsEscape(v)}`);
        lines.push('END:VEVENT');
      }
      lines.push('END:VCALENDAR');
      return `${lines.map(icsFold).join('\r\n')}\r\n`;
    },
  };
}
