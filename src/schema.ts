/**
 * The workbook's schema: which sheets the library keeps, their columns, and what each column holds.
 * Names and headers come from the message catalogue, so a sheet is recognised in any language.
 */
import type { MessageKey } from './messages';

export type EnumName =
  | 'category'
  | 'readerStatus'
  | 'kind'
  | 'copyStatus'
  | 'condition'
  | 'loanStatus'
  | 'visitKind'
  | 'closedKind'
  | 'eventKind'
  | 'language'
  | 'mailKind'
  | 'mailStatus'
  | 'writeOffReason'
  | 'actStatus'
  | 'arrivalStatus'
  | 'stocktakeStatus'
  | 'stocktakeResult'
  | 'raidKind'
  | 'syncState'
  | 'dutyOften';

/** The codes of each enumeration; labels are `enum.<name>.<code>` in the catalogue. */
export const ENUMS = {
  category: ['pupil', 'teacher', 'staff', 'parent'],
  readerStatus: ['active', 'left'],
  kind: ['textbook', 'fiction', 'reference', 'methodical', 'periodical'],
  copyStatus: ['available', 'onLoan', 'lost', 'writtenOff'],
  condition: ['new', 'good', 'satisfactory', 'unsatisfactory'],
  loanStatus: ['open', 'returned', 'lost', 'replaced'],
  visitKind: ['desk', 'readingRoom', 'excursion', 'event'],
  closedKind: ['holiday', 'vacation', 'cleaning', 'other'],
  eventKind: ['anniversary', 'exhibition', 'campaign', 'event'],
  language: ['kk', 'ru', 'en'],
  mailKind: ['debtors', 'noDebtors', 'visits', 'report'],
  mailStatus: ['pending', 'sending', 'sent', 'failed', 'invalid', 'skipped'],
  // The fund (src/fund): write-off reasons and the states of its registers. "recording" and
  // "cancelling" mark rows whose change an interrupted execution left unfinished (src/fund/journal.ts).
  writeOffReason: ['worn', 'defective', 'obsolete', 'lost', 'offProfile', 'duplicate'],
  actStatus: ['recording', 'draft', 'approved', 'cancelling', 'cancelled'],
  arrivalStatus: ['recording', 'recorded'],
  stocktakeStatus: ['open', 'closed'],
  stocktakeResult: ['found', 'misplaced', 'onLoan', 'missing', 'unknown', 'notExpected'],
  raidKind: ['textbooks', 'preservation'],
  // A row's place in the library's Google Calendar (src/calendar).
  syncState: ['waiting', 'synced', 'flagged', 'proposed', 'missing', 'error'],
  dutyOften: ['monthly', 'yearly'],
} as const satisfies Record<EnumName, readonly string[]>;

export type EnumCode<E extends EnumName> = (typeof ENUMS)[E][number];

/**
 * What a column holds. `text` columns are formatted as plain text so Sheets never turns a code such
 * as 00123 into a number or user text starting with "=" into a formula.
 */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'email' | 'enum' | 'class';

export interface ColumnDef {
  key: string;
  type: ColumnType;
  enum?: EnumName;
  /** A date column that also takes dates as people write them ("08.09.25", "10.11-02.12"): its validation warns, never refuses. */
  asWritten?: boolean;
  /** Kept by the script, not the librarian: Setup hides the column and protects it with a warning. */
  kept?: boolean;
}

export type SheetKey =
  | 'settings'
  | 'readers'
  | 'classes'
  | 'titles'
  | 'copies'
  | 'loans'
  | 'visits'
  | 'required'
  | 'events'
  | 'persons'
  | 'schedule'
  | 'log'
  | 'debtors'
  | 'mailings'
  | 'arrivals'
  | 'acts'
  | 'stocktakes'
  | 'stocktakeList'
  | 'raids'
  | 'inventoryBook'
  | 'ksu'
  | 'duties';

export interface SheetDef {
  key: SheetKey;
  columns: ColumnDef[];
  /** Written only by the script: protected, with a warning for anyone who edits it. */
  generated?: boolean;
}

const text = (key: string): ColumnDef => ({ key, type: 'text' });
const num = (key: string): ColumnDef => ({ key, type: 'number' });
const money = (key: string): ColumnDef => ({ key, type: 'money' });
const date = (key: string): ColumnDef => ({ key, type: 'date' });
const choice = (key: string, e: EnumName): ColumnDef => ({ key, type: 'enum', enum: e });

export const SHEETS: readonly SheetDef[] = [
  { key: 'settings', columns: [text('key'), text('value'), text('note')] },
  {
    key: 'readers',
    columns: [
      text('code'),
      text('name'),
      choice('category', 'category'),
      { key: 'class', type: 'class' },
      choice('status', 'readerStatus'),
      text('contact'),
      date('registered'),
      date('left'),
      text('note'),
      date('lastVisit'),
      // What the reader holds now, kept by the desk (hidden; see domain/holdings.ts).
      text('onLoan'),
    ],
  },
  {
    key: 'classes',
    columns: [
      text('class'),
      num('grade'),
      text('teacher'),
      { key: 'email', type: 'email' },
      choice('language', 'language'),
    ],
  },
  {
    key: 'titles',
    columns: [
      text('titleId'),
      choice('kind', 'kind'),
      text('author'),
      text('title'),
      num('grade'),
      text('subject'),
      text('language'),
      num('year'),
      text('publisher'),
      text('isbn'),
      money('price'),
    ],
  },
  {
    key: 'copies',
    columns: [
      text('inventory'),
      text('titleId'),
      // What the desk writes on an issue or a return, side by side: one write.
      choice('status', 'copyStatus'),
      text('reader'),
      text('loanId'),
      date('due'),
      choice('condition', 'condition'),
      date('received'),
      text('source'),
      money('price'),
      text('writeOffAct'),
      text('note'),
      // When a copy left the fund (written off; a lost copy's date is its lost loan's): the year's report.
      date('withdrawn'),
      // The receipt record of the summary accounting book that brought the copy (src/fund).
      text('arrival'),
      // Where the copy stands (section, shelf): a stocktake lists copies found in another section.
      text('location'),
    ],
  },
  {
    key: 'loans',
    columns: [
      text('loanId'),
      text('inventory'),
      text('title'),
      text('reader'),
      date('issued'),
      // A renewal writes due and renewals, a return returned and status: each pair side by side.
      date('due'),
      num('renewals'),
      date('returned'),
      choice('status', 'loanStatus'),
      text('note'),
      text('librarian'),
    ],
  },
  {
    key: 'visits',
    columns: [
      date('date'),
      text('reader'),
      { key: 'class', type: 'class' },
      choice('kind', 'visitKind'),
      num('count'),
      text('note'),
    ],
  },
  {
    key: 'required',
    // Rows of a grade with the same group are alternatives: any one of their titles satisfies it.
    columns: [num('grade'), text('subject'), text('titleId'), text('year'), text('group')],
  },
  {
    key: 'events',
    columns: [
      { key: 'date', type: 'date', asWritten: true },
      { key: 'endDate', type: 'date', asWritten: true },
      text('title'),
      choice('kind', 'eventKind'),
      text('person'),
      text('note'),
      text('calendarId'),
      // The calendar sync (src/calendar): who is responsible, the row's stable key, its state and
      // message, a suggested date for a date outside the plan year, and what was last written.
      text('responsible'),
      text('key'),
      choice('sync', 'syncState'),
      text('syncNote'),
      date('suggested'),
      { key: 'syncedAs', type: 'text', kept: true },
    ],
  },
  { key: 'persons', columns: [text('name'), date('born'), date('died'), text('note'), text('field')] },
  { key: 'schedule', columns: [date('from'), date('to'), choice('kind', 'closedKind'), text('note')] },
  {
    key: 'log',
    generated: true,
    columns: [{ key: 'time', type: 'datetime' }, text('user'), text('action'), text('details')],
  },
  {
    // Rebuilt from the loans by Library → Debtors and by the monthly trigger (src/debtors/sheet.ts).
    key: 'debtors',
    generated: true,
    columns: [
      text('class'),
      text('teacher'),
      text('reader'),
      text('name'),
      text('inventory'),
      text('title'),
      date('issued'),
      date('due'),
      num('days'),
    ],
  },
  {
    // The ledger of emails to class teachers: one row per period and class, so nothing goes twice.
    key: 'mailings',
    generated: true,
    columns: [
      { key: 'time', type: 'datetime' },
      text('period'),
      choice('kind', 'mailKind'),
      text('class'),
      text('recipient'),
      { key: 'email', type: 'email' },
      choice('status', 'mailStatus'),
      text('details'),
    ],
  },
  {
    // The plan's recurring duties, each a recurring event in the library's calendar (src/calendar).
    key: 'duties',
    columns: [
      text('duty'),
      choice('often', 'dutyOften'),
      text('months'),
      num('day'),
      text('note'),
      text('key'),
      text('calendarId'),
      choice('sync', 'syncState'),
      text('syncNote'),
      { key: 'syncedAs', type: 'text', kept: true },
    ],
  },
  {
    // Receipts: one row per title of a delivery, a record number per delivery (src/fund/arrivals.ts).
    // A line carries the title's description, so an interrupted delivery can be completed from it.
    key: 'arrivals',
    generated: true,
    columns: [
      text('record'),
      date('date'),
      text('source'),
      text('document'),
      text('titleId'),
      choice('kind', 'kind'),
      text('author'),
      text('title'),
      num('year'),
      text('isbn'),
      text('publisher'),
      num('grade'),
      text('subject'),
      text('language'),
      num('copies'),
      money('price'),
      money('sum'),
      text('inventory'),
      text('location'),
      choice('status', 'arrivalStatus'),
    ],
  },
  {
    // Write-off acts: one row per copy written off, the act's number, date and commission on each.
    key: 'acts',
    generated: true,
    columns: [
      text('act'),
      date('date'),
      choice('status', 'actStatus'),
      text('chair'),
      text('members'),
      text('inventory'),
      text('titleId'),
      choice('kind', 'kind'),
      text('title'),
      num('year'),
      money('price'),
      choice('reason', 'writeOffReason'),
      // The copy's status before the act, restored when the act is cancelled.
      choice('previous', 'copyStatus'),
      text('note'),
    ],
  },
  {
    // Stocktakes: one row each, with its counts when closed (src/fund/stocktake.ts).
    key: 'stocktakes',
    generated: true,
    columns: [
      text('stocktake'),
      { key: 'opened', type: 'datetime' },
      { key: 'closed', type: 'datetime' },
      choice('status', 'stocktakeStatus'),
      num('expected'),
      num('found'),
      num('misplaced'),
      num('onLoan'),
      num('missing'),
      num('unknown'),
      text('librarian'),
    ],
  },
  {
    // A stocktake's frozen list of expected copies, then every code scanned that was not on it.
    // A scan writes result, scanned, by and where side by side: one write.
    key: 'stocktakeList',
    generated: true,
    columns: [
      text('stocktake'),
      text('inventory'),
      text('titleId'),
      text('title'),
      text('location'),
      choice('expected', 'copyStatus'),
      choice('result', 'stocktakeResult'),
      { key: 'scanned', type: 'datetime' },
      text('scannedBy'),
      text('scannedIn'),
    ],
  },
  {
    // Condition raids: one row per copy checked (src/fund/raids.ts).
    key: 'raids',
    generated: true,
    columns: [
      date('date'),
      choice('kind', 'raidKind'),
      text('class'),
      text('inventory'),
      text('titleId'),
      text('title'),
      choice('condition', 'condition'),
      choice('previous', 'condition'),
      text('note'),
    ],
  },
  {
    // The inventory book, rebuilt from the Copies, Catalogue, Receipts and Acts sheets.
    key: 'inventoryBook',
    generated: true,
    columns: [
      text('inventory'),
      date('date'),
      text('title'),
      num('year'),
      money('price'),
      num('copies'),
      text('source'),
      text('act'),
    ],
  },
  {
    // The summary accounting book (КСУ) of a year, rebuilt from the registers and checked against
    // the Copies sheet (src/fund/ksu.ts).
    key: 'ksu',
    generated: true,
    columns: [
      text('part'),
      text('line'),
      date('date'),
      text('source'),
      text('document'),
      num('copies'),
      money('sum'),
      num('mainCopies'),
      money('mainSum'),
      num('textbookCopies'),
      money('textbookSum'),
      num('fictionCopies'),
      money('fictionSum'),
      num('referenceCopies'),
      money('referenceSum'),
      num('methodicalCopies'),
      money('methodicalSum'),
      num('periodicalCopies'),
      money('periodicalSum'),
    ],
  },
];

export function sheetDef(key: SheetKey): SheetDef {
  const def = SHEETS.find((s) => s.key === key);
  if (!def) throw new Error(`unknown sheet ${key}`);
  return def;
}

export const sheetNameKey = (key: SheetKey): MessageKey => `sheet.${key}` as MessageKey;
export const headerKey = (sheet: SheetKey, column: string): MessageKey => `col.${sheet}.${column}` as MessageKey;
export const enumKey = (e: EnumName, code: string): MessageKey => `enum.${e}.${code}` as MessageKey;

/** Number formats per column type: plain text keeps codes and user text exactly as typed. */
export const NUMBER_FORMATS: Record<ColumnType, string> = {
  text: '@',
  email: '@',
  enum: '@',
  class: '@',
  // Whole numbers (grade, year, counts); "0.##" would show a trailing dot in Sheets.
  number: '0',
  money: '#,##0.00',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
  boolean: 'General',
};
