/**
 * The Sheets advanced service (Sheets API v4, `Sheets` in a script whose manifest enables it) of the
 * in-memory runtime: `Sheets.Spreadsheets.Values.batchGet`, as Google documents it:
 *
 * - spreadsheets.values.batchGet: the ranges (A1 notation; a sheet name in single quotes, '' for a
 *   quote inside) are read in one request; `valueRanges` come back in the order asked, each with the
 *   `range` echoed in A1 (the sheet name quoted unless it is a plain word) and `values` by rows,
 *   "empty trailing rows and columns will not be included" (a range with nothing in it has no
 *   `values` at all).
 * - ValueRenderOption: FORMATTED_VALUE (the default) gives every cell as the text it shows;
 *   UNFORMATTED_VALUE numbers as numbers, booleans as booleans; FORMULA the formula text.
 *   DateTimeRenderOption: SERIAL_NUMBER (the default) gives a date as the days since 1899-12-30 in
 *   the spreadsheet's time zone, FORMATTED_STRING as the text it shows; "ignored if
 *   valueRenderOption is FORMATTED_VALUE".
 * - Errors are thrown as Apps Script throws an advanced service's HTTP error: a
 *   GoogleJsonResponseException whose message is "API call to sheets.spreadsheets.values.batchGet
 *   failed with error: …": "Unable to parse range: <the range as given>" (an unknown sheet, a
 *   malformed range), "Range (…) exceeds grid limits. Max rows: …, max columns: …", "Requested
 *   entity was not found." (another spreadsheet's id).
 *
 * One request is one call that reaches Google ("Sheets.Spreadsheets.Values.batchGet" in the
 * counters, a Spreadsheet call); the cells read are the cells returned. A runtime made with
 * `advancedSheets: false` has no `Sheets` global at all: a script that names it gets a
 * ReferenceError, as when the service is not enabled.
 */
import type { Env } from './core';
import { isDate } from './core';
import type { FakeSheet, FakeSpreadsheet } from './spreadsheet';
import { type CellValue, columnToLetters, dateToSerial, displayValue, parseA1 } from './spreadsheet-values';

/** What Apps Script throws for an advanced service's failed request (name and message as on Google). */
export class GoogleJsonResponseException extends Error {
  constructor(
    method: string,
    readonly details: { code: number; message: string },
  ) {
    super(`API call to ${method} failed with error: ${details.message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

type Json = string | number | boolean;

export interface ValueRange {
  range: string;
  majorDimension: 'ROWS';
  values?: Json[][];
}

export interface BatchGetOptions {
  ranges?: string | string[];
  valueRenderOption?: 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
  dateTimeRenderOption?: 'SERIAL_NUMBER' | 'FORMATTED_STRING';
  majorDimension?: 'ROWS' | 'COLUMNS';
}

const BATCH_GET = 'sheets.spreadsheets.values.batchGet';

/** A sheet name as the API writes it in A1: bare when it is a plain word, else in single quotes. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** One cell as the API renders it. */
function render(
  sheet: FakeSheet,
  row: number,
  col: number,
  opts: Required<Pick<BatchGetOptions, 'valueRenderOption' | 'dateTimeRenderOption'>>,
): Json {
  const cell = sheet.cell(row, col);
  if (!cell) return '';
  if (opts.valueRenderOption === 'FORMULA' && cell.formula !== undefined) return cell.formula;
  if (opts.valueRenderOption === 'FORMATTED_VALUE') return sheet.displayAt(row, col);
  const v: CellValue = sheet.valueAt(row, col);
  if (isDate(v)) {
    return opts.dateTimeRenderOption === 'FORMATTED_STRING'
      ? displayValue(v, cell.format, sheet.parent.timeZone)
      : dateToSerial(v, sheet.parent.timeZone);
  }
  return v;
}

export function createSheetsAdvancedService(env: Env, spreadsheet: FakeSpreadsheet) {
  const fail = (code: number, message: string) => new GoogleJsonResponseException(BATCH_GET, { code, message });

  function readRange(
    text: string,
    opts: Required<Pick<BatchGetOptions, 'valueRenderOption' | 'dateTimeRenderOption'>>,
  ) {
    let ref: ReturnType<typeof parseA1>;
    try {
      ref = parseA1(text);
    } catch {
      throw fail(400, `Unable to parse range: ${text}`);
    }
    // No sheet named: the first sheet, as the API reads "A1:B2".
    const sheet =
      ref.sheetName === undefined
        ? spreadsheet.sheets[0]
        : spreadsheet.sheets.find((s) => s.sheetName === ref.sheetName);
    if (!sheet) throw fail(400, `Unable to parse range: ${text}`);
    const top = ref.startRow ?? 1;
    const left = ref.startCol ?? 1;
    const bottom = ref.endRow ?? sheet.maxRows;
    const right = ref.endCol ?? sheet.maxCols;
    const a1 = `${quoteSheetName(sheet.sheetName)}!${columnToLetters(left)}${top}:${columnToLetters(right)}${bottom}`;
    if (bottom > sheet.maxRows || right > sheet.maxCols) {
      throw fail(400, `Range (${a1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`);
    }
    const values: Json[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row: Json[] = [];
      for (let c = left; c <= right; c++) row.push(render(sheet, r, c, opts));
      while (row.length > 0 && row[row.length - 1] === '') row.pop();
      values.push(row);
    }
    while (values.length > 0 && values[values.length - 1].length === 0) values.pop();
    const out: ValueRange = { range: a1, majorDimension: 'ROWS' };
    if (values.length > 0) out.values = values;
    return out;
  }

  const Values = {
    batchGet(
      spreadsheetId: string,
      optionalArgs: BatchGetOptions = {},
    ): { spreadsheetId: string; valueRanges: ValueRange[] } {
      env.counters.call('Sheets.Spreadsheets.Values.batchGet');
      if (optionalArgs.majorDimension === 'COLUMNS') {
        throw new Error('emulator: batchGet with majorDimension COLUMNS is not emulated');
      }
      if (String(spreadsheetId) !== spreadsheet.id) throw fail(404, 'Requested entity was not found.');
      const ranges = optionalArgs.ranges === undefined ? [] : ([] as string[]).concat(optionalArgs.ranges);
      const opts = {
        valueRenderOption: optionalArgs.valueRenderOption ?? 'FORMATTED_VALUE',
        dateTimeRenderOption: optionalArgs.dateTimeRenderOption ?? 'SERIAL_NUMBER',
      } as const;
      const valueRanges = ranges.map((r) => readRange(String(r), opts));
      env.counters.read(valueRanges.reduce((n, v) => n + (v.values ?? []).reduce((m, row) => m + row.length, 0), 0));
      return { spreadsheetId: spreadsheet.id, valueRanges };
    },
  };
  return { Sheets: { Spreadsheets: { Values } } };
}
