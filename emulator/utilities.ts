/**
 * Utilities, Logger and console of the in-memory Apps Script runtime: formatString, blobs, CSV, digests
 * and signatures, logging. Dates are formatted by zoned-time.ts.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { format as nodeFormat } from 'node:util';
import { type Env, GasException, isDate } from './core';
import { enumName, makeEnum } from './enums';
import { formatDateIn } from './zoned-time';

// ---------------------------------------------------------------------------------------------------------
// formatString (sprintf subset)

/** `%[flags][width][.precision]conv` with conv in s d i f e x X o c %, flags in "-+0 ". */
export function sprintf(template: string, args: unknown[]): string {
  let argIndex = 0;
  return String(template).replace(
    /%([-+0 #]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g,
    (_m, flags: string, width?: string, precision?: string, conv?: string) => {
      if (conv === '%') return '%';
      const arg = args[argIndex++];
      let s: string;
      const prec = precision === undefined ? undefined : Number(precision);
      switch (conv) {
        case 's':
          s = arg === undefined ? 'undefined' : arg === null ? 'null' : String(arg);
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'd':
        case 'i':
          s = String(Math.trunc(Number(arg)));
          break;
        case 'f':
          s = Number(arg).toFixed(prec ?? 6);
          break;
        case 'e':
        case 'E':
          s = Number(arg).toExponential(prec ?? 6);
          if (conv === 'E') s = s.toUpperCase();
          break;
        case 'x':
        case 'X':
          s = (Math.trunc(Number(arg)) >>> 0).toString(16);
          if (conv === 'X') s = s.toUpperCase();
          break;
        case 'o':
          s = (Math.trunc(Number(arg)) >>> 0).toString(8);
          break;
        case 'c':
          s = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        default:
          s = String(arg);
      }
      const numeric = 'difeE'.includes(conv ?? '');
      if (numeric && !s.startsWith('-')) {
        if (flags.includes('+')) s = `+${s}`;
        else if (flags.includes(' ')) s = ` ${s}`;
      }
      const w = width ? Number(width) : 0;
      if (s.length < w) {
        if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
        else if (flags.includes('0') && numeric) {
          const sign = /^[-+ ]/.test(s) ? s[0] : '';
          const body = sign ? s.slice(1) : s;
          s = sign + '0'.repeat(w - s.length) + body;
        } else s = ' '.repeat(w - s.length) + s;
      }
      return s;
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Bytes and blobs

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}
export function fromBytes(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes as number[], (b) => b & 0xff));
}

function charsetEncoding(charset: unknown): BufferEncoding {
  const n = enumName(charset).toUpperCase().replace('-', '_');
  return n === 'US_ASCII' ? 'latin1' : 'utf8';
}

function toBuffer(data: unknown, charset?: unknown): Buffer {
  if (typeof data === 'string') {
    const buf = Buffer.from(data, charsetEncoding(charset));
    if (enumName(charset).toUpperCase() === 'US_ASCII') for (let i = 0; i < buf.length; i++) buf[i] &= 0x7f;
    return buf;
  }
  if (Array.isArray(data) || ArrayBuffer.isView(data)) return fromBytes(data as ArrayLike<number>);
  if (data && typeof (data as { getBytes?: unknown }).getBytes === 'function')
    return fromBytes((data as { getBytes(): number[] }).getBytes());
  return Buffer.from(String(data), 'utf8');
}

export interface EmuBlob {
  getBytes(): number[];
  getDataAsString(charset?: string): string;
  getContentType(): string | null;
  setContentType(contentType: string): EmuBlob;
  getName(): string | null;
  setName(name: string): EmuBlob;
  setDataFromString(s: string, charset?: string): EmuBlob;
  setBytes(bytes: number[]): EmuBlob;
  copyBlob(): EmuBlob;
  getBlob(): EmuBlob;
  isGoogleType(): boolean;
  getAs(contentType: string): EmuBlob;
}

export function newBlob(env: Env | null, data: unknown, contentType?: string | null, name?: string | null): EmuBlob {
  let buf = toBuffer(data ?? '');
  let type: string | null = contentType ?? null;
  let nm: string | null = name ?? null;
  const count = (m: string) => env?.counters.call(`Blob.${m}`);
  const blob: EmuBlob = {
    getBytes: () => {
      count('getBytes');
      return toSignedBytes(buf);
    },
    getDataAsString: (charset?: string) => {
      count('getDataAsString');
      return buf.toString(charsetEncoding(charset));
    },
    getContentType: () => {
      count('getContentType');
      return type;
    },
    setContentType: (t: string) => {
      count('setContentType');
      type = t;
      return blob;
    },
    getName: () => {
      count('getName');
      return nm;
    },
    setName: (n: string) => {
      count('setName');
      nm = n;
      return blob;
    },
    setDataFromString: (s: string, charset?: string) => {
      count('setDataFromString');
      buf = toBuffer(s, charset);
      return blob;
    },
    setBytes: (b: number[]) => {
      count('setBytes');
      buf = fromBytes(b);
      return blob;
    },
    copyBlob: () => {
      count('copyBlob');
      return newBlob(env, toSignedBytes(buf), type, nm);
    },
    getBlob: () => blob,
    isGoogleType: () => false,
    getAs: (t: string) => {
      count('getAs');
      return newBlob(env, toSignedBytes(buf), t, nm);
    },
  };
  return blob;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 CSV: quoted fields may hold delimiters, newlines and doubled quotes. */
export function parseCsvText(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  const text = String(csv);
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// The services

export interface LogLine {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: Date;
}

const DIGESTS: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function signature(method: string, args: unknown[]): GasException {
  const types = args.map((a) =>
    a === null || a === undefined
      ? 'null'
      : isDate(a)
        ? 'Date'
        : Array.isArray(a)
          ? 'number[]'
          : typeof a === 'string'
            ? 'String'
            : typeof a === 'number'
              ? 'number'
              : 'Object',
  );
  return new GasException(`The parameters (${types.join(',')}) don't match the method signature for ${method}.`);
}

function formatLogArgs(args: unknown[]): string {
  return nodeFormat(...(args as [unknown, ...unknown[]]));
}

export function createUtilities(env: Env) {
  const logs: LogLine[] = [];
  const c = (m: string) => env.counters.call(`Utilities.${m}`);

  const Charset = makeEnum(['US_ASCII', 'UTF_8'] as const);
  const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
  const MacAlgorithm = makeEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const);
  const RsaAlgorithm = makeEnum(['RSA_SHA_1', 'RSA_SHA_256'] as const);

  const Utilities = {
    Charset,
    DigestAlgorithm,
    MacAlgorithm,
    RsaAlgorithm,
    formatDate(date: Date, timeZone: string, format: string): string {
      c('formatDate');
      if (!isDate(date) || typeof format !== 'string' || timeZone == null)
        throw signature('Utilities.formatDate', [date, timeZone, format]);
      return formatDateIn(date, String(timeZone), format);
    },
    formatString(template: string, ...args: unknown[]): string {
      c('formatString');
      return sprintf(template, args);
    },
    getUuid(): string {
      c('getUuid');
      return randomUUID();
    },
    /** Advances the runtime's clock instead of blocking. */
    sleep(milliseconds: number): void {
      c('sleep');
      env.clock.advance(Math.max(0, Number(milliseconds) || 0));
    },
    newBlob(data: unknown, contentType?: string, name?: string): EmuBlob {
      c('newBlob');
      return newBlob(env, data, contentType, name);
    },
    base64Encode(data: unknown, charset?: unknown): string {
      c('base64Encode');
      return toBuffer(data, charset).toString('base64');
    },
    base64EncodeWebSafe(data: unknown, charset?: unknown): string {
      c('base64EncodeWebSafe');
      return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string, _charset?: unknown): number[] {
      c('base64Decode');
      return toSignedBytes(Buffer.from(String(encoded), 'base64'));
    },
    base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
      c('base64DecodeWebSafe');
      return toSignedBytes(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    },
    computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
      c('computeDigest');
      const alg = DIGESTS[enumName(algorithm)];
      if (!alg) throw new GasException('Invalid argument: algorithm');
      return toSignedBytes(createHash(alg).update(toBuffer(value, charset)).digest());
    },
    computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
      c('computeHmacSignature');
      const alg = MACS[enumName(algorithm)];
      if (!alg) throw new GasException('Invalid argument: algorithm');
      return toSignedBytes(createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
      c('computeHmacSha256Signature');
      return toSignedBytes(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    parseCsv(csv: string, delimiter?: string): string[][] {
      c('parseCsv');
      return parseCsvText(csv, delimiter ?? ',');
    },
  };

  const record = (source: LogLine['source'], level: LogLine['level'], message: string) => {
    logs.push({ source, level, message, at: env.clock.now() });
  };

  const Logger = {
    /** `Logger.log(data)` or `Logger.log(format, ...values)` with formatString placeholders. */
    log(data?: unknown, ...values: unknown[]) {
      env.counters.call('Logger.log');
      const message =
        values.length > 0 && typeof data === 'string'
          ? sprintf(data, values)
          : typeof data === 'string'
            ? data
            : formatLogArgs([data]);
      record('Logger', 'log', message);
      return Logger;
    },
    getLog(): string {
      env.counters.call('Logger.getLog');
      return logs
        .filter((l) => l.source === 'Logger')
        .map((l) => `${l.message}\n`)
        .join('');
    },
    clear(): void {
      env.counters.call('Logger.clear');
      for (let i = logs.length - 1; i >= 0; i--) if (logs[i].source === 'Logger') logs.splice(i, 1);
    },
  };

  const timers = new Map<string, number>();
  const consoleLevel =
    (level: LogLine['level']) =>
    (...args: unknown[]) => {
      env.counters.call(`console.${level}`);
      record('console', level, formatLogArgs(args));
    };
  const console = {
    log: consoleLevel('log'),
    info: consoleLevel('info'),
    warn: consoleLevel('warn'),
    error: consoleLevel('error'),
    debug: consoleLevel('debug'),
    time(label = 'default') {
      timers.set(label, env.clock.nowMillis());
    },
    timeEnd(label = 'default') {
      const start = timers.get(label);
      if (start === undefined) return;
      timers.delete(label);
      record('console', 'log', `${label}: ${env.clock.nowMillis() - start}ms`);
    },
  };

  return { Utilities, Logger, console, logs };
}
