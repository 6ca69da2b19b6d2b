/**
 * The message catalogue: every string a librarian or a class teacher sees comes from here, in Kazakh
 * (the default), Russian or English. Features add their own tables to CATALOGUE.
 */
import { checkMessages } from '../check/messages';
import { debtorsMessages } from '../debtors/messages';
import { deskMessages } from '../desk/messages';
import { logMessages } from '../sheets/log-messages';
import { core } from './core';

/** Every feature's messages; add a feature's table here. */
const CATALOGUE = [core, deskMessages, debtorsMessages, logMessages, checkMessages] as const;

type KeysOf<T> = T extends { en: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof CATALOGUE)[number]>;
export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['kk', 'ru', 'en'];
export const DEFAULT_LANG: Lang = 'kk';

const tables: Record<Lang, Record<string, string>> = { kk: {}, ru: {}, en: {} };
for (const part of CATALOGUE) {
  for (const lang of LANGS) {
    for (const [k, v] of Object.entries(part[lang] as Record<string, string>)) {
      if (k in tables[lang]) throw new Error(`message ${k} is defined twice`);
      tables[lang][k] = v;
    }
  }
}

export function isLang(v: unknown): v is Lang {
  return v === 'kk' || v === 'ru' || v === 'en';
}

/** Every key of the catalogue (for tests and checks). */
export function messageKeys(): string[] {
  return Object.keys(tables.en);
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = tables[lang][key] ?? tables.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message `key` in every language: sheets and headers are recognised whichever one named them. */
export function allLanguages(key: MessageKey): string[] {
  return LANGS.map((l) => tables[l][key]);
}

/** How names are compared: case, surrounding and repeated spaces do not matter. */
export function normalise(s: unknown): string {
  return String(s ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase();
}
