/**
 * The summary accounting book (КСУ) of a generated year on the built bundle: deliveries, write-off
 * acts (one cancelled, one approved, one of the next year), loans and a loss, at dates drawn by a
 * seeded generator. Its part 3 is computed here on its own from the Copies, Catalogue and Acts
 * sheets, kind by kind; then a price edited by hand and a copy typed in without a receipt are
 * reported as differences, and the book's own figures stay as the registers say.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { dk, editCell, seedFund } from '../support/fund';
import { addRows, at, libraryRuntime, rowsOf } from '../support/library';

const KINDS = ['textbook', 'fiction', 'reference', 'methodical', 'periodical'] as const;
type Kind = (typeof KINDS)[number];
type Tally = { copies: number; sum: number };

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Tiyn as the books write a sum: "25 000,00" (a no-break space between thousands). */
function money(tiyn: number): string {
  const whole = Math.floor(tiyn / 100);
  const groups: string[] = [];
  for (let s = String(whole); s.length > 0; s = s.slice(0, -3)) groups.unshift(s.slice(-3));
  return `${groups.join('\u00a0')},${String(tiyn % 100).padStart(2, '0')}`;
}

function generateYear(rt: Runtime, seed: number): void {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  expect((rt.call('fundTakeOntoBooks', '31.12.2025') as { ok: boolean }).ok).toBe(true);
  const kindLabel = (k: Kind) => t('kk', `enum.kind.${k}`);
  let n = 0;
  // Eight deliveries in 2026 (up to September) and one in January 2027, a few titles each, new ones among them.
  const days = Array.from(
    { length: 8 },
    () => `2026-${pad(1 + Math.floor(rnd() * 9))}-${pad(1 + Math.floor(rnd() * 28))}`,
  ).sort();
  const deliver = (day: string) => {
    rt.clock.set(at(day));
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
      n++;
      const fresh = rnd() < 0.5;
      const price = Math.round(rnd() * 500000) / 100;
      return fresh
        ? {
            title: `Кітап ${n}`,
            author: `Автор ${n}`,
            kind: kindLabel(pick(KINDS)),
            year: 2020 + (n % 6),
            copies: 1 + Math.floor(rnd() * 5),
            price,
          }
        : { titleId: pick(['F1', 'F2', 'R1', 'T7M', 'T7K']), copies: 1 + Math.floor(rnd() * 4), price };
    });
    // No title twice in one delivery.
    const seen = new Set<string>();
    const unique = lines.filter((l) => {
      const k = 'titleId' in l ? String(l.titleId) : String(l.title);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const r = rt.call('fundRecordArrival', {
      source: `Жеткізуші ${n}`,
      document: `Жүкқұжат № ${n}`,
      lines: unique,
    }) as {
      ok: boolean;
      message: string;
    };
    expect(r.ok, r.message).toBe(true);
  };
  for (const day of days) deliver(day);
  // Loans, a loss at the desk (a lost copy stays on the books until an act writes it off).
  rt.clock.set(at('2026-09-16'));
  expect((rt.call('deskIssue', '00123', '000103') as { ok: boolean }).ok).toBe(true);
  expect((rt.call('deskIssue', '00124', '000104') as { ok: boolean }).ok).toBe(true);
  expect((rt.call('deskLost', '000104') as { ok: boolean }).ok).toBe(true);
  // Acts: one in October (approved), one in November (cancelled), one in December, one in 2027.
  const shelf = () =>
    rowsOf(rt, 'copies')
      .filter((c) => c.status === 'қорда' || c.status === 'жоғалған')
      .map((c) => String(c.inventory));
  const act = (day: string, count: number) => {
    rt.clock.set(at(day));
    const items = shelf()
      .sort(() => rnd() - 0.5)
      .slice(0, count)
      .map((inventory) => ({ inventory, reason: pick(['worn', 'lost', 'obsolete', 'duplicate']) }));
    const r = rt.call('fundCreateAct', items) as { ok: boolean; message: string; act: string };
    expect(r.ok, r.message).toBe(true);
    return r.act;
  };
  expect((rt.call('fundApproveAct', act('2026-10-14', 4)) as { ok: boolean }).ok).toBe(true);
  expect((rt.call('fundCancelAct', act('2026-11-11', 3)) as { ok: boolean }).ok).toBe(true);
  act('2026-12-09', 3);
  deliver('2027-01-15');
  act('2027-02-10', 2);
  rt.clock.set(at('2027-03-01'));
}

/** Part 3 of 2026 counted on its own from the Copies, Catalogue and Acts sheets. */
function countedFromSheets(rt: Runtime) {
  const kinds = new Map(rowsOf(rt, 'titles').map((r) => [String(r.titleId), String(r.kind)]));
  const kindOf = (label: string) => KINDS.find((k) => t('kk', `enum.kind.${k}`) === label)!;
  const acts = new Map<string, { date: string; cancelled: boolean }>();
  for (const a of rowsOf(rt, 'acts'))
    acts.set(String(a.act), { date: String(dk(a.date)), cancelled: a.status === 'күші жойылған' });
  const empty = () => Object.fromEntries(KINDS.map((k) => [k, { copies: 0, sum: 0 }])) as Record<Kind, Tally>;
  const out = { start: empty(), received: empty(), withdrawn: empty(), end: empty() };
  const add = (t: Record<Kind, Tally>, k: Kind, price: number) => {
    t[k].copies += 1;
    t[k].sum += Math.round(price * 100);
  };
  for (const c of rowsOf(rt, 'copies')) {
    const writtenOff = c.status === 'есептен шығарылған';
    const a = acts.get(String(c.writeOffAct));
    // Written off by hand before the books were kept here: never on them.
    if (writtenOff && !a) continue;
    const k = kindOf(kinds.get(String(c.titleId))!);
    const price = Number(c.price);
    const came = String(dk(c.received));
    const left = writtenOff && a && !a.cancelled ? a.date : null;
    const heldOn = (day: string) => came <= day && !(left !== null && left <= day);
    if (heldOn('2025-12-31')) add(out.start, k, price);
    if (came >= '2026-01-01' && came <= '2026-12-31') add(out.received, k, price);
    if (left !== null && left >= '2026-01-01' && left <= '2026-12-31') add(out.withdrawn, k, price);
    if (heldOn('2026-12-31')) add(out.end, k, price);
  }
  return out;
}

function partThree(rt: Runtime) {
  const p3 = rowsOf(rt, 'ksu').filter((l) => l.part === t('kk', 'fund.ksu.part3'));
  const row = (line: string) => p3.find((l) => l.line === line)!;
  const tally = (r: Record<string, unknown>) =>
    Object.fromEntries(KINDS.map((k) => [k, { copies: r[`${k}Copies`], sum: Math.round(Number(r[`${k}Sum`]) * 100) }]));
  return {
    start: tally(row(t('kk', 'fund.ksu.heldStart', { date: '01.01.2026' }))),
    received: tally(row(t('kk', 'fund.ksu.received', { year: 2026 }))),
    withdrawn: tally(row(t('kk', 'fund.ksu.withdrawn', { year: 2026 }))),
    end: tally(row(t('kk', 'fund.ksu.heldEnd', { date: '31.12.2026' }))),
  };
}

describe('the summary accounting book of a generated year', () => {
  it('reconciles with the Copies sheet, kind by kind, counted independently; a hand edit is reported, not hidden', () => {
    const rt = libraryRuntime({ now: at('2026-01-05') });
    seedFund(rt);
    generateYear(rt, 2026);
    const built = rt.call('fundBuildKsu', '2026') as { ok: boolean; message: string; differences: string[] };
    expect(built.ok, built.message).toBe(true);
    expect(built.differences).toEqual([]);
    const counted = countedFromSheets(rt);
    expect(partThree(rt)).toEqual(counted);
    // Something happened in every part of the year.
    const sum = (t: Record<Kind, Tally>) => KINDS.reduce((a, k) => a + t[k].copies, 0);
    expect(sum(counted.start)).toBeGreaterThan(0);
    expect(sum(counted.received)).toBeGreaterThan(0);
    expect(sum(counted.withdrawn)).toBe(7);
    // Part 1: a line per receipt record of 2026 (the opening balance is of 2025, January 2027 is next year).
    const part1 = rowsOf(rt, 'ksu').filter((l) => l.part === t('kk', 'fund.ksu.part1') && /^\d+$/.test(String(l.line)));
    expect(part1.map((l) => dk(l.date)).every((d) => String(d).startsWith('2026-'))).toBe(true);
    expect(part1).toHaveLength(8);
    expect(rowsOf(rt, 'ksu').some((l) => l.source === t('kk', 'fund.ksu.agrees'))).toBe(true);

    // The librarian changes a price on the Copies sheet, and types in a copy with no receipt.
    const copy = rowsOf(rt, 'copies').find((c) => c.status === 'қорда' && c.arrival === '2')!;
    editCell(rt, 'copies', { column: 'inventory', value: String(copy.inventory) }, 'price', Number(copy.price) + 1000);
    addRows(rt, 'copies', [
      { inventory: '990001', titleId: 'F1', status: 'қорда', price: 500, received: at('2026-05-05') },
    ]);
    const after = rt.call('fundBuildKsu', 2026) as { ok: boolean; message: string; differences: string[] };
    expect(after.differences.length).toBeGreaterThanOrEqual(3);
    expect(after.message).toContain(after.differences[0]);
    expect(after.differences.join('\n')).toContain(
      t('kk', 'fund.ksu.diff.noRecord', { count: 1, sum: '500,00', sample: '990001' }),
    );
    // Record 2 in the book, and its copies on the sheet: the same count, a thousand more.
    const lines = rowsOf(rt, 'arrivals').filter((l) => l.record === '2');
    const copies = lines.reduce((a, l) => a + Number(l.copies), 0);
    const book = lines.reduce((a, l) => a + Math.round(Number(l.sum) * 100), 0);
    expect(after.differences).toContain(
      t('kk', 'fund.ksu.diff.record', {
        record: '2',
        bookCopies: copies,
        bookSum: money(book),
        sheetCopies: copies,
        sheetSum: money(book + 100_000),
      }),
    );
    // Part 3 is what the registers say: the same as before the edit.
    expect(partThree(rt)).toEqual(counted);
    const diffRows = rowsOf(rt, 'ksu').filter((l) => l.line === t('kk', 'fund.ksu.difference'));
    expect(diffRows.map((r) => r.source)).toEqual(after.differences);
  });
});

describe('the inventory book of a generated year', () => {
  it('has a line per copy, by number: its date, author and title, year, price, receipt, and the act that withdrew it', () => {
    const rt = libraryRuntime({ now: at('2026-01-05') });
    seedFund(rt);
    generateYear(rt, 7);
    const r = rt.call('fundBuildInventoryBook') as { ok: boolean; message: string };
    expect(r.ok, r.message).toBe(true);
    // Counted here from the Copies, Catalogue, Receipts and Acts sheets.
    const titles = new Map(rowsOf(rt, 'titles').map((x) => [String(x.titleId), x]));
    const receipts = new Map<string, string>();
    for (const a of rowsOf(rt, 'arrivals'))
      if (!receipts.has(String(a.record)))
        receipts.set(
          String(a.record),
          t('kk', 'fund.book.receipt', {
            record: String(a.record),
            source: String(a.source),
            document: String(a.document),
          }),
        );
    const actDays = new Map<string, string>();
    for (const a of rowsOf(rt, 'acts'))
      if (a.status !== 'күші жойылған') actDays.set(String(a.act), String(dk(a.date)));
    const show = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
    const expected = rowsOf(rt, 'copies')
      .map((c) => {
        const x = titles.get(String(c.titleId))!;
        const writtenOff = c.status === 'есептен шығарылған';
        return {
          inventory: String(c.inventory),
          date: dk(c.received),
          // "Author. Title", the author's own full stop kept single ("Ермекова Т. Қазақ тілі 7").
          title: x.author ? `${String(x.author).replace(/\.$/, '')}. ${x.title}` : String(x.title),
          year: x.year,
          price: c.price,
          copies: 1,
          source: c.arrival ? receipts.get(String(c.arrival)) : c.source,
          act: !writtenOff
            ? ''
            : c.writeOffAct
              ? t('kk', 'fund.book.act', {
                  act: String(c.writeOffAct),
                  date: show(actDays.get(String(c.writeOffAct))!),
                })
              : t('kk', 'enum.copyStatus.writtenOff'),
        };
      })
      .sort((a, b) => a.inventory.localeCompare(b.inventory, undefined, { numeric: true }));
    const book = rowsOf(rt, 'inventoryBook').map((l) => ({
      inventory: l.inventory,
      date: dk(l.date),
      title: l.title,
      year: l.year,
      price: l.price,
      copies: l.copies,
      source: l.source,
      act: l.act,
    }));
    expect(book).toEqual(expected);
    // The year wrote something in every column that can be empty: acts and receipts.
    expect(book.filter((l) => String(l.act).includes('акт')).length).toBeGreaterThan(3);
    expect(new Set(book.map((l) => l.source)).size).toBeGreaterThan(3);
  });
});
