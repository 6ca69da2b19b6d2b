/**
 * Stocktakes. Opening one freezes the list of expected copies (neither written off nor lost) on the
 * Stocktake list sheet, one row each; every scan marks its row found (or found in another section, by
 * the copy's location) under the document lock, or adds a row for a code the list does not hold. So
 * the stocktake lives on the sheets: it survives closing the sheet, days of scanning and two
 * librarians scanning at once. Where the open stocktake's rows begin is kept in the document
 * properties, so a scan is one search on the list, one read and one write, whatever the fund's size.
 * Closing marks every row not scanned on loan (at the opening or now) or missing, and counts.
 */
import { codeKey, codeSearchPattern, echo, MAX_CODE_LENGTH, pickCode } from '../domain/codes';
import { LibraryError } from '../errors';
import { allLanguages, normalise } from '../messages';
import { enumKey } from '../schema';
import type { Cell, RowValues } from '../sheets/table';
import { bookLabel, cellText, type Fund, labelsPattern } from './fund';
import { onlyKnown } from './journal';

const POINTER = 'library.fund.openStocktake';

interface Pointer {
  id: string;
  /** The sheet row of the stocktake's first list row: its rows are this one and every row below. */
  first: number;
}

function props() {
  return PropertiesService.getDocumentProperties();
}

/** The open stocktake: from the document properties (one call), else from the Stocktakes sheet. */
export function openStocktakeOf(fund: Fund): Pointer | null {
  const saved = props().getProperty(POINTER);
  if (saved) {
    try {
      const p = JSON.parse(saved) as Pointer;
      if (p && typeof p.id === 'string' && Number.isInteger(p.first)) return p;
    } catch {
      // A damaged pointer is rebuilt from the sheets below.
    }
  }
  const register = fund.table('stocktakes');
  const open = register.search('status', labelsPattern(allLanguages(enumKey('stocktakeStatus', 'open'))));
  if (open.length === 0) return null;
  const id = cellText(register, register.readRow(open[open.length - 1]), 'stocktake');
  const rows = fund.table('stocktakeList').search('stocktake', labelsPattern([id]));
  if (rows.length === 0) return null;
  const pointer = { id, first: rows[0] };
  props().setProperty(POINTER, JSON.stringify(pointer));
  return pointer;
}

export interface StocktakeReply {
  message: string;
  id: string;
  expected?: number;
  onLoan?: number;
}

/** Opens a stocktake: the list of expected copies frozen on the sheet (under the document lock). */
export function openStocktake(fund: Fund): StocktakeReply {
  const current = openStocktakeOf(fund);
  if (current) throw new LibraryError('fund.error.stocktakeOpen', { id: current.id });
  const list = fund
    .table('stocktakeList')
    .require('stocktake', 'inventory', 'result', 'scanned', 'scannedBy', 'scannedIn');
  const register = fund.table('stocktakes').require('stocktake', 'opened', 'status', 'expected');
  fund.table('log').require('time', 'user', 'action', 'details');
  const { table: copies, byInventory } = fund.copyRows('titleId', 'status', 'reader', 'location');
  const titles = fund.titles();
  const year = fund.today.slice(0, 4);
  let n = 0;
  for (const row of register.readColumns('stocktake').rows) {
    const m = /^(\d{4})-(\d+)$/.exec(cellText(register, row, 'stocktake'));
    if (m && m[1] === year) n = Math.max(n, Number(m[2]));
  }
  // A list an interrupted opening left behind (no register row) keeps its number: it is not reused.
  while (list.search('stocktake', labelsPattern([`${year}-${n + 1}`])).length > 0) n++;
  const id = `${year}-${n + 1}`;
  const rows: RowValues[] = [];
  let onLoan = 0;
  for (const { row } of byInventory.values()) {
    const status = fund.code('copyStatus', copies.get(row, 'status')) ?? 'available';
    const lent = status === 'onLoan' || cellText(copies, row, 'reader') !== '';
    if (!lent && status !== 'available') continue;
    if (lent) onLoan++;
    const titleId = cellText(copies, row, 'titleId');
    rows.push({
      stocktake: id,
      inventory: cellText(copies, row, 'inventory'),
      titleId,
      title: bookLabel(titles.get(codeKey(titleId)), titleId),
      location: cellText(copies, row, 'location'),
      expected: fund.label('copyStatus', lent ? 'onLoan' : 'available'),
    });
  }
  if (rows.length === 0) throw new LibraryError('fund.error.emptyFund');
  const [first] = fund.appendBlock(
    list,
    rows.map((r) => onlyKnown(list, r)),
    'stocktake',
  );
  register.append([
    onlyKnown(register, {
      stocktake: id,
      opened: new Date(),
      status: fund.label('stocktakeStatus', 'open'),
      expected: rows.length,
      librarian: fund.user(),
    }),
  ]);
  props().setProperty(POINTER, JSON.stringify({ id, first }));
  const params = { id, expected: rows.length, onLoan };
  fund.log('stocktakeOpen', fund.t('log.stocktakeOpen.details', params));
  return { message: fund.t('fund.stocktake.opened', params), ...params };
}

export type ScanKind = 'found' | 'misplaced' | 'already' | 'notExpected' | 'unknown';

export interface ScanReply {
  message: string;
  kind: ScanKind;
  inventory: string;
}

/** A scanned code: its row marked found, or a row added for a code the list does not hold. */
export function scanStocktake(fund: Fund, typed: string, section: string): ScanReply {
  const q = String(typed ?? '').trim();
  if (!q) throw new LibraryError('desk.error.empty');
  if (q.length > MAX_CODE_LENGTH) throw new LibraryError('error.codeTooLong', { length: q.length });
  const open = openStocktakeOf(fund);
  if (!open) throw new LibraryError('fund.error.noStocktake');
  const pattern = codeSearchPattern(q);
  if (!pattern) throw new LibraryError('fund.scan.unknown', { code: echo(q) });
  const list = fund.table('stocktakeList');
  const rowNumbers = list.search('inventory', pattern).filter((r) => r >= open.first);
  const found: Array<{ rowNumber: number; row: Cell[] }> = [];
  if (rowNumbers.length === 1) found.push({ rowNumber: rowNumbers[0], row: list.readRow(rowNumbers[0]) });
  else if (rowNumbers.length > 1) {
    for (const [rowNumber, row] of list.readRowsAt(rowNumbers, 3, 2_000).rows) found.push({ rowNumber, row });
  }
  const ours = found.filter((f) => codeKey(list.get(f.row, 'stocktake')) === codeKey(open.id));
  const picked = pickCode(q, ours, (f) => list.get(f.row, 'inventory'));
  if ('ambiguous' in picked) {
    throw new LibraryError('error.ambiguousCode', { typed: q, codes: picked.ambiguous.slice(0, 5).join(', ') });
  }
  const place = String(section ?? '').trim();
  const stamp = { scanned: new Date(), scannedBy: fund.user(), scannedIn: place };
  if ('match' in picked) {
    const { rowNumber, row } = picked.match;
    const inventory = cellText(list, row, 'inventory');
    const title = cellText(list, row, 'title');
    if (cellText(list, row, 'result')) {
      const when = list.get(row, 'scanned');
      return {
        kind: 'already',
        inventory,
        message: fund.t('fund.scan.already', {
          inventory,
          title,
          when: when instanceof Date ? Utilities.formatDate(when, fund.wb.timeZone, 'dd.MM.yyyy HH:mm') : '',
          by: cellText(list, row, 'scannedBy'),
        }),
      };
    }
    const location = cellText(list, row, 'location');
    const misplaced = !!place && !!location && normalise(place) !== normalise(location);
    list.update(rowNumber, { result: fund.label('stocktakeResult', misplaced ? 'misplaced' : 'found'), ...stamp });
    return misplaced
      ? {
          kind: 'misplaced',
          inventory,
          message: fund.t('fund.scan.misplaced', { inventory, title, location, section: place }),
        }
      : { kind: 'found', inventory, message: fund.t('fund.scan.found', { inventory, title }) };
  }
  // Not on the list: a copy written off or lost (found again), or a code the fund does not hold.
  const copies = fund.table('copies').require('inventory', 'titleId', 'status');
  const copy = copies.find('inventory', q);
  if (copy) {
    const inventory = cellText(copies, copy.row, 'inventory');
    const status = fund.code('copyStatus', copies.get(copy.row, 'status')) ?? 'available';
    list.append([
      onlyKnown(list, {
        stocktake: open.id,
        inventory,
        titleId: cellText(copies, copy.row, 'titleId'),
        location: cellText(copies, copy.row, 'location'),
        expected: fund.label('copyStatus', status),
        result: fund.label('stocktakeResult', 'notExpected'),
        ...stamp,
      }),
    ]);
    return {
      kind: 'notExpected',
      inventory,
      message: fund.t('fund.scan.notExpected', { inventory, status: fund.label('copyStatus', status) }),
    };
  }
  list.append([
    onlyKnown(list, {
      stocktake: open.id,
      inventory: echo(q),
      result: fund.label('stocktakeResult', 'unknown'),
      ...stamp,
    }),
  ]);
  return { kind: 'unknown', inventory: echo(q), message: fund.t('fund.scan.unknown', { code: echo(q) }) };
}

export interface StocktakeLists {
  id: string;
  expected: number;
  found: number;
  onLoan: number;
  missing: Array<{ inventory: string; title: string; location: string }>;
  misplaced: Array<{ inventory: string; title: string; location: string; section: string }>;
  unknown: Array<{ code: string; by: string }>;
  notExpected: Array<{ inventory: string; status: string }>;
  notYet: number;
}

/** The rows of the open (or a closed) stocktake, classified: one read of the list from its first row. */
function readStocktake(fund: Fund, id: string, first: number) {
  const list = fund.table('stocktakeList');
  const last = list.sheet.getLastRow();
  const rows = last >= first ? list.readRows(first, last - first + 1) : [];
  return {
    list,
    rows: rows
      .map((row, i) => ({ rowNumber: first + i, row }))
      .filter((r) => codeKey(list.get(r.row, 'stocktake')) === codeKey(id)),
  };
}

function classify(
  fund: Fund,
  id: string,
  rows: Array<{ row: Cell[] }>,
  list: ReturnType<typeof readStocktake>['list'],
  nowOnLoan: (inv: string) => boolean,
): StocktakeLists {
  const out: StocktakeLists = {
    id,
    expected: 0,
    found: 0,
    onLoan: 0,
    missing: [],
    misplaced: [],
    unknown: [],
    notExpected: [],
    notYet: 0,
  };
  for (const { row } of rows) {
    const result = fund.code('stocktakeResult', list.get(row, 'result'));
    const inventory = cellText(list, row, 'inventory');
    const title = cellText(list, row, 'title');
    if (result === 'unknown') out.unknown.push({ code: inventory, by: cellText(list, row, 'scannedBy') });
    else if (result === 'notExpected') out.notExpected.push({ inventory, status: cellText(list, row, 'expected') });
    else {
      out.expected++;
      if (result === 'found') out.found++;
      else if (result === 'misplaced') {
        out.found++;
        out.misplaced.push({
          inventory,
          title,
          location: cellText(list, row, 'location'),
          section: cellText(list, row, 'scannedIn'),
        });
      } else if (result === 'onLoan') out.onLoan++;
      else if (result === 'missing') out.missing.push({ inventory, title, location: cellText(list, row, 'location') });
      else if (fund.code('copyStatus', list.get(row, 'expected')) === 'onLoan' || nowOnLoan(inventory)) out.onLoan++;
      else out.notYet++;
    }
  }
  return out;
}

/** How far the open stocktake has come (a read of its list). */
export function stocktakeProgress(fund: Fund): {
  open: boolean;
  id: string;
  lists: StocktakeLists | null;
  message: string;
} {
  const open = openStocktakeOf(fund);
  if (!open) return { open: false, id: '', lists: null, message: fund.t('fund.error.noStocktake') };
  const { list, rows } = readStocktake(fund, open.id, open.first);
  const lists = classify(fund, open.id, rows, list, () => false);
  return { open: true, id: open.id, lists, message: fund.t('fund.stocktake.progress', progressParams(lists)) };
}

function progressParams(l: StocktakeLists) {
  return {
    id: l.id,
    expected: l.expected,
    found: l.found,
    onLoan: l.onLoan,
    left: l.notYet,
    missing: l.missing.length,
    unknown: l.unknown.length + l.notExpected.length,
    misplaced: l.misplaced.length,
  };
}

/** Closes the open stocktake: every row not scanned is on loan or missing; the counts go to Stocktakes. */
export function closeStocktake(fund: Fund): { message: string; lists: StocktakeLists } {
  const open = openStocktakeOf(fund);
  if (!open) throw new LibraryError('fund.error.noStocktake');
  const register = fund
    .table('stocktakes')
    .require('stocktake', 'closed', 'status', 'found', 'misplaced', 'onLoan', 'missing', 'unknown');
  const { list, rows } = readStocktake(fund, open.id, open.first);
  const { table: copies, byInventory } = fund.copyRows('status', 'reader');
  const lentNow = (inv: string) => {
    const c = byInventory.get(codeKey(inv));
    return (
      !!c &&
      (fund.code('copyStatus', copies.get(c.row, 'status')) === 'onLoan' || cellText(copies, c.row, 'reader') !== '')
    );
  };
  const edits = new Map<number, RowValues>();
  const read = new Map<number, Cell[]>();
  for (const { rowNumber, row } of rows) {
    read.set(rowNumber, row);
    if (cellText(list, row, 'result')) continue;
    const lent =
      fund.code('copyStatus', list.get(row, 'expected')) === 'onLoan' || lentNow(cellText(list, row, 'inventory'));
    edits.set(rowNumber, { result: fund.label('stocktakeResult', lent ? 'onLoan' : 'missing') });
    row[list.index('result')] = fund.label('stocktakeResult', lent ? 'onLoan' : 'missing');
  }
  const lists = classify(fund, open.id, rows, list, lentNow);
  const registerRow = register.search('stocktake', labelsPattern([open.id]));
  // Results first, then the register: a stopped close leaves the stocktake open, to be closed again.
  if (edits.size > 0) list.writeRowsAt(['result'], edits, read);
  const counts = {
    closed: new Date(),
    status: fund.label('stocktakeStatus', 'closed'),
    found: lists.found,
    misplaced: lists.misplaced.length,
    onLoan: lists.onLoan,
    missing: lists.missing.length,
    unknown: lists.unknown.length + lists.notExpected.length,
  };
  if (registerRow.length > 0) register.update(registerRow[registerRow.length - 1], counts);
  const params = progressParams(lists);
  fund.log('stocktakeClose', fund.t('log.stocktakeClose.details', params));
  props().deleteProperty(POINTER);
  return { message: fund.t('fund.stocktake.closed', params), lists };
}

/** The lists of a stocktake (the open one, or the last one closed) for printing. */
export function stocktakeLists(fund: Fund, id: string): StocktakeLists {
  const list = fund.table('stocktakeList').require('stocktake', 'inventory', 'result');
  const rows = list.search('stocktake', labelsPattern([String(id ?? '').trim()]));
  if (rows.length === 0) throw new LibraryError('fund.error.unknownStocktake', { id: echo(id) });
  const { list: l, rows: all } = readStocktake(fund, String(id).trim(), rows[0]);
  return classify(fund, String(id).trim(), all, l, () => false);
}
