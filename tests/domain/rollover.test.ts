/**
 * The year-end rollover's rules: the summer it may run in, a class moved up or graduated, the class a
 * pupil was in before later rollovers, and which loans go to the archive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classKey, gradeOfClass } from '../../src/domain/class-names';
import {
  archivable,
  archiveBoundary,
  classBefore,
  classOnDay,
  classRowOnDay,
  graduationYearOf,
  loansToArchive,
  movedBy,
  promoteClass,
  type RolloverDone,
  rolloverYearOf,
  schoolYearEnd,
} from '../../src/domain/rollover';

const letters = fc.constantFrom('А', 'Б', 'В', 'Г', 'Ә', 'A', 'B', ' Б', '-В', '');
const className = fc.tuple(fc.integer({ min: 1, max: 11 }), letters).map(([g, l]) => `${g}${l}`);

describe('the summer a rollover runs in', () => {
  it('closes the school year that ended in May, from 1 June to 31 August, and no other day', () => {
    expect(rolloverYearOf('2026-06-01')).toBe(2025);
    expect(rolloverYearOf('2026-07-31')).toBe(2025);
    expect(rolloverYearOf('2026-08-31')).toBe(2025);
    expect(rolloverYearOf('2026-05-31')).toBeNull();
    expect(rolloverYearOf('2026-09-01')).toBeNull();
    expect(rolloverYearOf('2026-12-02')).toBeNull();
    expect(schoolYearEnd(2025)).toBe('2026-07-31');
  });
});

describe('a class moved up', () => {
  it('keeps its letter as spelled and gains a grade; the last grade graduates with its year', () => {
    expect(promoteClass('7А', 11, 2025)).toEqual({ kind: 'up', to: '8А' });
    expect(promoteClass('9 Б', 11, 2025)).toEqual({ kind: 'up', to: '10 Б' });
    expect(promoteClass('11А', 11, 2025)).toEqual({ kind: 'graduate', to: '11А (2026)' });
    expect(promoteClass('9В', 9, 2025)).toEqual({ kind: 'graduate', to: '9В (2026)' });
    expect(promoteClass('11А (2026)', 11, 2026)).toEqual({ kind: 'stay' });
    expect(promoteClass('Кружок', 11, 2025)).toEqual({ kind: 'stay' });
    expect(promoteClass('', 11, 2025)).toEqual({ kind: 'stay' });
  });

  it('a graduated class keeps its grade and is a class of its own, told apart from next year’s', () => {
    expect(gradeOfClass('11А (2026)')).toBe(11);
    expect(graduationYearOf('11А (2026)')).toBe(2026);
    expect(classKey('11А (2026)')).not.toBe(classKey('11А'));
    expect(classKey('11А (2026)')).not.toBe(classKey('11А (2027)'));
  });

  it('is a bijection on the classes that do not graduate: two classes never become one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(className, { selector: classKey, maxLength: 30 }), (names) => {
        const moved = names
          .map((n) => promoteClass(n, 11, 2025))
          .filter((p) => p.kind !== 'stay')
          .map((p) => classKey((p as { to: string }).to));
        expect(new Set(moved).size).toBe(moved.length);
      }),
    );
  });

  it('is undone by stepping back: the class before a move is the class moved', () => {
    fc.assert(
      fc.property(
        className,
        fc.integer({ min: 9, max: 12 }),
        fc.integer({ min: 2000, max: 2100 }),
        (name, max, year) => {
          const p = promoteClass(name, max, year);
          if (p.kind === 'stay') return;
          expect(classBefore(p.to, 1)).toBe(name);
        },
      ),
    );
  });
});

describe('the class a pupil was in on a past day', () => {
  const rollovers: RolloverDone[] = [
    { year: 2024, day: '2025-06-20' },
    { year: 2025, day: '2026-07-10' },
  ];
  const pupil = (className: string, extra: Partial<Parameters<typeof classOnDay>[0]> = {}) => ({
    category: 'pupil',
    className,
    registered: '2020-09-01',
    left: null,
    hasLeft: false,
    ...extra,
  });

  it('steps back once for every rollover after that day that moved the pupil', () => {
    expect(classOnDay(pupil('9А'), '2026-09-10', rollovers)).toBe('9А');
    expect(classOnDay(pupil('9А'), '2026-03-10', rollovers)).toBe('8А');
    expect(classOnDay(pupil('9А'), '2025-03-10', rollovers)).toBe('7А');
    expect(classOnDay(pupil('9А'), '2024-03-10', rollovers)).toBe('7А');
  });

  it('a graduate was in the last grade in the year they graduated, and lower before', () => {
    const g = pupil('11А (2026)', { left: '2026-07-31', hasLeft: true });
    expect(classOnDay(g, '2026-03-10', rollovers)).toBe('11А');
    expect(classOnDay(g, '2025-03-10', rollovers)).toBe('10А');
  });

  it('a pupil who joined after a rollover, or left before it, was not moved by it', () => {
    expect(classOnDay(pupil('9А', { registered: '2025-09-01' }), '2025-03-10', rollovers)).toBe('8А');
    expect(classOnDay(pupil('7А', { left: '2026-02-01', hasLeft: true }), '2025-10-10', rollovers)).toBe('7А');
    expect(movedBy(pupil('7А', { left: '2026-02-01', hasLeft: true }), '2026-07-10')).toBe(false);
    expect(movedBy({ ...pupil('7А'), category: 'teacher' }, '2026-07-10')).toBe(false);
  });

  it('a Classes row steps back only through the rollovers that moved it (next year’s new 5А stays 5А)', () => {
    const with5 = [{ year: 2025, day: '2026-07-10', classes: ['6А', '11А(2026)'] }];
    expect(classRowOnDay('6А', '2026-03-10', with5)).toBe('5А');
    expect(classRowOnDay('11А (2026)', '2026-03-10', with5)).toBe('11А');
    expect(classRowOnDay('5А', '2026-03-10', with5)).toBe('5А');
    expect(classRowOnDay('6А', '2026-09-10', with5)).toBe('6А');
  });

  it('gives back the class it had, whatever the rollovers: moved up n times, stepped back n times', () => {
    fc.assert(
      fc.property(className, fc.integer({ min: 1, max: 6 }), (start, n) => {
        let name = start;
        const done: RolloverDone[] = [];
        for (let i = 0; i < n; i++) {
          const year = 2020 + i;
          const p = promoteClass(name, 11, year);
          done.push({ year, day: `${year + 1}-07-01` });
          if (p.kind === 'stay') break;
          name = p.to;
          if (p.kind === 'graduate') break;
        }
        const left = graduationYearOf(name) !== null ? schoolYearEnd(graduationYearOf(name)! - 1) : null;
        const r = pupil(name, { left, hasLeft: left !== null });
        expect(classOnDay(r, '2020-10-01', done)).toBe(start);
      }),
    );
  });
});

describe('the loans that go to the archive', () => {
  const loan = fc.record({
    loanId: fc.constantFrom('', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6'),
    status: fc.constantFrom('open', 'returned', 'lost', 'replaced', null),
    issued: fc.option(fc.constantFrom('2022-09-01', '2023-10-01', '2024-07-31', '2024-08-01', '2025-03-01'), {
      nil: null,
    }),
    returned: fc.option(fc.constantFrom('2022-09-20', '2023-11-01', '2024-07-31', '2024-08-01', '2025-03-20'), {
      nil: null,
    }),
  });

  it('keeps two school years by default: the boundary after closing 2025-2026 is 1 August 2024', () => {
    expect(archiveBoundary(2025, 2)).toBe('2024-08-01');
    expect(archiveBoundary(2025, 1)).toBe('2025-08-01');
  });

  it('takes a loan iff it is returned, with a loan id on no other row, issued and returned before the boundary', () => {
    fc.assert(
      fc.property(fc.array(loan, { maxLength: 12 }), (loans) => {
        const boundary = '2024-08-01';
        const out = loansToArchive(loans, boundary);
        for (const l of loans) {
          const unique = l.loanId !== '' && loans.filter((x) => x.loanId === l.loanId).length === 1;
          const expected =
            l.status === 'returned' &&
            unique &&
            l.issued !== null &&
            l.returned !== null &&
            l.issued < boundary &&
            l.returned < boundary;
          expect(out.includes(l)).toBe(expected);
          if (l.status !== 'returned') expect(archivable(l, boundary)).toBe(false);
        }
      }),
    );
  });
});
