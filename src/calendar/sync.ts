/**
 * The sync: the Events and Duties sheets (and, if Settings ask, the closed days) into the library's
 * Google Calendar. It reads the rows and what the calendar holds of ours, decides per row
 * (domain/calendar/sync.ts), then writes: changed fields only, new events in paced batches, events of
 * deleted rows removed, each row's state and note written back by key every few events. It stops
 * cleanly before Apps Script's 6 minutes, on a burst refusal or when the day's quota is spent, leaving
 * the rows not reached "waiting" and a follow-up trigger that resumes; one is installed before the
 * first calendar write too, so a run killed anywhere has a successor, and what that run made is found
 * again by its key. Runs hold the script lock, never two at once.
 */
import type { DayKey } from '../dates';
import { planYearFrom } from '../domain/calendar/plan-dates';
import {
  type CalendarView,
  changedFields,
  type EventSpec,
  FIELDS,
  fingerprintOf,
  newKey,
  planRow,
  showFingerprint,
  strayEvents,
} from '../domain/calendar/sync';
import { planYearOf } from '../domain/holidays';
import { errorMessage, LibraryError } from '../errors';
import { type Lang, t } from '../messages';
import { setUpWorkbook } from '../setup';
import { today } from '../sheets/dates';
import { forgetLayout } from '../sheets/layout';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import { Workbook } from '../sheets/workbook';
import { type Found, LibraryCalendar, refusal } from './gcal';
import { type RowResult, type SyncRow, SyncTable } from './rows';
import { closedDaySpecs, dutyAsk, eventAsk, type RowAsk, type SpecContext, specContext } from './specs';
import { cancelFollowUp, scheduleFollowUp } from './triggers';

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

export interface SyncOptions {
  /** A menu run asks before deleting many events whose rows are gone; a trigger run keeps them. */
  confirmStrays?: (count: number) => boolean;
  /** This run is a follow-up: its trigger is replaced or removed whatever happens. */
  followUp?: boolean;
}

/** Apps Script stops an execution at 6 minutes: a sync stops writing at 4.5 and leaves the rest to a follow-up. */
export const TIME_BUDGET_MS = 270_000;
/** At most this many creations and deletions in any PACE_MS (Google refuses bursts of about a hundred). */
export const PACE_COUNT = 10;
export const PACE_MS = 10_000;
/** Results are written to the rows after this many calendar writes. */
const WRITE_EVERY = 10;
/** Deleting more events than this whose rows are gone asks first (a menu run) or waits (a trigger run). */
const STRAYS_ASK = 10;
const DELAY: Record<Stop | 'safety', number> = {
  time: 60_000,
  burst: 5 * 60_000,
  quota: 24 * 3_600_000 + 10 * 60_000,
  // Past the 6-minute limit of the run that installs it.
  safety: 7 * 60_000,
};

/** Setup adds the Duties sheet and the sync columns to a workbook set up before them. */
export function ensureCalendarSheets(wb: Workbook): Workbook {
  const has = (sheet: 'events' | 'duties' | 'persons', col: string) =>
    wb.layout.sheets[sheet]?.columns[col] !== undefined;
  if (has('events', 'syncedAs') && has('duties', 'syncedAs') && has('persons', 'field')) return wb;
  withDocumentLock(() => setUpWorkbook(wb.ss, wb.lang));
  return Workbook.open(wb.ss);
}

/** The plan year: the setting's, else the one of today. */
export function planYear(wb: Workbook) {
  return planYearFrom(wb.settings.planYear ?? planYearOf(today(wb.timeZone)).startYear);
}

interface Item {
  table: SyncTable;
  row: SyncRow;
  ask: RowAsk;
}

interface Work {
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
const ref = (table: SyncTable, row: SyncRow) =>
  `${row.rowNumber}: ${table.text(row, row.sheet === 'events' ? 'title' : 'duty')}`;

/** Creates the library's calendar (its id saved in Settings at once) or opens the one Settings name. */
function openCalendar(wb: Workbook): LibraryCalendar {
  const library = wb.settings.libraryName || wb.ss.getName();
  const gcal = LibraryCalendar.open(wb.settings.calendar.calendarId, t(wb.lang, 'calendar.name', { library }));
  if (gcal.created) {
    withDocumentLock(() => {
      const settings = wb.table('settings').require('key', 'value');
      const { rows, firstRow } = settings.readAll();
      const i = rows.findIndex((r) => settings.text(r, 'key') === 'calendarId');
      if (i >= 0) settings.update(firstRow + i, { value: gcal.id });
      else settings.append([{ key: 'calendarId', value: gcal.id }]);
      forgetLayout(['settings']);
    });
  }
  return gcal;
}

/** The days a scan must cover: the plan year, every row's dates now and as last written. */
function span(items: Item[], closed: EventSpec[], ctx: SpecContext): [DayKey, DayKey] {
  let from = ctx.plan.from;
  let to = ctx.plan.to;
  const take = (a: DayKey, b: DayKey) => {
    if (a < from) from = a;
    if (b > to) to = b;
  };
  for (const { row, ask } of items) {
    if (ask.kind === 'spec') take(ask.spec.start, ask.spec.end);
    const d = row.fingerprint?.dates.split('|')[0].split('/');
    if (d && d.length === 2 && /^\d{4}-\d{2}-\d{2}$/.test(d[0])) take(d[0], d[1]);
  }
  for (const s of closed) take(s.start, s.end);
  return [from, to];
}

function addFound(view: CalendarView, found: Map<string, Found>, f: Found): void {
  found.set(f.id, f);
  view.ids.add(f.id);
  view.byKey.set(f.key, [...(view.byKey.get(f.key) ?? []), f.id]);
}

export function syncCalendar(opts: SyncOptions = {}): SyncReport {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(opts.followUp ? 5_000 : 10_000)) throw new LibraryError('calendar.sync.busy');
  try {
    return run(opts);
  } finally {
    lock.releaseLock();
  }
}

function run(opts: SyncOptions): SyncReport {
  const started = Date.now();
  const wb = ensureCalendarSheets(Workbook.open());
  const lang = wb.lang;
  const ctx = specContext(wb, planYear(wb));
  const events = SyncTable.read(wb, 'events', ['date', 'title']);
  const duties = SyncTable.read(wb, 'duties', ['duty']);
  events.assignKeys(() => newKey('EV', Utilities.getUuid()));
  duties.assignKeys(() => newKey('DU', Utilities.getUuid()));
  const items: Item[] = [
    ...events.rows.map((row) => ({ table: events, row, ask: eventAsk(events, row, ctx) })),
    ...duties.rows.map((row) => ({ table: duties, row, ask: dutyAsk(duties, row, ctx) })),
  ];
  const closed = wb.settings.calendar.closedDays ? closedDaySpecs(wb, ctx) : [];
  const gcal = openCalendar(wb);
  const report: SyncReport = {
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
  const [from, to] = span(items, closed, ctx);
  const { view, found } = gcal.scan(from, to);
  // Row events outside the span scanned are looked up one by one (gone: deleted in the calendar).
  for (const { row } of items) {
    if (row.eventId && !view.ids.has(row.eventId)) {
      const f = gcal.find(row.eventId);
      if (f && f.key === row.key) addFound(view, found, f);
    }
  }

  const results = new Map<SyncTable, Map<string, RowResult>>([
    [events, new Map()],
    [duties, new Map()],
  ]);
  const result = (item: Item, r: RowResult) => results.get(item.table)?.set(item.row.key, r);
  const synced = (spec: EventSpec, id: string, note = ''): RowResult => ({
    status: 'synced',
    note,
    eventId: id,
    suggested: null,
    syncedAs: showFingerprint(fingerprintOf(spec)),
  });
  const work: Work[] = [];
  const kept = new Map<string, string>();
  const recreate = wb.settings.calendar.missingEvents === 'recreate';
  for (const item of items) {
    const { row, ask } = item;
    if (row.eventId) kept.set(row.key, row.eventId);
    if (ask.kind === 'skip') continue;
    if (ask.kind === 'flag') {
      result(item, { status: 'flagged', note: ask.note, suggested: ask.suggested });
      report.flagged.push(ref(item.table, row));
      continue;
    }
    const plan = planRow(row, ask.spec, view, recreate || row.status === 'waiting');
    if (plan.do === 'keep') {
      report.kept++;
      result(item, synced(ask.spec, plan.id));
    } else if (plan.do === 'missing') {
      result(item, {
        status: 'missing',
        note: t(lang, 'calendar.row.missing', { waiting: t(lang, 'enum.syncState.waiting') }),
        suggested: null,
      });
      report.missing.push(ref(item.table, row));
    } else if (plan.do === 'create') work.push({ kind: 'create', spec: ask.spec, item, recreated: plan.recreated });
    else if (plan.do === 'adopt') work.push({ kind: 'adopt', spec: ask.spec, item, found: found.get(plan.id) });
    else work.push({ kind: 'update', spec: ask.spec, item, found: found.get(plan.id), fields: plan.fields });
  }
  for (const spec of closed) {
    const id = view.byKey.get(spec.key)?.[0];
    const f = id ? found.get(id) : undefined;
    if (!f) work.push({ kind: 'create', spec, closed: true });
    else {
      const fields = changedFields(f.written, fingerprintOf(spec));
      if (fields.length === 0) report.kept++;
      else work.push({ kind: 'update', spec, found: f, fields, closed: true });
    }
  }
  const keys = new Set([...items.map((i) => i.row.key), ...closed.map((s) => s.key)]);
  let strays = strayEvents(view, keys, kept);
  if (strays.length > STRAYS_ASK && !opts.confirmStrays?.(strays.length)) {
    report.straysKept = strays.length;
    strays = [];
  }
  for (const id of strays) work.push({ kind: 'delete', found: found.get(id) });

  // What needs no calendar write first: flagged, unchanged and missing rows.
  for (const table of [events, duties]) table.write(results.get(table) ?? new Map());
  for (const m of results.values()) m.clear();
  if (work.length > 0 || opts.followUp) {
    if (work.length > 0) scheduleFollowUp(DELAY.safety);
    execute(work, { gcal, report, result, synced, started, lang, results, tables: [events, duties] });
    if (report.stopped) report.resumeAt = scheduleFollowUp(DELAY[report.stopped]);
    else cancelFollowUp();
  }
  waitNotes(work, report, result, lang, wb.timeZone);
  for (const table of [events, duties]) table.write(results.get(table) ?? new Map());
  const changed = report.created + report.updated + report.removed;
  if (changed > 0 || report.errors.length > 0 || report.stopped || report.createdCalendar) {
    logAction(
      wb,
      'calendarSync',
      t(lang, 'log.calendarSync.details', {
        calendar: report.calendar,
        created: report.created,
        updated: report.updated,
        removed: report.removed,
        flagged: report.flagged.length,
        missing: report.missing.length,
        errors: report.errors.length,
        waiting: report.waiting,
      }),
    );
  }
  return report;
}

interface Run {
  gcal: LibraryCalendar;
  report: SyncReport;
  result: (item: Item, r: RowResult) => void;
  synced: (spec: EventSpec, id: string, note?: string) => RowResult;
  started: number;
  lang: Lang;
  results: Map<SyncTable, Map<string, RowResult>>;
  tables: SyncTable[];
}

/** The calendar writes, paced, within the time budget; each row's result written every few writes. */
function execute(work: Work[], r: Run): void {
  let paced = 0;
  let batchStart = Date.now();
  let since = 0;
  const flush = () => {
    for (const table of r.tables) table.write(r.results.get(table) ?? new Map());
    for (const m of r.results.values()) m.clear();
    since = 0;
  };
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
    if (++since >= WRITE_EVERY) flush();
  }
  flush();
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
function waitNotes(work: Work[], report: SyncReport, result: Run['result'], lang: Lang, tz: string): void {
  if (!report.stopped) return;
  const time = report.resumeAt ? Utilities.formatDate(report.resumeAt, tz, 'dd.MM.yyyy HH:mm') : '';
  const key =
    report.stopped === 'quota'
      ? 'calendar.row.waitQuota'
      : report.stopped === 'burst'
        ? 'calendar.row.waitBurst'
        : 'calendar.row.waitTime';
  for (const w of work) {
    if (w.done) continue;
    report.waiting++;
    if (w.item) result(w.item, { status: 'waiting', note: t(lang, key, { time }) });
  }
}
