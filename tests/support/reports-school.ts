/**
 * A generated school for the reports' tests: four classes (5А, 5Б, 7А, 10А), pupils who joined mid-year
 * and one who left (still holding a textbook), the required textbooks of 2026-2027 with a textbook
 * group (two editions of Algebra 7), copies (one written off, one lost, one worn out), class sets of
 * textbooks, two school years of fiction loans with ties, visits of every kind and events. `scale`
 * multiplies the pupils, the copies and the loans (the same classes, titles and months), for the cost
 * tests. The data is kept as plain values (day keys, codes) for the tests to compute the expected
 * numbers from; `fillSchool` writes it as an import would, then runs Setup.
 */
import type { Runtime } from '../../emulator';
import { addDays } from '../../src/dates';
import { t } from '../../src/messages';
import { type EnumName, enumKey, headerKey, SHEETS, type SheetKey } from '../../src/schema';
import { day } from './desk-fixture';
import { sheetOf } from './library';

export interface Pupil {
  code: string;
  name: string;
  className: string;
  /** The class as typed on the Readers sheet (5A with a Latin A for one pupil). */
  typed: string;
  registered: string;
  left: string | null;
}
export interface Reader extends Pupil {
  category: 'pupil' | 'teacher' | 'staff' | 'parent';
}
export interface Title {
  titleId: string;
  kind: 'textbook' | 'fiction' | 'reference' | 'methodical' | 'periodical';
  title: string;
  grade?: number;
  subject?: string;
  price: number;
}
export interface Copy {
  inventory: string;
  titleId: string;
  status: 'available' | 'onLoan' | 'lost' | 'writtenOff';
  condition: 'good' | 'unsatisfactory';
  received: string;
  withdrawn?: string;
}
export interface Loan {
  loanId: string;
  inventory: string;
  reader: string;
  issued: string;
  returned: string | null;
  status: 'open' | 'returned' | 'lost';
}
export interface VisitRow {
  date: string;
  reader: string;
  class: string;
  kind: 'desk' | 'readingRoom' | 'excursion' | 'event';
  count: number;
}
export interface Required {
  grade: number;
  subject: string;
  titleId: string;
  year: string;
  group: string;
}
export interface School {
  classes: Array<{ name: string; grade: number }>;
  readers: Reader[];
  titles: Title[];
  copies: Copy[];
  loans: Loan[];
  visits: VisitRow[];
  required: Required[];
  events: Array<{ date: string; endDate?: string; title: string; kind: 'anniversary' | 'exhibition' | 'event' }>;
}

export const CLASSES = [
  { name: '5А', grade: 5 },
  { name: '5Б', grade: 5 },
  { name: '7А', grade: 7 },
  { name: '10А', grade: 10 },
];

export function generateSchool(scale = 1, opts: { loans?: boolean } = {}): School {
  const readers: Reader[] = [];
  let n = 0;
  const code = () => `R${String(++n).padStart(4, '0')}`;
  const pupil = (className: string, registered: string, extra: Partial<Reader> = {}): Reader => {
    const r: Reader = {
      code: code(),
      name: `Оқушы ${className}-${String(n).padStart(4, '0')}`,
      className,
      typed: className,
      registered,
      left: null,
      category: 'pupil',
      ...extra,
    };
    readers.push(r);
    return r;
  };
  const of = (cls: string) => readers.filter((r) => r.className === cls && r.category === 'pupil' && !r.left);
  // 5А are new fifth-graders (registered this September); one of them typed "5A" with a Latin A.
  for (let i = 0; i < 6 * scale; i++) pupil('5А', '2026-09-01', i === 5 ? { typed: '5A' } : {});
  for (let i = 0; i < 4 * scale; i++) pupil('5Б', '2025-09-01');
  const joiner = pupil('5Б', '2026-10-10');
  for (let i = 0; i < 5 * scale; i++) pupil('7А', '2025-09-01');
  const leaver = pupil('7А', '2025-09-01', { left: '2026-10-01' });
  for (let i = 0; i < 3 * scale; i++) pupil('10А', '2025-09-01');
  const teachers = [0, 1].map(() => pupil('', '2020-09-01', { category: 'teacher' }));
  pupil('', '2021-09-01', { category: 'staff' });
  pupil('', '2026-09-15', { category: 'parent' });

  const titles: Title[] = [
    { titleId: 'T5M', kind: 'textbook', title: 'Математика 5', grade: 5, subject: 'Математика', price: 2000 },
    { titleId: 'T5K', kind: 'textbook', title: 'Қазақ тілі 5', grade: 5, subject: 'Қазақ тілі', price: 1800 },
    { titleId: 'T7A', kind: 'textbook', title: 'Алгебра 7', grade: 7, subject: 'Алгебра', price: 2500 },
    { titleId: 'T7B', kind: 'textbook', title: 'Алгебра 7 (2-басылым)', grade: 7, subject: 'Алгебра', price: 2600 },
    { titleId: 'T10H', kind: 'textbook', title: 'Қазақстан тарихы 10', grade: 10, subject: 'Тарих', price: 3000 },
    { titleId: 'F1', kind: 'fiction', title: 'Абай жолы', price: 4000 },
    { titleId: 'F2', kind: 'fiction', title: 'Қара сөздер', price: 1500 },
    { titleId: 'F3', kind: 'fiction', title: 'Көшпенділер', price: 3500 },
    { titleId: 'R1', kind: 'reference', title: 'Энциклопедия', price: 9000 },
    { titleId: 'M1', kind: 'methodical', title: 'Әдістеме', price: 1200 },
    { titleId: 'P1', kind: 'periodical', title: 'Ұлан, №9', price: 300 },
  ];
  const required: Required[] = [
    { grade: 5, subject: 'Математика', titleId: 'T5M', year: '2026-2027', group: '' },
    { grade: 5, subject: 'Қазақ тілі', titleId: 'T5K', year: '2026-2027', group: '' },
    { grade: 7, subject: 'Алгебра', titleId: 'T7A', year: '2026-2027', group: 'Алгебра 7' },
    { grade: 7, subject: 'Алгебра', titleId: 'T7B', year: '2026-2027', group: 'Алгебра 7' },
    { grade: 10, subject: 'Тарих', titleId: 'T10H', year: '2026-2027', group: '' },
    // Last year's list: not this year's requirement.
    { grade: 5, subject: 'Математика', titleId: 'T5M', year: '2025-2026', group: '' },
  ];

  const copies: Copy[] = [];
  let inv = 0;
  const copy = (titleId: string, received: string, extra: Partial<Copy> = {}): Copy => {
    const c: Copy = {
      inventory: String(++inv).padStart(6, '0'),
      titleId,
      status: 'available',
      condition: 'good',
      received,
      ...extra,
    };
    copies.push(c);
    return c;
  };
  const many = (titleId: string, count: number, received: string) =>
    Array.from({ length: count }, () => copy(titleId, received));
  const t5m = many('T5M', 10 * scale + 3, '2025-08-20');
  const t5k = many('T5K', 8 * scale, '2025-08-20');
  const t7a = many('T7A', 3 * scale, '2025-08-20');
  const t7b = many('T7B', 2 * scale + 1, '2026-08-20');
  t7b[t7b.length - 1].condition = 'unsatisfactory';
  const t10h = many('T10H', 2 * scale, '2025-08-20');
  Object.assign(t10h[t10h.length - 1], { status: 'writtenOff', withdrawn: '2026-06-15' });
  const f1 = many('F1', 3 * scale + 20, '2024-05-10');
  const f2 = [...many('F2', 2 * scale - 1, '2024-05-10'), copy('F2', '2026-02-01')];
  const f3 = many('F3', 2, '2024-05-10');
  many('R1', 2, '2024-05-10');
  many('M1', 1, '2025-01-15');
  many('P1', 2, '2026-09-05');

  const loans: Loan[] = [];
  let lid = 0;
  const lend = (c: Copy, reader: Reader, issued: string, returned: string | null, status?: Loan['status']) => {
    loans.push({
      loanId: `L${++lid}`,
      inventory: c.inventory,
      reader: reader.code,
      issued,
      returned,
      status: status ?? (returned ? 'returned' : 'open'),
    });
    if (!returned) c.status = 'onLoan';
  };
  const use = opts.loans !== false;
  if (use) {
    // Class sets: Mathematics 5 for all but one 5Б pupil and the joiner; Kazakh 5 runs out in 5Б.
    const fifth = [...of('5А'), ...of('5Б').filter((p) => p !== joiner)];
    fifth.slice(0, fifth.length - 1).forEach((p, i) => {
      lend(t5m[i], p, '2026-09-02', null);
    });
    const k5 = [...of('5А'), ...of('5Б').slice(0, 2 * scale)];
    k5.forEach((p, i) => {
      lend(t5k[i], p, '2026-09-02', null);
    });
    // Algebra 7 in either edition; the pupil who left still holds a T7A.
    lend(t7a[0], leaver, '2026-09-02', null);
    const seventh = of('7А');
    seventh.slice(0, 3 * scale - 1).forEach((p, i) => {
      lend(t7a[i + 1], p, '2026-09-02', null);
    });
    seventh.slice(3 * scale - 1, 5 * scale - 1).forEach((p, i) => {
      lend(t7b[i], p, '2026-09-02', null);
    });
    of('10А')
      .slice(0, 2 * scale - 1)
      .forEach((p, i) => {
        lend(t10h[i], p, '2026-09-03', null);
      });
    // Last year's fiction: pupil i of 5Б, 7А and 10А borrows i % 4 books, a month apart, back in 12 days.
    const fictionCopies = [...f1, ...f2.slice(0, -1)];
    let k = 0;
    for (const p of [...of('5Б').filter((x) => x !== joiner), ...of('7А'), ...of('10А')]) {
      const idx = readers.indexOf(p);
      for (let j = 0; j < idx % 4; j++) {
        const issued = addDays('2025-09-08', 35 * j + (idx % 20));
        lend(fictionCopies[k++ % fictionCopies.length], p, issued, addDays(issued, 12));
      }
    }
    // A lost book: issued in February, reported lost on 10 March.
    const tenth = of('10А');
    lend(f3[0], tenth[1], '2026-02-10', '2026-03-10', 'lost');
    f3[0].status = 'lost';
    // This half-year: ties. 7А's first two read 3 each, 10А's first reads 3: three readers of the year.
    const [a1, a2, a3] = seventh;
    const fic = (i: number) => fictionCopies[i % fictionCopies.length];
    // a1 takes two books on one day (one desk visit), and returns both on another day.
    lend(fic(0), a1, '2026-10-05', '2026-10-19');
    lend(fic(1), a1, '2026-10-05', '2026-10-19');
    lend(fic(2), a1, '2026-11-02', '2026-11-16');
    lend(fic(3), a2, '2026-09-14', '2026-09-28');
    lend(fic(4), a2, '2026-10-12', '2026-10-26');
    lend(f2[f2.length - 1], a2, '2026-11-09', null);
    lend(fic(5), a3, '2026-10-07', '2026-10-21');
    lend(fic(6), tenth[0], '2026-09-16', '2026-09-30');
    lend(fic(7), tenth[0], '2026-10-14', '2026-10-28');
    lend(fic(8), tenth[0], '2026-11-11', null);
    // 5А: two and one; 5Б: five books over its pupils, as many per pupil as 10А (a tie of classes).
    const fa = of('5А');
    lend(fic(9), fa[0], '2026-10-08', '2026-10-22');
    lend(fic(10), fa[0], '2026-11-04', '2026-11-18');
    lend(fic(11), fa[1], '2026-10-15', '2026-10-29');
    const fb = of('5Б');
    for (let i = 0; i < 5; i++)
      lend(fic(12 + i), fb[i % fb.length], addDays('2026-09-21', 7 * i), addDays('2026-09-21', 7 * i + 14));
    // A teacher reads too (not in the pupils' ratings).
    for (let i = 0; i < 4; i++)
      lend(fic(17 + i), teachers[0], addDays('2026-09-09', 14 * i), addDays('2026-09-09', 14 * i + 7));
  }
  const visits: VisitRow[] = [
    // An older workbook's desk row for a day the Loans sheet already counts: one visit.
    { date: '2026-10-05', reader: of('7А')[0].code, class: '7А', kind: 'desk', count: 1 },
    { date: '2026-09-10', reader: '', class: '5А', kind: 'excursion', count: 6 * scale },
    { date: '2026-10-20', reader: '', class: '', kind: 'event', count: 20 },
    ...of('10А')
      .slice(0, 3)
      .map((p, i) => ({
        date: addDays('2026-10-06', 7 * i),
        reader: p.code,
        class: '10А',
        kind: 'readingRoom' as const,
        count: 1,
      })),
    { date: '2025-10-15', reader: of('7А')[1].code, class: '7А', kind: 'readingRoom', count: 1 },
    { date: '2026-03-04', reader: of('5Б')[0].code, class: '5Б', kind: 'readingRoom', count: 1 },
  ];
  const events: School['events'] = [
    { date: '2025-09-08', title: 'Абай Құнанбайұлының туғанына 180 жыл', kind: 'anniversary' },
    { date: '2025-11-10', endDate: '2025-12-02', title: 'Ең көп оқитын Отбасы', kind: 'exhibition' },
    { date: '2026-05-04', title: 'Бейбіт жасасын әлемде', kind: 'event' },
    { date: '2026-09-10', title: 'Кітапханаға алғашқы саяхат', kind: 'event' },
    { date: '2026-12-12', title: 'Тәуелсіздік-тұғырым', kind: 'exhibition' },
  ];
  return { classes: CLASSES, readers, titles, copies, loans, visits, required, events };
}

/** Writes rows by column key, as an import would (one setValues, no onEdit). */
function write(rt: Runtime, key: SheetKey, rows: Array<Record<string, unknown>>): void {
  if (rows.length === 0) return;
  const def = SHEETS.find((s) => s.key === key)!;
  const sheet = sheetOf(rt, key);
  const width = sheet.getLastColumn();
  const header = sheet.peekValues()[0].map(String);
  const index = new Map(def.columns.map((c) => [c.key, header.indexOf(t('kk', headerKey(key, c.key)))]));
  const first = sheet.getLastRow() + 1;
  const needed = first + rows.length - 1 + 50 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const out = rows.map((r) => {
    const row: unknown[] = new Array(width).fill('');
    for (const c of def.columns) {
      const i = index.get(c.key) ?? -1;
      const v = r[c.key];
      if (i < 0 || v === undefined || v === null) continue;
      if (c.type === 'date' && typeof v === 'string') row[i] = day(v);
      else row[i] = c.type === 'enum' && typeof v === 'string' ? t('kk', enumKey(c.enum as EnumName, v)) : v;
    }
    return row;
  });
  sheet.getRange(first, 1, out.length, width).setValues(out as never);
}

/** A set-up workbook holding the school; Setup runs again to read it (as after an import). */
export function fillSchool(rt: Runtime, s: School): void {
  rt.call('setUpWorkbook');
  write(
    rt,
    'classes',
    s.classes.map((c, i) => ({ class: c.name, grade: c.grade, teacher: `Мұғалім ${i}`, email: `t${i}@lyceum92.kz` })),
  );
  write(
    rt,
    'readers',
    s.readers.map((r) => ({
      code: r.code,
      name: r.name,
      category: r.category,
      class: r.typed,
      status: r.left ? 'left' : 'active',
      registered: r.registered,
      left: r.left,
    })),
  );
  write(
    rt,
    'titles',
    s.titles.map((x) => ({ ...x })),
  );
  write(
    rt,
    'copies',
    s.copies.map((c) => ({ ...c, price: s.titles.find((x) => x.titleId === c.titleId)!.price })),
  );
  write(
    rt,
    'loans',
    s.loans.map((l) => ({ ...l, title: l.inventory })),
  );
  write(
    rt,
    'visits',
    s.visits.map((v) => ({ ...v })),
  );
  write(
    rt,
    'required',
    s.required.map((r) => ({ ...r })),
  );
  write(
    rt,
    'events',
    s.events.map((e) => ({ ...e })),
  );
  rt.call('setUpWorkbook');
  rt.ui.log.length = 0;
}
