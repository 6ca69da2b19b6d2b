import { LibraryError } from '../errors';

/**
 * How many withDocumentLock calls of this execution are running now. Apps Script evaluates the
 * script afresh for every execution, so this count belongs to one execution.
 */
let depth = 0;

/**
 * Runs a mutation under the document lock, so two librarians (or a librarian and a trigger) never
 * interleave their writes. Flushes before releasing, as the LockService documentation asks.
 *
 * Re-entrant: Apps Script's Lock keeps no count (taking it again in the same execution succeeds, and
 * the first releaseLock lets it go), so a nested call only runs `fn`; the outermost call alone
 * takes, flushes and releases the lock. Without this, a nested call (Setup creating a missing sheet
 * inside an action) would release the outer action's lock halfway through.
 */
export function withDocumentLock<T>(fn: () => T, waitMs = 10_000): T {
  if (depth > 0) {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  }
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) throw new LibraryError('error.busy');
  depth++;
  try {
    const result = fn();
    SpreadsheetApp.flush();
    return result;
  } finally {
    depth--;
    lock.releaseLock();
  }
}
