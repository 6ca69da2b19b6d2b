/**
 * What one execution costs, from the runtime's counters (Spreadsheet calls that reach Google,
 * Cache/Properties, Mail and Calendar calls, cells read and written) and the script's own CPU time:
 * the execution's CPU time on this machine less the time spent inside the runtime's services (which
 * stand for Google's servers), measured as CPU time so other work on the machine does not inflate it.
 * The services are timed by wrapping the globals the bundle sees; what
 * a service returns (a Sheet, a Range) is wrapped too, plain values (arrays of cells, Dates) are not,
 * so the script's own loops over its data run at full speed.
 */
import type { Runtime } from '../emulator';
import { REMOTE as CALENDAR_REMOTE } from '../emulator/calendar';

export interface Cost {
  sheets: number;
  store: number;
  mail: number;
  calendar: number;
  cellsRead: number;
  cellsWritten: number;
  flushes: number;
  /** Read calls, write calls (the rest of the Spreadsheet calls), by the method's name. */
  reads: number;
  writes: number;
  /** Store calls that write (Properties set/delete, Cache put/remove). */
  storeWrites: number;
  /**
   * The script's own CPU time (ms): the process's CPU time during the execution less the time inside
   * the runtime's services and less the evaluation of the bundle for the fresh global scope (`loadMs`,
   * shown apart: Apps Script pays it too, but it is the same for every action).
   */
  cpuMs: number;
  loadMs: number;
  serviceMs: number;
  /** Calls per method, for the table. */
  calls: Record<string, number>;
}

const SERVICES = [
  'SpreadsheetApp',
  'MailApp',
  'CalendarApp',
  'Charts',
  'ScriptApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'HtmlService',
];

/** A Spreadsheet call that only reads (a round trip that moves no data to Google); batchGet of the Sheets API too. */
const READ = /\.(get|find|is|has|batchGet)/;

export class Meter {
  private serviceMs = 0;
  private depth = 0;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(private readonly rt: Runtime) {
    for (const name of SERVICES) {
      const service = rt.globals[name];
      if (service && typeof service === 'object') rt.globals[name] = this.wrap(service as object);
    }
    // The Sheets advanced service's methods sit on its resources: Sheets.Spreadsheets.Values.
    const sheets = rt.globals.Sheets as { Spreadsheets: { Values: object } } | undefined;
    if (sheets)
      rt.globals.Sheets = { Spreadsheets: { ...sheets.Spreadsheets, Values: this.wrap(sheets.Spreadsheets.Values) } };
  }

  private wrap(obj: object): object {
    const known = this.proxies.get(obj);
    if (known) return known;
    const meter = this;
    const proxy = new Proxy(obj, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== 'function' || key === 'constructor') return value;
        return (...args: unknown[]) =>
          meter.timed(() =>
            value.apply(
              target,
              args.map((a) => meter.unwrap(a)),
            ),
          );
      },
    });
    this.proxies.set(obj, proxy);
    this.targets.set(proxy, obj);
    return proxy;
  }

  private unwrap(a: unknown): unknown {
    if (a && typeof a === 'object') {
      const t = this.targets.get(a);
      if (t) return t;
      if (Array.isArray(a) && a.some((x) => x && typeof x === 'object' && this.targets.has(x)))
        return a.map((x) => this.unwrap(x));
    }
    return a;
  }

  /** An object of a service class is wrapped; plain data (arrays of values, Dates, records) is not. */
  private result(r: unknown): unknown {
    if (!r || typeof r !== 'object') return r;
    if (Array.isArray(r)) return r.length > 0 && isServiceObject(r[0]) ? r.map((x) => this.result(x)) : r;
    return isServiceObject(r) ? this.wrap(r) : r;
  }

  private timed<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    const start = process.cpuUsage();
    try {
      return this.result(fn()) as T;
    } finally {
      this.serviceMs += cpuMs(process.cpuUsage(start));
      this.depth--;
    }
  }

  /** Runs one execution (or a few: a trigger's) and says what it cost. */
  measure(run: () => unknown): Cost {
    const { counters } = this.rt;
    counters.reset();
    this.serviceMs = 0;
    const loaded = this.rt.loading.cpuMs;
    const start = process.cpuUsage();
    run();
    const total = cpuMs(process.cpuUsage(start));
    const loadMs = this.rt.loading.cpuMs - loaded;
    const calls = counters.snapshot().calls;
    const sheetCalls = counters.spreadsheetCalls();
    let reads = 0;
    let writes = 0;
    for (const [name, n] of Object.entries(sheetCalls)) {
      if (READ.test(name.slice(name.indexOf('.')))) reads += n;
      else if (!name.endsWith('.flush')) writes += n;
    }
    const sum = (test: (cls: string, method: string) => boolean) =>
      Object.entries(calls).reduce((a, [name, n]) => {
        const [cls, method] = name.split('.');
        return test(cls, method) ? a + n : a;
      }, 0);
    return {
      sheets: counters.spreadsheetTotal(),
      store: counters.storeTotal(),
      mail: sum((cls) => cls === 'MailApp'),
      // As the runtime's Calendar reckons latency: finding calendars, reading events, every change
      // (an event's getters read the object in hand).
      calendar: sum((cls, method) => CALENDAR_REMOTE.test(`${cls}.${method}`)),
      cellsRead: counters.cellsRead,
      cellsWritten: counters.cellsWritten,
      flushes: sheetCalls['SpreadsheetApp.flush'] ?? 0,
      reads,
      writes,
      storeWrites: sum((cls, m) => (cls === 'Properties' || cls === 'Cache') && /^(set|put|delete|remove)/.test(m)),
      cpuMs: Math.max(0, total - this.serviceMs - loadMs),
      loadMs,
      serviceMs: this.serviceMs,
      calls: sheetCalls,
    };
  }
}

function isServiceObject(x: unknown): boolean {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  if (Object.prototype.toString.call(x) === '[object Date]') return false;
  const proto = Object.getPrototypeOf(x);
  return proto !== Object.prototype && proto !== null;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
