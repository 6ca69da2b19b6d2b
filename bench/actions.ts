/**
 * Every action the benchmark measures, on a filled runtime: the desk (each scan repeated on other
 * readers and copies, for the median), a class set, the monthly debtor run with its emails and the
 * quarterly summary, the reports, the calendar sync and its re-sync, the fund (an arrival, a write-off
 * act, a stocktake), Setup and the workbook check; and the naive desk return and debtor list beside
 * the product's. Each action's preparation is not measured; each measured run is one execution.
 */
import type { Runtime } from '../emulator';
import type { DemoData } from '../playground/demo';
import { t } from '../src/messages';
import { headerKey } from '../src/schema';
import { at, sheetOf } from '../tests/support/library';
import { BENCH_NOW, type BenchSize, classSetOf } from './library';
import { type Cost, type Meter, median } from './meter';
import { naiveDebtorList, naiveReturn } from './naive';

export type Group = 'desk' | 'class set' | 'mail' | 'report' | 'calendar' | 'fund' | 'workbook' | 'naive';

export interface Measured {
  group: Group;
  action: string;
  runs: Cost[];
  /** The median run's figures (counts from the run with the most Spreadsheet calls). */
  cost: Cost;
  /** Emails sent (the debtor run), for its per-email budget. */
  emails?: number;
  /** The cells it may read, reading only the columns it needs (the debtor run). */
  cellBudget?: number;
  /** How a naive figure was obtained, when not by a whole run. */
  note?: string;
}

type Reply = { ok?: boolean; message?: string; form?: { row: number } };

export class Bench {
  readonly results: Measured[] = [];
  constructor(
    readonly rt: Runtime,
    readonly meter: Meter,
    readonly size: BenchSize,
    readonly data: DemoData,
    readonly repeat: number,
  ) {}

  /** Measures `run` once (an execution), adding the cost to the action's runs. */
  once(group: Group, action: string, run: () => unknown, extra: Partial<Measured> = {}): Cost {
    let reply: unknown;
    const cost = this.meter.measure(() => {
      reply = run();
    });
    const r = reply as Reply | undefined;
    if (r && typeof r === 'object' && r.ok === false) throw new Error(`${this.size.key} ${action}: ${r.message}`);
    let m = this.results.find((x) => x.action === action);
    if (!m) {
      m = { group, action, runs: [], cost, ...extra };
      this.results.push(m);
    }
    m.runs.push(cost);
    const worst = m.runs.reduce((a, b) => (b.sheets > a.sheets ? b : a));
    m.cost = {
      ...worst,
      cpuMs: median(m.runs.map((c) => c.cpuMs)),
      serviceMs: median(m.runs.map((c) => c.serviceMs)),
      loadMs: median(m.runs.map((c) => c.loadMs)),
    };
    Object.assign(m, extra);
    return cost;
  }

  call(fn: string, ...args: unknown[]): unknown {
    return this.rt.call(fn, ...args);
  }

  /** A menu action that asks first (a prompt): answered, then run. */
  ask(fn: string, answer: string): unknown {
    this.rt.ui.queueResponse({ button: 'OK', text: answer });
    return this.rt.call(fn);
  }
}

/** Pupils who may borrow (no open loan but textbooks), and copies on the shelf of different titles. */
function deskCast(data: DemoData, n: number) {
  const holds = new Set(data.copies.filter((c) => c.reader && !c.titleId.startsWith('TB')).map((c) => c.reader));
  const readers = data.readers.filter((r) => r.category === 'pupil' && !holds.has(r.code)).slice(0, n);
  const seen = new Set<string>();
  const copies = data.copies.filter((c) => {
    if (c.status !== 'available' || !c.titleId.startsWith('FIC') || seen.has(c.titleId)) return false;
    seen.add(c.titleId);
    return true;
  });
  return { readers, copies };
}

export function runDesk(b: Bench): void {
  const { readers, copies } = deskCast(b.data, b.repeat + 1);
  for (let i = 0; i < b.repeat; i++) {
    const me = readers[i].code;
    const copy = copies[i].inventory;
    b.rt.clock.set(BENCH_NOW);
    let row = 0;
    b.once('desk', 'find reader by code', () => {
      const r = b.call('deskFindReader', me) as Reply;
      row = r.form?.row ?? 0;
      return r;
    });
    b.once('desk', 'find readers by class', () => b.call('deskFindReader', '7А'));
    b.once('desk', 'reader form', () => b.call('deskReaderForm', me, row));
    b.once('desk', 'issue (title not cached)', () => b.call('deskIssue', me, copy, { row }));
    b.once('desk', 'return by copy', () => b.call('deskReturn', copy));
    b.once('desk', 'issue (title cached)', () => b.call('deskIssue', me, copy, { row }));
    b.rt.clock.set(at('2026-05-21'));
    b.once('desk', 'renew', () => b.call('deskRenew', copy, me, row));
    b.once('desk', 'lost, with a replacement', () => b.call('deskLost', copy, `Z-${b.size.key}-${i + 1}`, me, row));
  }
  b.rt.clock.set(BENCH_NOW);
  // The naive return, beside the product's: a copy lent by the desk, brought back the tutorial's way.
  const last = copies[b.repeat];
  const reader = readers[b.repeat].code;
  b.call('deskIssue', reader, last.inventory);
  const app = b.rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  b.once('naive', 'return by copy — naive (getValue loop)', () => {
    if (!naiveReturn(b.rt, app, last.inventory)) throw new Error('naive return: no open loan');
  });
}

export function runClassSet(b: Bench): void {
  const set = classSetOf(b.data);
  for (let i = 0; i < b.repeat; i++)
    b.once('class set', `class set preview (${set.length} titles, 7А)`, () =>
      b.call('deskClassPreview', '7А', set, false),
    );
  b.once('class set', `class set issue (${set.length} titles, 7А)`, () => b.call('deskClassIssue', '7А', set, false));
}

/**
 * The debtor list, the monthly debtor run (as its trigger fires, today) and the quarterly summary (its
 * trigger in June, a summary month), and the naive list beside the product's.
 */
export function runMail(b: Bench): void {
  const { rt } = b;
  rt.clock.set(BENCH_NOW);
  for (let i = 0; i < b.repeat; i++) b.once('mail', 'debtor list (the Debtors sheet)', () => b.call('buildDebtorList'));
  let emails = 0;
  b.once(
    'mail',
    'monthly debtor run with its emails',
    () => {
      const before = rt.mail.outbox.length;
      rt.execution.asTrigger(() => rt.call('monthlyDebtorsTrigger', {}));
      emails = rt.mail.outbox.length - before;
    },
    {},
  );
  const run = b.results.find((r) => r.action === 'monthly debtor run with its emails');
  if (run) {
    run.emails = emails;
    // Only the columns it needs: Loans from the code to the status (9 of 11), Readers' first five,
    // Classes, and the Mailings ledger once a commit (the run's start, each email, the end).
    const rows = (key: Parameters<typeof sheetOf>[1]) => sheetOf(rt, key).getMaxRows();
    run.cellBudget =
      rows('loans') * 9 + rows('readers') * 5 + rows('classes') * 5 + rows('mailings') * 8 * (emails + 3);
  }
  rt.mail.resetQuota();
  rt.clock.set(at('2026-06-01', '09:00'));
  b.once('mail', 'quarterly visits summary (emails)', () =>
    rt.execution.asTrigger(() => rt.call('visitsSummaryTrigger', {})),
  );
  rt.mail.resetQuota();
  rt.clock.set(BENCH_NOW);
  // The naive list, beside the product's debtor list.
  const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const today = at('2026-05-20', '00:00');
  const base = b.meter.measure(() => naiveDebtorList(rt, app, today, 0));
  // Each overdue loan costs the same (three sheets searched from the top): twenty are run, the rest counted.
  const k = 20;
  let looked = 0;
  let overdue = 0;
  const full = b.meter.measure(() => {
    ({ looked, overdue } = naiveDebtorList(rt, app, today, k));
  });
  const per = (f: (c: Cost) => number) => (looked > 0 ? (f(full) - f(base)) / looked : 0);
  const scale = (f: (c: Cost) => number) => Math.round(f(base) + per(f) * overdue);
  const cost: Cost = {
    ...full,
    sheets: scale((c) => c.sheets),
    reads: scale((c) => c.reads),
    writes: scale((c) => c.writes),
    cellsRead: scale((c) => c.cellsRead),
    cellsWritten: scale((c) => c.cellsWritten),
    cpuMs: full.cpuMs,
  };
  b.results.push({
    group: 'naive',
    action: 'debtor list — naive (getValue loop, fund re-read per overdue loan)',
    runs: [cost],
    cost,
    note:
      looked < overdue
        ? `run for ${looked} of the ${overdue} overdue loans; the rest counted at the same cost per loan`
        : undefined,
  });
  rt.clock.set(BENCH_NOW);
}

export function runReports(b: Bench): void {
  const years = b.size.years > 1 ? '2024-2025' : '2025-2026';
  const reports: Array<[string, string, string?]> = [
    ['textbook coverage', 'buildTextbookCoverage'],
    ['statistics for a month (04.2026)', 'buildStatistics', '04.2026'],
    [`statistics for a school year (${years})`, 'buildStatistics', years],
    ['ratings (half-year)', 'buildRatings', ''],
    ['annual report', 'buildAnnualReport'],
  ];
  for (const [action, fn, answer] of reports) {
    // The first run also creates the sheet and its charts, once: not measured.
    const go = () => (answer === undefined ? b.call(fn) : b.ask(fn, answer));
    go();
    for (let i = 0; i < b.repeat; i++) b.once('report', action, go);
  }
}

/** The Events sheet filled up to 50 events of the plan year (the demo's 22 and more), then synced twice. */
export function runCalendar(b: Bench): void {
  const sheet = sheetOf(b.rt, 'events');
  const header = sheet.peekValues()[0].map(String);
  const col = (key: string) => header.indexOf(t('kk', headerKey('events', key)));
  const have = sheet.getLastRow() - 1;
  const rows = Array.from({ length: Math.max(0, 50 - have) }, (_, i) => {
    const row: unknown[] = new Array(header.length).fill('');
    row[col('date')] = new Date(Date.UTC(2026, 5, 2 + (i % 28), 0, 0) - 5 * 3600_000);
    row[col('title')] = `Кітап көрмесі №${i + 1}`;
    row[col('kind')] = t('kk', 'enum.eventKind.exhibition');
    return row;
  });
  if (rows.length > 0) sheet.getRange(have + 2, 1, rows.length, header.length).setValues(rows as never);
  b.once('calendar', 'calendar sync (50 events and the duties)', () => b.call('calendarSyncNow'));
  for (let i = 0; i < b.repeat; i++)
    b.once('calendar', 'calendar re-sync, nothing changed', () => b.call('calendarSyncNow'));
}

export function runFund(b: Bench): void {
  const shelf = b.data.copies.filter((c) => c.status === 'available' && c.titleId.startsWith('FIC'));
  const fiction = b.data.titles.filter((x) => x.kind === 'fiction');
  for (let i = 0; i < b.repeat; i++)
    b.once('fund', 'an arrival (3 titles, 12 copies)', () =>
      b.call('fundRecordArrival', {
        date: '20.05.2026',
        source: 'Атамұра баспасы',
        document: `Жүкқұжат № ${b.size.key}-${i + 1}`,
        lines: [
          { titleId: fiction[i].titleId, copies: 4, price: 3200 },
          { titleId: fiction[i + 10].titleId, copies: 4, price: 2500 },
          {
            title: `Жаңа кітап ${i + 1}`,
            author: 'Автор А.',
            kind: 'көркем әдебиет',
            year: 2026,
            copies: 4,
            price: 4100,
          },
        ],
      }),
    );
  const worn = shelf.slice(-5 * b.repeat);
  for (let i = 0; i < b.repeat; i++)
    b.once('fund', 'a write-off act (5 copies)', () =>
      b.call(
        'fundCreateAct',
        worn.slice(i * 5, i * 5 + 5).map((c) => ({ inventory: c.inventory, reason: 'worn' })),
        { date: '20.05.2026' },
      ),
    );
  b.once('fund', 'open a stocktake', () => b.call('fundStocktakeOpen'));
  for (let i = 0; i < b.repeat; i++)
    b.once('fund', 'a stocktake scan', () => b.call('fundStocktakeScan', shelf[i].inventory, 'Абонемент'));
}

export function runWorkbook(b: Bench): void {
  b.once('workbook', 'Setup on a full workbook', () => b.call('setUpWorkbook'));
  b.once('workbook', 'the workbook check', () => b.call('checkWorkbook'));
}
