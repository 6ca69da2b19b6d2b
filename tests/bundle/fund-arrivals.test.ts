/**
 * Arrivals on the built bundle: a delivery of three titles (one new) becomes copies with consecutive
 * inventory numbers, a catalogue entry, receipt lines and one line of the summary accounting book;
 * an execution stopped after any of its writes leaves nothing half-made; refusals write nothing.
 */
import { describe, expect, it } from 'vitest';
import { EXECUTION_TIME_ERROR, type Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { copyOf, dk, editCell, runtimeFrom, seedFund, setSetting, snapshotOf } from '../support/fund';
import { at, libraryRuntime, rowsOf } from '../support/library';

type Reply = { ok: boolean; message: string; record?: string; inventories?: string[] };

const DELIVERY = {
  date: '20.11.2026',
  source: 'Атамұра баспасы',
  document: 'Жүкқұжат № 45',
  lines: [
    // Found by its title code, by its ISBN (typed without dashes), and a new title.
    { titleId: 'F2', copies: 2, price: 3200 },
    { isbn: '9786013311234', copies: 3, price: '2 500,50' },
    {
      title: 'Көшпенділер',
      author: 'Есенберлин І.',
      kind: 'көркем әдебиет',
      year: 2024,
      isbn: '978-601-00-0001-9',
      copies: 4,
      price: 4100,
      location: 'A',
    },
  ],
};

/** The seeded lyceum, set up once for the file; every test starts from a copy. */
const SEEDED = (() => {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedFund(rt);
  editCell(rt, 'titles', { column: 'titleId', value: 'T7M' }, 'isbn', '978-601-331-123-4');
  return snapshotOf(rt);
})();

const lyceum = (): Runtime => runtimeFrom(SEEDED);

/** The workbook's fund sheets as the librarian sees them (dates as days). */
function fund(rt: Runtime) {
  const plain = (rows: Array<Record<string, unknown>>) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, dk(v)])));
  return {
    copies: plain(rowsOf(rt, 'copies')),
    titles: plain(rowsOf(rt, 'titles')),
    arrivals: plain(rowsOf(rt, 'arrivals')),
  };
}

describe('an arrival', () => {
  it('of 3 titles (one new) creates the copies with the next numbers, the catalogue entry, the receipt lines and one КСУ line', () => {
    const rt = lyceum();
    const before = rowsOf(rt, 'copies');
    // The numbering rule (000000): the numbers after the largest six-digit number in the fund.
    const largest = Math.max(...before.map((c) => Number(c.inventory)).filter(Number.isFinite));
    const expected = Array.from({ length: 9 }, (_, i) => String(largest + 1 + i).padStart(6, '0'));

    const r = rt.call('fundRecordArrival', DELIVERY) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(r.record).toBe('1');
    expect(r.inventories).toEqual(expected);

    const titles = rowsOf(rt, 'titles');
    expect(titles).toHaveLength(6);
    const created = titles[5];
    expect(created).toMatchObject({
      kind: 'көркем әдебиет',
      author: 'Есенберлин І.',
      title: 'Көшпенділер',
      year: 2024,
      isbn: '978-601-00-0001-9',
      price: 4100,
    });
    const copies = rowsOf(rt, 'copies').slice(before.length);
    expect(copies.map((c) => c.inventory)).toEqual(expected);
    expect(copies.map((c) => c.titleId)).toEqual([
      'F2',
      'F2',
      'T7M',
      'T7M',
      'T7M',
      created.titleId,
      created.titleId,
      created.titleId,
      created.titleId,
    ]);
    for (const c of copies) {
      expect(c).toMatchObject({ status: 'қорда', condition: 'жаңа', arrival: '1', writeOffAct: '' });
      expect(dk(c.received)).toBe('2026-11-20');
      expect(c.source).toBe(
        t('kk', 'fund.arrival.copySource', { record: '1', source: 'Атамұра баспасы', document: 'Жүкқұжат № 45' }),
      );
    }
    expect(copies.map((c) => c.price)).toEqual([3200, 3200, 2500.5, 2500.5, 2500.5, 4100, 4100, 4100, 4100]);
    expect(copies.slice(5).every((c) => c.location === 'A')).toBe(true);

    const lines = rowsOf(rt, 'arrivals');
    expect(lines.map((l) => [l.record, l.titleId, l.copies, l.sum, l.inventory, l.status])).toEqual([
      ['1', 'F2', 2, 6400, `${expected[0]}–${expected[1]}`, 'жазылды'],
      ['1', 'T7M', 3, 7501.5, `${expected[2]}–${expected[4]}`, 'жазылды'],
      ['1', created.titleId, 4, 16400, `${expected[5]}–${expected[8]}`, 'жазылды'],
    ]);

    // One receipt line in the summary accounting book: 9 copies, textbooks apart.
    const ksu = rt.call('fundBuildKsu', 2026) as Reply;
    expect(ksu.ok, ksu.message).toBe(true);
    const part1 = rowsOf(rt, 'ksu').filter((l) => l.part === t('kk', 'fund.ksu.part1') && l.line === '1');
    expect(part1).toHaveLength(1);
    expect(part1[0]).toMatchObject({
      source: 'Атамұра баспасы',
      document: 'Жүкқұжат № 45',
      copies: 9,
      sum: 6400 + 7501.5 + 16400,
      textbookCopies: 3,
      textbookSum: 7501.5,
      fictionCopies: 6,
      fictionSum: 6400 + 16400,
      mainCopies: 6,
    });
    expect(dk(part1[0].date)).toBe('2026-11-20');

    const log = rowsOf(rt, 'log').pop()!;
    expect(log.action).toBe(t('kk', 'log.arrival'));
    expect(log.details).toContain('Жүкқұжат № 45');
  });

  it('a failing write midway leaves nothing half-made: stopped after any write, the next fund action completes it, once', () => {
    // The reference: the delivery written in one go, and the service calls it makes, in order.
    const reference = lyceum();
    const calls: string[] = [];
    const count = reference.counters.call.bind(reference.counters);
    reference.counters.call = (name: string) => {
      calls.push(name);
      count(name);
    };
    expect((reference.call('fundRecordArrival', DELIVERY) as Reply).ok).toBe(true);
    reference.counters.call = count;
    const whole = fund(reference);
    const writes = calls
      .map((name, i) => ({ name, i }))
      .filter(({ name }) => /^(Range\.set|Sheet\.(appendRow|insert))/.test(name));
    expect(writes.length).toBeGreaterThanOrEqual(4);

    // Stopped before anything, and right after each write of the reference run.
    for (const stopAt of [0, ...writes.map((w) => w.i + 1)]) {
      const rt = lyceum();
      const untouched = fund(rt);
      rt.stopExecutionAfter(stopAt);
      // Apps Script ends the execution: the sidebar's failure handler gets "Exceeded maximum execution time".
      expect(() => rt.call('fundRecordArrival', DELIVERY), `stopped after ${stopAt} calls`).toThrow(
        EXECUTION_TIME_ERROR,
      );
      expect(rt.stopped).toHaveLength(1);
      const after = fund(rt);
      if (after.arrivals.length === 0) {
        expect(after, `nothing written when stopped after ${stopAt} calls`).toEqual(untouched);
      } else if (after.arrivals.every((l) => l.status === 'жазылды')) {
        // Stopped after the last write (at the flush): the delivery is whole, and recorded once.
        expect(after).toEqual(whole);
        continue;
      } else {
        // The receipt lines say "being written": the КСУ counts none of it and says so.
        expect(
          after.arrivals.every((l) => l.status === 'жазылып жатыр'),
          `stopped after ${stopAt}`,
        ).toBe(true);
        const ksu = rt.call('fundBuildKsu', 2026) as { ok: boolean; differences: string[] };
        expect(ksu.differences).toContain(t('kk', 'fund.ksu.diff.interrupted', { what: '№ 1' }));
        expect(rowsOf(rt, 'ksu').some((l) => l.line === '1')).toBe(false);
      }
      // The librarian sends the delivery again: it is complete, once.
      const again = rt.call('fundRecordArrival', DELIVERY) as Reply;
      expect(again.ok, again.message).toBe(true);
      expect(fund(rt), `completed after a stop at ${stopAt}`).toEqual(whole);
      // And once more: it is recorded already.
      const third = rt.call('fundRecordArrival', DELIVERY) as Reply;
      expect(third.message).toBe(t('kk', 'fund.error.duplicateDelivery', { document: 'Жүкқұжат № 45', record: '1' }));
      expect(fund(rt)).toEqual(whole);
    }
  });

  it('a write that Sheets refuses midway: the librarian is told, the КСУ counts none of it, and sent again it is whole, once', () => {
    const reference = lyceum();
    const calls: string[] = [];
    const count = reference.counters.call.bind(reference.counters);
    reference.counters.call = (name: string) => {
      calls.push(name);
      count(name);
    };
    expect((reference.call('fundRecordArrival', DELIVERY) as Reply).ok).toBe(true);
    reference.counters.call = count;
    const whole = fund(reference);
    // Each write of the reference run, as the nth call of its method.
    const writes = calls.flatMap((name, i) =>
      /^(Range\.set|Sheet\.(appendRow|insert))/.test(name)
        ? [{ name, nth: calls.slice(0, i + 1).filter((c) => c === name).length }]
        : [],
    );
    expect(writes.length).toBeGreaterThanOrEqual(4);
    for (const { name, nth } of writes) {
      const rt = lyceum();
      const untouched = fund(rt);
      const failure = 'Service Spreadsheets failed while accessing document.';
      rt.failCallOnce(name, nth, failure);
      let reply: Reply | null = null;
      try {
        reply = rt.call('fundRecordArrival', DELIVERY) as Reply;
      } catch (e) {
        // Thrown to google.script.run's failure handler: the sidebar shows it.
        expect(String(e), `${name} #${nth}`).toContain(failure);
      }
      // The librarian is told it did not go through.
      if (reply) expect(reply.ok, `${name} #${nth} failed, yet "${reply.message}"`).toBe(false);
      const after = fund(rt);
      if (after.arrivals.length === 0) expect(after, `${name} #${nth}`).toEqual(untouched);
      else {
        expect(
          after.arrivals.every((l) => l.status === 'жазылып жатыр'),
          `${name} #${nth}`,
        ).toBe(true);
        const ksu = rt.call('fundBuildKsu', 2026) as { differences: string[] };
        expect(ksu.differences).toContain(t('kk', 'fund.ksu.diff.interrupted', { what: '№ 1' }));
      }
      const again = rt.call('fundRecordArrival', DELIVERY) as Reply;
      expect(again.ok, again.message).toBe(true);
      expect(fund(rt), `sent again after ${name} #${nth} failed`).toEqual(whole);
    }
  });

  it('is dated by the day in Almaty: a minute before midnight on 31 December is last year’s, a minute after is the new year’s', () => {
    const rt = lyceum();
    const deliver = (document: string) =>
      rt.call('fundRecordArrival', {
        source: 'Мектеп',
        document,
        lines: [{ titleId: 'F1', copies: 1, price: 100 }],
      }) as Reply;
    rt.clock.set(new Date('2026-12-31T23:59:00+05:00'));
    expect(deliver('№ 1').ok).toBe(true);
    rt.clock.set(new Date('2027-01-01T00:01:00+05:00'));
    expect(deliver('№ 2').ok).toBe(true);
    expect(
      rowsOf(rt, 'copies')
        .slice(-2)
        .map((c) => dk(c.received)),
    ).toEqual(['2026-12-31', '2027-01-01']);
    rt.call('fundBuildKsu', 2026);
    const lines = (year: number) =>
      rowsOf(rt, 'ksu')
        .filter((l) => l.part === t('kk', 'fund.ksu.part1') && /^\d+$/.test(String(l.line)))
        .map((l) => [l.line, l.document, year]);
    expect(lines(2026)).toEqual([['1', '№ 1', 2026]]);
    rt.call('fundBuildKsu', 2027);
    expect(lines(2027)).toEqual([['2', '№ 2', 2027]]);
  });

  it('refuses a delivery with a bad line, naming it, and writes nothing', () => {
    const rt = lyceum();
    const before = fund(rt);
    const log = rowsOf(rt, 'log').length;
    const bad = (lines: unknown[], key: Parameters<typeof t>[1], params: Record<string, string | number>) => {
      const r = rt.call('fundRecordArrival', { ...DELIVERY, lines }) as Reply;
      expect(r).toEqual({ ok: false, message: t('kk', key, params), help: 'trouble-fund' });
    };
    bad(
      [
        { titleId: 'F2', copies: 2, price: 10 },
        { titleId: 'F2', copies: 0, price: 10 },
      ],
      'fund.error.badCount',
      { line: 2 },
    );
    bad([{ titleId: 'F2', copies: 1, price: 'тегін' }], 'fund.error.badPrice', { line: 1 });
    bad([{ titleId: 'NOPE', copies: 1, price: 1 }], 'fund.error.titleUnknown', { line: 1, code: 'NOPE' });
    bad(
      [
        { titleId: 'F2', copies: 1, price: 1 },
        { titleId: 'f2', copies: 1, price: 1 },
      ],
      'fund.error.titleTwice',
      {
        line: 2,
        title: 'Мұхтар Әуезов. Абай жолы',
      },
    );
    const noSource = rt.call('fundRecordArrival', { ...DELIVERY, source: ' ' }) as Reply;
    expect(noSource.message).toBe(t('kk', 'fund.error.noSource'));
    expect(fund(rt)).toEqual(before);
    expect(rowsOf(rt, 'log')).toHaveLength(log);
  });

  it('keeps textbooks by group when Settings say so: title code and a count, no number of the inventory book', () => {
    const rt = lyceum();
    setSetting(rt, 'textbookAccounting', 'group');
    const r = rt.call('fundRecordArrival', {
      source: 'Мектеп',
      document: 'Накладная № 7',
      lines: [
        { titleId: 'T7K', copies: 3, price: 2000 },
        { titleId: 'F1', copies: 1, price: 1500 },
      ],
    }) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(r.inventories).toEqual(['T7K-001', 'T7K-002', 'T7K-003', '700103']);
    // The desk issues a group-kept textbook by its code.
    const issue = rt.call('deskIssue', '00123', 't7k-002') as Reply;
    expect(issue.ok, issue.message).toBe(true);
    // The inventory book lists them as one line of three.
    expect((rt.call('fundBuildInventoryBook') as Reply).ok).toBe(true);
    const book = rowsOf(rt, 'inventoryBook');
    expect(book.find((l) => l.inventory === 'T7K-001–T7K-003')).toMatchObject({ copies: 3, price: 2000 });
    expect(book.find((l) => l.inventory === '700103')).toMatchObject({
      copies: 1,
      title: 'Абай Құнанбайұлы. Қара сөздер',
    });
  });

  it('takes the fund that no record brought onto the books, after which the КСУ agrees with the Copies sheet', () => {
    const rt = lyceum();
    const before = rt.call('fundBuildKsu', 2026) as { differences: string[] };
    expect(before.differences.length).toBeGreaterThan(0);
    const r = rt.call('fundTakeOntoBooks', '31.12.2025') as Reply;
    expect(r.ok, r.message).toBe(true);
    // Every copy in the fund (the one written off by hand before the books is not) has the record now.
    const withRecord = rowsOf(rt, 'copies').filter((c) => c.arrival === r.record);
    expect(withRecord.map((c) => c.inventory).sort()).toEqual(
      rowsOf(rt, 'copies')
        .filter((c) => c.status !== 'есептен шығарылған')
        .map((c) => c.inventory)
        .sort(),
    );
    expect(copyOf(rt, '000302')!.arrival).toBe('');
    const ksu = rt.call('fundBuildKsu', 2026) as { ok: boolean; message: string; differences: string[] };
    expect(ksu.differences).toEqual([]);
    expect(ksu.message).toBe(t('kk', 'fund.ksu.done', { year: 2026 }));
  });
});
