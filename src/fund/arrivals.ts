/**
 * Arrivals: a delivery (date, source, accompanying document, titles with counts and prices) becomes
 * one receipt record of the summary accounting book, the catalogue entries of its new titles and its
 * copies with consecutive inventory numbers (textbooks by group, when Settings say so). Everything is
 * checked before anything is written, and the writes follow journal.ts, so a delivery is written
 * whole or not at all. The fund taken onto the books (the opening balance) is a receipt of the same
 * kind for the copies that no record brought.
 */
import type { DayKey } from '../dates';
import type { Kind } from '../domain/circulation';
import { codeKey } from '../domain/codes';
import { groupCodes, nextNumbers, rangeLabel } from '../domain/inventory-numbers';
import { showMoney, toTenge, toTiyn } from '../domain/money';
import { LibraryError } from '../errors';
import { normalise } from '../messages';
import type { Cell, RowValues } from '../sheets/table';
import { bookLabel, cellText, type Fund, type TitleFacts } from './fund';
import { completeInterrupted, completeReceipt, onlyKnown } from './journal';

export interface DeliveryLine {
  titleId?: string;
  isbn?: string;
  kind?: string;
  author?: string;
  title?: string;
  year?: number | string;
  publisher?: string;
  grade?: number | string;
  subject?: string;
  language?: string;
  copies: number | string;
  price: number | string;
  location?: string;
}

export interface Delivery {
  date?: string;
  source: string;
  document: string;
  lines: DeliveryLine[];
}

export interface ArrivalResult {
  message: string;
  record: string;
  copies: number;
  inventories: string[];
  /** A delivery interrupted earlier that this call completed. */
  completed: string[];
}

/** At most this many copies a line, and lines a delivery: a typo of 10000 is refused, not printed. */
const MAX_COPIES = 2000;
const MAX_LINES = 300;

/** ISBN digits (and X) only: 978-601-7-12345-6 and 9786017123456 are one book. */
export function isbnKey(v: unknown): string {
  return String(v ?? '')
    .toUpperCase()
    .replace(/[^0-9X]/g, '');
}

interface Resolved {
  line: DeliveryLine;
  index: number;
  title: TitleFacts & { isbn: string; publisher: string; grade: unknown; subject: string; language: string };
  copies: number;
  price: number;
  inventories: string[];
}

function wholeNumber(v: unknown): number | null {
  const n = Number(String(v ?? '').trim());
  return String(v ?? '').trim() !== '' && Number.isInteger(n) ? n : null;
}

function priceOf(v: unknown): number | null {
  const s = String(v ?? '')
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Records a delivery (under the document lock). */
export function recordArrival(fund: Fund, input: Delivery): ArrivalResult {
  const completed = completeInterrupted(fund).records;
  const date: DayKey = fund.dayFrom(input?.date);
  const source = String(input?.source ?? '').trim();
  const document = String(input?.document ?? '').trim();
  const lines = Array.isArray(input?.lines) ? input.lines : [];
  if (!source) throw new LibraryError('fund.error.noSource');
  if (!document) throw new LibraryError('fund.error.noDocument');
  if (lines.length === 0) throw new LibraryError('fund.error.noLines');
  if (lines.length > MAX_LINES) throw new LibraryError('fund.error.tooManyLines', { max: MAX_LINES });

  const arrivals = fund
    .table('arrivals')
    .require('record', 'date', 'source', 'document', 'titleId', 'copies', 'inventory', 'status');
  const titlesTable = fund.table('titles').require('titleId', 'kind');
  fund.table('copies').require('inventory', 'titleId', 'status', 'arrival');
  fund.table('log').require('time', 'user', 'action', 'details');

  // The same document from the same source is one delivery: recorded once.
  const earlier = arrivals.readColumns('record', 'source', 'document', 'status');
  for (const row of earlier.rows) {
    if (normalise(cellText(arrivals, row, 'document')) !== normalise(document)) continue;
    if (normalise(cellText(arrivals, row, 'source')) !== normalise(source)) continue;
    const record = cellText(arrivals, row, 'record');
    if (completed.includes(record)) {
      return {
        message: fund.t('fund.arrival.completed', { record, document }),
        record,
        copies: 0,
        inventories: [],
        completed,
      };
    }
    throw new LibraryError('fund.error.duplicateDelivery', { document, record });
  }

  // The catalogue, read once: titles by code and by ISBN.
  const catalogue = new Map<string, Resolved['title']>();
  const byIsbn = new Map<string, Resolved['title']>();
  const tkeys = ['titleId', 'kind', 'author', 'title', 'grade', 'subject', 'language', 'year', 'publisher', 'isbn'];
  for (const row of titlesTable.readColumns(...tkeys.filter((k) => titlesTable.has(k))).rows) {
    const id = cellText(titlesTable, row, 'titleId');
    if (!id) continue;
    const year = Number(titlesTable.has('year') ? titlesTable.get(row, 'year') : '');
    const facts = {
      titleId: id,
      kind: fund.code('kind', titlesTable.get(row, 'kind')) ?? 'fiction',
      author: cellText(titlesTable, row, 'author'),
      title: cellText(titlesTable, row, 'title'),
      year: Number.isInteger(year) && year > 0 ? year : null,
      isbn: cellText(titlesTable, row, 'isbn'),
      publisher: cellText(titlesTable, row, 'publisher'),
      grade: titlesTable.has('grade') ? titlesTable.get(row, 'grade') : '',
      subject: cellText(titlesTable, row, 'subject'),
      language: cellText(titlesTable, row, 'language'),
    };
    catalogue.set(codeKey(id), facts);
    const isbn = isbnKey(facts.isbn);
    if (isbn && !byIsbn.has(isbn)) byIsbn.set(isbn, facts);
  }

  const recordNumbers = earlier.rows.map((r) => Number(cellText(arrivals, r, 'record'))).filter(Number.isInteger);
  const record = String(Math.max(0, ...recordNumbers) + 1);

  const resolved: Resolved[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const n = index + 1;
    const copies = wholeNumber(line.copies);
    if (copies === null || copies < 1) throw new LibraryError('fund.error.badCount', { line: n });
    if (copies > MAX_COPIES) throw new LibraryError('fund.error.tooManyCopies', { line: n, max: MAX_COPIES });
    const price = priceOf(line.price);
    if (price === null) throw new LibraryError('fund.error.badPrice', { line: n });
    const id = String(line.titleId ?? '').trim();
    const isbn = isbnKey(line.isbn);
    let title = (id && catalogue.get(codeKey(id))) || (isbn && byIsbn.get(isbn)) || undefined;
    if (!title) {
      const name = String(line.title ?? '').trim();
      const kind = fund.code('kind', line.kind);
      if (!name || !kind) {
        const code = id || String(line.isbn ?? '').trim();
        throw new LibraryError(code ? 'fund.error.titleUnknown' : 'fund.error.needTitle', { line: n, code });
      }
      const year = wholeNumber(line.year);
      title = {
        titleId: id || `R${record}-${n}`,
        kind: kind as Kind,
        author: String(line.author ?? '').trim(),
        title: name,
        year: year !== null && year > 0 ? year : null,
        isbn: String(line.isbn ?? '').trim(),
        publisher: String(line.publisher ?? '').trim(),
        grade: wholeNumber(line.grade) ?? '',
        subject: String(line.subject ?? '').trim(),
        language: String(line.language ?? '').trim(),
      };
      if (catalogue.has(codeKey(title.titleId)))
        throw new LibraryError('fund.error.titleIdTaken', { line: n, code: title.titleId });
    }
    const twice = seen.has(codeKey(title.titleId)) || (!!isbn && seen.has(`isbn:${isbn}`));
    if (twice) throw new LibraryError('fund.error.titleTwice', { line: n, title: bookLabel(title, title.titleId) });
    seen.add(codeKey(title.titleId));
    if (isbnKey(title.isbn)) seen.add(`isbn:${isbnKey(title.isbn)}`);
    resolved.push({ line, index, title, copies, price, inventories: [] });
  });

  // Inventory numbers: consecutive after the largest in the fund; textbooks by group when so kept.
  const copiesTable = fund.table('copies');
  const existing = copiesTable.readColumns('inventory').rows.map((row) => copiesTable.get(row, 'inventory'));
  const settings = fund.settings();
  const individual = resolved.filter((r) => !(settings.groupTextbooks && r.title.kind === 'textbook'));
  const numbers = nextNumbers(
    settings.numbering,
    existing,
    individual.reduce((a, r) => a + r.copies, 0),
  );
  let at = 0;
  for (const r of resolved) {
    if (settings.groupTextbooks && r.title.kind === 'textbook')
      r.inventories = groupCodes(r.title.titleId, existing, r.copies);
    else {
      r.inventories = numbers.slice(at, at + r.copies);
      at += r.copies;
    }
  }

  // 1. The receipt lines, marked "being written": they say all the rest.
  const dateValue = fund.date(date);
  const lineRows: RowValues[] = resolved.map((r) => ({
    record,
    date: dateValue,
    source,
    document,
    titleId: r.title.titleId,
    kind: fund.label('kind', r.title.kind),
    author: r.title.author,
    title: r.title.title,
    year: r.title.year ?? '',
    isbn: r.title.isbn,
    publisher: r.title.publisher,
    grade: r.title.grade as Cell,
    subject: r.title.subject,
    language: r.title.language,
    copies: r.copies,
    price: r.price,
    sum: toTenge(toTiyn(r.price) * r.copies),
    inventory: rangeLabel(r.inventories),
    location: String(r.line.location ?? '').trim(),
    status: fund.label('arrivalStatus', 'recording'),
  }));
  const rowNumbers = fund.appendBlock(
    arrivals,
    lineRows.map((r) => onlyKnown(arrivals, r)),
    'record',
  );
  // 2-4. Catalogue, copies and the Log, then the lines marked recorded.
  const written = rowNumbers.map((rowNumber, i) => ({
    rowNumber,
    row: arrivals.toRow(onlyKnown(arrivals, lineRows[i])),
  }));
  const total = resolved.reduce((a, r) => a + r.copies, 0);
  const sum = resolved.reduce((a, r) => a + toTiyn(r.price) * r.copies, 0);
  const all = resolved.flatMap((r) => r.inventories);
  completeReceipt(fund, record, written, {
    log: false,
    beforeDone: () =>
      fund.log(
        'arrival',
        fund.t('log.arrival.details', {
          record,
          source,
          document,
          titles: resolved.length,
          copies: total,
          sum: showMoney(sum),
          numbers: rangeLabel(all),
        }),
      ),
  });
  return {
    message: fund.t('fund.arrival.done', { record, copies: total, sum: showMoney(sum), numbers: rangeLabel(all) }),
    record,
    copies: total,
    inventories: all,
    completed,
  };
}

/**
 * The fund taken onto the books: one receipt record, dated `day`, for every copy no record brought
 * (received that day or before, not written off), a line per title and price listing its numbers.
 */
export function takeOntoBooks(fund: Fund, typedDay: string): ArrivalResult {
  const completed = completeInterrupted(fund).records;
  const day = fund.dayFrom(typedDay);
  const arrivals = fund
    .table('arrivals')
    .require('record', 'date', 'source', 'document', 'titleId', 'copies', 'inventory', 'status');
  const { table: copies, byInventory, all } = fund.copyRows('titleId', 'status', 'received', 'price', 'arrival');
  if (!copies.has('arrival'))
    throw new LibraryError('error.missingColumn', { sheet: copies.name, column: fund.t('col.copies.arrival') });
  const titles = fund.titles();
  const groups = new Map<string, { titleId: string; price: number; inventories: string[]; rows: number[] }>();
  for (const { rowNumber, row } of byInventory.values()) {
    if (cellText(copies, row, 'arrival')) continue;
    if (fund.code('copyStatus', copies.get(row, 'status')) === 'writtenOff') continue;
    const received = fund.day(copies.get(row, 'received'));
    if (received && received > day) continue;
    const titleId = cellText(copies, row, 'titleId');
    const price = toTiyn(copies.get(row, 'price'));
    const k = `${codeKey(titleId)}\u0000${price}`;
    const g = groups.get(k) ?? { titleId, price, inventories: [], rows: [] };
    g.inventories.push(cellText(copies, row, 'inventory'));
    g.rows.push(rowNumber);
    groups.set(k, g);
  }
  if (groups.size === 0) throw new LibraryError('fund.error.nothingToTake');
  const earlier = arrivals.readColumns('record');
  const numbers = earlier.rows.map((r) => Number(cellText(arrivals, r, 'record'))).filter(Number.isInteger);
  const record = String(Math.max(0, ...numbers) + 1);
  const source = fund.t('fund.balance.source');
  const document = fund.t('fund.balance.document', { date: fund.show(day) });
  const lines = [...groups.values()].map((g) => {
    const t = titles.get(codeKey(g.titleId));
    return {
      record,
      date: fund.date(day),
      source,
      document,
      titleId: g.titleId,
      kind: fund.label('kind', t?.kind ?? 'fiction'),
      author: t?.author ?? '',
      title: t?.title ?? '',
      year: t?.year ?? '',
      copies: g.inventories.length,
      price: toTenge(g.price),
      sum: toTenge(g.price * g.inventories.length),
      inventory: g.inventories.join(', '),
      status: fund.label('arrivalStatus', 'recording'),
    } as RowValues;
  });
  const rowNumbers = fund.appendBlock(
    arrivals,
    lines.map((r) => onlyKnown(arrivals, r)),
    'record',
  );
  const edits = new Map<number, RowValues>();
  for (const g of groups.values()) for (const r of g.rows) edits.set(r, { arrival: record });
  copies.writeRowsAt(['arrival'], edits, all);
  const count = [...groups.values()].reduce((a, g) => a + g.inventories.length, 0);
  const sum = [...groups.values()].reduce((a, g) => a + g.price * g.inventories.length, 0);
  fund.log(
    'balance',
    fund.t('log.balance.details', { record, copies: count, sum: showMoney(sum), date: fund.show(day) }),
  );
  arrivals.updateMany(
    rowNumbers.map((rowNumber) => ({ rowNumber, changes: { status: fund.label('arrivalStatus', 'recorded') } })),
  );
  return {
    message: fund.t('fund.balance.done', { record, copies: count, sum: showMoney(sum), date: fund.show(day) }),
    record,
    copies: count,
    inventories: [],
    completed,
  };
}
