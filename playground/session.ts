/**
 * One playground session: the built bundle loaded into the in-memory Apps Script runtime, on a
 * workbook kept in an .xlsx file. Every user action (a menu item, a cell edit, a sidebar call, the
 * clock) resets the service counters first and reports them after; a mutating action saves the
 * whole workbook atomically, with the state file beside it in the data folder (the clock, triggers,
 * properties and e-mails sent: playground/state.ts), and new e-mails land as .eml files in the
 * outbox folder.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRuntime, type Runtime } from '../emulator';
import type { CounterSnapshot } from '../emulator/core';
import { invokeFromClient, type WireReply } from '../emulator/script-run';
import { type FakeSheet, FakeSpreadsheet } from '../emulator/spreadsheet';
import type { TriggerRecord } from '../emulator/triggers';
import type { DialogRecord, QueuedResponse } from '../emulator/ui';
import { cleanTemporaryFiles, writeFileAtomic } from './atomic-file';
import { chartViews } from './charts';
import { DEMO_NOW, DEMO_SEED, type DemoSize, fillDemo, generateDemo } from './demo';
import { LIBRARIAN_EMAIL } from './demo-data';
import { emlOf } from './eml';
import { lockWorkbook } from './lock';
import { Saver } from './saver';
import { openLibrary, type RuntimeState, type SaveStep, stateFileOf } from './state';
import { calendarViews, gridView } from './views';

export type { RuntimeState } from './state';

export interface SessionOptions {
  /** Folder for the workbook, its state file, the outbox and exports (created when missing). */
  dataDir: string;
  /** The workbook file; default `${dataDir}/library.xlsx`. Created with the demo data when missing. */
  workbook?: string;
  /** The built bundle; default build/Code.js (HTML files next to it). */
  bundle?: string;
  /** The demo school a new workbook is filled with (default: the lyceum). */
  demo?: DemoSize;
  /** Test hook: a save stops at this step (a temporary file written, not renamed) until the process dies. */
  saveStop?: SaveStep;
}

/** A dialog the script is waiting on: the page asks, then the action runs again with the answers. */
export interface Question {
  kind: 'alert' | 'prompt';
  title: string;
  message: string;
  buttons: string;
}

export interface ActionResult {
  ok: boolean;
  error?: string;
  /** Dialogs and HTML surfaces the action showed, with their index in the session's dialog log. */
  dialogs: Array<DialogView>;
  question?: Question;
  counters: CounterSnapshot;
  version: number;
}

/** The dialog Sheets shows before an edit of a warning-only protected range. */
export const PROTECTED_WARNING: Question = {
  kind: 'alert',
  title: 'Heads up!',
  message: "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?",
  buttons: 'OK_CANCEL',
};

export type DialogView =
  | { index: number; kind: 'alert' | 'prompt'; title: string; message: string; button: string; text?: string }
  | {
      index: number;
      kind: 'sidebar' | 'modal' | 'modeless';
      title: string;
      width: number | null;
      height: number | null;
    };

class NeedsAnswer extends Error {}

/** Service calls that change the workbook (anything else leaves the file as it is). */
const MUTATING =
  /^(Range|Sheet|Spreadsheet|Protection|DeveloperMetadata|TextFinder)\.(set|insert|delete|append|clear|protect|remove|add|sort|copy|move|hide|show|merge|rename|check|uncheck|auto|breakApart|activate|replace)/;

export class Session {
  readonly rt: Runtime;
  readonly file: string;
  /** Beside the workbook in the data folder: the clock, triggers, properties, e-mails sent, exact rules. */
  readonly stateFile: string;
  readonly dataDir: string;
  readonly outboxDir: string;
  readonly functionNames: string[];
  /** Bumped by every mutating action; `savedVersion` catches up when the file is written. */
  version = 0;
  savedVersion = 0;
  lastCounters: CounterSnapshot = { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
  lastAction = '';
  lastSaveError: string | null = null;
  lastSaveMs = 0;
  /** Whether the workbook was read with its exact rules (false: a file edited or made elsewhere). */
  exact = true;
  private emailsWritten = 0;
  /** The number the next .eml file gets (continues the files already in the outbox folder). */
  private emlNumber = 1;
  /** Indexes in the dialog log of the dialogs answered from the queue (the page asked them already). */
  private answered = new Set<number>();
  private releaseLock: () => void = () => {};
  private saving: Promise<void> | null = null;
  private saveAgain = false;
  private question: Question | null = null;
  /** Drops answers an interrupted action did not use. */
  private drainAnswers(): void {
    this.rt.ui.clearResponses();
  }

  private constructor(rt: Runtime, opts: SessionOptions, file: string, stateFile: string, functionNames: string[]) {
    this.rt = rt;
    this.dataDir = opts.dataDir;
    this.file = file;
    this.stateFile = stateFile;
    this.outboxDir = path.join(opts.dataDir, 'outbox');
    this.functionNames = functionNames;
    this.saver = new Saver(opts.saveStop);
    this.installDialogs();
  }
  private readonly saver: Saver;

  /**
   * Opens the workbook (or creates the demo one) with its state file and runs onOpen, as opening the
   * sheet does. A workbook that still holds an older playground's Description block is saved at once:
   * the block moves to the state file and leaves the workbook.
   */
  static async open(
    opts: SessionOptions,
  ): Promise<{ session: Session; created: boolean; cleaned: string[]; migrated: boolean }> {
    mkdirSync(opts.dataDir, { recursive: true });
    const file = path.resolve(opts.workbook ?? path.join(opts.dataDir, 'library.xlsx'));
    const stateFile = stateFileOf(file, opts.dataDir);
    mkdirSync(path.dirname(file), { recursive: true });
    // Refuses a second playground on this workbook (or on its state file: another workbook of the
    // same name with this data folder) before anything is read or removed.
    const release = [lockWorkbook(file)];
    const releaseLock = () => {
      for (const r of release.splice(0).reverse()) r();
    };
    try {
      release.push(lockWorkbook(stateFile));
      const folder = path.dirname(file);
      const dataDir = path.resolve(opts.dataDir);
      const ics = (n: string) => n.endsWith('.ics');
      const state = (n: string) => n === path.basename(stateFile);
      const cleaned = [
        ...cleanTemporaryFiles(
          folder,
          (n) => n === path.basename(file) || (folder === dataDir && (ics(n) || state(n))),
        ),
        ...(folder === dataDir ? [] : cleanTemporaryFiles(dataDir, (n) => ics(n) || state(n))),
        ...cleanTemporaryFiles(path.join(dataDir, 'outbox'), (n) => n.endsWith('.eml')),
      ];
      const bundle = path.resolve(opts.bundle ?? 'build/Code.js');
      let created = false;
      let migrated = false;
      let exact = true;
      let rt: Runtime;
      let saved: Partial<RuntimeState> | undefined;
      const make = (now: Date) =>
        createRuntime({ now, userEmail: LIBRARIAN_EMAIL, htmlDir: path.dirname(bundle), timeZone: 'Asia/Almaty' });
      if (existsSync(file)) {
        const opened = await openLibrary(file, stateFile);
        const clock = typeof opened.script?.clock === 'string' ? new Date(opened.script.clock) : new Date();
        rt = make(Number.isNaN(clock.getTime()) ? new Date() : clock);
        rt.spreadsheet.loadData(opened.data);
        if (opened.script?.runtime && typeof opened.script.runtime === 'object') saved = opened.script.runtime;
        migrated = opened.migrated;
        exact = opened.exact;
      } else {
        rt = make(DEMO_NOW);
        created = true;
      }
      const before = new Set(Object.keys(rt.globals));
      const ctx = rt.load(bundle);
      const names = Object.keys(ctx).filter((k) => !before.has(k) && typeof ctx[k] === 'function');
      const session = new Session(rt, opts, file, stateFile, names);
      session.releaseLock = releaseLock;
      session.exact = exact;
      if (saved) session.restoreRuntime(saved);
      session.emlNumber = nextEmlNumber(session.outboxDir);
      if (created) fillDemo(rt, generateDemo(DEMO_SEED, opts.demo ?? 'lyceum'));
      // A new workbook is written at once; an old one's Description block leaves it at once.
      if (created || migrated) session.version++;
      rt.counters.reset();
      session.runOnOpen();
      rt.counters.reset();
      if (created || migrated) void session.save();
      return { session, created, cleaned, migrated };
    } catch (e) {
      releaseLock();
      throw e;
    }
  }

  /** onOpen and the installed on-open triggers, on fresh menus: what opening or reloading the sheet runs. */
  private runOnOpen(): void {
    this.rt.ui.menus.length = 0;
    if (this.functionNames.includes('onOpen'))
      this.rt.call('onOpen', { authMode: 'LIMITED', source: this.rt.spreadsheet });
    for (const t of this.rt.triggers.spreadsheetTriggers('ON_OPEN'))
      this.rt.call(t.handler, { authMode: 'FULL', source: this.rt.spreadsheet, triggerUid: t.id });
  }

  /** The page was (re)loaded: Sheets rebuilds the menus and runs onOpen again. */
  reopen(): Promise<ActionResult> {
    return this.act('onOpen', () => this.runOnOpen());
  }

  /** The functions the menus built by onOpen name: the only ones a menu click may run. */
  menuFunctions(): Set<string> {
    const out = new Set<string>();
    const walk = (items: ReadonlyArray<{ kind: string; functionName?: string; items?: unknown }>) => {
      for (const it of items) {
        if (it.kind === 'item' && it.functionName) out.add(it.functionName);
        else if (it.kind === 'submenu') walk(it.items as typeof items);
      }
    };
    for (const m of this.rt.ui.menus) walk(m.items);
    return out;
  }

  // --- what Apps Script keeps outside the workbook ---------------------------------------------
  runtimeState(): RuntimeState {
    const p = this.rt.properties;
    return {
      triggers: this.rt.triggers.list().map((t) => JSON.parse(JSON.stringify(t)) as TriggerRecord),
      properties: { script: p.dump('script'), document: p.dump('document'), user: p.dump('user') },
      outbox: this.rt.mail.outbox.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
      calendar: this.rt.calendar.snapshot(),
      spreadsheets: [...this.rt.spreadsheets.values()].map((s) => s.toData()),
    };
  }

  /**
   * Changes when a trigger, a property or the outbox does (the outbox only grows). A created
   * spreadsheet changes only through Spreadsheet calls, which save anyway.
   */
  private runtimeFingerprint(): string {
    const p = this.rt.properties;
    return JSON.stringify([
      this.rt.triggers.list(),
      [p.dump('script'), p.dump('document'), p.dump('user')],
      this.rt.mail.outbox.length,
      this.rt.calendar.snapshot(),
    ]);
  }

  /** Puts back what `runtimeState` saved. */
  private restoreRuntime(saved: Partial<RuntimeState>): void {
    const rt = this.rt;
    rt.triggers.restore(Array.isArray(saved.triggers) ? saved.triggers : []);
    const P = rt.properties.PropertiesService;
    const props = saved.properties;
    if (props?.script) P.getScriptProperties().setProperties(props.script, true);
    if (props?.document) P.getDocumentProperties().setProperties(props.document, true);
    if (props?.user) P.getUserProperties().setProperties(props.user, true);
    for (const m of Array.isArray(saved.outbox) ? saved.outbox : [])
      rt.mail.outbox.push({ ...m, sentAt: new Date(m.sentAt) });
    if (saved.calendar && Array.isArray(saved.calendar.calendars)) rt.calendar.restore(saved.calendar);
    for (const data of Array.isArray(saved.spreadsheets) ? saved.spreadsheets : [])
      if (data?.id) rt.spreadsheets.set(data.id, FakeSpreadsheet.fromData(rt.env, data));
    // Their .eml files were written before the restart.
    this.emailsWritten = rt.mail.outbox.length;
  }

  // --- dialogs --------------------------------------------------------------------------------
  /**
   * Sheets shows an alert or prompt and waits for the user. Here the script runs to the end in one
   * go, so a dialog that asks something (a prompt, an alert with more than OK) with no answer queued
   * stops the action: the workbook is put back as it was, the page asks, and the action runs again
   * with the answers queued.
   */
  private installDialogs(): void {
    const ui = this.rt.ui.ui as unknown as Record<string, (...a: unknown[]) => unknown>;
    const alert = ui.alert;
    const prompt = ui.prompt;
    const buttonsOf = (_a: unknown, b: unknown, c: unknown) =>
      c !== undefined ? String(c) : b !== undefined && typeof b !== 'string' ? String(b) : 'OK';
    const texts = (a: unknown, b: unknown, c: unknown) =>
      c !== undefined || (b !== undefined && typeof b === 'string')
        ? { title: String(a), message: String(b) }
        : { title: '', message: String(a) };
    ui.alert = (a: unknown, b?: unknown, c?: unknown) => {
      if (this.question) return this.rt.ui.ui.Button.OK;
      const buttons = buttonsOf(a, b, c);
      const queued = this.rt.ui.pendingResponses() > 0;
      if (buttons !== 'OK' && !queued && this.rt.env.execution.kind === 'ui') {
        this.question = { kind: 'alert', buttons, ...texts(a, b, c) };
        throw new NeedsAnswer('waiting for the user');
      }
      if (buttons === 'OK' && queued && this.rt.env.execution.kind === 'ui') {
        // A message with nothing to answer: the answers queued for the questions stay queued.
        this.rt.env.counters.call('Ui.alert');
        this.rt.ui.log.push({ kind: 'alert', ...texts(a, b, c), buttons: 'OK', button: 'OK', at: this.rt.clock.now() });
        return this.rt.ui.ui.Button.OK;
      }
      const reply = alert(a, b, c);
      if (queued) this.answered.add(this.rt.ui.log.length - 1);
      return reply;
    };
    ui.prompt = (a: unknown, b?: unknown, c?: unknown) => {
      const queued = this.rt.ui.pendingResponses() > 0;
      if (!this.question && !queued && this.rt.env.execution.kind === 'ui') {
        this.question = { kind: 'prompt', buttons: buttonsOf(a, b, c), ...texts(a, b, c) };
      }
      if (this.question) throw new NeedsAnswer('waiting for the user');
      const reply = prompt(a, b, c);
      if (queued) this.answered.add(this.rt.ui.log.length - 1);
      return reply;
    };
  }

  private dialogView(d: DialogRecord, index: number): DialogView {
    if (d.kind === 'alert' || d.kind === 'prompt')
      return { index, kind: d.kind, title: d.title, message: d.message, button: d.button, text: d.text };
    const h = d as unknown as {
      kind: 'sidebar' | 'modal' | 'modeless';
      title: string;
      width: number | null;
      height: number | null;
    };
    return { index, kind: h.kind, title: h.title, width: h.width, height: h.height };
  }

  dialog(index: number): DialogRecord | undefined {
    return this.rt.ui.log[index];
  }

  // --- actions --------------------------------------------------------------------------------
  private isMutation(c: CounterSnapshot): boolean {
    return c.cellsWritten > 0 || Object.keys(c.calls).some((k) => MUTATING.test(k));
  }

  /** Runs `fn` as one user action: counters reset before, reported after; saves when it wrote. */
  private async act(
    label: string,
    fn: () => void,
    opts: { snapshot?: boolean; forceSave?: () => boolean } = {},
  ): Promise<ActionResult> {
    const logStart = this.rt.ui.log.length;
    const snapshot = opts.snapshot ? this.rt.spreadsheet.toData() : null;
    const runtimeBefore = this.runtimeFingerprint();
    this.rt.counters.reset();
    this.question = null;
    this.answered.clear();
    let error: string | undefined;
    try {
      fn();
    } catch (e) {
      if (!(e instanceof NeedsAnswer)) error = e instanceof Error ? e.message : String(e);
    }
    const counters = this.rt.counters.snapshot();
    this.lastCounters = counters;
    this.lastAction = label;
    const question = this.question as Question | null;
    this.question = null;
    if (question) {
      if (snapshot) this.rt.spreadsheet.loadData(snapshot);
      this.drainAnswers();
      this.rt.ui.log.length = logStart;
      return { ok: true, dialogs: [], question, counters, version: this.version };
    }
    // Answers the action did not use are not left for the next one.
    this.drainAnswers();
    if (this.isMutation(counters) || opts.forceSave?.() || this.runtimeFingerprint() !== runtimeBefore) {
      this.version++;
      void this.save();
    }
    this.writeEmails();
    // The dialogs answered from the queue were asked already (the page asked them as questions).
    const dialogs = this.rt.ui.log
      .slice(logStart)
      .map((d, i) => this.dialogView(d, logStart + i))
      .filter((d) => !this.answered.has(d.index));
    return { ok: !error, error, dialogs, counters, version: this.version };
  }

  /** A menu item: calls that global function of the bundle, with the answers to its dialogs queued. */
  runMenu(fn: string, answers: QueuedResponse[] = []): Promise<ActionResult> {
    return this.act(
      `menu ${fn}`,
      () => {
        for (const a of answers) this.rt.ui.queueResponse(a);
        this.rt.call(fn);
      },
      { snapshot: true },
    );
  }

  /** A cell typed by the user: applied as Sheets would, then the bundle's onEdit (simple and installed). */
  async edit(
    sheetName: string,
    row: number,
    col: number,
    input: string,
    answers: QueuedResponse[] = [],
  ): Promise<ActionResult & { refused?: string; cancelled?: boolean; invalid?: boolean }> {
    const sheet = this.sheet(sheetName);
    const nothing = { dialogs: [], counters: this.lastCounters, version: this.version };
    const invalid = (error: string) => ({ ok: false, invalid: true, error, ...nothing });
    if (!sheet) return invalid(`no sheet ${sheetName}`);
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1)
      return invalid('row and col: whole numbers from 1');
    if (row > sheet.maxRows || col > sheet.maxCols)
      return invalid(`row and col: within the sheet (${sheet.maxRows} × ${sheet.maxCols})`);
    // A warning-only protection (the header rows, a generated sheet): Sheets asks first.
    const warned = this.rt.spreadsheet.protections.some(
      (p) => p.host === sheet.host && p.warningOnly && p.covers(row, col),
    );
    if (warned) {
      const answer = answers[0]?.button;
      if (!answer) return { ok: true, question: PROTECTED_WARNING, ...nothing };
      if (answer !== 'OK') return { ok: true, cancelled: true, ...nothing };
    }
    let refused: string | null = null;
    const result = await this.act(
      `edit ${sheetName}!R${row}C${col}`,
      () => {
        const oldValue = sheet.peekCell(row, col).value;
        refused = sheet.userEdit(row, col, input);
        if (refused) return;
        const handlers = [
          ...(this.functionNames.includes('onEdit') ? ['onEdit'] : []),
          ...this.rt.triggers.spreadsheetTriggers('ON_EDIT').map((t) => t.handler),
        ];
        for (const h of handlers) {
          const range = sheet.getRange(row, col);
          this.rt.call(h, {
            authMode: 'LIMITED',
            source: this.rt.spreadsheet,
            range,
            value: input,
            oldValue: oldValue === '' ? undefined : oldValue,
            user: { getEmail: () => this.rt.env.userEmail },
          });
        }
      },
      { forceSave: () => !refused },
    );
    return refused ? { ...result, ok: false, refused } : result;
  }

  /** google.script.run from a sidebar or dialog. */
  async run(name: string, args: unknown[]): Promise<{ reply: WireReply; result: ActionResult }> {
    let reply: WireReply = { ok: false, error: 'not run' };
    const result = await this.act(`google.script.run ${name}`, () => {
      reply = invokeFromClient(this.rt, name, args);
    });
    return { reply, result };
  }

  /** Advances the clock, firing the time-driven triggers that fall due, as Apps Script would. */
  async advance(
    until: Date,
  ): Promise<ActionResult & { fired: Array<{ functionName: string; at: string; error?: string }> }> {
    let fired: Array<{ functionName: string; at: string; error?: string }> = [];
    const result = await this.act(
      `clock → ${until.toISOString()}`,
      () => {
        fired = this.rt.fireTriggers(until).map((f) => ({
          functionName: f.functionName,
          at: f.at.toISOString(),
          error: f.error ? String((f.error as Error)?.message ?? f.error) : undefined,
        }));
      },
      { forceSave: () => true },
    );
    return { ...result, fired };
  }

  // --- views ----------------------------------------------------------------------------------
  sheet(name: string): FakeSheet | undefined {
    return this.rt.spreadsheet.sheets.find((s) => s.sheetName === name);
  }

  sheets() {
    return this.rt.spreadsheet.sheets.map((s) => {
      const b = s.contentBounds();
      return { name: s.sheetName, hidden: s.hidden, lastRow: b.lastRow, lastCol: b.lastCol, frozenRows: s.frozenRows };
    });
  }

  /** Display values of a block of rows, with the dropdown lists of the cells (views.ts). */
  grid(name: string, offset: number, limit: number, query = '') {
    const sheet = this.sheet(name);
    return sheet ? gridView(sheet, name, offset, limit, query) : null;
  }

  /** The sheet's embedded charts with their data, for the page to draw. */
  charts(name: string) {
    return chartViews(this.rt.spreadsheet, name);
  }

  state() {
    const ss = this.rt.spreadsheet;
    return {
      name: ss.name,
      timeZone: ss.timeZone,
      now: this.rt.clock.now().toISOString(),
      sheets: this.sheets(),
      activeSheet: ss.active?.sheetName,
      menus: this.rt.ui.menus,
      counters: this.lastCounters,
      lastAction: this.lastAction,
      version: this.version,
      savedVersion: this.savedVersion,
      saving: this.saving !== null,
      saveError: this.lastSaveError,
      lastSaveMs: this.lastSaveMs,
      file: this.file,
      stateFile: this.stateFile,
      exact: this.exact,
      outboxDir: this.outboxDir,
      toasts: ss.toasts.slice(-5),
    };
  }

  outbox() {
    return this.rt.mail.outbox.map((m, i) => ({ index: i, ...m, sentAt: m.sentAt.toISOString() }));
  }

  /** The calendars with their events and their days in the plan year of the clock (views.ts). */
  calendars() {
    return calendarViews(this.rt);
  }

  triggers() {
    return this.rt.triggers.list().map((t) => ({
      id: t.id,
      handler: t.handler,
      eventType: t.eventType,
      nextRun: t.nextRunMs === null ? null : new Date(t.nextRunMs).toISOString(),
      runs: t.runs,
      clock: t.clock,
    }));
  }

  /** The calendar as .ics, also written to the data folder. */
  exportIcs(calendarId: string): { file: string; text: string } {
    const text = this.rt.calendar.toIcs(calendarId);
    const cal = this.rt.calendar.calendars().find((c) => c.id === calendarId);
    const base = (cal?.name ?? 'calendar').replace(/[^\p{L}\p{N}_-]+/gu, '_');
    const file = path.join(this.dataDir, `${base}.ics`);
    writeFileAtomic(file, text);
    return { file, text };
  }

  // --- persistence ----------------------------------------------------------------------------
  private writeEmails(): void {
    const box = this.rt.mail.outbox;
    if (this.emailsWritten >= box.length) return;
    mkdirSync(this.outboxDir, { recursive: true });
    for (; this.emailsWritten < box.length; this.emailsWritten++) {
      const m = box[this.emailsWritten];
      const stamp = m.sentAt.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      // Never over a file already there: the numbering goes on.
      let file: string;
      do file = path.join(this.outboxDir, `${stamp}-${String(this.emlNumber++).padStart(4, '0')}.eml`);
      while (existsSync(file));
      writeFileAtomic(file, emlOf(m, this.rt.env.userEmail));
    }
  }

  /** Saves the workbook (atomically); concurrent requests coalesce into one more save. */
  save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    const run = async (): Promise<void> => {
      // Let the action's reply go out first.
      await new Promise((r) => setImmediate(r));
      do {
        this.saveAgain = false;
        const version = this.version;
        const started = Date.now();
        try {
          const data = this.rt.spreadsheet.toData();
          await this.saver.save(this.file, this.stateFile, data, {
            clock: this.rt.clock.now().toISOString(),
            runtime: this.runtimeState(),
          });
          this.savedVersion = Math.max(this.savedVersion, version);
          this.lastSaveError = null;
        } catch (e) {
          this.lastSaveError = e instanceof Error ? e.message : String(e);
        }
        this.lastSaveMs = Date.now() - started;
      } while (!this.lastSaveError && (this.saveAgain || this.savedVersion < this.version));
    };
    this.saving = run().finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.saver.close();
    this.releaseLock();
  }

  /** Resolves when everything done so far is on disk. */
  async flush(): Promise<void> {
    while (this.saving || this.savedVersion < this.version) {
      await (this.saving ?? this.save());
      if (this.lastSaveError) throw new Error(this.lastSaveError);
    }
  }
}

/** The number after the highest `…-NNNN.eml` in the outbox folder (1 when there is none). */
function nextEmlNumber(folder: string): number {
  let max = 0;
  try {
    for (const n of readdirSync(folder)) {
      const m = /-(\d+)\.eml$/.exec(n);
      if (m) max = Math.max(max, Number(m[1]));
    }
  } catch {
    // No outbox yet.
  }
  return max + 1;
}
