/**
 * The fund's pure rules: Code 128 text for the barcode font, the numbering of inventory numbers, the
 * summary accounting book's running totals, and the write-off candidates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barcodeFontText, code128Values } from '../../src/domain/code128';
import { formatNumber, groupCodes, nextNumbers, numberOf, parseRule } from '../../src/domain/inventory-numbers';
import { type ActLine, buildKsu, type CopyFact, KINDS, type ReceiptLine, total } from '../../src/domain/ksu';
import { showMoney, toTiyn } from '../../src/domain/money';
import { candidates, type FundCopy } from '../../src/domain/write-off';
import { decodeCode128 } from '../support/code128';

describe('Code 128 in the Libre Barcode 128 font', () => {
  it('writes "Hello World!" as the font’s own example: start B, the text, checksum W, stop', () => {
    expect(barcodeFontText('Hello World!')).toBe('ÌHello World!WÎ');
  });

  it('puts an even run of digits in code set C, two a symbol', () => {
    expect(code128Values('000123')).toEqual([105, 0, 1, 23, (105 + 0 * 1 + 1 * 2 + 23 * 3) % 103]);
  });

  it('reads back, by an independent reader, every code a scanner can type', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,24}$/), (code) => {
        expect(decodeCode128(barcodeFontText(code) as string)).toBe(code.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('encodes Cyrillic look-alike capitals as Latin, and refuses other letters', () => {
    expect(decodeCode128(barcodeFontText('РК-12') as string)).toBe('PK-12');
    expect(barcodeFontText('Ұ-12')).toBeNull();
    expect(barcodeFontText('  ')).toBeNull();
  });
});

describe('inventory numbers', () => {
  it('follow the rule: zeros are the digits, text around them stays', () => {
    const rule = parseRule('KH-00000');
    expect(rule).toEqual({ prefix: 'KH-', width: 5, suffix: '' });
    expect(formatNumber(rule, 124)).toBe('KH-00124');
    expect(numberOf(rule, 'kh-00124')).toBe(124);
    expect(numberOf(parseRule('000000'), 123)).toBe(123);
    expect(nextNumbers(parseRule('000000'), ['000120', 5, 'KH-00999', 'abc'], 2)).toEqual(['000121', '000122']);
  });

  it('new numbers are consecutive, new to the fund and larger than any number in its form', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 999_999 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (taken, n) => {
          const rule = parseRule('000000');
          const existing = taken.map((x) => formatNumber(rule, x));
          const fresh = nextNumbers(rule, existing, n);
          expect(new Set(fresh).size).toBe(n);
          for (const f of fresh) {
            expect(existing).not.toContain(f);
            expect(numberOf(rule, f)).toBeGreaterThan(Math.max(0, ...taken));
          }
          expect(fresh.map((f) => numberOf(rule, f)!)).toEqual(fresh.map((_, i) => numberOf(rule, fresh[0])! + i));
        },
      ),
    );
  });

  it('group accounting counts per title: T7M-001, T7M-002 after T7M-000…', () => {
    expect(groupCodes('T7M', ['T7M-007', 't7m-009', 'T7K-050'], 2)).toEqual(['T7M-010', 'T7M-011']);
  });
});

describe('money', () => {
  it('adds up in tiyn and writes sums as the books do', () => {
    expect(toTiyn('1 250,50')).toBe(125050);
    expect(toTiyn(0.1) + toTiyn(0.2)).toBe(30);
    expect(showMoney(2_500_050)).toBe('25\u00a0000,50');
  });
});

const kind = fc.constantFrom(...KINDS);
const day = fc
  .integer({ min: 0, max: 4 * 365 })
  .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));

describe('the summary accounting book', () => {
  it('held at the end = held at the start + received − withdrawn, kind by kind, for any registers', () => {
    const receipt = fc.record({
      record: fc.integer({ min: 1, max: 9 }).map(String),
      date: day,
      kind,
      copies: fc.integer({ min: 1, max: 9 }),
      sum: fc.integer({ min: 0, max: 10_000_000 }),
    });
    const act = fc.record({
      act: fc.integer({ min: 1, max: 5 }).map((n) => `2025-${n}`),
      date: day,
      kind,
      price: fc.integer({ min: 0, max: 1_000_000 }),
      status: fc.constantFrom('draft', 'approved', 'cancelled'),
    });
    fc.assert(
      fc.property(
        fc.array(receipt, { maxLength: 20 }),
        fc.array(act, { maxLength: 20 }),
        fc.integer({ min: 2024, max: 2027 }),
        (rs, as, year) => {
          // A record has one date: its lines take the first line's.
          const dated = new Map<string, string>();
          for (const r of rs) if (!dated.has(r.record)) dated.set(r.record, r.date);
          const receipts: ReceiptLine[] = rs.map((r) => ({
            ...r,
            date: dated.get(r.record)!,
            source: 's',
            document: 'd',
            recorded: true,
          }));
          const acts: ActLine[] = as.map((a) => ({ ...a, reason: 'r', inventory: 'x' }) as ActLine);
          const book = buildKsu(year, receipts, acts, []);
          for (const k of KINDS) {
            const { start, received, withdrawn, end } = book.totals;
            expect(end[k].copies).toBe(start[k].copies + received[k].copies - withdrawn[k].copies);
            expect(end[k].sum).toBe(start[k].sum + received[k].sum - withdrawn[k].sum);
          }
          // Part 1 and part 2 add up to the year's received and withdrawn.
          const sum1 = book.receipts.reduce((a, r) => a + total(r.byKind).copies, 0);
          expect(sum1).toBe(total(book.totals.received).copies);
          const sum2 = book.withdrawals.reduce((a, w) => a + total(w.byKind).copies, 0);
          expect(sum2).toBe(total(book.totals.withdrawn).copies);
        },
      ),
    );
  });

  it('agrees with copies that match its registers, and lists a copy that does not', () => {
    const receipts: ReceiptLine[] = [
      {
        record: '1',
        date: '2026-03-01',
        source: 's',
        document: 'd',
        kind: 'fiction',
        copies: 2,
        sum: 2000,
        recorded: true,
      },
    ];
    const acts: ActLine[] = [
      {
        act: '2026-1',
        date: '2026-10-01',
        status: 'draft',
        kind: 'fiction',
        reason: 'worn',
        price: 1000,
        inventory: 'A1',
      },
    ];
    const copies: CopyFact[] = [
      {
        inventory: 'A1',
        kind: 'fiction',
        price: 1000,
        received: '2026-03-01',
        arrival: '1',
        act: '2026-1',
        writtenOff: true,
      },
      {
        inventory: 'A2',
        kind: 'fiction',
        price: 1000,
        received: '2026-03-01',
        arrival: '1',
        act: '',
        writtenOff: false,
      },
    ];
    expect(buildKsu(2026, receipts, acts, copies).differences).toEqual([]);
    const edited = [copies[0], { ...copies[1], price: 1500 }];
    expect(buildKsu(2026, receipts, acts, edited).differences.map((d) => d.kind)).toEqual(['record', 'held']);
  });
});

describe('write-off candidates', () => {
  const copy = fc.record({
    inventory: fc.integer({ min: 1, max: 60 }).map((n) => String(n).padStart(6, '0')),
    titleId: fc.constantFrom('A', 'B', 'C'),
    kind,
    author: fc.constant('X'),
    title: fc.constantFrom('A', 'B', 'C'),
    year: fc.option(fc.integer({ min: 1990, max: 2025 }), { nil: null }),
    price: fc.integer({ min: 0, max: 10_000 }),
    status: fc.constantFrom('available', 'onLoan', 'lost', 'writtenOff'),
    onLoan: fc.boolean(),
    condition: fc.constantFrom('new', 'good', 'satisfactory', 'unsatisfactory', null),
    received: fc.option(day, { nil: null }),
    lastIssued: fc.option(day, { nil: null }),
    missing: fc.boolean(),
  }) as fc.Arbitrary<FundCopy>;

  it('never offer a copy on loan or written off, and leave N copies of a title', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(copy, { selector: (c) => c.inventory, maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        (copies, n) => {
          const list = candidates(
            copies,
            { unsatisfactory: true, lost: true, missing: true, obsolete: true, notIssuedYears: 2, duplicatesBeyond: n },
            '2027-06-01',
          );
          for (const c of list) {
            expect(c.copy.onLoan).toBe(false);
            expect(c.copy.status).not.toBe('writtenOff');
          }
          for (const id of ['A', 'B', 'C']) {
            const held = copies.filter((c) => c.titleId === id && c.status !== 'writtenOff' && c.status !== 'lost');
            const dupes = list.filter((c) => c.copy.titleId === id && c.matched.includes('duplicates'));
            const onShelf = held.filter((c) => !c.onLoan).length;
            expect(dupes.length).toBe(Math.min(onShelf, Math.max(0, held.length - n)));
          }
        },
      ),
    );
  });
});
