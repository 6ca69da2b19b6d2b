/**
 * The year-end rollover on the built bundle: a school with five school years of loans, closed in
 * July 2026. Before and after it every school year's statistics and ratings read the same (the old
 * loans from the archive spreadsheet, the pupils in the classes they were in then); no loan is lost
 * or doubled (Loans ∪ archive is the same multiset of loan ids); pupils move up, graduates leave with
 * their class and year and their loans still find them; a rollover stopped after any number of
 * service calls ends, when run again, exactly as an undisturbed one; refusals write nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { addDays } from '../../src/dates';
import { t } from '../../src/messages';
import { runtimeFrom, type Snapshot, snapshotOf } from '../support/fund';
import { lastAlert, libraryRuntime, rowsOf } from '../support/library';
import { reportSheet } from '../support/report-sheets';
import { fillSchool, type Loan, type Reader, type School } from '../support/reports-school';

const SUMMER = new Date('2026-07-10T10:00:00+05:00');
const YEARS = [2021, 2022, 2023, 2024, 2025];
const CLASSES = [
  { name: '5А', grade: 5 },
  { name: '7А', grade: 7 },
  { name: '9А', grade: 9 },
  { name: '10А', grade: 10 },
  { name: '11А', grade: 11 },
  { name: '11Б', grade: 11 },
];

/** A small school: four pupils a class, a leaver, teachers, fiction and textbooks, loans from 2021 to 2026. */
function school(): School {
  const readers: Reader[] = [];
  let n = 0;
  const add = (className: string, category: Reader['category'], registered: string, left: string | null = null) => {
    const code = `R${String(++n).padStart(3, '0')}`;
    readers.push({ code, name: `Оқырман ${code}`, className, typed: className, registered, left, category });
  };
  for (const c of CLASSES) for (let i = 0; i < 4; i++) add(c.name, 'pupil', i === 3 ? '2024-09-01' : '2021-09-01');
  add('9А', 'pupil', '2021-09-01', '2025-02-01');
  add('', 'teacher', '2019-09-01');
  add('', 'teacher', '2019-09-01');
  add('', 'staff', '2019-09-01');
  const titles: School['titles'] = [
    ...[1, 2, 3, 4, 5].map((i) => ({ titleId: `F${i}`, kind: 'fiction' as const, title: `Роман ${i}`, price: 1000 })),
    { titleId: 'T9', kind: 'textbook', title: 'Алгебра 9', grade: 9, subject: 'Алгебра', price: 2000 },
    { titleId: 'T10', kind: 'textbook', title: 'Тарих 10', grade: 10, subject: 'Тарих', price: 2000 },
  ];
  const copies: School['copies'] = [];
  for (let i = 0; i < 40; i++) {
    const titleId = i < 30 ? `F${(i % 5) + 1}` : i < 35 ? 'T9' : 'T10';
    copies.push({
      inventory: String(500_000 + i),
      titleId,
      status: 'available',
      condition: 'good',
      received: '2020-08-20',
    });
  }
  const loans: Loan[] = [];
  let id = 0;
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % k;
  };
  for (const y of YEARS) {
    for (const m of [9, 10, 11, 12, 1, 2, 3, 4, 5]) {
      const year = m >= 9 ? y : y + 1;
      for (let k = 0; k < 6; k++) {
        const reader = readers[rnd(readers.length)];
        if (reader.registered > `${year}-${String(m).padStart(2, '0')}-01`) continue;
        if (reader.left && reader.left < `${year}-${String(m).padStart(2, '0')}-28`) continue;
        const copy = copies[rnd(30)];
        const issued = `${year}-${String(m).padStart(2, '0')}-${String(3 + rnd(20)).padStart(2, '0')}`;
        loans.push({
          loanId: `L${String(++id).padStart(5, '0')}`,
          inventory: copy.inventory,
          reader: reader.code,
          issued,
          returned: addDays(issued, 7 + rnd(20)),
          status: 'returned',
        });
      }
    }
    // A class set of textbooks each year, returned in May.
    for (const r of readers.filter((p) => p.className === '9А' || p.className === '10А')) {
      const copy = copies.find((c) => c.titleId === (r.className === '9А' ? 'T9' : 'T10'))!;
      if (r.registered > `${y}-09-01` || (r.left && r.left < `${y + 1}-05-25`)) continue;
      loans.push({
        loanId: `L${String(++id).padStart(5, '0')}`,
        inventory: copy.inventory,
        reader: r.code,
        issued: `${y}-09-02`,
        returned: `${y + 1}-05-25`,
        status: 'returned',
      });
    }
  }
  // Old debts and a loss: never archived.
  loans.push({
    loanId: `L${++id}`,
    inventory: '500001',
    reader: 'R001',
    issued: '2022-03-01',
    returned: null,
    status: 'open',
  });
  loans.push({
    loanId: `L${++id}`,
    inventory: '500002',
    reader: 'R018',
    issued: '2022-04-01',
    returned: '2022-05-01',
    status: 'lost',
  });
  loans.push({
    loanId: `L${++id}`,
    inventory: '500003',
    reader: 'R017',
    issued: '2026-03-01',
    returned: null,
    status: 'open',
  });
  copies[1].status = 'onLoan';
  copies[2].status = 'lost';
  copies[3].status = 'onLoan';
  const visits: School['visits'] = YEARS.map((y) => ({
    date: `${y}-10-15`,
    reader: '',
    class: '9А',
    kind: 'excursion',
    count: 12,
  }));
  return {
    classes: CLASSES,
    readers,
    titles,
    copies,
    loans,
    visits,
    required: [
      { grade: 9, subject: 'Алгебра', titleId: 'T9', year: '', group: '' },
      { grade: 10, subject: 'Тарих', titleId: 'T10', year: '', group: '' },
    ],
    events: [],
  };
}

/** A report entry point answered as the librarian would; the report sheet's values. */
function report(rt: Runtime, fn: string, key: string, answer: string): unknown[][] {
  rt.ui.queueResponse({ button: 'OK', text: answer });
  rt.call(fn);
  return reportSheet(rt, key).peekValues();
}

/** Every school year's statistics and ratings. */
function everyYear(rt: Runtime): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const y of YEARS) {
    out[`statistics ${y}`] = report(rt, 'buildStatistics', 'statistics', `${y}-${y + 1}`);
    out[`ratings ${y}`] = report(rt, 'buildRatings', 'ratings', `${y}-${y + 1}`);
  }
  return out;
}

const archiveOf = (rt: Runtime) => [...rt.spreadsheets.values()];

/** Loan ids of the Loans sheet and the archive, sorted (a multiset). */
function loanIds(rt: Runtime): string[] {
  const here = rowsOf(rt, 'loans').map((r) => String(r.loanId));
  const archived = archiveOf(rt).flatMap((ss) =>
    ss
      .getSheets()[0]
      .peekValues()
      .slice(1)
      .map((r) => String(r[0]))
      .filter(Boolean),
  );
  return [...here, ...archived].sort();
}

/** The end state: every sheet but the Log, the archive, the document properties; the Log's rollover lines. */
function endState(rt: Runtime) {
  const log = t('kk', 'log.rollover');
  const sheets = rt.spreadsheet
    .getSheets()
    .filter((s) => s.getName() !== t('kk', 'sheet.log'))
    .map((s) => [s.getName(), s.peekValues()]);
  const props = rt.properties.dump('document');
  const id = rowsOf(rt, 'settings').find((r) => r.key === 'archiveId')?.value;
  // A run stopped right after creating the archive, before saving its id, leaves that one empty in
  // Drive (the re-run makes another): it holds nothing, and is none of the library's.
  const strays = archiveOf(rt).filter((ss) => ss.getId() !== id);
  for (const ss of strays)
    expect(
      ss
        .getSheets()
        .flatMap((s) => s.peekValues().flat())
        .join(''),
    ).toBe('');
  const state = {
    sheets,
    archive: archiveOf(rt)
      .filter((ss) => ss.getId() === id)
      .map((ss) => [ss.getName(), ss.getSheets().map((s) => [s.getName(), s.peekValues()])]),
    properties: Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('library.rollover'))),
    settings: rowsOf(rt, 'settings').find((r) => r.key === 'archiveId')?.value,
    logLines: rowsOf(rt, 'log')
      .filter((r) => r.action === log)
      .map((r) => r.details),
  };
  // Which of Google's ids the archive got does not matter (a stray made before it shifts it).
  if (!id) return state;
  return JSON.parse(JSON.stringify(state).split(String(id)).join('<archive id>')) as typeof state;
}

let seeded: Snapshot;
let before: Record<string, unknown[][]>;
let rolled: Runtime;

beforeAll(() => {
  const rt = libraryRuntime({ now: SUMMER });
  fillSchool(rt, school());
  seeded = snapshotOf(rt);
  before = everyYear(runtimeFrom(seeded));
  rolled = runtimeFrom(seeded);
  rolled.call('yearEndRollover');
}, 60_000);

describe('the year-end rollover', () => {
  it('asks first, naming the school year, the pupils moving up and graduating, and the loans to archive', () => {
    const rt = runtimeFrom(seeded);
    rt.ui.queueResponse({ button: 'NO' });
    rt.call('yearEndRollover');
    const ask = rt.ui.log.find((d) => d.kind === 'alert')!;
    const text = 'message' in ask ? ask.message : '';
    const s = school();
    const moving = s.readers.filter((r) => r.category === 'pupil' && !r.left);
    const graduates = moving.filter((r) => r.className.startsWith('11'));
    const old = s.loans.filter((l) => l.status === 'returned' && l.returned! < '2024-08-01');
    expect(text).toContain('2025-2026');
    expect(text).toContain(`${moving.length - graduates.length} оқушы`);
    expect(text).toContain(`${graduates.length} оқушысы`);
    expect(text).toContain(`${old.length} кітап беру`);
    expect(lastAlert(rt)).toBe(t('kk', 'rollover.cancelled'));
    expect(endState(rt)).toEqual(endState(runtimeFrom(seeded)));
  });

  it('leaves every school year’s statistics and ratings as they were', () => {
    expect(rolled.spreadsheets.size).toBe(1);
    const after = everyYear(rolled);
    expect(after).toEqual(before);
    // Not empty: the books issued in 2021-2022 (all in the archive now), counted from the generated loans.
    const fiction = new Set(
      school()
        .copies.filter((c) => c.titleId.startsWith('F'))
        .map((c) => c.inventory),
    );
    const issued = school().loans.filter(
      (l) => fiction.has(l.inventory) && l.issued >= '2021-08-01' && l.issued < '2022-08-01',
    );
    expect(issued.length).toBeGreaterThan(20);
    expect(rowsOf(rolled, 'loans').some((l) => String(l.loanId) === issued[0].loanId)).toBe(false);
    const total = after['statistics 2021'].find((r) => r[0] === t('kk', 'stats.issuesTotal'));
    expect(total?.[1]).toBe(issued.length);
  });

  it('costs a report of an archived year two Spreadsheet calls more (open the archive, read it)', () => {
    const calls = (rt: Runtime, fn: string, answer: string) => {
      rt.counters.reset();
      rt.ui.queueResponse({ button: 'OK', text: answer });
      rt.call(fn);
      return rt.counters.spreadsheetCalls();
    };
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    // The second build of each (the first after the rollover also rebuilds the saved classes and settings).
    const fresh = runtimeFrom(seeded);
    for (const [fn, answer] of [
      ['buildStatistics', '2021-2022'],
      ['buildRatings', '2022-2023'],
    ]) {
      calls(fresh, fn, answer);
      const was = calls(fresh, fn, answer);
      calls(rolled, fn, answer);
      const now = calls(rolled, fn, answer);
      expect(now['SpreadsheetApp.openById']).toBe(1);
      expect(total(now)).toBe(total(was) + 2);
      // A report's budget is 15 Spreadsheet calls that reach Google (issue 13); a year in the archive
      // costs one more than that: the statistics' 14 and the archive's open and read.
      expect(rolled.counters.spreadsheetTotal(), `${fn}: ${JSON.stringify(now)}`).toBeLessThanOrEqual(16);
    }
    // A year the workbook still keeps does not open the archive.
    const kept = calls(rolled, 'buildStatistics', '2024-2025');
    expect(kept['SpreadsheetApp.openById']).toBeUndefined();
    calls(rolled, 'buildAnnualReport', '');
    const annual = calls(rolled, 'buildAnnualReport', '');
    expect(annual['SpreadsheetApp.openById']).toBeUndefined();
    expect(total(annual)).toBeLessThanOrEqual(15);
  });

  it('loses no loan and doubles none: Loans and the archive hold the loan ids there were', () => {
    const original = runtimeFrom(seeded);
    expect(loanIds(rolled)).toEqual(loanIds(original));
    const left = rowsOf(rolled, 'loans');
    const s = school();
    const old = s.loans.filter((l) => l.status === 'returned' && l.returned! < '2024-08-01');
    expect(left.length).toBe(s.loans.length - old.length);
    // Open and lost loans stay, however old.
    expect(left.map((r) => r.loanId)).toEqual(
      expect.arrayContaining(s.loans.filter((l) => l.status !== 'returned').map((l) => l.loanId)),
    );
    // The archive's id is in Settings, and the rows were taken off the grid (cells freed).
    const id = [...rolled.spreadsheets.keys()][0];
    expect(rowsOf(rolled, 'settings').find((r) => r.key === 'archiveId')?.value).toBe(id);
    // Its sheet is as wide as the Loans sheet's header and the day archived: no empty columns to count.
    const sheet = rolled.spreadsheets.get(id)!.getSheets()[0];
    const header = sheet.peekValues()[0].map(String);
    expect(header.at(-1)).toBe(t('kk', 'rollover.col.archived'));
    expect(sheet.getMaxColumns()).toBe(header.length);
    expect(header.length).toBe(12);
    expect(sheet.getLastRow()).toBe(1 + old.length);
    // Each archived row is the Loans row as it was, cell for cell (codes still text, dates still dates).
    const was = new Map(
      runtimeFrom(seeded)
        .spreadsheet.getSheetByName(t('kk', 'sheet.loans'))!
        .peekValues()
        .map((r) => [String(r[0]), r.slice(0, 11)]),
    );
    for (const row of sheet.peekValues().slice(1)) {
      expect(row.slice(0, 11)).toEqual(was.get(String(row[0])));
      expect(typeof row[1]).toBe('string');
      expect(row[11]).toBeInstanceOf(Date);
    }
  });

  it('moves pupils up a grade and the Classes rows with them; graduates leave with their class and year', () => {
    const readers = rowsOf(rolled, 'readers');
    const classOf = (code: string) => readers.find((r) => r.code === code)!;
    const s = school();
    for (const r of s.readers.filter((p) => p.category === 'pupil')) {
      const now = classOf(r.code);
      if (r.left) expect(now.class).toBe(r.className);
      else if (r.className.startsWith('11')) {
        expect(now.class).toBe(`${r.className} (2026)`);
        expect(now.status).toBe(t('kk', 'enum.readerStatus.left'));
        expect((now.left as Date).toISOString()).toBe(new Date('2026-07-31T00:00:00+05:00').toISOString());
      } else expect(now.class).toBe(`${Number.parseInt(r.className, 10) + 1}А`);
    }
    expect(rowsOf(rolled, 'classes').map((c) => [c.class, c.grade])).toEqual([
      ['6А', 6],
      ['8А', 8],
      ['10А', 10],
      ['11А', 11],
      ['11А (2026)', 11],
      ['11Б (2026)', 11],
    ]);
    // A graduate's loans still find their reader, and the workbook check finds nothing wrong with them.
    const graduate = s.readers.find((r) => r.className === '11А')!;
    expect(rowsOf(rolled, 'loans').some((l) => l.reader === graduate.code)).toBe(true);
    const rt = runtimeFrom(seeded);
    rt.call('yearEndRollover');
    rt.ui.log.length = 0;
    rt.call('checkWorkbook');
    const shown = rt.ui.log[rt.ui.log.length - 1];
    const said = 'message' in shown ? shown.message : shown.content;
    expect(said).not.toContain('(2026)');
    expect(said).not.toContain('6А');
  });

  it('next summer moves pupils up again and appends to the same archive, in whatever language the workbook speaks', () => {
    const rt = runtimeFrom(seeded);
    rt.call('yearEndRollover');
    rt.call('useRussian');
    rt.clock.set(new Date('2027-07-05T10:00:00+05:00'));
    rt.call('yearEndRollover');
    expect(lastAlert(rt)).toContain(t('ru', 'rollover.done'));
    expect(rt.spreadsheets.size).toBe(1);
    const archive = [...rt.spreadsheets.values()][0].getSheets()[0];
    // The Russian Loans header found the Kazakh archive's columns: none added twice.
    expect(archive.peekValues()[0].length).toBe(12);
    const s = school();
    const old = s.loans.filter((l) => l.status === 'returned' && l.returned! < '2025-08-01');
    expect(archive.getLastRow()).toBe(1 + old.length);
    expect(loanIds(rt)).toEqual(loanIds(runtimeFrom(seeded)));
    const classes = rowsOf(rt, 'classes').map((c) => c.class);
    expect(classes).toEqual(['7А', '9А', '11А', '11А (2027)', '11А (2026)', '11Б (2026)']);
    rt.call('useKazakh');
    rt.clock.set(new Date('2027-07-06T10:00:00+05:00'));
    const after = everyYear(rt);
    // The same numbers a year and two rollovers later (the sheets say they were built on another day;
    // 2025-2026 was read so far in July 2026 and whole now, so it is left out).
    const numbers = (r: Record<string, unknown[][]>) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !k.endsWith('2025'))
          .map(([k, v]) => [k, v.slice(2).map((row) => row.filter((c) => typeof c === 'number'))]),
      );
    expect(numbers(after)).toEqual(numbers(before));
  });

  it('is done once a summer: run again it refuses and writes nothing; in the school year it refuses too', () => {
    const again = endState(rolled);
    rolled.call('yearEndRollover');
    expect(lastAlert(rolled)).toBe(t('kk', 'rollover.alreadyDone', { year: '2025-2026' }));
    expect(endState(rolled)).toEqual(again);
    const winter = runtimeFrom({ ...seeded, now: new Date('2026-05-20T10:00:00+05:00') });
    const was = endState(winter);
    winter.call('yearEndRollover');
    expect(lastAlert(winter)).toBe(
      t('kk', 'rollover.notSummer', { year: '2025-2026', from: '01.06.2026', to: '31.08.2026' }),
    );
    expect(endState(winter)).toEqual(was);
  });

  it('refuses, writing nothing, when the archive Settings name cannot be opened', () => {
    const rt = runtimeFrom(seeded);
    const settings = rowsOf(rt, 'settings');
    const row = settings.findIndex((r) => r.key === 'archiveId') + 2;
    const sheet = rt.spreadsheet.getSheetByName(t('kk', 'sheet.settings'))!;
    rt.userEdit(sheet.getName(), row, 2, [['1NoSuchArchive']]);
    const was = endState(rt);
    rt.call('yearEndRollover');
    expect(lastAlert(rt)).toBe(t('kk', 'rollover.archiveMissing', { id: '1NoSuchArchive' }));
    expect(endState(rt)).toEqual(was);
  });

  it('stopped after any number of service calls, ends as an undisturbed run when run again', () => {
    const probe = runtimeFrom(seeded);
    probe.counters.reset();
    probe.call('yearEndRollover');
    const total = probe.counters.snapshot().totalCalls;
    const undisturbed = endState(probe);
    const stops: number[] = [];
    for (let n = 1; n < total; n += Math.max(1, Math.floor(total / 5))) stops.push(n);
    console.log(`rollover: ${total} service calls undisturbed; stopped after ${stops.join(', ')}`);
    // And right after the calls where a stop hurts most: the archive created (its id not saved yet),
    // each write of the readers, the classes, the archive's blocks, a row deletion, a properties write.
    const methods = probe.counters.snapshot().calls;
    const targeted: Array<[number, string]> = [
      [1, 'SpreadsheetApp.create'],
      ...[1, 2, 3, 4, 5].map((k): [number, string] => [k, 'Range.setValues']),
      [1, 'Sheet.deleteRows'],
      ...[1, 6].map((k): [number, string] => [k, 'Properties.setProperty']),
      ...[1, 3].map((k): [number, string] => [k, 'Properties.setProperties']),
    ];
    for (const [, m] of targeted) expect(methods[m], m).toBeGreaterThan(0);
    for (const n of [...stops, ...targeted]) {
      const rt = runtimeFrom(seeded);
      if (typeof n === 'number') rt.stopExecutionAfter(n);
      else rt.stopExecutionAfter(n[0], n[1]);
      try {
        rt.call('yearEndRollover');
      } catch {
        // Stopped: even its error dialog could not be shown.
      }
      rt.call('yearEndRollover');
      expect({ n, ...endState(rt) }).toEqual({ n, ...undisturbed });
      const stray = Array.isArray(n) && n[1] === 'SpreadsheetApp.create' ? 1 : 0;
      expect(archiveOf(rt).length, String(n)).toBe(1 + stray);
    }
  }, 60_000);
});
