/**
 * The numbering rule of inventory numbers (Settings, `inventoryFormat`): a run of zeros stands for the
 * digits, any text around it stays as written: "000000" gives 000124, "KH-00000" gives KH-00124. New
 * copies take the numbers after the largest one the fund holds in that form. Pure.
 */
import { codeKey } from './codes';

export interface NumberingRule {
  prefix: string;
  width: number;
  suffix: string;
}

const DEFAULT_RULE: NumberingRule = { prefix: '', width: 6, suffix: '' };

export function parseRule(format: unknown): NumberingRule {
  const m = /^(.*?)(0+)([^0]*)$/.exec(String(format ?? '').trim());
  if (!m) return DEFAULT_RULE;
  return { prefix: m[1], width: m[2].length, suffix: m[3] };
}

/** The number inside a stored code that follows the rule (a code Sheets kept as a number lost only zeros). */
export function numberOf(rule: NumberingRule, code: unknown): number | null {
  if (typeof code === 'number') {
    return rule.prefix === '' && rule.suffix === '' && Number.isInteger(code) && code >= 0 ? code : null;
  }
  const key = codeKey(code);
  const prefix = codeKey(rule.prefix);
  const suffix = codeKey(rule.suffix);
  if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length <= prefix.length + suffix.length) return null;
  const digits = key.slice(prefix.length, key.length - suffix.length);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export function formatNumber(rule: NumberingRule, n: number): string {
  return `${rule.prefix}${String(n).padStart(rule.width, '0')}${rule.suffix}`;
}

/** `count` new numbers after the largest the fund holds in the rule's form. */
export function nextNumbers(rule: NumberingRule, existing: readonly unknown[], count: number): string[] {
  let max = 0;
  for (const code of existing) {
    const n = numberOf(rule, code);
    if (n !== null && n > max) max = n;
  }
  return Array.from({ length: count }, (_, i) => formatNumber(rule, max + 1 + i));
}

/**
 * Group accounting of textbooks: copies are counted per title and take no number of the inventory
 * book; each gets its title's code and a running count (T7M-031), so the desk can still scan it.
 */
export function groupCodes(titleId: string, existing: readonly unknown[], count: number): string[] {
  const prefix = `${codeKey(titleId)}-`;
  let max = 0;
  for (const code of existing) {
    const key = codeKey(code);
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return Array.from({ length: count }, (_, i) => `${titleId}-${String(max + 1 + i).padStart(3, '0')}`);
}

/** "000120–000129" for a run of numbers, the number alone for one. */
export function rangeLabel(codes: readonly string[]): string {
  if (codes.length === 0) return '';
  return codes.length === 1 ? codes[0] : `${codes[0]}–${codes[codes.length - 1]}`;
}
