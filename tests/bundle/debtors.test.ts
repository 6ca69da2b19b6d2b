/**
 * The debtor list and the monthly emails, on the built bundle in the runtime: the Debtors sheet, the
 * monthly trigger (one email per class teacher with debtors, only their pupils, in their language),
 * exactly once (fired twice, quota spent, follow-up), invalid addresses reported, trigger install
 * idempotent within the 20-trigger limit, no UI in the trigger path, and batched reads.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { capture, fixture } from '../support/capture';
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

/** The handlers of the time-driven triggers (Setup's "on change" trigger aside). */
const timeDriven = (rt: Runtime) =>
  rt.triggers
    .list()
    .filter((x) => x.handler !== 'onLibraryChange')
    .map((x) => x.handler);

function setSetting(rt: Runtime, key: string, value: string): void {
  const rows = rowsOf(rt, 'settings');
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) throw new Error(`no setting ${key}`);
  // As the librarian types it: the onEdit trigger tells the saved layout the settings changed.
  rt.userEdit(sheetOf(rt, 'settings').getName(), i + 2, columnOf(rt, 'settings', 'value') + 1, [[value]]);
}

/**
 * A month of loans: each class's debtors have one book due on 16.11.2026 (the first also one due on
 * 02.11.2026); the other pupils have a book not yet due, or an overdue one already returned.
 */
function library(opts: { classes?: ClassSpec[]; scale?: number } = {}): Runtime {
  return fixture(
    `debtors ${JSON.stringify(opts)}`,
    () => libraryRuntime(),
    (rt) => fillLibrary(rt, opts),
  );
}

function fillLibrary(rt: Runtime, opts: { classes?: ClassSpec[]; scale?: number }): void {
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
}

const withDebtors = (classes = CLASSES) => classes.filter((c) => c.debtors > 0);
const mailings = (rt: Runtime) => rowsOf(rt, 'mailings');
const status = (s: string) => t('kk', `enum.mailStatus.${s}` as never);

/** Sheet writes start failing right after MailApp sends to `address` (a service hiccup after a send). */
function armAfterSendingTo(rt: Runtime, address: string, sheets: { arm(): void }): void {
  const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
  rt.globals.MailApp = {
    getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
    sendEmail(m: { to: string }) {
      real.sendEmail(m);
      if (m.to === address) sheets.arm();
    },
  };
}

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
    // The Log says it in the librarian's language: an action name and a sentence per email.
    const sentLog = rowsOf(rt, 'log').filter((r) => r.action === t('kk', 'log.mailSent'));
    expect(sentLog).toHaveLength(expected.length);
    const first = ledger[0];
    expect(sentLog[0].details).toBe(
      t('kk', 'log.mailSent.details', {
        kind: t('kk', 'enum.mailKind.debtors'),
        class: String(first.class),
        period: '2026-12',
        email: String(first.email),
      }),
    );
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
    expect(timeDriven(rt)).toEqual(['monthlyDebtorsTrigger']);
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
    expect(rowsOf(rt, 'log').some((r) => r.action === t('kk', 'log.taskError'))).toBe(true);

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
    const handlers = () => timeDriven(rt);
    expect(handlers()).toEqual(['somebodyElsesJob', 'monthlyDebtorsTrigger']);
    expect(rt.triggers.nextRun(rt.triggers.list().find((x) => x.handler === 'monthlyDebtorsTrigger')!.id)).toEqual(
      at('2026-12-01', '09:00'),
    );

    // A changed setting replaces the trigger instead of adding one.
    setSetting(rt, 'monthlyEmailDay', '5');
    setSetting(rt, 'monthlyEmailHour', '14');
    rt.call('turnOnMonthlyEmails');
    expect(handlers()).toEqual(['somebodyElsesJob', 'monthlyDebtorsTrigger']);
    expect(rt.triggers.nextRun(rt.triggers.list().find((x) => x.handler === 'monthlyDebtorsTrigger')!.id)).toEqual(
      at('2026-12-05', '14:00'),
    );

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

  it('stays within the 20-trigger limit, one slot kept for the follow-up, and says so when it is full', () => {
    const rt = library();
    const app = rt.globals.ScriptApp as unknown as {
      newTrigger(fn: string): { timeBased(): { everyDays(n: number): { create(): unknown } } };
    };
    // Setup's "on change" trigger and 17 others: 18 of the 20 slots.
    for (let i = 0; i < 17; i++) app.newTrigger(`job${i}`).timeBased().everyDays(1).create();
    rt.call('turnOnMonthlyEmails');
    rt.call('turnOnMonthlyEmails');
    expect(rt.triggers.list()).toHaveLength(19);
    rt.call('turnOnVisitsSummary');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.error.tooMany', { count: 19 }));
    expect(rt.triggers.list()).toHaveLength(19);
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
    // 5А: three desk rows, an excursion of 20, and a desk visit of each of its four pupils, who all
    // took a book on 02.11 (a desk visit is a day on the Loans sheet, once a reader a day).
    expect(a.body).toContain(t('kk', 'mail.visits.total', { count: 3 + 20 + 4 }));
    expect(a.body).toContain(t('kk', 'mail.visits.pupils', { visitors: 4, pupils: 4 }));
    const b = rt.mail.outbox.find((m) => m.to[0] === 'ivanova@lyceum92.kz')!;
    expect(b.body).toContain(t('ru', 'mail.visits.total', { count: 1 + 3 }));
    const e = rt.mail.outbox.find((m) => m.to[0] === 'zhumabaeva@lyceum92.kz')!;
    expect(e.body).toContain(t('kk', 'mail.visits.total', { count: 3 }));
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

// ---------------------------------------------------------------------------------------------
// Exactly once, to the right teacher, when things go wrong

function setClassCell(rt: Runtime, cls: string, column: string, value: string): void {
  const i = rowsOf(rt, 'classes').findIndex((r) => r.class === cls);
  if (i < 0) throw new Error(`no class ${cls}`);
  sheetOf(rt, 'classes')
    .getRange(i + 2, columnOf(rt, 'classes', column) + 1)
    .setValue(value);
}

const LIBRARIAN = 'librarian@lyceum92.kz';
const toTeachers = (rt: Runtime) => rt.mail.outbox.filter((m) => m.to[0] !== LIBRARIAN);
const toLibrarian = (rt: Runtime) => rt.mail.outbox.filter((m) => m.to[0] === LIBRARIAN);
const followUps = (rt: Runtime) => rt.triggers.list().filter((x) => x.handler === 'mailFollowUpTrigger');

/** MailApp whose sendEmail throws `error` for the addresses `failing` says (the rest go through). */
function flakyMail(rt: Runtime, failing: (to: string) => boolean, error = 'Service unavailable: Email'): void {
  const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
  rt.globals.MailApp = {
    getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
    sendEmail(m: { to: string }) {
      if (failing(m.to)) throw new Error(error);
      real.sendEmail(m);
    },
  };
}

/** Range.setValues throws `times` times in a row, starting with the first write after `arm()`. */
function flakySheets(rt: Runtime, times: number) {
  const proto = Object.getPrototypeOf(rt.spreadsheet.getSheets()[0].getRange(1, 1)) as {
    setValues(v: unknown): unknown;
  };
  const original = proto.setValues;
  let left = 0;
  proto.setValues = function (this: unknown, v: unknown) {
    if (left > 0) {
      left--;
      throw new Error('Service Spreadsheets failed while accessing document');
    }
    return original.call(this, v);
  };
  return {
    arm: () => {
      left = times;
    },
    restore: () => {
      proto.setValues = original;
    },
  };
}

describe('the address as it is when the email goes', () => {
  it('a follow-up sends to the address and teacher the Classes sheet has now, and reports one made invalid', () => {
    const rt = library();
    rt.mail.setQuota(3);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(toTeachers(rt).map((m) => m.to[0])).toEqual([
      'akhmetova@lyceum92.kz',
      'ivanova@lyceum92.kz',
      'smith@lyceum92.kz',
    ]);
    // Before the follow-up the librarian fixes 8В (it had another teacher's address) and empties 9А's.
    setClassCell(rt, '8В', 'email', 'zhanar@lyceum92.kz');
    setClassCell(rt, '8В', 'teacher', 'Нұрова Жанар');
    setClassCell(rt, '9А', 'email', '');
    rt.fireTriggers(at('2026-12-02', '12:00'));
    const late = toTeachers(rt).slice(3);
    expect(late.map((m) => m.to[0])).toEqual(['zhanar@lyceum92.kz', 'petrov@lyceum92.kz']);
    expect(late[0].body).toContain(t('kk', 'mail.greeting', { teacher: 'Нұрова Жанар' }));
    expect(rt.mail.outbox.some((m) => m.to[0] === 'seitova@lyceum92.kz' || m.to[0] === 'omarov@lyceum92.kz')).toBe(
      false,
    );
    const rows = mailings(rt);
    expect(rows.find((r) => r.class === '8В')).toMatchObject({
      email: 'zhanar@lyceum92.kz',
      recipient: 'Нұрова Жанар',
      status: status('sent'),
    });
    expect(rows.find((r) => r.class === '9А')).toMatchObject({ email: '', status: status('invalid') });
    const report = toLibrarian(rt);
    expect(report).toHaveLength(1);
    expect(report[0].body).toContain(
      t('kk', 'mail.report.invalid', { class: '9А', teacher: 'Омаров Ерлан', email: '' }),
    );
  });
});

describe('class names spelled alike', () => {
  const twins: ClassSpec[] = [
    { name: '7В', teacher: 'Сейітова Әйгерім', email: 'seitova@lyceum92.kz', language: 'kk', debtors: 1, others: 0 },
    { name: '7B', teacher: 'Smith Anna', email: 'smith@lyceum92.kz', language: 'en', debtors: 1, others: 0 },
    { name: '5А', teacher: 'Ахметова Гүлнар', email: 'akhmetova@lyceum92.kz', language: 'kk', debtors: 1, others: 0 },
  ];

  it('a Cyrillic "7В" and a Latin "7B" are not merged: neither is emailed and the librarian is told', () => {
    const rt = library({ classes: twins });
    rt.call('sendDebtorEmailsNow');
    expect(toTeachers(rt).map((m) => m.to[0])).toEqual(['akhmetova@lyceum92.kz']);
    const report = toLibrarian(rt);
    expect(report).toHaveLength(1);
    for (const cls of ['7В', '7B']) {
      expect(report[0].body).toContain(t('kk', 'mail.report.clash', { class: cls, classes: '7В, 7B' }));
    }
    expect(report[0].body).not.toContain('Оқушы');
    // Renamed, the clash is gone: each class's teacher gets their own pupil only.
    setClassCell(rt, '7B', 'class', '7Г');
    const rows = rowsOf(rt, 'readers');
    const i = rows.findIndex((r) => r.code === 'R7B-1');
    sheetOf(rt, 'readers')
      .getRange(i + 2, columnOf(rt, 'readers', 'class') + 1)
      .setValue('7Г');
    rt.call('sendDebtorEmailsNow');
    const cyr = rt.mail.outbox.find((m) => m.to[0] === 'seitova@lyceum92.kz')!;
    expect(cyr.body).toContain(pupilName('7В', 1));
    expect(cyr.body).not.toContain(pupilName('7B', 1));
    expect(rt.mail.outbox.find((m) => m.to[0] === 'smith@lyceum92.kz')!.body).toContain(pupilName('7B', 1));
  });

  it('a class respelt after its email went ("5А" → "5 А") is not emailed again', () => {
    const rt = library();
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    const sent = rt.mail.outbox.length;
    setClassCell(rt, '5А', 'class', '5 А');
    rt.call('sendDebtorEmailsNow');
    expect(rt.mail.outbox).toHaveLength(sent);
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.send.nothing', { period: '2026-12' }));
  });
});

describe('a run that stops partway', () => {
  it('keeps its follow-up when the follow-up run fails, and sends the rest the day after', () => {
    const rt = library();
    rt.mail.setQuota(3);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    const dueColumn = columnOf(rt, 'loans', 'due') + 1;
    sheetOf(rt, 'loans').getRange(1, dueColumn).setValue('Мерзім?');
    rt.fireTriggers(at('2026-12-02', '12:00'));
    expect(toLibrarian(rt)).toHaveLength(1); // the error
    expect(followUps(rt)).toHaveLength(1);
    sheetOf(rt, 'loans').getRange(1, dueColumn).setValue(t('kk', 'col.loans.due'));
    rt.fireTriggers(at('2026-12-03', '12:00'));
    expect(
      toTeachers(rt)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(
      withDebtors()
        .map((c) => c.email)
        .sort(),
    );
    expect(followUps(rt)).toHaveLength(0);
  });

  it('a follow-up that finds another run holding the lock tries again an hour later', () => {
    const rt = library();
    rt.mail.setQuota(3);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    rt.lock.holdByOther('script', at('2026-12-02', '12:30'));
    rt.fireTriggers(at('2026-12-02', '12:20'));
    expect(followUps(rt)).toHaveLength(1);
    expect(rt.triggers.nextRun(followUps(rt)[0].id)!.getTime()).toBeLessThan(at('2026-12-02', '14:00').getTime());
    rt.fireTriggers(at('2026-12-02', '14:00'));
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
    expect(toLibrarian(rt)).toHaveLength(0);
  });

  it('a new month’s list replaces last month’s emails still waiting (no class gets both)', () => {
    const rt = library();
    rt.mail.setQuota(0);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(mailings(rt).filter((r) => r.status === status('pending'))).toHaveLength(withDebtors().length);
    // The follow-ups stop after a few days; the quota comes back with the next month's run.
    rt.fireTriggers(at('2026-12-31', '12:00'));
    rt.mail.setQuota(100);
    rt.fireTriggers(at('2027-01-01', '12:00'));
    const to = toTeachers(rt).map((m) => m.to[0]);
    expect(new Set(to).size).toBe(to.length);
    expect(to).toHaveLength(CLASSES.length);
    expect(toTeachers(rt).every((m) => m.subject.includes('01.01.2027'))).toBe(true);
    expect(
      mailings(rt)
        .filter((r) => r.period === '2026-12')
        .every((r) => r.status === status('skipped')),
    ).toBe(true);
  });

  it('a "sent" mark that fails once is written again: nobody gets the email twice', () => {
    const rt = library();
    const sheets = flakySheets(rt, 1);
    armAfterSendingTo(rt, 'ivanova@lyceum92.kz', sheets);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    sheets.restore();
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
    expect(new Set(toTeachers(rt).map((m) => m.to[0])).size).toBe(withDebtors().length);
    expect(mailings(rt).every((r) => r.status === status('sent'))).toBe(true);
  });

  it('an email whose "sent" mark could not be written is reported to the librarian, not sent again', () => {
    const rt = library();
    const sheets = flakySheets(rt, 10);
    armAfterSendingTo(rt, 'ivanova@lyceum92.kz', sheets);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    sheets.restore();
    expect(toTeachers(rt)).toHaveLength(2);
    // The follow-up (kept, the run having stopped) sends the rest, and 6Б only to the librarian.
    rt.fireTriggers(at('2026-12-02', '12:00'));
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(toTeachers(rt).filter((m) => m.to[0] === 'ivanova@lyceum92.kz')).toHaveLength(1);
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
    const reports = toLibrarian(rt).filter(
      (m) => m.subject === t('kk', 'mail.report.subject', { library: '№92 лицей кітапханасы' }),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].body).toContain(
      t('kk', 'mail.report.failed', {
        class: '6Б',
        teacher: 'Иванова Ольга',
        email: 'ivanova@lyceum92.kz',
        error: t('kk', 'mail.interrupted'),
      }),
    );
  });

  it('flushes each row before its email and each "sent" mark before the next one', () => {
    const rt = library();
    // What Google holds is what the last flush pushed out: the Mailings rows as each flush left them.
    const statuses = () => new Map(mailings(rt).map((r) => [String(r.email), r.status]));
    const realApp = rt.globals.SpreadsheetApp as { flush(): void };
    let flushed = new Map<unknown, unknown>();
    rt.globals.SpreadsheetApp = new Proxy(realApp, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (key !== 'flush') return typeof v === 'function' ? v.bind(target) : v;
        return () => {
          v.call(target);
          flushed = statuses();
        };
      },
    });
    const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
    const sent: string[] = [];
    rt.globals.MailApp = {
      getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
      sendEmail(m: { to: string }) {
        // Flushed before it goes: this row "being sent", every earlier one "sent".
        expect(flushed.get(m.to), m.to).toBe(status('sending'));
        for (const before of sent) expect(flushed.get(before), before).toBe(status('sent'));
        real.sendEmail(m);
        sent.push(m.to);
      },
    };
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(sent).toHaveLength(withDebtors().length);
    // The last "sent" mark is flushed too, before the run ends.
    for (const to of sent) expect(flushed.get(to), to).toBe(status('sent'));
  });

  it('a monthly trigger fired a few minutes before midnight on the last day sends the next month’s emails', () => {
    const rt = library();
    rt.clock.set(new Date('2026-11-30T23:50:00+05:00'));
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(new Set(mailings(rt).map((r) => r.period))).toEqual(new Set(['2026-12']));
    rt.fireTriggers(at('2026-12-01', '12:00'));
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
  });

  it('installs the monthly trigger at 01:00 when the hour setting is 0', () => {
    const rt = library();
    setSetting(rt, 'monthlyEmailHour', '0');
    rt.call('turnOnMonthlyEmails');
    const tr = rt.triggers.list().find((x) => x.handler === 'monthlyDebtorsTrigger')!;
    expect(rt.triggers.nextRun(tr.id)).toEqual(at('2026-12-01', '01:00'));
  });
});

describe('failed emails, preview and send now', () => {
  it('the preview counts the failed emails Send now tries again, and Send now confirms that number', () => {
    const rt = library();
    let failing = true;
    flakyMail(rt, (to) => failing && to === 'smith@lyceum92.kz');
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(mailings(rt).find((r) => r.class === '7А')!.status).toBe(status('failed'));
    failing = false;
    rt.call('previewDebtorEmails');
    const dialog = rt.ui.log[rt.ui.log.length - 1];
    const content = 'content' in dialog ? dialog.content : '';
    expect(content).toContain(t('kk', 'debtors.preview.count', { count: 1, quota: 100 - withDebtors().length }));
    expect(content).toContain('smith@lyceum92.kz');
    rt.ui.queueResponse({ button: 'NO' });
    rt.call('sendDebtorEmailsNow');
    expect(rt.ui.log.some((d) => 'message' in d && d.message === t('kk', 'debtors.send.confirm', { count: 1 }))).toBe(
      true,
    );
    expect(toTeachers(rt).filter((m) => m.to[0] === 'smith@lyceum92.kz')).toHaveLength(0);
    rt.call('sendDebtorEmailsNow');
    expect(toTeachers(rt).filter((m) => m.to[0] === 'smith@lyceum92.kz')).toHaveLength(1);
  });

  it('says there was nothing due (not "already sent") when no class has debtors', () => {
    const rt = library({ classes: CLASSES.map((c) => ({ ...c, debtors: 0 })) });
    rt.call('sendDebtorEmailsNow');
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.send.noneDue', { period: '2026-11' }));
  });

  it('the librarian’s report of one kind of email does not list the other kind’s problems', () => {
    const classes = CLASSES.map((c) => (c.name === '6Б' ? { ...c, email: 'ivanova at lyceum92' } : c));
    const rt = library({ classes });
    rt.call('turnOnMonthlyEmails');
    rt.call('turnOnVisitsSummary');
    rt.fireTriggers(at('2027-01-05', '12:00'));
    const line = t('kk', 'mail.report.invalid', {
      class: '6Б',
      teacher: 'Иванова Ольга',
      email: 'ivanova at lyceum92',
    });
    const reports = toLibrarian(rt);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const r of reports) expect(r.body.split(line).length - 1).toBe(1);
  });
});

describe('the trigger limit and mail that cannot go out', () => {
  it('keeps one of the 20 trigger slots free, so a spent quota still gets its follow-up', () => {
    const rt = library();
    const app = rt.globals.ScriptApp as unknown as {
      newTrigger(fn: string): { timeBased(): { everyDays(n: number): { create(): unknown } } };
    };
    // Setup's "on change" trigger and 17 others: 18 of the 20 slots.
    for (let i = 0; i < 17; i++) app.newTrigger(`job${i}`).timeBased().everyDays(1).create();
    rt.call('turnOnMonthlyEmails');
    rt.call('turnOnVisitsSummary');
    expect(lastAlert(rt)).toBe(t('kk', 'trigger.error.tooMany', { count: 19 }));
    rt.mail.setQuota(3);
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(followUps(rt)).toHaveLength(1);
    expect(rt.triggers.list()).toHaveLength(20);
  });

  it('a follow-up that cannot be installed is logged, and with the quota spent the status shows it', () => {
    const rt = library();
    rt.mail.setQuota(3);
    rt.call('turnOnMonthlyEmails');
    // Other scripts' triggers of this account fill the slots after ours (and Setup's "on change" one) were installed.
    const app = rt.globals.ScriptApp as unknown as {
      newTrigger(fn: string): { timeBased(): { everyDays(n: number): { create(): unknown } } };
    };
    for (let i = 0; i < 18; i++) app.newTrigger(`job${i}`).timeBased().everyDays(1).create();
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(toTeachers(rt)).toHaveLength(3);
    const actions = rowsOf(rt, 'log').map((r) => r.action);
    expect(actions).toContain(t('kk', 'log.followUpError'));
    expect(actions).toContain(t('kk', 'log.mailRun'));
    expect(actions).toContain(t('kk', 'log.taskError'));
    rt.call('showMailStatus');
    expect(lastAlert(rt)).toContain(
      t('kk', 'mail.followUp.failed', {
        count: withDebtors().length - 3,
        error: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      }),
    );
    // Shown once.
    rt.call('showMailStatus');
    expect(lastAlert(rt)).not.toContain(t('kk', 'task.monthly'));
  });

  it('a follow-up that still finds the quota spent after a few days stops, and the status says why', () => {
    const rt = library();
    rt.mail.setQuota(0);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    const fired = rt.fireTriggers(at('2026-12-20', '12:00'));
    expect(fired.filter((f) => f.functionName === 'mailFollowUpTrigger')).toHaveLength(3);
    expect(followUps(rt)).toHaveLength(0);
    rt.call('showMailStatus');
    expect(lastAlert(rt)).toContain(t('kk', 'mail.followUp.stopped', { count: withDebtors().length, days: 3 }));
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 9: nothing lost, nobody where they don't belong

/** Every Range.setValues and Sheet.appendRow of the workbook: the sheet it wrote and who held the document lock then. */
function recordWrites(rt: Runtime) {
  const proto = Object.getPrototypeOf(rt.spreadsheet.getSheets()[0].getRange(1, 1)) as {
    setValues(v: unknown): unknown;
    getSheet(): { getName(): string };
  };
  const sheetProto = Object.getPrototypeOf(rt.spreadsheet.getSheets()[0]) as {
    appendRow(v: unknown): unknown;
    getName(): string;
  };
  const original = proto.setValues;
  const originalAppend = sheetProto.appendRow;
  const writes: Array<{ sheet: string; lock: string; execution: number }> = [];
  const record = (sheet: string) =>
    writes.push({ sheet, lock: rt.lock.state('document'), execution: rt.lock.currentExecution() });
  proto.setValues = function (this: typeof proto, v: unknown) {
    record(this.getSheet().getName());
    return original.call(this, v);
  };
  sheetProto.appendRow = function (this: typeof sheetProto, v: unknown) {
    record(this.getName());
    return originalAppend.call(this, v);
  };
  return {
    writes,
    restore: () => {
      proto.setValues = original;
      sheetProto.appendRow = originalAppend;
    },
  };
}

describe('the document lock', () => {
  it('is held for the Debtors rows and the Log row when the Debtors sheet had to be created first', () => {
    const rt = library();
    rt.spreadsheet.deleteSheet(sheetOf(rt, 'debtors'));
    const { writes, restore } = recordWrites(rt);
    try {
      rt.call('buildDebtorList');
    } finally {
      restore();
    }
    expect(lastAlert(rt)).toBe(t('kk', 'debtors.built', { debtors: 11, books: 17, classes: 6 }));
    const debtorsName = sheetOf(rt, 'debtors').getName();
    const logName = sheetOf(rt, 'log').getName();
    const shared = writes.filter((w) => w.sheet === debtorsName || w.sheet === logName);
    expect(shared.filter((w) => w.sheet === debtorsName).length).toBeGreaterThan(0);
    expect(shared.filter((w) => w.sheet === logName).length).toBeGreaterThan(0);
    for (const w of shared) expect(w, `${w.sheet}`).toMatchObject({ lock: `execution:${w.execution}` });
    // Released when the action ends.
    expect(rt.lock.state('document')).toBe('none');
  });

  it('is held for the Debtors rows and the Log rows of a monthly run that had to create the Debtors sheet', () => {
    const rt = library();
    rt.spreadsheet.deleteSheet(sheetOf(rt, 'debtors'));
    rt.call('turnOnMonthlyEmails');
    const { writes, restore } = recordWrites(rt);
    try {
      rt.fireTriggers(at('2026-12-01', '12:00'));
    } finally {
      restore();
    }
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
    const debtorsName = sheetOf(rt, 'debtors').getName();
    const logName = sheetOf(rt, 'log').getName();
    const shared = writes.filter((w) => w.sheet === debtorsName || w.sheet === logName);
    expect(shared.length).toBeGreaterThan(1);
    for (const w of shared) expect(w, `${w.sheet}`).toMatchObject({ lock: `execution:${w.execution}` });
  });
});

describe('the Mailings ledger, sorted while a run sends', () => {
  /** After every email MailApp sends, the librarian sorts the Mailings sheet by another column. */
  function sortAfterEachSend(rt: Runtime): void {
    const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
    const sheet = sheetOf(rt, 'mailings');
    const orders = [
      { column: columnOf(rt, 'mailings', 'class') + 1, ascending: false },
      { column: columnOf(rt, 'mailings', 'email') + 1, ascending: true },
      { column: columnOf(rt, 'mailings', 'class') + 1, ascending: true },
    ];
    let n = 0;
    rt.globals.MailApp = {
      getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
      sendEmail(m: { to: string }) {
        real.sendEmail(m);
        const o = orders[n++ % orders.length];
        sheet.sort(o.column, o.ascending);
      },
    };
  }

  it('marks "sent" the row of the email that went, found by its period, kind and class, not by row number', () => {
    const rt = library();
    sortAfterEachSend(rt);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(
      toTeachers(rt)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(
      withDebtors()
        .map((c) => c.email)
        .sort(),
    );
    const rows = mailings(rt);
    expect(rows).toHaveLength(withDebtors().length);
    for (const c of withDebtors()) {
      expect(
        rows.filter((r) => r.class === c.name),
        c.name,
      ).toEqual([expect.objectContaining({ email: c.email, recipient: c.teacher, status: status('sent') })]);
    }
    // Nothing was left "being sent" or reported, and a second run sends nothing.
    expect(toLibrarian(rt)).toHaveLength(0);
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
  });

  it('with the quota spent partway and the sheet sorted, the follow-up sends exactly the ones still waiting', () => {
    const rt = library();
    rt.mail.setQuota(3);
    sortAfterEachSend(rt);
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(toTeachers(rt)).toHaveLength(3);
    const sentTo = new Set(toTeachers(rt).map((m) => m.to[0]));
    for (const r of mailings(rt))
      expect(r.status, String(r.class)).toBe(sentTo.has(String(r.email)) ? status('sent') : status('pending'));
    rt.fireTriggers(at('2026-12-02', '12:00'));
    const to = toTeachers(rt).map((m) => m.to[0]);
    expect(to.sort()).toEqual(
      withDebtors()
        .map((c) => c.email)
        .sort(),
    );
    expect(mailings(rt).every((r) => r.status === status('sent'))).toBe(true);
    expect(followUps(rt)).toHaveLength(0);
  });

  it('writes again a row the librarian deleted while its email went, so it is not sent a second time', () => {
    const rt = library();
    const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
    const sheet = sheetOf(rt, 'mailings');
    rt.globals.MailApp = {
      getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
      sendEmail(m: { to: string }) {
        real.sendEmail(m);
        // The librarian deletes the row of 6Б's email right while it goes.
        if (m.to === 'ivanova@lyceum92.kz') {
          const values = sheet.peekValues();
          const email = columnOf(rt, 'mailings', 'email');
          sheet.deleteRow(values.findIndex((r) => r[email] === m.to) + 1);
        }
      },
    };
    rt.call('turnOnMonthlyEmails');
    rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(mailings(rt).filter((r) => r.class === '6Б')).toEqual([
      expect.objectContaining({ email: 'ivanova@lyceum92.kz', status: status('sent') }),
    ]);
    rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
    expect(toTeachers(rt).filter((m) => m.to[0] === 'ivanova@lyceum92.kz')).toHaveLength(1);
    expect(toTeachers(rt)).toHaveLength(withDebtors().length);
  });
});

describe('a run stopped at the time limit in the middle of sending', () => {
  it('leaves a follow-up, installed before the first email, that sends the rest: every teacher gets exactly one email', () => {
    const rt = library();
    rt.call('turnOnMonthlyEmails');
    // Apps Script stops the run right after its third email, before that row is marked "sent".
    rt.stopExecutionAfter(3, 'MailApp.sendEmail');
    const [run] = rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(String((run.error as Error)?.message ?? run.error)).toContain('Exceeded maximum execution time');
    expect(rt.stopped).toHaveLength(1);
    expect(toTeachers(rt)).toHaveLength(3);
    const third = toTeachers(rt)[2].to[0];
    expect(mailings(rt).filter((r) => r.status === status('pending'))).toHaveLength(withDebtors().length - 3);
    expect(followUps(rt)).toHaveLength(1);

    rt.fireTriggers(at('2026-12-02', '12:00'));
    const to = toTeachers(rt).map((m) => m.to[0]);
    expect(to.sort()).toEqual(
      withDebtors()
        .map((c) => c.email)
        .sort(),
    );
    // The row that was "being sent" when the run stopped is reported to the librarian, never sent again.
    const cls = withDebtors().find((c) => c.email === third)!;
    expect(mailings(rt).find((r) => r.class === cls.name)).toMatchObject({ status: status('failed') });
    expect(toLibrarian(rt)).toHaveLength(1);
    expect(toLibrarian(rt)[0].body).toContain(
      t('kk', 'mail.report.failed', {
        class: cls.name,
        teacher: cls.teacher,
        email: cls.email,
        error: t('kk', 'mail.interrupted'),
      }),
    );
    expect(followUps(rt)).toHaveLength(0);
    expect(mailings(rt).filter((r) => r.status === status('pending'))).toHaveLength(0);
  });
});

describe('the quota running out in the middle of a run', () => {
  it('leaves the rest waiting with a follow-up when MailApp says "too many times" after k emails, and sends nothing twice', () => {
    const rt = library();
    // The run reads a quota of 100; after its second email the account's other mail uses up the day.
    const real = rt.globals.MailApp as { sendEmail(m: { to: string }): void; getRemainingDailyQuota(): number };
    let sent = 0;
    const attempts: string[] = [];
    rt.globals.MailApp = {
      getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
      sendEmail(m: { to: string }) {
        attempts.push(m.to);
        real.sendEmail(m);
        if (++sent === 2) rt.mail.spendElsewhere(real.getRemainingDailyQuota());
      },
    };
    rt.call('turnOnMonthlyEmails');
    const [run] = rt.fireTriggers(at('2026-12-01', '12:00'));
    expect(run.error).toBeUndefined();
    expect(toTeachers(rt)).toHaveLength(2);
    // The third email met the quota error: it and the rest wait, none is "failed" or "being sent".
    expect(attempts).toHaveLength(3);
    const rows = mailings(rt);
    expect(rows.filter((r) => r.status === status('sent'))).toHaveLength(2);
    expect(rows.filter((r) => r.status === status('pending'))).toHaveLength(withDebtors().length - 2);
    expect(rows.find((r) => r.email === attempts[2])).toMatchObject({ status: status('pending'), details: '' });
    expect(followUps(rt)).toHaveLength(1);
    expect(rowsOf(rt, 'log').some((r) => r.action === t('kk', 'log.mailFailed'))).toBe(false);
    const runLog = String(rowsOf(rt, 'log').find((r) => r.action === t('kk', 'log.mailRun'))!.details);
    expect(runLog).toContain(
      t('kk', 'log.mailRun.details', {
        task: t('kk', 'task.monthly'),
        sent: 2,
        pending: withDebtors().length - 2,
        invalid: 0,
        failed: 0,
        skipped: 0,
      }),
    );

    // The next day the follow-up sends the rest, each once, and removes itself.
    rt.fireTriggers(at('2026-12-02', '12:00'));
    const to = toTeachers(rt).map((m) => m.to[0]);
    expect(new Set(to).size).toBe(to.length);
    expect(to.sort()).toEqual(
      withDebtors()
        .map((c) => c.email)
        .sort(),
    );
    expect(mailings(rt).every((r) => r.status === status('sent'))).toBe(true);
    expect(followUps(rt)).toHaveLength(0);
    expect(toLibrarian(rt)).toHaveLength(0);
  });
});

describe('the monthly run stopped at any service call', () => {
  it('never sends an email twice, and a planned one goes once or is reported as interrupted', () => {
    // How many service calls the whole run makes, stopped nowhere, and how many before its first email.
    const whole = library();
    whole.call('turnOnMonthlyEmails');
    const real = whole.globals.MailApp as { sendEmail(m: unknown): void; getRemainingDailyQuota(): number };
    let firstEmail = 0;
    whole.globals.MailApp = {
      getRemainingDailyQuota: () => real.getRemainingDailyQuota(),
      sendEmail(m: unknown) {
        firstEmail ||= whole.counters.snapshot().totalCalls;
        real.sendEmail(m);
      },
    };
    whole.counters.reset();
    whole.fireTriggers(at('2026-12-01', '12:00'));
    const calls = whole.counters.snapshot().totalCalls;
    expect(toTeachers(whole)).toHaveLength(withDebtors().length);
    // Every 16th call (STOP_STEP=1: every call, a few minutes), and each of the calls that write the
    // month's plan and lead to the first email.
    const step = Number(process.env.STOP_STEP ?? 16);
    const points = new Set<number>();
    for (let k = 1; k < calls; k += step) points.add(k);
    for (let k = Math.max(1, firstEmail - 20); k <= firstEmail; k++) points.add(k);
    let planned = 0;
    // One library, put back as it was before each stopped run (a new one per point loads it afresh).
    const rt = library();
    rt.call('turnOnMonthlyEmails');
    const startOver = capture(rt);
    for (const k of [...points].sort((a, b) => a - b)) {
      startOver();
      rt.stopped.length = 0;
      rt.stopExecutionAfter(k);
      rt.fireTriggers(at('2026-12-01', '12:00'));
      expect(rt.stopped, `stopped after ${k}`).toHaveLength(1);
      // The follow-ups of the next days finish what the stopped run began.
      rt.fireTriggers(at('2026-12-05', '12:00'));
      const why = `stopped after ${k} calls at ${rt.stopped[0].refused}`;
      const to = toTeachers(rt).map((m) => m.to[0]);
      expect(new Set(to).size, why).toBe(to.length);
      const rows = mailings(rt).filter((r) => r.class !== '');
      expect(
        mailings(rt).filter((r) => r.status === status('pending') || r.status === status('sending')),
        why,
      ).toEqual([]);
      expect(followUps(rt), why).toHaveLength(0);
      if (rows.length === 0) {
        // Stopped before the month's plan was written: nothing went out (Send now or next month sends it).
        expect(to, why).toEqual([]);
        continue;
      }
      planned++;
      const reports = toLibrarian(rt)
        .map((m) => m.body)
        .join('\n');
      for (const c of withDebtors()) {
        const row = rows.find((r) => r.class === c.name)!;
        const got = to.filter((x) => x === c.email).length;
        if (row.status === status('sent')) expect(got, `${why}: ${c.name}`).toBe(1);
        else {
          expect(row, `${why}: ${c.name}`).toMatchObject({
            status: status('failed'),
            details: t('kk', 'mail.interrupted'),
          });
          expect(got, `${why}: ${c.name}`).toBeLessThanOrEqual(1);
          expect(reports, `${why}: ${c.name}`).toContain(
            t('kk', 'mail.report.failed', {
              class: c.name,
              teacher: c.teacher,
              email: c.email,
              error: t('kk', 'mail.interrupted'),
            }),
          );
        }
      }
    }
    expect(planned).toBeGreaterThan(5);
    // STOP_STEP=1 stops it at every call (a few minutes).
  }, 600_000);
});
