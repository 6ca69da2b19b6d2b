/**
 * What must hold in a library workbook, checked without changing anything: no copy on loan twice;
 * every loan's reader and copy exist; a copy's state agrees with its open loan; every pupil's class
 * is on the Classes sheet; no code twice; dates where dates belong; each reader's "On loan" record
 * agrees with the Copies sheet. Each problem names the sheet, the row and what to do. Pure.
 */

import { SETTING_DEFAULTS, settingUsable } from '../settings';
import { type ClassIndex, type ClassRow, classKey } from './class-names';
import { codeKey } from './codes';
import { type HeldCopy, sameHoldings } from './holdings';

export type ProblemKind =
  | 'classUnknown'
  | 'classClash'
  | 'duplicateCode'
  | 'codeAsNumber'
  | 'notADate'
  | 'loanTwice'
  | 'loanReaderMissing'
  | 'loanCopyMissing'
  | 'copyWithoutLoan'
  | 'loanCopyDisagree'
  | 'holdingsDiffer'
  | 'holdingsUnreadable'
  | 'settingNotUsed';

export interface Problem {
  kind: ProblemKind;
  sheet: 'readers' | 'copies' | 'loans' | 'titles' | 'classes' | 'schedule' | 'visits' | 'settings';
  row: number;
  params: Record<string, string | number>;
}

export interface ReaderRow {
  row: number;
  code: unknown;
  name: string;
  className: string;
  isPupil: boolean;
  active: boolean;
  /** The "On loan" record, or null when it cannot be read; undefined when the sheet has no such column. */
  holdings?: HeldCopy[] | null;
}

export interface CopyRow {
  row: number;
  inventory: unknown;
  titleId: string;
  onLoan: boolean;
  reader: string;
  loanId: string;
}

export interface LoanRow {
  row: number;
  loanId: string;
  inventory: string;
  reader: string;
  open: boolean;
}

export interface DateCell {
  sheet: Problem['sheet'];
  row: number;
  column: string;
  value: unknown;
}

export interface WorkbookFacts {
  readers: ReaderRow[];
  copies: CopyRow[];
  loans: LoanRow[];
  titles: Array<{ row: number; titleId: unknown }>;
  classes: ClassIndex<ClassRow>;
  /** Cells of date columns that hold something that is not a date. */
  badDates: DateCell[];
  /** Holdings as the Copies sheet says, by reader code key. */
  derivedHoldings: Map<string, HeldCopy[]>;
  /** The Settings sheet's rows, each value as text as the library reads it. */
  settings?: Array<{ row: number; key: string; text: string }>;
}

function duplicates<T extends { row: number }>(
  rows: T[],
  codeOf: (r: T) => unknown,
  sheet: Problem['sheet'],
  out: Problem[],
): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = codeKey(codeOf(r));
    if (!key) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r.row);
    else out.push({ kind: 'duplicateCode', sheet, row: r.row, params: { code: String(codeOf(r)).trim(), first } });
    if (typeof codeOf(r) === 'number')
      out.push({ kind: 'codeAsNumber', sheet, row: r.row, params: { code: String(codeOf(r)) } });
  }
}

export function checkWorkbookFacts(f: WorkbookFacts): Problem[] {
  const out: Problem[] = [];
  // Classes: every pupil's class is a class of the Classes sheet (look-alike spellings count).
  for (const r of f.readers) {
    if (!r.isPupil || !r.className.trim()) continue;
    const clash = f.classes.clashes(r.className);
    if (clash.length > 1) {
      out.push({
        kind: 'classClash',
        sheet: 'readers',
        row: r.row,
        params: { class: r.className, classes: clash.join(', ') },
      });
    } else if (!f.classes.find(r.className)) {
      out.push({ kind: 'classUnknown', sheet: 'readers', row: r.row, params: { class: r.className, name: r.name } });
    }
  }
  duplicates(f.readers, (r) => r.code, 'readers', out);
  duplicates(f.copies, (r) => r.inventory, 'copies', out);
  duplicates(f.titles, (r) => r.titleId, 'titles', out);
  for (const d of f.badDates) {
    out.push({
      kind: 'notADate',
      sheet: d.sheet,
      row: d.row,
      params: { column: d.column, value: String(d.value).slice(0, 40) },
    });
  }
  // Settings whose value the library cannot use (it goes by the default, or what it can read of a list).
  const defaults = new Map(SETTING_DEFAULTS.map((d) => [d.key, d.value]));
  for (const s of f.settings ?? []) {
    if (!defaults.has(s.key) || settingUsable(s.key, s.text)) continue;
    out.push({
      kind: 'settingNotUsed',
      sheet: 'settings',
      row: s.row,
      params: { key: s.key, value: s.text.slice(0, 40), default: defaults.get(s.key) ?? '' },
    });
  }
  // Loans against readers and copies.
  const readers = new Set(f.readers.map((r) => codeKey(r.code)));
  const copies = new Map(f.copies.map((c) => [codeKey(c.inventory), c]));
  const openByCopy = new Map<string, LoanRow>();
  const loansById = new Map(f.loans.map((l) => [l.loanId, l]));
  for (const l of f.loans) {
    if (l.reader && !readers.has(codeKey(l.reader))) {
      out.push({
        kind: 'loanReaderMissing',
        sheet: 'loans',
        row: l.row,
        params: { reader: l.reader, loanId: l.loanId },
      });
    }
    if (l.inventory && !copies.has(codeKey(l.inventory))) {
      out.push({
        kind: 'loanCopyMissing',
        sheet: 'loans',
        row: l.row,
        params: { inventory: l.inventory, loanId: l.loanId },
      });
    }
    if (!l.open) continue;
    const earlier = openByCopy.get(codeKey(l.inventory));
    if (earlier) {
      out.push({
        kind: 'loanTwice',
        sheet: 'loans',
        row: l.row,
        params: { inventory: l.inventory, first: earlier.row },
      });
      continue;
    }
    openByCopy.set(codeKey(l.inventory), l);
    const c = copies.get(codeKey(l.inventory));
    if (c && (!c.onLoan || codeKey(c.reader) !== codeKey(l.reader))) {
      out.push({
        kind: 'loanCopyDisagree',
        sheet: 'copies',
        row: c.row,
        params: { inventory: String(c.inventory).trim(), reader: l.reader, loanRow: l.row },
      });
    }
  }
  for (const c of f.copies) {
    if (!c.onLoan) continue;
    const open = openByCopy.get(codeKey(c.inventory));
    const byId = c.loanId ? loansById.get(c.loanId) : undefined;
    if (!open && !byId?.open) {
      out.push({
        kind: 'copyWithoutLoan',
        sheet: 'copies',
        row: c.row,
        params: { inventory: String(c.inventory).trim(), reader: c.reader },
      });
    }
  }
  // The readers' "On loan" records against the Copies sheet.
  for (const r of f.readers) {
    if (r.holdings === undefined) continue;
    const derived = f.derivedHoldings.get(codeKey(r.code)) ?? [];
    if (r.holdings === null) {
      out.push({ kind: 'holdingsUnreadable', sheet: 'readers', row: r.row, params: { name: r.name } });
    } else if (!sameHoldings(r.holdings, derived)) {
      out.push({
        kind: 'holdingsDiffer',
        sheet: 'readers',
        row: r.row,
        params: { name: r.name, recorded: r.holdings.length, copies: derived.length },
      });
    }
  }
  return out.sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row));
}

/** Classes whose names a pupil uses but the Classes sheet lacks (one per spelling key). */
export function unknownClasses(problems: Problem[]): string[] {
  const names = new Map<string, string>();
  for (const p of problems)
    if (p.kind === 'classUnknown') names.set(classKey(String(p.params.class)), String(p.params.class));
  return [...names.values()];
}
