/**
 * Keeping the fund on the sheets: what every fund action shares — today, dates at the sheet boundary,
 * the fund's settings, the labels of the lists, whole-sheet reads of the columns an action needs, and
 * appending a block of rows whose sheet rows are known (the register rows a change marks "being
 * written" must be found again to be marked done).
 */
import { type DayKey, isDayKey, showDay } from '../dates';
import type { Kind } from '../domain/circulation';
import { codeKey } from '../domain/codes';
import { type NumberingRule, parseRule } from '../domain/inventory-numbers';
import { LibraryError } from '../errors';
import { type MessageKey, t } from '../messages';
import type { EnumCode, EnumName, SheetKey } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dateFor, dayOf, today } from '../sheets/dates';
import { logAction } from '../sheets/log';
import type { Cell, RowValues, Table } from '../sheets/table';
import { currentUserEmail } from '../sheets/user';
import type { Workbook } from '../sheets/workbook';

export interface FundSettings {
  numbering: NumberingRule;
  /** Textbooks counted per title (no number of the inventory book a copy). */
  groupTextbooks: boolean;
  chair: string;
  members: string[];
}

/** A catalogue entry as the fund needs it. */
export interface TitleFacts {
  titleId: string;
  kind: Kind;
  author: string;
  title: string;
  year: number | null;
}

/** Copies columns added after the first release: read when the sheet has them, never required. */
const OPTIONAL_COPY_COLUMNS = new Set(['arrival', 'location', 'withdrawn']);

export class Fund {
  readonly today: DayKey;

  constructor(readonly wb: Workbook) {
    this.today = today(wb.timeZone);
  }

  get lang() {
    return this.wb.lang;
  }

  table(key: SheetKey): Table {
    return this.wb.table(key);
  }

  settings(): FundSettings {
    const s = this.wb.layout.settings;
    return {
      numbering: parseRule(s.inventoryFormat ?? '000000'),
      groupTextbooks:
        String(s.textbookAccounting ?? '')
          .trim()
          .toLowerCase() === 'group',
      chair: String(s.commissionChair ?? '').trim(),
      members: String(s.commissionMembers ?? '')
        .split(/[,;\n]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    };
  }

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.lang, key, params);
  }

  label<E extends EnumName>(e: E, code: EnumCode<E>): string {
    return choiceLabel(this.lang, e, code);
  }

  code<E extends EnumName>(e: E, v: unknown): EnumCode<E> | null {
    return choiceCode(e, v);
  }

  date(day: DayKey): Date {
    return dateFor(day, this.wb.timeZone);
  }

  day(v: unknown): DayKey | null {
    return dayOf(v, this.wb.timeZone);
  }

  show(day: DayKey | null): string {
    return showDay(day);
  }

  /** A day the librarian typed (dd.mm.yyyy or yyyy-mm-dd), today when empty; a clear refusal otherwise. */
  dayFrom(typed: unknown): DayKey {
    const s = String(typed ?? '').trim();
    if (s === '') return this.today;
    const d = this.day(s);
    if (!d || !isDayKey(d)) throw new LibraryError('fund.error.badDate', { date: s.slice(0, 20) });
    return d;
  }

  user(): string {
    return currentUserEmail();
  }

  log(action: string, details: string): void {
    logAction(this.wb, action, details);
  }

  /** The catalogue's entries (one read of the columns they span), by title code. */
  titles(): Map<string, TitleFacts> {
    const table = this.table('titles').require('titleId', 'kind');
    const keys = ['titleId', 'kind', 'author', 'title', 'year'].filter((k) => table.has(k));
    const out = new Map<string, TitleFacts>();
    for (const row of table.readColumns(...keys).rows) {
      const id = table.text(row, 'titleId');
      if (!id) continue;
      const year = table.has('year') ? Number(table.get(row, 'year')) : Number.NaN;
      out.set(codeKey(id), {
        titleId: id,
        kind: this.code('kind', table.get(row, 'kind')) ?? 'fiction',
        author: table.has('author') ? table.text(row, 'author') : '',
        title: table.has('title') ? table.text(row, 'title') : '',
        year: Number.isInteger(year) && year > 0 ? year : null,
      });
    }
    return out;
  }

  /**
   * The Copies sheet read once (the span of `keys`), by inventory number: for the actions that touch
   * many copies (acts, raids, stocktakes, receipts). `all` holds every row read, for writeRowsAt.
   */
  copyRows(...keys: string[]): {
    table: Table;
    byInventory: Map<string, { rowNumber: number; row: Cell[] }>;
    all: Map<number, Cell[]>;
  } {
    const table = this.table('copies').require('inventory', ...keys.filter((k) => !OPTIONAL_COPY_COLUMNS.has(k)));
    const { rows, firstRow } = table.readColumns('inventory', ...keys.filter((k) => table.has(k)));
    const byInventory = new Map<string, { rowNumber: number; row: Cell[] }>();
    const all = new Map<number, Cell[]>();
    rows.forEach((row, i) => {
      all.set(firstRow + i, row);
      const inv = codeKey(table.get(row, 'inventory'));
      if (inv && !byInventory.has(inv)) byInventory.set(inv, { rowNumber: firstRow + i, row });
    });
    return { table, byInventory, all };
  }

  /**
   * Appends rows as one block and says where they went (getLastRow, then one setValues through
   * Table.append; one appended row is found again by its first column's value).
   */
  appendBlock(table: Table, rows: RowValues[], findBy: string): number[] {
    if (rows.length === 0) return [];
    const first = table.append(rows);
    if (first > 0) return rows.map((_, i) => first + i);
    const value = String(rows[0][findBy] ?? '');
    const found = table.search(findBy, `^\\s*${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*$`);
    return [found[found.length - 1]];
  }
}

/** The text of a cell of a row read with `readColumns`: '' for a column the sheet lacks. */
export function cellText(table: Table, row: Cell[], key: string): string {
  return table.has(key) ? table.text(row, key) : '';
}

/** "Author. Title", as the desk names a book. */
export function bookLabel(t: { author: string; title: string } | undefined, fallback: string): string {
  if (!t?.title) return fallback;
  if (!t.author) return t.title;
  return /[.!?]$/.test(t.author) ? `${t.author} ${t.title}` : `${t.author}. ${t.title}`;
}

/** A regular expression (RE2) matching a cell that holds exactly one of the labels. */
export function labelsPattern(labels: string[]): string {
  const alts = labels.map((l) =>
    l
      .trim()
      .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      .replace(/\s+/g, '\\s+'),
  );
  return `^\\s*(?:${alts.join('|')})\\s*$`;
}
