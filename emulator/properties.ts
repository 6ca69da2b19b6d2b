/**
 * PropertiesService: three string key-value stores (script, document, and one per user). Values are
 * stored as String(value). Limits from the Apps Script quotas page: 9 KB per value, 500 KB per property
 * store (keys and values both count, UTF-8 bytes). Going over either throws the real text
 * "You have exceeded the property storage quota. Please remove some properties and try again." (the
 * same message serves both: a single too-large value is reported with it) and stores nothing.
 */
import { type Env, GasException } from './core';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const PROPERTY_QUOTA_ERROR =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

export type PropertyStoreKind = 'script' | 'document' | 'user';

export interface EmuProperties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: unknown): EmuProperties;
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): EmuProperties;
  getProperties(): Record<string, string>;
  getKeys(): string[];
  deleteProperty(key: string): EmuProperties;
  deleteAllProperties(): EmuProperties;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function storeSize(map: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of map) n += bytes(k) + bytes(v);
  return n;
}

export function createPropertiesService(env: Env) {
  const stores = new Map<string, Map<string, string>>();
  const storeFor = (kind: PropertyStoreKind): Map<string, string> => {
    const id = kind === 'user' ? `user:${env.userEmail}` : kind;
    let s = stores.get(id);
    if (!s) {
      s = new Map();
      stores.set(id, s);
    }
    return s;
  };

  /** Applies `next` to the store only when it fits the limits. */
  const commit = (map: Map<string, string>, next: Map<string, string>) => {
    for (const v of next.values()) if (bytes(v) > PROPERTY_VALUE_LIMIT) throw new GasException(PROPERTY_QUOTA_ERROR);
    if (storeSize(next) > PROPERTY_STORE_LIMIT) throw new GasException(PROPERTY_QUOTA_ERROR);
    map.clear();
    for (const [k, v] of next) map.set(k, v);
  };

  const makeProperties = (kind: PropertyStoreKind): EmuProperties => {
    const c = (m: string) => env.counters.call(`Properties.${m}`);
    const map = () => storeFor(kind);
    const props: EmuProperties = {
      getProperty(key) {
        c('getProperty');
        return map().get(String(key)) ?? null;
      },
      setProperty(key, value) {
        c('setProperty');
        const m = map();
        const next = new Map(m);
        next.set(String(key), String(value));
        commit(m, next);
        return props;
      },
      setProperties(properties, deleteAllOthers = false) {
        c('setProperties');
        const m = map();
        const next = deleteAllOthers ? new Map<string, string>() : new Map(m);
        for (const [k, v] of Object.entries(properties ?? {})) next.set(k, String(v));
        commit(m, next);
        return props;
      },
      getProperties() {
        c('getProperties');
        return Object.fromEntries(map());
      },
      getKeys() {
        c('getKeys');
        return [...map().keys()];
      },
      deleteProperty(key) {
        c('deleteProperty');
        map().delete(String(key));
        return props;
      },
      deleteAllProperties() {
        c('deleteAllProperties');
        map().clear();
        return props;
      },
    };
    return props;
  };

  const PropertiesService = {
    getScriptProperties(): EmuProperties {
      env.counters.call('PropertiesService.getScriptProperties');
      return makeProperties('script');
    },
    getDocumentProperties(): EmuProperties {
      env.counters.call('PropertiesService.getDocumentProperties');
      return makeProperties('document');
    },
    getUserProperties(): EmuProperties {
      env.counters.call('PropertiesService.getUserProperties');
      return makeProperties('user');
    },
  };

  return {
    PropertiesService,
    /** A copy of a store, for tests and the playground (the user store of env.userEmail). */
    dump(kind: PropertyStoreKind): Record<string, string> {
      return Object.fromEntries(storeFor(kind));
    },
    /** Bytes a store uses (keys + values, UTF-8), as counted against the 500 KB limit. */
    size(kind: PropertyStoreKind): number {
      return storeSize(storeFor(kind));
    },
  };
}
