/**
 * The rows the calendar keeps in step with: the Events and Duties sheets, each read with one
 * getValues, their sync columns (key, calendar event id, state, note, what was last written), and
 * the writes of a sync's results. A sync runs for minutes while the librarian may sort or insert rows,
 * so results are written to the row that holds the key now (the key column is read again first), and
 * only cells whose value changes are written.
 */
import type { DayKey } from '../dates';
import { type Fingerprint, readFingerprint } from '../domain/calendar/sync';
import type { EnumCode } from '../schema';
import { choiceCode, choiceLabel } from '../sheets/choices';
import { dateFor, dayOf, isDateValue } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import type { Cell, RowValues, Table } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';

export type SyncSheet = 'events' | 'duties';
export type SyncCode = EnumCode<'syncState'>;

/** The sync columns every synced sheet has. */
export const SYNC_COLUMNS = ['key', 'calendarId', 'sync', 'syncNote', 'syncedAs'] as const;

export interface SyncRow {
  sheet: SyncSheet;
  rowNumber: number;
  key: string;
  eventId: string;
  status: SyncCode | null;
  note: string;
  suggested: DayKey | null;
  fingerprint: Fingerprint | null;
  /** The whole row, to read the sheet's own columns from. */
  values: Cell[];
}

/** What a sync writes on a row: the state, its note, the event id, the suggestion, what was written. */
export interface RowResult {
  status: SyncCode;
  note: string;
  eventId?: string;
  suggested?: DayKey | null;
  syncedAs?: string;
}

const blank = (v: Cell | undefined) => v === undefined || v === null || String(v).trim() === '';

export class SyncTable {
  readonly rows: SyncRow[];

  private constructor(
    readonly wb: Workbook,
    readonly sheet: SyncSheet,
    readonly table: Table,
    rows: SyncRow[],
  ) {
    this.rows = rows;
  }

  /** The sheet's rows that hold anything (one read). */
  static read(wb: Workbook, sheet: SyncSheet, required: string[]): SyncTable {
    const table = wb.table(sheet).require(...required, ...SYNC_COLUMNS);
    const { rows, firstRow } = table.readAll();
    const out: SyncRow[] = [];
    const keys = [...table.columns.keys()];
    rows.forEach((values, i) => {
      const own = keys.filter((k) => !(SYNC_COLUMNS as readonly string[]).includes(k) && k !== 'suggested');
      if (own.every((k) => blank(values[table.index(k)]))) return;
      out.push({
        sheet,
        rowNumber: firstRow + i,
        key: table.text(values, 'key'),
        eventId: table.text(values, 'calendarId'),
        status: choiceCode('syncState', table.get(values, 'sync')),
        note: table.text(values, 'syncNote'),
        suggested: table.has('suggested') ? dayOf(table.get(values, 'suggested'), wb.timeZone) : null,
        fingerprint: readFingerprint(table.text(values, 'syncedAs')),
        values,
      });
    });
    return new SyncTable(wb, sheet, table, out);
  }

  text(row: SyncRow, key: string): string {
    return this.table.has(key) ? this.table.text(row.values, key) : '';
  }

  cell(row: SyncRow, key: string): Cell | undefined {
    return this.table.has(key) ? row.values[this.table.index(key)] : undefined;
  }

  /** Gives every row without a key its new key, written at once (before anything reaches the calendar). */
  assignKeys(make: () => string): void {
    const edits: Array<{ rowNumber: number; changes: RowValues }> = [];
    const seen = new Set<string>();
    for (const row of this.rows) {
      // A copied row brings its key and event along: the copy gets its own key and no event.
      if (row.key !== '' && !seen.has(row.key)) {
        seen.add(row.key);
        continue;
      }
      row.key = make();
      seen.add(row.key);
      const copied = row.eventId !== '';
      row.eventId = '';
      row.fingerprint = null;
      edits.push({
        rowNumber: row.rowNumber,
        changes: copied ? { key: row.key, calendarId: '', syncedAs: '' } : { key: row.key },
      });
    }
    if (edits.length > 0) withDocumentLock(() => this.table.updateMany(edits));
  }

  /** The cells a result changes on a row, as the sheet holds them. */
  private changes(row: SyncRow, r: RowResult): RowValues {
    const lang = this.wb.lang;
    const out: RowValues = {};
    const label = choiceLabel(lang, 'syncState', r.status);
    if (this.text(row, 'sync') !== label) out.sync = label;
    if (row.note !== r.note) out.syncNote = r.note;
    if (r.eventId !== undefined && row.eventId !== r.eventId) out.calendarId = r.eventId;
    if (r.syncedAs !== undefined && this.text(row, 'syncedAs') !== r.syncedAs) out.syncedAs = r.syncedAs;
    if (r.suggested !== undefined && this.table.has('suggested') && row.suggested !== r.suggested) {
      out.suggested = r.suggested ? dateFor(r.suggested, this.wb.timeZone) : '';
    }
    return out;
  }

  /**
   * Writes results, by key, to the rows that hold those keys now: one read of the key column, then one
   * write per block of adjacent changed cells. Returns how many rows changed.
   */
  write(results: ReadonlyMap<string, RowResult>): number {
    if (results.size === 0) return 0;
    const byKey = new Map(this.rows.map((r) => [r.key, r]));
    const wanted = [...results.entries()]
      .map(([key, r]) => ({ row: byKey.get(key), r }))
      .filter((x): x is { row: SyncRow; r: RowResult } => !!x.row)
      .map(({ row, r }) => ({ row, r, changes: this.changes(row, r) }))
      .filter((x) => Object.keys(x.changes).length > 0);
    if (wanted.length === 0) return 0;
    return withDocumentLock(() => {
      const now = this.table.readColumns('key').rows.map((v) => this.table.text(v, 'key'));
      const edits: Array<{ rowNumber: number; changes: RowValues }> = [];
      for (const { row, r, changes } of wanted) {
        const i = now.indexOf(row.key);
        if (i < 0) continue; // the row was deleted meanwhile: the next sync removes its event
        edits.push({ rowNumber: i + 2, changes });
        // What the row now holds, so a later write of the same run compares with it.
        row.rowNumber = i + 2;
        row.status = r.status;
        row.note = r.note;
        if (r.eventId !== undefined) row.eventId = r.eventId;
        if (r.suggested !== undefined) row.suggested = r.suggested;
        for (const [k, v] of Object.entries(changes))
          if (this.table.has(k)) row.values[this.table.index(k)] = v as Cell;
      }
      this.table.updateMany(edits);
      return edits.length;
    }, 30_000);
  }
}

/** A date cell as a day key: a real date, or text as people write it (left to the caller). */
export function cellDay(v: Cell | undefined, timeZone: string): DayKey | null {
  return isDateValue(v) ? dayOf(v, timeZone) : null;
}
