/**
 * The plan's table pasted into the import dialog, onto the Events sheet: every numbered row with a
 * date becomes an event row (its date as a date, a range with its end, the kind guessed from the title,
 * the person found on the Persons sheet, "Plan, item N (as written)" as its note, the responsible), a
 * date outside the plan year flagged at once with its suggestion. Rows already there (the same title
 * and first day) are not added twice; rows without a date are counted, not guessed.
 */
import { type DayKey, showDay } from '../dates';
import { personInTitle } from '../domain/calendar/names';
import { checkPlanDates, parseWrittenDate, planYearLabel } from '../domain/calendar/plan-dates';
import { parsePlanTable } from '../domain/calendar/plan-import';
import { newKey } from '../domain/calendar/sync';
import { type Lang, normalise, t } from '../messages';
import type { EnumCode } from '../schema';
import { choiceLabel } from '../sheets/choices';
import { dateFor } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import type { RowValues } from '../sheets/table';
import { Workbook } from '../sheets/workbook';
import { SyncTable } from './rows';
import { rowDates, specContext } from './specs';
import { ensureCalendarSheets, planYear } from './sync';

/** The kind a plan's title suggests: an anniversary, an exhibition, a campaign (or a range of days), an event. */
export function guessKind(title: string, days: number): EnumCode<'eventKind'> {
  const s = title.toLowerCase();
  if (/туғанына\s+\d+\s+жыл|\d+\s+жылдығы|мерейтой|\d+\s*(лет|-?лети)|юбиле|anniversar|years since the birth/u.test(s))
    return 'anniversary';
  if (/көрме|выставк|exhibition/u.test(s)) return 'exhibition';
  if (days > 1 || /жоба|акция|науқан|марафон|проект|campaign|project/u.test(s)) return 'campaign';
  return 'event';
}

export interface ImportSummary {
  added: number;
  flagged: number;
  known: number;
  undated: number;
}

/** Reads the plan's table and appends its dated rows to the Events sheet; the summary says what happened. */
export function importPlan(text: string): { summary: ImportSummary; message: string; lang: Lang } {
  return withDocumentLock(() => {
    const wb = ensureCalendarSheets(Workbook.open());
    const lang = wb.lang;
    const plan = planYear(wb);
    const parsed = parsePlanTable(text);
    const summary: ImportSummary = { added: 0, flagged: 0, known: 0, undated: 0 };
    if (parsed.items.length === 0) return { summary, message: t(lang, 'calendar.import.nothing'), lang };
    const events = SyncTable.read(wb, 'events', [
      'date',
      'title',
      'kind',
      'person',
      'note',
      'responsible',
      'suggested',
    ]);
    const ctx = specContext(wb, plan);
    const present = new Set(
      events.rows.map((row) => {
        const d = rowDates(events, row, ctx);
        return `${normalise(events.text(row, 'title'))}|${'start' in d ? d.start : ''}`;
      }),
    );
    const persons = readPersonNames(wb);
    const rows: RowValues[] = [];
    for (const item of parsed.items) {
      const dates = item.written ? parseWrittenDate(item.written, plan) : null;
      if (!dates || item.title === '') {
        summary.undated++;
        continue;
      }
      const id = `${normalise(item.title)}|${dates.start}`;
      if (present.has(id)) {
        summary.known++;
        continue;
      }
      present.add(id);
      const days = Math.round((Date.parse(dates.end) - Date.parse(dates.start)) / 86_400_000) + 1;
      const problem = checkPlanDates(dates, plan);
      const row: RowValues = {
        date: dateFor(dates.start, wb.timeZone),
        endDate: dates.end !== dates.start ? dateFor(dates.end, wb.timeZone) : '',
        title: item.title,
        kind: choiceLabel(lang, 'eventKind', guessKind(item.title, days)),
        person: personInTitle(item.title, persons) ?? '',
        note: item.number === null ? '' : t(lang, 'calendar.import.note', { item: item.number, written: item.written }),
        responsible: item.responsible,
        key: newKey('EV', Utilities.getUuid()),
        sync: choiceLabel(lang, 'syncState', problem ? 'flagged' : 'waiting'),
      };
      if (problem) {
        summary.flagged++;
        const s = problem.kind === 'outside' ? problem.suggestion : null;
        const date = dates.start === dates.end ? showDay(dates.start) : `${showDay(dates.start)}–${showDay(dates.end)}`;
        row.syncNote =
          problem.kind === 'order'
            ? t(lang, 'calendar.row.order', { start: showDay(dates.start), end: showDay(dates.end) })
            : s
              ? t(lang, 'calendar.row.outside', { date, year: planYearLabel(plan), suggested: span(s.start, s.end) })
              : t(lang, 'calendar.row.outsideNone', { date, year: planYearLabel(plan) });
        if (s) row.suggested = dateFor(s.start, wb.timeZone);
      }
      rows.push(row);
    }
    summary.added = rows.length;
    if (rows.length > 0) {
      events.table.append(rows);
      logAction(wb, 'calendarImport', t(lang, 'calendar.import.done', { ...summary }));
    }
    return { summary, message: t(lang, 'calendar.import.done', { ...summary }), lang };
  });
}

const span = (a: DayKey, b: DayKey) => (a === b ? showDay(a) : `${showDay(a)}–${showDay(b)}`);

/** The names on the Persons sheet (one read), for finding who a title is about. */
export function readPersonNames(wb: Workbook): string[] {
  if (!wb.findSheet('persons')) return [];
  const table = wb.table('persons');
  if (!table.has('name')) return [];
  return table
    .readColumns('name')
    .rows.map((r) => table.text(r, 'name'))
    .filter(Boolean);
}
