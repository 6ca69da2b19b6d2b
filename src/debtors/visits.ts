/** How often each class visited the library in a period (plan item 16), from the Visits sheet. */
import type { DayKey } from '../dates';
import type { ReaderFact } from '../domain/debtors';
import type { Lang } from '../i18n';
import { ENUMS } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dayOf } from '../sheets/dates';
import type { Workbook } from '../sheets/workbook';
import type { VisitStats } from './mail';

/** Latin letters that look like Cyrillic ones ("5A" typed for "5А"), as the debtor logic reads them. */
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

/** A class name as a key: "5 а", "5-А" and "5A" (Latin) are all "5А". */
export function classKey(name: string): string {
  return String(name ?? '')
    .replace(/[\s\-–—.'"«»]/g, '')
    .toUpperCase()
    .replace(/[ABCEHKMOPTX]/g, (c) => LOOKALIKE[c]);
}

interface Tally {
  total: number;
  byKind: Map<string, number>;
  visitors: Set<string>;
}

/** Visits per class key in from..to (both included): one read of the Visits sheet. */
export function visitsByClass(
  wb: Workbook,
  readers: Map<string, ReaderFact>,
  from: DayKey,
  to: DayKey,
): Map<string, Tally> {
  const table = wb.table('visits').require('date');
  const out = new Map<string, Tally>();
  for (const row of table.readAll().rows) {
    const day = dayOf(table.get(row, 'date'), wb.timeZone);
    if (!day || day < from || day > to) continue;
    const code = table.has('reader') ? table.text(row, 'reader') : '';
    const reader = code ? readers.get(code) : undefined;
    const className = (table.has('class') ? table.text(row, 'class') : '') || reader?.className || '';
    if (!className) continue;
    const raw = table.has('count') ? Number(table.get(row, 'count')) : Number.NaN;
    const count = Number.isFinite(raw) && raw > 0 && String(table.get(row, 'count')).trim() !== '' ? raw : 1;
    const kind = (table.has('kind') ? choiceCode('visitKind', table.get(row, 'kind')) : null) ?? 'desk';
    const key = classKey(className);
    let tally = out.get(key);
    if (!tally) {
      tally = { total: 0, byKind: new Map(), visitors: new Set() };
      out.set(key, tally);
    }
    tally.total += count;
    tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + count);
    if (reader?.category === 'pupil' && classKey(reader.className) === key) tally.visitors.add(code);
  }
  return out;
}

export function statsFor(
  lang: Lang,
  className: string,
  tallies: Map<string, Tally>,
  readers: Map<string, ReaderFact>,
): VisitStats {
  const key = classKey(className);
  const tally = tallies.get(key);
  let pupils = 0;
  for (const r of readers.values())
    if (r.category === 'pupil' && r.status === 'active' && classKey(r.className) === key) pupils++;
  return {
    total: tally?.total ?? 0,
    byKind: ENUMS.visitKind.map((k) => ({ kind: choiceLabel(lang, 'visitKind', k), count: tally?.byKind.get(k) ?? 0 })),
    visitors: tally?.visitors.size ?? 0,
    pupils,
  };
}
