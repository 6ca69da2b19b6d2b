/**
 * The monthly debtor list (plan item 14): once a month the librarian finds the pupils with overdue
 * books and tells their class teachers. Teachers, staff and parents with overdue books form a group
 * of their own.
 */
import type { DayKey } from '../dates';
import { DEFAULT_LANG } from '../i18n';
import { daysOverdue, type Schedule } from './schedule';

export interface LoanFact {
  loanId: string;
  inventory: string;
  /** The reader's code. */
  reader: string;
  issued: DayKey;
  due: DayKey;
  returned: DayKey | null;
  status: 'open' | 'returned' | 'lost' | 'replaced';
}

export interface ReaderFact {
  code: string;
  name: string;
  category: 'pupil' | 'teacher' | 'staff' | 'parent';
  className: string;
  status: 'active' | 'left';
}

export interface ClassFact {
  className: string;
  grade: number;
  teacher: string;
  email: string;
  language: 'kk' | 'ru' | 'en';
}

export interface CopyFact {
  inventory: string;
  author: string;
  title: string;
}

export interface OverdueItem {
  loanId: string;
  inventory: string;
  /** Empty when the copy is not on the Copies sheet. */
  author: string;
  title: string;
  issued: DayKey;
  due: DayKey;
  daysOverdue: number;
}

export interface Debtor {
  code: string;
  /** The reader's code when the reader is not on the Readers sheet. */
  name: string;
  /** A pupil's class as the Classes sheet spells it (or as the Readers sheet does, when not there). */
  className: string;
  /** Ordered by due date. */
  items: OverdueItem[];
}

export interface ClassDebtors {
  kind: 'class';
  className: string;
  grade: number;
  /** Empty for a class that is not on the Classes sheet. */
  teacher: string;
  email: string;
  language: ClassFact['language'];
  /** Ordered by name. */
  debtors: Debtor[];
}

export interface StaffDebtors {
  kind: 'staff';
  /** Teachers, staff, parents and readers unknown to the Readers sheet, ordered by name. */
  debtors: Debtor[];
}

export type DebtorGroup = ClassDebtors | StaffDebtors;

export interface DebtorInput {
  loans: LoanFact[];
  readers: Map<string, ReaderFact> | ReaderFact[];
  classes: ClassFact[];
  copies: Map<string, CopyFact>;
  today: DayKey;
  schedule: Schedule;
  openDaysOnly: boolean;
}

/** Latin letters that look like Cyrillic ones, as they get typed into class names ("5A" for "5А"). */
const LOOKALIKE: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};

/** A class name as it is spelled, ignoring spaces, dashes, dots, quotes and case: "5 а" and "5-А" are "5А". */
export function classKey(name: string): string {
  return String(name ?? '')
    .replace(/[\s\-–—.'"«»]/g, '')
    .toUpperCase();
}

/** The class key with Latin look-alikes read as Cyrillic: "5A" (Latin) folds to "5А". */
export function foldedClassKey(name: string): string {
  return classKey(name).replace(/[ABCEHKMOPTX]/g, (c) => LOOKALIKE[c]);
}

/**
 * The classes of the Classes sheet, found by name the one way the debtor list, the emails, the
 * ledger and the visits summary all share: the exact spelling first (ignoring spaces and case), and
 * Latin/Cyrillic look-alikes only when no class is spelled exactly so and just one folds alike. Two
 * rows that fold alike ("7В" Cyrillic and "7B" Latin, or one class twice with different teachers)
 * clash: which teacher a pupil belongs to is unclear, so neither class is emailed.
 */
export class ClassIndex<C extends Pick<ClassFact, 'className' | 'teacher' | 'email'> = ClassFact> {
  private readonly exact = new Map<string, C>();
  private readonly folded = new Map<string, C[]>();
  private readonly clashing = new Map<string, string[]>();

  constructor(classes: readonly C[]) {
    for (const c of classes) {
      const k = classKey(c.className);
      if (!k) continue;
      if (!this.exact.has(k)) this.exact.set(k, c);
      const f = foldedClassKey(c.className);
      const list = this.folded.get(f);
      if (list) list.push(c);
      else this.folded.set(f, [c]);
    }
    for (const [f, list] of this.folded) {
      if (list.length < 2) continue;
      const first = list[0];
      const clash = list.some(
        (c) =>
          classKey(c.className) !== classKey(first.className) ||
          c.email.trim().toLowerCase() !== first.email.trim().toLowerCase() ||
          c.teacher.trim() !== first.teacher.trim(),
      );
      if (clash) this.clashing.set(f, [...new Set(list.map((c) => c.className.trim()))]);
    }
  }

  /** The Classes row a class name means, if one does. */
  find(name: string): C | undefined {
    const hit = this.exact.get(classKey(name));
    if (hit) return hit;
    const alike = this.folded.get(foldedClassKey(name));
    return alike && new Set(alike.map((c) => classKey(c.className))).size === 1 ? alike[0] : undefined;
  }

  /** The key of the class a name means: its Classes row's spelling, else the name folded ("~" first). */
  key(name: string): string {
    const c = this.find(name);
    return c ? classKey(c.className) : `~${foldedClassKey(name)}`;
  }

  /** The Classes rows this name clashes with (itself included), or none. */
  clashes(name: string): string[] {
    return this.clashing.get(foldedClassKey(name)) ?? [];
  }
}

/**
 * Natural order in Kazakh collation ("5А" < "5Ә" < "5Б" < "10А"), ties broken by code points. This is
 * `a.localeCompare(b, 'kk', { numeric: true })` with one collator made once: localeCompare with a locale
 * builds a collator on every call (about 30 µs each), which a sort of hundreds of names would repeat.
 */
let collator: Intl.Collator | undefined;
function natural(a: string, b: string): number {
  collator ??= new Intl.Collator('kk', { numeric: true });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const byDue = (a: OverdueItem, b: OverdueItem) =>
  (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
  (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : 0) ||
  natural(a.loanId, b.loanId);

const byName = (a: Debtor, b: Debtor) => natural(a.name, b.name) || natural(a.code, b.code);

/** The grade a class name starts with ("10Б" → 10), 0 when it starts with none. */
function gradeOf(className: string): number {
  const m = /^\s*(\d+)/.exec(className);
  return m ? Number(m[1]) : 0;
}

/**
 * Every reader with an overdue loan (open, due before `today`), grouped: pupils by class (ordered by
 * grade, then class name), then everybody else in one staff group. A pupil whose class is not on the
 * Classes sheet gets a group with no teacher; a reader unknown to the Readers sheet is in the staff
 * group under their code. Pupils who left are listed too: they still owe the books.
 */
export function findDebtors(input: DebtorInput): DebtorGroup[] {
  const { today, schedule, openDaysOnly, copies } = input;

  const overdue = new Map<string, OverdueItem[]>();
  // Loans issued together fall due together (textbooks in bulk): count each due day once.
  const lateness = new Map<DayKey, number>();
  const late = (due: DayKey) => {
    let n = lateness.get(due);
    if (n === undefined) {
      n = daysOverdue(due, today, schedule, openDaysOnly);
      lateness.set(due, n);
    }
    return n;
  };
  for (const loan of input.loans) {
    if (loan.status !== 'open' || !(loan.due < today)) continue;
    const copy = copies.get(loan.inventory);
    const item: OverdueItem = {
      loanId: loan.loanId,
      inventory: loan.inventory,
      author: copy?.author ?? '',
      title: copy?.title ?? '',
      issued: loan.issued,
      due: loan.due,
      daysOverdue: late(loan.due),
    };
    const items = overdue.get(loan.reader);
    if (items) items.push(item);
    else overdue.set(loan.reader, [item]);
  }
  if (overdue.size === 0) return [];

  let readers: Map<string, ReaderFact>;
  if (input.readers instanceof Map) readers = input.readers;
  else {
    readers = new Map();
    for (const r of input.readers) if (!readers.has(r.code)) readers.set(r.code, r);
  }
  const classes = new ClassIndex(input.classes);

  const classGroups = new Map<string, ClassDebtors>();
  const staff: Debtor[] = [];
  for (const [code, items] of overdue) {
    items.sort(byDue);
    const reader = readers.get(code) ?? readers.get(code.trim());
    if (reader?.category !== 'pupil') {
      staff.push({ code, name: reader?.name || code, className: reader?.className.trim() ?? '', items });
      continue;
    }
    const key = classes.key(reader.className);
    let group = classGroups.get(key);
    if (!group) {
      const c = classes.find(reader.className);
      const className = c ? c.className.trim() : reader.className.trim();
      group = c
        ? {
            kind: 'class',
            className,
            grade: Number.isFinite(c.grade) ? c.grade : gradeOf(className),
            teacher: c.teacher,
            email: c.email,
            language: c.language,
            debtors: [],
          }
        : {
            kind: 'class',
            className,
            grade: gradeOf(className),
            teacher: '',
            email: '',
            language: DEFAULT_LANG,
            debtors: [],
          };
      classGroups.set(key, group);
    }
    group.debtors.push({ code, name: reader.name || code, className: group.className, items });
  }

  const groups: DebtorGroup[] = [...classGroups.values()].sort(
    (a, b) => a.grade - b.grade || natural(a.className, b.className),
  );
  for (const g of groups) g.debtors.sort(byName);
  if (staff.length > 0) groups.push({ kind: 'staff', debtors: staff.sort(byName) });
  return groups;
}

/**
 * The debtors of one class ("5 а" finds "5А"): the group spelled so, else the one group whose name
 * folds alike ("5A" finds "5А"); none when the class has no group.
 */
export function debtorsOfClass(groups: DebtorGroup[], className: string): Debtor[] {
  const classGroups = groups.filter((g): g is ClassDebtors => g.kind === 'class');
  const key = classKey(className);
  const exact = classGroups.find((g) => classKey(g.className) === key);
  if (exact) return exact.debtors;
  const folded = foldedClassKey(className);
  const alike = classGroups.filter((g) => foldedClassKey(g.className) === folded);
  return alike.length === 1 ? alike[0].debtors : [];
}
