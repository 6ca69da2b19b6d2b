/**
 * The monthly debtor list (plan item 14): once a month the librarian finds the pupils with overdue
 * books and tells their class teachers. Teachers, staff and parents with overdue books form a group
 * of their own.
 */
import type { DayKey } from '../dates';
import { DEFAULT_LANG } from '../messages';
import { ClassIndex as ClassIndexOf, type ClassRow, classKey, foldedClassKey } from './class-names';
import { daysOverdue, type Schedule } from './schedule';

// The one notion of a class, shared by every feature (see class-names.ts).
export { classKey, foldedClassKey } from './class-names';

/** The class index over the Classes facts the debtor run reads. */
export class ClassIndex<C extends ClassRow = ClassFact> extends ClassIndexOf<C> {}

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
