/**
 * A sheet seen as a table: its header row names the columns, in any of the three languages, so a
 * librarian who reorders or inserts columns breaks nothing. Every method says what it costs in round
 * trips to Google: a row is found with one TextFinder search on its code column (which also checks,
 * for free, that the column still stands where the layout says), read with one getValues, written
 * with one setValues per block of adjacent changed columns. Column formats are set once, by Setup:
 * a write sets a format only for text a sheet would read as a formula (it starts with = + - @).
 */
import { codeSearchPattern, literalPattern, MAX_CODE_LENGTH, pickCode } from '../domain/codes';
import { LibraryError } from '../errors';
import { type Lang, t } from '../messages';
import { type ColumnDef, headerKey, NUMBER_FORMATS, type SheetDef } from '../schema';
import { columnLetter } from './a1';
import { isDateValue } from './dates';
import type { SheetLayout } from './layout';
import { planRowSpans } from './row-spans';
import { readScattered, type ScatteredRead } from './scattered';
import { checkHeaderRow, headerLabels, mapHeader, namesColumn } from './sheet-lookup';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Cell = string | number | boolean | Date;
export type RowValues = Record<string, Cell | undefined>;

/** Rows added at a time when a sheet is full. */
const GROW_BY = 500;

/** Text a sheet would read as a formula or a sign, unless its cell is plain text. */
export function looksLikeFormula(v: unknown): boolean {
  return typeof v === 'string' && /^[=+\-@]/.test(v);
}

export { columnLetter };

/**
 * A table knows where its columns stand from the saved layout (no call) or from its header (two
 * calls). When a check finds the saved layout stale — a searched column's header is not where it
 * was, a row read does not look like its columns, a whole-sheet read's header row differs — the
 * table reads its header again and carries on (and `onRelayout` saves what it read), before
 * anything is written: a moved column never receives another column's data.
 */
export class Table {
  /** 0-based index of each known column. */
  columns: Map<string, number>;
  /** How many columns the sheet uses (header width). */
  width: number;
  /** True when the columns were read from the header in this execution, not from the saved layout. */
  fresh: boolean;

  private constructor(
    readonly sheet: Sheet,
    readonly def: SheetDef,
    readonly lang: Lang,
    readonly name: string,
    columns: Map<string, number>,
    width: number,
    fresh: boolean,
    private readonly onRelayout?: (layout: SheetLayout) => void,
  ) {
    this.columns = columns;
    this.width = width;
    this.fresh = fresh;
  }

  /** Reads the header row (two calls): for Setup and for a layout being rebuilt. */
  static open(sheet: Sheet, def: SheetDef, lang: Lang): Table {
    const table = new Table(sheet, def, lang, sheet.getName(), new Map(), 0, true);
    table.readHeader();
    return table;
  }

  /** From the saved layout: no call. */
  static fromLayout(
    sheet: Sheet,
    def: SheetDef,
    lang: Lang,
    layout: SheetLayout,
    onRelayout?: (layout: SheetLayout) => void,
    fresh = false,
  ): Table {
    return new Table(
      sheet,
      def,
      lang,
      layout.name,
      new Map(Object.entries(layout.columns)),
      layout.width,
      fresh,
      onRelayout,
    );
  }

  private readHeader(): void {
    const width = this.sheet.getLastColumn();
    // The first rows in the same call: a header pushed down by an inserted row is named as such.
    const top =
      width > 0
        ? this.sheet.getRange(1, 1, Math.min(3, Math.max(1, this.sheet.getLastRow())), width).getValues()
        : [[]];
    checkHeaderRow(this.def, top, this.name);
    this.columns = mapHeader(this.def, top[0], this.name);
    this.width = width;
    this.fresh = true;
  }

  /** The saved layout proved stale: read the header again (two calls) and let the workbook save it. */
  relayout(): void {
    this.readHeader();
    this.onRelayout?.({ name: this.name, columns: Object.fromEntries(this.columns), width: this.width });
  }

  /** True when the cells of a header row hold, where the layout says, the labels of those columns. */
  private headerMatches(header: unknown[], offset = 0): boolean {
    for (const [key, i] of this.columns) {
      const cell = header[i - offset];
      if (cell === undefined) continue;
      if (!namesColumn(this.def, key, cell)) return false;
    }
    return true;
  }

  has(key: string): boolean {
    return this.columns.has(key);
  }

  /** 0-based index of a column; a missing column is a clear message naming it. */
  index(key: string): number {
    const i = this.columns.get(key);
    if (i === undefined) {
      throw new LibraryError('error.missingColumn', {
        sheet: this.name,
        column: t(this.lang, headerKey(this.def.key, key)),
      });
    }
    return i;
  }

  /**
   * Fails early, naming the first missing column, before anything is read or written. A column the
   * saved layout lacks is looked for in the header again first (it may have been put back).
   */
  require(...keys: string[]): this {
    if (!this.fresh && keys.some((k) => !this.columns.has(k))) this.relayout();
    for (const k of keys) this.index(k);
    return this;
  }

  columnDef(key: string): ColumnDef | undefined {
    return this.def.columns.find((c) => c.key === key);
  }

  get(row: Cell[], key: string): Cell {
    return row[this.index(key)];
  }

  text(row: Cell[], key: string): string {
    const v = row[this.index(key)];
    return v === undefined || v === null ? '' : String(v).trim();
  }

  /** A row as the sheet wants it, from column values by key; columns the table does not know stay blank. */
  toRow(values: RowValues): Cell[] {
    const row: Cell[] = new Array(this.width).fill('');
    for (const [key, v] of Object.entries(values)) {
      if (v !== undefined) row[this.index(key)] = v;
    }
    return row;
  }

  // Reading -----------------------------------------------------------------------------------

  /** Every data row (below the header): getLastRow and one getValues. */
  readAll(): { rows: Cell[][]; firstRow: number } {
    return this.readColumns();
  }

  /**
   * Every data row, but only the span of columns that holds `keys` (all columns when none are named):
   * a report reads the columns it needs, not every cell of a long sheet. Cells outside the span are
   * undefined, so `get` and `text` work as on a whole row.
   */
  readColumns(...keys: string[]): { rows: Cell[][]; firstRow: number } {
    const last = this.sheet.getLastRow();
    if (last < 2 || this.width === 0) return { rows: [], firstRow: 2 };
    const idx = keys.filter((k) => this.has(k)).map((k) => this.index(k));
    const from = idx.length > 0 ? Math.min(...idx) : 0;
    const to = idx.length > 0 ? Math.max(...idx) : this.width - 1;
    // The header row comes with the data (one call either way): it proves the layout, for free.
    const values = this.sheet.getRange(1, from + 1, last, to - from + 1).getValues() as Cell[][];
    if (!this.fresh && !this.headerMatches(values[0], from)) {
      this.relayout();
      return this.readColumns(...keys);
    }
    const body = values.slice(1);
    const rows = from === 0 ? body : body.map((v) => [...(new Array(from) as Cell[]), ...v]);
    return { rows, firstRow: 2 };
  }

  /**
   * As readColumns, in one call instead of two: an open-ended range ("C1:H", the header down to the
   * sheet's last row) read with one getValues; the blank rows below the data are dropped. For the
   * reports, which read several long sheets and keep each to one call, at the price of the sheet's
   * spare rows read as blanks.
   */
  readColumnsOnce(...keys: string[]): { rows: Cell[][]; firstRow: number; maxRows: number } {
    if (this.width === 0) return { rows: [], firstRow: 2, maxRows: 0 };
    const idx = keys.filter((k) => this.has(k)).map((k) => this.index(k));
    const from = idx.length > 0 ? Math.min(...idx) : 0;
    const to = idx.length > 0 ? Math.max(...idx) : this.width - 1;
    const values = this.sheet.getRange(`${columnLetter(from + 1)}1:${columnLetter(to + 1)}`).getValues() as Cell[][];
    if (!this.fresh && !this.headerMatches(values[0] ?? [], from)) {
      this.relayout();
      return this.readColumnsOnce(...keys);
    }
    let last = values.length;
    while (last > 1 && values[last - 1].every((v) => v === '' || v === null)) last--;
    const body = values.slice(1, last);
    const rows = from === 0 ? body : body.map((v) => [...(new Array(from) as Cell[]), ...v]);
    return { rows, firstRow: 2, maxRows: values.length };
  }

  /** Rows `first`..`first+count-1` (1-based sheet rows): one getValues. */
  readRows(first: number, count: number): Cell[][] {
    if (count <= 0 || this.width === 0) return [];
    return this.sheet.getRange(first, 1, count, this.width).getValues() as Cell[][];
  }

  readRow(rowNumber: number): Cell[] {
    return this.readRows(rowNumber, 1)[0] ?? [];
  }

  /**
   * Scattered rows in at most `maxReads` getValues: near rows are read together (a class pasted in
   * one block is one read). `rows` holds the rows asked for, `all` every row the blocks covered (a
   * write around them keeps those as they were); rows beyond `maxCells` cells are listed in `left`.
   * With `keys`, only the span of those columns is read (other cells are undefined).
   */
  readRowsAt(
    rowNumbers: readonly number[],
    maxReads = 6,
    maxCells = 5_000,
    keys: string[] = [],
  ): { rows: Map<number, Cell[]>; all: Map<number, Cell[]>; left: number[] } {
    const idx = keys.filter((k) => this.has(k)).map((k) => this.index(k));
    const from = idx.length > 0 ? Math.min(...idx) : 0;
    const to = idx.length > 0 ? Math.max(...idx) : this.width - 1;
    const width = Math.max(1, to - from + 1);
    const { spans, left } = planRowSpans(rowNumbers, maxReads, Math.floor(maxCells / width));
    const rows = new Map<number, Cell[]>();
    const all = new Map<number, Cell[]>();
    const wanted = new Set(rowNumbers);
    for (const span of spans) {
      const values = this.sheet.getRange(span.first, from + 1, span.count, width).getValues() as Cell[][];
      values.forEach((v, i) => {
        const row = from === 0 ? v : [...(new Array(from) as Cell[]), ...v];
        all.set(span.first + i, row);
        if (wanted.has(span.first + i)) rows.set(span.first + i, row);
      });
    }
    return { rows, all, left };
  }

  /**
   * Scattered rows, only the span of the columns `keys`, each at the cost of its own cells: every run
   * of adjacent rows one range, all in one request of the Sheets advanced service (scattered.ts);
   * dates as getValues gives them in `timeZone`. Without the service: readRowsAt's blocks.
   */
  readRowsScattered(
    rowNumbers: readonly number[],
    keys: string[],
    timeZone: string,
    fallback = { maxReads: 6, maxCells: 5_000 },
  ): ScatteredRead {
    return readScattered(this, rowNumbers, keys, timeZone, fallback);
  }

  // Searching ---------------------------------------------------------------------------------

  /**
   * Sheet rows whose `key` column matches `pattern` (RE2, over what the cells display): one TextFinder
   * search over the column from its header down. The header must match too: that proves, in the same
   * call, that the column still stands where the layout says (else the header is read again first).
   */
  search(key: string, pattern: string, wholeCell = true): number[] {
    const column = this.index(key) + 1;
    const labels = headerLabels(this.def, key).map((l) => literalPattern(l.trim()).replace(/\s+/g, '\\s+'));
    const header = `^\\s*(?:${labels.join('|')})\\s*$`;
    const letter = columnLetter(column);
    const found = this.sheet
      .getRange(`${letter}1:${letter}`)
      .createTextFinder(`${header}|${wholeCell ? pattern : `(?:${pattern})`}`)
      .useRegularExpression(true)
      .matchCase(false)
      .findAll()
      .map((r) => r.getRow());
    if (!found.includes(1)) {
      if (this.fresh) {
        throw new LibraryError('error.missingColumn', {
          sheet: this.name,
          column: t(this.lang, headerKey(this.def.key, key)),
        });
      }
      this.relayout();
      return this.search(key, pattern, wholeCell);
    }
    return found.filter((r) => r > 1);
  }

  /**
   * The row whose `key` column holds the code `typed` as a scanner or a hand gave it (any case,
   * spaces, layout, look-alike letters, lost leading zeros): one search and one read. Null when none;
   * two different codes that both fit are refused with both named.
   */
  find(key: string, typed: string): { rowNumber: number; row: Cell[] } | null {
    const q = String(typed ?? '').trim();
    if (q === '') return null;
    if (q.length > MAX_CODE_LENGTH) throw new LibraryError('error.codeTooLong', { length: q.length });
    const pattern = codeSearchPattern(q);
    if (!pattern) return null;
    const rowNumbers = this.search(key, pattern);
    if (rowNumbers.length === 0) return null;
    const found = rowNumbers.length === 1 ? [{ rowNumber: rowNumbers[0], row: this.readRow(rowNumbers[0]) }] : [];
    if (found.length === 0) {
      const { rows } = this.readRowsAt(rowNumbers, 4, 20_000);
      for (const [rowNumber, row] of rows) found.push({ rowNumber, row });
    }
    const picked = pickCode(q, found, (f) => f.row[this.index(key)]);
    if ('match' in picked) return picked.match;
    if ('ambiguous' in picked) {
      throw new LibraryError('error.ambiguousCode', { typed: q, codes: picked.ambiguous.slice(0, 5).join(', ') });
    }
    return null;
  }

  /**
   * Several codes in one search: for each typed code, its row or null (refusing an ambiguous one).
   * One TextFinder call, and one read per row found.
   */
  findEach(key: string, typed: string[]): Array<{ rowNumber: number; row: Cell[] } | null> {
    const qs = typed.map((x) => String(x ?? '').trim());
    for (const q of qs)
      if (q.length > MAX_CODE_LENGTH) throw new LibraryError('error.codeTooLong', { length: q.length });
    const patterns = qs
      .filter((q) => q !== '')
      .map((q) => codeSearchPattern(q))
      .filter((p): p is string => !!p);
    if (patterns.length === 0) return qs.map(() => null);
    const rowNumbers = this.search(key, patterns.map((p) => `(?:${p})`).join('|'));
    const found: Array<{ rowNumber: number; row: Cell[] }> = [];
    for (const n of rowNumbers.slice(0, 20)) found.push({ rowNumber: n, row: this.readRow(n) });
    return qs.map((q) => {
      if (q === '') return null;
      const picked = pickCode(q, found, (f) => f.row[this.index(key)]);
      if ('ambiguous' in picked) {
        throw new LibraryError('error.ambiguousCode', { typed: q, codes: picked.ambiguous.slice(0, 5).join(', ') });
      }
      return 'match' in picked ? picked.match : null;
    });
  }

  /**
   * A row read through a saved layout, checked before the columns `keys` of it are written: a list
   * column must hold one of its labels (or nothing), a date column a date (or nothing). A row that
   * fails was probably read with columns that have moved: the header is read again and the row with
   * it. (A layout read afresh is trusted: what fails then is the data, which the write puts right.)
   */
  checked(
    rowNumber: number,
    row: Cell[],
    isLabel: (e: NonNullable<ColumnDef['enum']>, v: unknown) => boolean,
    keys: string[],
    plausible: (row: Cell[]) => boolean = () => true,
  ): Cell[] {
    if (this.fresh) return row;
    for (const key of keys) {
      const col = this.columnDef(key);
      const i = this.columns.get(key);
      if (!col || i === undefined) continue;
      const v = row[i];
      if (v === '' || v === undefined || v === null) continue;
      const bad =
        (col.type === 'enum' && col.enum && !isLabel(col.enum, v)) ||
        ((col.type === 'date' || col.type === 'datetime') && !isDateValue(v));
      if (bad) return this.reread(rowNumber);
    }
    return plausible(row) ? row : this.reread(rowNumber);
  }

  private reread(rowNumber: number): Cell[] {
    this.relayout();
    return this.readRow(rowNumber);
  }

  // Writing -----------------------------------------------------------------------------------

  /** Changes some columns of one row (see updateMany). */
  update(rowNumber: number, changes: RowValues): void {
    this.updateMany([{ rowNumber, changes }]);
  }

  /**
   * Changes some columns of several rows. Only the changed cells are written: adjacent changed
   * columns form a block, rows that follow each other form a run, and each block of a run is one
   * setValues. Cells in between are never rewritten, so the librarian's formulas stay.
   */
  updateMany(edits: Array<{ rowNumber: number; changes: RowValues }>): void {
    const groups = new Map<string, Array<{ rowNumber: number; changes: RowValues }>>();
    for (const e of edits) {
      const keys = Object.keys(e.changes).sort();
      if (keys.length === 0) continue;
      const sig = keys.join('\u0000');
      groups.set(sig, [...(groups.get(sig) ?? []), e]);
    }
    for (const group of groups.values()) {
      const blocks: string[][] = [];
      for (const key of Object.keys(group[0].changes).sort((x, y) => this.index(x) - this.index(y))) {
        const last = blocks[blocks.length - 1];
        if (last && this.index(last[last.length - 1]) === this.index(key) - 1) last.push(key);
        else blocks.push([key]);
      }
      const rows = group.sort((x, y) => x.rowNumber - y.rowNumber);
      const runs: Array<typeof rows> = [];
      for (const e of rows) {
        const run = runs[runs.length - 1];
        if (run && run[run.length - 1].rowNumber === e.rowNumber - 1) run.push(e);
        else runs.push([e]);
      }
      for (const run of runs) {
        for (const block of blocks) {
          const values = run.map((e) => block.map((k) => e.changes[k] ?? ''));
          const range = this.sheet.getRange(run[0].rowNumber, this.index(block[0]) + 1, run.length, block.length);
          this.guardFormats(range, block, values);
          range.setValues(values);
        }
      }
    }
  }

  /**
   * Changes some columns of one row in one setValues: the span from the first changed column to the
   * last, the cells in between written back as `current` (the row as just read) has them. For a row
   * whose changed columns stand apart (a time stamp and a status), one call instead of one per block.
   * Text that looks like a formula anywhere in the span falls back to `update` (block by block, each
   * with its plain-text format).
   */
  updateSpan(rowNumber: number, changes: RowValues, current: Cell[]): void {
    const keys = Object.keys(changes).filter((k) => changes[k] !== undefined);
    if (keys.length === 0) return;
    const cols = keys.map((k) => this.index(k));
    const lo = Math.min(...cols);
    const hi = Math.max(...cols);
    const byCol = new Map(keys.map((k) => [this.index(k), changes[k] as Cell]));
    const values: Cell[] = [];
    for (let c = lo; c <= hi; c++) values.push(byCol.has(c) ? (byCol.get(c) as Cell) : (current[c] ?? ''));
    if (values.some(looksLikeFormula)) this.update(rowNumber, changes);
    else this.sheet.getRange(rowNumber, lo + 1, 1, hi - lo + 1).setValues([values]);
  }

  /**
   * Writes the columns `keys` (adjacent on the sheet) of scattered rows in few setValues: rows near
   * each other are written as one block, and the rows in between keep the values they were read with
   * (`read`, from readRowsAt's `all`). A class set's thirty loans cost a few writes, not thirty.
   */
  writeRowsAt(keys: string[], values: Map<number, RowValues>, read: Map<number, Cell[]>): void {
    const ordered = [...keys].sort((a, b) => this.index(a) - this.index(b));
    // Columns not side by side (an older sheet's order) are written group by group.
    const groups: string[][] = [];
    for (const k of ordered) {
      const g = groups[groups.length - 1];
      if (g && this.index(g[g.length - 1]) === this.index(k) - 1) g.push(k);
      else groups.push([k]);
    }
    if (groups.length > 1) {
      for (const g of groups) this.writeRowsAt(g, values, read);
      return;
    }
    const cols = ordered.map((k) => this.index(k));
    const targets = [...values.keys()].sort((a, b) => a - b);
    let block: number[] = [];
    const flush = () => {
      if (block.length === 0) return;
      const first = block[0];
      const last = block[block.length - 1];
      const data: Cell[][] = [];
      for (let r = first; r <= last; r++) {
        const change = values.get(r);
        const before = read.get(r);
        data.push(ordered.map((k) => (change && k in change ? (change[k] ?? '') : (before?.[this.index(k)] ?? ''))));
      }
      const range = this.sheet.getRange(first, cols[0] + 1, last - first + 1, cols.length);
      this.guardFormats(range, ordered, data);
      range.setValues(data);
      block = [];
    };
    for (const r of targets) {
      const prev = block[block.length - 1];
      let joinable = prev !== undefined;
      for (let x = (prev ?? r) + 1; joinable && x < r; x++) if (!read.has(x)) joinable = false;
      if (!joinable) flush();
      block.push(r);
    }
    flush();
  }

  /**
   * Appends rows below the last one. One row is one appendRow (Sheets finds the end itself, and the
   * row takes the formats Setup gave the column); several rows, or text that looks like a formula,
   * are getLastRow and one setValues (with plain-text formats where needed). Grows a full sheet.
   * Returns the sheet row of the first appended row when it is known (0 after appendRow). With `end`
   * (the sheet's last row and size as the caller just read them), no call but the writes.
   */
  append(rows: RowValues[], end?: { lastRow: number; maxRows: number }): number {
    if (rows.length === 0) return 0;
    const values = rows.map((r) => this.toRow(r));
    if (!end && values.length === 1 && !values[0].some(looksLikeFormula)) {
      this.sheet.appendRow(values[0]);
      return 0;
    }
    // Where the sheet ends, when the caller has just read it (no getLastRow, no getMaxRows).
    const first = (end ? end.lastRow : this.sheet.getLastRow()) + 1;
    this.ensureRows(first + rows.length - 1, end?.maxRows);
    const range = this.sheet.getRange(first, 1, rows.length, this.width);
    if (values.some((r) => r.some(looksLikeFormula))) range.setNumberFormats(this.formatsFor(rows.length));
    range.setValues(values);
    return first;
  }

  private guardFormats(range: GoogleAppsScript.Spreadsheet.Range, keys: string[], values: Cell[][]): void {
    if (!values.some((r) => r.some(looksLikeFormula))) return;
    const format = keys.map((k) => NUMBER_FORMATS[this.columnDef(k)?.type ?? 'text']);
    range.setNumberFormats(values.map(() => format.slice()));
  }

  private formatsFor(count: number): string[][] {
    const formats = new Array(this.width).fill('General');
    for (const col of this.def.columns) {
      const i = this.columns.get(col.key);
      if (i !== undefined) formats[i] = NUMBER_FORMATS[col.type];
    }
    return Array.from({ length: count }, () => formats.slice());
  }

  /** Grows a full sheet by at least GROW_BY rows, formatted as Setup formats its columns. */
  private ensureRows(lastNeeded: number, knownMax?: number): void {
    const max = knownMax ?? this.sheet.getMaxRows();
    if (lastNeeded <= max) return;
    const add = Math.max(lastNeeded - max, GROW_BY);
    this.sheet.insertRowsAfter(max, add);
    this.sheet.getRange(max + 1, 1, add, this.width).setNumberFormats(this.formatsFor(add));
  }
}
