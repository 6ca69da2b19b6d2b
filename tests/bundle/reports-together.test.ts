/**
 * The reports read what the calendar and the fund write, on the built bundle: the events held come
 * from the Events sheet as the calendar reads it (the plan's table pasted, dates typed as people write
 * them, proposals and flagged rows left out until accepted); a write-off act dates its copies'
 * withdrawal in the annual report (a cancelled one does not); an arrival's copies are received and
 * counted in the textbook coverage; a condition raid raises the order diagnostic. Every expected
 * number is computed here from the rows the test wrote.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { calendarLibrary, importPlan, PLAN_NAMED_DAYS, setSetting } from '../support/calendar';
import { dk, seedFund } from '../support/fund';
import { addRows, at, libraryRuntime, rowsOf } from '../support/library';
import { reportSheet, section } from '../support/report-sheets';

const k = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('kk', key, params);
const dotted = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * The seed's dated rows read here on their own: "21.08.25" is 2025-08-21; "10.11-02.12" is a range of
 * the 2025-2026 plan year (August-December 2025, January-July 2026).
 */
function seedEvents(): Array<{ title: string; from: string; to: string }> {
  const inPlan = (dd: string, mm: string) => `${Number(mm) >= 8 ? 2025 : 2026}-${mm}-${dd}`;
  const out: Array<{ title: string; from: string; to: string }> = [];
  for (const line of PLAN_NAMED_DAYS.split('\n')) {
    const [n, title, date] = line.split('|').map((c) => c.trim());
    if (!/^\d+$/.test(n) || !date) continue;
    const one = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(date);
    const range = /^(\d{2})\.(\d{2})-(\d{2})\.(\d{2})$/.exec(date);
    if (one) {
      const day = `20${one[3]}-${one[2]}-${one[1]}`;
      out.push({ title, from: day, to: day });
    } else if (range) out.push({ title, from: inPlan(range[1], range[2]), to: inPlan(range[3], range[4]) });
  }
  return out;
}

/** The events section of the annual report sheet: [when, title] and its note. */
function eventsHeld(rt: Runtime): { rows: string[][]; note: string } {
  const values = reportSheet(rt, 'annual').peekValues();
  const s = section(rt, 'annual', k('ann.events'));
  const noteRow = values.slice(s.headRow + s.rows.length).find((r) => String(r[0]) !== '');
  return { rows: s.rows.map((r) => [String(r[0]), String(r[1])]), note: String(noteRow?.[0] ?? '') };
}

describe('the events held, as the calendar reads the Events sheet', () => {
  it('counts the pasted plan and the dates typed as people write them, leaves proposals and flagged dates out until accepted', () => {
    const rt = calendarLibrary();
    importPlan(rt, PLAN_NAMED_DAYS);
    // Typed on the sheet: a two-digit year, a range without a year, a day and month alone.
    const typed = [
      { date: '08.12.25', title: 'Жаңа кітаптар көрмесі', from: '2025-12-08', to: '2025-12-08' },
      { date: '15.12-20.12', title: 'Тәуелсіздік апталығы', from: '2025-12-15', to: '2025-12-20' },
      { date: '28.01', title: 'Кітап жәрмеңкесі', from: '2026-01-28', to: '2026-01-28' },
    ];
    addRows(
      rt,
      'events',
      typed.map(({ date, title }) => ({ date, title })),
    );
    // A jubilee the plan has not: proposed by the finder, not held until accepted.
    addRows(rt, 'persons', [{ name: 'Жұбан Молдағалиев', born: '05.09.1920' }]);
    rt.call('calendarFindAnniversaries');
    const proposal = rowsOf(rt, 'events').find((r) => r.sync === k('enum.syncState.proposed'));
    expect(proposal?.title).toBeTruthy();
    rt.call('calendarSyncNow');

    rt.clock.set(at('2026-05-20'));
    rt.call('buildYearSummary');
    const seed = seedEvents();
    expect(seed).toHaveLength(22);
    // Items 18 and 22 are dated 2025 in a 2025-2026 plan: flagged, not counted, and said so.
    const inYear = (e: { from: string }) => e.from >= '2025-08-01' && e.from <= '2026-05-20';
    const flagged = seed.filter((e) => !inYear(e) && e.from < '2025-08-01');
    expect(flagged.map((e) => e.title)).toEqual(['«Шын жүректен кітап сыйла»', 'Бейбіт жасасын әлемде']);
    const show = (e: { from: string; to: string }) =>
      e.from === e.to ? dotted(e.from) : `${dotted(e.from)} – ${dotted(e.to)}`;
    const expected = [...seed.filter(inYear), ...typed.filter(inYear)]
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
      .map((e) => [show(e), e.title]);
    let held = eventsHeld(rt);
    expect(held.rows).toEqual(expected);
    expect(held.rows).toContainEqual(['10.11.2025 – 02.12.2025', 'Ең көп оқитын Отбасы']);
    expect(held.note).toBe(
      `${k('ann.eventsCount', { count: expected.length })} ${k('ann.eventsToCheck', { count: flagged.length })}`,
    );

    // Accepted (the two dates moved into the plan year, the jubilee taken): all of them are held by 20 May.
    rt.call('calendarAcceptSuggestions');
    rt.call('buildYearSummary');
    held = eventsHeld(rt);
    const accepted = [
      ...expected.map(([, title]) => title),
      ...flagged.map((e) => e.title),
      String(proposal?.title),
    ].sort();
    expect(held.rows.map(([, title]) => title).sort()).toEqual(accepted);
    expect(held.rows).toContainEqual(['02.02.2026', '«Шын жүректен кітап сыйла»']);
    expect(held.rows).toContainEqual(['05.09.2025', String(proposal?.title)]);
    expect(held.note).toBe(k('ann.eventsCount', { count: accepted.length }));

    // September: the plan year has moved on. The annual report of 2025-2026 still finds the days typed
    // without a year where the calendar put them, not in the new plan year.
    rt.clock.set(at('2026-09-15'));
    setSetting(rt, 'planYear', '2026-2027');
    rt.call('buildAnnualReport');
    const annual = eventsHeld(rt);
    expect(annual.rows.map(([, title]) => title).sort()).toEqual(accepted);
    expect(annual.rows).toContainEqual(['15.12.2025 – 20.12.2025', 'Тәуелсіздік апталығы']);
    expect(annual.rows).toContainEqual(['28.01.2026', 'Кітап жәрмеңкесі']);
  });
});

describe('the fund in the reports', () => {
  type Reply = { ok: boolean; message: string; act?: string };
  const KINDS = ['textbook', 'fiction', 'reference', 'methodical', 'periodical'] as const;

  /** The fund's movement in 1 Aug 2026 - 25 Nov 2026 counted from the Copies and Catalogue sheets. */
  function movement(rt: Runtime) {
    const kindOf = new Map(
      rowsOf(rt, 'titles').map((r) => [String(r.titleId), KINDS.find((x) => k(`enum.kind.${x}`) === r.kind)!]),
    );
    const zero = () => Object.fromEntries(KINDS.map((x) => [x, 0])) as Record<(typeof KINDS)[number], number>;
    const out = { start: zero(), received: zero(), withdrawn: zero(), end: zero() };
    for (const c of rowsOf(rt, 'copies')) {
      const kind = kindOf.get(String(c.titleId))!;
      const came = String(dk(c.received));
      const out1 = c.status === k('enum.copyStatus.writtenOff') || c.status === k('enum.copyStatus.lost');
      const left = out1 ? (c.withdrawn instanceof Date ? String(dk(c.withdrawn)) : null) : null;
      // Gone without a date (written off or lost before the books were kept here): counted nowhere.
      if (out1 && left === null) continue;
      const held = (day: string) => came <= day && !(left !== null && left <= day);
      if (held('2026-07-31')) out.start[kind]++;
      if (came >= '2026-08-01' && came <= '2026-11-25') out.received[kind]++;
      if (left !== null && left >= '2026-08-01' && left <= '2026-11-25') out.withdrawn[kind]++;
      if (held('2026-11-25')) out.end[kind]++;
    }
    return out;
  }

  function annualFund(rt: Runtime) {
    const rows = section(rt, 'annual', k('ann.fund')).rows;
    const col = (i: number) =>
      Object.fromEntries(KINDS.map((x) => [x, rows.find((r) => r[0] === k(`enum.kind.${x}`))![i]]));
    return { start: col(1), received: col(2), withdrawn: col(3), end: col(4) };
  }

  it('an act dates its copies’ withdrawal in the summing-up, a cancelled one does not; an arrival is received and counted in coverage', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    addRows(rt, 'required', [
      { grade: 7, subject: 'Алгебра', titleId: 'T7M', year: '2026-2027' },
      { grade: 7, subject: 'Қазақ тілі', titleId: 'T7K', year: '2026-2027' },
    ]);
    // Two acts in October: one stands (a lost copy, a worn one, a reference book), one is cancelled.
    const act = rt.call(
      'fundCreateAct',
      [
        { inventory: '000301', reason: 'lost' },
        { inventory: '000104', reason: 'worn' },
        { inventory: '000201', reason: 'obsolete' },
      ],
      { date: '15.10.2026' },
    ) as Reply;
    expect(act.ok, act.message).toBe(true);
    const cancelled = rt.call('fundCreateAct', [{ inventory: '000105', reason: 'worn' }], {
      date: '20.10.2026',
    }) as Reply;
    expect((rt.call('fundCancelAct', cancelled.act) as Reply).ok).toBe(true);
    // A delivery in November: two Kazakh 7 textbooks (the class was one short) and one novel.
    const arrival = rt.call('fundRecordArrival', {
      date: '20.11.2026',
      source: 'Атамұра',
      document: 'Жүкқұжат № 7',
      lines: [
        { titleId: 'T7K', copies: 2, price: 1900 },
        { titleId: 'F2', copies: 1, price: 3000 },
      ],
    }) as Reply;
    expect(arrival.ok, arrival.message).toBe(true);

    rt.call('buildYearSummary');
    const want = movement(rt);
    expect(annualFund(rt)).toEqual(want);
    // What the test did, seen in those numbers.
    expect([want.withdrawn.fiction, want.withdrawn.reference, want.received.textbook, want.received.fiction]).toEqual([
      2, 1, 2, 1,
    ]);
    const total = section(rt, 'annual', k('ann.fund')).rows.find((r) => r[0] === k('report.total'))!;
    expect(total[4]).toBe((total[1] as number) + (total[2] as number) - (total[3] as number));

    // Coverage: the new Kazakh 7 copies are in the fund and free; the class is covered now.
    rt.call('buildTextbookCoverage');
    const byTitle = section(rt, 'coverage', k('cov.byTitle')).rows;
    const line = byTitle.find((r) => r[1] === 'Қазақ тілі')!;
    const copies = rowsOf(rt, 'copies').filter((c) => c.titleId === 'T7K');
    const fund = copies.filter(
      (c) => c.status !== k('enum.copyStatus.writtenOff') && c.status !== k('enum.copyStatus.lost'),
    );
    const free = fund.filter((c) => c.status !== k('enum.copyStatus.onLoan'));
    const pupils = rowsOf(rt, 'readers').filter(
      (r) => r.class === '7А' && r.category === k('enum.category.pupil') && r.status === k('enum.readerStatus.active'),
    ).length;
    expect(fund).toHaveLength(4);
    expect([line[3], line[7], line[8], line[9]]).toEqual([
      pupils,
      fund.length,
      free.length,
      Math.max(0, pupils - free.length),
    ]);
  });

  it('a condition raid that finds a worn textbook raises the order diagnostic by one copy of that title', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    addRows(rt, 'required', [{ grade: 7, subject: 'Алгебра', titleId: 'T7M', year: '2026-2027' }]);
    const pupils = rowsOf(rt, 'readers').filter(
      (r) => r.class === '7А' && r.category === k('enum.category.pupil') && r.status === k('enum.readerStatus.active'),
    ).length;
    const orderRow = () =>
      section(rt, 'order', k('menu.reports.order')).rows.find((r) => String(r[2]).includes('Алгебра 7'))!;
    const usable = () =>
      rowsOf(rt, 'copies').filter(
        (c) =>
          c.titleId === 'T7M' &&
          c.status !== k('enum.copyStatus.writtenOff') &&
          c.status !== k('enum.copyStatus.lost') &&
          c.condition !== k('enum.condition.unsatisfactory'),
      ).length;
    rt.call('buildTextbookOrder');
    expect(orderRow().slice(3, 6)).toEqual([pupils, usable(), Math.max(0, pupils - usable())]);
    const before = orderRow()[5] as number;
    const raid = rt.call('fundRecordRaid', {
      kind: 'textbooks',
      className: '7А',
      date: '20.11.2026',
      items: [{ inventory: '700002', condition: 'unsatisfactory' }],
    }) as Reply;
    expect(raid.ok, raid.message).toBe(true);
    rt.call('buildTextbookOrder');
    expect(orderRow().slice(3, 6)).toEqual([pupils, usable(), Math.max(0, pupils - usable())]);
    expect(orderRow()[5]).toBe(before + 1);
    // The fund's own list of what to replace says the same.
    const needs = rt.call('fundReplacementNeeds') as { titles: Array<{ titleId: string; replace: number }> };
    expect(needs.titles.find((x) => x.titleId === 'T7M')?.replace).toBe(1);
  });
});
