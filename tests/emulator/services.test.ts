import { describe, expect, it } from 'vitest';
import { createCacheService } from '../../emulator/cache';
import { createCalendarApp } from '../../emulator/calendar';
import { createEnv, type Env, GasException } from '../../emulator/core';
import { createHtmlService } from '../../emulator/html';
import { createLockService, LOCK_TIMEOUT_ERROR } from '../../emulator/lock';
import { createMailApp } from '../../emulator/mail';
import { createPropertiesService, PROPERTY_QUOTA_ERROR } from '../../emulator/properties';
import { createUi } from '../../emulator/ui';

function makeEnv(now = new Date('2024-05-10T06:00:00Z'), timeZone = 'Asia/Almaty'): Env {
  return createEnv({ now, timeZone });
}
const HOUR = 3_600_000;

describe('MailApp', () => {
  it('records sent mail in the outbox with every recipient list split (MailApp.sendEmail)', () => {
    const env = makeEnv();
    const { MailApp, outbox } = createMailApp(env);
    MailApp.sendEmail('a@school.kz, B <b@school.kz>', 'Overdue', 'Please return', {
      cc: 'c@school.kz',
      name: 'Library',
    });
    MailApp.sendEmail({ to: 'd@school.kz', subject: 'Hi', htmlBody: '<b>x</b>', replyTo: 'lib@school.kz' });
    expect(outbox).toHaveLength(2);
    expect(outbox[0]).toMatchObject({
      to: ['a@school.kz', 'b@school.kz'],
      cc: ['c@school.kz'],
      bcc: [],
      subject: 'Overdue',
    });
    expect(outbox[0].name).toBe('Library');
    expect(outbox[0].sentAt.toISOString()).toBe('2024-05-10T06:00:00.000Z');
    expect(outbox[1]).toMatchObject({ to: ['d@school.kz'], body: '', htmlBody: '<b>x</b>', replyTo: 'lib@school.kz' });
    expect(env.counters.count('MailApp.sendEmail')).toBe(2);
  });

  it('counts the daily quota per recipient over to+cc+bcc (MailApp.getRemainingDailyQuota)', () => {
    const { MailApp } = createMailApp(makeEnv());
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    MailApp.sendEmail({ to: 'a@x.kz,b@x.kz', cc: 'c@x.kz', bcc: 'd@x.kz', subject: 's', body: 'b' });
    expect(MailApp.getRemainingDailyQuota()).toBe(96);
  });

  it('throws "Service invoked too many times for one day: email." past the quota and records nothing (MailApp quota)', () => {
    const env = makeEnv();
    const mail = createMailApp(env, { quota: 3 });
    mail.MailApp.sendEmail('a@x.kz,b@x.kz', 's', 'b');
    expect(() => mail.MailApp.sendEmail('c@x.kz,d@x.kz', 's', 'b')).toThrow(
      new GasException('Service invoked too many times for one day: email.'),
    );
    expect(mail.outbox).toHaveLength(1);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(1);
    mail.MailApp.sendEmail('c@x.kz', 's', 'b');
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(0);
  });

  it("counts the account's other mail against the same daily quota, so a send can meet the quota error partway (MailApp quota per account)", () => {
    const env = makeEnv();
    const mail = createMailApp(env, { quota: 5 });
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(5);
    mail.MailApp.sendEmail('a@x.kz', 's', 'b');
    // Another script of the account sends to three people meanwhile.
    mail.spendElsewhere(3);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(1);
    mail.MailApp.sendEmail('b@x.kz', 's', 'b');
    expect(() => mail.MailApp.sendEmail('c@x.kz', 's', 'b')).toThrow(
      new GasException('Service invoked too many times for one day: email.'),
    );
    expect(mail.outbox.map((m) => m.to[0])).toEqual(['a@x.kz', 'b@x.kz']);
    expect(mail.used()).toBe(5);
    // The day's window opened with the first send; it closes 24 hours later for the other mail too.
    env.clock.advance(24 * HOUR);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(5);
  });

  it('resets the quota 24 hours after the first counted send (quotas page: "reset 24 hours after the first request")', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const mail = createMailApp(env, { quota: 2 });
    mail.MailApp.sendEmail('a@x.kz', 's', 'b');
    env.clock.advance(20 * HOUR);
    mail.MailApp.sendEmail('b@x.kz', 's', 'b');
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(4 * HOUR - 1);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(1);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(2);
  });

  it('optionally resets at midnight Pacific time (the older reset rule, reset: "midnight")', () => {
    // 2024-05-10T06:59Z is 23:59 PDT on May 9.
    const env = makeEnv(new Date('2024-05-10T06:58:00Z'));
    const mail = createMailApp(env, { quota: 1, reset: 'midnight' });
    mail.MailApp.sendEmail('a@x.kz', 's', 'b');
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(2 * 60_000); // 00:00 PDT
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(1);
  });

  it('rejects a bad address with "Invalid email: <address>" and nothing is sent (MailApp.sendEmail)', () => {
    const mail = createMailApp(makeEnv());
    expect(() => mail.MailApp.sendEmail('good@x.kz, not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
    expect(() => mail.MailApp.sendEmail({ to: 'a@x.kz', cc: 'bad@', subject: 's', body: '' })).toThrow(
      'Invalid email: bad@',
    );
    expect(() => mail.MailApp.sendEmail('', 's', 'b')).toThrow('Failed to send email: no recipient');
    expect(mail.outbox).toHaveLength(0);
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  it('refuses more than 50 recipients in one message (Limit Exceeded: Email Recipients Per Message.)', () => {
    const mail = createMailApp(makeEnv());
    const to = Array.from({ length: 51 }, (_, i) => `u${i}@x.kz`).join(',');
    expect(() => mail.MailApp.sendEmail(to, 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(mail.outbox).toHaveLength(0);
  });

  it('supports the (recipient, replyTo, subject, body) overload (MailApp.sendEmail 4 strings)', () => {
    const mail = createMailApp(makeEnv());
    mail.MailApp.sendEmail('a@x.kz', 'desk@x.kz', 'Subject', 'Body');
    expect(mail.outbox[0]).toMatchObject({ to: ['a@x.kz'], replyTo: 'desk@x.kz', subject: 'Subject', body: 'Body' });
  });
});

describe('CalendarApp', () => {
  it('finds calendars by id (null when absent) and by name, case-insensitively (CalendarApp.getCalendarById/ByName)', () => {
    const env = makeEnv();
    const { CalendarApp } = createCalendarApp(env);
    const cal = CalendarApp.createCalendar('Library Due Dates');
    expect(CalendarApp.getCalendarById(cal.getId())?.getName()).toBe('Library Due Dates');
    expect(CalendarApp.getCalendarById('nope@group.calendar.google.com')).toBeNull();
    expect(CalendarApp.getCalendarsByName('library due dates').map((c) => c.getId())).toEqual([cal.getId()]);
    expect(CalendarApp.getDefaultCalendar().getId()).toBe('librarian@example.com');
    expect(CalendarApp.getOwnedCalendarById(cal.getId())?.getId()).toBe(cal.getId());
    cal.deleteCalendar();
    expect(CalendarApp.getCalendarById(cal.getId())).toBeNull();
  });

  it('makes a one-day all-day event in the script time zone, end exclusive (Calendar.createAllDayEvent)', () => {
    const env = makeEnv();
    const { CalendarApp } = createCalendarApp(env);
    const cal = CalendarApp.getDefaultCalendar();
    // 2024-05-19T20:00Z is already May 20 in Almaty (+05).
    const ev = cal.createAllDayEvent('Return: Abai', new Date('2024-05-19T20:00:00Z'), { description: 'row 7' });
    expect(ev.isAllDayEvent()).toBe(true);
    expect(ev.getAllDayStartDate().toISOString()).toBe('2024-05-19T19:00:00.000Z'); // May 20 00:00 +05
    expect(ev.getAllDayEndDate().toISOString()).toBe('2024-05-20T19:00:00.000Z'); // May 21 00:00 +05
    expect(ev.getDescription()).toBe('row 7');
    expect(cal.getEventsForDay(new Date('2024-05-20T06:00:00Z')).map((e) => e.getId())).toEqual([ev.getId()]);
    expect(cal.getEventsForDay(new Date('2024-05-21T06:00:00Z'))).toEqual([]);
  });

  it('treats the end date of a multi-day all-day event as exclusive (createAllDayEvent(title, start, end))', () => {
    const { CalendarApp } = createCalendarApp(makeEnv());
    const cal = CalendarApp.getDefaultCalendar();
    const ev = cal.createAllDayEvent('Inventory', new Date('2024-05-20T04:00:00Z'), new Date('2024-05-22T04:00:00Z'));
    const days = ['2024-05-20', '2024-05-21', '2024-05-22'].map(
      (d) => cal.getEventsForDay(new Date(`${d}T06:00:00Z`)).length,
    );
    expect(days).toEqual([1, 1, 0]);
    expect(ev.getAllDayEndDate().toISOString()).toBe('2024-05-21T19:00:00.000Z');
    expect(() =>
      cal.createAllDayEvent('x', new Date('2024-05-22T04:00:00Z'), new Date('2024-05-22T05:00:00Z')),
    ).toThrow('Event start date must be before event end date.');
  });

  it('returns events overlapping the range, in start order (Calendar.getEvents)', () => {
    const { CalendarApp } = createCalendarApp(makeEnv());
    const cal = CalendarApp.getDefaultCalendar();
    const t = (h: number) => new Date(Date.UTC(2024, 4, 20, h));
    const late = cal.createEvent('late', t(10), t(12));
    const early = cal.createEvent('early', t(4), t(6), { location: 'Room 1' });
    cal.createEvent('far', t(20), t(21));
    expect(cal.getEvents(t(5), t(11)).map((e) => e.getTitle())).toEqual(['early', 'late']);
    expect(cal.getEvents(t(6), t(10)).map((e) => e.getTitle())).toEqual([]);
    expect(early.getLocation()).toBe('Room 1');
    expect(cal.getEventById(late.getId())?.getTitle()).toBe('late');
    late.deleteEvent();
    expect(cal.getEvents(t(0), t(23)).map((e) => e.getTitle())).toEqual(['early', 'far']);
    expect(cal.getEventById(late.getId())).toBeNull();
  });

  it('keeps tags: getTag is null when absent, deleteTag removes (CalendarEvent.setTag/getTag/getAllTagKeys)', () => {
    const { CalendarApp } = createCalendarApp(makeEnv());
    const ev = CalendarApp.getDefaultCalendar().createAllDayEvent('x', new Date('2024-05-20T04:00:00Z'));
    expect(ev.getTag('loanId')).toBeNull();
    ev.setTag('loanId', 'L-17').setTag('copy', '3');
    expect(ev.getTag('loanId')).toBe('L-17');
    expect(ev.getAllTagKeys()).toEqual(['loanId', 'copy']);
    ev.deleteTag('copy');
    expect(ev.getAllTagKeys()).toEqual(['loanId']);
    ev.setTitle('y').setDescription('d');
    expect([ev.getTitle(), ev.getDescription()]).toEqual(['y', 'd']);
  });

  it('throws "Service invoked too many times for one day: calendar." past the daily creation quota (Calendar quota)', () => {
    const env = makeEnv();
    const calendar = createCalendarApp(env, { eventQuota: 2 });
    const cal = calendar.CalendarApp.getDefaultCalendar();
    cal.createAllDayEvent('1', new Date());
    cal.createAllDayEvent('2', new Date());
    expect(() => cal.createAllDayEvent('3', new Date())).toThrow(
      'Service invoked too many times for one day: calendar.',
    );
    expect(calendar.calendars()[0].events).toHaveLength(2);
    env.clock.advance(24 * HOUR);
    cal.createAllDayEvent('3', new Date());
    expect(calendar.eventsCreatedToday()).toBe(1);
  });

  it('exports all-day events as VALUE=DATE in .ics and lists plain data (handle toIcs/calendars)', () => {
    const calendar = createCalendarApp(makeEnv());
    const cal = calendar.CalendarApp.getDefaultCalendar();
    cal.createAllDayEvent('Return; "Abai", vol. 1', new Date('2024-05-20T04:00:00Z'), { description: 'line1\nline2' });
    cal.createEvent('Club', new Date('2024-05-21T10:00:00Z'), new Date('2024-05-21T11:30:00Z'));
    const ics = calendar.toIcs(cal.getId());
    expect(ics).toContain('DTSTART;VALUE=DATE:20240520\r\nDTEND;VALUE=DATE:20240521\r\n');
    expect(ics).toContain('SUMMARY:Return\\; "Abai"\\, vol. 1\r\n');
    expect(ics).toContain('DESCRIPTION:line1\\nline2\r\n');
    expect(ics).toContain('DTSTART:20240521T100000Z\r\nDTEND:20240521T113000Z\r\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const data = calendar.calendars()[0];
    expect(data.events.map((e) => [e.title, e.allDay, e.startDate, e.endDate])).toEqual([
      ['Return; "Abai", vol. 1', true, '2024-05-20', '2024-05-21'],
      ['Club', false, null, null],
    ]);
  });
});

describe('PropertiesService', () => {
  it('stores strings, returns null when absent and chains setters (Properties.getProperty/setProperty)', () => {
    const env = makeEnv();
    const { PropertiesService } = createPropertiesService(env);
    const p = PropertiesService.getScriptProperties();
    expect(p.getProperty('x')).toBeNull();
    expect(p.setProperty('n', 42).setProperty('b', true)).toBe(p);
    expect(PropertiesService.getScriptProperties().getProperty('n')).toBe('42');
    expect(p.getProperties()).toEqual({ n: '42', b: 'true' });
    expect(p.getKeys()).toEqual(['n', 'b']);
    p.deleteProperty('n');
    expect(p.getKeys()).toEqual(['b']);
    expect(PropertiesService.getDocumentProperties().getKeys()).toEqual([]);
    expect(env.counters.count('Properties.setProperty')).toBe(2);
  });

  it('setProperties merges, or replaces everything with deleteAllOthers (Properties.setProperties)', () => {
    const { PropertiesService } = createPropertiesService(makeEnv());
    const p = PropertiesService.getUserProperties();
    p.setProperties({ a: 1, b: 2 });
    p.setProperties({ c: 3 });
    expect(p.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    p.setProperties({ d: 4 }, true);
    expect(p.getProperties()).toEqual({ d: '4' });
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('refuses a value over 9 KB with the storage-quota text and stores nothing (Properties value size limit)', () => {
    const { PropertiesService } = createPropertiesService(makeEnv());
    const p = PropertiesService.getScriptProperties();
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(new GasException(PROPERTY_QUOTA_ERROR));
    expect(p.getProperty('big')).toBeNull();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(p.getProperty('ok')).toHaveLength(9216);
  });

  it('refuses to grow a store past 500 KB and keeps it as it was (Properties total storage limit)', () => {
    const props = createPropertiesService(makeEnv());
    const p = props.PropertiesService.getScriptProperties();
    let n = 0;
    expect(() => {
      for (;;) p.setProperty(`k${n++}`, 'y'.repeat(9000));
    }).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(n).toBeGreaterThan(55);
    expect(n).toBeLessThan(58);
    expect(p.getKeys()).toHaveLength(n - 1);
    expect(() => p.setProperties({ a: 'z'.repeat(9000), b: 'z'.repeat(9000) })).toThrow(PROPERTY_QUOTA_ERROR);
    expect(p.getProperty('a')).toBeNull();
    expect(props.size('script')).toBeLessThanOrEqual(500 * 1024);
  });
});

describe('LockService', () => {
  it('tryLock succeeds when free and is re-entrant within one execution (Lock.tryLock/hasLock)', () => {
    const env = makeEnv();
    const { LockService } = createLockService(env);
    const lock = LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('a lock taken twice in one execution is freed by one releaseLock, not counted (Lock.tryLock/releaseLock)', () => {
    const env = makeEnv();
    const locks = createLockService(env);
    locks.runExecution(() => {
      const outer = locks.LockService.getDocumentLock();
      const inner = locks.LockService.getDocumentLock();
      expect(outer.tryLock(1000)).toBe(true);
      // Taking it again in the same execution succeeds at once (no wait, no second holder)...
      const start = env.clock.nowMillis();
      expect(inner.tryLock(1000)).toBe(true);
      expect(env.clock.nowMillis()).toBe(start);
      expect(locks.state('document')).toBe(`execution:${locks.currentExecution()}`);
      // ...and the first releaseLock, whichever object calls it, lets it go: Lock keeps no count.
      inner.releaseLock();
      expect(locks.state('document')).toBe('none');
      expect(outer.hasLock()).toBe(false);
      expect(inner.hasLock()).toBe(false);
      // Another execution can take it now, while the first is still running.
      locks.runExecution(() => expect(locks.LockService.getDocumentLock().tryLock(0)).toBe(true));
    });
  });

  it('tryLock returns false after waiting its timeout while another process holds the lock (Lock.tryLock)', () => {
    const env = makeEnv();
    const locks = createLockService(env);
    locks.holdByOther('script');
    const start = env.clock.nowMillis();
    expect(locks.LockService.getScriptLock().tryLock(5000)).toBe(false);
    expect(env.clock.nowMillis() - start).toBe(5000);
    expect(locks.LockService.getDocumentLock().tryLock(0)).toBe(true);
    locks.releaseOther('script');
    expect(locks.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  it('waitLock throws "Lock timeout: another process was holding the lock for too long." when another execution holds the lock (LockService.Lock.waitLock)', () => {
    const env = makeEnv();
    const locks = createLockService(env);
    locks.runExecution(() => {
      expect(locks.LockService.getScriptLock().tryLock(100)).toBe(true);
      // A second execution (another user's menu click) runs while the first holds the lock.
      locks.runExecution(() => {
        const second = locks.LockService.getScriptLock();
        expect(second.tryLock(3000)).toBe(false);
        expect(() => second.waitLock(3000)).toThrow(new GasException(LOCK_TIMEOUT_ERROR));
        expect(second.hasLock()).toBe(false);
      });
    });
    // The first execution ended, and with it its lock.
    expect(locks.state('script')).toBe('none');
  });

  it('acquires once the other holder lets go within the timeout, advancing the clock to that moment (Lock.waitLock)', () => {
    const env = makeEnv();
    const locks = createLockService(env);
    const start = env.clock.nowMillis();
    locks.holdByOther('document', start + 2000);
    const seen: string[] = [];
    locks.onAcquire((kind) => seen.push(kind));
    locks.LockService.getDocumentLock().waitLock(10_000);
    expect(env.clock.nowMillis() - start).toBe(2000);
    expect(seen).toEqual(['document']);
    expect(locks.state('document')).toMatch(/^execution:/);
  });
});

describe('CacheService', () => {
  it('expires entries by the runtime clock, 600 s by default (Cache.put/get)', () => {
    const env = makeEnv();
    const { CacheService } = createCacheService(env);
    const cache = CacheService.getScriptCache();
    cache.put('a', 'x');
    cache.put('b', 'y', 30);
    env.clock.advance(30_000);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')).toBe('x');
    env.clock.advance(570_000);
    expect(cache.get('a')).toBeNull();
  });

  it('keeps entries at most 21600 s whatever expiration is asked (Cache.put max expiration)', () => {
    const env = makeEnv();
    const cache = createCacheService(env).CacheService.getUserCache();
    cache.put('k', 'v', 999_999);
    env.clock.advance(21_599_000);
    expect(cache.get('k')).toBe('v');
    env.clock.advance(1000);
    expect(cache.get('k')).toBeNull();
  });

  it('getAll/putAll/removeAll work on several keys and getAll omits missing ones (Cache.getAll)', () => {
    const cache = createCacheService(makeEnv()).CacheService.getDocumentCache();
    cache.putAll({ a: '1', b: '2', c: '3' });
    cache.remove('b');
    expect(cache.getAll(['a', 'b', 'c', 'zz'])).toEqual({ a: '1', c: '3' });
    cache.removeAll(['a', 'c']);
    expect(cache.getAll(['a', 'c'])).toEqual({});
  });

  it('throws "Argument too large: key" / "Argument too large: value" past 250 chars / 100 KB (Cache limits)', () => {
    const cache = createCacheService(makeEnv()).CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow(new GasException('Argument too large: key'));
    expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ ok: '1', bad: 'v'.repeat(100 * 1024 + 1) })).toThrow('Argument too large: value');
    expect(cache.get('ok')).toBeNull();
    cache.put('k'.repeat(250), 'v'.repeat(100 * 1024));
    expect(cache.get('k'.repeat(250))).toHaveLength(102400);
  });
});

describe('Ui (SpreadsheetApp.getUi())', () => {
  it('records menus as a tree and replaces a menu re-added with the same caption (Menu.addToUi)', () => {
    const env = makeEnv();
    const h = createUi(env);
    const sub = h.ui.createMenu('Reports').addItem('Overdue', 'reportOverdue');
    h.ui.createMenu('Library').addItem('Lend', 'lend').addSeparator().addSubMenu(sub).addToUi();
    expect(h.menus).toEqual([
      {
        caption: 'Library',
        items: [
          { kind: 'item', caption: 'Lend', functionName: 'lend' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            caption: 'Reports',
            items: [{ kind: 'item', caption: 'Overdue', functionName: 'reportOverdue' }],
          },
        ],
      },
    ]);
    h.ui.createMenu('Library').addItem('Return', 'giveBack').addToUi();
    expect(h.menus).toHaveLength(1);
    expect(h.menus[0].items).toEqual([{ kind: 'item', caption: 'Return', functionName: 'giveBack' }]);
  });

  it('answers alerts and prompts from the queue, defaulting to the first button (Ui.alert/Ui.prompt)', () => {
    const h = createUi(makeEnv());
    const { ui } = h;
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    h.queueResponse({ button: 'NO' });
    expect(ui.alert('Delete?', 'Really delete row 5?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Continue?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    h.queueResponse({ button: 'OK', text: 'Abai' });
    const r = ui.prompt('Search', 'Title?', ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('Abai');
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    expect(ui.prompt('Name?').getResponseText()).toBe('');
    expect(String(ui.Button.CANCEL)).toBe('CANCEL');
    expect(h.log.map((d) => [d.kind, d.title, 'message' in d ? d.message : ''])).toEqual([
      ['alert', '', 'Saved'],
      ['alert', 'Delete?', 'Really delete row 5?'],
      ['alert', '', 'Continue?'],
      ['prompt', 'Search', 'Title?'],
      ['prompt', '', 'Name?'],
    ]);
  });

  it('records sidebars and dialogs and refuses them inside a trigger (Ui.showSidebar "Cannot call ... from this context")', () => {
    const env = makeEnv();
    const h = createUi(env);
    const { HtmlService } = createHtmlService(env);
    h.ui.showSidebar(HtmlService.createHtmlOutput('<p>hi</p>').setTitle('Help'));
    h.ui.showModalDialog(HtmlService.createHtmlOutput('<p>m</p>').setWidth(400).setHeight(300), 'Lend a book');
    expect(h.log).toMatchObject([
      { kind: 'sidebar', title: 'Help', content: '<p>hi</p>' },
      { kind: 'modal', title: 'Lend a book', content: '<p>m</p>', width: 400, height: 300 },
    ]);
    env.execution.asTrigger(() => {
      expect(() => h.ui.showSidebar(HtmlService.createHtmlOutput('x'))).toThrow(
        new GasException('Cannot call Ui.showSidebar() from this context.'),
      );
      expect(() => h.ui.alert('x')).toThrow('Cannot call Ui.alert() from this context.');
    });
  });
});

describe('what a call costs', () => {
  it("counts showing a dialog as the one Ui call, not as reads of the HtmlOutput's content and size (Ui.showModalDialog)", () => {
    const env = makeEnv();
    const h = createUi(env);
    const { HtmlService } = createHtmlService(env);
    const page = HtmlService.createHtmlOutput('<p>m</p>').setWidth(400).setHeight(300);
    env.counters.reset();
    h.ui.showModalDialog(page, 'Lend a book');
    expect(env.counters.snapshot().calls).toEqual({ 'Ui.showModalDialog': 1 });
    expect(h.log[0]).toMatchObject({ content: '<p>m</p>', width: 400, height: 300 });
  });
});

describe('HtmlService', () => {
  const dir = 'tests/fixtures/html';

  it('evaluates <?= ?> escaped, <?!= ?> raw and <? ?> statements with template properties and globals (HtmlTemplate.evaluate)', () => {
    const env = makeEnv();
    let service: ReturnType<typeof createHtmlService>;
    const globals = {
      include: (name: string) => service.HtmlService.createHtmlOutputFromFile(name).getContent(),
    };
    service = createHtmlService(env, { htmlDir: dir, getGlobals: () => globals });
    const t = service.HtmlService.createTemplateFromFile('Sidebar');
    t.title = 'Books & <more>';
    t.books = ['Abai', '<script>'];
    const html = t.evaluate().getContent();
    expect(html).toBe(
      '<h1>Books &amp; &lt;more&gt;</h1>\n<li>Abai</li><li>&lt;script&gt;</li>\n<footer>Library</footer>\n',
    );
    expect(t.getCode()).toContain('output._$ = (title);');
  });

  it('throws "No HTML file named X was found." for a missing file (HtmlService.createHtmlOutputFromFile)', () => {
    const { HtmlService } = createHtmlService(makeEnv(), { htmlDir: dir });
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow(
      new GasException('No HTML file named Nope was found.'),
    );
    expect(() => HtmlService.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  it('HtmlOutput setters chain and appendUntrusted escapes (HtmlOutput)', () => {
    const { HtmlService } = createHtmlService(makeEnv());
    const out = HtmlService.createHtmlOutput('<b>a</b>')
      .append('<i>b</i>')
      .appendUntrusted('<c>')
      .setTitle('T')
      .setWidth(300)
      .setHeight(200)
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width')
      .setFaviconUrl('https://example.com/f.png');
    expect(out.getContent()).toBe('<b>a</b><i>b</i>&lt;c&gt;');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['T', 300, 200]);
    expect(out.getMetaTags()[0].getName()).toBe('viewport');
    expect(out.setContent('x').getContent()).toBe('x');
    const t = HtmlService.createTemplate('<?= a + 1 ?>');
    t.a = 41;
    expect(t.evaluate().getContent()).toBe('42');
  });
});

describe('queued dialog answers', () => {
  it('clearResponses drops answers an action did not use', () => {
    const h = createUi(createEnv());
    h.queueResponse({ button: 'NO' });
    h.clearResponses();
    expect(h.pendingResponses()).toBe(0);
    expect(String(h.ui.alert('Sure?', h.ui.ButtonSet.YES_NO))).toBe('YES');
  });
});
