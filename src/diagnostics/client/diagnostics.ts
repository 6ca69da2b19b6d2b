/**
 * The Diagnostics dialog in the browser: asks the server to run the suite, shows every case (what
 * differs first), then observes the cases only a page can, its own google.script.run calls with a
 * Date, and keeps a plain-text report to copy. Everything is set as textContent, never as HTML.
 */
import type { DiagnosticsReport, DiagnosticsRow } from '../suite';
import { canonical, type Observed } from '../types';

declare const BOOT: { lang: string; labels: Record<string, string> };

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: unknown) => void): Runner;
  [name: string]: unknown;
}
declare const google: { script: { run: Runner } };

const L = BOOT.labels;

function label(key: string, params: Record<string, string | number> = {}): string {
  return (L[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

/** Calls a server function: resolves with its value, or rejects with the failure google.script.run reports. */
function call(name: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

/** A probe's call: did google.script.run deliver it, and with what value. */
async function outcome(...args: unknown[]): Promise<Observed> {
  try {
    const value = await call('diagnosticsProbe', ...args);
    return { outcome: 'success', value: (value ?? null) as Observed };
  } catch {
    return { outcome: 'failure' };
  }
}

/** The cases the page observes: each makes the call its case is about. */
const PROBES: Record<string, () => Promise<Observed>> = {
  dateArgument: () => outcome('dateArgument', 'echo', new Date(2026, 0, 15)),
  dateResult: () => outcome('dateResult', 'reply'),
};

let report: DiagnosticsReport | null = null;

function statusText(row: DiagnosticsRow): string {
  if (row.status === 'harness') return label(`diag.ui.status.${row.where}`);
  return label(`diag.ui.status.${row.status}`);
}

function cell(tr: HTMLTableRowElement, text: string, cls?: string): void {
  const td = tr.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
}

/** Differences first, then the rest in the suite's order. */
function ordered(rows: DiagnosticsRow[]): DiagnosticsRow[] {
  return [...rows.filter((r) => r.status === 'differs'), ...rows.filter((r) => r.status !== 'differs')];
}

function render(): void {
  if (!report) return;
  const rows = ordered(report.rows);
  const count = (s: DiagnosticsRow['status']) => report?.rows.filter((r) => r.status === s).length ?? 0;
  const pending = count('dialog');
  const summary = label('diag.ui.summary', {
    same: count('same'),
    total: report.rows.length,
    differs: count('differs'),
    elsewhere: count('harness'),
  });
  $('summary').textContent = summary;
  const verdict = $('verdict');
  verdict.textContent =
    pending > 0 ? '' : count('differs') > 0 ? label('diag.ui.someDiffer') : label('diag.ui.allSame');
  verdict.className = pending > 0 ? '' : count('differs') > 0 ? 'bad' : 'ok';
  $('running').textContent = pending > 0 ? label('diag.ui.running') : '';
  const context = label('diag.ui.context', { ...report.context, version: report.version, ranAt: report.ranAt });
  const cleanup =
    report.cleanupErrors.length > 0 ? label('diag.ui.cleanup', { errors: report.cleanupErrors.join('; ') }) : '';
  $('context').textContent = cleanup ? `${context} ${cleanup}` : context;
  const body = ($('rows') as HTMLTableElement).tBodies[0];
  body.textContent = '';
  for (const row of rows) {
    const tr = body.insertRow();
    tr.className = row.status;
    tr.dataset.id = row.id;
    cell(tr, row.name);
    cell(tr, statusText(row), 'status');
    cell(tr, row.expected, 'json');
    cell(tr, row.actual ?? '', 'json');
  }
  $('rows').classList.remove('hidden');
  const lines = [label('diag.title'), context, summary];
  if (cleanup) lines.push(cleanup);
  for (const row of rows) {
    lines.push(`[${statusText(row)}] ${row.id}: ${row.name}`);
    lines.push(`    ${label('diag.ui.col.expected')}: ${row.expected}`);
    if (row.actual !== null) lines.push(`    ${label('diag.ui.col.actual')}: ${row.actual}`);
  }
  ($('report') as HTMLTextAreaElement).value = lines.join('\n');
}

async function observeInPage(): Promise<void> {
  for (const row of report?.rows ?? []) {
    const probe = PROBES[row.id];
    if (row.status !== 'dialog' || !probe) continue;
    const actual = canonical(await probe());
    row.actual = actual;
    row.status = actual === row.expected ? 'same' : 'differs';
    render();
  }
}

function start(): void {
  document.documentElement.lang = BOOT.lang;
  const texts: Record<string, string> = {
    intro: 'diag.ui.intro',
    running: 'diag.ui.running',
    'col-check': 'diag.ui.col.check',
    'col-result': 'diag.ui.col.result',
    'col-expected': 'diag.ui.col.expected',
    'col-actual': 'diag.ui.col.actual',
    'report-label': 'diag.ui.report',
  };
  for (const [id, key] of Object.entries(texts)) $(id).textContent = label(key);
  call('diagnosticsRun').then(
    (value) => {
      report = value as DiagnosticsReport;
      render();
      return observeInPage();
    },
    (e: unknown) => {
      $('running').textContent = '';
      const failed = $('failed');
      failed.textContent = label('diag.ui.failed', { message: e instanceof Error ? e.message : String(e) });
      failed.classList.remove('hidden');
    },
  );
}

start();
