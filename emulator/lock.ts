/**
 * LockService for a single-threaded emulator. A lock is held by an execution; the runtime runs each
 * script call as its own execution (`runExecution`) and, as Apps Script does when a script ends,
 * releases whatever that execution still holds. Contention is injected: `holdByOther(kind, until)`
 * makes another process hold the lock (until a clock time, or until `releaseOther`), and a test can run
 * a second execution while the first holds a lock (`runExecution` nested) so the second's tryLock fails.
 * A failed tryLock(ms) advances the clock by the time it waited; when the other holder lets go within
 * the timeout, the clock advances to that moment and the lock is taken. Within one execution the lock
 * is re-entrant but not counted: tryLock again succeeds at once, and the first releaseLock (from any
 * Lock object of that kind) lets it go, so a nested "take, work, release" frees the outer holder's lock
 * too (`state(kind)` shows who holds it at any moment). waitLock throws the real "Lock timeout:
 * another process was holding the lock for too long." text.
 */
import { type Env, GasException } from './core';

export type LockKind = 'document' | 'script' | 'user';
export const LOCK_TIMEOUT_ERROR = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds a lock: an execution of this runtime (by id), or "another process" until a time. */
type Holder = { kind: 'execution'; id: number } | { kind: 'other'; untilMs: number };

export interface EmuLock {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
  hasLock(): boolean;
}

export function createLockService(env: Env) {
  const holders = new Map<string, Holder>();
  const hooks: Array<(kind: LockKind) => void> = [];
  let nextExecution = 1;
  let current = nextExecution++;

  const keyOf = (kind: LockKind) => (kind === 'user' ? `user:${env.userEmail}` : kind);

  /** The holder now, after expiring an "other" hold whose time has passed. */
  const holderOf = (key: string): Holder | undefined => {
    const h = holders.get(key);
    if (h && h.kind === 'other' && h.untilMs <= env.clock.nowMillis()) {
      holders.delete(key);
      return undefined;
    }
    return h;
  };

  const acquire = (key: string, kind: LockKind) => {
    holders.set(key, { kind: 'execution', id: current });
    const due = hooks.splice(0, hooks.length);
    for (const fn of due) fn(kind);
  };

  const makeLock = (kind: LockKind): EmuLock => {
    const key = keyOf(kind);
    let mine = false;
    const c = (m: string) => env.counters.call(`Lock.${m}`);
    const attempt = (timeoutInMillis: number): boolean => {
      const timeout = Math.max(0, Number(timeoutInMillis) || 0);
      const h = holderOf(key);
      if (!h || (h.kind === 'execution' && h.id === current)) {
        if (!h) acquire(key, kind);
        mine = true;
        return true;
      }
      if (h.kind === 'other' && Number.isFinite(h.untilMs) && h.untilMs - env.clock.nowMillis() <= timeout) {
        env.clock.set(new Date(h.untilMs));
        holders.delete(key);
        acquire(key, kind);
        mine = true;
        return true;
      }
      env.clock.advance(timeout);
      return false;
    };
    const lock: EmuLock = {
      tryLock(timeoutInMillis) {
        c('tryLock');
        return attempt(timeoutInMillis);
      },
      waitLock(timeoutInMillis) {
        c('waitLock');
        if (!attempt(timeoutInMillis)) throw new GasException(LOCK_TIMEOUT_ERROR);
      },
      releaseLock() {
        c('releaseLock');
        const h = holders.get(key);
        if (h && h.kind === 'execution' && h.id === current) holders.delete(key);
        mine = false;
      },
      hasLock() {
        c('hasLock');
        const h = holderOf(key);
        return mine && !!h && h.kind === 'execution' && h.id === current;
      },
    };
    return lock;
  };

  const LockService = {
    getDocumentLock(): EmuLock {
      env.counters.call('LockService.getDocumentLock');
      return makeLock('document');
    },
    getScriptLock(): EmuLock {
      env.counters.call('LockService.getScriptLock');
      return makeLock('script');
    },
    getUserLock(): EmuLock {
      env.counters.call('LockService.getUserLock');
      return makeLock('user');
    },
  };

  return {
    LockService,
    /** Another process holds the lock until `until` (a Date or epoch millis; forever when omitted). */
    holdByOther(kind: LockKind, until?: Date | number): void {
      const untilMs =
        until === undefined ? Number.POSITIVE_INFINITY : typeof until === 'number' ? until : until.getTime();
      holders.set(keyOf(kind), { kind: 'other', untilMs });
    },
    /** The other process lets go. */
    releaseOther(kind: LockKind): void {
      const h = holders.get(keyOf(kind));
      if (h && h.kind === 'other') holders.delete(keyOf(kind));
    },
    /** Runs `callback(kind)` once, right after the next successful acquisition of any lock. */
    onAcquire(callback: (kind: LockKind) => void): void {
      hooks.push(callback);
    },
    /** Who holds each lock now: 'none', 'other', or 'execution:<id>'. */
    state(kind: LockKind): string {
      const h = holderOf(keyOf(kind));
      return !h ? 'none' : h.kind === 'other' ? 'other' : `execution:${h.id}`;
    },
    /** The id of the execution running now. */
    currentExecution(): number {
      return current;
    },
    /**
     * Runs `fn` as a new execution (a menu click, a trigger run, a second user at the same time): locks
     * it takes are its own, and whatever it still holds when it ends is released, as at script end.
     */
    runExecution<T>(fn: () => T): T {
      const before = current;
      current = nextExecution++;
      const id = current;
      try {
        return fn();
      } finally {
        for (const [k, h] of holders) if (h.kind === 'execution' && h.id === id) holders.delete(k);
        current = before;
      }
    },
  };
}
