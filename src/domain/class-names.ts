/**
 * The one notion of a class, used by the desk, class sets, debtors, visits and every report: a class
 * name is compared without spaces, dashes, dots, quotes or case, and Latin letters that look like
 * Cyrillic ones ("7A" typed with a Latin A) fold to the Cyrillic class ("7А") when no class is spelled
 * exactly so. Nobody silently drops out of a class: a name that is no class is reported, not skipped.
 * Pure: no Apps Script.
 */

import { inClass, literalPattern } from './codes';

/** What the index needs of a Classes row. */
export interface ClassRow {
  className: string;
  teacher: string;
  email: string;
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
export class ClassIndex<C extends ClassRow = ClassRow> {
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

const LATIN_OF: Record<string, string> = Object.fromEntries(Object.entries(LOOKALIKE).map(([l, c]) => [c, l]));

/** A class name as a regular expression (RE2, for a TextFinder): every spelling that folds alike. */
export function classSearchPattern(name: string): string | null {
  const key = foldedClassKey(name);
  if (!key) return null;
  const sep = '[\\s\\-–—.\'"«»]*';
  const chars = [...key].map((ch) => {
    const latin = LATIN_OF[ch];
    const variants = new Set([ch, ch.toLowerCase(), ...(latin ? [latin, latin.toLowerCase()] : [])]);
    if (variants.size === 1) return literalPattern([...variants][0]);
    return `[${[...variants].map(inClass).join('')}]`;
  });
  return `^${sep}${chars.join(sep)}${sep}$`;
}

/** The grade a class name starts with ("10Б" → 10), or null. */
export function gradeOfClass(name: string): number | null {
  const m = /^\s*(\d{1,2})/.exec(String(name ?? ''));
  return m ? Number(m[1]) : null;
}
