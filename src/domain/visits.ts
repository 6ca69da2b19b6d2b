/**
 * What counts as a visit to the library (pure). Reading-room visits, class excursions and events are
 * rows of the Visits sheet (a class visit counts its visitors). A desk visit is a day a reader took or
 * brought back a book, which the Loans sheet records: once a reader a day, however many books. Older
 * workbooks also hold desk rows on the Visits sheet; a reader-day is still counted once. The quarterly
 * summary to class teachers and the statistics both count visits with this one rule.
 */
import type { DayKey } from '../dates';
import type { EnumCode } from '../schema';

export type VisitKind = EnumCode<'visitKind'>;

/** A row of the Visits sheet, read. */
export interface VisitRow {
  day: DayKey;
  reader: string;
  className: string;
  kind: VisitKind;
  /** Visitors the row counts (a class excursion: its pupils); at least 1. */
  count: number;
}

/** The days of a loan that are desk visits of its reader. */
export interface LoanVisitDays {
  reader: string;
  issued: DayKey | null;
  returned: DayKey | null;
}

/** One visit (or a row of several visitors), in the period asked for. */
export interface Visit {
  day: DayKey;
  kind: VisitKind;
  count: number;
  /** The reader's code when the visit is one reader's ('' for a class row without a reader). */
  reader: string;
  /** The class the Visits row names ('' for a desk visit from the Loans sheet). */
  className: string;
}

/** Every visit from `from` to `to` (both included). */
export function libraryVisits(rows: readonly VisitRow[], loans: readonly LoanVisitDays[], from: DayKey, to: DayKey) {
  const out: Visit[] = [];
  const deskDays = new Set<string>();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    if (r.kind === 'desk' && r.reader) {
      const key = `${r.reader}|${r.day}`;
      if (deskDays.has(key)) continue;
      deskDays.add(key);
    }
    out.push({ day: r.day, kind: r.kind, count: r.count, reader: r.reader, className: r.className });
  }
  for (const l of loans) {
    if (!l.reader) continue;
    for (const day of [l.issued, l.returned]) {
      if (!day || day < from || day > to) continue;
      const key = `${l.reader}|${day}`;
      if (deskDays.has(key)) continue;
      deskDays.add(key);
      out.push({ day, kind: 'desk', count: 1, reader: l.reader, className: '' });
    }
  }
  return out;
}
