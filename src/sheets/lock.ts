import { LibraryError } from '../errors';

/**
 * Runs a mutation under the document lock, so two librarians (or a librarian and a trigger) never
 * interleave their writes. Flushes before releasing, as the LockService documentation asks.
 */
export function withDocumentLock<T>(fn: () => T, waitMs = 10_000): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) throw new LibraryError('error.busy');
  try {
    const result = fn();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
