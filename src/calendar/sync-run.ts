/**
 * A sync's writes: its context (the calendar, the report, the rows' results not yet written), the
 * calendar writes paced within the time budget, and the notes of the rows a stopped run left waiting.
 */
import type { EventSpec } from '../domain/calendar/sync';
import { FIELDS, fingerprintOf, showFingerprint } from '../domain/calendar/sync';
import { errorMessage } from '../errors';
import { type Lang, t } from '../messages';
import type { Workbook } from '../sheets/workbook';
import { type Found, type LibraryCalendar, refusal } from './gcal';
import type { RowResult, SyncRow, SyncTable } from './rows';
import type { RowAsk } from './specs';

export type Stop = 'quota' | 'burst' | 'time';

export interface SyncReport {
  calendar: string;
  createdCalendar: boolean;
  created: number;
  updated: number;
  removed: number;
  kept: number;
  flagged: string[];
  missing: string[];
  errors: string[];
  waiting: number;
  stopped: Stop | null;
  resumeAt: Date | null;
  straysKept: number;
}

/** Apps Script stops an execution at 6 minutes: a sync stops writing at 4.5 and leaves the rest to a follow-up. */
export const TIME_BUDGET_MS = 270_000;
/** At most this many creations and deletions in any PACE_MS (Google refuses bursts of about a hundred). */
export const PACE_COUNT = 10;
export const PACE_MS = 10_000;
/** Results are written to the rows after this many calendar writes. */
export const WRITE_EVERY = 10;

/** A row of a synced sheet with what it asks of the calendar. */
export interface Item {
  table: SyncTable;
  row: SyncRow;
  ask: RowAsk;
}

export interface Work {
  kind: 'create' | 'update' | 'adopt' | 'delete';
  spec?: EventSpec;
  found?: Found;
  fields?: readonly string[];
  item?: Item;
  /** Closed days keep what was written in a tag: they have no row. */
  closed?: boolean;
  recreated?: boolean;
  /** Written (or refused for good): not left waiting when the run stops. */
  done?: boolean;
}

/** A row as a report names it: its number on the sheet and its title. */
export const ref = (table: SyncTable, row: SyncRow) =>
  `${row.rowNumber}: ${table.text(row, row.sheet === 'events' ? 'title' : 'duty')}`;

/** One sync's context: the workbook, the calendar, the report, the rows' results not yet written. */
export class Run {
  readonly started = Date.now();
  readonly results = new Map<SyncTable, Map<string, RowResult>>();
  readonly report: SyncReport;

  constructor(
    readonly wb: Workbook,
    readonly gcal: LibraryCalendar,
    readonly tables: SyncTable[],
  ) {
    for (const table of tables) this.results.set(table, new Map());
    this.report = {
      calendar: gcal.name,
      createdCalendar: gcal.created,
      created: 0,
      updated: 0,
      removed: 0,
      kept: 0,
      flagged: [],
      missing: [],
      errors: [],
      waiting: 0,
      stopped: null,
      resumeAt: null,
      straysKept: 0,
    };
  }

  get lang(): Lang {
    return this.wb.lang;
  }

  result(item: Item, r: RowResult): void {
    this.results.get(item.table)?.set(item.row.key, r);
  }

  synced(spec: EventSpec, id: string, note = ''): RowResult {
    return { status: 'synced', note, eventId: id, suggested: null, syncedAs: showFingerprint(fingerprintOf(spec)) };
  }

  /** Writes the results so far to their rows. */
  flush(): void {
    for (const [table, m] of this.results) {
      table.write(m);
      m.clear();
    }
  }
}

/** The calendar writes, paced, within the time budget; the rows' results written every few writes. */
export function execute(r: Run, work: Work[]): void {
  let paced = 0;
  let batchStart = Date.now();
  let since = 0;
  for (const w of work) {
    if (Date.now() - r.started > TIME_BUDGET_MS) {
      r.report.stopped = 'time';
      break;
    }
    if (w.kind === 'create' || w.kind === 'delete') {
      if (paced > 0 && paced % PACE_COUNT === 0) {
        const waited = Date.now() - batchStart;
        if (waited < PACE_MS) Utilities.sleep(PACE_MS - waited);
        batchStart = Date.now();
      }
      paced++;
    }
    try {
      perform(w, r);
      w.done = true;
    } catch (e) {
      const why = refusal(e);
      if (why === 'quota' || why === 'burst') {
        r.report.stopped = why;
        break;
      }
      if (why === 'time') throw e;
      w.done = true;
      if (w.item) {
        r.result(w.item, {
          status: 'error',
          note: t(r.lang, 'calendar.row.error', { error: errorMessage(r.lang, e) }),
        });
        r.report.errors.push(ref(w.item.table, w.item.row));
      }
    }
    if (++since >= WRITE_EVERY) {
      r.flush();
      since = 0;
    }
  }
  r.flush();
}

function perform(w: Work, r: Run): void {
  const written = (spec: EventSpec) => (w.closed ? showFingerprint(fingerprintOf(spec)) : null);
  if (w.kind === 'delete') {
    if (w.found) r.gcal.remove(w.found);
    r.report.removed++;
    return;
  }
  const spec = w.spec as EventSpec;
  if (w.kind === 'create') {
    const id = r.gcal.create(spec, written(spec));
    r.report.created++;
    if (w.item) r.result(w.item, r.synced(spec, id, w.recreated ? t(r.lang, 'calendar.row.recreated') : ''));
    return;
  }
  const f = w.found as Found;
  r.gcal.update(f, spec, (w.kind === 'adopt' ? FIELDS : w.fields) as typeof FIELDS, written(spec), w.kind === 'adopt');
  r.report.updated++;
  if (w.item) r.result(w.item, r.synced(spec, f.id));
}

/** Rows a stopped run did not reach wait, with a note saying when the sync goes on. */
export function waitNotes(r: Run, work: Work[]): void {
  const { report } = r;
  if (!report.stopped) return;
  const time = report.resumeAt ? Utilities.formatDate(report.resumeAt, r.wb.timeZone, 'dd.MM.yyyy HH:mm') : '';
  const key =
    report.stopped === 'quota'
      ? 'calendar.row.waitQuota'
      : report.stopped === 'burst'
        ? 'calendar.row.waitBurst'
        : 'calendar.row.waitTime';
  for (const w of work) {
    if (w.done) continue;
    report.waiting++;
    if (w.item) r.result(w.item, { status: 'waiting', note: t(r.lang, key, { time }) });
  }
}
