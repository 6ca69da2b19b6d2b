/**
 * Shared machinery of the in-memory Apps Script runtime: the error type the real services throw,
 * the per-method call counters, the clock (a Date whose "now" the tests control) and the execution
 * context (a menu click has a UI; a time-driven trigger has none).
 */

/** Apps Script service errors print as "Exception: ..." and carry the bare text in `message`. */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export interface CounterSnapshot {
  /** Calls per "Class.method", e.g. "Range.getValues". */
  calls: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

/** Classes of the Spreadsheet service. */
const SPREADSHEET_CLASSES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'TextFinder',
  'Protection',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  // The Sheets advanced service (Sheets.Spreadsheets.Values.batchGet): a request to the same document.
  'Sheets',
]);

/**
 * Spreadsheet methods that do not reach Google: taking a handle (getActiveSpreadsheet,
 * getSheetByName, getRange, createTextFinder and its options) and reading what an object in hand
 * already knows (getName, getRow, getSheet...). Every other Spreadsheet call is a round trip: a read
 * (getValues, getLastRow, a TextFinder search), a write (setValues, appendRow, setNumberFormats), a
 * flush. This is how the issues budget a desk action ("at most 10 calls that reach Google").
 */
export const HANDLE_OR_ACCESSOR = new Set([
  'SpreadsheetApp.getActiveSpreadsheet',
  'SpreadsheetApp.getActive',
  'SpreadsheetApp.getActiveSheet',
  'SpreadsheetApp.getUi',
  'SpreadsheetApp.newDataValidation',
  'Spreadsheet.getSheetByName',
  'Spreadsheet.getSheets',
  'Spreadsheet.getId',
  'Spreadsheet.getName',
  'Spreadsheet.getUrl',
  'Spreadsheet.getRange',
  'Spreadsheet.getActiveSheet',
  'Sheet.getRange',
  'Sheet.getName',
  'Sheet.getParent',
  'Sheet.getSheetId',
  'Sheet.getIndex',
  'Sheet.createTextFinder',
  // A chart builder is a value until Sheet.insertChart or updateChart sends it.
  'Sheet.newChart',
  'Range.getRow',
  'Range.getColumn',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Range.getHeight',
  'Range.getWidth',
  'Range.getSheet',
  'Range.getGridId',
  'Range.getA1Notation',
  'Range.getLastRow',
  'Range.getLastColumn',
  'Range.offset',
  'Range.getCell',
  'Range.createTextFinder',
  'TextFinder.matchCase',
  'TextFinder.matchEntireCell',
  'TextFinder.useRegularExpression',
  'TextFinder.matchFormulaText',
  'TextFinder.ignoreDiacritics',
  'TextFinder.startFrom',
  'Protection.getDescription',
]);

/** Calls of the Cache and Properties services that reach Google (taking the store is a handle). */
const STORE_HANDLES = new Set([
  'CacheService.getDocumentCache',
  'CacheService.getScriptCache',
  'CacheService.getUserCache',
  'PropertiesService.getDocumentProperties',
  'PropertiesService.getScriptProperties',
  'PropertiesService.getUserProperties',
]);

/** Counts every service call, per method, and the cells moved by reads and writes. */
export class Counters {
  private calls = new Map<string, number>();
  cellsRead = 0;
  cellsWritten = 0;

  call(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  read(cells: number): void {
    this.cellsRead += cells;
  }
  wrote(cells: number): void {
    this.cellsWritten += cells;
  }
  reset(): void {
    this.calls.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
  snapshot(): CounterSnapshot {
    const calls = Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const totalCalls = [...this.calls.values()].reduce((a, b) => a + b, 0);
    return { calls, totalCalls, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten };
  }
  count(name: string): number {
    return this.calls.get(name) ?? 0;
  }
  /** Spreadsheet calls that reach Google, per method (see HANDLE_OR_ACCESSOR). */
  spreadsheetCalls(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, n] of this.calls) {
      if (SPREADSHEET_CLASSES.has(name.split('.')[0]) && !HANDLE_OR_ACCESSOR.has(name)) out[name] = n;
    }
    return out;
  }
  /** How many Spreadsheet calls reached Google. */
  spreadsheetTotal(): number {
    return Object.values(this.spreadsheetCalls()).reduce((a, b) => a + b, 0);
  }
  /** Cache and Properties calls (reads and writes of the stores). */
  storeTotal(): number {
    let n = 0;
    for (const [name, c] of this.calls) {
      const cls = name.split('.')[0];
      if ((cls === 'Cache' || cls === 'Properties') && !STORE_HANDLES.has(name)) n += c;
      if ((cls === 'CacheService' || cls === 'PropertiesService') && !STORE_HANDLES.has(name)) n += c;
    }
    return n;
  }
}

/**
 * The runtime's clock. `FakeDate` is handed to the bundle as its global `Date`, so `new Date()` and
 * `Date.now()` in the script read this clock, and Date objects pass between the bundle and the
 * services without cross-realm surprises (`instanceof Date` holds on both sides).
 */
export class Clock {
  private nowMs: number;
  readonly FakeDate: DateConstructor;

  constructor(start: Date = new Date()) {
    this.nowMs = start.getTime();
    const clock = this;
    const RealDate = Date;
    class FakeDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.nowMs);
        else super(...(args as [string]));
      }
      static override now(): number {
        return clock.nowMs;
      }
    }
    this.FakeDate = FakeDate as unknown as DateConstructor;
  }

  now(): Date {
    return new Date(this.nowMs);
  }
  nowMillis(): number {
    return this.nowMs;
  }
  set(date: Date): void {
    this.nowMs = date.getTime();
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** What kind of execution is running: a user at the sheet, or a trigger with no one watching. */
export type ExecutionKind = 'ui' | 'trigger';

export class Execution {
  kind: ExecutionKind = 'ui';
  /** Run `fn` as a time-driven trigger would: no UI is available inside. */
  asTrigger<T>(fn: () => T): T {
    const before = this.kind;
    this.kind = 'trigger';
    try {
      return fn();
    } finally {
      this.kind = before;
    }
  }
}

/** True for a Date from any realm. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What every service of the runtime shares. */
export interface Env {
  counters: Counters;
  clock: Clock;
  execution: Execution;
  /** The script's and the spreadsheet's time zone (appsscript.json timeZone). */
  timeZone: string;
  /** The e-mail of the user running the script (Session.getActiveUser). */
  userEmail: string;
  /** The Ui that SpreadsheetApp.getUi() returns outside triggers; set by createRuntime. */
  ui?: unknown;
}

/** A fresh Env: what a test of a single service, or createRuntime, starts from. */
export function createEnv(opts: { now?: Date; timeZone?: string; userEmail?: string } = {}): Env {
  return {
    counters: new Counters(),
    clock: new Clock(opts.now ?? new Date()),
    execution: new Execution(),
    timeZone: opts.timeZone ?? 'Asia/Almaty',
    userEmail: opts.userEmail ?? 'librarian@example.com',
  };
}

/** English month and weekday names, as Java's date formats and Sheets' number formats print them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
