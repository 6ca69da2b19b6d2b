/**
 * How often each class visited the library in a period (plan item 16). Reading-room visits and class
 * excursions are rows of the Visits sheet; a desk visit is a day a reader took or brought back a
 * book, which the Loans sheet records (once a reader a day, however many books), so the desk writes
 * no row per scan.
 */
import type { DayKey } from '../dates';
import type { ClassIndex, ReaderFact } from '../domain/debtors';
import type { Lang } from '../messages';
import { ENUMS } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dayOf } from '../sheets/dates';
import type { Workbook } from '../sheets/workbook';
import type { VisitStats } from './mail';

interface Tally {
  total: number;
  byKind: Map<string, number>;
  visitors: Set<string>;
}

/** Visits per class key (`classes.key`) in from..to (both included): one read of Visits, one of Loans. */
export function visitsByClass(
  wb: Workbook,
  readers: Map<string, ReaderFact>,
  classes: ClassIndex,
  from: DayKey,
  to: DayKey,
): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const add = (className: string, kind: string, count: number, code: string) => {
    const reader = code ? readers.get(code) : undefined;
    const name = className || reader?.className || '';
    if (!name) return;
    const key = classes.key(name);
    let tally = out.get(key);
    if (!tally) {
      tally = { total: 0, byKind: new Map(), visitors: new Set() };
      out.set(key, tally);
    }
    tally.total += count;
    tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + count);
    if (reader?.category === 'pupil' && classes.key(reader.className) === key) tally.visitors.add(code);
  };
  // Desk visits: one a reader a day, from the Loans sheet and from desk rows kept on Visits.
  const deskDays = new Set<string>();
  const table = wb.table('visits').require('date');
  for (const row of table.readAll().rows) {
    const day = dayOf(table.get(row, 'date'), wb.timeZone);
    if (!day || day < from || day > to) continue;
    const code = table.has('reader') ? table.text(row, 'reader') : '';
    const raw = table.has('count') ? Number(table.get(row, 'count')) : Number.NaN;
    const count = Number.isFinite(raw) && raw > 0 && String(table.get(row, 'count')).trim() !== '' ? raw : 1;
    const kind = (table.has('kind') ? choiceCode('visitKind', table.get(row, 'kind')) : null) ?? 'desk';
    if (kind === 'desk' && code) {
      if (deskDays.has(`${code}|${day}`)) continue;
      deskDays.add(`${code}|${day}`);
    }
    add(table.has('class') ? table.text(row, 'class') : '', kind, count, code);
  }
  const loans = wb.table('loans');
  if (loans.has('reader') && loans.has('issued')) {
    for (const row of loans.readColumns('reader', 'issued', 'returned').rows) {
      const code = loans.text(row, 'reader');
      if (!code) continue;
      const days = [dayOf(loans.get(row, 'issued'), wb.timeZone)];
      if (loans.has('returned')) days.push(dayOf(loans.get(row, 'returned'), wb.timeZone));
      for (const day of days) {
        if (!day || day < from || day > to || deskDays.has(`${code}|${day}`)) continue;
        deskDays.add(`${code}|${day}`);
        add('', 'desk', 1, code);
      }
    }
  }
  return out;
}

export function statsFor(
  lang: Lang,
  className: string,
  tallies: Map<string, Tally>,
  readers: Map<string, ReaderFact>,
  classes: ClassIndex,
): VisitStats {
  const key = classes.key(className);
  const tally = tallies.get(key);
  let pupils = 0;
  for (const r of readers.values())
    if (r.category === 'pupil' && r.status === 'active' && classes.key(r.className) === key) pupils++;
  return {
    total: tally?.total ?? 0,
    byKind: ENUMS.visitKind.map((k) => ({ kind: choiceLabel(lang, 'visitKind', k), count: tally?.byKind.get(k) ?? 0 })),
    visitors: tally?.visitors.size ?? 0,
    pupils,
  };
}
