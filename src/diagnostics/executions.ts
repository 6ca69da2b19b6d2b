/**
 * What spans executions. The Diagnostics item is two executions already (the menu click, then the
 * dialog's call), so what outlives an execution is observed in a real Sheet too, and so are the
 * dialog's own google.script.run calls. A trigger context and two executions at once are not: those
 * cases give their steps, which the test harness runs (diagnosticsProbe) in a trigger or in two
 * executions of the runtime.
 */
import { KEY_PREFIX } from './scratch';
import { type Case, type Observed, thrown } from './types';

const CARRIED = `${KEY_PREFIX}carried`;
const CARRIED_SECONDS = 600;

/** Set by the menu click's execution; Apps Script starts every execution with fresh globals. */
let carriedInThisExecution: string | null = null;

/** The menu click's part of `carried`: a mark in the document's properties, its cache and the script's globals. */
export function markExecution(): void {
  const token = Utilities.getUuid();
  PropertiesService.getDocumentProperties().setProperty(CARRIED, token);
  CacheService.getDocumentCache()?.put(CARRIED, token, CARRIED_SECONDS);
  carriedInThisExecution = token;
}

/** The one lock the library takes for its writes. */
const documentLock = () => LockService.getDocumentLock();

export const EXECUTION_CASES: Case[] = [
  {
    id: 'carried',
    where: 'execution',
    expected: { properties: 'kept', cache: 'kept', globals: 'fresh' },
    run(ctx) {
      const props = PropertiesService.getDocumentProperties();
      const cache = CacheService.getDocumentCache();
      ctx.onCleanup(() => props.deleteProperty(CARRIED));
      ctx.onCleanup(() => cache?.remove(CARRIED));
      const token = props.getProperty(CARRIED);
      const cached = cache?.get(CARRIED) ?? null;
      return {
        properties: token === null ? 'lost' : 'kept',
        cache: cached !== null && cached === token ? 'kept' : 'lost',
        globals: carriedInThisExecution === null ? 'fresh' : 'kept',
      };
    },
  },
  {
    id: 'uiInTrigger',
    where: 'trigger',
    expected: { getUi: 'Cannot call SpreadsheetApp.getUi() from this context.' },
    steps: {
      run: () => ({ getUi: thrown(() => SpreadsheetApp.getUi()) ?? 'returned' }),
    },
  },
  {
    // The harness runs `hold` in one execution and, while it holds the lock, `try` in a second one,
    // then `try` again after the first has ended: { held, whileHeld, afterRelease }.
    id: 'lockSecondExecution',
    where: 'second-execution',
    expected: { held: true, whileHeld: false, afterRelease: true },
    steps: {
      hold: () => {
        const lock = documentLock();
        const held = lock.tryLock(10_000);
        if (held) lock.releaseLock();
        return { held };
      },
      try: () => {
        const lock = documentLock();
        const got = lock.tryLock(0);
        if (got) lock.releaseLock();
        return { got };
      },
    },
  },
  {
    // The dialog passes a Date; the call should fail before it reaches the script.
    id: 'dateArgument',
    where: 'dialog',
    expected: { outcome: 'failure' },
    steps: {
      echo: (arg) => ({ reached: true, type: Object.prototype.toString.call(arg) }),
    },
  },
  {
    // The script returns a Date inside an object; the emulator fails the call.
    id: 'dateResult',
    where: 'dialog',
    expected: { outcome: 'failure' },
    steps: {
      reply: () => ({ at: new Date() }) as unknown as Observed,
    },
  },
];
