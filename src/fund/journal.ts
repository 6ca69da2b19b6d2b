/**
 * Nothing half-made. A fund change touches several sheets (a delivery: Receipts, Catalogue, Copies; an
 * act: Acts and Copies), and Apps Script can stop an execution between two writes. So every change
 * first writes its register rows marked "being written" (they say everything the change will do),
 * then the other sheets, then the Log, and last marks its rows done. An execution stopped anywhere
 * leaves either nothing or rows marked "being written"; the next fund action (and the КСУ, which
 * reports them until then) finds those rows with one search and completes what they say — it never
 * writes a copy twice, because it looks first for what is already there.
 */
import { codeKey, literalPattern } from '../domain/codes';
import { allLanguages } from '../messages';
import { enumKey } from '../schema';
import type { Cell, RowValues, Table } from '../sheets/table';
import { cellText, type Fund, labelsPattern } from './fund';

/** Sheet rows whose status column holds one of these codes' labels (one search). */
export function rowsWithStatus(table: Table, e: 'arrivalStatus' | 'actStatus', codes: string[]): number[] {
  if (!table.has('status')) return [];
  const labels = codes.flatMap((c) => allLanguages(enumKey(e, c)));
  return table.search('status', labelsPattern(labels));
}

/** Rows of a register holding `value` in `key` (one search and the rows read). */
export function rowsOf(table: Table, key: string, value: string): Array<{ rowNumber: number; row: Cell[] }> {
  const found = table.search(key, `^\\s*${literalPattern(value.trim()).replace(/\s+/g, '\\s*')}\\s*$`);
  if (found.length === 0) return [];
  const { rows } = table.readRowsAt(found, 6, 100_000);
  return [...rows.entries()]
    .filter(([, row]) => codeKey(table.get(row, key)) === codeKey(value))
    .map(([rowNumber, row]) => ({ rowNumber, row }));
}

/**
 * The inventory numbers a receipt line names: "000120–000129" (a run), "T7M-031–T7M-040", a list
 * "000120, 000125" (an opening balance), or one number.
 */
export function expandInventory(label: string): string[] {
  const s = label.trim();
  if (s === '') return [];
  if (s.includes(','))
    return s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const parts = s.split('–');
  if (parts.length !== 2) return [s];
  const a = /^(.*?)(\d+)$/.exec(parts[0].trim());
  const b = /^(.*?)(\d+)$/.exec(parts[1].trim());
  if (!a || !b || a[1] !== b[1]) return [s];
  const from = Number(a[2]);
  const to = Number(b[2]);
  if (!(to >= from) || to - from > 100_000) return [s];
  const width = a[2].length;
  return Array.from({ length: to - from + 1 }, (_, i) => `${a[1]}${String(from + i).padStart(width, '0')}`);
}

export interface Completed {
  records: string[];
  acts: string[];
  cancelled: string[];
}

/** Completes every change an interrupted execution left "being written". Under the document lock. */
export function completeInterrupted(fund: Fund): Completed {
  const done: Completed = { records: [], acts: [], cancelled: [] };
  const arrivals = fund.table('arrivals');
  const pending = rowsWithStatus(arrivals, 'arrivalStatus', ['recording']);
  if (pending.length > 0) {
    const { rows } = arrivals.readRowsAt(pending, 6, 100_000);
    const byRecord = new Map<string, Array<{ rowNumber: number; row: Cell[] }>>();
    for (const [rowNumber, row] of rows) {
      const record = cellText(arrivals, row, 'record');
      byRecord.set(record, [...(byRecord.get(record) ?? []), { rowNumber, row }]);
    }
    for (const [record, lines] of byRecord) {
      completeReceipt(fund, record, lines);
      done.records.push(record);
    }
  }
  const acts = fund.table('acts');
  const open = rowsWithStatus(acts, 'actStatus', ['recording', 'cancelling']);
  if (open.length > 0) {
    const { rows } = acts.readRowsAt(open, 6, 100_000);
    const byAct = new Map<string, Array<{ rowNumber: number; row: Cell[] }>>();
    for (const [rowNumber, row] of rows) {
      const act = cellText(acts, row, 'act');
      byAct.set(act, [...(byAct.get(act) ?? []), { rowNumber, row }]);
    }
    for (const [act, items] of byAct) {
      const cancelling = fund.code('actStatus', acts.get(items[0].row, 'status')) === 'cancelling';
      finishAct(fund, act, items, cancelling ? 'cancelled' : 'draft');
      (cancelling ? done.cancelled : done.acts).push(act);
    }
  }
  return done;
}

/** True for the lines of the opening balance (their copies were in the fund before the record). */
export function isBalanceLine(fund: Fund, source: string): boolean {
  return allLanguages('fund.balance.source').some((l) => codeKey(l) === codeKey(source)) && !!fund;
}

export interface ReceiptOptions {
  /** Writes the Log row of a completed interruption (a new delivery writes its own). */
  log?: boolean;
  /** Runs after the copies are written and before the lines are marked recorded (the Log). */
  beforeDone?: () => void;
}

/** The rest of a receipt: its new catalogue entries, its copies, then its lines marked recorded. */
export function completeReceipt(
  fund: Fund,
  record: string,
  lines: Array<{ rowNumber: number; row: Cell[] }>,
  opts: ReceiptOptions = { log: true },
): void {
  const arrivals = fund.table('arrivals');
  const titles = fund.table('titles').require('titleId', 'kind');
  const copies = fund.table('copies').require('inventory', 'titleId', 'status', 'arrival');
  const text = (row: Cell[], k: string) => cellText(arrivals, row, k);
  const balance = isBalanceLine(fund, text(lines[0].row, 'source'));
  if (balance) {
    // The opening balance names copies already in the fund: they are given the record, nothing else.
    const { byInventory, all } = fund.copyRows('arrival');
    const edits = new Map<number, RowValues>();
    for (const l of lines) {
      for (const inventory of expandInventory(text(l.row, 'inventory'))) {
        const c = byInventory.get(codeKey(inventory));
        if (c && !cellText(copies, c.row, 'arrival')) edits.set(c.rowNumber, { arrival: record });
      }
    }
    if (edits.size > 0) copies.writeRowsAt(['arrival'], edits, all);
  } else {
    // Catalogue entries the delivery brought and the catalogue lacks.
    const known = new Set(fund.titles().keys());
    const newTitles: RowValues[] = [];
    for (const l of lines) {
      const id = text(l.row, 'titleId');
      if (!id || known.has(codeKey(id))) continue;
      known.add(codeKey(id));
      newTitles.push({
        titleId: id,
        kind: arrivals.get(l.row, 'kind'),
        author: text(l.row, 'author'),
        title: text(l.row, 'title'),
        year: arrivals.get(l.row, 'year'),
        isbn: text(l.row, 'isbn'),
        publisher: text(l.row, 'publisher'),
        grade: arrivals.get(l.row, 'grade'),
        subject: text(l.row, 'subject'),
        language: text(l.row, 'language'),
        price: arrivals.get(l.row, 'price'),
      });
    }
    if (newTitles.length > 0) titles.append(newTitles.map((r) => onlyKnown(titles, r)));
    // Copies the delivery brought: those the Copies sheet already has (one search) are not written again.
    const have = new Set(rowsOf(copies, 'arrival', record).map((c) => codeKey(copies.get(c.row, 'inventory'))));
    const missing: RowValues[] = [];
    const date = arrivals.get(lines[0].row, 'date');
    const source = fund.t('fund.arrival.copySource', {
      record,
      source: text(lines[0].row, 'source'),
      document: text(lines[0].row, 'document'),
    });
    for (const l of lines) {
      const titleId = text(l.row, 'titleId');
      for (const inventory of expandInventory(text(l.row, 'inventory'))) {
        if (have.has(codeKey(inventory))) continue;
        missing.push({
          inventory,
          titleId,
          status: fund.label('copyStatus', 'available'),
          condition: fund.label('condition', 'new'),
          received: date,
          source,
          price: arrivals.get(l.row, 'price'),
          arrival: record,
          location: text(l.row, 'location') || undefined,
        });
      }
    }
    if (missing.length > 0) copies.append(missing.map((r) => onlyKnown(copies, r)));
  }
  if (opts.log) fund.log('arrivalCompleted', fund.t('log.arrivalCompleted.details', { record }));
  opts.beforeDone?.();
  arrivals.updateMany(
    lines.map((l) => ({ rowNumber: l.rowNumber, changes: { status: fund.label('arrivalStatus', 'recorded') } })),
  );
}

/** An act's copies marked (or, cancelling, restored), then its rows given their new status. */
export function finishAct(
  fund: Fund,
  act: string,
  items: Array<{ rowNumber: number; row: Cell[] }>,
  to: 'draft' | 'cancelled',
  opts: { log?: boolean; beforeDone?: () => void } = { log: true },
): void {
  const acts = fund.table('acts');
  const { table: copies, byInventory, all } = fund.copyRows('status', 'writeOffAct', 'withdrawn');
  const withWithdrawn = copies.has('withdrawn');
  const edits = new Map<number, RowValues>();
  items.forEach((item) => {
    const copy = byInventory.get(codeKey(cellText(acts, item.row, 'inventory')));
    if (!copy) return;
    const current = codeKey(copies.get(copy.row, 'writeOffAct'));
    if (to === 'draft') {
      if (current === codeKey(act)) return;
      const day = fund.day(acts.get(item.row, 'date'));
      const withdrawn = withWithdrawn ? { withdrawn: day ? fund.date(day) : '' } : {};
      edits.set(copy.rowNumber, { status: fund.label('copyStatus', 'writtenOff'), writeOffAct: act, ...withdrawn });
    } else {
      if (current !== codeKey(act)) return;
      const previous = fund.code('copyStatus', acts.get(item.row, 'previous')) ?? 'available';
      const withdrawn = withWithdrawn ? { withdrawn: '' } : {};
      edits.set(copy.rowNumber, { status: fund.label('copyStatus', previous), writeOffAct: '', ...withdrawn });
    }
  });
  const keys = withWithdrawn ? ['status', 'writeOffAct', 'withdrawn'] : ['status', 'writeOffAct'];
  if (edits.size > 0) copies.writeRowsAt(keys, edits, all);
  if (opts.log) fund.log('actCompleted', fund.t('log.actCompleted.details', { act }));
  opts.beforeDone?.();
  acts.updateMany(items.map((i) => ({ rowNumber: i.rowNumber, changes: { status: fund.label('actStatus', to) } })));
}

/** A row with only the columns the sheet has (an older sheet may lack a new column). */
export function onlyKnown(table: Table, row: RowValues): RowValues {
  return Object.fromEntries(Object.entries(row).filter(([k]) => table.has(k)));
}
