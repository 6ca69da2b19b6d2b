/**
 * What a sidebar's server call answers (google.script.run): its result, or a refusal in the
 * workbook's language that names the guide's section saying what to do (the sidebar shows a Help
 * link). The desk and the Fund sidebar answer alike.
 */
import { errorMessage, isLibraryError } from './errors';
import { type HelpSection, refusalSection } from './help/sections';
import { currentLang } from './sheets/workbook';

export type Reply<T> = ({ ok: true } & T) | { ok: false; message: string; help: HelpSection };

/** Runs a sidebar call: a refusal (or an unforeseen error, logged) becomes `{ ok: false, … }`. */
export function reply<T extends object>(fn: () => T): Reply<T> {
  try {
    return { ok: true, ...fn() };
  } catch (e) {
    if (!isLibraryError(e)) console.error(e);
    return {
      ok: false,
      message: errorMessage(currentLang(), e),
      help: refusalSection(isLibraryError(e) ? e.key : null),
    };
  }
}
