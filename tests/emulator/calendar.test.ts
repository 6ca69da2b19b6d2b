/**
 * The runtime's CalendarApp beyond the basics (services.test.ts): calendars in another time zone, all-day
 * series and their recurrence, reminders and their limits, the burst error, latency, the .ics export.
 */
import { describe, expect, it } from 'vitest';
import { CALENDAR_BURST_ERROR, createCalendarApp } from '../../emulator/calendar';
import { REMINDER_COUNT_ERROR, REMINDER_RANGE_ERROR } from '../../emulator/calendar-event';
import { createEnv } from '../../emulator/core';

const env = () => createEnv({ now: new Date('2025-11-26T05:00:00Z'), timeZone: 'Asia/Almaty' });
/** Midnight of a day in Almaty (+05:00 since 2024). */
const day = (d: string) => new Date(`${d}T00:00:00+05:00`);

describe('CalendarApp (the runtime)', () => {
  it('keeps all-day days in a calendar of another time zone: getAllDayStartDate in the script zone, getStartTime in the calendar zone', () => {
    const { CalendarApp } = createCalendarApp(env());
    const cal = CalendarApp.createCalendar('Library', { timeZone: 'America/New_York' });
    const ev = cal.createAllDayEvent('Exhibition', day('2025-11-10'), day('2025-12-03'));
    expect(ev.getAllDayStartDate().toISOString()).toBe('2025-11-09T19:00:00.000Z'); // 10.11 00:00 Almaty
    expect(ev.getAllDayEndDate().toISOString()).toBe('2025-12-02T19:00:00.000Z'); // 03.12 00:00 Almaty
    expect(ev.getStartTime().toISOString()).toBe('2025-11-10T05:00:00.000Z'); // 10.11 00:00 New York
    // The last day is 2 December whatever the zone: getEvents finds it on that day, not on the 3rd.
    const onDay = (d: string) => cal.getEventsForDay(new Date(`${d}T12:00:00+05:00`)).length;
    expect([onDay('2025-12-02'), onDay('2025-12-03')]).toEqual([1, 0]);
    const timed = cal.createEvent('Meeting', day('2025-11-12'), new Date(day('2025-11-12').getTime() + 3_600_000));
    expect(() => timed.getAllDayStartDate()).toThrow('not an all-day event');
  });

  it('takes popup reminders from 5 minutes to 4 weeks, at most 5 an event, and removes them all', () => {
    const { CalendarApp } = createCalendarApp(env());
    const ev = CalendarApp.getDefaultCalendar().createAllDayEvent('Abai 180', day('2025-12-15'));
    expect(() => ev.addPopupReminder(4)).toThrow(REMINDER_RANGE_ERROR);
    expect(() => ev.addPopupReminder(40_321)).toThrow(REMINDER_RANGE_ERROR);
    for (const m of [5, 60, 900, 9540, 40_320]) ev.addPopupReminder(m);
    expect(() => ev.addEmailReminder(30)).toThrow(REMINDER_COUNT_ERROR);
    expect(ev.getPopupReminders()).toEqual([5, 60, 900, 9540, 40_320]);
    ev.removeAllReminders().addEmailReminder(1440);
    expect([ev.getPopupReminders(), ev.getEmailReminders()]).toEqual([[], [1440]]);
  });

  it('expands an all-day series (yearly in listed months on a day, until a day) into instances with the series id', () => {
    const { CalendarApp } = createCalendarApp(env());
    const cal = CalendarApp.createCalendar('Library');
    const rule = CalendarApp.newRecurrence()
      .addYearlyRule()
      .onlyInMonths([
        CalendarApp.Month.MAY,
        CalendarApp.Month.JUNE,
        CalendarApp.Month.AUGUST,
        CalendarApp.Month.SEPTEMBER,
      ])
      .onlyOnMonthDay(20)
      .until(day('2026-07-31'));
    const series = cal.createAllDayEventSeries('Textbooks in and out', day('2025-08-20'), rule);
    const found = cal.getEvents(day('2025-08-01'), day('2026-08-01'));
    expect(found.map((e) => e.getAllDayStartDate().toISOString().slice(0, 10))).toEqual([
      '2025-08-19', // 20.08 00:00 +05 is 19.08 19:00Z
      '2025-09-19',
      '2026-05-19',
      '2026-06-19',
    ]);
    expect(new Set(found.map((e) => e.getId()))).toEqual(new Set([series.getId()]));
    expect(found.every((e) => e.isRecurringEvent())).toBe(true);
    // Deleting one instance removes that day only; deleting the series removes them all.
    found[1].deleteEvent();
    expect(cal.getEvents(day('2025-08-01'), day('2026-08-01'))).toHaveLength(3);
    expect(() => found[0].setTitle('x')).toThrow('not modelled');
    cal.getEventSeriesById(series.getId())?.deleteEventSeries();
    expect(cal.getEvents(day('2025-08-01'), day('2026-08-01'))).toHaveLength(0);
  });

  it("counts a monthly rule's negative day from the month end, and setRecurrence moves a series", () => {
    const calendar = createCalendarApp(env());
    const { CalendarApp } = calendar;
    const cal = CalendarApp.createCalendar('Library');
    const last = CalendarApp.newRecurrence().addMonthlyRule().onlyOnMonthDay(-1).until(day('2026-03-31'));
    const series = cal.createAllDayEventSeries('Cleaning day', day('2025-11-30'), last);
    const days = () => calendar.occurrences(cal.getId(), '2025-11-01', '2026-12-31').map((o) => o.start);
    expect(days()).toEqual(['2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31']);
    series.setRecurrence(CalendarApp.newRecurrence().addMonthlyRule().onlyOnMonthDay(1).times(2), day('2026-01-01'));
    expect(days()).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('refuses a burst of creations with the "too many ... in a short time" error, creating nothing, until the window passes', () => {
    const e = env();
    const calendar = createCalendarApp(e);
    calendar.setBurstLimit(3, 60_000);
    const cal = calendar.CalendarApp.createCalendar('Library');
    e.clock.advance(61_000);
    for (let i = 0; i < 3; i++) cal.createAllDayEvent(`E${i}`, day('2025-12-01'));
    expect(() => cal.createAllDayEvent('E3', day('2025-12-01'))).toThrow(CALENDAR_BURST_ERROR);
    expect(calendar.calendars().find((c) => c.id === cal.getId())?.events).toHaveLength(3);
    e.clock.advance(60_000);
    cal.createAllDayEvent('E3', day('2025-12-01'));
    expect(calendar.eventsCreatedToday()).toBe(4);
  });

  it('makes every Calendar call that reaches Google take the latency on the clock, not the getters of an event in hand', () => {
    const e = env();
    const calendar = createCalendarApp(e);
    calendar.setLatency(500);
    const before = e.clock.nowMillis();
    const ev = calendar.CalendarApp.getDefaultCalendar().createAllDayEvent('x', day('2025-12-01'));
    ev.getTitle();
    ev.getTag('k');
    ev.setTag('k', 'v');
    expect(e.clock.nowMillis() - before).toBe(1500); // getDefaultCalendar, createAllDayEvent, setTag
  });

  it('exports a series with its RRULE and reminders as VALARMs (.ics)', () => {
    const calendar = createCalendarApp(env());
    const { CalendarApp } = calendar;
    const cal = CalendarApp.createCalendar('Library');
    cal
      .createAllDayEventSeries(
        'Debtors',
        day('2025-09-01'),
        CalendarApp.newRecurrence().addMonthlyRule().until(day('2026-07-31')),
      )
      .addPopupReminder(900);
    const ics = calendar.toIcs(cal.getId());
    expect(ics).toContain(
      'DTSTART;VALUE=DATE:20250901\r\nDTEND;VALUE=DATE:20250902\r\nRRULE:FREQ=MONTHLY;UNTIL=20260731\r\n',
    );
    expect(ics).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT900M\r\n');
  });

  it('keeps its calendars across a restart (snapshot, JSON, restore), and new ids stay new', () => {
    const first = createCalendarApp(env());
    const cal = first.CalendarApp.createCalendar('Library', { timeZone: 'Europe/London' });
    const ev = cal.createAllDayEvent('Abai 180', day('2025-09-08')).setTag('libraryKey', 'EV-00000001');
    ev.addPopupReminder(900);
    cal.createAllDayEventSeries(
      'Debtors',
      day('2025-09-01'),
      first.CalendarApp.newRecurrence().addMonthlyRule().times(3),
    );
    const second = createCalendarApp(env());
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect(second.calendars()).toEqual(first.calendars());
    const again = second.CalendarApp.getCalendarById(cal.getId());
    expect(again?.getEventById(ev.getId())?.getTag('libraryKey')).toBe('EV-00000001');
    const made = again?.createAllDayEvent('New', day('2025-10-01'));
    expect(first.calendars()[1].events.map((e) => e.id)).not.toContain(made?.getId());
    expect(second.CalendarApp.getDefaultCalendar().getId()).toBe('librarian@example.com');
  });
});
