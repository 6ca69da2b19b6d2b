/** The emails to class teachers (pure composition) and the periods and trigger times they use. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtorsEmail, isValidEmail, reportEmail, visitsEmail } from '../../src/debtors/mail';
import { monthOfRun, nextMonthlyRun, visitsPeriod } from '../../src/debtors/periods';
import type { Debtor } from '../../src/domain/debtors';
import { escapeHtml } from '../../src/html';
import { t } from '../../src/messages';
import { parseSettings } from '../../src/settings';

const sender = { library: 'Library <92>', librarian: 'A. Librarian' };
const debtor = (name: string, title = 'Абай. Қара сөздер'): Debtor => ({
  code: 'R1',
  name,
  className: '5А',
  items: [
    { loanId: 'L1', inventory: 'INV-1', author: '', title, issued: '2026-11-02', due: '2026-11-16', daysOverdue: 9 },
  ],
});

/** The HTML with our own tags taken out: what is left is text, and must hold no markup. */
const OUR_TAGS = /<\/?(div|p|br|table|tr|th|td)( style="[^"<>]*")?>/g;

describe('the debtor email', () => {
  it('has a plain-text alternative saying what the HTML says', () => {
    const m = debtorsEmail({
      lang: 'en',
      sender,
      className: '5А',
      teacher: 'Ms Akhmetova',
      debtors: [debtor('Aru Sadykova')],
      asOf: '2026-11-25',
      openDaysOnly: false,
    });
    expect(m.subject).toBe('Library <92>: overdue books of class 5А (25.11.2026)');
    expect(m.body).toContain('Dear Ms Akhmetova,');
    expect(m.body).toContain('Aru Sadykova');
    expect(m.body).toContain('INV-1, Абай. Қара сөздер: issued 02.11.2026, due 16.11.2026, 9 days overdue');
    expect(m.body).toContain(t('en', 'mail.debtors.counting', { counting: t('en', 'debtors.counting.calendar') }));
    expect(m.htmlBody).toContain('<td style="padding:4px 8px;vertical-align:top">Aru Sadykova</td>');
    expect(m.htmlBody).toContain('Library &lt;92&gt;');
  });

  it('escapes whatever the sheets hold: names and titles never become markup', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (name, title, teacher) => {
        const m = debtorsEmail({
          lang: 'kk',
          sender: { library: name, librarian: teacher },
          className: title,
          teacher,
          debtors: [debtor(name, title)],
          asOf: '2026-11-25',
          openDaysOnly: true,
        });
        const rest = m.htmlBody.replace(OUR_TAGS, '');
        expect(rest).not.toMatch(/[<>]/);
        expect(m.htmlBody).toContain(escapeHtml(name));
      }),
    );
  });

  it('the report to the librarian names classes and teachers, and the visits email counts', () => {
    const r = reportEmail('ru', sender, '2026-12', [
      { kind: 'invalid', className: '6Б', teacher: 'Иванова', email: 'x' },
      { kind: 'failed', className: '7А', teacher: 'Smith', email: 's@x.kz', error: 'boom' },
    ]);
    expect(r.body).toContain(t('ru', 'mail.report.invalid', { class: '6Б', teacher: 'Иванова', email: 'x' }));
    expect(r.body).toContain('boom');
    const v = visitsEmail({
      lang: 'en',
      sender,
      className: '5А',
      teacher: '',
      from: '2026-11-01',
      to: '2026-12-31',
      stats: { total: 3, byKind: [{ kind: 'desk', count: 3 }], visitors: 2, pupils: 25 },
    });
    expect(v.body).toContain('Dear class teacher,');
    expect(v.body).toContain('Visits in all: 3');
    expect(v.body).toContain('Pupils who came at least once: 2 of 25');
  });
});

describe('email addresses', () => {
  it('accepts one mailbox and refuses the rest', () => {
    for (const ok of ['a@b.kz', 'first.last+lib@school-92.edu.kz']) expect(isValidEmail(ok), ok).toBe(true);
    for (const bad of ['', 'a@b', 'a b@c.kz', 'Name <a@b.kz>', 'a@b.kz, c@d.kz', 'ivanova at lyceum92', 'a@b.k']) {
      expect(isValidEmail(bad), bad).toBe(false);
    }
  });
});

describe('periods and trigger times', () => {
  const months = [1, 4, 6, 11];

  it('sums up each school quarter in the month after it', () => {
    expect(visitsPeriod('2027-01-05', months, true)).toEqual({ key: '2027-01', from: '2026-11-01', to: '2026-12-31' });
    expect(visitsPeriod('2026-11-05', months, true)).toEqual({ key: '2026-11', from: '2026-06-01', to: '2026-10-31' });
    expect(visitsPeriod('2027-04-05', months, true)).toEqual({ key: '2027-04', from: '2027-01-01', to: '2027-03-31' });
    expect(visitsPeriod('2026-12-05', months, true)).toBeNull();
    // Send now outside a summary month: the latest summary.
    expect(visitsPeriod('2026-12-05', months, false)?.key).toBe('2026-11');
    expect(visitsPeriod('2027-03-05', [4, 6, 11], false)?.key).toBe('2026-11');
  });

  it('every period ends the day before its month and starts on the 1st of a listed month', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2020, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        (list, y, m) => {
          const today = `${y}-${String(m).padStart(2, '0')}-10`;
          const p = visitsPeriod(today, list, false)!;
          expect(p.to < `${p.key}-01`).toBe(true);
          expect(p.from.slice(8)).toBe('01');
          expect(list).toContain(Number(p.from.slice(5, 7)));
          expect(list).toContain(Number(p.key.slice(5, 7)));
          expect(p.from <= p.to).toBe(true);
        },
      ),
    );
  });

  it('the next monthly run is the first day/hour after now, in the listed months', () => {
    expect(nextMonthlyRun({ day: '2026-11-25', hour: 10, minute: 0 }, 1, 9)).toEqual({
      day: '2026-12-01',
      hour: 9,
      minute: 0,
    });
    expect(nextMonthlyRun({ day: '2026-12-01', hour: 8, minute: 59 }, 1, 9)).toEqual({
      day: '2026-12-01',
      hour: 9,
      minute: 0,
    });
    expect(nextMonthlyRun({ day: '2026-12-01', hour: 9, minute: 0 }, 1, 9).day).toBe('2027-01-01');
    expect(nextMonthlyRun({ day: '2026-11-25', hour: 10, minute: 0 }, 5, 9, months).day).toBe('2027-01-05');
  });

  it('settings keep email hours within 1-22, so a trigger fired 15 minutes early stays in its month', () => {
    const hours = (h: string) =>
      parseSettings(
        new Map([
          ['monthlyEmailHour', h],
          ['quarterlyEmailHour', h],
        ]),
      ).mail;
    expect(hours('0')).toMatchObject({ monthlyHour: 1, quarterlyHour: 1 });
    expect(hours('23')).toMatchObject({ monthlyHour: 22, quarterlyHour: 22 });
    expect(hours('14')).toMatchObject({ monthlyHour: 14, quarterlyHour: 14 });
  });

  it('a monthly run fired in the last half hour of a month belongs to the next month', () => {
    expect(monthOfRun({ day: '2026-11-30', hour: 23, minute: 45 })).toBe('2026-12');
    expect(monthOfRun({ day: '2026-12-31', hour: 23, minute: 50 })).toBe('2027-01');
    expect(monthOfRun({ day: '2026-11-30', hour: 22, minute: 59 })).toBe('2026-11');
    expect(monthOfRun({ day: '2026-11-29', hour: 23, minute: 50 })).toBe('2026-11');
    expect(monthOfRun({ day: '2026-12-01', hour: 0, minute: 10 })).toBe('2026-12');
  });

  it('settings keep trigger days within 1-28 and hours within 0-23', () => {
    const s = parseSettings(
      new Map([
        ['monthlyEmailDay', '31'],
        ['monthlyEmailHour', '25'],
        ['quarterlyEmailMonths', 'x'],
      ]),
    );
    expect(s.mail).toEqual({
      monthlyDay: 1,
      monthlyHour: 9,
      quarterlyDay: 5,
      quarterlyHour: 9,
      quarterlyMonths: [1, 4, 6, 11],
      noDebtorsNote: false,
    });
  });
});
