/**
 * Write-off acts: the candidates the librarian's filters find, the act itself (a reason per copy, the
 * commission from Settings), its approval, and its cancellation before approval, which restores every
 * copy. Copies are never deleted: they are marked written off with the act's number. A copy on loan,
 * or one already written off, is refused with its number named, and then nothing is written.
 */
import type { DayKey } from '../dates';
import { codeCandidates, codeKey, echo } from '../domain/codes';
import { showMoney, toTiyn } from '../domain/money';
import { type Candidate, candidates, type Filters, type FundCopy, type Reason } from '../domain/write-off';
import { LibraryError } from '../errors';
import { ENUMS } from '../schema';
import type { Cell, RowValues } from '../sheets/table';
import { bookLabel, cellText, type Fund } from './fund';
import { completeInterrupted, finishAct, onlyKnown, rowsOf } from './journal';

export interface CandidateView {
  inventory: string;
  title: string;
  kind: string;
  year: string;
  price: string;
  condition: string;
  status: string;
  reason: Reason;
  why: string;
}

export interface ActItem {
  inventory: string;
  reason: string;
}

export interface ActSummary {
  act: string;
  date: string;
  status: string;
  draft: boolean;
  copies: number;
  sum: string;
}

type Found = { rowNumber: number; row: Cell[] };

/** A typed or scanned inventory number in a map of codes (layouts, look-alikes, lost zeros). */
export function findCode<T>(map: Map<string, T>, typed: string): T | undefined {
  for (const k of codeCandidates(typed)) {
    const hit = map.get(k);
    if (hit) return hit;
  }
  const digits = codeCandidates(typed)
    .filter((k) => /^\d+$/.test(k))
    .map((k) => k.replace(/^0+(?=\d)/, ''));
  if (digits.length === 0) return undefined;
  const matches = [...map.entries()].filter(([k]) => /^\d+$/.test(k) && digits.includes(k.replace(/^0+(?=\d)/, '')));
  return matches.length === 1 ? matches[0][1] : undefined;
}

/** The fund's copies as the write-off filters see them (one read of Copies and of the Catalogue). */
function fundCopies(fund: Fund, f: Filters): FundCopy[] {
  const { table, byInventory } = fund.copyRows('titleId', 'status', 'reader', 'condition', 'received', 'price');
  const titles = fund.titles();
  const lastIssued = new Map<string, DayKey>();
  if (f.notIssuedYears) {
    const loans = fund.table('loans').require('inventory', 'issued');
    for (const row of loans.readColumns('inventory', 'issued').rows) {
      const d = fund.day(loans.get(row, 'issued'));
      const k = codeKey(loans.get(row, 'inventory'));
      if (d && d > (lastIssued.get(k) ?? '')) lastIssued.set(k, d);
    }
  }
  const missing = f.missing ? missingAtLastStocktake(fund) : new Set<string>();
  const out: FundCopy[] = [];
  for (const [k, { row }] of byInventory) {
    const title = titles.get(codeKey(cellText(table, row, 'titleId')));
    const status = fund.code('copyStatus', table.get(row, 'status')) ?? 'available';
    out.push({
      inventory: cellText(table, row, 'inventory'),
      titleId: cellText(table, row, 'titleId'),
      kind: title?.kind ?? 'fiction',
      author: title?.author ?? '',
      title: title?.title ?? '',
      year: title?.year ?? null,
      price: toTiyn(table.get(row, 'price')),
      status,
      onLoan: status === 'onLoan' || cellText(table, row, 'reader') !== '',
      condition: fund.code('condition', table.get(row, 'condition')),
      received: fund.day(table.get(row, 'received')),
      lastIssued: lastIssued.get(k) ?? null,
      missing: missing.has(k),
    });
  }
  return out;
}

/** The copies the last closed stocktake did not find. */
function missingAtLastStocktake(fund: Fund): Set<string> {
  const register = fund.table('stocktakes');
  const list = fund.table('stocktakeList');
  let last = '';
  let lastClosed = '';
  for (const row of register.readColumns('stocktake', 'closed', 'status').rows) {
    if (fund.code('stocktakeStatus', register.get(row, 'status')) !== 'closed') continue;
    const closed = String(
      register.get(row, 'closed') instanceof Date ? (register.get(row, 'closed') as Date).getTime() : '',
    );
    if (closed >= lastClosed) {
      lastClosed = closed;
      last = cellText(register, row, 'stocktake');
    }
  }
  const out = new Set<string>();
  if (!last) return out;
  for (const row of list.readColumns('stocktake', 'inventory', 'result').rows) {
    if (codeKey(list.get(row, 'stocktake')) !== codeKey(last)) continue;
    if (fund.code('stocktakeResult', list.get(row, 'result')) === 'missing')
      out.add(codeKey(list.get(row, 'inventory')));
  }
  return out;
}

export function writeOffCandidates(fund: Fund, f: Filters): { candidates: CandidateView[] } {
  const filters: Filters = {
    unsatisfactory: !!f?.unsatisfactory,
    lost: !!f?.lost,
    missing: !!f?.missing,
    obsolete: !!f?.obsolete,
    notIssuedYears: Number(f?.notIssuedYears) > 0 ? Number(f?.notIssuedYears) : undefined,
    publishedBefore: Number(f?.publishedBefore) > 0 ? Number(f?.publishedBefore) : undefined,
    duplicatesBeyond:
      f?.duplicatesBeyond !== undefined && String(f.duplicatesBeyond) !== '' && Number(f.duplicatesBeyond) >= 0
        ? Number(f.duplicatesBeyond)
        : undefined,
  };
  const list = candidates(fundCopies(fund, filters), filters, fund.today);
  return { candidates: list.map((c) => view(fund, c)) };
}

function view(fund: Fund, c: Candidate): CandidateView {
  return {
    inventory: c.copy.inventory,
    title: bookLabel(c.copy, c.copy.titleId),
    kind: fund.label('kind', c.copy.kind),
    year: c.copy.year === null ? '' : String(c.copy.year),
    price: showMoney(c.copy.price),
    condition: c.copy.condition ? fund.label('condition', c.copy.condition) : '',
    status: fund.label('copyStatus', c.copy.status),
    reason: c.reason,
    why: c.matched.map((m) => fund.t(`fund.filter.${m}` as Parameters<Fund['t']>[0])).join(', '),
  };
}

/** The next act number of a year: 2026-1, 2026-2, … */
function nextActNumber(fund: Fund, year: string): string {
  const acts = fund.table('acts');
  let max = 0;
  for (const row of acts.readColumns('act').rows) {
    const m = /^(\d{4})-(\d+)$/.exec(cellText(acts, row, 'act'));
    if (m && m[1] === year) max = Math.max(max, Number(m[2]));
  }
  return `${year}-${max + 1}`;
}

/** Draws up an act over the chosen copies (under the document lock). */
export function createAct(
  fund: Fund,
  items: ActItem[],
  opts: { date?: string; note?: string } = {},
): { act: string; message: string; copies: number; sum: string } {
  completeInterrupted(fund);
  const settings = fund.settings();
  if (!settings.chair) throw new LibraryError('fund.error.noCommission');
  const list = (Array.isArray(items) ? items : []).filter((i) => String(i?.inventory ?? '').trim());
  if (list.length === 0) throw new LibraryError('fund.error.noItems');
  const date = fund.dayFrom(opts.date);
  const acts = fund.table('acts').require('act', 'date', 'status', 'inventory', 'reason', 'previous');
  const {
    table: copies,
    byInventory,
    all,
  } = fund.copyRows('titleId', 'status', 'reader', 'price', 'writeOffAct', 'received', 'withdrawn');
  fund.table('log').require('time', 'user', 'action', 'details');
  const titles = fund.titles();
  const chosen: Array<{ copy: Found; reason: Reason }> = [];
  const seen = new Set<number>();
  for (const item of list) {
    const typed = String(item.inventory).trim();
    const copy = findCode(byInventory, typed);
    if (!copy) throw new LibraryError('fund.error.unknownCopy', { inventory: echo(typed) });
    const inventory = cellText(copies, copy.row, 'inventory');
    if (seen.has(copy.rowNumber)) throw new LibraryError('fund.error.copyTwice', { inventory });
    seen.add(copy.rowNumber);
    const status = fund.code('copyStatus', copies.get(copy.row, 'status'));
    const writtenBy = cellText(copies, copy.row, 'writeOffAct');
    if (status === 'writtenOff' || writtenBy) {
      throw new LibraryError('fund.error.alreadyWrittenOff', { inventory, act: writtenBy || '—' });
    }
    const reader = cellText(copies, copy.row, 'reader');
    if (status === 'onLoan' || reader)
      throw new LibraryError('fund.error.copyOnLoan', { inventory, reader: reader || '—' });
    const reason =
      fund.code('writeOffReason', item.reason) ??
      (ENUMS.writeOffReason.includes(item.reason as Reason) ? (item.reason as Reason) : null);
    if (!reason) throw new LibraryError('fund.error.badReason', { inventory });
    chosen.push({ copy, reason });
  }
  const act = nextActNumber(fund, date.slice(0, 4));
  const members = settings.members.join(', ');
  let sum = 0;
  const rows: RowValues[] = chosen.map(({ copy, reason }) => {
    const titleId = cellText(copies, copy.row, 'titleId');
    const title = titles.get(codeKey(titleId));
    sum += toTiyn(copies.get(copy.row, 'price'));
    return {
      act,
      date: fund.date(date),
      status: fund.label('actStatus', 'recording'),
      chair: settings.chair,
      members,
      inventory: cellText(copies, copy.row, 'inventory'),
      titleId,
      kind: fund.label('kind', title?.kind ?? 'fiction'),
      title: bookLabel(title, titleId),
      year: title?.year ?? '',
      price: copies.get(copy.row, 'price'),
      reason: fund.label('writeOffReason', reason),
      previous: fund.label('copyStatus', fund.code('copyStatus', copies.get(copy.row, 'status')) ?? 'available'),
      note: String(opts.note ?? '').trim(),
    };
  });
  // The act's rows first ("being written"), then the copies, the Log, and the rows made a draft.
  const rowNumbers = fund.appendBlock(
    acts,
    rows.map((r) => onlyKnown(acts, r)),
    'act',
  );
  const written = rowNumbers.map((rowNumber, i) => ({ rowNumber, row: acts.toRow(onlyKnown(acts, rows[i])) }));
  const edits = new Map<number, RowValues>();
  // The act's date is the day the copy left the fund (the annual report's "withdrawn").
  const withdrawn = copies.has('withdrawn') ? { withdrawn: fund.date(date) } : {};
  for (const { copy } of chosen)
    edits.set(copy.rowNumber, { status: fund.label('copyStatus', 'writtenOff'), writeOffAct: act, ...withdrawn });
  copies.writeRowsAt(['status', 'writeOffAct', ...Object.keys(withdrawn)], edits, all);
  const details = { act, copies: chosen.length, sum: showMoney(sum), date: fund.show(date) };
  fund.log('writeOff', fund.t('log.writeOff.details', details));
  acts.updateMany(
    written.map((w) => ({ rowNumber: w.rowNumber, changes: { status: fund.label('actStatus', 'draft') } })),
  );
  return { act, message: fund.t('fund.act.created', details), copies: chosen.length, sum: showMoney(sum) };
}

function actRows(fund: Fund, act: string): Found[] {
  const acts = fund.table('acts').require('act', 'status', 'inventory', 'previous');
  const rows = rowsOf(acts, 'act', String(act ?? ''));
  if (rows.length === 0) throw new LibraryError('fund.error.unknownAct', { act: echo(act) });
  return rows;
}

/** The commission signed the act: it can no longer be cancelled. */
export function approveAct(fund: Fund, act: string): { message: string } {
  completeInterrupted(fund);
  const rows = actRows(fund, act);
  const acts = fund.table('acts');
  const number = cellText(acts, rows[0].row, 'act');
  const status = fund.code('actStatus', acts.get(rows[0].row, 'status'));
  if (status === 'approved') throw new LibraryError('fund.error.actApproved', { act: number });
  if (status === 'cancelled') throw new LibraryError('fund.error.actCancelled', { act: number });
  fund.log('actApproved', fund.t('log.actApproved.details', { act: number }));
  acts.updateMany(
    rows.map((r) => ({ rowNumber: r.rowNumber, changes: { status: fund.label('actStatus', 'approved') } })),
  );
  return { message: fund.t('fund.act.approved', { act: number }) };
}

/** An act not yet approved is cancelled: every copy gets back the status it had. */
export function cancelAct(fund: Fund, act: string): { message: string } {
  completeInterrupted(fund);
  const rows = actRows(fund, act);
  const acts = fund.table('acts');
  const number = cellText(acts, rows[0].row, 'act');
  const status = fund.code('actStatus', acts.get(rows[0].row, 'status'));
  if (status === 'approved') throw new LibraryError('fund.error.actApproved', { act: number });
  if (status === 'cancelled') throw new LibraryError('fund.error.actCancelled', { act: number });
  // "Being cancelled" first: an interrupted cancellation is finished by the next fund action.
  acts.updateMany(
    rows.map((r) => ({ rowNumber: r.rowNumber, changes: { status: fund.label('actStatus', 'cancelling') } })),
  );
  finishAct(fund, number, rows, 'cancelled', {
    log: false,
    beforeDone: () =>
      fund.log('actCancelled', fund.t('log.actCancelled.details', { act: number, copies: rows.length })),
  });
  return { message: fund.t('fund.act.cancelled', { act: number, copies: rows.length }) };
}

/** The acts, newest first, with their state, count and sum (one read). */
export function listActs(fund: Fund): { acts: ActSummary[] } {
  const acts = fund.table('acts').require('act', 'date', 'status');
  const byAct = new Map<string, ActSummary & { tiyn: number }>();
  for (const row of acts.readColumns('act', 'date', 'status', 'price').rows) {
    const act = cellText(acts, row, 'act');
    if (!act) continue;
    let a = byAct.get(act);
    if (!a) {
      const status = fund.code('actStatus', acts.get(row, 'status')) ?? 'draft';
      a = {
        act,
        date: fund.show(fund.day(acts.get(row, 'date'))),
        status: fund.label('actStatus', status),
        draft: status === 'draft',
        copies: 0,
        sum: '',
        tiyn: 0,
      };
      byAct.set(act, a);
    }
    a.copies += 1;
    a.tiyn += toTiyn(acts.get(row, 'price'));
  }
  return {
    acts: [...byAct.values()].reverse().map(({ tiyn, ...a }) => ({ ...a, sum: showMoney(tiyn) })),
  };
}
