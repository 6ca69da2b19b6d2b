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
