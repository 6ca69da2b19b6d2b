/**
 * Codes as they arrive from a barcode scanner or a hand: reader cards, inventory numbers, title
 * codes. A scanner presses the keys of a US keyboard, and the computer's active layout decides the
 * characters: under the Russian or Kazakh layout the card `R00002` arrives as `К00002`, and under
 * the Kazakh layout the digit keys type Kazakh letters (`Кққққә`). This module maps them back by key
 * position, folds case, spaces and Cyrillic look-alikes, and says which stored codes a typed one may
 * mean. Pure: no Apps Script.
 */

/**
 * The characters of each key, in the order of the US keys in `US_KEYS`, from the CLDR keyboard charts
 * (unicode-org/cldr, keyboards/windows/kk-t-k0-windows.xml and ru-t-k0-windows.xml): rows E00-E12,
 * D01-D12, C01-C11, B01-B10, unshifted. Shifted letters are the upper case of the same letters.
 */
const US_KEYS = "`1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./";
const KAZAKH_KEYS = '("әіңғ,.үұқөһйцукенгшщзхъфывапролджэячсмитьбю№';
const RUSSIAN_KEYS = 'ё1234567890-=йцукенгшщзхъфывапролджэячсмитьбю.';

/** Layout character → the US key it sits on. Kazakh first: its digit row is what scanners hit most. */
const TO_US_KEY = (() => {
  const map = new Map<string, string>();
  const add = (layout: string) => {
    [...layout].forEach((ch, i) => {
      const us = US_KEYS[i];
      if (ch === us || map.has(ch)) return;
      map.set(ch, us);
      const upper = ch.toUpperCase();
      // Shift (or Caps Lock) on a letter key types the capital of the same letter.
      if (upper !== ch && !map.has(upper)) map.set(upper, us.toUpperCase());
    });
  };
  add(KAZAKH_KEYS);
  add(RUSSIAN_KEYS);
  return map;
})();

/** Latin capitals and the Cyrillic letters that look like them, as they get typed into codes. */
export const LATIN_OF_CYRILLIC: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};
const CYRILLIC_OF_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_OF_CYRILLIC).map(([cyr, lat]) => [lat, cyr]),
);

/** No code the library prints is longer; anything longer is a paste, not a scan. */
export const MAX_CODE_LENGTH = 40;

/** What a message repeats of what was typed: never more than about 60 characters. */
export function echo(typed: unknown, max = 60): string {
  const s = String(typed ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const CYRILLIC = /[\u0400-\u04FF]/;

/** True when the text holds letters a US keyboard cannot type: a scan under another layout, maybe. */
export function typedUnderOtherLayout(s: string): boolean {
  return CYRILLIC.test(s) || /["№,.]/.test(s);
}

/** The keys that were pressed, read on a US keyboard: `Кққққә` → `R00002`, `қққңғ,` → `000456`. */
export function asUsKeys(s: string): string {
  return [...s].map((ch) => TO_US_KEY.get(ch) ?? ch).join('');
}

/**
 * A code as the library compares codes: no spaces, capitals, Cyrillic look-alike letters read as the
 * Latin ones they look like (`r00002` and ` R 00002 ` are `R00002`; `К00002` with a Cyrillic К is
 * `K00002`). Reading the keys under another layout is `asUsKeys`, a separate candidate.
 */
export function codeKey(s: unknown): string {
  return [
    ...String(s ?? '')
      .replace(/\s+/g, '')
      .toUpperCase(),
  ]
    .map((ch) => LATIN_OF_CYRILLIC[ch] ?? ch)
    .join('');
}

/** A code stored as a number loses its leading zeros: `00123` and `123` are the same digits. */
function digitsKey(key: string): string | null {
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : null;
}

/** The codes a typed text may mean, as keys: as typed, and as the keys of a US keyboard. */
export function codeCandidates(typed: string): string[] {
  const out = [codeKey(typed)];
  if (typedUnderOtherLayout(typed)) {
    const keys = codeKey(asUsKeys(typed));
    if (!out.includes(keys)) out.push(keys);
  }
  return out.filter((k) => k !== '');
}

/** How well a stored code matches a typed one: exactly (as keys), or only by its digits (lost zeros). */
export type CodeMatch = 'exact' | 'digits' | null;

export function matchCode(candidates: readonly string[], stored: unknown): CodeMatch {
  const key = codeKey(stored);
  if (key === '') return null;
  if (candidates.includes(key)) return 'exact';
  const d = digitsKey(key);
  if (d !== null && candidates.some((c) => digitsKey(c) === d)) return 'digits';
  return null;
}

/**
 * Picks what a typed code means among the stored codes a search found: exact matches win; a code
 * that lost its leading zeros counts only when it is the one match. Several different codes left
 * over are ambiguous: the caller refuses and lists them.
 */
export function pickCode<T>(
  typed: string,
  found: readonly T[],
  codeOf: (x: T) => unknown,
): { match: T } | { ambiguous: string[] } | { none: true } {
  const candidates = codeCandidates(typed);
  const exact: T[] = [];
  const digits: T[] = [];
  for (const x of found) {
    const m = matchCode(candidates, codeOf(x));
    if (m === 'exact') exact.push(x);
    else if (m === 'digits') digits.push(x);
  }
  const pool = exact.length > 0 ? exact : digits;
  if (pool.length === 0) return { none: true };
  const distinct = [...new Set(pool.map((x) => String(codeOf(x)).trim()))].sort();
  // Under two layouts one scan can mean two codes: both exist, so the librarian must choose.
  if (distinct.length > 1) return { ambiguous: distinct };
  return { match: pool[0] };
}

/**
 * Text as a regular expression that matches it literally (RE2 and JavaScript alike; a "-" is escaped
 * only inside a character class, where both need it).
 */
export function literalPattern(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A character as a member of a regular-expression character class. */
export function inClass(ch: string): string {
  return ch.replace(/[\\\][^-]/g, '\\$&');
}

/** One character of a code key as a regular-expression class: either case, and its look-alike. */
function charPattern(ch: string): string {
  const alike = CYRILLIC_OF_LATIN[ch];
  const variants = new Set([ch, ch.toLowerCase()]);
  if (alike) {
    variants.add(alike);
    variants.add(alike.toLowerCase());
  }
  if (variants.size === 1) return literalPattern(ch);
  return `[${[...variants].map(inClass).join('')}]`;
}

/**
 * A regular expression (RE2 syntax, for a TextFinder over what the cells display) that finds every
 * cell whose code may be the typed one: any case, spaces anywhere, look-alike letters, and for
 * all-digit codes any number of leading zeros. It finds a superset; `pickCode` decides.
 */
export function codeSearchPattern(typed: string): string | null {
  const candidates = codeCandidates(typed);
  if (candidates.length === 0) return null;
  const alternatives = candidates.map((key) => {
    const d = digitsKey(key);
    const chars = d !== null ? [...d] : [...key];
    const body = chars.map(charPattern).join('\\s*');
    return d !== null ? `(?:0\\s*)*${body}` : body;
  });
  return `^\\s*(?:${[...new Set(alternatives)].join('|')})\\s*$`;
}
