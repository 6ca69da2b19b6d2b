/**
 * Data validation of the in-memory spreadsheet: the DataValidationCriteria enum, the rule objects
 * (`DataValidation`), their builder, and the check a cell value is put through.
 */
import type { Counters } from './core';
import { GasException, isDate } from './core';
import {
  type CellValue,
  copyDate,
  DEFAULT_NUMBER_FORMAT,
  defaultDateDisplay,
  formatNumber,
} from './spreadsheet-values';

/** SpreadsheetApp.DataValidationCriteria: enum members are their own names. */
export const DataValidationCriteria = {
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
} as const;
export type CriteriaType = keyof typeof DataValidationCriteria;

/** What a VALUE_IN_RANGE rule needs from the range it points at (an uncounted read). */
export interface ValidationSourceRange {
  peekDisplayValues(): string[][];
}

/** The settings of a rule, as plain data. */
export interface RuleSpec {
  criteria: CriteriaType;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

function copyArg(a: unknown): unknown {
  if (isDate(a)) return copyDate(a);
  if (Array.isArray(a)) return a.map(copyArg);
  return a;
}

/** A data validation rule (immutable, like the real one). Every method call is counted. */
export class FakeDataValidation {
  /** @internal */
  readonly spec: RuleSpec;
  constructor(
    private readonly counters: Counters,
    spec: RuleSpec,
  ) {
    this.spec = { ...spec, args: spec.args.map(copyArg) };
  }
  private k(method: string): void {
    this.counters.call(`DataValidation.${method}`);
  }
  copy(): FakeDataValidationBuilder {
    this.k('copy');
    return new FakeDataValidationBuilder(this.counters, this.spec);
  }
  getAllowInvalid(): boolean {
    this.k('getAllowInvalid');
    return this.spec.allowInvalid;
  }
  getCriteriaType(): CriteriaType {
    this.k('getCriteriaType');
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.k('getCriteriaValues');
    return this.spec.args.map(copyArg);
  }
  getHelpText(): string | null {
    this.k('getHelpText');
    return this.spec.helpText;
  }
}

/** SpreadsheetApp.newDataValidation(). New rules allow invalid input (warning only) by default. */
export class FakeDataValidationBuilder {
  private spec: RuleSpec;
  /** True until a require* / withCriteria call sets the criteria. */
  private unset: boolean;
  constructor(
    private readonly counters: Counters,
    spec?: RuleSpec,
  ) {
    this.spec = spec
      ? { ...spec, args: spec.args.map(copyArg) }
      : { criteria: 'VALUE_IN_LIST', args: [], allowInvalid: true, helpText: null };
    this.unset = !spec;
  }
  private k(method: string): void {
    this.counters.call(`DataValidationBuilder.${method}`);
  }
  private set(method: string, criteria: CriteriaType, args: unknown[]): this {
    this.k(method);
    this.spec.criteria = criteria;
    this.spec.args = args.map(copyArg);
    this.unset = false;
    return this;
  }
  build(): FakeDataValidation {
    this.k('build');
    if (this.unset) throw new GasException('You must specify criteria for the data validation rule.');
    return new FakeDataValidation(this.counters, this.spec);
  }
  copy(): FakeDataValidationBuilder {
    this.k('copy');
    return new FakeDataValidationBuilder(this.counters, this.spec);
  }
  getAllowInvalid(): boolean {
    this.k('getAllowInvalid');
    return this.spec.allowInvalid;
  }
  getCriteriaType(): CriteriaType {
    this.k('getCriteriaType');
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.k('getCriteriaValues');
    return this.spec.args.map(copyArg);
  }
  getHelpText(): string | null {
    this.k('getHelpText');
    return this.spec.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.k('setAllowInvalid');
    this.spec.allowInvalid = !!allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.k('setHelpText');
    this.spec.helpText = helpText;
    return this;
  }
  withCriteria(criteria: CriteriaType, args: unknown[]): this {
    return this.set('withCriteria', criteria, args);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    return this.set('requireCheckbox', 'CHECKBOX', args);
  }
  requireDate(): this {
    return this.set('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this.set('requireDateAfter', 'DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): this {
    return this.set('requireDateBefore', 'DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): this {
    return this.set('requireDateBetween', 'DATE_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): this {
    return this.set('requireDateEqualTo', 'DATE_EQUAL_TO', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this.set('requireDateNotBetween', 'DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this.set('requireDateOnOrAfter', 'DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    return this.set('requireDateOnOrBefore', 'DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.set('requireFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.set('requireNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    return this.set('requireNumberEqualTo', 'NUMBER_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this.set('requireNumberGreaterThan', 'NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.set('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    return this.set('requireNumberLessThan', 'NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.set('requireNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this.set('requireNumberNotBetween', 'NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this.set('requireNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): this {
    return this.set('requireTextContains', 'TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this.set('requireTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): this {
    return this.set('requireTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): this {
    return this.set('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this.set('requireTextIsUrl', 'TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    return this.set('requireValueInList', 'VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: ValidationSourceRange, showDropdown = true): this {
    this.k('requireValueInRange');
    this.spec.criteria = 'VALUE_IN_RANGE';
    this.spec.args = [range, showDropdown];
    this.unset = false;
    return this;
  }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#][^\s.]*\.[^\s]+$/i;

function textOf(value: CellValue, timeZone: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return defaultDateDisplay(value, timeZone);
  return formatNumber(value, DEFAULT_NUMBER_FORMAT);
}

function num(a: unknown): number {
  return isDate(a) ? a.getTime() : Number(a);
}

/**
 * True when `value` fails `rule` (either a rule object or its spec). A blank value never fails:
 * clearing a validated cell is always allowed. CUSTOM_FORMULA rules cannot be evaluated here and
 * never fail. `timeZone` is used to compare dates with list items as text.
 */
export function violatesValidation(
  value: CellValue,
  rule: FakeDataValidation | RuleSpec,
  timeZone = 'UTC',
  /** Memo of VALUE_IN_RANGE sources for one batch of writes (each source is read once). */
  rangeCache?: Map<unknown, Set<string>>,
): boolean {
  const spec = rule instanceof FakeDataValidation ? rule.spec : rule;
  if (value === '' || value === null || value === undefined) return false;
  const a = spec.args;
  const isNum = typeof value === 'number';
  const n = isNum ? value : NaN;
  const d = isDate(value) ? value.getTime() : NaN;
  switch (spec.criteria) {
    case 'VALUE_IN_LIST':
      return !(a[0] as unknown[]).some((item) => textOf(item as CellValue, timeZone) === textOf(value, timeZone));
    case 'VALUE_IN_RANGE': {
      let allowed = rangeCache?.get(a[0]);
      if (!allowed) {
        allowed = new Set((a[0] as ValidationSourceRange).peekDisplayValues().flat());
        rangeCache?.set(a[0], allowed);
      }
      return !allowed.has(textOf(value, timeZone));
    }
    case 'CHECKBOX':
      if (a.length === 0) return typeof value !== 'boolean';
      return !a.some((x) => textOf(x as CellValue, timeZone) === textOf(value, timeZone));
    case 'NUMBER_BETWEEN':
      return !isNum || n < num(a[0]) || n > num(a[1]);
    case 'NUMBER_NOT_BETWEEN':
      return !isNum || (n >= num(a[0]) && n <= num(a[1]));
    case 'NUMBER_EQUAL_TO':
      return !isNum || n !== num(a[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return !isNum || n === num(a[0]);
    case 'NUMBER_GREATER_THAN':
      return !isNum || !(n > num(a[0]));
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return !isNum || !(n >= num(a[0]));
    case 'NUMBER_LESS_THAN':
      return !isNum || !(n < num(a[0]));
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return !isNum || !(n <= num(a[0]));
    case 'DATE_IS_VALID_DATE':
      return Number.isNaN(d);
    case 'DATE_AFTER':
      return Number.isNaN(d) || !(d > num(a[0]));
    case 'DATE_ON_OR_AFTER':
      return Number.isNaN(d) || !(d >= num(a[0]));
    case 'DATE_BEFORE':
      return Number.isNaN(d) || !(d < num(a[0]));
    case 'DATE_ON_OR_BEFORE':
      return Number.isNaN(d) || !(d <= num(a[0]));
    case 'DATE_EQUAL_TO':
      return Number.isNaN(d) || d !== num(a[0]);
    case 'DATE_BETWEEN':
      return Number.isNaN(d) || d < num(a[0]) || d > num(a[1]);
    case 'DATE_NOT_BETWEEN':
      return Number.isNaN(d) || (d >= num(a[0]) && d <= num(a[1]));
    case 'TEXT_CONTAINS':
      return !textOf(value, timeZone).includes(String(a[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return textOf(value, timeZone).includes(String(a[0]));
    case 'TEXT_EQUAL_TO':
      return textOf(value, timeZone) !== String(a[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return !EMAIL_RE.test(textOf(value, timeZone));
    case 'TEXT_IS_VALID_URL':
      return !URL_RE.test(textOf(value, timeZone));
    case 'CUSTOM_FORMULA':
      return false;
  }
  return false;
}
