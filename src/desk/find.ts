/**
 * Finding readers at the desk: by the code on the card (any layout, case or spacing), by class
 * (any spelling of it: "7A" with a Latin A is 7А), or by part of the name; and a reader's history.
 * One search per way tried, then the rows found, read in a few blocks.
 */
import { classSearchPattern } from '../domain/class-names';
import { codeKey, echo, literalPattern, MAX_CODE_LENGTH } from '../domain/codes';
import { LibraryError } from '../errors';
import { choiceCode } from '../sheets/choices';
import type { Cell } from '../sheets/table';
import type { Desk, ReaderForm } from './desk';

export interface ReaderChoice {
  code: string;
  name: string;
  className: string;
  row: number;
}

export interface FindResult {
  form?: ReaderForm;
  choices?: ReaderChoice[];
  /** More readers matched than the list shows. */
  more?: boolean;
}

/** At most this many readers are listed for a name or a class (a class is about 30 pupils). */
const MAX_CHOICES = 60;
/** A typed name longer than this is a paste, not a search. */
const MAX_QUERY = 100;

function choicesFrom(desk: Desk, rows: Map<number, Cell[]>): ReaderChoice[] {
  const table = desk.readers();
  return [...rows.entries()].map(([row, values]) => ({
    code: table.text(values, 'code'),
    name: table.text(values, 'name'),
    className: table.text(values, 'class'),
    row,
  }));
}

/**
 * Pupils of a class, any spelling: one search on the class column, then the rows found, only the
 * columns needed. A class spread over a sheet sorted by surname is read in one request of the Sheets
 * API (its own rows, not the rows between); without it, in a few blocks. `forWriting`: the blocks
 * always, so that `all` holds the rows between the pupils too and a write around them (the class
 * set's "On loan" cells) is a few blocks, not one write a pupil.
 */
export function readersOfClass(
  desk: Desk,
  className: string,
  withHoldings = false,
  forWriting = false,
): { choices: ReaderChoice[]; rows: Map<number, Cell[]>; all: Map<number, Cell[]> } {
  const pattern = classSearchPattern(className);
  if (!pattern) return { choices: [], rows: new Map(), all: new Map() };
  const table = desk.readers();
  const found = table.search('class', pattern);
  if (found.length === 0) return { choices: [], rows: new Map(), all: new Map() };
  // Only the columns needed: a class scattered over the sheet costs its rows, not every cell of them.
  const keys = ['code', 'name', 'category', 'class', 'status', ...(withHoldings ? ['onLoan'] : [])];
  const blocks = { maxReads: 4, maxCells: 60_000 };
  const read = forWriting
    ? table.readRowsAt(found, blocks.maxReads, blocks.maxCells, keys)
    : table.readRowsScattered(found, keys, desk.wb.timeZone, blocks);
  const { rows, left } = read;
  const all = 'all' in read ? read.all : new Map(rows);
  // Nobody is left out: rows beyond the blocks (a class spread very thin) are read one by one.
  for (const n of left) {
    const row = table.readRow(n);
    rows.set(n, row);
    all.set(n, row);
  }
  // The search folds spellings; the one notion of a class decides (a clash of "7В" and "7B" is not merged).
  const classes = desk.wb.classes();
  const key = classes.key(className);
  for (const [n, row] of rows) if (classes.key(table.text(row, 'class')) !== key) rows.delete(n);
  return { choices: choicesFrom(desk, rows), rows, all };
}

/**
 * A scanned reader code opens the form; a class lists its pupils; a part of a name lists the readers
 * whose name holds it. Input longer than any code or name is refused before any search.
 */
export function findReader(desk: Desk, query: string): FindResult {
  const q = String(query ?? '').trim();
  if (!q) throw new LibraryError('desk.error.empty');
  if (q.length > MAX_QUERY) throw new LibraryError('error.queryTooLong', { length: q.length });
  if (q.length <= MAX_CODE_LENGTH) {
    const exact = desk.readerOrNull(q, 0, { cache: true });
    if (exact) return { form: desk.form(exact) };
  }
  let { choices } = readersOfClass(desk, q);
  let more = false;
  if (choices.length === 0) {
    const table = desk.readers();
    const found = table.search('name', literalPattern(q).replace(/\s+/g, '\\s+'), false);
    more = found.length > MAX_CHOICES;
    const { rows } = table.readRowsScattered(found.slice(0, MAX_CHOICES), ['code', 'name', 'class'], desk.wb.timeZone, {
      maxReads: 4,
      maxCells: 5_000,
    });
    choices = choicesFrom(desk, rows);
  }
  if (choices.length === 0) throw new LibraryError('desk.error.unknownReader', { query: echo(q) });
  if (choices.length === 1) {
    const one = desk.reader(choices[0].code, choices[0].row);
    return { form: desk.form(one) };
  }
  choices.sort((a, b) => a.name.localeCompare(b.name));
  return { choices: choices.slice(0, MAX_CHOICES), ...(more ? { more } : {}) };
}

export interface HistoryLine {
  inventory: string;
  title: string;
  issued: string;
  due: string;
  returned: string;
  status: string;
}

/**
 * The reader's loans from the Loans sheet, newest first: one search on the reader column, and the 50
 * newest rows found read in one request of the Sheets API, only the columns shown (five years of
 * loans spread a reader's history over the whole sheet); without it, in at most six blocks (the
 * newest that fit).
 */
export function readerHistory(desk: Desk, code: string, rowHint = 0): { history: HistoryLine[]; partial: boolean } {
  const reader = desk.reader(code, rowHint);
  const loans = desk.table('loans').require('inventory', 'reader', 'issued', 'due', 'returned', 'status');
  const pattern = `^\\s*${literalPattern(reader.info.code)}\\s*$`;
  const found = loans.search('reader', pattern).reverse().slice(0, 50);
  const keys = ['inventory', 'title', 'reader', 'issued', 'due', 'returned', 'status'];
  const { rows, left } = loans.readRowsScattered(found, keys, desk.wb.timeZone, { maxReads: 6, maxCells: 5_000 });
  const history = [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => row)
    .filter((row) => codeKey(loans.text(row, 'reader')) === codeKey(reader.info.code))
    .map((row) => ({
      inventory: loans.text(row, 'inventory'),
      title: loans.has('title') ? loans.text(row, 'title') : '',
      issued: desk.show(desk.day(loans.get(row, 'issued'))),
      due: desk.show(desk.day(loans.get(row, 'due'))),
      returned: desk.show(desk.day(loans.get(row, 'returned'))),
      status: loans.text(row, 'status'),
    }));
  return { history, partial: left.length > 0 || found.length === 50 };
}

/** The category of a reader row, for the class lists (pupils only). */
export function isActivePupil(desk: Desk, row: Cell[]): boolean {
  const table = desk.readers();
  return (
    (choiceCode('category', table.get(row, 'category')) ?? 'pupil') === 'pupil' &&
    (choiceCode('readerStatus', table.get(row, 'status')) ?? 'active') === 'active'
  );
}
