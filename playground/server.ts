/**
 * `npm start`: the local playground. Builds the bundle, loads it into the in-memory Apps Script
 * runtime on the workbook in the data folder (the demo lyceum on first start), and serves on
 * 127.0.0.1 a page that stands in for the bound Google Sheet.
 *
 *   npm start -- [--port 8080] [--data data] [--workbook path.xlsx] [--demo lyceum|small] [--no-build]
 *
 * The port also comes from PORT; 0 picks a free one. The address is printed on start. A relative
 * --workbook or --data is taken from the folder npm was started in (INIT_CWD), else the current one.
 *
 * Only this machine's pages may use it: a request must name the server as 127.0.0.1:<port> or
 * localhost:<port> (a DNS-rebound name is refused), and a POST must be JSON from the page's own
 * origin (a form or script of any other website is refused).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { googleScriptRunClient } from '../emulator/script-run';
import type { QueuedResponse } from '../emulator/ui';
import { zonedToUtc } from '../emulator/zoned-time';
import { DEMO_SIZES, type DemoSize, isDemoSize } from './demo';
import { barcodeFontCss, barcodeFontFile, localFonts } from './fonts';
import { Session } from './session';
import { SAVE_STEPS, type SaveStep } from './state';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export interface ServerOptions {
  port: number;
  dataDir: string;
  workbook?: string;
  build: boolean;
  /** The demo school a new workbook is filled with. */
  demo: DemoSize;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions {
  // npm runs the script in the project folder; INIT_CWD is where `npm start` was typed.
  const base = env.INIT_CWD || process.cwd();
  const opts: ServerOptions = {
    port: env.PORT ? Number(env.PORT) : 8080,
    dataDir: path.resolve(root, 'data'),
    build: true,
    demo: 'lyceum',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--port')) opts.port = Number(value());
    else if (a.startsWith('--data')) opts.dataDir = path.resolve(base, value());
    else if (a.startsWith('--workbook')) opts.workbook = path.resolve(base, value());
    else if (a === '--no-build') opts.build = false;
    else if (a.startsWith('--demo')) {
      const v = value();
      if (!isDemoSize(v)) throw new Error(`--demo: ${Object.keys(DEMO_SIZES).join(' or ')}, not ${v}`);
      opts.demo = v;
    } else if (a === '--help' || a === '-h') {
      console.log('npm start -- [--port 8080] [--data data] [--workbook path.xlsx] [--demo lyceum|small] [--no-build]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port: 0-65535');
  if (opts.workbook && path.extname(opts.workbook).toLowerCase() !== '.xlsx')
    throw new Error(`--workbook: an .xlsx file (Excel workbook), not ${path.basename(opts.workbook)}`);
  return opts;
}

const PAGE = () => readFileSync(path.join(here, 'page.html'), 'utf8');
/** Chart.js, self-hosted from node_modules (the machine is offline: no CDN). */
const CHART_JS = () => readFileSync(path.join(root, 'node_modules/chart.js/dist/chart.umd.min.js'));

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
const json = (res: http.ServerResponse, value: unknown, status = 200) => send(res, status, JSON.stringify(value));

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The page a sidebar or dialog shows: the script's HTML with google.script.run wired to /api/run. */
function htmlSurface(content: string, functionNames: string[]): string {
  const transport = `<script>
window.__gasTransport = function (name, args) {
  return fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name, args: args }) })
    .then(function (r) { return r.json(); })
    .then(function (res) {
      // A dialog the call opened (a print view, the Help) is shown by the page, as Sheets shows it.
      try { parent.postMessage({ type: 'gas-ran', name: name, dialogs: res.dialogs || [] }, '*'); } catch (e) {}
      return res.reply;
    });
};
window.__gasHostClose = function () { parent.postMessage({ type: 'gas-close' }, '*'); };
</script>
<script>${googleScriptRunClient(functionNames)}</script>`;
  // Print views link Google Fonts (the labels' barcode font); the playground serves it itself.
  const page = localFonts(content, '/fonts/libre-barcode-128.css');
  const head = /<head[^>]*>/i.exec(page);
  if (head) return page.slice(0, head.index + head[0].length) + transport + page.slice(head.index + head[0].length);
  return transport + page;
}

/** "2025-12-01T08:00" as the clock on the wall in `timeZone` (an explicit offset is taken as given). */
function wallToDate(s: string, timeZone: string): Date {
  if (/[zZ]|[+-]\d\d:\d\d$/.test(s)) return new Date(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(s);
  if (!m) return new Date(Number.NaN);
  return zonedToUtc(timeZone, +m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0));
}

/** Why a request is refused (403), or null: the Host, and for a POST its type and Origin. */
function refusal(req: http.IncomingMessage, port: number): string | null {
  const local = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!local.includes(String(req.headers.host ?? '').toLowerCase())) return 'Host: 127.0.0.1 or localhost only';
  if (req.method === 'POST') {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/json') return 'content-type: application/json only';
    const origin = String(req.headers.origin ?? '').toLowerCase();
    if (!local.some((h) => origin === `http://${h}`)) return 'Origin: this page only';
  }
  return null;
}

/** A clear message for a server that cannot listen. */
function listenError(e: NodeJS.ErrnoException, port: number): Error {
  if (e.code === 'EADDRINUSE')
    return new Error(
      `port ${port} is in use (another playground or program listens on it). ` +
        `Choose another: npm start -- --port 8090 (or --port 0 for any free port).`,
    );
  if (e.code === 'EACCES') return new Error(`port ${port} is not allowed here; try npm start -- --port 8090`);
  return e;
}

export async function startServer(opts: ServerOptions) {
  if (opts.build) {
    const { build } = await import('../scripts/build');
    await build();
  }
  // Listen first, so that a busy port is reported before the workbook is opened (or locked).
  let handler: http.RequestListener = (_req, res) => send(res, 503, 'starting', 'text/plain');
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(e as NodeJS.ErrnoException, opts.port)));
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (e) => console.error(`playground: ${e.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  let opened: Awaited<ReturnType<typeof Session.open>>;
  try {
    opened = await Session.open({
      dataDir: opts.dataDir,
      workbook: opts.workbook,
      bundle: path.join(root, 'build/Code.js'),
      demo: opts.demo,
      saveStop: saveStopHook(process.env.PLAYGROUND_SAVE_STOP),
    });
  } catch (e) {
    server.close();
    throw e;
  }
  const { session, created, cleaned, migrated } = opened;
  let queue: Promise<unknown> = Promise.resolve();
  /** One user action at a time, as one user at one sheet. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  handler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const refused = refusal(req, port);
      if (refused) return json(res, { error: `refused: ${refused}` }, 403);
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
        // A reload of the sheet: Sheets builds the menus afresh and runs onOpen.
        await serial(() => session.reopen());
        return send(res, 200, PAGE(), 'text/html; charset=utf-8');
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
      if (req.method === 'GET' && url.pathname === '/fonts/libre-barcode-128.css')
        return send(res, 200, barcodeFontCss('/fonts/libre-barcode-128.woff2'), 'text/css; charset=utf-8');
      if (req.method === 'GET' && url.pathname === '/fonts/libre-barcode-128.woff2')
        return send(res, 200, barcodeFontFile(), 'font/woff2');
      if (req.method === 'GET' && url.pathname === '/api/state') return json(res, session.state());
      if (req.method === 'GET' && url.pathname === '/api/sheet') {
        const g = session.grid(
          url.searchParams.get('name') ?? '',
          Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0),
          Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200)),
          url.searchParams.get('q') ?? '',
        );
        return g ? json(res, g) : json(res, { error: 'no such sheet' }, 404);
      }
      if (req.method === 'GET' && url.pathname === '/vendor/chart.umd.min.js')
        return send(res, 200, CHART_JS(), 'text/javascript; charset=utf-8');
      if (req.method === 'GET' && url.pathname === '/api/charts')
        return json(res, session.charts(url.searchParams.get('name') ?? ''));
      if (req.method === 'GET' && url.pathname === '/api/outbox') return json(res, session.outbox());
      if (req.method === 'GET' && url.pathname === '/api/calendar') return json(res, session.calendars());
      if (req.method === 'GET' && url.pathname === '/api/triggers') return json(res, session.triggers());
      if (req.method === 'GET' && url.pathname === '/api/calendar.ics') {
        const { text } = session.exportIcs(url.searchParams.get('id') ?? '');
        return send(res, 200, text, 'text/calendar; charset=utf-8');
      }
      const surface = /^\/html\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && surface) {
        const d = session.dialog(Number(surface[1]));
        if (!d || !('content' in d)) return send(res, 404, 'no such dialog', 'text/plain');
        return send(res, 200, htmlSurface(d.content, session.functionNames), 'text/html; charset=utf-8');
      }
      if (req.method === 'POST' && url.pathname === '/api/menu') {
        const b = await body(req);
        const fn = String(b.fn ?? '');
        if (!session.menuFunctions().has(fn)) return json(res, { error: `not an item of the menu: ${fn}` }, 404);
        return json(res, await serial(() => session.runMenu(fn, (b.answers as QueuedResponse[]) ?? [])));
      }
      if (req.method === 'POST' && url.pathname === '/api/edit') {
        const b = await body(req);
        const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
        if (!whole(b.row) || !whole(b.col)) return json(res, { error: 'row and col: whole numbers from 1' }, 400);
        const answers = Array.isArray(b.answers) ? (b.answers as QueuedResponse[]) : [];
        const r = await serial(() =>
          session.edit(String(b.sheet), b.row as number, b.col as number, String(b.value ?? ''), answers),
        );
        return json(res, r, r.invalid ? 400 : 200);
      }
      if (req.method === 'POST' && url.pathname === '/api/run') {
        const b = await body(req);
        const { reply, result } = await serial(() =>
          session.run(String(b.name ?? ''), Array.isArray(b.args) ? (b.args as unknown[]) : []),
        );
        return json(res, { reply, dialogs: result.dialogs, counters: result.counters, version: result.version });
      }
      if (req.method === 'POST' && url.pathname === '/api/clock') {
        const b = await body(req);
        const until = wallToDate(String(b.until ?? ''), session.rt.spreadsheet.timeZone);
        if (Number.isNaN(until.getTime())) return json(res, { error: 'until: YYYY-MM-DDTHH:mm' }, 400);
        return json(res, await serial(() => session.advance(until)));
      }
      if (req.method === 'POST' && url.pathname === '/api/flush') {
        await serial(() => session.flush());
        return json(res, { version: session.version, savedVersion: session.savedVersion, file: session.file });
      }
      return send(res, 404, 'not found', 'text/plain');
    } catch (e) {
      return json(res, { error: e instanceof Error ? e.message : String(e) }, 500);
    }
  };
  return { server, session, port, created, cleaned, migrated };
}

/**
 * Test hook (tests/playground/crash.test.ts): PLAYGROUND_SAVE_STOP=<step> stops every save at that
 * step (a temporary file written, not yet renamed) and prints a line, so a test can kill the process
 * at exactly that point.
 */
function saveStopHook(value: string | undefined): SaveStep | undefined {
  if (!value) return undefined;
  if (!(SAVE_STEPS as readonly string[]).includes(value))
    throw new Error(`PLAYGROUND_SAVE_STOP: one of ${SAVE_STEPS.join(', ')}`);
  return value as SaveStep;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { session, port, created, cleaned, migrated } = await startServer(opts);
    if (cleaned.length) console.log(`Removed ${cleaned.length} unfinished temporary file(s) from an interrupted save.`);
    console.log(`${created ? 'Created the demo workbook' : 'Opened the workbook'}: ${session.file}`);
    if (migrated)
      console.log(
        `Moved the clock, triggers, properties and e-mails sent from the workbook's Description to ${session.stateFile}.`,
      );
    console.log(`Playground: http://127.0.0.1:${port}/`);
    const stop = async () => {
      await session.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`playground: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
