/**
 * The machinery of the message catalogue: languages, and a translator made from message tables.
 * It knows no feature: the program composes its catalogue from every feature's table in
 * src/messages.ts.
 */
export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['kk', 'ru', 'en'];
export const DEFAULT_LANG: Lang = 'kk';

export function isLang(v: unknown): v is Lang {
  return v === 'kk' || v === 'ru' || v === 'en';
}

/** How names are compared: case, surrounding and repeated spaces do not matter. */
export function normalise(s: unknown): string {
  return String(s ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase();
}

type Table = { en: Record<string, string>; kk: Record<string, string>; ru: Record<string, string> };

/** A translator over `parts` (each a feature's kk/ru/en table); a key defined twice is an error. */
export function makeCatalogue<K extends string>(parts: readonly Table[]) {
  const tables: Record<Lang, Record<string, string>> = { kk: {}, ru: {}, en: {} };
  for (const part of parts) {
    for (const lang of LANGS) {
      for (const [k, v] of Object.entries(part[lang])) {
        if (k in tables[lang]) throw new Error(`message ${k} is defined twice`);
        tables[lang][k] = v;
      }
    }
  }
  return {
    /** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
    t(lang: Lang, key: K, params: Record<string, string | number> = {}): string {
      const text = tables[lang][key] ?? tables.en[key] ?? key;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    /** Every key of the catalogue (for tests and checks). */
    messageKeys(): string[] {
      return Object.keys(tables.en);
    },
    /** The message `key` in every language: sheets and headers are recognised whichever one named them. */
    allLanguages(key: K): string[] {
      return LANGS.map((l) => tables[l][key]);
    },
  };
}
