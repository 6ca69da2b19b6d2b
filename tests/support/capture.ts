/**
 * What a runtime holds now (workbook, properties, triggers, caches, outbox, calendars, clock), and a
 * function that puts it back: into the same runtime (a generated case starts from it again) or into a
 * fresh one (a fixture built once per test file instead of once per test).
 */
import { statSync } from 'node:fs';
import type { Runtime } from '../../emulator';
import type { SpreadsheetData } from '../../emulator/spreadsheet';

const CACHES = ['document', 'script'] as const;

/**
 * The runtime's state now, and a function that puts it back (data copied: later runs cannot touch it).
 * The document cache is emptied on the way back, unless `fixture` (a fixture put into a fresh runtime
 * keeps its caches as they were, and its counters start at zero as after the fixture's own reset).
 */
export function capture(rt: Runtime, fixture = false): (into?: Runtime) => void {
  const data: SpreadsheetData = rt.spreadsheet.toData();
  const calendars = rt.calendar.snapshot();
  const props = rt.properties.dump('document');
  const script = rt.properties.dump('script');
  const caches = CACHES.map((kind) => [kind, rt.cache.dump(kind)] as const);
  // Copies: the runtime's records are live (runs and next run change as triggers fire).
  const triggers = rt.triggers.list().map((r) => ({ ...r, clock: r.clock ? { ...r.clock } : null }));
  const outbox = [...rt.mail.outbox];
  const now = new Date(rt.clock.nowMillis());
  return (into: Runtime = rt) => {
    into.spreadsheet.loadData(data);
    for (const [store, saved] of [
      [into.properties.PropertiesService.getDocumentProperties(), props],
      [into.properties.PropertiesService.getScriptProperties(), script],
    ] as const) {
      store.deleteAllProperties();
      store.setProperties(saved);
    }
    into.clock.set(now);
    for (const [kind, saved] of caches) {
      const cache =
        kind === 'document' ? into.cache.CacheService.getDocumentCache() : into.cache.CacheService.getScriptCache();
      if (!cache || (!fixture && kind === 'script')) continue;
      cache.removeAll(Object.keys(into.cache.dump(kind)));
      if (!fixture) continue;
      for (const [key, { value, expiresAt }] of Object.entries(saved))
        cache.put(key, value, Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 1000)));
    }
    into.mail.outbox.length = 0;
    into.mail.outbox.push(...outbox);
    into.mail.resetQuota();
    into.ui.log.length = 0;
    into.triggers.restore(triggers);
    into.calendar.restore(calendars);
    if (fixture) into.counters.reset();
  };
}

const fixtures = new Map<string, (into: Runtime) => void>();

/**
 * Remembers a fixture under `key`, keeping the last few only: a test worker runs many files one
 * after another (they share its modules), and every copy kept is a whole workbook in memory.
 */
export function remember<T>(memo: Map<string, T>, key: string, value: T, keep = 3): void {
  memo.delete(key);
  memo.set(key, value);
  while (memo.size > keep) memo.delete(memo.keys().next().value as string);
}

/**
 * A fixture built once per test worker and key, then copied into each fresh runtime: building it
 * through the bundle (Setup, pastes and their onEdit) costs far more than the copy. The key should
 * name everything the fixture depends on; the clock and the built bundle are added here.
 */
export function fixtureInto(rt: Runtime, key: string, build: (rt: Runtime) => void): Runtime {
  const bundle = statSync('build/Code.js');
  const full = JSON.stringify([key, rt.clock.nowMillis(), bundle.mtimeMs, bundle.size]);
  const copy = fixtures.get(full);
  if (copy) {
    copy(rt);
    return rt;
  }
  build(rt);
  remember(fixtures, full, capture(rt, true));
  return rt;
}

/** fixtureInto a runtime made by `fresh()`. */
export function fixture(key: string, fresh: () => Runtime, build: (rt: Runtime) => void): Runtime {
  return fixtureInto(fresh(), key, build);
}
