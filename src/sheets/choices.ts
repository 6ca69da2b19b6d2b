/** Dropdown values: stored as labels in the workbook's language, understood in any language. */
import { allLanguages, type Lang, normalise, t } from '../messages';
import { ENUMS, type EnumCode, type EnumName, enumKey } from '../schema';

const lookup = new Map<EnumName, Map<string, string>>();

function table(e: EnumName): Map<string, string> {
  let m = lookup.get(e);
  if (!m) {
    m = new Map();
    for (const code of ENUMS[e]) {
      m.set(normalise(code), code);
      for (const label of allLanguages(enumKey(e, code))) m.set(normalise(label), code);
    }
    lookup.set(e, m);
  }
  return m;
}

/** The code behind a cell's label (in any language), or null when it is none of the list. */
/** A cell's text as typed → its code: a column holds a handful of spellings, read once per row. */
const seen = new Map<EnumName, Map<string, string | null>>();

export function choiceCode<E extends EnumName>(e: E, value: unknown): EnumCode<E> | null {
  const raw = typeof value === 'string' ? value : String(value ?? '');
  let byText = seen.get(e);
  if (!byText) {
    byText = new Map();
    seen.set(e, byText);
  }
  let code = byText.get(raw);
  if (code === undefined) {
    code = table(e).get(normalise(raw)) ?? null;
    // Free text in a dropdown column could be anything: keep the memo small.
    if (byText.size > 1_000) byText.clear();
    byText.set(raw, code);
  }
  return code as EnumCode<E> | null;
}

export function choiceLabel<E extends EnumName>(lang: Lang, e: E, code: EnumCode<E>): string {
  return t(lang, enumKey(e, code));
}

/** True when a cell holds one of the list's labels (in any language) or codes. */
export function isChoiceLabel(e: EnumName, value: unknown): boolean {
  return table(e).has(normalise(value));
}
