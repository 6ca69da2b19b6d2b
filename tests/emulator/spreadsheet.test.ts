import { describe, expect, it } from 'vitest';
import { createEnv, type Env, GasException } from '../../emulator/core';
import {
  createSpreadsheetApp,
  DEFAULT_NUMBER_FORMAT,
  type FakeSheet,
  FakeSpreadsheet,
  violatesValidation,
} from '../../emulator/spreadsheet';
import { thrown } from '../support/thrown';

function makeEnv(): Env {
  return { ...createEnv({ now: new Date('2026-11-25T10:00:00+05:00'), userEmail: 'librarian@example.kz' }), ui: {} };
}

function setup() {
  const env = makeEnv();
  const { SpreadsheetApp, spreadsheet } = createSpreadsheetApp(env);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  env.counters.reset();
  return { env, SpreadsheetApp, spreadsheet, ss, sheet };
}

/** Midnight of a calendar day in Asia/Almaty (UTC+5). */
const almatyMidnight = (ymd: string) => new Date(`${ymd}T00:00:00+05:00`);

describe('SpreadsheetApp', () => {
  it('getActiveSpreadsheet and getActive return the one bound spreadsheet "Library" with one empty "Sheet1" (SpreadsheetApp.getActiveSpreadsheet)', () => {
    const { SpreadsheetApp, spreadsheet, env } = setup();
    expect(SpreadsheetApp.getActiveSpreadsheet()).toBe(spreadsheet);
    expect(SpreadsheetApp.getActive()).toBe(spreadsheet);
    expect(spreadsheet.getName()).toBe('Library');
    expect(spreadsheet.getSpreadsheetTimeZone()).toBe(env.timeZone);
    const sheets = spreadsheet.getSheets();
    expect(sheets.map((s) => s.getName())).toEqual(['Sheet1']);
    expect(sheets[0].getLastRow()).toBe(0);
    expect(SpreadsheetApp.getActiveSheet()).toBe(sheets[0]);
  });

  it('getUi throws inside a time-driven trigger and returns the Ui otherwise (SpreadsheetApp.getUi)', () => {
    const { SpreadsheetApp, env } = setup();
    expect(SpreadsheetApp.getUi()).toBe(env.ui);
    const e = thrown(() => env.execution.asTrigger(() => SpreadsheetApp.getUi()));
    expect(e).toBeInstanceOf(GasException);
    expect(e.message).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it('counts every call as "Class.method" and the cells read and written (execution transcript)', () => {
    const { SpreadsheetApp, env } = setup();
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 2, 3).setValues([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    sheet.getRange('A1:C2').getValues();
    sheet.appendRow(['x', 'y']);
    SpreadsheetApp.flush();
    const snap = env.counters.snapshot();
    expect(snap.calls).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.appendRow': 1,
      'Sheet.getRange': 2,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.flush': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(snap.cellsRead).toBe(6);
    expect(snap.cellsWritten).toBe(8);
  });

  it('getActiveRange returns A1 of the active sheet until a range is activated (SpreadsheetApp.getActiveRange)', () => {
    const { SpreadsheetApp, sheet } = setup();
    expect(SpreadsheetApp.getActiveRange().getA1Notation()).toBe('A1');
    sheet.getRange('B2:C3').activate();
    expect(SpreadsheetApp.getActiveRange().getA1Notation()).toBe('B2:C3');
  });
});

describe('Sheet.getRange', () => {
  it('new sheets have 1000 rows and 26 columns (Sheet.getMaxRows / getMaxColumns)', () => {
    const { sheet } = setup();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('takes 1-based row/column/numRows/numColumns and A1 notation (Sheet.getRange)', () => {
    const { sheet } = setup();
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 5]);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect(r.getLastRow()).toBe(5);
    expect(r.getLastColumn()).toBe(7);
    expect(r.getHeight()).toBe(4);
    expect(r.getWidth()).toBe(5);
    expect(sheet.getRange('A1').getA1Notation()).toBe('A1');
    const b = sheet.getRange('B2:D3');
    expect([b.getRow(), b.getColumn(), b.getNumRows(), b.getNumColumns()]).toEqual([2, 2, 2, 3]);
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(sheet.getRange(2, 2).getSheet()).toBe(sheet);
  });

  it('throws the real messages for out-of-range coordinates (Sheet.getRange)', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(0, 1)).message).toBe('The starting row of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 0)).message).toBe('The starting column of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 1, 0, 1)).message).toBe(
      'The number of rows in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 1, 0)).message).toBe(
      'The number of columns in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange('AA1')).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 1, 0))).toBeInstanceOf(GasException);
  });

  it('Spreadsheet.getRange resolves "Sheet!A1:B2" (Spreadsheet.getRange)', () => {
    const { ss } = setup();
    const other = ss.insertSheet('Books');
    ss.getSheetByName('Sheet1')!.activate();
    const r = ss.getRange("'Books'!B2:C3");
    expect(r.getSheet()).toBe(other);
    expect(r.getA1Notation()).toBe('B2:C3');
    expect(ss.getRange('A1').getSheet().getName()).toBe('Sheet1');
  });

  it('offset keeps the size unless given one (Range.offset)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:C3').offset(1, 2);
    expect(r.getA1Notation()).toBe('D3:E4');
    expect(sheet.getRange('A1').offset(0, 0, 2, 2).getA1Notation()).toBe('A1:B2');
  });

  it('getDataRange covers A1 to the last row and column with content (Sheet.getDataRange)', () => {
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(1);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
    expect(sheet.getLastRow()).toBe(7);
    expect(sheet.getLastColumn()).toBe(3);
  });
});

describe('Range values', () => {
  it('getValues returns "" for blank cells (Range.getValues)', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setValue(5);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', 5],
      ['', ''],
    ]);
  });

  it('getValues returns a fresh array each call; mutating it does not change the sheet (Range.getValues)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('a');
    const v = sheet.getRange('A1').getValues();
    v[0][0] = 'changed';
    expect(sheet.getRange('A1').getValue()).toBe('a');
    expect(sheet.getRange('A1').getValues()).not.toBe(v);
  });

  it('keeps numbers, booleans and Dates; Dates come back as copies (Range.getValues)', () => {
    const { sheet, env } = setup();
    const d = new Date('2026-03-01T12:30:00+05:00');
    sheet.getRange('A1:C1').setValues([[42, true, d]]);
    d.setFullYear(2000);
    const [[n, b, date]] = sheet.getRange('A1:C1').getValues();
    expect(n).toBe(42);
    expect(b).toBe(true);
    expect(date).toBeInstanceOf(Date);
    expect(date).toBeInstanceOf(env.clock.FakeDate);
    expect((date as Date).toISOString()).toBe('2026-03-01T07:30:00.000Z');
    (date as Date).setFullYear(1999);
    expect((sheet.getRange('C1').getValue() as Date).getUTCFullYear()).toBe(2026);
  });

  it('accepts Dates made by the runtime clock (FakeDate) (Range.setValue)', () => {
    const { sheet, env } = setup();
    const FakeDate = env.clock.FakeDate;
    sheet.getRange('A1').setValue(new FakeDate());
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(env.clock.nowMillis());
  });

  it('getValue returns the top-left cell (Range.getValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValues([
      ['tl', 'tr'],
      ['bl', 'br'],
    ]);
    expect(sheet.getRange('A1:B2').getValue()).toBe('tl');
  });

  it('setValue sets every cell of the range (Range.setValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  it('setValues throws the exact row-count message and writes nothing (Range.setValues)', () => {
    const { sheet } = setup();
    const e = thrown(() => sheet.getRange(1, 1, 3, 2).setValues([[1, 2]]));
    expect(e).toBeInstanceOf(GasException);
    expect(e.message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it('setValues checks every row length and writes nothing on a mismatch (Range.setValues)', () => {
    const { sheet } = setup();
    const e = thrown(() =>
      sheet.getRange(1, 1, 2, 2).setValues([
        [1, 2],
        [3, 4, 5],
      ]),
    );
    expect(e.message).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getRange('A1').getValue()).toBe('');
  });

  it('checks rows before columns (Range.setValues)', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2, 3]])).message).toMatch(/number of rows/);
  });

  it('getDisplayValues returns strings: numbers as text, booleans TRUE/FALSE, dates M/d/yyyy in the spreadsheet time zone (Range.getDisplayValues)', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:E1')
      .setValues([[12.5, false, almatyMidnight('2026-11-25'), 'text', new Date('2026-11-25T10:05:09+05:00')]]);
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([
      ['12.5', 'FALSE', '11/25/2026', 'text', '11/25/2026 10:05:09', ''],
    ]);
  });

  it('formats dates and numbers by the number format (Range.getDisplayValues)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValue(new Date('2026-01-05T14:07:00+05:00'));
    sheet.getRange('A1').setNumberFormat('yyyy-MM-dd');
    sheet.getRange('A2').setNumberFormat('dd.MM.yyyy HH:mm');
    sheet.getRange('B1').setValue(1234.5).setNumberFormat('#,##0.00');
    sheet.getRange('B2').setValue(0.25).setNumberFormat('0%');
    expect(sheet.getRange('A1:B2').getDisplayValues()).toEqual([
      ['2026-01-05', '1,234.50'],
      ['05.01.2026 14:07', '25%'],
    ]);
  });

  it('getFormulas returns "" where there is no formula; getValues of a formula cell is "#ERROR!" (nothing is computed) (Range.getFormulas)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['=SUM(C1:C3)', 5]]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(C1:C3)', '']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(C1:C3)');
    expect(sheet.getRange('A1').getValue()).toBe('#ERROR!');
    expect(sheet.getLastRow()).toBe(1);
  });

  it('uses an installed formula evaluator for formula cells (FakeSpreadsheet.formulaEvaluator)', () => {
    const { sheet, spreadsheet } = setup();
    spreadsheet.formulaEvaluator = (f) => (f === '=1+1' ? 2 : '#NAME?');
    sheet.getRange('A1').setFormula('=1+1');
    expect(sheet.getRange('A1').getValue()).toBe(2);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2');
  });

  it('setFormula on a block shifts relative references per cell (Range.setFormula)', () => {
    const { sheet } = setup();
    sheet.getRange('B1:B3').setFormula('=A1*$C$1');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([['=A1*$C$1'], ['=A2*$C$1'], ['=A3*$C$1']]);
  });

  it('writing a value over a formula removes the formula (Range.setValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=NOW()');
    sheet.getRange('A1').setValue('plain');
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe('plain');
  });
});

describe('Sheets interprets what a script writes (user-entered input)', () => {
  it('turns numeric-looking text into numbers: "00123" → 123, " 42 " → 42, "1e3" → 1000 (Range.setValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:E1').setValues([['00123', ' 42 ', '1e3', '-3.5', '3,5']]);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([[123, 42, 1000, -3.5, '3,5']]);
  });

  it('turns TRUE/FALSE in any case into booleans (Range.setValues)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['TRUE', 'false', 'True']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[true, false, true]]);
  });

  it('turns yyyy-mm-dd and dd.mm.yyyy text into a Date at midnight in the spreadsheet time zone (Range.setValues)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['2026-11-25', '05.01.2027', '2026-02-30']]);
    const [[a, b, c]] = sheet.getRange('A1:C1').getValues();
    expect((a as Date).getTime()).toBe(almatyMidnight('2026-11-25').getTime());
    expect((b as Date).getTime()).toBe(almatyMidnight('2027-01-05').getTime());
    expect(c).toBe('2026-02-30');
  });

  it('stores a leading-apostrophe string as text without the apostrophe (Range.setValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'00123", "'=A1"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['00123', '=A1']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  it('a string starting with "=" becomes a formula (Range.setValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=B1');
    expect(sheet.getRange('A1').getFormula()).toBe('=B1');
  });

  it('a leading + or - that is not a number starts a formula, as in Sheets; a signed number stays a number; "@" is text (Range.setValues)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:E1');
    r.setValues([['+7 701 123 45 67', '- первый пункт', '-12.5', '+77011234567', '@Ахметова']]);
    expect(r.getFormulas()).toEqual([['=+7 701 123 45 67', '=- первый пункт', '', '', '']]);
    expect(r.getValues()).toEqual([['#ERROR!', '#ERROR!', -12.5, 77011234567, '@Ахметова']]);
    // In a plain-text cell every one of them stays as written.
    r.setNumberFormat('@');
    r.setValues([['+7 701 123 45 67', '- первый пункт', '-12.5', '+77011234567', '@Ахметова']]);
    expect(r.getValues()).toEqual([['+7 701 123 45 67', '- первый пункт', '-12.5', '+77011234567', '@Ахметова']]);
  });

  it('keeps strings exactly as written in a cell formatted "@" (plain text) (Range.setNumberFormat)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:E1');
    r.setNumberFormat('@');
    r.setValues([['00123', 'TRUE', '2026-11-25', '=SUM(A1)', "'x"]]);
    expect(r.getValues()).toEqual([['00123', 'TRUE', '2026-11-25', '=SUM(A1)', "'x"]]);
    expect(r.getFormulas()).toEqual([['', '', '', '', '']]);
  });

  it('a Date or number written into a "@" cell stays a Date or number: the format governs strings only (Range.setValues)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setNumberFormat('@');
    const d = almatyMidnight('2026-11-25');
    r.setValues([[d, 5]]);
    const [[a, b]] = r.getValues();
    expect((a as Date).getTime()).toBe(d.getTime());
    expect(b).toBe(5);
  });

  it('unformatted cells report the number format "0.###############" (Range.getNumberFormat)', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').getNumberFormat()).toBe(DEFAULT_NUMBER_FORMAT);
    expect(DEFAULT_NUMBER_FORMAT).toBe('0.###############');
    sheet.getRange('A1:B1').setNumberFormats([['@', 'yyyy-MM-dd']]);
    expect(sheet.getRange('A1:C1').getNumberFormats()).toEqual([['@', 'yyyy-MM-dd', '0.###############']]);
  });
});

describe('clearing', () => {
  it('clearContent keeps formats and validation; clear removes them too (Range.clearContent / Range.clear)', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    const r = sheet.getRange('A1:B1');
    r.setNumberFormat('@')
      .setDataValidation(rule)
      .setValues([['a', 'b']]);
    r.clearContent();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@']]);
    expect(r.getDataValidation()).toBe(rule);
    r.clearFormat();
    expect(r.getNumberFormat()).toBe(DEFAULT_NUMBER_FORMAT);
    expect(r.getDataValidation()).toBe(rule);
    r.setValue('a');
    r.clear();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getDataValidation()).toBeNull();
    expect(sheet.getLastRow()).toBe(0);
  });

  it('clearDataValidations removes only the rules (Range.clearDataValidations)', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A1').setValue(true).setDataValidation(rule);
    sheet.getRange('A1').clearDataValidations();
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    expect(sheet.getRange('A1').getValue()).toBe(true);
  });
});

describe('rows and columns', () => {
  function numbered(sheet: FakeSheet) {
    sheet.getRange('A1:B4').setValues([
      ['h1', 'h2'],
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  }

  it('insertRowsAfter shifts data down and grows maxRows (Sheet.insertRowsAfter)', () => {
    const { sheet } = setup();
    numbered(sheet);
    sheet.insertRowsAfter(2, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A6').getValues().flat()).toEqual(['h1', 1, '', '', 2, 3]);
  });

  it('insertRowBefore / insertRows / insertRowsBefore insert above the given row (Sheet.insertRowsBefore)', () => {
    const { sheet } = setup();
    numbered(sheet);
    sheet.insertRowBefore(2);
    sheet.insertRows(1);
    sheet.insertRowsBefore(5, 2);
    expect(sheet.getRange('A1:A8').getValues().flat()).toEqual(['', 'h1', '', 1, '', '', 2, 3]);
  });

  it('deleteRow/deleteRows remove rows and shrink maxRows (Sheet.deleteRows)', () => {
    const { sheet } = setup();
    numbered(sheet);
    sheet.deleteRow(2);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['h1', 2, 3]);
    sheet.deleteRows(2, 2);
    expect(sheet.getLastRow()).toBe(1);
    expect(sheet.getMaxRows()).toBe(997);
    expect(thrown(() => sheet.deleteRows(990, 20)).message).toBe('Those rows are out of bounds.');
  });

  it('cannot delete every row of the sheet (Sheet.deleteRows)', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.deleteRows(1, 1000)).message).toBe(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  it('insertColumnsAfter/insertColumnBefore/deleteColumns shift data sideways (Sheet.insertColumnsAfter)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 'a']]);
    sheet.deleteColumns(1, 3);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', 'b', 'c']]);
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(25);
  });

  it('data validation moves with its cells when rows and columns are inserted or deleted (Sheet.insertRowsBefore)', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['yes', 'no']).build();
    sheet.getRange('B3').setDataValidation(rule);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('B3').getDataValidation()).toBeNull();
    expect(sheet.getRange('B5').getDataValidation()).toBe(rule);
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('C5').getDataValidation()).toBe(rule);
    sheet.deleteRows(1, 2);
    sheet.deleteColumn(1);
    expect(sheet.getRange('B3').getDataValidation()).toBe(rule);
  });

  it('inserted rows take the formatting and validation of the neighbouring row, but no values (Sheet.insertRowsAfter)', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A2:B2').setValues([[1, true]]);
    sheet.getRange('A2').setNumberFormat('@');
    sheet.getRange('B2').setDataValidation(rule);
    sheet.insertRowsAfter(2, 1);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([['', '']]);
    expect(sheet.getRange('A3').getNumberFormat()).toBe('@');
    expect(sheet.getRange('B3').getDataValidation()).toBe(rule);
  });

  it('appendRow writes after the last row with content (Sheet.appendRow)', () => {
    const { sheet } = setup();
    sheet.getRange('A3').setValue('x');
    sheet.appendRow(['a', 2, '2026-11-25']);
    expect(sheet.getLastRow()).toBe(4);
    const [[a, n, d]] = sheet.getRange('A4:C4').getValues();
    expect([a, n]).toEqual(['a', 2]);
    expect(d).toBeInstanceOf(Date);
  });

  it('appendRow grows the sheet when it is full (Sheet.appendRow)', () => {
    const { sheet } = setup();
    sheet.deleteRows(3, 998);
    sheet.getRange('A2').setValue('last');
    sheet.appendRow(Array.from({ length: 28 }, (_, i) => i));
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange(3, 28).getValue()).toBe(27);
  });

  it('getLastRow/getLastColumn count cells with content only, 0 on an empty sheet (Sheet.getLastRow)', () => {
    const { sheet, SpreadsheetApp } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    sheet.getRange('A1:Z500').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    sheet.getRange('C10').setNumberFormat('@');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('D2').setValue(0);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(4);
  });

  it('frozen rows and columns are stored (Sheet.setFrozenRows)', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getFrozenColumns()).toBe(2);
  });

  it('sort orders the rows below the frozen rows by a column (Sheet.sort)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['name', 'n'],
      ['b', 2],
      ['c', 1],
      ['a', 3],
    ]);
    sheet.setFrozenRows(1);
    sheet.sort(2);
    expect(sheet.getRange('A1:A4').getValues().flat()).toEqual(['name', 'c', 'b', 'a']);
    sheet.getRange('A2:B4').sort({ column: 1, ascending: false });
    expect(sheet.getRange('A2:A4').getValues().flat()).toEqual(['c', 'b', 'a']);
  });
});

describe('sheets of the spreadsheet', () => {
  it('insertSheet names new sheets Sheet2, Sheet3 and activates them (Spreadsheet.insertSheet)', () => {
    const { ss } = setup();
    const s2 = ss.insertSheet();
    expect(s2.getName()).toBe('Sheet2');
    expect(ss.getActiveSheet()).toBe(s2);
    const books = ss.insertSheet('Books', 0);
    expect(books.getIndex()).toBe(1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Books', 'Sheet1', 'Sheet2']);
    expect(ss.getNumSheets()).toBe(3);
  });

  it('a name clash throws the real message, also when only the case differs (Spreadsheet.insertSheet)', () => {
    const { ss } = setup();
    ss.insertSheet('Books');
    expect(thrown(() => ss.insertSheet('Books')).message).toBe(
      'A sheet with the name "Books" already exists. Please enter another name.',
    );
    expect(thrown(() => ss.insertSheet('BOOKS')).message).toBe(
      'A sheet with the name "BOOKS" already exists. Please enter another name.',
    );
    const s = ss.insertSheet('Loans');
    expect(thrown(() => s.setName('books')).message).toBe(
      'A sheet with the name "books" already exists. Please enter another name.',
    );
    s.setName('Loans 2026');
    expect(s.getName()).toBe('Loans 2026');
  });

  it('getSheetByName returns null when absent and matches the name exactly (Spreadsheet.getSheetByName)', () => {
    const { ss } = setup();
    const books = ss.insertSheet('Books');
    expect(ss.getSheetByName('Books')).toBe(books);
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheetByName('books')).toBeNull();
  });

  it('deleteSheet removes a sheet but never the last one (Spreadsheet.deleteSheet)', () => {
    const { ss, sheet } = setup();
    const s2 = ss.insertSheet('Two');
    ss.deleteSheet(s2);
    expect(ss.getSheets()).toEqual([sheet]);
    expect(thrown(() => ss.deleteSheet(sheet)).message).toBe("You can't remove all the sheets in a document.");
  });

  it('activate / setActiveSheet / hideSheet / showSheet / tab colour / ids (Sheet)', () => {
    const { ss, sheet, SpreadsheetApp } = setup();
    const two = ss.insertSheet('Two');
    sheet.activate();
    expect(ss.getActiveSheet()).toBe(sheet);
    ss.setActiveSheet(two);
    expect(SpreadsheetApp.getActiveSheet()).toBe(two);
    two.hideSheet();
    expect(two.isSheetHidden()).toBe(true);
    expect(thrown(() => sheet.hideSheet()).message).toBe("You can't hide all the sheets in a document.");
    two.showSheet();
    expect(two.isSheetHidden()).toBe(false);
    expect(two.setTabColor('#ff0000').getTabColor()).toBe('#ff0000');
    expect(sheet.getSheetId()).toBe(0);
    expect(two.getSheetId()).not.toBe(0);
    expect(ss.getSheetById(two.getSheetId())).toBe(two);
    expect(ss.getId()).toBeTruthy();
    expect(ss.getUrl()).toContain(ss.getId());
  });

  it('setSpreadsheetTimeZone changes how dates are interpreted and displayed (Spreadsheet.setSpreadsheetTimeZone)', () => {
    const { ss, sheet } = setup();
    ss.setSpreadsheetTimeZone('UTC');
    expect(ss.getSpreadsheetTimeZone()).toBe('UTC');
    sheet.getRange('A1').setValue('2026-11-25');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});

describe('data validation', () => {
  it('the builder makes rules with criteria type, values, allowInvalid (default true) and help text (DataValidationBuilder)', () => {
    const { SpreadsheetApp, sheet } = setup();
    const list = SpreadsheetApp.newDataValidation()
      .requireValueInList(['on loan', 'returned'], false)
      .setHelpText('Pick one')
      .build();
    expect(list.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
    expect(list.getCriteriaValues()).toEqual([['on loan', 'returned'], false]);
    expect(list.getAllowInvalid()).toBe(true);
    expect(list.getHelpText()).toBe('Pick one');
    const strict = list.copy().setAllowInvalid(false).build();
    expect(strict.getAllowInvalid()).toBe(false);
    expect(strict.getCriteriaValues()[0]).toEqual(['on loan', 'returned']);

    const src = sheet.getRange('Z1:Z3');
    const inRange = SpreadsheetApp.newDataValidation().requireValueInRange(src).build();
    expect(inRange.getCriteriaType()).toBe('VALUE_IN_RANGE');
    expect(inRange.getCriteriaValues()).toEqual([src, true]);
    expect(SpreadsheetApp.newDataValidation().requireDate().build().getCriteriaType()).toBe('DATE_IS_VALID_DATE');
    expect(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build().getCriteriaValues()).toEqual([1, 5]);
    expect(SpreadsheetApp.newDataValidation().requireCheckbox().build().getCriteriaType()).toBe('CHECKBOX');
    expect(SpreadsheetApp.newDataValidation().requireTextIsEmail().build().getCriteriaType()).toBe(
      'TEXT_IS_VALID_EMAIL',
    );
    expect(SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build().getCriteriaType()).toBe(
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    );
  });

  it('rules are stored per cell: getDataValidations returns null where there is none (Range.getDataValidations)', () => {
    const { SpreadsheetApp, sheet } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A1:A2').setDataValidation(rule);
    expect(sheet.getRange('A1:B2').getDataValidations()).toEqual([
      [rule, null],
      [rule, null],
    ]);
    sheet.getRange('A1:B1').setDataValidations([[null, rule]]);
    expect(sheet.getRange('A1:B1').getDataValidations()).toEqual([[null, rule]]);
    sheet.getRange('A2').setDataValidation(null);
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  it('a script write that breaks a reject-input rule throws "violates the data validation rules" and writes nothing (Range.setValues with setAllowInvalid(false))', () => {
    const { SpreadsheetApp, sheet } = setup();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['on loan', 'returned'])
      .setAllowInvalid(false)
      .build();
    sheet.getRange('B2:B3').setDataValidation(rule);
    const e = thrown(() =>
      sheet.getRange('A2:B3').setValues([
        ['x', 'returned'],
        ['y', 'lost'],
      ]),
    );
    expect(e).toBeInstanceOf(GasException);
    expect(e.message).toBe('The data you entered in cell B3 violates the data validation rules set on this cell.');
    expect(sheet.getRange('A2:B3').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(thrown(() => sheet.getRange('B2').setValue('lost')).message).toMatch(/cell B2 violates/);
    sheet.getRange('B2').setValue('returned');
    expect(thrown(() => sheet.appendRow(['z', 'lost'])).message).toBe(
      'The data you entered in cell B3 violates the data validation rules set on this cell.',
    );
    expect(sheet.getLastRow()).toBe(2);
    sheet.getRange('B2').setValue('');
    expect(sheet.getRange('B2').getValue()).toBe('');
  });

  it('a warning-only rule (the default) accepts any script write (Range.setValue with setAllowInvalid(true))', () => {
    const { SpreadsheetApp, sheet } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build();
    sheet.getRange('A1').setDataValidation(rule);
    sheet.getRange('A1').setValue(99);
    expect(sheet.getRange('A1').getValue()).toBe(99);
  });

  it('violatesValidation checks a value against each kind of rule; blanks never violate (DataValidation criteria)', () => {
    const { SpreadsheetApp, sheet } = setup();
    const b = () => SpreadsheetApp.newDataValidation();
    const tz = 'Asia/Almaty';
    expect(violatesValidation('a', b().requireValueInList(['a', 'b']).build(), tz)).toBe(false);
    expect(violatesValidation('c', b().requireValueInList(['a', 'b']).build(), tz)).toBe(true);
    expect(violatesValidation(5, b().requireValueInList(['5']).build(), tz)).toBe(false);
    expect(violatesValidation('', b().requireValueInList(['a']).build(), tz)).toBe(false);
    expect(violatesValidation(3, b().requireNumberBetween(1, 5).build(), tz)).toBe(false);
    expect(violatesValidation(6, b().requireNumberBetween(1, 5).build(), tz)).toBe(true);
    expect(violatesValidation('3', b().requireNumberBetween(1, 5).build(), tz)).toBe(true);
    expect(violatesValidation(-1, b().requireNumberGreaterThanOrEqualTo(0).build(), tz)).toBe(true);
    expect(violatesValidation(new Date(), b().requireDate().build(), tz)).toBe(false);
    expect(violatesValidation('soon', b().requireDate().build(), tz)).toBe(true);
    const cutoff = almatyMidnight('2026-01-01');
    expect(violatesValidation(almatyMidnight('2026-06-01'), b().requireDateAfter(cutoff).build(), tz)).toBe(false);
    expect(violatesValidation(almatyMidnight('2025-06-01'), b().requireDateOnOrAfter(cutoff).build(), tz)).toBe(true);
    expect(violatesValidation(true, b().requireCheckbox().build(), tz)).toBe(false);
    expect(violatesValidation('yes', b().requireCheckbox().build(), tz)).toBe(true);
    expect(violatesValidation('a@b.kz', b().requireTextIsEmail().build(), tz)).toBe(false);
    expect(violatesValidation('not an email', b().requireTextIsEmail().build(), tz)).toBe(true);
    sheet.getRange('Z1:Z2').setValues([['Fiction'], ['Science']]);
    const inRange = b().requireValueInRange(sheet.getRange('Z1:Z2')).build();
    expect(violatesValidation('Science', inRange, tz)).toBe(false);
    expect(violatesValidation('Poetry', inRange, tz)).toBe(true);
  });

  it('userEdit rejects a value a reject-input rule refuses, like the Sheets UI, and applies others (uncounted)', () => {
    const { SpreadsheetApp, sheet, env } = setup();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['on loan', 'returned'])
      .setAllowInvalid(false)
      .build();
    const withHelp = rule.copy().setHelpText('Choose on loan or returned').build();
    sheet.getRange('A1').setDataValidation(rule);
    sheet.getRange('A2').setDataValidation(withHelp);
    env.counters.reset();
    expect(sheet.userEdit(1, 1, 'lost')).toBe(
      'The data you entered in cell A1 violates the data validation rules set on this cell.',
    );
    expect(sheet.userEdit(2, 1, 'lost')).toBe('Choose on loan or returned');
    expect(sheet.userEdit(1, 1, 'returned')).toBeNull();
    expect(sheet.userEdit(1, 2, '0042')).toBeNull();
    expect(sheet.peekValues()).toEqual([['returned', 42]]);
    expect(env.counters.snapshot().totalCalls).toBe(0);
  });
});

describe('protections', () => {
  it('sheet.protect() and range.protect() return Protections listed by type (Sheet.getProtections)', () => {
    const { SpreadsheetApp, sheet, ss } = setup();
    const p = sheet.protect().setDescription('Catalogue').setWarningOnly(true);
    expect(sheet.protect()).toBe(p);
    expect(p.getDescription()).toBe('Catalogue');
    expect(p.isWarningOnly()).toBe(true);
    expect(p.getProtectionType()).toBe(SpreadsheetApp.ProtectionType.SHEET);
    const r = sheet.getRange('A1:B2').protect().setDescription('Header');
    expect(r.getRange().getA1Notation()).toBe('A1:B2');
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toEqual([p]);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([r]);
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([r]);
    r.remove();
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
  });

  it('editors: the owner stays an editor, others can be added and removed; canEdit is true for the owner (Protection.removeEditors)', () => {
    const { sheet, env } = setup();
    const p = sheet.getRange('A1').protect();
    p.addEditor('clerk@example.kz');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([env.userEmail, 'clerk@example.kz']);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([env.userEmail]);
    expect(p.canEdit()).toBe(true);
  });

  it('the script (running as the owner) can still write protected ranges (Protection)', () => {
    const { sheet } = setup();
    sheet.protect();
    sheet.getRange('A1').protect().removeEditors(['someone@example.kz']);
    sheet.getRange('A1').setValue('owner writes');
    expect(sheet.getRange('A1').getValue()).toBe('owner writes');
    expect(sheet.userEdit(1, 1, 'visitor', 'visitor@example.kz')).toMatch(/protected/);
    expect(sheet.userEdit(1, 1, 'owner again', 'librarian@example.kz')).toBeNull();
  });

  it('a protected range moves with inserted rows (Protection.getRange)', () => {
    const { sheet } = setup();
    const p = sheet.getRange('A2:B3').protect();
    sheet.insertRowsBefore(1, 2);
    expect(p.getRange().getA1Notation()).toBe('A4:B5');
  });
});

describe('TextFinder', () => {
  function catalogue(sheet: FakeSheet) {
    sheet.getRange('A1:B3').setValues([
      ['Title', 'Author'],
      ['War and Peace', 'Tolstoy'],
      ['Peace Talks', 'abai'],
    ]);
  }

  it('findAll searches display text row by row, case-insensitively by default (Sheet.createTextFinder)', () => {
    const { sheet } = setup();
    catalogue(sheet);
    const found = sheet.createTextFinder('peace').findAll();
    expect(found.map((r) => r.getA1Notation())).toEqual(['A2', 'A3']);
    expect(sheet.createTextFinder('peace').matchCase(true).findAll()).toEqual([]);
    expect(sheet.createTextFinder('Peace Talks').matchEntireCell(true).findAll().length).toBe(1);
    expect(sheet.createTextFinder('Peace').matchEntireCell(true).findAll().length).toBe(0);
    expect(
      sheet
        .createTextFinder('^T\\w+y$')
        .useRegularExpression(true)
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B2']);
  });

  it('findNext walks the matches and returns null at the end (TextFinder.findNext)', () => {
    const { sheet } = setup();
    catalogue(sheet);
    const f = sheet.createTextFinder('a');
    const seen: string[] = [];
    for (let r = f.findNext(); r; r = f.findNext()) seen.push(r.getA1Notation());
    expect(seen).toEqual(['B1', 'A2', 'A3', 'B3']);
  });

  it('a findAll is one call and reads no cells (TextFinder.findAll)', () => {
    const { sheet, env } = setup();
    catalogue(sheet);
    env.counters.reset();
    sheet.createTextFinder('peace').findAll();
    const snap = env.counters.snapshot();
    expect(snap.calls).toEqual({ 'Sheet.createTextFinder': 1, 'TextFinder.findAll': 1 });
    expect(snap.cellsRead).toBe(0);
  });

  it('Range and Spreadsheet finders search their own scope (Range.createTextFinder)', () => {
    const { sheet, ss } = setup();
    catalogue(sheet);
    expect(sheet.getRange('A3:B3').createTextFinder('peace').findAll().length).toBe(1);
    const other = ss.insertSheet('Other');
    other.getRange('C1').setValue('peace');
    expect(
      ss
        .createTextFinder('peace')
        .findAll()
        .map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`),
    ).toEqual(['Sheet1!A2', 'Sheet1!A3', 'Other!C1']);
  });

  it('matchFormulaText searches formulas; replaceAllWith replaces in cells (TextFinder.replaceAllWith)', () => {
    const { sheet } = setup();
    catalogue(sheet);
    sheet.getRange('C1').setFormula('=COUNTA(A:A)');
    expect(sheet.createTextFinder('COUNTA').findAll()).toEqual([]);
    expect(sheet.createTextFinder('COUNTA').matchFormulaText(true).findAll().length).toBe(1);
    expect(sheet.createTextFinder('Peace').replaceAllWith('Love')).toBe(2);
    expect(sheet.getRange('A2:A3').getValues().flat()).toEqual(['War and Love', 'Love Talks']);
  });
});

describe('developer metadata', () => {
  it('addDeveloperMetadata / getDeveloperMetadata / remove on Sheet and Spreadsheet (Sheet.addDeveloperMetadata)', () => {
    const { sheet, ss } = setup();
    sheet.addDeveloperMetadata('library.role', 'books');
    ss.addDeveloperMetadata('library.version', '3');
    const [m] = sheet.getDeveloperMetadata();
    expect(m.getKey()).toBe('library.role');
    expect(m.getValue()).toBe('books');
    expect(ss.getDeveloperMetadata().map((x) => x.getKey())).toEqual(['library.version']);
    const found = ss.createDeveloperMetadataFinder().withKey('library.role').find();
    expect(found).toEqual([m]);
    m.remove();
    expect(sheet.getDeveloperMetadata()).toEqual([]);
  });
});

describe('formatting setters', () => {
  it('accept, store and chain like the real API (Range.setBackground / setFontWeight / setNote)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    expect(
      r
        .setBackground('#eeeeee')
        .setFontWeight('bold')
        .setFontColor('#333333')
        .setFontStyle('italic')
        .setWrap(true)
        .setHorizontalAlignment('center')
        .setNote('header'),
    ).toBe(r);
    expect(r.getBackgrounds()).toEqual([['#eeeeee', '#eeeeee']]);
    expect(r.getFontWeight()).toBe('bold');
    expect(r.getNote()).toBe('header');
    expect(sheet.getRange('C1').getBackground()).toBe('#ffffff');
    expect(r.setFontWeights([['bold', 'normal']]).getFontWeights()).toEqual([['bold', 'normal']]);
    expect(sheet.autoResizeColumns(1, 2)).toBe(sheet);
    expect(sheet.setColumnWidth(1, 200).getColumnWidth(1)).toBe(200);
    sheet.setColumnWidths(2, 2, 50);
    expect(sheet.getColumnWidth(3)).toBe(50);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('plain data', () => {
  it('toData/fromData round-trips values, formulas, formats, validation, protections, frozen panes and metadata (playground persistence)', () => {
    const { SpreadsheetApp, ss, sheet, env } = setup();
    const books = ss.insertSheet('Books');
    books.getRange('A1:C2').setValues([
      ['Title', 'Due', 'Status'],
      ['Abai', almatyMidnight('2026-12-01'), 'on loan'],
    ]);
    books.getRange('D2').setFormula('=B2+14');
    books.getRange('E2').setNumberFormat('@').setValue('007');
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInRange(sheet.getRange('A1:A2'))
      .setAllowInvalid(false)
      .setHelpText('pick')
      .build();
    sheet.getRange('A1:A2').setValues([['on loan'], ['returned']]);
    books.getRange('C2').setDataValidation(rule);
    books.setFrozenRows(1);
    books.getRange('A1:C1').protect().setDescription('header').addEditor('clerk@example.kz');
    books.addDeveloperMetadata('role', 'books');
    books.hideSheet();

    const data = ss.toData();
    expect(data.name).toBe('Library');
    expect(data.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Books']);
    const bookData = data.sheets[1];
    expect(bookData.frozenRows).toBe(1);
    expect(bookData.hidden).toBe(true);
    expect(bookData.cells.find((c) => c.row === 2 && c.col === 4)?.formula).toBe('=B2+14');
    expect(bookData.cells.find((c) => c.row === 2 && c.col === 3)?.validation?.criteria).toBe('VALUE_IN_RANGE');

    const restored = FakeSpreadsheet.fromData(makeEnv(), JSON.parse(JSON.stringify(data), reviveDates));
    expect(restored.toData()).toEqual(data);
    const rb = restored.getSheetByName('Books')!;
    expect(rb.getRange('A2:C2').getValues()).toEqual([['Abai', almatyMidnight('2026-12-01'), 'on loan']]);
    expect(rb.getRange('E2').getValue()).toBe('007');
    expect(rb.getRange('C2').getDataValidation()!.getAllowInvalid()).toBe(false);
    expect(rb.userEdit(2, 3, 'lost')).toBe('pick');
    expect(rb.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getDescription()).toBe('header');
    expect(rb.getDeveloperMetadata()[0].getValue()).toBe('books');
    void env;
  });

  it('loadData replaces the bound spreadsheet in place (playground load)', () => {
    const { ss, SpreadsheetApp } = setup();
    ss.loadData({
      name: 'Library',
      timeZone: 'Asia/Almaty',
      sheets: [
        {
          name: 'Loans',
          maxRows: 10,
          maxColumns: 5,
          frozenRows: 1,
          frozenColumns: 0,
          hidden: false,
          cells: [{ row: 1, col: 1, value: 'Reader' }],
          protections: [],
        },
      ],
    });
    expect(
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName()),
    ).toEqual(['Loans']);
    const loans = ss.getSheetByName('Loans')!;
    expect(loans.getMaxRows()).toBe(10);
    expect(loans.peekValues()).toEqual([['Reader']]);
    expect(loans.peekDisplayValues()).toEqual([['Reader']]);
  });
});

/** JSON.parse reviver for the round-trip test: ISO strings back to Dates. */
function reviveDates(_key: string, value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) ? new Date(value) : value;
}
