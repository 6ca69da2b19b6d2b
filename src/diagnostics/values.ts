/**
 * How Sheets interprets what a script writes: numeric text becomes a number, `=` text a formula,
 * a plain-text (@) cell keeps text as written; the setValues size refusal; appendRow into plain
 * text and past the last row. The library's codes and user text rely on each of these.
 */
import { type Case, thrown } from './types';

const PLAIN_TEXT = '@';

export const VALUE_CASES: Case[] = [
  {
    id: 'numericText',
    where: 'execution',
    expected: { values: [123, -5, 7], types: ['number', 'number', 'number'] },
    run(ctx) {
      const range = ctx.newSheet().getRange(1, 1, 1, 3);
      range.setValues([['00123', '-5', '+7']]);
      const values = range.getValues()[0];
      return { values: values as number[], types: values.map((v) => typeof v) };
    },
  },
  {
    id: 'formulaText',
    where: 'execution',
    expected: { formula: '=1+2' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setValue('=1+2');
      return { formula: cell.getFormula() };
    },
  },
  {
    id: 'plainTextKeepsText',
    where: 'execution',
    expected: { values: ['00123', '=1+2', '2026-01-15', 'TRUE'], formulas: ['', '', '', ''] },
    run(ctx) {
      const range = ctx.newSheet().getRange(1, 1, 1, 4);
      range.setNumberFormat(PLAIN_TEXT);
      range.setValues([['00123', '=1+2', '2026-01-15', 'TRUE']]);
      return { values: range.getValues()[0] as string[], formulas: range.getFormulas()[0] };
    },
  },
  {
    id: 'numberIntoPlainText',
    where: 'execution',
    expected: { value: 42, type: 'number' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setNumberFormat(PLAIN_TEXT);
      cell.setValue(42);
      const v = cell.getValue();
      return { value: typeof v === 'number' || typeof v === 'string' ? v : String(v), type: typeof v };
    },
  },
  {
    id: 'apostropheText',
    where: 'execution',
    expected: { value: '00123' },
    run(ctx) {
      const cell = ctx.newSheet().getRange(1, 1);
      cell.setValue("'00123");
      return { value: String(cell.getValue()) };
    },
  },
  {
    id: 'setValuesRows',
    where: 'execution',
    expected: {
      error:
        'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      written: '',
    },
    run(ctx) {
      const sheet = ctx.newSheet();
      const error = thrown(() => sheet.getRange(1, 1, 2, 1).setValues([['a']]));
      return { error, written: String(sheet.getRange(1, 1).getValue()) };
    },
  },
  {
    id: 'setValuesColumns',
    where: 'execution',
    expected: {
      error:
        'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
      written: '',
    },
    run(ctx) {
      const sheet = ctx.newSheet();
      const error = thrown(() => sheet.getRange(1, 1, 1, 2).setValues([['a']]));
      return { error, written: String(sheet.getRange(1, 1).getValue()) };
    },
  },
  {
    id: 'appendPlainText',
    where: 'execution',
    expected: { row: 1, plainText: '00123', unformatted: 123 },
    run(ctx) {
      const sheet = ctx.newSheet();
      sheet.getRange(1, 1, sheet.getMaxRows(), 1).setNumberFormat(PLAIN_TEXT);
      sheet.appendRow(['00123', '00123']);
      const row = sheet.getLastRow();
      const [plainText, unformatted] = sheet.getRange(row, 1, 1, 2).getValues()[0];
      return { row, plainText: plainText as string, unformatted: unformatted as number };
    },
  },
  {
    id: 'appendGrows',
    where: 'execution',
    expected: { maxRows: 3, row: 3, format: PLAIN_TEXT, value: '00777' },
    run(ctx) {
      const sheet = ctx.newSheet();
      sheet.deleteRows(3, sheet.getMaxRows() - 2);
      sheet.getRange(2, 1).setNumberFormat(PLAIN_TEXT);
      sheet.getRange(1, 1, 2, 1).setValues([['code'], ['00042']]);
      sheet.appendRow(['00777']);
      const row = sheet.getLastRow();
      const cell = sheet.getRange(row, 1);
      return { maxRows: sheet.getMaxRows(), row, format: cell.getNumberFormat(), value: String(cell.getValue()) };
    },
  },
];
