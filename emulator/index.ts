/**
 * The in-memory Apps Script runtime: wires every service to one Env and loads the bundle (a classic
 * script) with gas-local, so its top-level functions see these services as globals.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { createCacheService } from './cache';
import { createCalendarApp } from './calendar';
import { createCharts } from './charts';
import { createEnv, type Env, GasException } from './core';
import { createHtmlService } from './html';
import { createLockService } from './lock';
import { createMailApp } from './mail';
import { NOT_EMULATED, notEmulated } from './not-emulated';
import { createPropertiesService } from './properties';
import { createSession } from './session';
import { createSheetsAdvancedService } from './sheets-api';
import { createSpreadsheetApp } from './spreadsheet';
import { createScriptApp, type TimeDrivenEvent } from './triggers';
import { createUi } from './ui';
import { createUtilities } from './utilities';

export interface RuntimeOptions {
  now?: Date;
  /** The script's time zone (appsscript.json); default 'Asia/Almaty'. */
  timeZone?: string;
  userEmail?: string;
  /** Session.getActiveUserLocale(); default 'kk'. */
  locale?: string;
  /** Where createHtmlOutputFromFile looks; default 'build'. */
  htmlDir?: string;
  /** MailApp recipients a day; default 100. */
  mailQuota?: number;
  /**
   * How long an execution may run on the runtime's clock (which moves with Utilities.sleep and service
   * latency) before its next service call throws "Exceeded maximum execution time": 6 minutes, as
   * Apps Script's limit for scripts and triggers; null for none.
   */
  executionTimeLimitMs?: number | null;
  /**
   * Whether the manifest enables the Sheets advanced service (the `Sheets` global, v4); default true,
   * as appsscript.json does. False: no `Sheets` global, as in a project where it is not enabled.
   */
  advancedSheets?: boolean;
}

const require = createRequire(import.meta.url);

/** What Apps Script says when it stops an execution at its time limit (6 minutes, 30 for Workspace). */
export const EXECUTION_TIME_ERROR = 'Exceeded maximum execution time';
export const EXECUTION_TIME_LIMIT_MS = 6 * 60_000;

/** An execution to stop partway (see `stopExecutionAfter`). */
interface Stop {
  /** Service calls (of `only`, when given) the execution may still make. */
  left: number;
  only?: string;
  /** The execution it applies to, once it has started. */
  execution: number | null;
  /** The call that was refused, once it was stopped. */
  refused: string | null;
}

export function createRuntime(opts: RuntimeOptions = {}) {
  const env: Env = createEnv({ now: opts.now, timeZone: opts.timeZone, userEmail: opts.userEmail });
  const { counters, clock, execution } = env;

  const ui = createUi(env);
  env.ui = ui.ui;
  const { SpreadsheetApp, spreadsheet } = createSpreadsheetApp(env);
  const mail = createMailApp(env, { quota: opts.mailQuota });
  const calendar = createCalendarApp(env);
  const triggers = createScriptApp(env);
  const properties = createPropertiesService(env);
  const lock = createLockService(env);
  const cache = createCacheService(env);
  const session = createSession(env, { locale: opts.locale });
  const utilities = createUtilities(env);
  // The spreadsheets the script created, by id: they outlive every execution, as files in Drive do.
  const created = SpreadsheetApp.created;
  let context: Record<string, unknown> | null = null;

  const globals: Record<string, unknown> = {
    SpreadsheetApp,
    MailApp: mail.MailApp,
    CalendarApp: calendar.CalendarApp,
    Charts: createCharts(env).Charts,
    ScriptApp: triggers.ScriptApp,
    PropertiesService: properties.PropertiesService,
    LockService: lock.LockService,
    CacheService: cache.CacheService,
    Session: session.Session,
    Utilities: utilities.Utilities,
    Logger: utilities.Logger,
    console: utilities.console,
    Date: clock.FakeDate,
  };
  if (opts.advancedSheets !== false) globals.Sheets = createSheetsAdvancedService(env, spreadsheet).Sheets;
  const html = createHtmlService(env, { htmlDir: opts.htmlDir ?? 'build', getGlobals: () => context ?? globals });
  globals.HtmlService = html.HtmlService;

  // Stopping an execution partway, as Apps Script stops one at its time limit: every service call goes
  // through the counters, so a stopped execution's calls are refused there, before they do anything.
  let stop: Stop | null = null;
  // A service failing once, as Google's services sometimes do ("Service Spreadsheets failed while
  // accessing document…"): the `nth` next call of `method` throws, the ones after it work.
  let failure: { method: string; left: number; message: string; execution: number | null } | null = null;
  const stopped: Array<{ execution: number; refused: string }> = [];
  const timedOut: Array<{ execution: number; ms: number }> = [];
  const countCall = counters.call.bind(counters);
  const timeLimit = opts.executionTimeLimitMs === undefined ? EXECUTION_TIME_LIMIT_MS : opts.executionTimeLimitMs;
  /** The running execution's start on the clock, and whether it ran out of time. */
  let running: { id: number; startMs: number; timedOut: boolean } | null = null;
  counters.call = (name: string): void => {
    if (NOT_EMULATED.has(name)) throw notEmulated(name);
    const r = running;
    if (r && timeLimit !== null && r.id === lock.currentExecution()) {
      if (r.timedOut || clock.nowMillis() - r.startMs > timeLimit) {
        r.timedOut = true;
        throw new GasException(EXECUTION_TIME_ERROR);
      }
    }
    const f = failure;
    if (f && f.execution === null) f.execution = lock.currentExecution();
    if (f && f.method === name && f.execution === lock.currentExecution()) {
      f.left--;
      if (f.left <= 0) {
        failure = null;
        throw new GasException(f.message);
      }
    }
    const s = stop;
    if (s && s.execution !== null && s.execution === lock.currentExecution()) {
      if (s.refused !== null || s.left <= 0) {
        s.refused ??= name;
        throw new GasException(EXECUTION_TIME_ERROR);
      }
      if (!s.only || s.only === name) s.left--;
    }
    countCall(name);
  };
  /** Runs `fn` as a new execution (its own locks; the one a pending stop applies to). */
  const execute = <T>(fn: () => T): T =>
    lock.runExecution(() => {
      const id = lock.currentExecution();
      if (stop && stop.execution === null) stop.execution = id;
      const outer = running;
      running = { id, startMs: clock.nowMillis(), timedOut: false };
      try {
        return fn();
      } finally {
        // A failure meant for this execution that did not come is not carried into the next one.
        if (failure && failure.execution === id) failure = null;
        if (running.timedOut) timedOut.push({ execution: id, ms: clock.nowMillis() - running.startMs });
        running = outer;
        if (stop && stop.execution === id) {
          if (stop.refused !== null) stopped.push({ execution: id, refused: stop.refused });
          stop = null;
        }
      }
    });

  let loadFresh: (() => Record<string, unknown>) | null = null;
  /** CPU time (ms) spent evaluating the bundle afresh for each execution (the benchmark tells it apart). */
  const loading = { cpuMs: 0 };
  /** The entry point `name` in a new execution's global scope. */
  const fn = (name: string): ((...args: unknown[]) => unknown) => {
    if (!loadFresh) throw new Error('emulator: runtime.load() the bundle first');
    const cpu = process.cpuUsage();
    context = loadFresh();
    const used = process.cpuUsage(cpu);
    loading.cpuMs += (used.user + used.system) / 1000;
    const f = context[name];
    if (typeof f !== 'function') throw new Error(`Script function not found: ${name}`);
    return f as (...args: unknown[]) => unknown;
  };

  return {
    env,
    counters,
    clock,
    execution,
    globals,
    ui,
    mail,
    calendar,
    triggers,
    properties,
    lock,
    cache,
    html,
    session,
    spreadsheet,
    /** The spreadsheets the script created (SpreadsheetApp.create), by id: the library's archive. */
    spreadsheets: created,
    /** Logger and console lines. */
    logs: utilities.logs,
    loading,
    /**
     * Stops the next execution (a `call` or a trigger run) after `n` service calls, or after its `n`-th
     * call of the method `only` (e.g. 'MailApp.sendEmail'), as Apps Script stops one that reaches its
     * time limit: the next service call throws "Exceeded maximum execution time", and so does every later
     * call of that execution, so no catch or finally block of the script can write anything more. The
     * execution's locks are released when it ends, as at any script end.
     */
    /**
     * In the next execution, its `nth` call of `method` (e.g. "Range.setValues") throws `message`
     * once; the script may catch it, and later calls work.
     */
    failCallOnce(method: string, nth = 1, message = 'Service Spreadsheets failed while accessing document.'): void {
      failure = { method, left: Math.max(1, nth), message, execution: null };
    },
    stopExecutionAfter(n: number, only?: string): void {
      stop = { left: Math.max(0, n), only, execution: null, refused: null };
    },
    /** The executions stopped so far, each with the service call it was stopped at. */
    stopped,
    /** The executions that ran out of time (see executionTimeLimitMs), with how long they ran. */
    timedOut,
    /** Loads the bundle (only that file) into a context whose globals are the services; returns it. */
    load(bundlePath = 'build/Code.js'): Record<string, unknown> {
      const abs = path.resolve(bundlePath);
      const folder = path.dirname(abs);
      const file = `${folder}/${path.basename(abs)}`;
      const gas = require('gas-local') as {
        require(folder: string, globals: object, options: { filter(p: string): boolean }): Record<string, unknown>;
      };
      // Apps Script evaluates the project afresh for every execution: nothing a call leaves in the
      // script's global scope is there for the next one. Each execution gets a new context. The
      // first load goes through gas-local; later executions run the same file, compiled once, in a
      // new context each, as gas-local would (it reads and compiles the file every time).
      context = gas.require(folder, { ...globals }, { filter: (p: string) => p === file });
      const script = new vm.Script(readFileSync(file, 'utf8'), { filename: file });
      loadFresh = () => {
        const ctx = vm.createContext({ ...globals });
        script.runInContext(ctx);
        return ctx;
      };
      return context;
    },
    /** Calls a global function of the loaded bundle as the user at the sheet would (a new execution). */
    call(name: string, ...args: unknown[]): unknown {
      const f = fn(name);
      return execute(() => f(...args));
    },
    /**
     * The librarian types or pastes `values` into a sheet at (row, col): each cell is interpreted as
     * Sheets interprets typing, then the bundle's simple onEdit and the installed ON_EDIT triggers
     * run with the edited range, as in Sheets. Returns the handlers run.
     */
    userEdit(sheetName: string, row: number, col: number, values: unknown[][]): string[] {
      const sheet = spreadsheet.getSheetByName(sheetName);
      if (!sheet) throw new Error(`emulator: no sheet ${sheetName}`);
      const width = Math.max(...values.map((r) => r.length));
      if (row + values.length - 1 > sheet.maxRows)
        sheet.insertRowsAfter(sheet.maxRows, row + values.length - 1 - sheet.maxRows);
      values.forEach((r, i) => {
        r.forEach((v, j) => {
          const refused = sheet.userEdit(row + i, col + j, v);
          if (refused)
            throw new Error(`emulator: the sheet refused ${String(v)} at R${row + i}C${col + j}: ${refused}`);
        });
      });
      const ran: string[] = [];
      const event = () => ({
        authMode: 'LIMITED',
        source: spreadsheet,
        range: sheet.getRange(row, col, values.length, width),
        user: { getEmail: () => env.userEmail },
        ...(values.length === 1 && width === 1 ? { value: values[0][0] } : {}),
      });
      if (loadFresh && typeof loadFresh().onEdit === 'function') {
        this.call('onEdit', event());
        ran.push('onEdit');
      }
      for (const t of triggers.spreadsheetTriggers('ON_EDIT')) {
        this.call(t.handler, event());
        ran.push(t.handler);
      }
      return ran;
    },
    /** A structural change by the librarian (columns inserted or moved, a sheet renamed): the installed ON_CHANGE triggers run. */
    userChange(changeType: string): string[] {
      const ran: string[] = [];
      for (const t of triggers.spreadsheetTriggers('ON_CHANGE')) {
        this.call(t.handler, {
          authMode: 'FULL',
          changeType,
          source: spreadsheet,
          user: { getEmail: () => env.userEmail },
        });
        ran.push(t.handler);
      }
      return ran;
    },
    /** Fires the time-driven triggers due up to `until` through the loaded bundle, in trigger context. */
    fireTriggers(until: Date) {
      return triggers.fireDue(until, (name: string, event: TimeDrivenEvent) => {
        const f = fn(name);
        execute(() => f(event));
      });
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
