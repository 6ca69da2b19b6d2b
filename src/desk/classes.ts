/**
 * Textbook sets by class: the class's textbooks, a preview of who gets which copy (with the pick list
 * of copies to take from the shelf), the issue itself, the class list of who holds what (for handing
 * out scanned copies), and the year-end list of who still holds what. The pupils are found by one
 * search on the class column, the copies by one search on the title column; both are read in a few
 * blocks and written back in a few, whatever the size of the fund.
 */

import { type ClassPupil, overdueTextbooks, planClassIssue } from '../domain/circulation';
import { gradeOfClass } from '../domain/class-names';
import { codeKey, codeSearchPattern, literalPattern } from '../domain/codes';
import { encodeHoldings, type HeldCopy, withCopy } from '../domain/holdings';
import { dueDate } from '../domain/schedule';
import { LibraryError } from '../errors';
import { t } from '../messages';
import type { Cell, RowValues } from '../sheets/table';
import { type Desk, type ReaderAtDesk, type TitleInfo, titleLabel } from './desk';
import { isActivePupil, readersOfClass } from './find';

export interface ClassOptions {
  classes: Array<{ className: string; grade: number | null }>;
}

export interface ClassTextbook {
  titleId: string;
  label: string;
  grade: number | null;
  subject: string;
}

export interface PickLine {
  title: string;
  inventories: string[];
}

export interface ClassPreview {
  className: string;
  pupils: number;
  copies: number;
  lines: string[];
  shortages: string[];
  blocked: string[];
  /** The copies to take from the shelf, title by title. */
  pickList: PickLine[];
  /** Copies of these titles were too many to look at all: the plan uses the first ones. */
  partial: boolean;
}

/** The classes of the Classes sheet (from the saved layout: no Spreadsheet call). */
export function classOptions(desk: Desk): ClassOptions {
  const list = desk.wb.layout.classes.map((c) => ({
    className: c.className,
    grade: c.grade ?? gradeOfClass(c.className),
  }));
  list.sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0) || a.className.localeCompare(b.className));
  return { classes: list };
}

/** The textbooks of a class's grade: one search on the Catalogue's grade column, the rows read. */
export function classTextbooks(desk: Desk, className: string): { textbooks: ClassTextbook[] } {
  const grade = desk.wb.classes().find(className)?.grade ?? gradeOfClass(className);
  if (!grade) return { textbooks: [] };
  const table = desk.table('titles').require('titleId', 'kind', 'grade');
  const found = table.search('grade', `^\\s*${grade}(?:[.,]0+)?\\s*$`);
  const { rows } = table.readRowsAt(found, 4, 20_000);
  const titles = [...rows.values()].map((row) => desk.titleFrom(table, row)).filter((x) => x.kind === 'textbook');
  desk.rememberTitles(titles);
  return {
    textbooks: titles
      .map((x) => ({ titleId: x.titleId, label: titleLabel(x, x.titleId), grade: x.grade, subject: x.subject }))
      .sort((a, b) => a.subject.localeCompare(b.subject) || a.label.localeCompare(b.label)),
  };
}

interface ClassPupilRow {
  rowNumber: number;
  reader: ReaderAtDesk;
}

interface ClassState {
  className: string;
  pupils: ClassPupilRow[];
  /** Every Readers row read (to write the pupils' "On loan" cells in blocks). */
  readerRows: Map<number, Cell[]>;
  titles: Map<string, TitleInfo>;
  /** Available copies per title key, in sheet order, with their rows. */
  available: Map<string, string[]>;
  /** Copies of these titles the Copies sheet says a pupil of the class holds, but the pupil's record lacks. */
  unrecorded: Array<{ pupil: ClassPupilRow; copy: ReturnType<Desk['copyFrom']> }>;
  copyRow: Map<string, number>;
  copyRows: Map<number, Cell[]>;
  partial: boolean;
}

/** The active pupils of a class with what they hold (from their rows); `forWriting`: see readersOfClass. */
function classPupils(desk: Desk, className: string, forWriting = false) {
  const { choices, rows, all } = readersOfClass(desk, className, true, forWriting);
  const pupils: ClassPupilRow[] = [];
  for (const c of choices) {
    const row = rows.get(c.row);
    if (!row || !isActivePupil(desk, row)) continue;
    pupils.push({ rowNumber: c.row, reader: desk.readerFrom(row) });
  }
  if (pupils.length === 0 && !desk.wb.classes().find(className)) {
    throw new LibraryError('desk.error.noClass', { class: className });
  }
  pupils.sort((a, b) => a.reader.name.localeCompare(b.reader.name));
  return { pupils, rows: all };
}

function classState(desk: Desk, className: string, titleIds: string[], forWriting = false): ClassState {
  if (titleIds.length === 0) throw new LibraryError('desk.error.noTitles');
  const { pupils, rows } = classPupils(desk, className, forWriting);
  // A pupil whose "On loan" cell is not ours to read gets it rebuilt from the Copies sheet.
  for (const p of pupils) {
    if (!p.reader.holdingsKnown) {
      p.reader.holdings = desk.holdingsFromCopies(p.reader.code);
      p.reader.holdingsKnown = true;
    }
  }
  const titles = desk.titlesOf(titleIds);
  const copies = desk.copies();
  const patterns = titleIds.map((id) => codeSearchPattern(id)).filter((p): p is string => !!p);
  const found = copies.search('titleId', patterns.map((p) => `(?:${p})`).join('|'));
  const {
    all,
    rows: copyRows,
    left,
  } = copies.readRowsAt(found, 8, 55_000, ['inventory', 'titleId', 'status', 'reader', 'loanId', 'due']);
  const wanted = new Set(titleIds.map(codeKey));
  const available = new Map<string, string[]>();
  const copyRow = new Map<string, number>();
  const byCode = new Map(pupils.map((p) => [codeKey(p.reader.code), p]));
  const unrecorded: ClassState['unrecorded'] = [];
  for (const [n, row] of [...copyRows.entries()].sort((a, b) => a[0] - b[0])) {
    const c = desk.copyFrom(row);
    if (!c.inventory || !wanted.has(codeKey(c.titleId))) continue;
    copyRow.set(c.inventory, n);
    if (c.status === 'available' && !c.reader) {
      const key = codeKey(c.titleId);
      available.set(key, [...(available.get(key) ?? []), c.inventory]);
    }
    const pupil = c.reader ? byCode.get(codeKey(c.reader)) : undefined;
    if (pupil && !pupil.reader.holdings.some((h) => codeKey(h.inventory) === codeKey(c.inventory))) {
      unrecorded.push({ pupil, copy: c });
    }
  }
  return {
    className,
    pupils,
    readerRows: rows,
    titles,
    available,
    unrecorded,
    copyRow,
    copyRows: all,
    partial: left.length > 0,
  };
}

function plan(desk: Desk, state: ClassState, titleIds: string[], override: boolean) {
  const held = (p: ClassPupilRow) => [
    ...p.reader.holdings.map((h) => codeKey(h.titleId)),
    ...state.unrecorded.filter((u) => u.pupil === p).map((u) => codeKey(u.copy.titleId)),
  ];
  const pupils: ClassPupil[] = state.pupils.map((p) => ({
    code: p.reader.code,
    name: p.reader.name,
    holds: new Set(held(p)),
    overdue: overdueTextbooks(p.reader.holdings, desk.today).length,
  }));
  return planClassIssue(pupils, titleIds.map(codeKey), state.available, override);
}

const labelOf = (state: ClassState, id: string) => titleLabel(state.titles.get(codeKey(id)), id);

function describePlan(desk: Desk, state: ClassState, p: ReturnType<typeof plan>): ClassPreview {
  const name = (code: string) => state.pupils.find((x) => x.reader.code === code)?.reader.name ?? code;
  const byPupil = new Map<string, string[]>();
  const byTitle = new Map<string, string[]>();
  for (const a of p.assignments) {
    byPupil.set(a.reader, [...(byPupil.get(a.reader) ?? []), `${labelOf(state, a.titleId)} (${a.inventory})`]);
    byTitle.set(a.titleId, [...(byTitle.get(a.titleId) ?? []), a.inventory]);
  }
  return {
    className: state.className,
    pupils: state.pupils.length,
    copies: p.assignments.length,
    lines: [...byPupil.entries()].map(([code, titles]) => `${name(code)}: ${titles.join('; ')}`),
    shortages: p.shortages.map((s) =>
      t(desk.lang, 'desk.class.shortage', {
        title: labelOf(state, s.titleId),
        missing: s.missing,
        available: s.available,
      }),
    ),
    blocked: p.blocked.map((b) => t(desk.lang, 'desk.class.blocked', { reader: b.name, count: b.count })),
    pickList: [...byTitle.entries()].map(([id, inventories]) => ({ title: labelOf(state, id), inventories })),
    partial: state.partial,
  };
}

export function previewClassIssue(desk: Desk, className: string, titleIds: string[], override: boolean): ClassPreview {
  const state = classState(desk, className, titleIds);
  return describePlan(desk, state, plan(desk, state, titleIds, override));
}

/**
 * Issues the planned copies: the loans appended in one write, the copy rows and the pupils' "On
 * loan" cells written in a few blocks each.
 */
export function issueToClass(
  desk: Desk,
  className: string,
  titleIds: string[],
  override: boolean,
): { message: string; preview: ClassPreview } {
  const state = classState(desk, className, titleIds, true);
  const p = plan(desk, state, titleIds, override);
  const preview = describePlan(desk, state, p);
  const finishing = finishInterrupted(desk, state);
  if (p.assignments.length === 0 && state.unrecorded.length === 0) {
    return { message: t(desk.lang, 'desk.class.nothing'), preview };
  }
  const loans: RowValues[] = [...finishing.loans];
  const copyEdits = new Map<number, RowValues>();
  const holdings = finishing.holdings;
  const open = desk.label('loanStatus', 'open');
  const onLoan = desk.label('copyStatus', 'onLoan');
  const librarian = desk.librarian();
  for (const a of p.assignments) {
    const info = state.titles.get(codeKey(a.titleId));
    const kind = info?.kind ?? 'textbook';
    const due = dueDate(desk.today, kind, desk.wb.settings, desk.wb.schedule());
    const loanId = desk.newLoanId();
    const label = labelOf(state, a.titleId);
    const titleId = info?.titleId ?? a.titleId;
    loans.push({
      loanId,
      inventory: a.inventory,
      title: label,
      reader: a.reader,
      issued: desk.date(desk.today),
      due: desk.date(due),
      renewals: 0,
      status: open,
      note: className,
      librarian,
    });
    copyEdits.set(state.copyRow.get(a.inventory)!, { status: onLoan, reader: a.reader, loanId, due: desk.date(due) });
    const held: HeldCopy = {
      inventory: a.inventory,
      titleId,
      kind,
      label,
      issued: desk.today,
      due,
      loanId,
      renewals: 0,
    };
    holdings.set(a.reader, withCopy(holdings.get(a.reader) ?? [], held));
  }
  // The copy rows first: an issue stopped after them is finished by the next one (finishInterrupted).
  if (copyEdits.size > 0) desk.copies().writeRowsAt(['status', 'reader', 'loanId', 'due'], copyEdits, state.copyRows);
  desk.table('loans').append(loans);
  const onLoanCells = new Map<number, RowValues>();
  for (const pupil of state.pupils) {
    const now = holdings.get(pupil.reader.code) ?? [];
    if (now !== pupil.reader.holdings) onLoanCells.set(pupil.rowNumber, { onLoan: encodeHoldings(now) });
  }
  desk.readers().writeRowsAt(['onLoan'], onLoanCells, state.readerRows);
  desk.log('classIssue', {
    class: className,
    count: p.assignments.length,
    titles: [...new Set(p.assignments.map((a) => labelOf(state, a.titleId)))].join('; '),
  });
  if (override) {
    // The librarian chose to issue to pupils with old debts: the log says to whom.
    const overridden = state.pupils.filter((x) => overdueTextbooks(x.reader.holdings, desk.today).length > 0);
    if (overridden.length > 0) {
      desk.log('override', { class: className, readers: overridden.map((x) => x.reader.name).join(', ') });
    }
  }
  return { message: t(desk.lang, 'desk.class.issued', { count: p.assignments.length, class: className }), preview };
}

export interface ClassListRow {
  code: string;
  name: string;
  row: number;
  /** For each title asked, the inventory number the pupil holds, or "". */
  holds: string[];
}

/** Who in the class holds which of the titles: for handing out the copies one scan at a time. */
export function classList(
  desk: Desk,
  className: string,
  titleIds: string[],
): { titles: string[]; pupils: ClassListRow[] } {
  const { pupils } = classPupils(desk, className);
  const titles = desk.titlesOf(titleIds);
  return {
    titles: titleIds.map((id) => titleLabel(titles.get(codeKey(id)), id)),
    pupils: pupils.map((p) => ({
      code: p.reader.code,
      name: p.reader.name,
      row: p.rowNumber,
      holds: titleIds.map((id) => p.reader.holdings.find((h) => codeKey(h.titleId) === codeKey(id))?.inventory ?? ''),
    })),
  };
}

/**
 * A class set stopped partway left copies on loan to pupils of the class without their loan rows
 * or the pupils' records: the loan rows that are missing (one search for them all) and the records
 * are made now, with the loan IDs the copies carry, so nothing is issued twice and nothing lost.
 */
function finishInterrupted(desk: Desk, state: ClassState) {
  const holdings = new Map(state.pupils.map((x) => [x.reader.code, x.reader.holdings]));
  const loans: RowValues[] = [];
  if (state.unrecorded.length === 0) return { loans, holdings };
  const ids = state.unrecorded.map((u) => u.copy.loanId).filter(Boolean);
  const table = desk.table('loans');
  const found =
    ids.length > 0 ? table.search('loanId', ids.map((id) => `(?:^\\s*${literalPattern(id)}\\s*$)`).join('|')) : [];
  const { rows } = table.readRowsAt(found, 4, 5_000, ['loanId']);
  const existing = new Set([...rows.values()].map((r) => table.text(r, 'loanId')));
  for (const { pupil, copy } of state.unrecorded) {
    const info = state.titles.get(codeKey(copy.titleId));
    const label = labelOf(state, copy.titleId);
    const issued = /^L(\d{4})(\d{2})(\d{2})-/.exec(copy.loanId);
    const day = issued ? `${issued[1]}-${issued[2]}-${issued[3]}` : desk.today;
    if (copy.loanId && !existing.has(copy.loanId)) {
      loans.push({
        loanId: copy.loanId,
        inventory: copy.inventory,
        title: label,
        reader: pupil.reader.code,
        issued: desk.date(day),
        due: copy.due ? desk.date(copy.due) : undefined,
        renewals: 0,
        status: desk.label('loanStatus', 'open'),
        note: state.className,
        librarian: desk.librarian(),
      });
    }
    const held: HeldCopy = {
      inventory: copy.inventory,
      titleId: info?.titleId ?? copy.titleId,
      kind: info?.kind ?? 'textbook',
      label,
      issued: day,
      due: copy.due,
      loanId: copy.loanId,
      renewals: 0,
    };
    holdings.set(pupil.reader.code, withCopy(holdings.get(pupil.reader.code) ?? [], held));
  }
  return { loans, holdings };
}

/** Year-end: who in the class still holds which textbooks. */
export function classReturnReport(desk: Desk, className: string): { message: string; lines: string[] } {
  const { pupils } = classPupils(desk, className);
  const lines = pupils
    .map((p) => ({ p, books: p.reader.holdings.filter((h) => h.kind === 'textbook') }))
    .filter((x) => x.books.length > 0)
    .map((x) =>
      t(desk.lang, 'desk.class.notReturned', {
        reader: x.p.reader.name,
        titles: x.books.map((b) => `${b.label || b.titleId} (${b.inventory})`).join('; '),
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
  who: { reader?: string; className?: string; count?: number; row?: number },
): { message: string } {
  let count = Math.max(1, Math.floor(Number(who.count) || 0));
  let reader = '';
  let className = who.className?.trim() ?? '';
  if (who.reader?.trim()) {
    const r = desk.reader(who.reader, who.row ?? 0);
    reader = r.info.code;
    className = r.info.className;
    count = 1;
  } else if (kind === 'excursion') {
    if (!className) throw new LibraryError('desk.error.noClass', { class: '' });
    // A class visit counts its pupils, unless the librarian says how many came.
    if (!who.count) count = classPupils(desk, className).pupils.length;
  }
  const kindLabel = desk.label('visitKind', kind);
  desk.table('visits').append([{ date: desk.date(desk.today), reader, class: className, kind: kindLabel, count }]);
  desk.log('visit', { kind: kindLabel, who: reader || className, count });
  return { message: t(desk.lang, 'desk.visit.counted', { count, kind: kindLabel }) };
}
