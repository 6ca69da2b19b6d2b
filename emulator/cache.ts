/**
 * CacheService: script, document and per-user caches with expiry read from the runtime's clock.
 * Limits from the Cache reference: keys up to 250 characters ("Argument too large: key", also on get),
 * values up to 100 KB ("Argument too large: value"), expiration default 600 s, at most 21600 s (longer
 * requests are kept 6 hours), at least 1 s; a cache holds at most 1,000 items (the oldest written goes
 * first). putAll/getAll/removeAll check every key before changing anything.
 */
import { type Env, GasException } from './core';

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21600;
export const CACHE_MAX_ITEMS = 1000;

export type CacheKind = 'script' | 'document' | 'user';

interface Entry {
  value: string;
  expiresAt: number;
}

export interface EmuCache {
  get(key: string): string | null;
  getAll(keys: string[]): Record<string, string>;
  put(key: string, value: string, expirationInSeconds?: number): void;
  putAll(values: Record<string, string>, expirationInSeconds?: number): void;
  remove(key: string): void;
  removeAll(keys: string[]): void;
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > CACHE_KEY_LIMIT) throw new GasException('Argument too large: key');
  return k;
}
function checkValue(value: unknown): string {
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT) throw new GasException('Argument too large: value');
  return v;
}
function ttlMs(seconds: unknown): number {
  const s = seconds === undefined || seconds === null ? CACHE_DEFAULT_SECONDS : Number(seconds);
  return Math.min(CACHE_MAX_SECONDS, Math.max(1, Number.isFinite(s) ? s : CACHE_DEFAULT_SECONDS)) * 1000;
}

export function createCacheService(env: Env) {
  const caches = new Map<string, Map<string, Entry>>();
  const cacheFor = (kind: CacheKind) => {
    const id = kind === 'user' ? `user:${env.userEmail}` : kind;
    let m = caches.get(id);
    if (!m) {
      m = new Map();
      caches.set(id, m);
    }
    return m;
  };
  const live = (m: Map<string, Entry>, k: string): string | null => {
    const e = m.get(k);
    if (!e) return null;
    if (e.expiresAt <= env.clock.nowMillis()) {
      m.delete(k);
      return null;
    }
    return e.value;
  };
  const store = (m: Map<string, Entry>, k: string, v: string, ms: number) => {
    m.delete(k);
    m.set(k, { value: v, expiresAt: env.clock.nowMillis() + ms });
    while (m.size > CACHE_MAX_ITEMS) m.delete(m.keys().next().value as string);
  };

  const makeCache = (kind: CacheKind): EmuCache => {
    const c = (name: string) => env.counters.call(`Cache.${name}`);
    return {
      get(key) {
        c('get');
        return live(cacheFor(kind), checkKey(key));
      },
      getAll(keys) {
        c('getAll');
        const ks = Array.from(keys ?? [], checkKey);
        const m = cacheFor(kind);
        const out: Record<string, string> = {};
        for (const k of ks) {
          const v = live(m, k);
          if (v !== null) out[k] = v;
        }
        return out;
      },
      put(key, value, expirationInSeconds) {
        c('put');
        const k = checkKey(key);
        const v = checkValue(value);
        store(cacheFor(kind), k, v, ttlMs(expirationInSeconds));
      },
      putAll(values, expirationInSeconds) {
        c('putAll');
        const entries = Object.entries(values ?? {}).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
        const m = cacheFor(kind);
        const ms = ttlMs(expirationInSeconds);
        for (const [k, v] of entries) store(m, k, v, ms);
      },
      remove(key) {
        c('remove');
        cacheFor(kind).delete(checkKey(key));
      },
      removeAll(keys) {
        c('removeAll');
        const ks = Array.from(keys ?? [], checkKey);
        const m = cacheFor(kind);
        for (const k of ks) m.delete(k);
      },
    };
  };

  const CacheService = {
    getScriptCache(): EmuCache {
      env.counters.call('CacheService.getScriptCache');
      return makeCache('script');
    },
    getDocumentCache(): EmuCache {
      env.counters.call('CacheService.getDocumentCache');
      return makeCache('document');
    },
    getUserCache(): EmuCache {
      env.counters.call('CacheService.getUserCache');
      return makeCache('user');
    },
  };

  return {
    CacheService,
    /** Live (unexpired) entries of a cache with their expiry, for tests and the playground. */
    dump(kind: CacheKind): Record<string, { value: string; expiresAt: Date }> {
      const m = cacheFor(kind);
      const out: Record<string, { value: string; expiresAt: Date }> = {};
      for (const [k, e] of m)
        if (e.expiresAt > env.clock.nowMillis()) out[k] = { value: e.value, expiresAt: new Date(e.expiresAt) };
      return out;
    },
    /** Empties every cache (as if Google had evicted everything). */
    clear(): void {
      caches.clear();
    },
  };
}
