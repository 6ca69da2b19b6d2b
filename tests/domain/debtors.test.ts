import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isLastDayOfMonth, isoWeekday } from '../../src/dates';
import {
  type ClassFact,
  ClassIndex,
  type CopyFact,
  type DebtorGroup,
  debtorsOfClass,
  findDebtors,
  type LoanFact,
  type ReaderFact,
} from '../../src/domain/debtors';
import { scheduleFrom } from '../../src/domain/schedule';

const lyceum = scheduleFrom({ closedWeekdays: [2, 6, 7], lastDayClosed: true }, [
  { from: '2026-12-16', to: '2026-12-16' },
]);
const TODAY = '2026-11-25'; // a Wednesday

const classes: ClassFact[] = [
  { className: '10А', grade: 10, teacher: 'Серікова А.Б.', email: 'serikova@example.kz', language: 'kk' },
  { className: '5Б', grade: 5, teacher: 'Иванова О.П.', email: 'ivanova@example.kz', language: 'ru' },
  { className: '5А', grade: 5, teacher: 'Ахметова Г.Н.', email: 'akhmetova@example.kz', language: 'kk' },
  { className: '5Ә', grade: 5, teacher: 'Нұрланова Д.', email: 'nurlanova@example.kz', language: 'kk' },
  { className: '7В', grade: 7, teacher: 'Смит Дж.', email: 'smith@example.kz', language: 'en' },
];

const reader = (
  code: string,
  name: string,
  category: ReaderFact['category'],
  className = '',
  status: ReaderFact['status'] = 'active',
): ReaderFact => ({
  code,
  name,
  category,
  className,
  status,
});

const readers: ReaderFact[] = [
  reader('P1', 'Сейтқали Әлия', 'pupil', '5А'),
  reader('P2', 'Абаев Бекзат', 'pupil', '5А'),
  reader('P3', 'Иванов Иван', 'pupil', '5Б'),
  reader('P4', 'Жұмабек Ұлан', 'pupil', '10А'),
  reader('P5', 'Ким Ян', 'pupil', '10А', 'left'),
  reader('P6', 'Омаров Тимур', 'pupil', '5Ә'),
  reader('P7', 'Бекова Айгерім', 'pupil', '6Г'), // 6Г is not on the Classes sheet
  reader('P8', 'Тихонов Марат', 'pupil', '7В'), // returns everything on time
  reader('T1', 'Серікова А.Б.', 'teacher', '10А'),
  reader('S1', 'Қасымов Ержан', 'staff'),
  reader('R1', 'Абаева Сәуле', 'parent'),
];

const copies = new Map<string, CopyFact>([
  ['1001', { inventory: '1001', author: 'Абай', title: 'Қара сөздер' }],
  ['1002', { inventory: '1002', author: 'Әуезов М.', title: 'Абай жолы' }],
  ['1003', { inventory: '1003', author: 'Пушкин А.С.', title: 'Капитанская дочка' }],
  ['1004', { inventory: '1004', author: '', title: 'Алгебра 10' }],
]);

let seq = 0;
const loan = (
  reader: string,
  inventory: string,
  due: string,
  status: LoanFact['status'] = 'open',
  issued = addDays(due, -14),
): LoanFact => ({
  loanId: `L${++seq}`,
  inventory,
  reader,
  issued,
  due,
  returned: status === 'returned' ? addDays(due, -1) : null,
  status,
});

const loans: LoanFact[] = [
  loan('P1', '1002', '2026-11-19'),
  loan('P1', '1001', '2026-11-04'),
  loan('P2', '1003', '2026-11-18'),
  loan('P3', '1003', '2026-10-28'),
  loan('P3', '1001', '2026-11-25'), // due today: not overdue
  loan('P4', '1004', '2026-11-02'),
  loan('P5', '1004', '2026-05-26'), // left the school, still owes
  loan('P6', '1002', '2026-11-20'),
  loan('P7', '1001', '2026-11-11'),
  loan('P8', '1001', '2026-11-11', 'returned'),
  loan('P8', '1002', '2026-11-11', 'lost'),
  loan('P8', '1003', '2026-11-11', 'replaced'),
  loan('P8', '1004', '2026-12-09'), // not due yet
  loan('T1', '9999', '2026-11-12'), // copy not on the Copies sheet
  loan('S1', '1001', '2026-11-23'),
  loan('R1', '1002', '2026-11-24'),
  loan('X9', '1003', '2026-11-05'), // reader not on the Readers sheet
];

const run = (overrides: Partial<Parameters<typeof findDebtors>[0]> = {}) =>
  findDebtors({ loans, readers, classes, copies, today: TODAY, schedule: lyceum, openDaysOnly: false, ...overrides });

const shape = (groups: DebtorGroup[]) =>
  groups.map((g) => [g.kind === 'class' ? g.className : 'staff', g.debtors.map((d) => d.code)]);

describe('the debtor list', () => {
  it('groups pupils by class in grade and natural class order, the staff group last', () => {
    expect(shape(run())).toEqual([
      ['5А', ['P2', 'P1']], // Абаев before Сейтқали
      ['5Ә', ['P6']], // the Kazakh letter Ә comes between А and Б
      ['5Б', ['P3']],
      ['6Г', ['P7']],
      ['10А', ['P4', 'P5']],
      ['staff', ['R1', 'S1', 'T1', 'X9']], // Абаева, Қасымов (Қ after К), Серікова, X9 (Latin after Cyrillic)
    ]);
  });

  it('gives each class group its teacher, e-mail and language', () => {
    const g = run().find((x) => x.kind === 'class' && x.className === '5Б');
    expect(g).toMatchObject({
      kind: 'class',
      grade: 5,
      teacher: 'Иванова О.П.',
      email: 'ivanova@example.kz',
      language: 'ru',
    });
  });

  it('lists the overdue items of a reader by due date, with author, title and days overdue', () => {
    const [p1] = debtorsOfClass(run(), '5А').filter((d) => d.code === 'P1');
    expect(p1.items).toEqual([
      {
        loanId: expect.any(String),
        inventory: '1001',
        author: 'Абай',
        title: 'Қара сөздер',
        issued: '2026-10-21',
        due: '2026-11-04',
        daysOverdue: 21,
      },
      expect.objectContaining({ inventory: '1002', due: '2026-11-19', daysOverdue: 6 }),
    ]);
  });

  it('counts open days overdue when the library counts open days only', () => {
    const [p1] = debtorsOfClass(run({ openDaysOnly: true }), '5А').filter((d) => d.code === 'P1');
    // After Thu 19 Nov: Fri 20, Mon 23, Wed 25.
    expect(p1.items.map((i) => i.daysOverdue)).toEqual([daysOpen('2026-11-04'), 3]);
  });

  it('does not count a loan due today, not yet due, returned, lost or replaced', () => {
    const groups = run();
    const ids = groups.flatMap((g) => g.debtors.flatMap((d) => d.items.map((i) => i.inventory + d.code)));
    expect(ids).not.toContain('1001P3');
    expect(groups.flatMap((g) => g.debtors.map((d) => d.code))).not.toContain('P8');
    expect(groups.some((g) => g.kind === 'class' && g.className === '7В')).toBe(false);
  });

  it('keeps a pupil who left, a pupil of a class not on the Classes sheet, and unknown readers', () => {
    const groups = run();
    expect(debtorsOfClass(groups, '10А').map((d) => d.code)).toContain('P5');
    const unknownClass = groups.find((g) => g.kind === 'class' && g.className === '6Г');
    expect(unknownClass).toMatchObject({ grade: 6, teacher: '', email: '', debtors: [{ code: 'P7' }] });
    const staff = groups.find((g) => g.kind === 'staff');
    expect(staff?.debtors.find((d) => d.code === 'X9')).toMatchObject({ name: 'X9', className: '' });
    const teacher = staff?.debtors.find((d) => d.code === 'T1');
    expect(teacher?.items[0]).toMatchObject({ inventory: '9999', author: '', title: '' });
  });

  it('matches class names written with spaces, lower case or Latin letters', () => {
    const groups = run({
      readers: [...readers, reader('P9', 'Бөкей Дана', 'pupil', '5A'), reader('P10', 'Шәкен Ерлан', 'pupil', ' 5 а ')],
      loans: [...loans, loan('P9', '1001', '2026-11-20'), loan('P10', '1001', '2026-11-20')],
    });
    expect(debtorsOfClass(groups, '5А').map((d) => d.code)).toEqual(['P2', 'P9', 'P1', 'P10']); // Абаев, Бөкей, Сейтқали, Шәкен;
    expect(debtorsOfClass(groups, '5 a').map((d) => d.className)).toEqual(['5А', '5А', '5А', '5А']);
    expect(groups.filter((g) => g.kind === 'class' && g.grade === 5)).toHaveLength(3);
  });

  it('takes readers as a Map or as a list', () => {
    expect(run({ readers: new Map(readers.map((r) => [r.code, r])) })).toEqual(run());
  });

  it('is empty when nobody is late, and has no staff group when no adult is late', () => {
    expect(run({ today: '2026-05-01' })).toEqual([]);
    const pupilsOnly = run({ loans: loans.filter((l) => l.reader.startsWith('P')) });
    expect(pupilsOnly.some((g) => g.kind === 'staff')).toBe(false);
  });

  it('finds nothing for a class without debtors', () => {
    expect(debtorsOfClass(run(), '7В')).toEqual([]);
    expect(debtorsOfClass(run(), '11А')).toEqual([]);
  });
});

function daysOpen(due: string): number {
  let n = 0;
  for (let d = addDays(due, 1); d <= TODAY; d = addDays(d, 1)) {
    if (![2, 6, 7].includes(isoWeekday(d)) && !isLastDayOfMonth(d)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------

const CLASS_NAMES = ['1А', '5А', '5Ә', '5Б', '9В', '10А', '11Б'];
const classesArb = fc.subarray(CLASS_NAMES).map((names) =>
  names.map(
    (className): ClassFact => ({
      className,
      grade: Number.parseInt(className, 10),
      teacher: `T ${className}`,
      email: `${className}@example.kz`,
      language: 'kk',
    }),
  ),
);
const readerArb = fc.record({
  name: fc.constantFrom('Әлия', 'Бекзат', 'Иван', 'Ұлан', 'Айгерім', 'Ян', ''),
  category: fc.constantFrom<ReaderFact['category']>('pupil', 'pupil', 'pupil', 'teacher', 'staff', 'parent'),
  className: fc.constantFrom(...CLASS_NAMES, '8Г', ''),
  status: fc.constantFrom<ReaderFact['status']>('active', 'left'),
});
const START = '2026-01-01';
const worldArb = fc
  .record({
    classes: classesArb,
    readers: fc.array(readerArb, { maxLength: 30 }),
    loans: fc.array(
      fc.record({
        reader: fc.integer({ min: 0, max: 40 }), // codes beyond the readers are unknown readers
        inventory: fc.constantFrom('1001', '1002', '1003', '1004', '9999'),
        due: fc.integer({ min: 0, max: 364 }),
        status: fc.constantFrom<LoanFact['status']>('open', 'open', 'returned', 'lost', 'replaced'),
      }),
      { maxLength: 80 },
    ),
    today: fc.integer({ min: 0, max: 364 }),
    openDaysOnly: fc.boolean(),
  })
  .map((w) => ({
    classes: w.classes,
    readers: w.readers.map((r, i): ReaderFact => ({ ...r, code: `R${i}` })),
    loans: w.loans.map(
      (l, i): LoanFact => ({
        loanId: `L${i}`,
        inventory: l.inventory,
        reader: `R${l.reader}`,
        issued: addDays(START, l.due - 14),
        due: addDays(START, l.due),
        returned: null,
        status: l.status,
      }),
    ),
    today: addDays(START, w.today),
    openDaysOnly: w.openDaysOnly,
  }));

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

describe('debtor list properties', () => {
  const find = (w: World) => findDebtors({ ...w, copies, schedule: lyceum });

  it('every overdue open loan appears exactly once, nothing else appears', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const listed = find(w).flatMap((g) => g.debtors.flatMap((d) => d.items.map((i) => [i.loanId, d.code])));
        const expected = w.loans.filter((l) => l.status === 'open' && l.due < w.today).map((l) => [l.loanId, l.reader]);
        const key = (x: string[]) => x.join(' ');
        expect(listed.map(key).sort()).toEqual(expected.map(key).sort());
        expect(new Set(listed.map((x) => x[0])).size).toBe(listed.length);
      }),
    );
  });

  it('a class group contains only pupils of that class; everybody else is in the staff group', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const byCode = new Map(w.readers.map((r) => [r.code, r]));
        for (const g of find(w)) {
          for (const d of g.debtors) {
            const r = byCode.get(d.code);
            if (g.kind === 'class') {
              expect(r?.category).toBe('pupil');
              expect(r?.className).toBe(g.className);
              expect(d.className).toBe(g.className);
            } else {
              expect(r === undefined || r.category !== 'pupil').toBe(true);
              if (!r) expect(d.name).toBe(d.code);
            }
          }
        }
      }),
    );
  });

  it('is ordered: classes by grade then name, staff last, debtors by name, items by due date', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const groups = find(w);
        const classGroups = groups.filter((g) => g.kind === 'class');
        const staffAt = groups.findIndex((g) => g.kind === 'staff');
        expect(staffAt === -1 || staffAt === groups.length - 1).toBe(true);
        for (let i = 1; i < classGroups.length; i++) {
          const [a, b] = [classGroups[i - 1], classGroups[i]];
          expect(a.grade < b.grade || (a.grade === b.grade && a.className.localeCompare(b.className, 'kk') < 0)).toBe(
            true,
          );
        }
        for (const g of groups) {
          expect(g.debtors.length).toBeGreaterThan(0);
          for (let i = 1; i < g.debtors.length; i++) {
            expect(g.debtors[i - 1].name.localeCompare(g.debtors[i].name, 'kk', { numeric: true })).toBeLessThanOrEqual(
              0,
            );
          }
          for (const d of g.debtors) {
            expect(d.items.length).toBeGreaterThan(0);
            for (let i = 1; i < d.items.length; i++) expect(d.items[i - 1].due <= d.items[i].due).toBe(true);
            for (const item of d.items) {
              const calendar = daysBetween(item.due, w.today);
              expect(item.daysOverdue).toBe(w.openDaysOnly ? item.daysOverdue : calendar);
              expect(item.daysOverdue).toBeLessThanOrEqual(calendar);
            }
          }
        }
      }),
    );
  });

  it('is empty on the earliest due day', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const early = w.loans.map((l) => l.due).sort()[0] ?? w.today;
        expect(find({ ...w, today: early })).toEqual([]);
      }),
    );
  });
});

describe('classes found by name', () => {
  const cls = (className: string, teacher: string, email: string): ClassFact => ({
    className,
    grade: 7,
    teacher,
    email,
    language: 'kk',
  });
  const cyr = cls('7В', 'Сейітова', 'seitova@example.kz'); // Cyrillic В
  const lat = cls('7B', 'Smith', 'smith@example.kz'); // Latin B

  it('match the exact spelling first (spaces and case aside), look-alikes only when nothing is spelled so', () => {
    const both = new ClassIndex([cyr, lat]);
    expect(both.find('7 b')).toBe(lat);
    expect(both.find('7-в')).toBe(cyr);
    expect(both.key('7b')).not.toBe(both.key('7В'));
    const one = new ClassIndex([cyr]);
    expect(one.find('7B')).toBe(cyr); // typed with a Latin B: the one class that looks so
    expect(one.key('7 B')).toBe(one.key('7В'));
  });

  it('two Classes rows spelled alike clash; one class listed twice the same does not', () => {
    expect(new ClassIndex([cyr, lat]).clashes('7В')).toEqual(['7В', '7B']);
    expect(new ClassIndex([cyr, lat]).clashes('7b')).toEqual(['7В', '7B']);
    expect(new ClassIndex([cyr, { ...cyr, className: '7 В' }]).clashes('7В')).toEqual([]);
    expect(new ClassIndex([cyr, { ...cyr, email: 'other@example.kz' }]).clashes('7В')).toEqual(['7В']);
    expect(new ClassIndex([cyr]).clashes('7В')).toEqual([]);
  });

  it('the debtor list keeps a Latin "7B" and a Cyrillic "7В" apart, each with its own teacher', () => {
    const groups = findDebtors({
      loans: [loan('X1', '1001', '2026-11-10'), loan('X2', '1002', '2026-11-10')],
      readers: [reader('X1', 'Кириллов', 'pupil', '7В'), reader('X2', 'Latinov', 'pupil', '7b')],
      classes: [cyr, lat],
      copies,
      today: TODAY,
      schedule: lyceum,
      openDaysOnly: false,
    });
    const byClass = groups.flatMap((g) =>
      g.kind === 'class' ? [[g.className, g.teacher, g.debtors.map((d) => d.code)]] : [],
    );
    expect(byClass).toHaveLength(2);
    expect(byClass).toContainEqual(['7B', 'Smith', ['X2']]);
    expect(byClass).toContainEqual(['7В', 'Сейітова', ['X1']]);
    expect(debtorsOfClass(groups, '7B').map((d) => d.code)).toEqual(['X2']);
    expect(debtorsOfClass(groups, '7В').map((d) => d.code)).toEqual(['X1']);
  });
});
