/**
 * The debtor list and the monthly emails, on the built bundle in the runtime: the Debtors sheet, the
 * monthly trigger (one email per class teacher with debtors, only their pupils, in their language),
 * exactly once (fired twice, quota spent, follow-up), invalid addresses reported, trigger install
 * idempotent within the 20-trigger limit, no UI in the trigger path, and batched reads.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/i18n';
import { addRows, at, columnOf, lastAlert, libraryRuntime, rowsOf, sheetOf } from '../support/library';

interface ClassSpec {
  name: string;
  teacher: string;
  email: string;
  language: string;
  /** Pupils with overdue books, pupils without. */
  debtors: number;
  others: number;
}

const CLASSES: ClassSpec[] = [
  { name: '5А', teacher: 'Ахметова Гүлнар', email: 'akhmetova@lyceum92.kz', language: 'kk', debtors: 2, others: 2 },
  { name: '6Б', teacher: 'Иванова Ольга', email: 'ivanova@lyceum92.kz', language: 'ru', debtors: 1, others: 2 },
  { name: '7А', teacher: 'Smith Anna', email: 'smith@lyceum92.kz', language: 'en', debtors: 3, others: 1 },
  { name: '8В', teacher: 'Сейітова Әйгерім', email: 'seitova@lyceum92.kz', language: 'kk', debtors: 1, others: 3 },
  { name: '9А', teacher: 'Омаров Ерлан', email: 'omarov@lyceum92.kz', language: '', debtors: 2, others: 1 },
  { name: '10Б', teacher: 'Петров Сергей', email: 'petrov@lyceum92.kz', language: 'ru', debtors: 1, others: 1 },
  { name: '11А', teacher: 'Жұмабаева Дана', email: 'zhumabaeva@lyceum92.kz', language: 'kk', debtors: 0, others: 3 },
];

const day = (d: string) => new Date(`${d}T00:00:00+05:00`);
const OPEN = t('kk', 'enum.loanStatus.open');
const RETURNED = t('kk', 'enum.loanStatus.returned');
const pupilName = (cls: string, i: number) => `Оқушы ${cls}-${i}`;
const contact = (cls: string, i: number) =>
  `+7 701 ${cls.length}${i}0 55 ${String(i).padStart(2, '0')} parent${cls}${i}@mail.kz`;

function setSetting(rt: Runtime, key: string, value: string): void {
  const rows = rowsOf(rt, 'settings');
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) throw new Error(`no setting ${key}`);
  sheetOf(rt, 'settings')
    .getRange(i + 2, columnOf(rt, 'settings', 'value') + 1)
    .setValue(value);
}

/**
 * A month of loans: each class's debtors have one book due on 16.11.2026 (the first also one due on
 * 02.11.2026); the other pupils have a book not yet due, or an overdue one already returned.
 */
function library(opts: { classes?: ClassSpec[]; scale?: number } = {}): Runtime {
  const rt = libraryRuntime();
  rt.call('setUpWorkbook');
  setSetting(rt, 'libraryName', '№92 лицей кітапханасы');
  setSetting(rt, 'librarianEmail', 'librarian@lyceum92.kz');
  const classes = opts.classes ?? CLASSES;
  const scale = opts.scale ?? 1;
  addRows(
    rt,
    'classes',
    classes.map((c) => ({
      class: c.name,
      grade: Number.parseInt(c.name, 10),
      teacher: c.teacher,
      email: c.email,
      language: c.language,
    })),
  );
  const readers: Array<Record<string, unknown>> = [];
  const loans: Array<Record<string, unknown>> = [];
  let n = 0;
  for (const c of classes) {
    for (let i = 1; i <= (c.debtors + c.others) * scale; i++) {
      const code = `R${c.name}-${i}`;
      readers.push({
        code,
        name: pupilName(c.name, i),
        category: 'оқушы',
        class: c.name,
        status: 'белсенді',
        contact: contact(c.name, i),
      });
      const debtor = i <= c.debtors * scale;
      loans.push({
        loanId: `L${++n}`,
        inventory: `INV-${n}`,
        title: `Абай. Қара сөздер (${n})`,
        reader: code,
        issued: day('2026-11-02'),
        due: debtor ? day('2026-11-16') : day('2026-12-07'),
        status: OPEN,
      });
      if (debtor && i === 1) {
        loans.push({
          loanId: `L${++n}`,
          inventory: `INV-${n}`,
          title: `Әуезов М. Абай жолы (${n})`,
          reader: code,
          issued: day('2026-10-19'),
          due: day('2026-11-02'),
          status: OPEN,
        });
      }
      if (!debtor) {
        loans.push({
          loanId: `L${++n}`,
          inventory: `INV-${n}`,
          title: 'Returned long ago',
          reader: code,
          issued: day('2026-09-01'),
          due: day('2026-09-15'),
          returned: day('2026-09-20'),
          status: RETURNED,
        });
      }
    }
  }
  readers.push({ code: 'T-1', name: 'Мұғалім Бекова', category: 'мұғалім', class: '', status: 'белсенді' });
  loans.push({
    loanId: `L${++n}`,
    inventory: `INV-${n}`,
    title: 'Методика',
    reader: 'T-1',
    issued: day('2026-10-01'),
    due: day('2026-10-31'),
    status: OPEN,
  });
  addRows(rt, 'readers', readers);
  addRows(rt, 'loans', loans);
  return rt;
}

const withDebtors = (classes = CLASSES) => classes.filter((c) => c.debtors > 0);
const mailings = (rt: Runtime) => rowsOf(rt, 'mailings');
const status = (s: string) => t('kk', `enum.mailStatus.${s}` as never);

describe('the Debtors sheet', () => {
  it('lists each class with its teacher, then every overdue copy, then the teachers and staff', () => {
    const rt = library();
    rt.call('buildDebtorList');
    const debtors = withDebtors();
    const pupils = debtors.reduce((a, c) => a + c.debtors, 0);
    const books = pupils + debtors.length + 1;
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.built', { debtors: pupils + 1, books, classes: debtors.length }));
    const rows = rowsOf(rt, 'debtors');
    expect(rows[0].class).toBe(
      t('kk', 'debtors.sheet.summary', {
        date: '25.11.2026',
        debtors: pupils + 1,
        books,
        counting: t('kk', 'debtors.counting.calendar'),
      }),
    );
    // Group lines in grade order, then the staff group.
    const groups = rows.filter((r) => r.reader === '' && r !== rows[0]);
    expect(groups.map((g) => g.class)).toEqual([...debtors.map((c) => c.name), t('kk', 'debtors.sheet.staff')]);
    expect(groups[0]).toMatchObject({
      teacher: 'Ахметова Гүлнар',
      name: t('kk', 'debtors.sheet.count', { debtors: 2, books: 3 }),
    });
    // 5А: pupil 1 with two books (the older due first), pupil 2 with one; days are calendar days.
    const items = rows.filter((r) => r.reader !== '' && r.class === '5А');
    expect(items.map((r) => [r.reader, r.name, r.inventory, r.days])).toEqual([
      ['R5А-1', pupilName('5А', 1), 'INV-2', 23],
      ['R5А-1', pupilName('5А', 1), 'INV-1', 9],
      ['R5А-2', pupilName('5А', 2), 'INV-3', 9],
    ]);
    expect(items[0].title).toBe('Әуезов М. Абай жолы (2)');
    expect(Object.prototype.toString.call(items[0].due)).toBe('[object Date]');
    const staff = rows[rows.length - 1];
    expect(staff).toMatchObject({ reader: 'T-1', name: 'Мұғалім Бекова', days: 25 });
    // Nobody who returned or is not yet due; no contact details.
    expect(JSON.stringify(rows)).not.toContain('Returned long ago');
    expect(JSON.stringify(rows)).not.toContain('parent');
    // A generated, protected sheet.
    expect(sheetOf(rt, 'debtors').getProtections('SHEET' as never)).toHaveLength(1);
  });

  it('counts open days only when the settings say so, and rebuilds without leftovers', () => {
    const rt = library();
    rt.call('buildDebtorList');
    const before = rowsOf(rt, 'debtors').length;
    setSetting(rt, 'overdueOpenDaysOnly', 'TRUE');
    rt.call('buildDebtorList');
    const rows = rowsOf(rt, 'debtors');
    expect(rows).toHaveLength(before);
    // Due Mon 16.11: open after it are Wed 18, Thu 19, Fri 20, Mon 23, Wed 25 (Tuesdays and weekends closed).
    expect(rows.find((r) => r.inventory === 'INV-1')!.days).toBe(5);
    expect(rows[0].class).toContain(t('kk', 'debtors.counting.open'));
  });
});

describe('the monthly trigger', () => {
  function fireMonthly(rt: Runtime) {
    rt.call('turnOnMonthlyEmails');
    return rt.fireTriggers(at('2026-12-01', '12:00'));
  }

  it('sends one email per class teacher with debtors, each naming only that class’s pupils', () => {
    const rt = library();
    const fired = fireMonthly(rt);
    expect(fired.map((f) => [f.functionName, f.error])).toEqual([['monthlyDebtorsTrigger', undefined]]);
    const out = rt.mail.outbox;
    const expected = withDebtors();
    expect(out.map((m) => m.to[0]).sort()).toEqual(expected.map((c) => c.email).sort());
    for (const m of out) {
      const cls = CLASSES.find((c) => c.email === m.to[0])!;
      expect(m.name).toBe('№92 лицей кітапханасы');
      expect(m.replyTo).toBe('librarian@lyceum92.kz');
      expect(m.htmlBody).toBeTruthy();
      for (const c of CLASSES) {
        for (let i = 1; i <= c.debtors + c.others; i++) {
          const name = pupilName(c.name, i);
          const shouldName = c === cls && i <= c.debtors;
          expect(m.body.includes(name), `${m.to[0]} / ${name}`).toBe(shouldName);
          expect(m.htmlBody!.includes(name), `${m.to[0]} html / ${name}`).toBe(shouldName);
          expect(m.body + m.htmlBody).not.toContain(contact(c.name, i));
        }
      }
      expect(m.body + m.htmlBody).not.toContain('Бекова');
      expect(m.body + m.htmlBody).not.toContain('+7 701');
    }
    // The Debtors sheet was rebuilt as of the run, and the ledger holds one "sent" row per email.
    expect(rowsOf(rt, 'debtors')[0].class).toContain('01.12.2026');
    const ledger = mailings(rt);
    expect(ledger).toHaveLength(expected.length);
    expect(ledger.every((r) => r.period === '2026-12' && r.status === status('sent'))).toBe(true);
    expect(rowsOf(rt, 'log').filter((r) => r.action === 'mail.debtors')).toHaveLength(expected.length);
  });

  it('writes each teacher in their language (Kazakh when the column is empty)', () => {
    const rt = library();
    fireMonthly(rt);
    const lib = '№92 лицей кітапханасы';
    for (const c of withDebtors()) {
      const lang = (c.language || 'kk') as 'kk' | 'ru' | 'en';
      const m = rt.mail.outbox.find((x) => x.to[0] === c.email)!;
      expect(m.subject, c.name).toBe(
        t(lang, 'mail.debtors.subject', { library: lib, class: c.name, date: '01.12.2026' }),
      );
      expect(m.body).toContain(t(lang, 'mail.debtors.intro', { date: '01.12.2026', class: c.name }));
      expect(m.body).toContain(t(lang, 'mail.greeting', { teacher: c.teacher }));
    }
  });

  it('sends a short "no debtors" note to the other classes when the setting asks for it', () => {
    const rt = library();
    setSetting(rt, 'sendNoDebtorsNote', 'TRUE');
    fireMonthly(rt);
    expect(rt.mail.outbox).toHaveLength(CLASSES.length);
    const note = rt.mail.outbox.find((m) => m.to[0] === 'zhumabaeva@lyceum92.kz')!;
    expect(note.subject).toBe(
      t('kk', 'mail.noDebtors.subject', { library: '№92 лицей кітапханасы', class: '11А', date: '01.12.2026' }),
    );
    expect(note.body).not.toContain('Оқушы');
  });

  it('sends nothing on a second firing in the same month', () => {
    const rt = library();
    fireMonthly(rt);
    const sent = rt.mail.outbox.length;
    // The same trigger fired again (a duplicate delivery or a re-run by hand in trigger context).
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', { triggerUid: 'again' }));
    expect(rt.mail.outbox).toHaveLength(sent);
    expect(mailings(rt)).toHaveLength(sent);
    // Send now from the menu: nothing left for this month.
    rt.call('sendDebtorEmailsNow');
    expect(rt.mail.outbox).toHaveLength(sent);
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.send.nothing', { period: '2026-12' }));
    // Next month it goes out again.
    // (By then the books due on 07.12 are overdue too: every class has debtors.)
    rt.fireTriggers(at('2027-01-01', '12:00'));
    expect(rt.mail.outbox).toHaveLength(sent + CLASSES.length);
    expect(mailings(rt).filter((r) => r.period === '2027-01')).toHaveLength(CLASSES.length);
  });

  it('with a quota of 3 and 7 teachers, sends 3, then the rest with the follow-up, none twice, none lost', () => {
    const seven = CLASSES.map((c) => ({ ...c, debtors: Math.max(c.debtors, 1) }));
    const rt = library({ classes: seven });
    rt.mail.setQuota(3);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(rt.mail.outbox).toHaveLength(3);
    expect(mailings(rt).filter((r) => r.status === status('pending'))).toHaveLength(4);
    const followUps = () => rt.triggers.list().filter((x) => x.handler === 'mailFollowUpTrigger');
    expect(followUps()).toHaveLength(1);
    rt.call('showMailStatus');
    expect(lastAlert(rt)).toContain(t('kk', 'trigger.status.pending', { count: 4, next: '02.12.2026 09:10' }));

    // The next day the follow-up sends what the quota allows, and schedules itself once more.
    const second = rt.fireTriggers(at('2026-12-02', '12:00'));
    expect(second.map((f) => [f.functionName, f.error])).toEqual([['mailFollowUpTrigger', undefined]]);
    expect(rt.mail.outbox).toHaveLength(6);
    expect(followUps()).toHaveLength(1);
    rt.fireTriggers(at('2026-12-03', '12:00'));
    expect(rt.mail.outbox).toHaveLength(7);
    expect(followUps()).toHaveLength(0);

    const recipients = rt.mail.outbox.map((m) => m.to[0]);
    expect(new Set(recipients).size).toBe(7);
    expect(recipients.sort()).toEqual(seven.map((c) => c.email).sort());
    expect(mailings(rt).map((r) => r.status)).toEqual(new Array(7).fill(status('sent')));
    // Only the monthly trigger is left.
    expect(rt.triggers.list().map((x) => x.handler)).toEqual(['monthlyDebtorsTrigger']);
  });

  it('reports class teachers without a valid email to the librarian, once', () => {
    const classes = CLASSES.map((c) =>
      c.name === '6Б' ? { ...c, email: 'ivanova at lyceum92' } : c.name === '7А' ? { ...c, email: '' } : c,
    );
    const rt = library({ classes });
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    const report = rt.mail.outbox.filter((m) => m.to[0] === 'librarian@lyceum92.kz');
    expect(report).toHaveLength(1);
    expect(report[0].subject).toBe(t('kk', 'mail.report.subject', { library: '№92 лицей кітапханасы' }));
    expect(report[0].body).toContain(
      t('kk', 'mail.report.invalid', { class: '6Б', teacher: 'Иванова Ольга', email: 'ivanova at lyceum92' }),
    );
    expect(report[0].body).toContain(t('kk', 'mail.report.invalid', { class: '7А', teacher: 'Smith Anna', email: '' }));
    // No pupil's name reaches the librarian's report either.
    expect(report[0].body).not.toContain('Оқушы');
    expect(rt.mail.outbox.filter((m) => m.to[0] !== 'librarian@lyceum92.kz')).toHaveLength(withDebtors().length - 2);
    expect(
      mailings(rt)
        .filter((r) => r.status === status('invalid'))
        .map((r) => r.class),
    ).toEqual(['6Б', '7А']);

    // Fired again: no second report. Fixed address + send now: that teacher gets the email.
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(rt.mail.outbox.filter((m) => m.to[0] === 'librarian@lyceum92.kz')).toHaveLength(1);
    const classRow = rowsOf(rt, 'classes').findIndex((r) => r.class === '6Б');
    sheetOf(rt, 'classes')
      .getRange(classRow + 2, columnOf(rt, 'classes', 'email') + 1)
      .setValue('ivanova@lyceum92.kz');
    const before = rt.mail.outbox.length;
    rt.call('sendDebtorEmailsNow');
    expect(rt.mail.outbox.slice(before).map((m) => m.to[0])).toEqual(['ivanova@lyceum92.kz']);
  });

  it('runs where getUi() throws, and reports its own errors by the log and email, not a dialog', () => {
    const rt = library();
    rt.call('turnOnMonthlyEmails');
    const dialogs = rt.ui.log.length;
    // Break the Loans sheet: its "Due" column is renamed.
    const dueColumn = columnOf(rt, 'loans', 'due') + 1;
    sheetOf(rt, 'loans').getRange(1, dueColumn).setValue('Мерзім?');
    const fired = rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(fired).toHaveLength(1);
    expect(fired[0].error).toBeUndefined();
    expect(rt.ui.log).toHaveLength(dialogs);
    const errors = rt.mail.outbox;
    expect(errors).toHaveLength(1);
    expect(errors[0].to).toEqual(['librarian@lyceum92.kz']);
    expect(errors[0].subject).toBe(
      t('kk', 'mail.error.subject', { library: '№92 лицей кітапханасы', task: t('kk', 'task.monthly') }),
    );
    expect(errors[0].body).toContain(
      t('kk', 'error.missingColumn', { sheet: t('kk', 'sheet.loans'), column: t('kk', 'col.loans.due') }),
    );
    expect(rowsOf(rt, 'log').some((r) => r.action === 'mail.error.monthly')).toBe(true);

    // Fixed, the next firing works: where getUi() throws, the run shows nothing and sends.
    sheetOf(rt, 'loans').getRange(1, dueColumn).setValue(t('kk', 'col.loans.due'));
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(rt.mail.outbox).toHaveLength(1 + withDebtors().length);
    expect(rt.ui.log).toHaveLength(dialogs);
  });
});

describe('turning the triggers on and off', () => {
  it('installs one monthly trigger however often it is turned on, and removes ours only', () => {
    const rt = library();
    const other = rt.globals.ScriptApp as unknown as {
      newTrigger(fn: string): { timeBased(): { everyDays(n: number): { create(): unknown } } };
    };
    other.newTrigger('somebodyElsesJob').timeBased().everyDays(1).create();
    rt.call('turnOnMonthlyEmails');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.monthly.on', { day: 1, hour: '09', next: '01.12.2026 09:00' }));
    rt.call('turnOnMonthlyEmails');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.monthly.already', { next: '01.12.2026 09:00' }));
    const handlers = () => rt.triggers.list().map((x) => x.handler);
    expect(handlers()).toEqual(['somebodyElsesJob', 'monthlyDebtorsTrigger']);
    expect(rt.triggers.nextRun(rt.triggers.list()[1].id)).toEqual(at('2026-12-01', '09:00'));

    // A changed setting replaces the trigger instead of adding one.
    setSetting(rt, 'monthlyEmailDay', '5');
    setSetting(rt, 'monthlyEmailHour', '14');
    rt.call('turnOnMonthlyEmails');
    expect(handlers()).toEqual(['somebodyElsesJob', 'monthlyDebtorsTrigger']);
    expect(rt.triggers.nextRun(rt.triggers.list()[1].id)).toEqual(at('2026-12-05', '14:00'));

    rt.call('turnOnVisitsSummary');
    rt.call('showMailStatus');
    expect(lastAlert(rt)).toContain(
      t('kk', 'trigger.monthly.status.on', { day: 5, hour: '14', next: '05.12.2026 14:00' }),
    );
    expect(lastAlert(rt)).toContain(
      t('kk', 'trigger.visits.status.on', { day: 5, hour: '09', months: '1, 4, 6, 11', next: '05.01.2027 09:00' }),
    );

    rt.call('turnOffMonthlyEmails');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.monthly.off'));
    rt.call('turnOffMonthlyEmails');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.monthly.wasOff'));
    rt.call('turnOffVisitsSummary');
    expect(handlers()).toEqual(['somebodyElsesJob']);
    rt.call('showMailStatus');
    expect(lastAlert(rt)).toContain(t('kk', 'trigger.monthly.status.off'));
  });

  it('stays within the 20-trigger limit and says so when it is full', () => {
    const rt = library();
    const app = rt.globals.ScriptApp as unknown as {
      newTrigger(fn: string): { timeBased(): { everyDays(n: number): { create(): unknown } } };
    };
    for (let i = 0; i < 19; i++) app.newTrigger(`job${i}`).timeBased().everyDays(1).create();
    rt.call('turnOnMonthlyEmails');
    rt.call('turnOnMonthlyEmails');
    expect(rt.triggers.list()).toHaveLength(20);
    rt.call('turnOnVisitsSummary');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.error.tooMany', { count: 20 }));
    expect(rt.triggers.list()).toHaveLength(20);
  });
});

describe('preview and send now', () => {
  it('shows every email that would go out (recipient, subject, body), escaped, before anything is sent', () => {
    const classes = CLASSES.map((c) => (c.name === '5А' ? { ...c, teacher: 'Ахметова <Гүлнар> & Co' } : c));
    const rt = library({ classes });
    rt.call('previewDebtorEmails');
    const dialog = rt.ui.log[rt.ui.log.length - 1];
    expect(dialog.kind).toBe('modal');
    const content = 'content' in dialog ? dialog.content : '';
    expect(content).toContain(t('kk', 'debtors.preview.count', { count: withDebtors().length, quota: 100 }));
    for (const c of withDebtors()) expect(content).toContain(c.email);
    expect(content).toContain('Ахметова &lt;Гүлнар&gt; &amp; Co');
    expect(content).not.toContain('<Гүлнар>');
    expect(content).toContain(pupilName('7А', 3));
    expect(rt.mail.outbox).toHaveLength(0);
    expect(rowsOf(rt, 'mailings')).toHaveLength(0);

    rt.call('sendDebtorEmailsNow');
    expect(rt.ui.log.some((d) => d.kind === 'alert' && d.buttons === 'YES_NO')).toBe(true);
    expect(rt.mail.outbox).toHaveLength(withDebtors().length);
    expect(lastAlert(rt)).toBe(
      t('kk', 'debtors.send.done', { sent: withDebtors().length, pending: 0, invalid: 0, failed: 0 }),
    );
    const html = rt.mail.outbox.find((m) => m.to[0] === 'akhmetova@lyceum92.kz')!.htmlBody!;
    expect(html).toContain('Ахметова &lt;Гүлнар&gt; &amp; Co');
  });

  it('sends nothing when the librarian says no', () => {
    const rt = library();
    rt.ui.queueResponse({ button: 'NO' });
    rt.call('sendDebtorEmailsNow');
    expect(rt.mail.outbox).toHaveLength(0);
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.send.cancelled'));
  });
});

describe('the quarterly visits summary', () => {
  it('tells every class teacher how often their class came, after the quarter, in their language', () => {
    const rt = library();
    addRows(rt, 'visits', [
      { date: day('2026-11-10'), reader: 'R5А-1', class: '5А', kind: t('kk', 'enum.visitKind.desk'), count: 1 },
      { date: day('2026-11-12'), reader: 'R5А-1', class: '5А', kind: t('kk', 'enum.visitKind.desk'), count: 1 },
      { date: day('2026-12-03'), reader: 'R5А-2', class: '5А', kind: t('kk', 'enum.visitKind.desk'), count: 1 },
      { date: day('2026-12-04'), reader: '', class: '5А', kind: t('kk', 'enum.visitKind.excursion'), count: 20 },
      { date: day('2026-10-30'), reader: 'R5А-3', class: '5А', kind: t('kk', 'enum.visitKind.desk'), count: 1 },
      { date: day('2026-12-10'), reader: 'R6Б-1', class: '6Б', kind: t('kk', 'enum.visitKind.desk'), count: 1 },
    ]);
    rt.call('turnOnVisitsSummary');
    rt.fireTriggers(at('2027-01-05', '12:00'));
    expect(rt.mail.outbox.map((m) => m.to[0]).sort()).toEqual(CLASSES.map((c) => c.email).sort());
    const a = rt.mail.outbox.find((m) => m.to[0] === 'akhmetova@lyceum92.kz')!;
    expect(a.subject).toBe(
      t('kk', 'mail.visits.subject', {
        library: '№92 лицей кітапханасы',
        class: '5А',
        from: '01.11.2026',
        to: '31.12.2026',
      }),
    );
    expect(a.body).toContain(t('kk', 'mail.visits.total', { count: 23 }));
    expect(a.body).toContain(t('kk', 'mail.visits.pupils', { visitors: 2, pupils: 4 }));
    const b = rt.mail.outbox.find((m) => m.to[0] === 'ivanova@lyceum92.kz')!;
    expect(b.body).toContain(t('ru', 'mail.visits.total', { count: 1 }));
    const e = rt.mail.outbox.find((m) => m.to[0] === 'zhumabaeva@lyceum92.kz')!;
    expect(e.body).toContain(t('kk', 'mail.visits.none'));
    // Fired again in the same month: nothing more.
    rt.execution.asTrigger(() => rt.call('visitsSummaryTrigger', {}));
    expect(rt.mail.outbox).toHaveLength(CLASSES.length);
  });

  it('does nothing in a month that is not a summary month', () => {
    const rt = library();
    setSetting(rt, 'quarterlyEmailMonths', '1, 4, 6');
    rt.execution.asTrigger(() => rt.call('visitsSummaryTrigger', {}));
    expect(rt.mail.outbox).toHaveLength(0);
  });
});

describe('service calls of the debtor run', () => {
  function measure(scale: number, action: (rt: Runtime) => void) {
    const rt = library({ scale });
    rt.call('turnOnMonthlyEmails');
    rt.counters.reset();
    action(rt);
    return { rt, calls: rt.counters.snapshot() };
  }

  it('do not grow with the number of readers (whole-sheet reads)', () => {
    const fire = (rt: Runtime) => rt.fireTriggers(at('2026-12-01', '12:00'));
    const small = measure(1, fire);
    const large = measure(20, fire);
    const readers = (rt: Runtime) => rowsOf(rt, 'readers').length;
    expect(readers(large.rt)).toBeGreaterThan(15 * readers(small.rt));
    expect(large.rt.mail.outbox).toHaveLength(small.rt.mail.outbox.length);
    const diff = Object.keys(large.calls.calls).filter((k) => large.calls.calls[k] !== small.calls.calls[k]);
    expect(diff.map((k) => `${k}: ${small.calls.calls[k]} → ${large.calls.calls[k]}`)).toEqual([]);
    expect(large.calls.calls['Range.getValues']).toBe(small.calls.calls['Range.getValues']);
    expect(large.calls.totalCalls).toBe(small.calls.totalCalls);
    expect(large.calls.calls['Range.getValue'] ?? 0).toBe(0);
    console.log(
      `monthly run: ${small.calls.totalCalls} service calls with ${readers(small.rt)} readers, ${large.calls.totalCalls} with ${readers(large.rt)}`,
    );

    const build = (rt: Runtime) => rt.call('buildDebtorList');
    const b1 = measure(1, build);
    const b2 = measure(20, build);
    expect(b2.calls.totalCalls).toBe(b1.calls.totalCalls);
  });
});
