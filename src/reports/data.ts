/**
 * What the reports read from the workbook: each source sheet once, only the span of columns a report
 * needs, in one call (Table.readColumnsOnce), so a report costs the same number of Spreadsheet calls
 * whatever the size of the library. Classes, settings and closed days come from the saved layout.
 */
import type { DayKey } from '../dates';
import { parseWrittenCell, planYearFrom } from '../domain/calendar/plan-dates';
import { readFingerprint, syncedDays } from '../domain/calendar/sync';
import { gradeOfClass } from '../domain/class-names';
import type { CoverageCopy, CoverageLoan, CoveragePupil, RequirementRow } from '../domain/coverage';
import { type PlanYear, planYearOf } from '../domain/holidays';
import type { RolloverDone } from '../domain/rollover';
import type { Kind, StatCopy, StatReader } from '../domain/statistics';
import type { VisitRow } from '../domain/visits';
import type { EnumCode } from '../schema';
import { choiceCode } from '../sheets/choices';
import { dayOf, isDateValue, today } from '../sheets/dates';
import { visitRowsOf } from '../sheets/visit-rows';
import type { Workbook } from '../sheets/workbook';

export interface ReaderRec extends CoveragePupil, StatReader {
  category: EnumCode<'category'>;
}

export interface TitleRec {
  titleId: string;
  kind: Kind | null;
  label: string;
  price: number;
}

export interface CopyRec extends CoverageCopy, StatCopy {}

export interface LoanRec extends CoverageLoan {
  status: EnumCode<'loanStatus'> | null;
}

export interface EventRec {
  day: DayKey;
  until: DayKey | null;
  title: string;
  kind: EnumCode<'eventKind'> | null;
}

export interface Sources {
  today: DayKey;
  readers: ReaderRec[];
  titles: Map<string, TitleRec>;
  copies: CopyRec[];
  loans: LoanRec[];
  visits: VisitRow[];
  required: RequirementRow[];
  events: EventRec[];
  /** Events rows left out: the calendar flagged their date for a check (a slip of the year, a bad range). */
  eventsToCheck: number;
  /** The classes of the Classes sheet, in its order. */
  classes: Array<{ key: string; name: string; grade: number | null }>;
  /** The year-end rollovers done (src/reports/past.ts steps pupils back to their class of a past day). */
  rollovers?: RolloverDone[];
}

export type SourceKey = 'readers' | 'titles' | 'copies' | 'loans' | 'visits' | 'required' | 'events';

const num = (v: unknown) => {
  const n = Number(v);
  return String(v ?? '').trim() !== '' && Number.isFinite(n) ? n : Number.NaN;
};

/** Reads the sources named (each once); the others stay empty. */
export function readSources(wb: Workbook, wanted: readonly SourceKey[]): Sources {
  const tz = wb.timeZone;
  const want = new Set(wanted);
  const index = wb.classes();
  const classes = wb.layout.classes.map((c) => ({
    key: index.key(c.className),
    name: c.className,
    grade: c.grade ?? gradeOfClass(c.className),
  }));
  const seen = new Set<string>();
  const uniqueClasses = classes.filter((c) => !seen.has(c.key) && seen.add(c.key));
  const gradeOf = (name: string) => index.find(name)?.grade ?? gradeOfClass(name);
  const out: Sources = {
    today: today(tz),
    readers: [],
    titles: new Map(),
    copies: [],
    loans: [],
    visits: [],
    required: [],
    events: [],
    eventsToCheck: 0,
    classes: uniqueClasses,
  };

  if (want.has('readers')) {
    const t = wb.table('readers').require('code', 'category');
    for (const row of t.readColumnsOnce('code', 'name', 'category', 'class', 'status', 'registered', 'left').rows) {
      const code = t.text(row, 'code');
      if (!code) continue;
      const className = t.has('class') ? t.text(row, 'class') : '';
      const status = t.has('status') ? choiceCode('readerStatus', t.get(row, 'status')) : null;
      const left = t.has('left') ? dayOf(t.get(row, 'left'), tz) : null;
      out.readers.push({
        code,
        name: t.has('name') ? t.text(row, 'name') : '',
        category: choiceCode('category', t.get(row, 'category')) ?? 'pupil',
        classKey: index.key(className),
        className: index.find(className)?.className ?? className,
        grade: className ? gradeOf(className) : null,
        registered: t.has('registered') ? dayOf(t.get(row, 'registered'), tz) : null,
        left,
        hasLeft: status === 'left' || left !== null,
      });
    }
  }

  if (want.has('titles')) {
    const t = wb.table('titles').require('titleId');
    for (const row of t.readColumnsOnce('titleId', 'kind', 'author', 'title', 'price').rows) {
      const id = t.text(row, 'titleId');
      if (!id || out.titles.has(id)) continue;
      const author = t.has('author') ? t.text(row, 'author') : '';
      const title = t.has('title') ? t.text(row, 'title') : '';
      const price = t.has('price') ? num(t.get(row, 'price')) : Number.NaN;
      out.titles.set(id, {
        titleId: id,
        kind: t.has('kind') ? choiceCode('kind', t.get(row, 'kind')) : null,
        label: (author && title ? `${author}${author.endsWith('.') ? '' : '.'} ${title}` : author || title) || id,
        price: Number.isFinite(price) ? price : 0,
      });
    }
  }

  if (want.has('loans')) {
    const t = wb.table('loans').require('inventory', 'reader');
    for (const row of t.readColumnsOnce('inventory', 'reader', 'issued', 'returned', 'status').rows) {
      const inventory = t.text(row, 'inventory');
      if (!inventory) continue;
      const status = t.has('status') ? choiceCode('loanStatus', t.get(row, 'status')) : null;
      out.loans.push({
        inventory,
        reader: t.text(row, 'reader'),
        issued: t.has('issued') ? dayOf(t.get(row, 'issued'), tz) : null,
        returned: t.has('returned') ? dayOf(t.get(row, 'returned'), tz) : null,
        closed: status !== null && status !== 'open',
        status,
      });
    }
  }

  if (want.has('copies')) {
    // A lost copy left the fund on the day its loan was closed as lost, unless a date is written.
    const lostOn = new Map<string, DayKey>();
    for (const l of out.loans) {
      if ((l.status === 'lost' || l.status === 'replaced') && l.returned) {
        const before = lostOn.get(l.inventory);
        if (!before || before < l.returned) lostOn.set(l.inventory, l.returned);
      }
    }
    const t = wb.table('copies').require('inventory', 'titleId');
    for (const row of t.readColumnsOnce('inventory', 'titleId', 'status', 'condition', 'received', 'withdrawn').rows) {
      const inventory = t.text(row, 'inventory');
      if (!inventory) continue;
      const titleId = t.text(row, 'titleId');
      const status = t.has('status') ? choiceCode('copyStatus', t.get(row, 'status')) : null;
      const out1 = status === 'lost' || status === 'writtenOff';
      const written = t.has('withdrawn') ? dayOf(t.get(row, 'withdrawn'), tz) : null;
      const withdrawn = out1 ? (written ?? (status === 'lost' ? (lostOn.get(inventory) ?? null) : null)) : null;
      out.copies.push({
        inventory,
        titleId,
        status,
        received: t.has('received') ? dayOf(t.get(row, 'received'), tz) : null,
        condition: t.has('condition') ? choiceCode('condition', t.get(row, 'condition')) : null,
        kind: out.titles.get(titleId)?.kind ?? null,
        withdrawn,
        gone: out1 && withdrawn === null,
      });
    }
  }

  if (want.has('visits')) {
    const t = wb.table('visits').require('date');
    out.visits = visitRowsOf(t, t.readColumnsOnce('date', 'reader', 'class', 'kind', 'count').rows, tz);
  }

  if (want.has('required')) {
    const t = wb.table('required').require('grade', 'titleId');
    for (const row of t.readColumnsOnce('grade', 'subject', 'titleId', 'year', 'group').rows) {
      const grade = num(t.get(row, 'grade'));
      const titleId = t.text(row, 'titleId');
      if (!Number.isInteger(grade) || !titleId) continue;
      out.required.push({
        grade,
        subject: t.has('subject') ? t.text(row, 'subject') : '',
        titleId,
        year: t.has('year') ? t.text(row, 'year') : '',
        group: t.has('group') ? t.text(row, 'group') : '',
      });
    }
  }

  if (want.has('events')) {
    // Dates as the calendar reads them (src/calendar/specs.ts): a date cell, or text as people write it
    // ("08.09.25", "10.11-02.12"; no year: the plan year's). A proposal not accepted yet was not held,
    // and a row the calendar flagged waits for its date to be checked: neither is counted.
    const plan = planYearFrom(wb.settings.planYear ?? planYearOf(out.today).startYear);
    const t = wb.table('events').require('date', 'title');
    for (const row of t.readColumnsOnce('date', 'endDate', 'title', 'kind', 'sync', 'syncedAs').rows) {
      const title = t.text(row, 'title');
      const first = writtenDays(t.get(row, 'date'), tz, plan);
      if (!title || !first) continue;
      const sync = t.has('sync') ? choiceCode('syncState', t.get(row, 'sync')) : null;
      if (sync === 'proposed') continue;
      if (sync === 'flagged') {
        out.eventsToCheck++;
        continue;
      }
      const end = t.has('endDate') ? writtenDays(t.get(row, 'endDate'), tz, plan) : null;
      let day = first.start;
      let until = end ? end.end : first.end;
      // A day and month without a year belong to the plan year the calendar put them in, which is
      // not today's once the year has moved on (the annual report is built in September).
      const synced = t.has('syncedAs') ? syncedDays(readFingerprint(t.text(row, 'syncedAs'))) : null;
      if (synced && !first.yearGiven && !end?.yearGiven && synced.start.slice(5) === day.slice(5)) {
        day = synced.start;
        until = synced.end;
      }
      out.events.push({
        day,
        until: until !== day ? until : null,
        title,
        kind: t.has('kind') ? choiceCode('eventKind', t.get(row, 'kind')) : null,
      });
    }
  }
  return out;
}

/** The first and last day of a date cell (a date, or a date or range written as text), and whether it names its year. */
function writtenDays(
  v: unknown,
  tz: string,
  plan: PlanYear,
): { start: DayKey; end: DayKey; yearGiven: boolean } | null {
  if (isDateValue(v)) {
    const d = dayOf(v, tz);
    return d ? { start: d, end: d, yearGiven: true } : null;
  }
  return typeof v === 'string' || typeof v === 'number' ? parseWrittenCell(v, plan) : null;
}

/** The pupils among the readers (the coverage and the ratings count pupils only). */
export const pupilsOf = (s: Sources) => s.readers.filter((r) => r.category === 'pupil');
