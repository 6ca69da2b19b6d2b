/**
 * The fund's books as sheets: the summary accounting book (КСУ) of a year, from the Receipts and Acts
 * registers, checked against the Copies sheet (src/domain/ksu.ts); and the inventory book, a line per
 * copy (textbooks kept by group: a line per title and receipt). Each reads the sheets it needs once
 * and rewrites its generated sheet in one write.
 */
import type { Kind } from '../domain/circulation';
import { codeKey } from '../domain/codes';
import { rangeLabel } from '../domain/inventory-numbers';
import {
  type ActLine,
  type ByKind,
  buildKsu,
  type Difference,
  KINDS,
  type KsuBook,
  type ReceiptLine,
  total,
} from '../domain/ksu';
import { showMoney, toTenge, toTiyn } from '../domain/money';
import { LibraryError } from '../errors';
import type { MessageKey } from '../messages';
import type { SheetKey } from '../schema';
import type { RowValues } from '../sheets/table';
import { bookLabel, cellText, type Fund } from './fund';

/** Rewrites a generated sheet's rows below its header: one clear, one write. */
function rewrite(fund: Fund, key: SheetKey, rows: RowValues[]): void {
  const table = fund.table(key);
  const sheet = table.sheet;
  const last = sheet.getLastRow();
  if (last > 1 && table.width > 0) sheet.getRange(2, 1, last - 1, table.width).clearContent();
  if (rows.length > 0) table.append(rows);
}

function tally(b: ByKind): RowValues {
  const all = total(b);
  const main = total(b, 'main');
  const out: RowValues = {
    copies: all.copies,
    sum: toTenge(all.sum),
    mainCopies: main.copies,
    mainSum: toTenge(main.sum),
  };
  for (const k of KINDS) {
    out[`${k}Copies`] = b[k].copies;
    out[`${k}Sum`] = toTenge(b[k].sum);
  }
  return out;
}

/** The registers and the Copies sheet as the КСУ reads them. */
export function ksuOf(fund: Fund, year: number): KsuBook {
  const arrivals = fund.table('arrivals').require('record', 'date', 'kind', 'copies', 'sum', 'status');
  const receipts: ReceiptLine[] = [];
  for (const row of arrivals.readColumns('record', 'date', 'source', 'document', 'kind', 'copies', 'sum', 'status')
    .rows) {
    const record = cellText(arrivals, row, 'record');
    const date = fund.day(arrivals.get(row, 'date'));
    if (!record || !date) continue;
    receipts.push({
      record,
      date,
      source: cellText(arrivals, row, 'source'),
      document: cellText(arrivals, row, 'document'),
      kind: fund.code('kind', arrivals.get(row, 'kind')) ?? 'fiction',
      copies: Number(arrivals.get(row, 'copies')) || 0,
      sum: toTiyn(arrivals.get(row, 'sum')),
      recorded: fund.code('arrivalStatus', arrivals.get(row, 'status')) !== 'recording',
    });
  }
  const actsTable = fund.table('acts').require('act', 'date', 'status', 'kind', 'price', 'reason', 'inventory');
  const acts: ActLine[] = [];
  for (const row of actsTable.readColumns('act', 'date', 'status', 'inventory', 'kind', 'price', 'reason').rows) {
    const act = cellText(actsTable, row, 'act');
    const date = fund.day(actsTable.get(row, 'date'));
    if (!act || !date) continue;
    acts.push({
      act,
      date,
      status: fund.code('actStatus', actsTable.get(row, 'status')) ?? 'draft',
      kind: fund.code('kind', actsTable.get(row, 'kind')) ?? 'fiction',
      reason: fund.label('writeOffReason', fund.code('writeOffReason', actsTable.get(row, 'reason')) ?? 'worn'),
      price: toTiyn(actsTable.get(row, 'price')),
      inventory: cellText(actsTable, row, 'inventory'),
    });
  }
  const { table: copies, byInventory } = fund.copyRows(
    'titleId',
    'status',
    'received',
    'price',
    'writeOffAct',
    'arrival',
  );
  const titles = fund.titles();
  const facts = [...byInventory.values()].map(({ row }) => ({
    inventory: cellText(copies, row, 'inventory'),
    kind: (titles.get(codeKey(cellText(copies, row, 'titleId')))?.kind ?? 'fiction') as Kind,
    price: toTiyn(copies.get(row, 'price')),
    received: fund.day(copies.get(row, 'received')),
    arrival: cellText(copies, row, 'arrival'),
    act: cellText(copies, row, 'writeOffAct'),
    writtenOff: fund.code('copyStatus', copies.get(row, 'status')) === 'writtenOff',
  }));
  return buildKsu(year, receipts, acts, facts);
}

/** A difference as the librarian reads it. */
export function differenceText(fund: Fund, d: Difference, book: KsuBook): string {
  const m = (t: { copies: number; sum: number }, p: string) => ({
    [`${p}Copies`]: t.copies,
    [`${p}Sum`]: showMoney(t.sum),
  });
  switch (d.kind) {
    case 'record':
      return fund.t('fund.ksu.diff.record', { record: d.record, ...m(d.book, 'book'), ...m(d.copies, 'sheet') });
    case 'act':
      return fund.t('fund.ksu.diff.act', { act: d.act, ...m(d.book, 'book'), ...m(d.copies, 'sheet') });
    case 'held':
      return fund.t('fund.ksu.diff.held', {
        kind: fund.label('kind', d.fundKind),
        date: fund.show(book.end),
        ...m(d.book, 'book'),
        ...m(d.copies, 'sheet'),
      });
    case 'noRecord':
      return fund.t('fund.ksu.diff.noRecord', { count: d.count, sum: showMoney(d.sum), sample: d.sample.join(', ') });
    case 'unknownRecord':
      return fund.t('fund.ksu.diff.unknownRecord', { record: d.record, count: d.count, sample: d.sample.join(', ') });
    case 'unknownAct':
      return fund.t('fund.ksu.diff.unknownAct', { act: d.act, count: d.count, sample: d.sample.join(', ') });
    case 'interrupted':
      return fund.t('fund.ksu.diff.interrupted', { what: d.what });
  }
}

/** Rebuilds the Summary accounting book sheet for `year` and says whether it agrees with the Copies sheet. */
export function writeKsu(fund: Fund, yearTyped: unknown): { message: string; year: number; differences: string[] } {
  const year = Number(String(yearTyped ?? '').trim() || fund.today.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2200)
    throw new LibraryError('fund.error.badYear', { year: String(yearTyped).slice(0, 10) });
  const book = ksuOf(fund, year);
  const part = (k: MessageKey) => fund.t(k);
  const rows: RowValues[] = [];
  const p1 = part('fund.ksu.part1');
  for (const r of book.receipts) {
    rows.push({
      part: p1,
      line: r.record,
      date: fund.date(r.date),
      source: r.source,
      document: r.document,
      ...tally(r.byKind),
    });
  }
  rows.push({ part: p1, line: fund.t('fund.ksu.totalYear', { year }), ...tally(book.totals.received) });
  const p2 = part('fund.ksu.part2');
  for (const w of book.withdrawals) {
    rows.push({
      part: p2,
      line: w.act,
      date: fund.date(w.date),
      source: w.reason,
      document: fund.t(w.approved ? 'fund.ksu.actApproved' : 'fund.ksu.actDraft', { act: w.act }),
      ...tally(w.byKind),
    });
  }
  rows.push({ part: p2, line: fund.t('fund.ksu.totalYear', { year }), ...tally(book.totals.withdrawn) });
  const p3 = part('fund.ksu.part3');
  rows.push({
    part: p3,
    line: fund.t('fund.ksu.heldStart', { date: fund.show(book.start) }),
    ...tally(book.totals.start),
  });
  rows.push({ part: p3, line: fund.t('fund.ksu.received', { year }), ...tally(book.totals.received) });
  rows.push({ part: p3, line: fund.t('fund.ksu.withdrawn', { year }), ...tally(book.totals.withdrawn) });
  rows.push({ part: p3, line: fund.t('fund.ksu.heldEnd', { date: fund.show(book.end) }), ...tally(book.totals.end) });
  const p4 = part('fund.ksu.check');
  rows.push({ part: p4, line: fund.t('fund.ksu.copiesHeld', { date: fund.show(book.end) }), ...tally(book.copiesEnd) });
  const differences = book.differences.map((d) => differenceText(fund, d, book));
  if (differences.length === 0) rows.push({ part: p4, source: fund.t('fund.ksu.agrees') });
  for (const text of differences) rows.push({ part: p4, line: fund.t('fund.ksu.difference'), source: text });
  rewrite(fund, 'ksu', rows);
  const message =
    differences.length === 0
      ? fund.t('fund.ksu.done', { year })
      : fund.t('fund.ksu.doneDifferences', { year, count: differences.length, first: differences[0] });
  return { message, year, differences };
}

/** Rebuilds the Inventory book sheet: a line per copy, by inventory number. */
export function writeInventoryBook(fund: Fund): { message: string; lines: number } {
  const { table: copies, byInventory } = fund.copyRows(
    'titleId',
    'received',
    'source',
    'price',
    'writeOffAct',
    'arrival',
    'status',
  );
  const titles = fund.titles();
  const arrivals = fund.table('arrivals');
  const records = new Map<string, string>();
  for (const row of arrivals.readColumns('record', 'date', 'source', 'document').rows) {
    const r = cellText(arrivals, row, 'record');
    if (r && !records.has(codeKey(r))) {
      records.set(
        codeKey(r),
        fund.t('fund.book.receipt', {
          record: r,
          source: cellText(arrivals, row, 'source'),
          document: cellText(arrivals, row, 'document'),
        }),
      );
    }
  }
  const acts = fund.table('acts');
  const actDates = new Map<string, string>();
  for (const row of acts.readColumns('act', 'date', 'status').rows) {
    const status = fund.code('actStatus', acts.get(row, 'status'));
    if (status === 'cancelled') continue;
    actDates.set(codeKey(acts.get(row, 'act')), fund.show(fund.day(acts.get(row, 'date'))));
  }
  const groups = new Map<string, { inventories: string[]; row: RowValues }>();
  const lines: Array<{ sortKey: string; row: RowValues }> = [];
  for (const { row } of byInventory.values()) {
    const inventory = cellText(copies, row, 'inventory');
    const titleId = cellText(copies, row, 'titleId');
    const title = titles.get(codeKey(titleId));
    const record = cellText(copies, row, 'arrival');
    const act = cellText(copies, row, 'writeOffAct');
    const written = fund.code('copyStatus', copies.get(row, 'status')) === 'writtenOff';
    const line: RowValues = {
      inventory,
      date: copies.get(row, 'received'),
      title: bookLabel(title, titleId),
      year: title?.year ?? '',
      price: copies.get(row, 'price'),
      copies: 1,
      source: (record && records.get(codeKey(record))) || cellText(copies, row, 'source'),
      act: written
        ? act
          ? fund.t('fund.book.act', { act, date: actDates.get(codeKey(act)) ?? '' })
          : fund.label('copyStatus', 'writtenOff')
        : '',
    };
    // A textbook kept by group (its code is its title's and a count) is a line per title and receipt.
    if (title?.kind === 'textbook' && codeKey(inventory).startsWith(`${codeKey(titleId)}-`) && !written) {
      const k = `${codeKey(titleId)}\u0000${codeKey(record)}`;
      const g = groups.get(k) ?? { inventories: [], row: line };
      g.inventories.push(inventory);
      groups.set(k, g);
      continue;
    }
    lines.push({ sortKey: inventory, row: line });
  }
  for (const g of groups.values()) {
    g.inventories.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    lines.push({
      sortKey: g.inventories[0],
      row: { ...g.row, inventory: rangeLabel(g.inventories), copies: g.inventories.length },
    });
  }
  lines.sort((a, b) => a.sortKey.localeCompare(b.sortKey, undefined, { numeric: true }));
  rewrite(
    fund,
    'inventoryBook',
    lines.map((l) => l.row),
  );
  return { message: fund.t('fund.book.done', { lines: lines.length }), lines: lines.length };
}
