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

type Table = { en: () => Record<string, string>; kk: () => Record<string, string>; ru: () => Record<string, string> };

/**
 * A translator over `parts` (each a feature's kk/ru/en table). The tables are looked up where they
 * are, not merged: Apps Script runs the bundle's top level at every execution (each menu click, each
 * sidebar call), and copying thousands of messages there cost more than the lookups of a whole run.
 * A key defined twice is found by `duplicateKeys` (a test keeps it empty).
 */
export function makeCatalogue<K extends string>(parts: readonly Table[]) {
  const own = Object.prototype.hasOwnProperty;
  // A part's table in a language is made the first time a lookup reaches it, then kept (this execution).
  const made = parts.map(() => ({}) as Partial<Record<Lang, Record<string, string>>>);
  const table = (i: number, lang: Lang): Record<string, string> => {
    let t = made[i][lang];
    if (!t) {
      t = parts[i][lang]();
      made[i][lang] = t;
    }
    return t;
  };
  const find = (lang: Lang, key: string): string | undefined => {
    for (let i = 0; i < parts.length; i++) {
      const t = table(i, lang);
      if (own.call(t, key)) return t[key];
    }
    return undefined;
  };
  return {
    /** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
    t(lang: Lang, key: K, params: Record<string, string | number> = {}): string {
      const text = find(lang, key) ?? find('en', key) ?? key;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    /** Every key of the catalogue (for tests and checks). */
    messageKeys(): string[] {
      return [...new Set(parts.flatMap((_, i) => Object.keys(table(i, 'en'))))];
    },
    /** Keys that two tables define (or one defines in a language twice over): there must be none. */
    duplicateKeys(): string[] {
      const twice = new Set<string>();
      for (const lang of LANGS) {
        const seen = new Set<string>();
        for (let i = 0; i < parts.length; i++)
          for (const k of Object.keys(table(i, lang))) {
            if (seen.has(k)) twice.add(k);
            seen.add(k);
          }
      }
      return [...twice];
    },
    /** The message `key` in every language: sheets and headers are recognised whichever one named them. */
    allLanguages(key: K): string[] {
      return LANGS.map((l) => find(l, key) as string);
    },
  };
}
