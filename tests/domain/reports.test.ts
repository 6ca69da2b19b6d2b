/**
 * The reports' pure rules: periods of the school year, coverage's invariants, ratings' ties, the
 * fund's movement. The numbers of whole reports are tested on the built bundle (tests/bundle/reports*).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type DayKey } from '../../src/dates';
import { type CoveragePupil, computeCoverage, requirementsFor } from '../../src/domain/coverage';
import { computeRatings } from '../../src/domain/ratings';
import {
  halfOf,
  parsePeriod,
  parsePeriods,
  periodBefore,
  quarterPeriod,
  schoolYear,
} from '../../src/domain/report-periods';
import { fundMovement, type StatCopy } from '../../src/domain/statistics';

const TODAY = '2025-11-26';
const dayArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-01-01', n));

describe('report periods', () => {
  it.each([
    ['11.2025', '2025-11-01', '2025-11-30'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2025-2026', '2025-08-01', '2026-07-31'],
    ['2024/25', '2024-08-01', '2025-07-31'],
    ['II тоқсан 2025-2026', '2025-11-01', '2025-12-31'],
    ['3 четверть', '2026-01-01', '2026-03-31'],
    ['Q4 2024-2025', '2025-04-01', '2025-07-31'],
    ['1 жартыжылдық', '2025-08-01', '2025-12-31'],
    ['2 полугодие 2024-2025', '2025-01-01', '2025-07-31'],
    ['H2', '2026-01-01', '2026-07-31'],
    ['30.11.2025 - 01.09.2025', '2025-09-01', '2025-11-30'],
  ])('"%s" is %s … %s', (text, from, to) => {
    expect(parsePeriod(text, TODAY)).toMatchObject({ from, to });
  });

  it('refuses what is no period; two periods separated by ";" compare', () => {
    expect(parsePeriod('next week', TODAY)).toBeNull();
    expect(parsePeriod('13.2025', TODAY)).toBeNull();
    expect(parsePeriods('2025-2026; 2024-2025', TODAY)?.map((p) => p.from)).toEqual(['2025-08-01', '2024-08-01']);
    expect(parsePeriods('', TODAY)).toEqual([]);
    expect(parsePeriods('2025-2026; soon', TODAY)).toBeNull();
  });

  it('every day lies in exactly one quarter and one half of its school year, which the quarters cover without gaps', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const start = Number(day.slice(5, 7)) >= 8 ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1;
        const year = schoolYear(start);
        expect(day >= year.from && day <= year.to).toBe(true);
        const quarters = [1, 2, 3, 4].map((q) => quarterPeriod(start, q));
        expect(quarters.filter((q) => day >= q.from && day <= q.to)).toHaveLength(1);
        for (let q = 1; q < 4; q++) expect(addDays(quarters[q - 1].to, 1)).toBe(quarters[q].from);
        const half = halfOf(day);
        expect(day >= half.from && day <= half.to).toBe(true);
        expect(addDays(periodBefore(half).to, 1)).toBe(half.from);
      }),
    );
  });
});

describe('coverage', () => {
  const pupilArb = fc.record({
    cls: fc.constantFrom('7А', '7Б', '8А'),
    registered: fc.option(dayArb, { nil: null }),
    left: fc.option(dayArb, { nil: null }),
    holds: fc.subarray(['T7', 'T7b', 'T8']),
  });
  it('have + without = enrolled, class shortages add up to the grade shortage, and % stays within 0..1', () => {
    fc.assert(
      fc.property(fc.array(pupilArb, { maxLength: 30 }), fc.integer({ min: 0, max: 12 }), (specs, copies) => {
        const day: DayKey = '2025-11-26';
        const { requirements } = requirementsFor(
          [
            { grade: 7, subject: 'Алгебра', titleId: 'T7', year: '2025-2026', group: 'alg' },
            { grade: 7, subject: 'Алгебра', titleId: 'T7b', year: '2025-2026', group: 'alg' },
            { grade: 8, subject: 'Алгебра', titleId: 'T8', year: '', group: '' },
          ],
          2025,
        );
        const pupils: CoveragePupil[] = specs.map((s, i) => ({
          code: `P${i}`,
          name: `P${i}`,
          classKey: s.cls,
          className: s.cls,
          grade: Number.parseInt(s.cls, 10),
          registered: s.registered,
          left: s.left,
          hasLeft: s.left !== null,
        }));
        const fund = [
          ...Array.from({ length: copies }, (_, i) => ({ inventory: `F${i}`, titleId: i % 2 ? 'T7' : 'T8' })),
          ...specs.flatMap((s, i) => s.holds.map((t) => ({ inventory: `H${i}${t}`, titleId: t }))),
        ].map((c) => ({ ...c, status: null, received: null, condition: null }));
        const loans = specs.flatMap((s, i) =>
          s.holds.map((t) => ({
            inventory: `H${i}${t}`,
            reader: `P${i}`,
            issued: '2025-09-01',
            returned: null,
            closed: false,
          })),
        );
        const cov = computeCoverage({
          day,
          requirements,
          classes: [
            { key: '7А', name: '7А', grade: 7 },
            { key: '7Б', name: '7Б', grade: 7 },
            { key: '8А', name: '8А', grade: 8 },
          ],
          pupils,
          copies: fund,
          loans,
        });
        for (const l of cov.lines) expect(l.have + l.without.length).toBe(l.enrolled);
        for (const r of cov.requirements) {
          const classes = cov.lines.filter((l) => l.req.key === r.req.key);
          expect(classes.reduce((n, l) => n + l.shortage, 0)).toBe(r.shortage);
        }
        for (const s of [...cov.classes, ...cov.grades, cov.low, cov.school]) {
          expect(s.have).toBeGreaterThanOrEqual(0);
          expect(s.have).toBeLessThanOrEqual(s.needed);
        }
      }),
    );
  });

  it('a list for another year is used only when none names the year asked for', () => {
    const rows = [
      { grade: 5, subject: 'A', titleId: 'X', year: '2024-2025', group: '' },
      { grade: 5, subject: 'A', titleId: 'Y', year: '2025-2026', group: '' },
    ];
    expect(requirementsFor(rows, 2025).requirements.map((r) => r.titleIds)).toEqual([['Y']]);
    expect(requirementsFor(rows, 2026)).toMatchObject({ usedYear: 2025 });
    expect(requirementsFor(rows, 2023)).toMatchObject({ usedYear: null, requirements: [] });
  });
});

describe('ratings', () => {
  it('names every reader with the top count, and ranks classes by issues per pupil with shared ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 }), (loans) => {
        const pupils = loans.map((_, i) => ({
          code: `P${i}`,
          name: `P${i}`,
          classKey: i % 2 ? 'A' : 'B',
          className: '',
        }));
        const issues = loans.flatMap((n, i) => Array.from({ length: n }, () => `P${i}`));
        const r = computeRatings([], pupils, issues);
        const max = Math.max(...loans);
        expect(r.readerOfYear.issues).toBe(max);
        expect(r.readerOfYear.pupils.map((p) => p.code)).toEqual(
          max === 0 ? [] : loans.flatMap((n, i) => (n === max ? [`P${i}`] : [])),
        );
        for (let i = 1; i < r.classes.length; i++) {
          const a = r.classes[i - 1];
          const b = r.classes[i];
          expect(a.issues * b.pupils).toBeGreaterThanOrEqual(b.issues * a.pupils);
          expect(b.rank === a.rank).toBe(a.issues * b.pupils === b.issues * a.pupils);
        }
      }),
    );
  });
});

describe('the fund in a year', () => {
  it('held at the end = held at the start + received − withdrawn, by kind', () => {
    const copyArb = fc.record({
      kind: fc.constantFrom('textbook', 'fiction', null),
      received: fc.option(dayArb, { nil: null }),
      withdrawnAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(copyArb, { maxLength: 40 }), (specs) => {
        const copies: StatCopy[] = specs.map((s, i) => ({
          inventory: String(i),
          kind: s.kind as StatCopy['kind'],
          received: s.received,
          withdrawn: s.withdrawnAfter === null ? null : addDays(s.received ?? '2023-06-01', s.withdrawnAfter),
          gone: false,
        }));
        const m = fundMovement(copies, '2025-08-01', '2026-07-31');
        for (const k of ['textbook', 'fiction', 'unknown', 'total'] as const) {
          expect(m.end[k]).toBe(m.start[k] + m.received[k] - m.withdrawn[k]);
        }
      }),
    );
  });
});
