import type { MessageKey } from './i18n';

/**
 * A refusal the librarian should read: it carries a catalogue key and its parameters, and is shown
 * in the user's language by whoever catches it (menu action, sidebar call, trigger log).
 */
export class LibraryError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'LibraryError';
  }
}

export function isLibraryError(e: unknown): e is LibraryError {
  return e instanceof LibraryError;
}
