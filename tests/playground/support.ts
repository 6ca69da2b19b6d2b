/**
 * Starting the playground server as a child process (as `npm start` does, on the already built
 * bundle), on a free port with its own data folder, and talking to it.
 *
 * Nothing here sleeps or races: a server is ready when it prints its address (it listens before it
 * prints it, so no connection is refused after that), `waitFor` waits for a line it prints, `exited`
 * for its exit. Every request opens a connection of its own and closes it (no keep-alive pool): a
 * pooled connection the server closed as idle while this process was busy (exceljs reading a file
 * blocks it for seconds on a loaded machine) would be reused and reset (ECONNRESET).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { inject } from 'vitest';
import { DEMO_SEED, type DemoSize, generateDemo } from '../../playground/demo';

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the first match of `pattern` in the server's output, once it has printed it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The demo school the tests' playgrounds create: the small one (the same classes, titles and shelves,
 * a few pupils a class: its workbook saves in a fraction of the lyceum's time), the lyceum when the
 * screenshots for the docs are taken (`npm run screenshots`).
 */
export const TEST_DEMO: DemoSize = process.env.UPDATE_SCREENSHOTS ? 'lyceum' : 'small';
export const testDemo = () => generateDemo(DEMO_SEED, TEST_DEMO);

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/**
 * Puts a copy of the run's demo workbook and its state file (made once by the global setup) into an
 * empty data folder, as if a playground had made it there; false when there is none to copy.
 */
export function copyDemoInto(dataDir: string): boolean {
  const demo = inject('playgroundDemo');
  if (!demo || (existsSync(dataDir) && readdirSync(dataDir).length > 0)) return false;
  for (const n of ['library.xlsx', 'library.state.json'])
    if (existsSync(path.join(demo, n))) cpSync(path.join(demo, n), path.join(dataDir, n));
  return true;
}

/**
 * A playground on `dataDir`: on a copy of the run's demo workbook when the folder is empty (unless
 * `fresh`: the playground makes the demo itself, as on a first `npm start`).
 */
export function startServer(
  dataDir: string,
  opts: { env?: Record<string, string>; args?: string[]; timeoutMs?: number; fresh?: boolean } = {},
): Promise<RunningServer> {
  const own = opts.args?.some((a) => a.startsWith('--demo') || a.startsWith('--workbook'));
  if (!opts.fresh && !own) copyDemoInto(dataDir);
  const child = spawn(
    process.execPath,
    [
      // As the test workers: a larger young generation spares the garbage collector.
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      'playground/server.ts',
      '--port',
      '0',
      '--data',
      dataDir,
      '--no-build',
      ...(opts.args?.some((a) => a.startsWith('--demo')) ? [] : ['--demo', TEST_DEMO]),
      ...(opts.args ?? []),
    ],
    { cwd: process.cwd(), env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let done: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  /** Called after every chunk of output and at the exit. */
  const watchers = new Set<() => void>();
  const changed = () => {
    for (const w of [...watchers]) w();
  };
  child.stdout?.on('data', (d) => {
    out += String(d);
    changed();
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
    changed();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = { code, signal };
      resolve(done);
      changed();
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const finish = (f: () => void) => {
        clearTimeout(timer);
        watchers.delete(check);
        f();
      };
      const check = () => {
        const m = pattern.exec(out);
        if (m) finish(() => resolve(m));
        else if (done)
          finish(() =>
            reject(new Error(`the playground exited (${done?.code ?? done?.signal}) before ${pattern}:\n${out}`)),
          );
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`the playground printed no ${pattern} in ${timeoutMs} ms:\n${out}`))),
        timeoutMs,
      );
      watchers.add(check);
      check();
    });
  return waitFor(/Playground: (http:\/\/127\.0\.0\.1:\d+\/)/, opts.timeoutMs ?? 60_000).then(
    (m) => ({
      child,
      url: m[1],
      output: () => out,
      waitFor,
      exited,
      stop: (signal: NodeJS.Signals = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exited;
      },
    }),
    (e: Error) => {
      child.kill('SIGKILL');
      throw e;
    },
  );
}

/**
 * A plain HTTP request on a connection of its own, with the headers given as they are (fetch would
 * not send another Host): also what a DNS-rebinding page or another website's form could send.
 */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A GET of a JSON answer. */
export async function getJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const r = await rawRequest(url, { headers: { host: new URL(url).host } });
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

/** A POST as the playground's page makes it: JSON, from the page's own origin. */
export async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const u = new URL(url);
  const r = await rawRequest(url, {
    method: 'POST',
    headers: { host: u.host, 'content-type': 'application/json', origin: u.origin },
    body: JSON.stringify(body),
  });
  return JSON.parse(r.body) as Record<string, unknown>;
}

/** The parts of a zip file (an .xlsx) by name, inflated: enough to read what a workbook's XML holds. */
export function zipParts(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const parts = new Map<string, Buffer>();
  let p = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    parts.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return parts;
}
