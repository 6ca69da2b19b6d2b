/**
 * How often each class visited the library in a period (plan item 16). Reading-room visits and class
 * excursions are rows of the Visits sheet; a desk visit is a day a reader took or brought back a
 * book, which the Loans sheet records (once a reader a day, however many books), so the desk writes
 * no row per scan.
 */
import type { DayKey } from '../dates';
import type { ClassIndex, ReaderFact } from '../domain/debtors';
import { libraryVisits } from '../domain/visits';
import type { Lang } from '../messages';
import { ENUMS } from '../schema';
import { choiceLabel } from '../sheets/choices';
import { loanVisitDaysOf, visitRowsOf } from '../sheets/visit-rows';
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
  const visitsTable = wb.table('visits').require('date');
  const rows = visitRowsOf(visitsTable, visitsTable.readAll().rows, wb.timeZone);
  const loans = wb.table('loans');
  const loanDays =
    loans.has('reader') && loans.has('issued')
      ? loanVisitDaysOf(loans, loans.readColumns('reader', 'issued', 'returned').rows, wb.timeZone)
      : [];
  for (const v of libraryVisits(rows, loanDays, from, to)) {
    const reader = v.reader ? readers.get(v.reader) : undefined;
    const name = v.className || reader?.className || '';
    if (!name) continue;
    const key = classes.key(name);
    let tally = out.get(key);
    if (!tally) {
      tally = { total: 0, byKind: new Map(), visitors: new Set() };
      out.set(key, tally);
    }
    tally.total += v.count;
    tally.byKind.set(v.kind, (tally.byKind.get(v.kind) ?? 0) + v.count);
    if (reader?.category === 'pupil' && classes.key(reader.className) === key) tally.visitors.add(v.reader);
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
