/**
 * The summary accounting book (КСУ) of a year, from the registers: part 1 the receipts (a line per
 * receipt record), part 2 the withdrawals (a line per act and reason), part 3 the running totals
 * (held at the start, received, withdrawn, held at the end), each in copies and sum, by kind, the
 * textbooks apart. Then the book is checked against the Copies sheet, counted on its own: every
 * receipt record against the copies that carry it, every act against the copies it wrote off, and
 * the fund held at the year's end. A difference is listed; the book's figures are never adjusted to
 * hide it. Pure: sums are in tiyn.
 */
import type { DayKey } from '../dates';
import type { Kind } from './circulation';
import { codeKey } from './codes';

export const KINDS: readonly Kind[] = ['textbook', 'fiction', 'reference', 'methodical', 'periodical'];

export interface Tally {
  copies: number;
  sum: number;
}
export type ByKind = Record<Kind, Tally>;

export function emptyByKind(): ByKind {
  return Object.fromEntries(KINDS.map((k) => [k, { copies: 0, sum: 0 }])) as ByKind;
}

export function addTo(t: ByKind, kind: Kind, copies: number, sum: number): void {
  t[kind].copies += copies;
  t[kind].sum += sum;
}

export function total(t: ByKind, which: 'all' | 'main' = 'all'): Tally {
  const out = { copies: 0, sum: 0 };
  for (const k of KINDS) {
    if (which === 'main' && k === 'textbook') continue;
    out.copies += t[k].copies;
    out.sum += t[k].sum;
  }
  return out;
}

function combine(a: ByKind, b: ByKind, sign: 1 | -1): ByKind {
  const out = emptyByKind();
  for (const k of KINDS) {
    out[k].copies = a[k].copies + sign * b[k].copies;
    out[k].sum = a[k].sum + sign * b[k].sum;
  }
  return out;
}

/** A line of the Receipts sheet. */
export interface ReceiptLine {
  record: string;
  date: DayKey;
  source: string;
  document: string;
  kind: Kind;
  copies: number;
  sum: number;
  /** False while an interrupted delivery waits to be completed. */
  recorded: boolean;
}

/** A line of the Acts sheet: one copy written off. */
export interface ActLine {
  act: string;
  date: DayKey;
  status: 'recording' | 'draft' | 'approved' | 'cancelling' | 'cancelled';
  kind: Kind;
  reason: string;
  price: number;
  inventory: string;
}

/** A row of the Copies sheet, as the check counts it. */
export interface CopyFact {
  inventory: string;
  kind: Kind;
  price: number;
  received: DayKey | null;
  arrival: string;
  act: string;
  writtenOff: boolean;
}

export type Difference =
  | { kind: 'record'; record: string; book: Tally; copies: Tally }
  | { kind: 'act'; act: string; book: Tally; copies: Tally }
  | { kind: 'held'; fundKind: Kind; book: Tally; copies: Tally }
  | { kind: 'noRecord'; count: number; sum: number; sample: string[] }
  | { kind: 'unknownRecord'; record: string; count: number; sample: string[] }
  | { kind: 'unknownAct'; act: string; count: number; sample: string[] }
  | { kind: 'interrupted'; what: string };

export interface KsuBook {
  year: number;
  start: DayKey;
  end: DayKey;
  receipts: Array<{ record: string; date: DayKey; source: string; document: string; byKind: ByKind }>;
  withdrawals: Array<{ act: string; date: DayKey; reason: string; approved: boolean; byKind: ByKind }>;
  totals: { start: ByKind; received: ByKind; withdrawn: ByKind; end: ByKind };
  /** The fund at the year's end as the Copies sheet holds it. */
  copiesEnd: ByKind;
  differences: Difference[];
}

const key = (s: unknown) => codeKey(s);
/** Acts whose copies stand written off: drafts and approved ones. */
const counts = (status: ActLine['status']) => status === 'draft' || status === 'approved';
const SAMPLE = 10;

export function buildKsu(
  year: number,
  receipts: readonly ReceiptLine[],
  acts: readonly ActLine[],
  copies: readonly CopyFact[],
): KsuBook {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const differences: Difference[] = [];
  const before = emptyByKind();
  const received = emptyByKind();
  const withdrawnBefore = emptyByKind();
  const withdrawn = emptyByKind();

  // Part 1 and the receipts of part 3.
  const records = new Map<string, { record: string; date: DayKey; source: string; document: string; byKind: ByKind }>();
  const interrupted = new Set<string>();
  const unfinishedRecords = new Set<string>();
  for (const line of receipts) {
    if (!line.recorded) {
      interrupted.add(`№ ${line.record}`);
      unfinishedRecords.add(key(line.record));
      continue;
    }
    let r = records.get(key(line.record));
    if (!r) {
      r = { record: line.record, date: line.date, source: line.source, document: line.document, byKind: emptyByKind() };
      records.set(key(line.record), r);
    }
    addTo(r.byKind, line.kind, line.copies, line.sum);
    if (line.date < start) addTo(before, line.kind, line.copies, line.sum);
    else if (line.date <= end) addTo(received, line.kind, line.copies, line.sum);
  }
  const part1 = [...records.values()]
    .filter((r) => r.date >= start && r.date <= end)
    .sort((a, b) => a.date.localeCompare(b.date) || a.record.localeCompare(b.record, undefined, { numeric: true }));

  // Part 2 and the withdrawals of part 3.
  const actTotals = new Map<string, { act: string; date: DayKey; byKind: ByKind }>();
  const part2 = new Map<string, KsuBook['withdrawals'][number]>();
  for (const line of acts) {
    if (line.status === 'recording' || line.status === 'cancelling') interrupted.add(line.act);
    if (!counts(line.status)) continue;
    let a = actTotals.get(key(line.act));
    if (!a) {
      a = { act: line.act, date: line.date, byKind: emptyByKind() };
      actTotals.set(key(line.act), a);
    }
    addTo(a.byKind, line.kind, 1, line.price);
    if (line.date < start) addTo(withdrawnBefore, line.kind, 1, line.price);
    else if (line.date <= end) {
      addTo(withdrawn, line.kind, 1, line.price);
      const k = `${key(line.act)}\u0000${line.reason}`;
      let w = part2.get(k);
      if (!w) {
        w = {
          act: line.act,
          date: line.date,
          reason: line.reason,
          approved: line.status === 'approved',
          byKind: emptyByKind(),
        };
        part2.set(k, w);
      }
      addTo(w.byKind, line.kind, 1, line.price);
    }
  }
  const withdrawals = [...part2.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.act.localeCompare(b.act, undefined, { numeric: true }),
  );
  for (const what of interrupted) differences.push({ kind: 'interrupted', what });

  const startTotals = combine(before, withdrawnBefore, -1);
  const endTotals = combine(combine(startTotals, received, 1), withdrawn, -1);

  // The Copies sheet, counted on its own.
  const recordDate = new Map([...records.values()].map((r) => [key(r.record), r.date]));
  const actDate = new Map([...actTotals.values()].map((a) => [key(a.act), a.date]));
  const copiesEnd = emptyByKind();
  const byRecord = new Map<string, { copies: number; sum: number; sample: string[] }>();
  const byAct = new Map<string, { copies: number; sum: number; sample: string[] }>();
  const noRecord = { count: 0, sum: 0, sample: [] as string[] };
  const bump = (m: Map<string, { copies: number; sum: number; sample: string[] }>, k: string, c: CopyFact) => {
    let x = m.get(k);
    if (!x) {
      x = { copies: 0, sum: 0, sample: [] };
      m.set(k, x);
    }
    x.copies += 1;
    x.sum += c.price;
    if (x.sample.length < SAMPLE) x.sample.push(c.inventory);
  };
  for (const c of copies) {
    if (c.arrival) bump(byRecord, key(c.arrival), c);
    else if (!c.writtenOff) {
      noRecord.count += 1;
      noRecord.sum += c.price;
      if (noRecord.sample.length < SAMPLE) noRecord.sample.push(c.inventory);
    }
    if (c.writtenOff && c.act) bump(byAct, key(c.act), c);
    const came = c.received ?? (c.arrival ? (recordDate.get(key(c.arrival)) ?? null) : null);
    const wentOn = c.writtenOff ? (c.act ? (actDate.get(key(c.act)) ?? null) : '') : null;
    // Written off by hand, with no act: gone since before the books (the opening balance left it out).
    const gone = wentOn !== null && (wentOn === '' || wentOn <= end);
    if ((came === null || came <= end) && !gone) addTo(copiesEnd, c.kind, 1, c.price);
  }

  for (const [k, r] of records) {
    const book = total(r.byKind);
    const found = byRecord.get(k) ?? { copies: 0, sum: 0, sample: [] };
    if (book.copies !== found.copies || book.sum !== found.sum)
      differences.push({ kind: 'record', record: r.record, book, copies: { copies: found.copies, sum: found.sum } });
  }
  for (const [k, x] of byRecord) {
    if (!records.has(k) && !unfinishedRecords.has(k))
      differences.push({ kind: 'unknownRecord', record: k, count: x.copies, sample: x.sample });
  }
  for (const [k, a] of actTotals) {
    const book = total(a.byKind);
    const found = byAct.get(k) ?? { copies: 0, sum: 0, sample: [] };
    if (book.copies !== found.copies || book.sum !== found.sum)
      differences.push({ kind: 'act', act: a.act, book, copies: { copies: found.copies, sum: found.sum } });
  }
  for (const [k, x] of byAct) {
    if (!actTotals.has(k)) differences.push({ kind: 'unknownAct', act: k, count: x.copies, sample: x.sample });
  }
  if (noRecord.count > 0) differences.push({ kind: 'noRecord', ...noRecord });
  for (const k of KINDS) {
    const b = endTotals[k];
    const c = copiesEnd[k];
    if (b.copies !== c.copies || b.sum !== c.sum) differences.push({ kind: 'held', fundKind: k, book: b, copies: c });
  }

  return {
    year,
    start,
    end,
    receipts: part1,
    withdrawals,
    totals: { start: startTotals, received, withdrawn, end: endTotals },
    copiesEnd,
    differences,
  };
}
