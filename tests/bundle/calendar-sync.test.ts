/**
 * The plan's named days into Google Calendar, on the built bundle in the runtime: the seed's table
 * pasted as it stands, synced, corrected, synced again; edits, deletions and hand-made events; the
 * calendar's own time zone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import {
  calendarLibrary,
  calendarWrites,
  eventsOf,
  importPlan,
  libraryCalendar,
  PLAN_NAMED_DAYS,
  setSetting,
  settingOf,
  sheetWrites,
} from '../support/calendar';
import { columnOf, lastAlert, rowsOf, sheetOf } from '../support/library';

/** The dated rows of the seed's table, read independently: [item, title, written date]. */
const SEED_ROWS = PLAN_NAMED_DAYS.split('\n')
  .map((l) => l.split('|').map((c) => c.trim()))
  .filter((c) => /^\d+$/.test(c[0]) && /^\d{2}\.\d{2}/.test(c[2] ?? ''))
  .map((c) => ({ item: Number(c[0]), title: c[1], written: c[2] }));

const day = (d: Date) => new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

describe('the seed plan into Google Calendar', () => {
  let rt: Runtime;

  beforeAll(() => {
    rt = calendarLibrary();
  });

  it('reads the 22 dated rows of the pasted table (headings, header row and «Резерв» skipped)', () => {
    expect(SEED_ROWS).toHaveLength(22);
    const reply = importPlan(rt, PLAN_NAMED_DAYS);
    expect(reply.ok).toBe(true);
    expect(reply.message).toBe(t('kk', 'calendar.import.done', { added: 22, flagged: 2, known: 0, undated: 2 }));
    const rows = rowsOf(rt, 'events');
    expect(rows.map((r) => r.title)).toEqual(SEED_ROWS.map((r) => r.title));
  });

  it('syncs 20 events, flags the two dated 2025 with the same day and month of 2026, and makes item 12 end on 2 December', () => {
    rt.call('calendarSyncNow');
    const events = eventsOf(rt, 'EV');
    expect(events).toHaveLength(20);
    const rows = rowsOf(rt, 'events');
    const flagged = rows.filter((r) => r.sync === t('kk', 'enum.syncState.flagged'));
    expect(flagged.map((r) => r.title)).toEqual(['«Шын жүректен кітап сыйла»', 'Бейбіт жасасын әлемде']);
    expect(flagged.map((r) => day(r.suggested as Date))).toEqual(['2026-02-02', '2026-05-04']);
    expect(String(flagged[0].syncNote)).toContain('02.02.2026');
    // Every other row is in the calendar, under its key, with its id on the row.
    for (const r of rows.filter((x) => !flagged.includes(x))) {
      expect(r.sync).toBe(t('kk', 'enum.syncState.synced'));
      const ev = events.find((e) => e.id === r.calendarId);
      expect(ev?.tags.libraryKey).toBe(r.key);
      expect(ev?.title).toBe(r.title);
    }
    const range = events.find((e) => e.title === 'Ең көп оқитын Отбасы');
    expect([range?.startDate, range?.endDate]).toEqual(['2025-11-10', '2025-12-03']);
    // Reminders a week and a day before, at 9:00.
    expect(range?.popupReminders).toEqual([7 * 1440 - 540, 1440 - 540]);
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.flagged', { count: 2, rows: '' }).split(':')[0]);
    expect(String(settingOf(rt, 'calendarId'))).toBe(libraryCalendar(rt).id);
  });

  it('accepts the suggested dates with one action, and the next sync adds them: 22 events', () => {
    rt.call('calendarAcceptSuggestions');
    expect(lastAlert(rt)).toBe(t('kk', 'calendar.accept.done', { dates: 2, proposals: 0 }));
    rt.call('calendarSyncNow');
    const events = eventsOf(rt, 'EV');
    expect(events).toHaveLength(22);
    expect(
      events
        .filter((e) => ['«Шын жүректен кітап сыйла»', 'Бейбіт жасасын әлемде'].includes(e.title))
        .map((e) => e.startDate),
    ).toEqual(['2026-02-02', '2026-05-04']);
    expect(rowsOf(rt, 'events').every((r) => r.sync === t('kk', 'enum.syncState.synced'))).toBe(true);
  });

  it('a second sync makes no calendar write and no sheet write', () => {
    rt.counters.reset();
    rt.call('calendarSyncNow');
    expect(calendarWrites(rt)).toEqual({});
    expect(sheetWrites(rt)).toEqual({});
  });

  it('an edited row changes only that field of its event, a deleted row removes only its event, a hand-made event stays', () => {
    const id = String(settingOf(rt, 'calendarId'));
    const handMade = rt.calendar.CalendarApp.getCalendarById(id)?.createAllDayEvent(
      'Ата-аналар жиналысы (қолмен)',
      new Date('2025-12-05T00:00:00+05:00'),
    );
    const before = new Map(libraryCalendar(rt).events.map((e) => [e.id, e.lastUpdated.getTime()]));
    const rows = rowsOf(rt, 'events');
    const sheet = sheetOf(rt, 'events').getName();
    // The librarian renames item 5 and deletes the row of item 7.
    const renamed = rows.findIndex((r) => String(r.note).includes('5-тармақ'));
    rt.userEdit(sheet, renamed + 2, columnOf(rt, 'events', 'title') + 1, [['Мәлік Ғабдуллин — 110 жыл']]);
    const gone = rows.findIndex((r) => String(r.note).includes('7-тармақ'));
    sheetOf(rt, 'events').deleteRow(gone + 2);
    rt.userChange('REMOVE_ROW');
    rt.clock.advance(60_000);
    rt.counters.reset();
    rt.call('calendarSyncNow');
    expect(calendarWrites(rt)).toEqual({ 'CalendarEvent.setTitle': 1, 'CalendarEvent.deleteEvent': 1 });
    const after = libraryCalendar(rt).events;
    expect(after.find((e) => e.id === rows[renamed].calendarId)?.title).toBe('Мәлік Ғабдуллин — 110 жыл');
    expect(after.some((e) => e.id === rows[gone].calendarId)).toBe(false);
    expect(after.some((e) => e.id === handMade?.getId())).toBe(true);
    // Nothing else was touched.
    const touched = after.filter((e) => before.get(e.id) !== e.lastUpdated.getTime()).map((e) => e.id);
    expect(touched).toEqual([rows[renamed].calendarId]);
    expect(eventsOf(rt, 'EV')).toHaveLength(21);
  });

  it('a moved date changes only the days of its event (a range ending on the 5th ends on the 6th, exclusive)', () => {
    const rows = rowsOf(rt, 'events');
    const i = rows.findIndex((r) => r.title === 'Ең көп оқитын Отбасы');
    rt.userEdit(sheetOf(rt, 'events').getName(), i + 2, columnOf(rt, 'events', 'endDate') + 1, [['05.12.2025']]);
    rt.counters.reset();
    rt.call('calendarSyncNow');
    expect(calendarWrites(rt)).toEqual({ 'CalendarEvent.setAllDayDates': 1 });
    const ev = libraryCalendar(rt).events.find((e) => e.id === rows[i].calendarId);
    expect([ev?.startDate, ev?.endDate]).toEqual(['2025-11-10', '2025-12-06']);
  });
});

describe('a library calendar in another time zone', () => {
  it.each(['America/New_York', 'Pacific/Kiritimati'])(
    'keeps every event on its day in a calendar of %s, and a second sync writes nothing',
    (zone) => {
      const rt = calendarLibrary();
      const cal = rt.calendar.CalendarApp.createCalendar('Кітапхана', { timeZone: zone });
      setSetting(rt, 'calendarId', cal.getId());
      importPlan(rt, PLAN_NAMED_DAYS);
      rt.call('calendarSyncNow');
      const byKey = new Map(eventsOf(rt, 'EV').map((e) => [e.tags.libraryKey, e]));
      const rows = rowsOf(rt, 'events').filter((r) => r.sync === t('kk', 'enum.syncState.synced'));
      expect(rows).toHaveLength(20);
      for (const r of rows) {
        const ev = byKey.get(String(r.key));
        expect(ev?.startDate, String(r.title)).toBe(day(r.date as Date));
        // The calendar's own midnight bounds it, in its zone.
        expect(ev?.start.getTime()).not.toBe((r.date as Date).getTime());
      }
      rt.counters.reset();
      rt.call('calendarSyncNow');
      expect(calendarWrites(rt)).toEqual({});
    },
  );
});

describe('an event deleted by hand in Google Calendar', () => {
  function deletedByHand(): { rt: Runtime; row: Record<string, unknown> } {
    const rt = calendarLibrary();
    importPlan(rt, PLAN_NAMED_DAYS);
    rt.call('calendarSyncNow');
    const row = rowsOf(rt, 'events')[1];
    const cal = rt.calendar.CalendarApp.getCalendarById(String(settingOf(rt, 'calendarId')));
    cal?.getEventById(String(row.calendarId))?.deleteEvent();
    return { rt, row };
  }

  it('is reported on its row by default, and made again when the librarian sets the row to waiting', () => {
    const { rt, row } = deletedByHand();
    rt.call('calendarSyncNow');
    const after = rowsOf(rt, 'events')[1];
    expect([after.sync, after.calendarId]).toEqual([t('kk', 'enum.syncState.missing'), row.calendarId]);
    expect(String(after.syncNote)).toContain(t('kk', 'enum.syncState.waiting'));
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.missing', { count: 1, rows: `3: ${row.title}` }));
    expect(eventsOf(rt, 'EV')).toHaveLength(19);
    // Reported once: the next sync writes nothing.
    rt.counters.reset();
    rt.call('calendarSyncNow');
    expect([calendarWrites(rt), sheetWrites(rt)]).toEqual([{}, {}]);
    rt.userEdit(sheetOf(rt, 'events').getName(), 3, columnOf(rt, 'events', 'sync') + 1, [
      [t('kk', 'enum.syncState.waiting')],
    ]);
    rt.call('calendarSyncNow');
    expect(eventsOf(rt, 'EV').filter((e) => e.title === row.title)).toHaveLength(1);
    expect(rowsOf(rt, 'events')[1].sync).toBe(t('kk', 'enum.syncState.synced'));
  });

  it('is made again at once when the setting says so', () => {
    const { rt, row } = deletedByHand();
    setSetting(rt, 'calendarMissingEvents', 'recreate');
    rt.call('calendarSyncNow');
    const after = rowsOf(rt, 'events')[1];
    expect(after.sync).toBe(t('kk', 'enum.syncState.synced'));
    expect(after.calendarId).not.toBe(row.calendarId);
    expect(after.syncNote).toBe(t('kk', 'calendar.row.recreated'));
    expect(eventsOf(rt, 'EV').filter((e) => e.title === row.title)).toHaveLength(1);
  });
});

describe("the plan's duties and the closed days", () => {
  it('puts each duty in as one recurring event over the plan year, and the closed days when Settings ask', () => {
    const rt = calendarLibrary();
    setSetting(rt, 'calendarClosedDays', 'TRUE');
    rt.call('calendarSyncNow');
    const duties = eventsOf(rt, 'DU');
    expect(duties).toHaveLength(8);
    expect(duties.every((e) => e.recurrence !== null)).toBe(true);
    const cal = libraryCalendar(rt);
    const days = (title: string) =>
      rt.calendar
        .occurrences(cal.id, '2025-08-01', '2026-07-31')
        .filter((o) => o.title === title)
        .map((o) => o.start);
    expect(days(t('kk', 'duty.textbookIssue'))).toEqual(['2025-08-20', '2025-09-20', '2026-05-20', '2026-06-20']);
    expect(days(t('kk', 'duty.debtors'))).toHaveLength(12);
    // The closed days of the sheet in the plan year, and the cleaning days as one series.
    const closed = eventsOf(rt, 'CL');
    const holidays = rowsOf(rt, 'schedule').filter(
      (r) => day(r.from as Date) >= '2025-08-01' && day(r.from as Date) <= '2026-07-31',
    );
    expect(closed).toHaveLength(holidays.length + 1);
    expect(days(t('kk', 'calendar.closed.cleaning'))).toHaveLength(12);
    expect(days(t('kk', 'calendar.closed.cleaning'))[6]).toBe('2026-02-28');
    // The setting turned off takes them out again, and only them.
    setSetting(rt, 'calendarClosedDays', 'FALSE');
    rt.call('calendarSyncNow');
    expect(eventsOf(rt, 'CL')).toEqual([]);
    expect(eventsOf(rt, 'DU')).toHaveLength(8);
  });

  it('changes a duty edited on its sheet: new months, the series recurs anew', () => {
    const rt = calendarLibrary();
    rt.call('calendarSyncNow');
    const i = rowsOf(rt, 'duties').findIndex((r) => r.duty === t('kk', 'duty.writeOff'));
    rt.userEdit(sheetOf(rt, 'duties').getName(), i + 2, columnOf(rt, 'duties', 'months') + 1, [['10-12']]);
    rt.counters.reset();
    rt.call('calendarSyncNow');
    expect(calendarWrites(rt)).toEqual({ 'CalendarEventSeries.setRecurrence': 1 });
    const cal = libraryCalendar(rt);
    const starts = rt.calendar
      .occurrences(cal.id, '2025-08-01', '2026-07-31')
      .filter((o) => o.title === t('kk', 'duty.writeOff'))
      .map((o) => o.start);
    expect(starts).toEqual(['2025-10-10', '2025-11-10', '2025-12-10']);
  });
});

describe('many rows deleted at once', () => {
  it('asks before removing more than ten events (No keeps them), and a trigger run keeps them and says so', () => {
    const rt = calendarLibrary();
    importPlan(rt, PLAN_NAMED_DAYS);
    rt.call('calendarSyncNow');
    const sheet = sheetOf(rt, 'events');
    sheet.deleteRows(2, 12);
    rt.userChange('REMOVE_ROW');
    rt.ui.queueResponse({ button: 'NO' });
    rt.call('calendarSyncNow');
    const asked = rt.ui.log.filter((d) => d.kind === 'alert' && d.buttons === 'YES_NO');
    expect(asked.map((d) => ('message' in d ? d.message : ''))).toEqual([
      t('kk', 'calendar.sync.strays', { count: 12 }),
    ]);
    expect(eventsOf(rt, 'EV')).toHaveLength(20);
    expect(lastAlert(rt)).toContain(t('kk', 'calendar.sync.straysKept', { count: 12 }));
    // The weekly run keeps them too.
    rt.fireTriggers(new Date('2025-12-01T08:00:00+05:00'));
    expect(eventsOf(rt, 'EV')).toHaveLength(20);
    rt.ui.queueResponse({ button: 'YES' });
    rt.call('calendarSyncNow');
    // Left: the events of the rows still there (the 10 rows below, but for the 2 to check).
    const left = rowsOf(rt, 'events').filter((r) => r.sync === t('kk', 'enum.syncState.synced'));
    expect(left).toHaveLength(8);
    expect(
      eventsOf(rt, 'EV')
        .map((e) => e.id)
        .sort(),
    ).toEqual(left.map((r) => String(r.calendarId)).sort());
  });
});
