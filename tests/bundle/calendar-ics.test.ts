/**
 * The library's calendar as .ics (the playground's download), read by an independent parser (ical.js,
 * as calendar programs read it): every event and every instance of every series in the plan year,
 * with its days and reminders, equals what CalendarApp shows of the calendar.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarLibrary, importPlan, PLAN_NAMED_DAYS, setSetting, settingOf } from '../support/calendar';

type Occ = { title: string; start: string; end: string; reminders: string };

describe('the .ics export', () => {
  it("parses with ical.js, and its events (series expanded) equal the calendar's over the plan year", () => {
    const rt = calendarLibrary();
    setSetting(rt, 'calendarClosedDays', 'TRUE');
    importPlan(rt, PLAN_NAMED_DAYS);
    rt.call('calendarAcceptSuggestions');
    rt.call('calendarSyncNow');
    const id = String(settingOf(rt, 'calendarId'));
    const ics = rt.calendar.toIcs(id);

    // What the calendar holds, as CalendarApp shows it: every instance in the plan year.
    const cal = rt.calendar.CalendarApp.getCalendarById(id);
    if (!cal) throw new Error('no calendar');
    const day = (d: Date) => new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    const shown: Occ[] = cal
      .getEvents(new Date('2025-08-01T00:00:00+05:00'), new Date('2026-08-01T00:00:00+05:00'))
      .map((e) => ({
        title: e.getTitle(),
        start: day(e.getAllDayStartDate()),
        end: day(e.getAllDayEndDate()),
        reminders: e.getPopupReminders().join(','),
      }));

    // The same read from the .ics by ical.js.
    const root = new ICAL.Component(ICAL.parse(ics));
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe(cal.getName());
    const last = ICAL.Time.fromDateString('2026-07-31');
    const parsed: Occ[] = [];
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const ev = new ICAL.Event(vevent);
      const reminders = vevent
        .getAllSubcomponents('valarm')
        .map((a) => -(a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 60)
        .join(',');
      const days = ev.duration.toSeconds() / 86_400;
      const starts: ICAL.Time[] = [];
      if (ev.isRecurring()) {
        const it = ev.iterator();
        for (let next = it.next(); next && next.compare(last) <= 0; next = it.next()) starts.push(next);
      } else starts.push(ev.startDate);
      for (const s of starts) {
        expect(s.isDate).toBe(true);
        const end = s.clone();
        end.addDuration(ICAL.Duration.fromSeconds(days * 86_400));
        parsed.push({ title: ev.summary, start: s.toString(), end: end.toString(), reminders });
      }
    }
    const order = (a: Occ, b: Occ) => `${a.start}${a.title}`.localeCompare(`${b.start}${b.title}`);
    expect(parsed.length).toBeGreaterThan(22 + 8 * 2);
    expect([...parsed].sort(order)).toEqual([...shown].sort(order));
    // The range of item 12 ends on 2 December: DTEND (exclusive) is the 3rd.
    expect(parsed.find((o) => o.title === 'Ең көп оқитын Отбасы')).toMatchObject({
      start: '2025-11-10',
      end: '2025-12-03',
    });
  });
});
