/**
 * Textbook sets by class: a preview of who gets what and where copies are short, the issue itself
 * (one loan per pupil per title, written in batches), and the year-end list of who still holds what.
 */
import { type ClassPupil, type Holding, overdueTextbooks, planClassIssue } from '../domain/circulation';
import { dueDate } from '../domain/schedule';
import { LibraryError } from '../errors';
import { normalise, t } from '../i18n';
import { choiceLabel } from '../sheets/choices';
import type { Cell, RowValues } from '../sheets/table';
import { type Desk, titleLabel } from './desk';

export interface ClassOptions {
  classes: Array<{ className: string; grade: number | null }>;
  textbooks: Array<{ titleId: string; label: string; grade: number | null; subject: string; available: number }>;
}

export interface ClassPreview {
  className: string;
  pupils: number;
  copies: number;
  lines: string[];
  shortages: string[];
  blocked: string[];
}

interface ClassState {
  className: string;
  pupils: Array<{ code: string; name: string; holdings: Holding[] }>;
  copyRows: Cell[][];
  available: Map<string, string[]>;
  rowOf: Map<string, number>;
}

function gradeOf(className: string): number | null {
  const m = /^\s*(\d{1,2})/.exec(className);
  return m ? Number(m[1]) : null;
}

export function classOptions(desk: Desk): ClassOptions {
  const classes = desk.table('classes');
  const list = classes.readAll().rows.map((r) => {
    const className = classes.text(r, 'class');
    const g = Number(classes.get(r, 'grade'));
    return { className, grade: Number.isFinite(g) && g > 0 ? g : gradeOf(className) };
  });
  // A class that pupils are in but the Classes sheet does not list yet can still get its set.
  const known = new Set(list.map((c) => normalise(c.className)));
  const readers = desk.table('readers');
  for (const r of readers.readAll().rows) {
    const className = readers.text(r, 'class');
    if (className && !known.has(normalise(className))) {
      known.add(normalise(className));
      list.push({ className, grade: gradeOf(className) });
    }
  }
  list.sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0) || a.className.localeCompare(b.className));
  const copies = desk.table('copies');
  const available = new Map<string, number>();
  for (const row of copies.readAll().rows) {
    const c = desk.copyFrom(copies, row);
    if (c.status === 'available' && !c.reader)
      available.set(normalise(c.titleId), (available.get(normalise(c.titleId)) ?? 0) + 1);
  }
  const textbooks = [...desk.titles().values()]
    .filter((x) => x.kind === 'textbook')
    .map((x) => ({
      titleId: x.titleId,
      label: titleLabel(x, x.titleId),
      grade: x.grade,
      subject: x.subject,
      available: available.get(normalise(x.titleId)) ?? 0,
    }));
  return { classes: list.filter((c) => c.className), textbooks };
}

/** Pupils of a class with what they hold, and the copies on the shelf per title: two sheet reads. */
function classState(desk: Desk, className: string): ClassState {
  const readers = desk.table('readers').require('code', 'name', 'category', 'class', 'status');
  const wanted = normalise(className);
  const pupils = readers
    .readAll()
    .rows.map((r) => desk.readerFrom(readers, r))
    .filter((r) => normalise(r.className) === wanted && r.category === 'pupil' && r.status === 'active')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ code: r.code, name: r.name, holdings: [] as Holding[] }));
  if (pupils.length === 0) {
    const known = desk
      .table('classes')
      .readAll()
      .rows.some((r) => normalise(desk.table('classes').text(r, 'class')) === wanted);
    if (!known) throw new LibraryError('desk.error.noClass', { class: className });
  }
  const byCode = new Map(pupils.map((p) => [normalise(p.code), p]));
  const copies = desk.table('copies').require('inventory', 'titleId', 'status', 'reader', 'loanId', 'due');
  const { rows, firstRow } = copies.readAll();
  const available = new Map<string, string[]>();
  const rowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const c = desk.copyFrom(copies, row);
    if (!c.inventory) return;
    rowOf.set(c.inventory, firstRow + i);
    const kind = desk.title(c.titleId)?.kind ?? 'fiction';
    const holder = c.reader ? byCode.get(normalise(c.reader)) : undefined;
    if (holder) holder.holdings.push({ inventory: c.inventory, titleId: normalise(c.titleId), kind, due: c.due });
    if (c.status === 'available' && !c.reader) {
      const key = normalise(c.titleId);
      available.set(key, [...(available.get(key) ?? []), c.inventory]);
    }
  });
  return { className, pupils, copyRows: rows, available, rowOf };
}

function plan(desk: Desk, state: ClassState, titleIds: string[], override: boolean) {
  if (titleIds.length === 0) throw new LibraryError('desk.error.noTitles');
  const pupils: ClassPupil[] = state.pupils.map((p) => ({
    code: p.code,
    name: p.name,
    holds: new Set(p.holdings.map((h) => h.titleId)),
    overdue: overdueTextbooks(p.holdings, desk.today).length,
  }));
  return planClassIssue(
    pupils,
    titleIds.map((id) => normalise(id)),
    state.available,
    override,
  );
}

export function previewClassIssue(desk: Desk, className: string, titleIds: string[], override: boolean): ClassPreview {
  const state = classState(desk, className);
  return describePlan(desk, state, plan(desk, state, titleIds, override));
}

function describePlan(desk: Desk, state: ClassState, p: ReturnType<typeof plan>): ClassPreview {
  const name = (code: string) => state.pupils.find((x) => x.code === code)?.name ?? code;
  const label = (id: string) => titleLabel(desk.title(id), id);
  const byPupil = new Map<string, string[]>();
  for (const a of p.assignments)
    byPupil.set(a.reader, [...(byPupil.get(a.reader) ?? []), `${label(a.titleId)} (${a.inventory})`]);
  return {
    className: state.className,
    pupils: state.pupils.length,
    copies: p.assignments.length,
    lines: [...byPupil.entries()].map(([code, titles]) => `${name(code)}: ${titles.join('; ')}`),
    shortages: p.shortages.map((s) =>
      t(desk.lang, 'desk.class.shortage', { title: label(s.titleId), missing: s.missing, available: s.available }),
    ),
    blocked: p.blocked.map((b) => t(desk.lang, 'desk.class.blocked', { reader: b.name, count: b.count })),
  };
}

/** Issues the planned copies: loans appended in one write, copy rows updated in runs. */
export function issueToClass(
  desk: Desk,
  className: string,
  titleIds: string[],
  override: boolean,
): { message: string; preview: ClassPreview } {
  const state = classState(desk, className);
  const p = plan(desk, state, titleIds, override);
  const preview = describePlan(desk, state, p);
  if (p.assignments.length === 0) return { message: t(desk.lang, 'desk.class.nothing'), preview };
  const copies = desk.table('copies');
  const loans: RowValues[] = [];
  const edits: Array<{ rowNumber: number; changes: RowValues }> = [];
  const open = choiceLabel(desk.lang, 'loanStatus', 'open');
  const onLoan = choiceLabel(desk.lang, 'copyStatus', 'onLoan');
  const librarian = desk.librarian();
  for (const a of p.assignments) {
    const rowNumber = state.rowOf.get(a.inventory)!;
    const info = desk.title(a.titleId);
    const due = dueDate(desk.today, info?.kind ?? 'textbook', desk.wb.settings, desk.schedule());
    const loanId = desk.newLoanId();
    const pupil = state.pupils.find((x) => x.code === a.reader)!;
    loans.push({
      loanId,
      inventory: a.inventory,
      title: titleLabel(info, a.titleId),
      reader: pupil.code,
      issued: desk.date(desk.today),
      due: desk.date(due),
      renewals: 0,
      status: open,
      note: className,
      librarian,
    });
    edits.push({ rowNumber, changes: { status: onLoan, reader: pupil.code, loanId, due: desk.date(due) } });
  }
  desk.table('loans').append(loans);
  copies.updateMany(edits);
  desk.log('classIssue', `${className}: ${p.assignments.length} (${titleIds.join(', ')})`);
  if (override) {
    // The librarian chose to issue to pupils with old debts: the log says to whom.
    const overridden = state.pupils.filter((x) => overdueTextbooks(x.holdings, desk.today).length > 0);
    if (overridden.length > 0) desk.log('override', `${className}: ${overridden.map((x) => x.code).join(', ')}`);
  }
  return { message: t(desk.lang, 'desk.class.issued', { count: p.assignments.length, class: className }), preview };
}

/** Year-end: who in the class still holds which textbooks. */
export function classReturnReport(desk: Desk, className: string): { message: string; lines: string[] } {
  const state = classState(desk, className);
  const lines = state.pupils
    .map((p) => ({ p, books: p.holdings.filter((h) => h.kind === 'textbook') }))
    .filter((x) => x.books.length > 0)
    .map((x) =>
      t(desk.lang, 'desk.class.notReturned', {
        reader: x.p.name,
        titles: x.books.map((b) => `${titleLabel(desk.title(b.titleId), b.titleId)} (${b.inventory})`).join('; '),
      }),
    );
  return {
    message: lines.length === 0 ? t(desk.lang, 'desk.class.allReturned', { class: className }) : '',
    lines,
  };
}

export function countVisits(
  desk: Desk,
  kind: 'readingRoom' | 'excursion',
  who: { reader?: string; className?: string; count?: number },
): { message: string } {
  let count = Math.max(1, Math.floor(Number(who.count) || 0));
  let reader = '';
  let className = who.className?.trim() ?? '';
  if (who.reader?.trim()) {
    const r = desk.reader(who.reader);
    reader = r.info.code;
    className = r.info.className;
    count = 1;
  } else if (kind === 'excursion') {
    if (!className) throw new LibraryError('desk.error.noClass', { class: '' });
    // A class visit counts its pupils, unless the librarian says how many came.
    if (!who.count) count = classState(desk, className).pupils.length;
  }
  desk.table('visits').append([
    {
      date: desk.date(desk.today),
      reader,
      class: className,
      kind: choiceLabel(desk.lang, 'visitKind', kind),
      count,
    },
  ]);
  desk.log('visit', `${kind} ${reader || className} ×${count}`);
  const kindLabel = choiceLabel(desk.lang, 'visitKind', kind);
  return { message: t(desk.lang, 'desk.visit.counted', { count, kind: kindLabel }) };
}
