/**
 * Moving pupils up: the Readers sheet's class, status and left date, and the Classes sheet's rows,
 * each sheet written whole in one setValues (a stop leaves it all moved or none of it). Whether a
 * sheet was already written is told by its fingerprint, saved before the write.
 */
import { classKey } from '../domain/class-names';
import { movedBy, promoteClass, schoolYearEnd } from '../domain/rollover';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dateFor, dayOf } from '../sheets/dates';
import type { Cell, Table } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';

export interface SheetMove {
  table: Table;
  /** The span of columns written, 0-based. */
  from: number;
  to: number;
  firstRow: number;
  /** The span as read, and as it will be. */
  before: Cell[][];
  after: Cell[][];
  up: number;
  graduates: number;
  /** The class keys after the move, of the classes moved (Classes only). */
  classes: string[];
}

/** A fingerprint of cells (FNV-1a of their text; dates as day keys). */
export function fingerprint(rows: Cell[][], tz: string): string {
  let h = 0x811c9dc5;
  for (const row of rows) {
    const text = `${row.map((v) => (v instanceof Date ? (dayOf(v, tz) ?? '') : String(v ?? ''))).join('\u0001')}\u0002`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return `${rows.length}:${h.toString(16)}`;
}

/** The readers moved up and graduated by the rollover of `year` run on `day`. */
export function planReaders(wb: Workbook, year: number, day: string): SheetMove {
  const t = wb.table('readers').require('code', 'category', 'class', 'status', 'left');
  const { rows, firstRow } = t.readColumns('code', 'category', 'class', 'status', 'registered', 'left');
  const cols = ['class', 'status', 'left', ...(t.has('registered') ? ['registered'] : [])].map((k) => t.index(k));
  const from = Math.min(...cols);
  const to = Math.max(...cols);
  const index = wb.classes();
  const tz = wb.timeZone;
  const max = wb.settings.rollover.maxGrade;
  const leftLabel = choiceLabel(wb.lang, 'readerStatus', 'left');
  let up = 0;
  let graduates = 0;
  const before = rows.map((r) => r.slice(from, to + 1));
  const after = rows.map((r) => {
    const out = r.slice(from, to + 1);
    const className = t.text(r, 'class');
    const status = choiceCode('readerStatus', t.get(r, 'status'));
    const left = dayOf(t.get(r, 'left'), tz);
    const reader = {
      category: choiceCode('category', t.get(r, 'category')) ?? 'pupil',
      className,
      registered: t.has('registered') ? dayOf(t.get(r, 'registered'), tz) : null,
      left,
      hasLeft: status === 'left' || left !== null,
    };
    if (!t.text(r, 'code') || !movedBy(reader, day)) return out;
    // The class as the Classes sheet spells it, so the reader and the row move to the same name.
    const p = promoteClass(index.find(className)?.className ?? className, max, year);
    if (p.kind === 'stay') return out;
    out[t.index('class') - from] = p.to;
    if (p.kind === 'up') up++;
    else {
      graduates++;
      out[t.index('status') - from] = leftLabel;
      if (!left) out[t.index('left') - from] = dateFor(schoolYearEnd(year), tz);
    }
    return out;
  });
  return { table: t, from, to, firstRow, before, after, up, graduates, classes: [] };
}

/** The Classes rows moved up (the class and its grade) and graduated (named with the year). */
export function planClasses(wb: Workbook, year: number): SheetMove {
  const t = wb.table('classes').require('class');
  const { rows, firstRow } = t.readColumns('class', 'grade');
  const from = t.index('class');
  const to = t.has('grade') ? Math.max(from, t.index('grade')) : from;
  const lo = t.has('grade') ? Math.min(from, t.index('grade')) : from;
  const max = wb.settings.rollover.maxGrade;
  let up = 0;
  let graduates = 0;
  const classes: string[] = [];
  const before = rows.map((r) => r.slice(lo, to + 1));
  const after = rows.map((r) => {
    const out = r.slice(lo, to + 1);
    const p = promoteClass(t.text(r, 'class'), max, year);
    if (p.kind === 'stay') return out;
    out[t.index('class') - lo] = p.to;
    classes.push(classKey(p.to));
    if (p.kind === 'up') {
      up++;
      if (t.has('grade') && String(t.get(r, 'grade')).trim() !== '') {
        const g = Number(t.get(r, 'grade'));
        if (Number.isFinite(g)) out[t.index('grade') - lo] = g + 1;
      }
    } else graduates++;
    return out;
  });
  return { table: t, from: lo, to, firstRow, before, after, up, graduates, classes };
}

/** Writes the span as planned: one setValues (plain text where a class name could be read as a number). */
export function writeMove(m: SheetMove): void {
  if (m.after.length === 0) return;
  const range = m.table.sheet.getRange(m.firstRow, m.from + 1, m.after.length, m.to - m.from + 1);
  range.setValues(m.after);
}
