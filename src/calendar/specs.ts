/**
 * What each row asks of the calendar: the all-day event (or series) it stands for, or why it cannot be
 * synced as it stands (a note for its row, and a suggested date for a date outside the plan year).
 * Events: the date cell (a date, or text as people write it), the end, title, kind, person,
 * responsible and note. Duties: how often, the months and the day, within the plan year. Closed
 * days: the Closed days sheet's ranges in the plan year, and the last day of every month.
 */
import { addDays, type DayKey, showDay } from '../dates';
import { dutySeries, lastDaysOfMonths, parseMonths } from '../domain/calendar/duties';
import { checkPlanDates, parseWrittenCell, planYearLabel } from '../domain/calendar/plan-dates';
import { type EventSpec, reminderMinutes } from '../domain/calendar/sync';
import type { PlanYear } from '../domain/holidays';
import { type Lang, t } from '../messages';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dayOf, isDateValue } from '../sheets/dates';
import type { Cell } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';
import type { SyncRow, SyncTable } from './rows';

export interface SpecContext {
  lang: Lang;
  plan: PlanYear;
  timeZone: string;
  library: string;
  reminders: number[];
  dutyReminders: number[];
}

export type RowAsk =
  | { kind: 'spec'; spec: EventSpec }
  | { kind: 'flag'; note: string; suggested: DayKey | null }
  /** A proposal not yet accepted: the sync leaves it alone. */
  | { kind: 'skip' };

export function specContext(wb: Workbook, plan: PlanYear): SpecContext {
  const s = wb.settings;
  return {
    lang: wb.lang,
    plan,
    timeZone: wb.timeZone,
    library: s.libraryName || wb.ss.getName(),
    reminders: reminderMinutes(s.calendar.reminderDays, s.calendar.reminderHour),
    dutyReminders: reminderMinutes(s.calendar.dutyReminderDays, s.calendar.reminderHour),
  };
}

/** A date cell: a real date, text as people write it, or nothing. */
function written(v: Cell | undefined, ctx: SpecContext): { start: DayKey; end: DayKey } | 'blank' | 'bad' {
  if (v === undefined || v === null || String(v).trim() === '') return 'blank';
  if (isDateValue(v)) {
    const d = dayOf(v, ctx.timeZone);
    return d ? { start: d, end: d } : 'bad';
  }
  // A number is a day and month Sheets took for one ("20.10" kept as 20.1).
  const w = parseWrittenCell(typeof v === 'number' ? v : String(v), ctx.plan);
  return w ? { start: w.start, end: w.end } : 'bad';
}

/** The first and last day a row's date cells give (the end cell wins over a range in the date cell). */
export function rowDates(
  table: SyncTable,
  row: SyncRow,
  ctx: SpecContext,
): { start: DayKey; end: DayKey } | { problem: string } {
  const first = written(table.cell(row, 'date'), ctx);
  if (first === 'blank') return { problem: t(ctx.lang, 'calendar.row.noDate') };
  if (first === 'bad') return { problem: t(ctx.lang, 'calendar.row.badDate', { text: table.text(row, 'date') }) };
  const second = written(table.cell(row, 'endDate'), ctx);
  if (second === 'bad') return { problem: t(ctx.lang, 'calendar.row.badDate', { text: table.text(row, 'endDate') }) };
  return { start: first.start, end: second === 'blank' ? first.end : second.end };
}

const footer = (ctx: SpecContext, key: string) => t(ctx.lang, 'calendar.desc.footer', { library: ctx.library, key });

export function eventAsk(table: SyncTable, row: SyncRow, ctx: SpecContext): RowAsk {
  if (row.status === 'proposed') return { kind: 'skip' };
  const title = table.text(row, 'title');
  const dates = rowDates(table, row, ctx);
  if ('problem' in dates) return { kind: 'flag', note: dates.problem, suggested: null };
  if (title === '') return { kind: 'flag', note: t(ctx.lang, 'calendar.row.noTitle'), suggested: null };
  const end = addDays(dates.end, 1);
  // A row synced in an earlier plan year, its dates untouched since, stays as it is.
  const unchanged = row.fingerprint?.dates === `${dates.start}/${end}`;
  const problem = unchanged ? null : checkPlanDates(dates, ctx.plan);
  if (problem?.kind === 'order') {
    return {
      kind: 'flag',
      note: t(ctx.lang, 'calendar.row.order', { start: showDay(dates.start), end: showDay(dates.end) }),
      suggested: null,
    };
  }
  if (problem?.kind === 'outside') {
    const year = planYearLabel(ctx.plan);
    const date = dates.start === dates.end ? showDay(dates.start) : `${showDay(dates.start)}–${showDay(dates.end)}`;
    const s = problem.suggestion;
    const note = s
      ? t(ctx.lang, 'calendar.row.outside', {
          date,
          year,
          suggested: s.start === s.end ? showDay(s.start) : `${showDay(s.start)}–${showDay(s.end)}`,
        })
      : t(ctx.lang, 'calendar.row.outsideNone', { date, year });
    return { kind: 'flag', note, suggested: s?.start ?? null };
  }
  const kind = choiceCode('eventKind', table.cell(row, 'kind'));
  const lines = [
    kind ? t(ctx.lang, 'calendar.desc.kind', { kind: choiceLabel(ctx.lang, 'eventKind', kind) }) : '',
    table.text(row, 'person') ? t(ctx.lang, 'calendar.desc.person', { person: table.text(row, 'person') }) : '',
    table.text(row, 'responsible')
      ? t(ctx.lang, 'calendar.desc.responsible', { responsible: table.text(row, 'responsible') })
      : '',
    table.text(row, 'note'),
  ].filter(Boolean);
  return {
    kind: 'spec',
    spec: {
      key: row.key,
      title,
      description: [...lines, '', footer(ctx, row.key)].join('\n').replace(/^\n/, ''),
      start: dates.start,
      end,
      reminders: ctx.reminders,
      recurrence: null,
    },
  };
}

export function dutyAsk(table: SyncTable, row: SyncRow, ctx: SpecContext): RowAsk {
  const title = table.text(row, 'duty');
  const often = choiceCode('dutyOften', table.cell(row, 'often'));
  const months = parseMonths(table.text(row, 'months'));
  const day = Number(table.text(row, 'day'));
  if (title === '') return { kind: 'flag', note: t(ctx.lang, 'calendar.row.noTitle'), suggested: null };
  if (
    !often ||
    !months ||
    !Number.isInteger(day) ||
    day < 1 ||
    day > 31 ||
    (often === 'yearly' && months.length === 0)
  ) {
    return { kind: 'flag', note: t(ctx.lang, 'calendar.row.badDuty'), suggested: null };
  }
  const series = dutySeries({ often, months, day }, ctx.plan);
  if (!series)
    return {
      kind: 'flag',
      note: t(ctx.lang, 'calendar.row.dutyNever', { year: planYearLabel(ctx.plan) }),
      suggested: null,
    };
  const note = table.text(row, 'note');
  return {
    kind: 'spec',
    spec: {
      key: row.key,
      title,
      description: [...(note ? [note, ''] : []), footer(ctx, row.key)].join('\n'),
      start: series.start,
      end: addDays(series.start, 1),
      reminders: ctx.dutyReminders,
      recurrence: { months: series.months, monthDay: series.monthDay, until: series.until },
    },
  };
}

/** The closed days of the plan year as events (keys "CL-<from>-<to>"), and the cleaning days as one series. */
export function closedDaySpecs(wb: Workbook, ctx: SpecContext): EventSpec[] {
  const out: EventSpec[] = [];
  const table = wb.table('schedule');
  if (table.has('from')) {
    for (const v of table.readColumns('from', 'to', 'kind', 'note').rows) {
      const from = dayOf(table.get(v, 'from'), ctx.timeZone);
      if (!from) continue;
      const to = (table.has('to') ? dayOf(table.get(v, 'to'), ctx.timeZone) : null) ?? from;
      const [a, b] = from <= to ? [from, to] : [to, from];
      if (b < ctx.plan.from || a > ctx.plan.to) continue;
      const kind = choiceCode('closedKind', table.has('kind') ? table.get(v, 'kind') : '');
      const reason = [
        kind ? choiceLabel(ctx.lang, 'closedKind', kind) : '',
        table.has('note') ? table.text(v, 'note') : '',
      ]
        .filter(Boolean)
        .join(': ');
      const key = `CL-${a.replace(/-/g, '')}-${b.replace(/-/g, '')}`;
      if (out.some((s) => s.key === key)) continue;
      out.push({
        key,
        title: t(ctx.lang, 'calendar.closed.title', { reason }),
        description: footer(ctx, key),
        start: a,
        end: addDays(b, 1),
        reminders: [],
        recurrence: null,
      });
    }
  }
  if (wb.settings.lastDayClosed) {
    const days = lastDaysOfMonths(ctx.plan);
    const key = `CL-MONTHEND-${ctx.plan.startYear}`;
    out.push({
      key,
      title: t(ctx.lang, 'calendar.closed.cleaning'),
      description: footer(ctx, key),
      start: days[0],
      end: addDays(days[0], 1),
      reminders: [],
      // The first day listed too: some calendar programs show only the listed days of such a series.
      recurrence: { dates: days },
    });
  }
  return out;
}
