/**
 * The circulation desk, driven through the sidebar's server functions of the built bundle, as
 * google.script.run would call them.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { findDate } from '../../emulator/script-run';
import { t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { addRows, at, columnOf, libraryRuntime, rowsOf, sheetOf } from '../support/library';

type Reply = {
  ok: boolean;
  message: string;
  warnings?: string[];
  form?: {
    code: string;
    row: number;
    loans: Array<{ inventory: string; due: string; overdue: boolean }>;
    overdueCount: number;
  };
};

/** A calendar day of a sheet value, as the librarian in Almaty reads it. */
const dk = (v: unknown) => (v instanceof Date ? v.toLocaleDateString('sv-SE', { timeZone: 'Asia/Almaty' }) : v);

function lyceum(now = at('2026-11-25')): Runtime {
  const rt = libraryRuntime({ now });
  seedLyceum(rt);
  return rt;
}

function call(rt: Runtime, name: string, ...args: unknown[]): Reply {
  const reply = rt.call(name, ...args) as Reply;
  // google.script.run refuses a Date anywhere in a reply: the desk never sends one.
  expect(findDate(reply, 'reply')).toBeNull();
  return reply;
}

/** Any sidebar call; its reply, like every reply, holds no Date. */
function callAny(rt: Runtime, name: string, ...args: unknown[]): unknown {
  const reply = rt.call(name, ...args);
  expect(findDate(reply, 'reply')).toBeNull();
  return reply;
}

/** Everything the librarian keeps (values and formats of every sheet, the log too), to compare around a refusal. */
function snapshot(rt: Runtime): string {
  return JSON.stringify(
    rt.spreadsheet.getSheets().map((s) => {
      const rows = Math.max(s.getLastRow(), 1);
      const cols = Math.max(s.getLastColumn(), 1);
      return [s.getName(), s.getMaxRows(), s.peekValues(), s.getRange(1, 1, rows, cols).getNumberFormats()];
    }),
  );
}

const copyRow = (rt: Runtime, inventory: string) => rowsOf(rt, 'copies').find((r) => r.inventory === inventory)!;

describe('issue', () => {
  it('writes one loan row, marks the copy, keeps what the reader holds on their row and logs a sentence', () => {
    const rt = lyceum();
    const r = call(rt, 'deskIssue', '00123', '000103');
    expect(r.ok).toBe(true);
    expect(r.message).toBe(
      t('kk', 'desk.issued', {
        title: 'Мұхтар Әуезов. Абай жолы',
        inventory: '000103',
        reader: 'Әлиева Аружан',
        due: '09.12.2026',
      }),
    );
    const loans = rowsOf(rt, 'loans');
    expect(loans).toHaveLength(1);
    expect(loans[0]).toMatchObject({
      inventory: '000103',
      reader: '00123',
      title: 'Мұхтар Әуезов. Абай жолы',
      renewals: 0,
      status: 'оқырманда',
      returned: '',
      librarian: 'librarian@lyceum92.kz',
    });
    expect(dk(loans[0].issued)).toBe('2026-11-25');
    expect(dk(loans[0].due)).toBe('2026-12-09');
    expect(copyRow(rt, '000103')).toMatchObject({ status: 'берілген', reader: '00123', loanId: loans[0].loanId });
    expect(dk(copyRow(rt, '000103').due)).toBe('2026-12-09');
    expect(r.form!.loans.map((l) => l.inventory)).toEqual(['000103']);
    const reader = rowsOf(rt, 'readers').find((x) => x.code === '00123')!;
    expect(dk(reader.lastVisit)).toBe('2026-11-25');
    expect(JSON.parse(String(reader.onLoan))).toEqual([
      ['000103', 'F2', 'fiction', '2026-12-09', loans[0].loanId, 0, 'Мұхтар Әуезов. Абай жолы', '2026-11-25'],
    ]);
    // A desk visit is a day on the Loans sheet: no Visits row per scan.
    expect(rowsOf(rt, 'visits')).toEqual([]);
    const log = rowsOf(rt, 'log').pop()!;
    expect(log.action).toBe(t('kk', 'log.issue'));
    expect(log.details).toBe(
      t('kk', 'log.issue.details', {
        title: 'Мұхтар Әуезов. Абай жолы',
        inventory: '000103',
        reader: 'Әлиева Аружан (7А)',
        code: '00123',
        due: '09.12.2026',
      }),
    );
  });

  it('keeps reader codes and inventory numbers as typed (00123 keeps its zeros)', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000101');
    const loans = sheetOf(rt, 'loans');
    const row = loans.peekValues()[1];
    expect(row).toContain('00123');
    expect(row).toContain('000101');
  });

  it('warns, without refusing, when the reader already holds the title or has an overdue book', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    const same = call(rt, 'deskIssue', '00123', '000104');
    expect(same.ok).toBe(true);
    expect(same.warnings).toEqual([t('kk', 'desk.warn.sameTitle', { reader: 'Әлиева Аружан', inventory: '000103' })]);
    rt.clock.set(at('2026-12-14'));
    const late = call(rt, 'deskIssue', '00123', '000101');
    expect(late.ok).toBe(true);
    expect(late.warnings).toEqual([t('kk', 'desk.warn.overdue', { reader: 'Әлиева Аружан', count: 2 })]);
  });

  it('issues a textbook until the end of the school year, moved off a Tuesday', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '700001');
    // 25 May 2027 is a Tuesday, the methodical day.
    expect(dk(copyRow(rt, '700001').due)).toBe('2027-05-26');
  });
});

describe('due dates never fall on a closed day', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['on a Tuesday (methodical day)', '2026-11-24', '000103', 'fiction', '2026-12-09'],
    [
      'on the 30th, the last day of November (cleaning day), then a Tuesday',
      '2026-11-16',
      '000103',
      'fiction',
      '2026-12-02',
    ],
    // 31.12 cleaning day, 1-2.01 New Year, 3.01 Sunday, 4.01 the day off for 2 January (a Saturday,
    // on the Closed days sheet since Setup), 5.01 Tuesday: 6 January.
    ['on the 31st, then New Year holidays and a weekend', '2026-12-17', '000103', 'fiction', '2027-01-06'],
    ['on a public holiday (Independence Day, two days)', '2026-12-09', '000201', 'reference', '2026-12-18'],
  ];
  it.each(cases)('a due date %s moves to the next open day', (_what, issued, inventory, _kind, due) => {
    const rt = lyceum(at(issued));
    const r = call(rt, 'deskIssue', '00201', inventory);
    expect(r.ok, r.message).toBe(true);
    expect(dk(copyRow(rt, inventory).due)).toBe(due);
  });

  it('follows holidays the librarian adds to the Closed days sheet', () => {
    const rt = lyceum();
    addRows(rt, 'schedule', [{ from: at('2026-12-09', '00:00'), to: at('2026-12-11', '00:00'), kind: 'демалыс' }]);
    call(rt, 'deskIssue', '00123', '000103');
    expect(dk(copyRow(rt, '000103').due)).toBe('2026-12-14');
  });
});

describe('refusals write nothing and say why', () => {
  const refusals: Array<[string, (rt: Runtime) => void, string, unknown[], string]> = [
    [
      'an unknown reader',
      () => {},
      'deskIssue',
      ['99999', '000101'],
      t('kk', 'desk.error.unknownReader', { query: '99999' }),
    ],
    [
      'an unknown copy',
      () => {},
      'deskIssue',
      ['00123', '999999'],
      t('kk', 'desk.error.unknownCopy', { inventory: '999999' }),
    ],
    [
      'a copy already on loan (saying to whom)',
      (rt) => call(rt, 'deskIssue', '00124', '000101'),
      'deskIssue',
      ['00123', '000101'],
      t('kk', 'desk.error.onLoan', { inventory: '000101', holder: 'Бекова Дана (7А)', due: '09.12.2026' }),
    ],
    [
      'a lost copy',
      () => {},
      'deskIssue',
      ['00123', '000301'],
      t('kk', 'desk.error.notAvailable', { inventory: '000301', status: 'жоғалған' }),
    ],
    [
      'a written-off copy',
      () => {},
      'deskIssue',
      ['00123', '000302'],
      t('kk', 'desk.error.notAvailable', { inventory: '000302', status: 'есептен шығарылған' }),
    ],
    [
      'a reader who left',
      () => {},
      'deskIssue',
      ['00202', '000101'],
      t('kk', 'desk.error.readerLeft', { reader: 'Омарова Айгерім' }),
    ],
    [
      'the loan limit of the category',
      (rt) => {
        for (const inv of ['000101', '000102', '000103', '000104', '000105']) call(rt, 'deskIssue', '00123', inv);
      },
      'deskIssue',
      ['00123', '000106'],
      t('kk', 'desk.error.limit', { reader: 'Әлиева Аружан', count: 5, limit: 5 }),
    ],
    [
      'returning a copy that is not on loan',
      () => {},
      'deskReturn',
      ['000101'],
      t('kk', 'desk.error.notOnLoan', { inventory: '000101' }),
    ],
    [
      'renewing a textbook',
      (rt) => call(rt, 'deskIssue', '00123', '700001'),
      'deskRenew',
      ['700001'],
      t('kk', 'desk.error.renewTextbook'),
    ],
    [
      'renewing on the day of issue (the due date would not move)',
      (rt) => call(rt, 'deskIssue', '00123', '000103'),
      'deskRenew',
      ['000103'],
      t('kk', 'desk.error.renewNoGain', { due: '09.12.2026' }),
    ],
    ['an empty scan', () => {}, 'deskIssue', ['00123', '  '], t('kk', 'desk.error.empty')],
  ];

  it.each(refusals)('refuses %s', (_what, before, fn, args, message) => {
    const rt = lyceum();
    before(rt);
    const sheets = snapshot(rt);
    const r = call(rt, fn, ...args);
    // Every desk refusal names the guide's section that says what to do.
    expect(r).toEqual({ ok: false, message, help: 'trouble-desk' });
    expect(snapshot(rt)).toBe(sheets);
  });

  it('textbooks do not count towards the loan limit', () => {
    const rt = lyceum();
    for (const inv of ['000101', '000102', '000103', '000104', '000105']) call(rt, 'deskIssue', '00123', inv);
    expect(call(rt, 'deskIssue', '00123', '700001').ok).toBe(true);
  });

  it('a teacher has a higher limit than a pupil', () => {
    const rt = lyceum();
    for (const inv of ['000101', '000102', '000103', '000104', '000105', '000106']) {
      expect(call(rt, 'deskIssue', 'T001', inv).ok).toBe(true);
    }
  });

  it('names a missing column instead of failing obscurely', () => {
    const rt = lyceum();
    const copies = sheetOf(rt, 'copies');
    copies.getRange(1, 1).setValue('Инв.');
    const sheets = snapshot(rt);
    const r = call(rt, 'deskIssue', '00123', '000101');
    expect(r).toEqual({
      ok: false,
      message: t('kk', 'error.missingColumn', { sheet: 'Даналар', column: 'Инвентарлық нөмір' }),
      help: 'trouble-workbook',
    });
    expect(snapshot(rt)).toBe(sheets);
  });

  it('checks every column it will write before the first write: a lost book with no Returned column writes nothing', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    rt.userEdit(t('kk', 'sheet.loans'), 1, columnOf(rt, 'loans', 'returned') + 1, [['Қайтарылды (ескі)']]);
    const sheets = snapshot(rt);
    const r = call(rt, 'deskLost', '000103', '000999');
    expect(r).toEqual({
      ok: false,
      message: t('kk', 'error.missingColumn', { sheet: t('kk', 'sheet.loans'), column: 'Қайтарылған күні' }),
      help: 'trouble-workbook',
    });
    expect(snapshot(rt)).toBe(sheets);
  });

  it('refuses to renew an overdue book, so the debt is not hidden', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    rt.clock.set(at('2026-12-14'));
    const sheets = snapshot(rt);
    expect(call(rt, 'deskRenew', '000103')).toEqual({
      ok: false,
      message: t('kk', 'desk.error.renewOverdue', { inventory: '000103', days: 5 }),
      help: 'trouble-desk',
    });
    expect(snapshot(rt)).toBe(sheets);
  });
});

describe('return by scanning the copy only', () => {
  it('finds the open loan, fills the return date and frees the copy; history stays', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    rt.clock.set(at('2026-12-02'));
    const r = call(rt, 'deskReturn', '000103');
    expect(r.ok).toBe(true);
    expect(r.message).toBe(
      t('kk', 'desk.returned', { title: 'Мұхтар Әуезов. Абай жолы', inventory: '000103', reader: 'Әлиева Аружан' }),
    );
    const loans = rowsOf(rt, 'loans');
    expect(loans).toHaveLength(1);
    expect(loans[0].status).toBe('қайтарылды');
    expect(dk(loans[0].returned)).toBe('2026-12-02');
    expect(copyRow(rt, '000103')).toMatchObject({ status: 'қорда', reader: '', loanId: '', due: '' });
  });

  it('warns when the book was on loan to someone other than the reader at the desk', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00201', '000103');
    const r = call(rt, 'deskReturn', '000103', '00123');
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      t('kk', 'desk.returnedOther', {
        title: 'Мұхтар Әуезов. Абай жолы',
        inventory: '000103',
        holder: 'Серікбаев Нұрлан (10Б)',
      }),
    ]);
  });

  it('says how late an overdue book came back', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    rt.clock.set(at('2026-12-14'));
    const r = call(rt, 'deskReturn', '000103');
    expect(r.message).toContain(t('kk', 'desk.returnedLate', { days: 5 }));
  });

  it('finds the loan even when the librarian sorted the Loans sheet', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00124', '000101');
    call(rt, 'deskIssue', '00123', '000103');
    sheetOf(rt, 'loans').getRange(2, 1, 2, sheetOf(rt, 'loans').getLastColumn()).sort({ column: 4, ascending: false });
    expect(call(rt, 'deskReturn', '000101').ok).toBe(true);
    expect(rowsOf(rt, 'loans').find((l) => l.inventory === '000101')!.status).toBe('қайтарылды');
    expect(rowsOf(rt, 'loans').find((l) => l.inventory === '000103')!.status).toBe('оқырманда');
  });
});

describe('renew', () => {
  it('moves the due date a loan period from today, up to the limit of renewals', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    rt.clock.set(at('2026-12-03'));
    const r = call(rt, 'deskRenew', '000103');
    expect(r.ok, r.message).toBe(true);
    // 3 December + 14 days = 17 December, a holiday → 18 December.
    expect(dk(copyRow(rt, '000103').due)).toBe('2026-12-18');
    expect(rowsOf(rt, 'loans')[0].renewals).toBe(1);
    rt.clock.set(at('2026-12-10'));
    expect(call(rt, 'deskRenew', '000103').ok).toBe(true);
    rt.clock.set(at('2026-12-23'));
    const third = call(rt, 'deskRenew', '000103');
    expect(third).toEqual({
      ok: false,
      message: t('kk', 'desk.error.renewLimit', { inventory: '000103', count: 2, limit: 2 }),
      help: 'trouble-desk',
    });
  });
});

describe('lost book', () => {
  it('closes the loan as lost and replaced, marks the copy lost, and adds the equal replacement to the fund', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    const r = call(rt, 'deskLost', '000103', '000999');
    expect(r.ok, r.message).toBe(true);
    const loan = rowsOf(rt, 'loans')[0];
    expect(loan.status).toBe('жоғалды, орнына берілді');
    expect(copyRow(rt, '000103')).toMatchObject({ status: 'жоғалған', reader: '' });
    expect(copyRow(rt, '000999')).toMatchObject({ titleId: 'F2', status: 'қорда', condition: 'жаңа', price: 2500 });
    expect(copyRow(rt, '000999').source).toBe(
      t('kk', 'desk.replacementSource', { inventory: '000103', loanId: loan.loanId as string }),
    );
    expect(rowsOf(rt, 'log').map((l) => l.action)).toContain(t('kk', 'log.lostReplaced'));
    expect(r.form!.loans).toEqual([]);
    // The replacement can be issued at once.
    expect(call(rt, 'deskIssue', '00124', '000999').ok).toBe(true);
  });

  it('refuses a replacement number that is already in the fund', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    const sheets = snapshot(rt);
    expect(call(rt, 'deskLost', '000103', '000101')).toEqual({
      ok: false,
      message: t('kk', 'desk.error.replacementExists', { inventory: '000101' }),
      help: 'trouble-desk',
    });
    expect(snapshot(rt)).toBe(sheets);
  });

  it('stores a replacement number that looks like a formula as plain text', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    expect(call(rt, 'deskLost', '000103', '=IMPORTXML("http://x")').ok).toBe(true);
    const copies = sheetOf(rt, 'copies');
    const last = copies.getLastRow();
    expect(copies.peekCell(last, 1)).toMatchObject({ value: '=IMPORTXML("http://x")', formula: null });
  });
});

describe('the reader form', () => {
  it('finds a reader by code, by part of the name, or lists a class', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    const byCode = callAny(rt, 'deskFindReader', '00123') as { ok: boolean; form: Reply['form'] };
    expect(byCode.form!.loans).toHaveLength(1);
    const byName = callAny(rt, 'deskFindReader', 'Бекова') as { form: { code: string } };
    expect(byName.form.code).toBe('00124');
    const byClass = callAny(rt, 'deskFindReader', '7А') as { choices: Array<{ code: string }> };
    expect(byClass.choices.map((c) => c.code).sort()).toEqual(['00123', '00124', '00125']);
  });

  it('marks overdue loans and shows the history, newest first', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    call(rt, 'deskIssue', '00123', '000101');
    rt.clock.set(at('2026-11-26'));
    call(rt, 'deskReturn', '000101');
    rt.clock.set(at('2026-12-14'));
    const r = callAny(rt, 'deskReaderForm', '00123') as Reply;
    expect(r.form!.loans).toMatchObject([{ inventory: '000103', due: '09.12.2026', overdue: true }]);
    expect(r.form!.overdueCount).toBe(1);
    const h = callAny(rt, 'deskHistory', '00123') as { history: Array<{ inventory: string; returned: string }> };
    expect(h.history.map((x) => [x.inventory, x.returned])).toEqual([
      ['000101', '26.11.2026'],
      ['000103', ''],
    ]);
  });
});

describe('class sets of textbooks', () => {
  it('previews shortages before writing anything, then issues one copy per pupil per title', () => {
    const rt = lyceum();
    const sheets = snapshot(rt);
    const p = callAny(rt, 'deskClassPreview', '7А', ['T7M', 'T7K'], false) as {
      ok: boolean;
      pupils: number;
      copies: number;
      shortages: string[];
    };
    expect(p).toMatchObject({ ok: true, pupils: 3, copies: 5 });
    expect(p.shortages).toEqual([
      t('kk', 'desk.class.shortage', { title: 'Ермекова Т. Қазақ тілі 7', missing: 1, available: 2 }),
    ]);
    expect(snapshot(rt)).toBe(sheets);

    const r = callAny(rt, 'deskClassIssue', '7А', ['T7M', 'T7K'], false) as { ok: boolean; message: string };
    expect(r.message).toBe(t('kk', 'desk.class.issued', { count: 5, class: '7А' }));
    const loans = rowsOf(rt, 'loans');
    expect(loans).toHaveLength(5);
    expect(new Set(loans.map((l) => l.inventory)).size).toBe(5);
    expect(loans.every((l) => dk(l.due) === '2027-05-26')).toBe(true);
    for (const l of loans)
      expect(copyRow(rt, String(l.inventory))).toMatchObject({ reader: l.reader, loanId: l.loanId });
    // Issuing again gives nothing twice: every pupil already has the titles (or there is no copy left).
    const again = callAny(rt, 'deskClassIssue', '7А', ['T7M', 'T7K'], false) as { message: string };
    expect(again.message).toBe(t('kk', 'desk.class.nothing'));
  });

  it('holds back a pupil with last year’s overdue textbook, unless the librarian overrides (logged)', () => {
    const rt = lyceum(at('2026-05-04'));
    call(rt, 'deskIssue', '00125', '700101');
    // A year later the Kazakh textbook is still not back.
    rt.clock.set(at('2027-09-01'));
    const p = callAny(rt, 'deskClassPreview', '7А', ['T7M'], false) as { blocked: string[]; copies: number };
    expect(p.blocked).toEqual([t('kk', 'desk.class.blocked', { reader: 'Жақсылықов Ерлан', count: 1 })]);
    expect(p.copies).toBe(2);
    callAny(rt, 'deskClassIssue', '7А', ['T7M'], true);
    expect(rowsOf(rt, 'loans').filter((l) => l.reader === '00125')).toHaveLength(2);
    expect(rowsOf(rt, 'log').find((l) => l.action === t('kk', 'log.override'))!.details).toBe(
      t('kk', 'log.override.details', { class: '7А', readers: 'Жақсылықов Ерлан' }),
    );
  });

  it('lists at year end who has not returned what', () => {
    const rt = lyceum();
    callAny(rt, 'deskClassIssue', '7А', ['T7M'], false);
    call(rt, 'deskReturn', '700001');
    const r = callAny(rt, 'deskClassReturns', '7А') as { lines: string[] };
    expect(r.lines).toHaveLength(2);
    expect(r.lines.join('\n')).toContain('Алгебра 7');
  });
});

describe('visits', () => {
  it('counts a reading-room visit of a reader and a class excursion as its pupils', () => {
    const rt = lyceum();
    expect((callAny(rt, 'deskCountVisit', 'readingRoom', { reader: '00201' }) as Reply).ok).toBe(true);
    expect((callAny(rt, 'deskCountVisit', 'excursion', { className: '7А' }) as Reply).ok).toBe(true);
    expect(rowsOf(rt, 'visits')).toMatchObject([
      { reader: '00201', class: '10Б', kind: 'оқу залы', count: 1 },
      { reader: '', class: '7А', kind: 'сынып саяхаты', count: 3 },
    ]);
  });
});

describe('concurrency', () => {
  it('two librarians scanning the same copy at once: one issues, the other is told to whom it went', () => {
    const rt = lyceum();
    let secondWhileFirstHeldLock: Reply | undefined;
    rt.lock.onAcquire(() => {
      // Another execution arrives while the first holds the document lock.
      secondWhileFirstHeldLock = rt.call('deskIssue', '00124', '000103') as Reply;
    });
    const first = call(rt, 'deskIssue', '00123', '000103');
    const second = call(rt, 'deskIssue', '00124', '000103');
    expect(first.ok).toBe(true);
    expect(secondWhileFirstHeldLock).toEqual({ ok: false, message: t('kk', 'error.busy'), help: 'trouble-workbook' });
    expect(second).toEqual({
      ok: false,
      message: t('kk', 'desk.error.onLoan', { inventory: '000103', holder: 'Әлиева Аружан (7А)', due: '09.12.2026' }),
      help: 'trouble-desk',
    });
    expect(rowsOf(rt, 'loans')).toHaveLength(1);
  });

  it('writes nothing when another process holds the lock', () => {
    const rt = lyceum();
    const sheets = snapshot(rt);
    rt.lock.holdByOther('document');
    expect(call(rt, 'deskIssue', '00123', '000103')).toEqual({
      ok: false,
      message: t('kk', 'error.busy'),
      help: 'trouble-workbook',
    });
    expect(snapshot(rt)).toBe(sheets);
  });
});

describe('what a real workbook throws at the desk', () => {
  it('a code written into a cell pasted with General formatting loses its zeros as Sheets stores it; the desk still finds it', () => {
    const rt = lyceum();
    const copies = sheetOf(rt, 'copies');
    const row = copies.peekValues().findIndex((r) => r[0] === '000103') + 1;
    // Formats are set once, by Setup, not on every write (a write is a round trip to Google).
    copies.getRange(row, 1, 1, copies.getLastColumn()).setNumberFormat('General');
    call(rt, 'deskIssue', '00123', '000103');
    expect(copyRow(rt, '000103').reader).toBe(123);
    const form = callAny(rt, 'deskReaderForm', '00123') as Reply;
    expect(form.form!.loans.map((l) => l.inventory)).toEqual(['000103']);
    // The return finds the copy and its holder by the digits.
    const back = call(rt, 'deskReturn', '000103');
    expect(back.ok, back.message).toBe(true);
    expect((callAny(rt, 'deskReaderForm', '00123') as Reply).form!.loans).toEqual([]);
  });

  it('never rewrites the cells it does not change: a Price formula survives an issue', () => {
    const rt = lyceum();
    const copies = sheetOf(rt, 'copies');
    const row = copies.peekValues().findIndex((r) => r[0] === '000103') + 1;
    const price = columnOf(rt, 'copies', 'price') + 1;
    copies.getRange(row, price).setFormula('=2000+500');
    call(rt, 'deskIssue', '00123', '000103');
    call(rt, 'deskReturn', '000103');
    expect(copies.getRange(row, price).getFormula()).toBe('=2000+500');
  });

  it('finds codes pasted with spaces around them', () => {
    const rt = lyceum();
    addRows(rt, 'readers', [
      { code: ' 00777 ', name: 'Нұрланова Әсем', category: 'оқушы', class: '7А', status: 'белсенді' },
    ]);
    expect(call(rt, 'deskIssue', '00777', '000103').ok).toBe(true);
  });

  it('switches to the reader when a reader card is scanned where a book was expected', () => {
    const rt = lyceum();
    const sheets = snapshot(rt);
    const r = call(rt, 'deskIssue', '00123', '00124') as Reply & { switched?: boolean };
    expect(r).toMatchObject({
      ok: true,
      switched: true,
      message: t('kk', 'desk.switchedReader', { reader: 'Бекова Дана' }),
    });
    expect(r.form!.code).toBe('00124');
    expect(snapshot(rt)).toBe(sheets);
  });

  it('takes back a copy marked on loan by hand with no loan row, and says so', () => {
    const rt = lyceum();
    const copies = sheetOf(rt, 'copies');
    const row = copies.peekValues().findIndex((r) => r[0] === '000104') + 1;
    copies.getRange(row, columnOf(rt, 'copies', 'status') + 1).setValue('берілген');
    copies.getRange(row, columnOf(rt, 'copies', 'reader') + 1).setValue('00124');
    const r = call(rt, 'deskReturn', '000104');
    expect(r.ok, r.message).toBe(true);
    expect(r.warnings).toContain(t('kk', 'desk.returnedNoLoan', { inventory: '000104' }));
    expect(copyRow(rt, '000104')).toMatchObject({ status: 'қорда', reader: '' });
    expect(rowsOf(rt, 'loans')).toHaveLength(0);
    expect(rowsOf(rt, 'log').pop()!.action).toBe(t('kk', 'log.returnNoLoan'));
  });

  it('flags a class typed on Readers that is not on the Classes sheet, and still finds its pupils', () => {
    const rt = lyceum();
    addRows(rt, 'readers', [
      { code: '00301', name: 'Қасымов Арман', category: 'оқушы', class: '8Ә', status: 'белсенді' },
    ]);
    const readers = sheetOf(rt, 'readers');
    const row = readers.peekValues().findIndex((r) => r[0] === '00301') + 1;
    expect(readers.getRange(row, columnOf(rt, 'readers', 'class') + 1).getNote()).toBe(
      t('kk', 'note.classUnknown', { class: '8Ә' }),
    );
    const options = callAny(rt, 'deskClassOptions') as { classes: Array<{ className: string; grade: number }> };
    expect(options.classes.map((c) => c.className)).toEqual(['7А', '10Б']);
    const found = callAny(rt, 'deskFindReader', '8Ә') as Reply;
    expect(found.form!.code).toBe('00301');
    // Added to Classes, the note goes at the next edit of the cell.
    addRows(rt, 'classes', [{ class: '8Ә', grade: 8, teacher: 'Төлеген Сәуле', email: 's@lyceum92.kz' }]);
    rt.userEdit(readers.getName(), row, columnOf(rt, 'readers', 'class') + 1, [['8Ә']]);
    expect(readers.getRange(row, columnOf(rt, 'readers', 'class') + 1).getNote()).toBe('');
  });

  it('keeps the last visit on the reader row for every desk service', () => {
    const rt = lyceum();
    call(rt, 'deskIssue', '00123', '000103');
    call(rt, 'deskIssue', '00124', '000104');
    rt.clock.set(at('2026-11-26'));
    call(rt, 'deskRenew', '000103');
    call(rt, 'deskLost', '000104');
    const last = (code: string) => dk(rowsOf(rt, 'readers').find((r) => r.code === code)!.lastVisit);
    expect([last('00123'), last('00124')]).toEqual(['2026-11-26', '2026-11-26']);
  });
});

describe('a language changed by hand on the Settings sheet', () => {
  it('is applied before the next desk action: lists and labels follow, nothing is refused', () => {
    const rt = lyceum();
    const settings = sheetOf(rt, 'settings');
    const row = settings.peekValues().findIndex((r) => r[0] === 'language') + 1;
    rt.userEdit(settings.getName(), row, 2, [['ru']]);
    const r = call(rt, 'deskIssue', '00123', '000103');
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toBe(
      t('ru', 'desk.issued', {
        title: 'Мұхтар Әуезов. Абай жолы',
        inventory: '000103',
        reader: 'Әлиева Аружан',
        due: '09.12.2026',
      }),
    );
    expect(copyRow(rt, '000103').status).toBe('выдан');
    expect(copyRow(rt, '000101').status).toBe('в фонде');
    expect(rowsOf(rt, 'loans')[0].status).toBe('на руках');
  });
});

describe('the sidebar', () => {
  it('opens from the menu with its labels in the workbook language, served from the bundle', () => {
    const rt = lyceum();
    rt.call('openDesk');
    const shown = rt.ui.log.find((d) => d.kind === 'sidebar')!;
    expect(shown.title).toBe(t('kk', 'desk.title'));
    expect('content' in shown && shown.content).toContain('"desk.mode.issue":"Беру"');
    expect('content' in shown && shown.content).not.toContain('<?');
  });
});
