/**
 * The playground server as `npm start` runs it: only this machine's page may use it (DNS rebinding
 * and other websites refused), one server per workbook, clear messages for a busy port or a wrong
 * workbook, start-up cleaning only its own interrupted saves, and the menu and edit requests checked.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../playground/server';
import { copyDemoInto, getJson, post, type RunningServer, rawRequest, startServer, tempDir } from './support';

const DEAD_PID = 99_999_999; // above any pid_max: never running

/** The local addresses of the sockets listening on `port` (Linux: /proc/net/tcp and tcp6), or null elsewhere. */
function listeningAddresses(port: number): string[] | null {
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].filter((f) => existsSync(f));
  if (tables.length === 0) return null;
  const out: string[] = [];
  for (const table of tables)
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (Number.parseInt(portHex, 16) !== port) continue;
      // Each 32-bit word little-endian: IPv4 is one word, IPv6 four.
      const words = (hex.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
      const groups = (s: string, n: number) => s.match(new RegExp(`.{${n}}`, 'g')) ?? [];
      out.push(
        words.length === 1
          ? groups(words[0], 2)
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : groups(words.join(''), 4)
              .map((g) => Number.parseInt(g, 16).toString(16))
              .join(':'),
      );
    }
  return out;
}

/** Connects to host:port: 'connected', or the error code. */
function connectTo(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('the playground server', () => {
  const dataDir = tempDir('playground-server');
  const dirs = [dataDir];
  const running: RunningServer[] = [];
  let s: RunningServer;
  let port: number;
  const host = () => `127.0.0.1:${port}`;
  const temporary = {
    ours: `.library.xlsx.${DEAD_PID}.1.tmp`,
    live: `.library.xlsx.${process.pid}.3.tmp`,
    otherName: `.notes.txt.${DEAD_PID}.1.tmp`,
    otherProgram: '.~lock.tmp',
    plain: 'backup.tmp',
  };
  /** Starts a server that must fail; resolves with its output. */
  const failing = async (dir: string, args: string[] = []) => {
    const p = startServer(dir, { args });
    const out = await p.then(
      (r) => {
        running.push(r);
        return `started: ${r.output()}`;
      },
      (e: Error) => e.message,
    );
    return out;
  };

  beforeAll(async () => {
    for (const n of Object.values(temporary)) writeFileSync(path.join(dataDir, n), 'someone else’s');
    s = await startServer(dataDir);
    running.push(s);
    port = Number(new URL(s.url).port);
  }, 120_000);

  afterAll(async () => {
    for (const r of running) await r.stop('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('removes only its own unfinished temporary files, of processes no longer running', () => {
    const left = readdirSync(dataDir).filter((n) => n.endsWith('.tmp'));
    expect(left.sort()).toEqual([temporary.live, temporary.otherName, temporary.otherProgram, temporary.plain].sort());
    expect(s.output()).toMatch(/Removed 1 unfinished temporary file/);
  });

  it('listens on 127.0.0.1 only: the machine’s other addresses refuse a connection', async () => {
    const listening = listeningAddresses(port);
    if (listening) expect(listening).toEqual(['127.0.0.1']);
    const others = Object.entries(os.networkInterfaces()).flatMap(([name, list]) =>
      (list ?? [])
        .filter((a) => !a.internal)
        .map((a) => (a.family === 'IPv6' && a.address.startsWith('fe80') ? `${a.address}%${name}` : a.address)),
    );
    for (const address of others) expect(await connectTo(address, port), address).toBe('ECONNREFUSED');
    expect(await connectTo('127.0.0.1', port)).toBe('connected');
    // Something was checked besides the loopback connection.
    expect(listening !== null || others.length > 0).toBe(true);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    expect((await rawRequest(`${s.url}api/state`, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await rawRequest(`${s.url}`, { headers: { host: `rebound.evil.example:${port}` } })).status).toBe(403);
    expect((await rawRequest(`${s.url}api/state`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect((await rawRequest(`${s.url}api/state`, { headers: { host: host() } })).status).toBe(200);
  });

  it('refuses a POST that is not JSON from the page’s own origin (CSRF from any website)', async () => {
    const menu = `${s.url}api/menu`;
    const body = JSON.stringify({ fn: 'showAbout' });
    const json = 'application/json';
    const cases: Array<[Record<string, string>, number]> = [
      [{ host: host(), 'content-type': json }, 403],
      [{ host: host(), 'content-type': json, origin: 'https://evil.example' }, 403],
      [{ host: host(), 'content-type': json, origin: 'null' }, 403],
      [{ host: host(), 'content-type': 'text/plain', origin: `http://${host()}` }, 403],
      [{ host: host(), 'content-type': 'application/x-www-form-urlencoded', origin: `http://${host()}` }, 403],
      [{ host: host(), 'content-type': json, origin: `http://${host()}` }, 200],
      [
        {
          host: `localhost:${port}`,
          'content-type': 'application/json; charset=utf-8',
          origin: `http://localhost:${port}`,
        },
        200,
      ],
    ];
    for (const [headers, status] of cases)
      expect((await rawRequest(menu, { method: 'POST', headers, body })).status, JSON.stringify(headers)).toBe(status);
  });

  it('runs from /api/menu only the functions the menu built by onOpen names', async () => {
    for (const fn of ['onEdit', 'deskIssue', 'monthlyDebtorsTrigger', 'constructor'])
      expect(await post(`${s.url}api/menu`, { fn }), fn).toMatchObject({ error: `not an item of the menu: ${fn}` });
    expect(await post(`${s.url}api/menu`, { fn: 'showAbout' })).toMatchObject({ ok: true });
  });

  it('refuses an edit at a row or column that is not a whole number in the sheet, with no new version', async () => {
    const state = () => getJson<{ version: number; sheets: Array<{ name: string }> }>(`${s.url}api/state`);
    const before = await state();
    const sheet = before.sheets[0].name;
    for (const [row, col] of [
      ['abc', 2],
      [2.5, 2],
      [2, '1'],
      [-1, 1],
      [null, 1],
      [1e9, 1],
    ]) {
      const r = await rawRequest(`${s.url}api/edit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(s.url).origin },
        body: JSON.stringify({ sheet, row, col, value: 'x' }),
      });
      expect(r.status, `${row},${col}`).toBe(400);
    }
    expect((await state()).version).toBe(before.version);
  });

  it('builds the menus afresh and runs onOpen when the page is (re)loaded', { timeout: 60_000 }, async () => {
    await post(`${s.url}api/menu`, { fn: 'useRussian' });
    const menus = async () => (await getJson<{ menus: Array<{ caption: string }> }>(`${s.url}api/state`)).menus;
    expect((await menus()).length).toBeGreaterThanOrEqual(1);
    expect((await rawRequest(s.url)).status).toBe(200);
    const after = await menus();
    expect(after).toHaveLength(1);
    await post(`${s.url}api/menu`, { fn: 'useKazakh' });
    await rawRequest(s.url);
    expect(await menus()).toHaveLength(1);
    expect((await menus())[0].caption).not.toBe(after[0].caption);
  });

  it('refuses a second server on the same workbook with a clear message', { timeout: 120_000 }, async () => {
    const out = await failing(dataDir);
    expect(out).toMatch(/library\.xlsx is already open in another playground \(process \d+\)/);
    expect(out).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(dataDir, '.library.xlsx.lock'))).toBe(true);
  });

  it('takes over the lock of a server that is gone', { timeout: 120_000 }, async () => {
    const dir = tempDir('playground-stale');
    dirs.push(dir);
    // The workbook that server left (a copy of the run's demo), then its lock.
    copyDemoInto(dir);
    writeFileSync(path.join(dir, '.library.xlsx.lock'), `${DEAD_PID}\n`);
    const r = await startServer(dir);
    running.push(r);
    expect(r.output()).toMatch(/Playground: http/);
    await post(`${r.url}api/flush`, {});
    expect(await r.stop('SIGTERM')).toMatchObject({ code: 0 });
    expect(existsSync(path.join(dir, '.library.xlsx.lock'))).toBe(false);
  });

  it('says clearly that the port is in use, and how to choose another', { timeout: 120_000 }, async () => {
    const dir = tempDir('playground-port');
    dirs.push(dir);
    const out = await failing(dir, ['--port', String(port)]);
    expect(out).toMatch(new RegExp(`port ${port} is in use`));
    expect(out).toMatch(/npm start -- --port 8090/);
    expect(out).not.toMatch(/^\s+at /m);
    // Nothing was opened or locked.
    expect(existsSync(path.join(dir, '.library.xlsx.lock'))).toBe(false);
  });

  it('says clearly that --workbook must be an .xlsx file', { timeout: 60_000 }, async () => {
    const dir = tempDir('playground-csv');
    dirs.push(dir);
    const out = await failing(dir, ['--workbook', path.join(dir, 'library.csv')]);
    expect(out).toMatch(/--workbook: an \.xlsx file/);
    expect(out).not.toMatch(/^\s+at /m);
  });

  it('takes a relative --workbook or --data from the folder npm start was typed in (INIT_CWD)', () => {
    const opts = parseArgs(['--workbook', 'school.xlsx', '--data', 'files'], { INIT_CWD: '/home/librarian' });
    expect([opts.workbook, opts.dataDir]).toEqual(['/home/librarian/school.xlsx', '/home/librarian/files']);
    expect(parseArgs(['--workbook', '/abs/a.xlsx'], { INIT_CWD: '/x' }).workbook).toBe('/abs/a.xlsx');
  });

  it('fills a new workbook with the lyceum unless --demo small asks for the small school', () => {
    expect(parseArgs([], {}).demo).toBe('lyceum');
    expect(parseArgs(['--demo', 'small'], {}).demo).toBe('small');
    expect(() => parseArgs(['--demo=huge'], {})).toThrow(/--demo: lyceum or small, not huge/);
  });
});
