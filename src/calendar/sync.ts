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
  fingerprintOf,
  newKey,
  planRow,
  strayEvents,
} from '../domain/calendar/sync';
import { planYearOf } from '../domain/holidays';
import { LibraryError } from '../errors';
import { t } from '../messages';
import { setUpWorkbook } from '../setup';
import { today } from '../sheets/dates';
import { forgetLayout } from '../sheets/layout';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import { Workbook } from '../sheets/workbook';
import { type Found, LibraryCalendar } from './gcal';
import { SyncTable } from './rows';
import { closedDaySpecs, dutyAsk, eventAsk, type SpecContext, specContext } from './specs';
import { execute, type Item, Run, ref, type Stop, type SyncReport, type Work, waitNotes } from './sync-run';
import { cancelFollowUp, scheduleFollowUp } from './triggers';

export type { Stop, SyncReport } from './sync-run';

export interface SyncOptions {
  /** A menu run asks before deleting many events whose rows are gone; a trigger run keeps them. */
  confirmStrays?: (count: number) => boolean;
  /** This run is a follow-up: its trigger is replaced or removed whatever happens. */
  followUp?: boolean;
}

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

/** Creates the library's calendar (its id saved in Settings at once) or opens the one Settings name. */
function openCalendar(wb: Workbook): LibraryCalendar {
  const library = wb.settings.libraryName || wb.ss.getName();
  const gcal = LibraryCalendar.open(
    wb.settings.calendar.calendarId,
    t(wb.lang, 'calendar.name', { library }),
    t(wb.lang, 'calendar.summary'),
  );
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
  const wb = ensureCalendarSheets(Workbook.open());
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
  const r = new Run(wb, openCalendar(wb), [events, duties]);
  const [from, to] = span(items, closed, ctx);
  const { view, found } = r.gcal.scan(from, to);
  // Row events outside the span scanned are looked up one by one (gone: deleted in the calendar).
  for (const { row } of items) {
    if (row.eventId && !view.ids.has(row.eventId)) {
      const f = r.gcal.find(row.eventId);
      if (f && f.key === row.key) addFound(view, found, f);
    }
  }
  const work = decide(r, items, closed, view, found, opts);
  // What needs no calendar write first: flagged, unchanged and missing rows.
  r.flush();
  if (work.length > 0 || opts.followUp) {
    if (work.length > 0) scheduleFollowUp(DELAY.safety);
    execute(r, work);
    if (r.report.stopped) r.report.resumeAt = scheduleFollowUp(DELAY[r.report.stopped]);
    else cancelFollowUp();
  }
  waitNotes(r, work);
  r.flush();
  log(r);
  return r.report;
}

/** Per row: keep, update, adopt, create, or report; then the closed days; then our events no row has. */
function decide(
  r: Run,
  items: Item[],
  closed: EventSpec[],
  view: CalendarView,
  found: Map<string, Found>,
  opts: SyncOptions,
): Work[] {
  const { report, lang } = r;
  const work: Work[] = [];
  const kept = new Map<string, string>();
  const recreate = r.wb.settings.calendar.missingEvents === 'recreate';
  for (const item of items) {
    const { row, ask } = item;
    if (row.eventId) kept.set(row.key, row.eventId);
    if (ask.kind === 'skip') continue;
    if (ask.kind === 'flag') {
      r.result(item, { status: 'flagged', note: ask.note, suggested: ask.suggested });
      report.flagged.push(ref(item.table, row));
      continue;
    }
    const plan = planRow(row, ask.spec, view, recreate || row.status === 'waiting');
    if (plan.do === 'keep') {
      report.kept++;
      r.result(item, r.synced(ask.spec, plan.id));
    } else if (plan.do === 'missing') {
      r.result(item, {
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
  return work;
}

/** A run that changed the calendar, stopped or met refusals is a sentence of the Log. */
function log(r: Run): void {
  const { report } = r;
  if (
    report.created + report.updated + report.removed === 0 &&
    report.errors.length === 0 &&
    !report.stopped &&
    !report.createdCalendar
  )
    return;
  logAction(
    r.wb,
    'calendarSync',
    t(r.lang, 'log.calendarSync.details', {
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
