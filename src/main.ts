/**
 * Every entry point of the Apps Script project, and nothing else: the build turns each export into
 * a top-level function that menus, triggers and google.script.run can call.
 */
import { onOpen, setUpWorkbook, showAbout, useLanguage } from './actions';

export { onOpen, setUpWorkbook, showAbout };

/** Installed as an add-on or from the editor: build the menu as on open. */
export function onInstall(): void {
  onOpen();
}

export function useKazakh(): void {
  useLanguage('kk');
}

export function useRussian(): void {
  useLanguage('ru');
}

export function useEnglish(): void {
  useLanguage('en');
}
