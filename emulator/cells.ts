/**
 * The cell record of a sheet's sparse grid, and the small helpers Spreadsheet, Sheet and Range share.
 */
import { GasException, isDate } from './core';
import type { FakeDataValidation } from './spreadsheet-validation';
import type { CellValue } from './spreadsheet-values';

export type Style = Record<string, unknown>;

export interface Cell {
  value: CellValue;
  formula?: string;
  format?: string;
  validation?: FakeDataValidation;
  note?: string;
  style?: Style;
}

/**
 * Empty cells that only carry a number format and/or a validation rule (Setup formats whole columns:
 * some 200,000 of them in a new workbook) share one frozen record per (format, rule): a sheet holds
 * them by reference, and a write takes its own copy first (FakeSheet.cellForWrite, ownCell). Frozen,
 * so a write that forgot to take its copy throws instead of changing every cell that shares it.
 */
const blanks = new Map<string, WeakMap<object, Cell>>();
const NO_RULE = {};

export function sharedBlank(format: string | undefined, validation: FakeDataValidation | undefined): Cell {
  const byFormat = blanks.get(format ?? '\u0000') ?? new WeakMap<object, Cell>();
  blanks.set(format ?? '\u0000', byFormat);
  const key = validation ?? NO_RULE;
  let c = byFormat.get(key);
  if (!c) {
    const made: Cell = { value: '' };
    if (format !== undefined) made.format = format;
    if (validation) made.validation = validation;
    c = Object.freeze(made);
    byFormat.set(key, c);
  }
  return c;
}

/** True for a cell that is nothing but a format and/or a rule (it may be shared). */
export function isBareBlank(c: Cell): boolean {
  return c.value === '' && c.formula === undefined && c.note === undefined && c.style === undefined;
}

export function paramsError(cls: string, method: string, args: unknown[]): GasException {
  const types = args.map((a) => (a === null ? 'null' : isDate(a) ? 'Date' : Array.isArray(a) ? 'Object[]' : typeof a));
  return new GasException(
    `The parameters (${types.join(',')}) don't match the method signature for SpreadsheetApp.${cls}.${method}.`,
  );
}

export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

export function hasContent(c: Cell | undefined): boolean {
  return !!c && (c.formula !== undefined || c.value !== '');
}

export function copyStyle(s: Style | undefined): Style | undefined {
  return s ? { ...s } : undefined;
}
