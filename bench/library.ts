/**
 * The benchmark's libraries: the demo generator's lyceum (playground/demo.ts: its names, subjects,
 * fiction, plan events and closed days) grown to a size — S, the lyceum; L, a large school; XL, near
 * Google's 10-million-cell limit — with years of loans. Pure data, deterministic (the demo's PRNG and
 * seed), written into a runtime by the demo's own `fillDemo` (Setup, the rows, Setup again, the fund
 * taken onto the books), as a librarian's import would be.
 */

import {
  type DemoClass,
  type DemoCopy,
  type DemoData,
  type DemoLoan,
  type DemoReader,
  type DemoTitle,
  type DemoVisit,
  demoSchedule,
  prng,
} from '../playground/demo';
import {
  DOMAIN,
  FATHERS,
  FEMALE,
  FICTION,
  LIBRARIAN,
  LIBRARIAN_EMAIL,
  MALE,
  METHODICAL,
  PERIODICALS,
  PUBLISHERS,
  REFERENCE,
  SUBJECTS,
  SURNAMES,
} from '../playground/demo-data';
import { addDays, type DayKey } from '../src/dates';
import { titleLabel } from '../src/desk/desk';
import type { Kind } from '../src/domain/schedule';
import { dueDate, nextOpenDay } from '../src/domain/schedule';

export type SizeKey = 'S' | 'L' | 'XL';

export interface BenchSize {
  key: SizeKey;
  label: string;
  readers: number;
  titles: number;
  copies: number;
  /** School years of loans, the current one (2025-2026, up to today) included. */
  years: number;
  /** Loans in all, about (textbook class sets first, fiction and the rest make up the number). */
  loans: number;
}

export const SIZES: Record<SizeKey, BenchSize> = {
  S: { key: 'S', label: 'S — the lyceum', readers: 800, titles: 1_500, copies: 15_000, years: 1, loans: 10_000 },
  L: {
    key: 'L',
    label: 'L — a large school',
    readers: 5_000,
    titles: 13_000,
    copies: 100_000,
    years: 5,
    loans: 250_000,
  },
  XL: {
    key: 'XL',
    label: 'XL — near the 10-million-cell limit',
    readers: 10_000,
    titles: 20_000,
    copies: 150_000,
    years: 8,
    loans: 500_000,
  },
};

/** The benchmark's today: Wednesday 20 May 2026, 10:00 in Almaty, late in the school year 2025-2026. */
export const BENCH_NOW = new Date('2026-05-20T10:00:00+05:00');
export const BENCH_TODAY: DayKey = '2026-05-20';
/** The current school year starts in this calendar year. */
const CURRENT_YEAR = 2025;
/** Textbooks a pupil takes a year (a class set). */
const TEXTBOOKS_A_YEAR = 6;
const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШ';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A library of the given size, the same on every run. */
export function generateLibrary(size: BenchSize, seed = 92): DemoData {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const { schedule, settings } = demoSchedule();
  const today = BENCH_TODAY;
  const open = (day: DayKey) => nextOpenDay(day, schedule);
  const person = () => {
    const female = rnd() < 0.5;
    const first = pick(female ? FEMALE : MALE);
    const surname = `${pick(SURNAMES)}${female ? 'а' : ''}`;
    return { name: `${surname} ${first} ${pick(FATHERS)}${female ? 'овна' : 'ович'}`, first, surname };
  };

  // --- people ---------------------------------------------------------------------------------
  const pupilCount = Math.round(size.readers * 0.92);
  const teacherCount = Math.round(size.readers * 0.06);
  const staffCount = size.readers - pupilCount - teacherCount;
  const perGrade = Math.min(LETTERS.length, Math.max(3, Math.ceil(pupilCount / 7 / 30)));
  const classes: DemoClass[] = [];
  for (let g = 5; g <= 11; g++)
    for (let l = 0; l < perGrade; l++)
      classes.push({
        className: `${g}${LETTERS[l]}`,
        grade: g,
        teacher: person().name,
        email: `class${g}${l + 1}@${DOMAIN}`,
        language: l % 5 === 4 ? 'ru' : 'kk',
      });
  const readers: DemoReader[] = [];
  let seq = 0;
  const code = () => `R${pad(++seq, 5)}`;
  const reader = (category: DemoReader['category'], className: string, registered: DayKey): DemoReader => ({
    code: code(),
    name: person().name,
    category,
    className,
    status: 'active',
    contact: '',
    registered,
    left: null,
    note: '',
    lastVisit: null,
  });
  for (let i = 0; i < pupilCount; i++) {
    const c = classes[i % classes.length];
    readers.push(reader('pupil', c.className, `${CURRENT_YEAR - (c.grade - 5)}-09-01`));
  }
  for (let i = 0; i < teacherCount; i++) readers.push(reader('teacher', '', '2018-09-01'));
  for (let i = 0; i < staffCount; i++) readers.push(reader('staff', '', '2019-09-01'));
  readers[pupilCount + teacherCount].name = LIBRARIAN;
  readers[pupilCount + teacherCount].contact = LIBRARIAN_EMAIL;

  // --- the catalogue --------------------------------------------------------------------------
  const titles: DemoTitle[] = [];
  const textbooks = new Map<string, DemoTitle[]>();
  const pairs = SUBJECTS.flatMap((s) =>
    Array.from({ length: 7 }, (_, i) => 5 + i)
      .filter((g) => g >= s.grades[0] && g <= s.grades[1])
      .map((g) => ({ g, s })),
  );
  const editions = Math.max(1, Math.round((size.titles * 0.1) / pairs.length));
  for (const { g, s } of pairs) {
    const list: DemoTitle[] = [];
    for (let e = 0; e < editions; e++) {
      const p = person();
      const t: DemoTitle = {
        titleId: `TB-${pad(g, 2)}-${s.code}${e > 0 ? `-${e + 1}` : ''}`,
        kind: 'textbook',
        author: `${p.surname} ${p.first[0]}.`,
        title: `${s.name}. ${g}-сынып${e > 0 ? ` (${e + 1}-басылым)` : ''}`,
        grade: g,
        subject: s.name,
        language: 'қазақ',
        year: 2016 + ((e * 3) % 9),
        publisher: pick(PUBLISHERS),
        isbn: '',
        price: int(25, 48) * 100,
      };
      titles.push(t);
      list.push(t);
    }
    textbooks.set(`${g}:${s.code}`, list);
  }
  const others: DemoTitle[] = [];
  const sources: Array<[Kind, string, Array<[string, string]>]> = [
    ['fiction', 'FIC', FICTION],
    ['reference', 'REF', REFERENCE],
    ['methodical', 'MET', METHODICAL],
    ['periodical', 'PER', PERIODICALS],
  ];
  for (let i = 0; titles.length < size.titles; i++) {
    const r = i % 20;
    const [kind, prefix, list] = r < 16 ? sources[0] : r < 18 ? sources[1] : r < 19 ? sources[2] : sources[3];
    const [author, name] = list[i % list.length];
    const round = Math.floor(i / list.length);
    const t: DemoTitle = {
      titleId: `${prefix}-${pad(i + 1, 6)}`,
      kind,
      author: kind === 'periodical' ? '' : author,
      title: round > 0 ? `${name} (${round + 1})` : name,
      grade: null,
      subject: '',
      language: 'қазақ',
      year: 1995 + (i % 30),
      publisher: pick(PUBLISHERS),
      isbn: '',
      price: int(18, 90) * 100,
    };
    titles.push(t);
    others.push(t);
  }

  // --- the fund -------------------------------------------------------------------------------
  const copies: DemoCopy[] = [];
  const copy = (t: DemoTitle, received: DayKey): DemoCopy => {
    const c: DemoCopy = {
      inventory: pad(copies.length + 1, 6),
      titleId: t.titleId,
      status: 'available',
      condition: 'good',
      received,
      source: t.kind === 'textbook' ? `${t.publisher}, жүкқұжат` : 'Сатып алу',
      price: t.price,
      writeOffAct: '',
      reader: '',
      loanId: '',
      due: null,
      note: '',
    };
    copies.push(c);
    return c;
  };
  const gradeSize = Math.ceil(pupilCount / 7);
  const textbookCopies = new Map<string, DemoCopy[]>();
  for (const [key, list] of textbooks) {
    const cs: DemoCopy[] = [];
    // Enough of the first edition for the grade and a few more; the other editions a shelf each.
    for (let i = 0; i < gradeSize + 5; i++) cs.push(copy(list[0], '2018-08-20'));
    // Grade 7's second editions are this year's class set: enough for the largest class.
    const second = key.startsWith('7:') ? Math.ceil(pupilCount / classes.length) + 10 : 3;
    for (const [e, t] of list.slice(1).entries())
      for (let i = 0; i < (e === 0 ? second : 3); i++) copy(t, '2020-08-20');
    textbookCopies.set(key, cs);
  }
  const other: DemoCopy[] = [];
  for (let i = 0; copies.length < size.copies; i++) other.push(copy(others[i % others.length], '2015-09-01'));
  // A few worn copies written off two autumns ago, by act.
  for (let i = 0; i < other.length; i += 97)
    Object.assign(other[i], {
      status: 'writtenOff',
      condition: 'unsatisfactory',
      writeOffAct: '№2 акт, 14.11.2024',
      withdrawn: '2024-11-14',
    });
  const lendable = other.filter((c) => c.status === 'available');

  // --- loans ----------------------------------------------------------------------------------
  const loans: DemoLoan[] = [];
  const titleById = new Map(titles.map((t) => [t.titleId, t]));
  let loanSeq = 0;
  const lend = (c: DemoCopy, who: DemoReader, issued: DayKey, kind: Kind, returned: DayKey | null) => {
    const loanId = `L${issued.slice(0, 4)}-${pad(++loanSeq, 7)}`;
    const due = dueDate(issued, kind, settings, schedule);
    loans.push({
      loanId,
      inventory: c.inventory,
      title: titleLabel(titleById.get(c.titleId), c.titleId),
      reader: who.code,
      issued,
      due,
      returned,
      renewals: 0,
      status: returned ? 'returned' : 'open',
      note: '',
      librarian: LIBRARIAN_EMAIL,
    });
    if (!returned) Object.assign(c, { status: 'onLoan', reader: who.code, loanId, due });
  };
  const pupils = readers.filter((r) => r.category === 'pupil');
  const teachers = readers.filter((r) => r.category === 'teacher');
  const gradeOf = new Map(classes.map((c) => [c.className, c.grade]));
  const first = CURRENT_YEAR - size.years + 1;
  // Textbook class sets, year by year: a pupil in grade g now was in grade g - (years back).
  for (let y = first; y <= CURRENT_YEAR; y++) {
    const back = CURRENT_YEAR - y;
    const issued = open(`${y}-09-0${1 + (y % 3)}`);
    const returned = y < CURRENT_YEAR ? open(`${y + 1}-05-2${y % 5}`) : null;
    const used = new Map<string, number>();
    for (const p of pupils) {
      const g = (gradeOf.get(p.className) ?? 5) - back;
      if (g < 5) continue;
      const subjects = SUBJECTS.filter((s) => g >= s.grades[0] && g <= s.grades[1]).slice(0, TEXTBOOKS_A_YEAR);
      for (const s of subjects) {
        const key = `${g}:${s.code}`;
        const n = used.get(key) ?? 0;
        const c = textbookCopies.get(key)?.[n];
        if (!c) continue;
        used.set(key, n + 1);
        lend(c, p, issued, 'textbook', returned);
      }
    }
  }
  // Everything else: a copy lent again and again through the year, the current year's last loans
  // of some copies still out (the overdue ones are the debtors).
  const perYear = Math.max(0, Math.round((size.loans - loans.length) / size.years));
  for (let y = first; y <= CURRENT_YEAR; y++) {
    const start: DayKey = `${y}-09-02`;
    const end: DayKey = y < CURRENT_YEAR ? `${y + 1}-05-25` : today;
    const span = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
    const rounds = Math.max(1, Math.ceil(perYear / lendable.length));
    const segment = Math.max(4, Math.floor(span / rounds));
    for (let j = 0; j < perYear; j++) {
      const c = lendable[j % lendable.length];
      const round = Math.floor(j / lendable.length);
      const issued = open(addDays(start, round * segment + int(0, segment - 3)));
      if (issued >= end) continue;
      const kind = titleById.get(c.titleId)?.kind ?? 'fiction';
      const who = kind === 'methodical' || rnd() < 0.15 ? pick(teachers) : pick(pupils);
      const back = open(addDays(issued, int(2, Math.max(2, Math.min(26, segment - 3)))));
      // Lent in the last six weeks and not back yet: a few of them overdue.
      const recent = issued >= addDays(today, -45);
      if (y === CURRENT_YEAR && (back >= today || (recent && rnd() < 0.3))) {
        if (c.status === 'available') lend(c, who, issued, kind, null);
        continue;
      }
      if (c.status !== 'available' && y === CURRENT_YEAR) continue;
      lend(c, who, issued, kind, back);
    }
  }
  loans.sort((a, b) => (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : 0));

  // --- visits (reading room and class excursions; desk visits come from the Loans sheet) ---------
  const visits: DemoVisit[] = [];
  for (let y = first; y <= CURRENT_YEAR; y++)
    for (let i = 0; i < Math.round(pupilCount / 10); i++) {
      const p = pick(pupils);
      const day = open(addDays(`${y}-09-05`, int(0, 240)));
      if (day >= today) continue;
      visits.push({ date: day, reader: p.code, className: p.className, kind: 'readingRoom', count: 1, note: '' });
    }
  visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const required = [...textbooks.entries()].map(([key, list]) => {
    const [g, s] = key.split(':');
    return {
      grade: Number(g),
      subject: list[0].subject,
      titleId: list[0].titleId,
      year: `${CURRENT_YEAR}-${CURRENT_YEAR + 1}`,
      code: s,
    };
  });
  const tourCopy = lendable.find((c) => c.status === 'available')!;
  const overdue = new Set(copies.filter((c) => c.reader && c.due && c.due < today).map((c) => c.reader));
  const tourReader = pupils.find((p) => !overdue.has(p.code))!;
  return {
    today,
    readers,
    classes,
    titles,
    copies,
    loans,
    visits,
    required: required.map(({ code: _, ...r }) => r),
    tour: {
      reader: tourReader.code,
      readerName: tourReader.name,
      inventory: tourCopy.inventory,
      title: titleLabel(titleById.get(tourCopy.titleId), tourCopy.titleId),
    },
  };
}

/** The class set of the benchmark: grade 7's second editions, eight of them (or fewer). */
export function classSetOf(data: DemoData): string[] {
  return data.titles
    .filter((t) => t.kind === 'textbook' && t.grade === 7 && t.titleId.endsWith('-2'))
    .slice(0, 8)
    .map((t) => t.titleId);
}
