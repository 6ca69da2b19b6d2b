/**
 * The language switch for rows the library wrote from its catalogue: the plan's duties Setup put on
 * the Duties sheet, the holidays on Closed days, and the fund's books (the КСУ's parts, lines and
 * reasons; the inventory book's sources and acts). A cell changes only when it is, whole, one of our
 * messages in another language — a message with values ("act {act}, approved") keeps its values — so
 * what the librarian typed herself stays as she typed it.
 */
import { LANGS } from '../i18n/translator';
import { type Lang, type MessageKey, messageKeys, normalise, t } from '../messages';
import type { SheetKey } from '../schema';
import { labelMap, translateColumn } from './translate';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text made whole from one of `keys` in another language → the same message, with its values, in `lang`. */
export function messageMap(keys: readonly MessageKey[], lang: Lang): (text: string) => string | undefined {
  // A value that is itself one of our list labels ("оқулық" in a difference) follows the language too.
  const labels = labelMap(keysLike(/^enum\./), lang);
  const patterns: Array<{ key: MessageKey; re: RegExp; names: string[] }> = [];
  for (const key of keys) {
    for (const l of LANGS) {
      if (l === lang) continue;
      const template = t(l, key);
      const parts = template.split(/\{(\w+)\}/);
      const names = parts.filter((_, i) => i % 2 === 1);
      const source = parts.map((p, i) => (i % 2 === 1 ? '([\\s\\S]*?)' : literal(p))).join('');
      patterns.push({ key, re: new RegExp(`^${source}$`), names });
    }
  }
  // The message that explains most of the text wins: "{date} күнгі қор" would also match
  // "«Даналар» парағы: {date} күнгі қор", with a date that is not one.
  return (text) => {
    let best: { key: MessageKey; params: Record<string, string>; captured: number } | null = null;
    for (const p of patterns) {
      const m = p.re.exec(text);
      if (!m) continue;
      const captured = m.slice(1).reduce((n, v) => n + v.length, 0);
      if (best && best.captured <= captured) continue;
      const params = Object.fromEntries(p.names.map((n, i) => [n, labels.get(normalise(m[i + 1])) ?? m[i + 1]]));
      best = { key: p.key, params, captured };
    }
    if (!best) return undefined;
    const out = t(lang, best.key, best.params);
    return out === text ? undefined : out;
  };
}

const keysLike = (re: RegExp) => messageKeys().filter((k) => re.test(k)) as MessageKey[];

/** Which columns of which sheet hold which messages. */
const WRITTEN: ReadonlyArray<{ sheet: SheetKey; columns: string[]; keys: () => MessageKey[]; values: boolean }> = [
  { sheet: 'duties', columns: ['duty', 'note'], keys: () => keysLike(/^duty\.\w+(\.note)?$/), values: false },
  { sheet: 'schedule', columns: ['note'], keys: () => keysLike(/^holiday\.\w+$/), values: false },
  {
    sheet: 'ksu',
    columns: ['part', 'line', 'source', 'document'],
    keys: () => keysLike(/^(fund\.ksu\.(?!prompt|done)[\w.]+|enum\.writeOffReason\.\w+)$/),
    values: true,
  },
  {
    sheet: 'inventoryBook',
    columns: ['source', 'act'],
    keys: () => [...keysLike(/^fund\.book\.(receipt|act)$/), 'enum.copyStatus.writtenOff' as MessageKey],
    values: true,
  },
];

/** Rewrites those cells in `lang`; returns how many changed. */
export function translateWrittenRows(
  sheets: Map<string, Sheet>,
  columnsOf: Map<string, Map<string, number>>,
  lang: Lang,
): number {
  let changed = 0;
  for (const w of WRITTEN) {
    const sheet = sheets.get(w.sheet);
    const columns = columnsOf.get(w.sheet);
    if (!sheet || !columns) continue;
    const map = w.values ? messageMap(w.keys(), lang) : labelMap(w.keys(), lang);
    for (const c of w.columns) {
      const i = columns.get(c);
      if (i !== undefined) changed += translateColumn(sheet, i + 1, map);
    }
  }
  return changed;
}
