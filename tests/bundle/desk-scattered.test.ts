/**
 * A class spread over a Readers sheet sorted by surname, and a reader's loans spread over a long Loans
 * sheet: found at the cost of their own rows (one request of the Sheets advanced service), within the
 * desk's budget whatever the size of the school; and the same answers, the slower way, when the
 * service is not enabled or its request fails.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { ClassIndex } from '../../src/domain/class-names';
import { t } from '../../src/messages';
import { enumKey } from '../../src/schema';
import { day } from '../support/desk-fixture';
import { addRows, libraryRuntime } from '../support/library';

interface Choice {
  code: string;
  name: string;
  className: string;
}

/** 30 pupils of 7А, typed as librarians type it, among `readers` sorted by surname. */
const PUPILS = 30;
const SPELLINGS = ['7А', '7A', '7 а', ' 7-A ', '7а'];
const OTHERS = ['5А', '6Б', '7Б', '8В', '17А', '10А', '11Б', '9В', '7В'];

function school(readers: number) {
  const step = Math.floor(readers / PUPILS);
  return Array.from({ length: readers }, (_, i) => {
    const inClass = i % step === 0 && i / step < PUPILS;
    return {
      code: String(20_000 + i),
      // Surnames in sheet order: the sheet is sorted by name, so a class is spread all over it.
      name: `Surname${String(i).padStart(5, '0')} Name`,
      class: inClass ? SPELLINGS[(i / step) % SPELLINGS.length] : OTHERS[i % OTHERS.length],
    };
  });
}

function runtime(readers: number, advancedSheets = true): { rt: Runtime; pupils: string[] } {
  const rt = libraryRuntime({ advancedSheets });
  rt.call('setUpWorkbook');
  addRows(
    rt,
    'classes',
    ['7А', ...OTHERS].map((c) => ({ class: c })),
  );
  const rows = school(readers);
  addRows(rt, 'readers', rows);
  // Computed from the data, by the one notion of a class: every pupil whose class is 7А however typed.
  const classes = new ClassIndex(['7А', ...OTHERS].map((className) => ({ className, teacher: '', email: '' })));
  const pupils = rows.filter((r) => classes.key(r.class) === classes.key('7А')).map((r) => r.code);
  return { rt, pupils };
}

function findClass(rt: Runtime, query: string) {
  rt.counters.reset();
  const reply = rt.call('deskFindReader', query) as { ok: boolean; message?: string; choices?: Choice[] };
  expect(reply.ok, reply.message).toBe(true);
  return {
    codes: (reply.choices ?? []).map((c) => c.code).sort(),
    calls: rt.counters.spreadsheetCalls(),
    total: rt.counters.spreadsheetTotal(),
    cells: rt.counters.cellsRead,
  };
}

describe('find readers by class in a Readers sheet sorted by surname', () => {
  const small = runtime(900);
  const large = runtime(6_000);
  const off = runtime(6_000, false);

  it('lists every pupil of the class, however the class was typed, in ≤ 10 Spreadsheet calls and ≤ 5,000 cells at both sizes', () => {
    expect(small.pupils).toHaveLength(PUPILS);
    for (const { rt, pupils } of [small, large]) {
      for (const query of ['7А', '7A', '7 а']) {
        const found = findClass(rt, query);
        expect(found.codes).toEqual([...pupils].sort());
        expect(found.total, JSON.stringify(found.calls)).toBeLessThanOrEqual(10);
        expect(found.cells).toBeLessThanOrEqual(5_000);
        expect(found.calls['Sheets.Spreadsheets.Values.batchGet']).toBe(1);
      }
    }
  });

  it("costs the same at 900 and at 6,000 readers: the class's own cells, not the rows between its pupils", () => {
    const a = findClass(small.rt, '7A');
    const b = findClass(large.rt, '7A');
    expect(b.calls).toEqual(a.calls);
    expect(b.cells).toBe(a.cells);
    // The pupils' needed columns (code, name, category, class, status) and a few cells of the searches.
    expect(a.cells).toBeLessThanOrEqual(PUPILS * 5 + 50);
  });

  it('without the advanced service (not enabled), lists the same pupils by reading blocks of rows: correct, just costlier', () => {
    const found = findClass(off.rt, '7A');
    expect(found.codes).toEqual([...off.pupils].sort());
    expect(found.calls['Sheets.Spreadsheets.Values.batchGet']).toBeUndefined();
    expect(found.cells).toBeGreaterThan(findClass(large.rt, '7A').cells);
  });

  it('when the request fails (the per-minute read quota), lists the same pupils the other way and logs why', () => {
    large.rt.failCallOnce(
      'Sheets.Spreadsheets.Values.batchGet',
      1,
      "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'",
    );
    const logged = large.rt.logs.length;
    const found = findClass(large.rt, '7A');
    expect(found.codes).toEqual([...large.pupils].sort());
    expect(large.rt.logs.slice(logged).map((l) => `${l.level} ${l.message}`)).toEqual([
      expect.stringMatching(/^warn Sheets\.Spreadsheets\.Values\.batchGet: .*Quota exceeded/),
    ]);
    // The next search is back to one request.
    expect(findClass(large.rt, '7A').calls['Sheets.Spreadsheets.Values.batchGet']).toBe(1);
  });

  it('a class set preview counts the same pupils, with or without the service, within the class-set budget', () => {
    for (const advanced of [true, false]) {
      const { rt, pupils } = advanced ? large : off;
      rt.counters.reset();
      const reply = rt.call('deskClassPreview', '7A', ['NONE'], false) as { ok: boolean; pupils?: number };
      expect(reply.ok).toBe(true);
      expect(reply.pupils).toBe(pupils.length);
      expect(rt.counters.spreadsheetTotal()).toBeLessThanOrEqual(20);
      expect(rt.counters.cellsRead).toBeLessThanOrEqual(60_000);
    }
  });
});

describe("a reader's history spread over a long Loans sheet", () => {
  const LOANS = 12_000;
  const MINE = 40;
  const me = '20000';

  function withLoans(advancedSheets: boolean) {
    const { rt } = runtime(400, advancedSheets);
    const every = LOANS / MINE;
    const loans = Array.from({ length: LOANS }, (_, i) => {
      const d = new Date(Date.UTC(2021, 8, 1) + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10);
      return {
        loanId: `L${i}`,
        inventory: String(300_000 + i),
        title: `Title ${i}`,
        reader: i % every === every - 1 ? me : String(20_001 + (i % 399)),
        issued: day(d),
        due: day(d),
        returned: day(d),
        status: t('kk', enumKey('loanStatus', 'returned')),
      };
    });
    addRows(rt, 'loans', loans);
    const mine = loans.filter((l) => l.reader === me).reverse();
    return { rt, mine };
  }

  const shown = (d: Date) => {
    const [y, m, dd] = new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(0, 10).split('-');
    return `${dd}.${m}.${y}`;
  };

  it('shows every loan, newest first, with its dates, in ≤ 10 Spreadsheet calls and ≤ 5,000 cells', () => {
    const { rt, mine } = withLoans(true);
    rt.counters.reset();
    const reply = rt.call('deskHistory', me) as {
      ok: boolean;
      history: Array<{ inventory: string; issued: string; returned: string }>;
      partial: boolean;
    };
    expect(reply.ok).toBe(true);
    expect(reply.partial).toBe(false);
    expect(reply.history.map((h) => [h.inventory, h.issued, h.returned])).toEqual(
      mine.map((l) => [l.inventory, shown(l.issued), shown(l.returned)]),
    );
    expect(rt.counters.spreadsheetTotal()).toBeLessThanOrEqual(10);
    expect(rt.counters.cellsRead).toBeLessThanOrEqual(5_000);
    // 40 ranges of a Kazakh sheet name make a long URL: two requests at most.
    expect(rt.counters.spreadsheetCalls()['Sheets.Spreadsheets.Values.batchGet']).toBeGreaterThanOrEqual(1);
    expect(rt.counters.spreadsheetCalls()['Sheets.Spreadsheets.Values.batchGet']).toBeLessThanOrEqual(2);
  });

  it('gives the days the sheet shows, with or without the service: before 1924 (local mean time), around 1 March 2024 (Almaty left +06), month ends; a blank stays blank', () => {
    const days = ['1923-12-31', '1924-05-01', '2024-02-29', '2024-03-01', '2025-12-31', '2026-02-28'];
    const histories = [true, false].map((advanced) => {
      const { rt } = runtime(400, advanced);
      // The reader's loans far apart, one every 500 rows, the last still open (no return date).
      const loans = Array.from({ length: days.length * 500 }, (_, i) => {
        const k = Math.floor(i / 500);
        const mine = i % 500 === 499;
        return {
          loanId: `L${i}`,
          inventory: String(400_000 + i),
          reader: mine ? me : String(20_001 + (i % 399)),
          issued: day(days[k]),
          due: day(days[k]),
          returned: mine && k === days.length - 1 ? '' : day(days[k]),
          status: t('kk', enumKey('loanStatus', 'returned')),
        };
      });
      addRows(rt, 'loans', loans);
      const reply = rt.call('deskHistory', me) as { history: Array<{ issued: string; returned: string }> };
      return reply.history.map((h) => [h.issued, h.returned]);
    });
    const expected = [...days].reverse().map((d, i) => {
      const [y, m, dd] = d.split('-');
      return [`${dd}.${m}.${y}`, i === 0 ? '' : `${dd}.${m}.${y}`];
    });
    expect(histories[0]).toEqual(expected);
    // Without the service: six loans, six blocks of getValues, the same days.
    expect(histories[1]).toEqual(expected);
  });

  it('without the service, shows the newest loans that fit in six blocks and says the list is partial', () => {
    const { rt, mine } = withLoans(false);
    const reply = rt.call('deskHistory', me) as {
      ok: boolean;
      history: Array<{ inventory: string }>;
      partial: boolean;
    };
    expect(reply.partial).toBe(true);
    expect(reply.history.length).toBeGreaterThan(0);
    expect(reply.history.length).toBeLessThan(mine.length);
    // Each line is one of the reader's loans, newest first.
    const order = mine.map((l) => l.inventory);
    const at = reply.history.map((h) => order.indexOf(h.inventory));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });
});
