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
export function choiceCode<E extends EnumName>(e: E, value: unknown): EnumCode<E> | null {
  return (table(e).get(normalise(value)) as EnumCode<E> | undefined) ?? null;
}

export function choiceLabel<E extends EnumName>(lang: Lang, e: E, code: EnumCode<E>): string {
  return t(lang, enumKey(e, code));
}

/** True when a cell holds one of the list's labels (in any language) or codes. */
export function isChoiceLabel(e: EnumName, value: unknown): boolean {
  return table(e).has(normalise(value));
}
