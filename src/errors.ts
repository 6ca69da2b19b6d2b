import { type Lang, type MessageKey, t } from './messages';

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

/** What to tell the librarian about an error: a refusal in her language, or what went wrong. */
export function errorMessage(lang: Lang, e: unknown): string {
  if (isLibraryError(e)) return t(lang, e.key, e.params);
  const message = e instanceof Error ? e.message : String(e);
  // An Apps Script error can quote a whole pasted text: keep the message short.
  return t(lang, 'error.unexpected', { message: message.length > 200 ? `${message.slice(0, 199)}…` : message });
}
