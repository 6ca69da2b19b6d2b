/**
 * A sheet seen as a table: its header row names the columns, in any of the three languages, so a
 * librarian who reorders or inserts columns breaks nothing. Reads are one getValues; writes are one
 * setValues per contiguous block.
 */
import { LibraryError } from '../errors';
import { allLanguages, type Lang, normalise, t } from '../i18n';
import { type ColumnDef, headerKey, NUMBER_FORMATS, type SheetDef, sheetNameKey } from '../schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Cell = string | number | boolean | Date;

/** Rows added at a time when a sheet is full. */
const GROW_BY = 500;
export type RowValues = Record<string, Cell | undefined>;

/** Where each known column stands (0-based), read from a header row. */
export function mapHeader(def: SheetDef, header: unknown[], sheetName: string): Map<string, number> {
  const byLabel = new Map<string, string>();
  for (const col of def.columns) {
    for (const label of allLanguages(headerKey(def.key, col.key))) byLabel.set(normalise(label), col.key);
  }
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const key = byLabel.get(normalise(h));
    if (!key) return;
    if (found.has(key)) {
      throw new LibraryError('error.duplicateColumn', { sheet: sheetName, column: String(h).trim() });
    }
    found.set(key, i);
  });
  return found;
}

export class Table {
  private constructor(
    readonly sheet: Sheet,
    readonly def: SheetDef,
    readonly lang: Lang,
    readonly name: string,
    /** 0-based index of each known column. */
    readonly columns: Map<string, number>,
    /** How many columns the sheet uses (header width). */
    readonly width: number,
  ) {}

  static open(sheet: Sheet, def: SheetDef, lang: Lang): Table {
    const name = sheet.getName();
    const width = sheet.getLastColumn();
    const header = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
    return new Table(sheet, def, lang, name, mapHeader(def, header, name), width);
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

  /** Fails early, naming the first missing column, before anything is read or written. */
  require(...keys: string[]): this {
    for (const k of keys) this.index(k);
    return this;
  }

  /** Every data row (below the header) with one getValues. */
  readAll(): { rows: Cell[][]; firstRow: number } {
    const last = this.sheet.getLastRow();
    if (last < 2 || this.width === 0) return { rows: [], firstRow: 2 };
    return { rows: this.sheet.getRange(2, 1, last - 1, this.width).getValues() as Cell[][], firstRow: 2 };
  }

  /** Reads rows `first`..`first+count-1` (1-based sheet rows). */
  readRows(first: number, count: number): Cell[][] {
    if (count <= 0 || this.width === 0) return [];
    return this.sheet.getRange(first, 1, count, this.width).getValues() as Cell[][];
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

  private formatsFor(count: number): string[][] {
    const formats = new Array(this.width).fill('General');
    for (const col of this.def.columns) {
      const i = this.columns.get(col.key);
      if (i !== undefined) formats[i] = NUMBER_FORMATS[col.type];
    }
    return Array.from({ length: count }, () => formats.slice());
  }

  /**
   * Appends rows below the last one: one setNumberFormats (text columns stay plain text, so user text
   * never becomes a number or a formula) and one setValues. Grows the sheet when it is full.
   * Returns the sheet row number of the first appended row.
   */
  append(rows: RowValues[]): number {
    if (rows.length === 0) return 0;
    const first = this.sheet.getLastRow() + 1;
    this.ensureRows(first + rows.length - 1);
    const range = this.sheet.getRange(first, 1, rows.length, this.width);
    range.setNumberFormats(this.formatsFor(rows.length));
    range.setValues(rows.map((r) => this.toRow(r)));
    return first;
  }

  /** Changes some columns of one row (see updateMany). */
  update(rowNumber: number, changes: RowValues): void {
    this.updateMany([{ rowNumber, changes }]);
  }

  /**
   * Changes some columns of several rows. Only the changed cells are written: adjacent changed
   * columns form a block, rows that follow each other form a run, and each block of a run is one
   * setNumberFormats (so a code stays plain text even in a cell pasted with other formatting) and
   * one setValues. Cells in between are never rewritten, so the librarian's formulas stay.
   */
  updateMany(edits: Array<{ rowNumber: number; changes: RowValues }>): void {
    // Rows that change the same columns are written together.
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
          const range = this.sheet.getRange(run[0].rowNumber, this.index(block[0]) + 1, run.length, block.length);
          const format = block.map((k) => NUMBER_FORMATS[this.columnDef(k)?.type ?? 'text']);
          range.setNumberFormats(run.map(() => format.slice()));
          range.setValues(run.map((e) => block.map((k) => e.changes[k] ?? '')));
        }
      }
    }
  }

  /**
   * Sheet rows whose `key` column holds `value` (any case, spaces around it ignored), found by a
   * TextFinder on that column: one search on Google's side, no cells read, however long the sheet grows.
   */
  findRows(key: string, value: string): number[] {
    const last = this.sheet.getLastRow();
    const wanted = value.trim();
    if (last < 2 || wanted === '') return [];
    // Spaces around a pasted code do not hide it: the whole cell, give or take spaces, must match.
    const pattern = `^\\s*${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`;
    return this.sheet
      .getRange(2, this.index(key) + 1, last - 1, 1)
      .createTextFinder(pattern)
      .useRegularExpression(true)
      .findAll()
      .map((r) => r.getRow());
  }

  /** The first row whose `key` column holds `value`, read; null when there is none. */
  findOne(key: string, value: string): { rowNumber: number; row: Cell[] } | null {
    const [rowNumber] = this.findRows(key, value);
    return rowNumber === undefined ? null : { rowNumber, row: this.readRows(rowNumber, 1)[0] };
  }

  /** Grows a full sheet by at least GROW_BY rows, so appends rarely pay for an insert. */
  private ensureRows(lastNeeded: number): void {
    const max = this.sheet.getMaxRows();
    if (lastNeeded > max) this.sheet.insertRowsAfter(max, Math.max(lastNeeded - max, GROW_BY));
  }

  columnDef(key: string): ColumnDef | undefined {
    return this.def.columns.find((c) => c.key === key);
  }
}

/** The sheet's name in every language, the current one first. */
export function sheetNames(def: SheetDef, lang: Lang): string[] {
  const current = t(lang, sheetNameKey(def.key));
  return [current, ...allLanguages(sheetNameKey(def.key)).filter((n) => n !== current)];
}
