/**
 * TextFinder as the library uses it (Table.search): a regular expression over what a column's cells
 * display, from the header row down, case ignored, anchored to the whole cell.
 */
import { type Case, rowsFound, type ScratchContext } from './types';

/** The column every finder case searches: a header, codes, a name, a formatted number, spaced codes. */
const COLUMN = ['Reader code', 'R00012', 'r00012x', 'Ақбота', 7, 'R 00012', 'R\u00a000012'];
const FORMATTED_ROW = 5;

function codeColumn(ctx: ScratchContext): GoogleAppsScript.Spreadsheet.Range {
  const sheet = ctx.newSheet();
  sheet.getRange(1, 1, COLUMN.length, 1).setNumberFormat('@');
  sheet.getRange(FORMATTED_ROW, 1).setNumberFormat('"№"000');
  sheet.getRange(1, 1, COLUMN.length, 1).setValues(COLUMN.map((v) => [v]));
  return sheet.getRange('A1:A');
}

export const FINDER_CASES: Case[] = [
  {
    id: 'finderDisplayed',
    where: 'execution',
    expected: { regex: [FORMATTED_ROW], text: [FORMATTED_ROW], value: 7 },
    run(ctx) {
      const column = codeColumn(ctx);
      return {
        regex: rowsFound(column.createTextFinder('^№0*7$').useRegularExpression(true).findAll()),
        text: rowsFound(column.createTextFinder('№007').matchEntireCell(true).findAll()),
        value: column.getSheet().getRange(FORMATTED_ROW, 1).getValue() as number,
      };
    },
  },
  {
    id: 'finderHeader',
    where: 'execution',
    expected: [1, 2],
    run(ctx) {
      const finder = codeColumn(ctx).createTextFinder('^\\s*(?:Reader\\s+code)\\s*$|^\\s*(?:R00012)\\s*$');
      return rowsFound(finder.useRegularExpression(true).matchCase(false).findAll());
    },
  },
  {
    id: 'finderCase',
    where: 'execution',
    expected: { anyCase: [2], matchCase: [], cyrillic: [4] },
    run(ctx) {
      const column = codeColumn(ctx);
      return {
        anyCase: rowsFound(column.createTextFinder('r00012').matchEntireCell(true).findAll()),
        matchCase: rowsFound(column.createTextFinder('r00012').matchEntireCell(true).matchCase(true).findAll()),
        cyrillic: rowsFound(column.createTextFinder('^АҚБОТА$').useRegularExpression(true).findAll()),
      };
    },
  },
  {
    id: 'finderWholeCell',
    where: 'execution',
    expected: { substring: [2, 3], entireCell: [], anchored: [2] },
    run(ctx) {
      const column = codeColumn(ctx);
      return {
        substring: rowsFound(column.createTextFinder('R000').findAll()),
        entireCell: rowsFound(column.createTextFinder('R000').matchEntireCell(true).findAll()),
        anchored: rowsFound(column.createTextFinder('^r000\\d\\d$').useRegularExpression(true).findAll()),
      };
    },
  },
  {
    id: 'finderSpace',
    where: 'execution',
    expected: [6, 7],
    run(ctx) {
      return rowsFound(codeColumn(ctx).createTextFinder('^R\\s00012$').useRegularExpression(true).findAll());
    },
  },
];
