/**
 * Google Sheets holds at most ten million cells in a spreadsheet (every sheet's grid, empty cells
 * included). A change that would pass the limit fails with Google's message and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createEnv, GasException } from '../../emulator/core';
import { CELL_LIMIT, CELL_LIMIT_ERROR, createSpreadsheetApp } from '../../emulator/spreadsheet';
import { thrown } from '../support/thrown';

function full() {
  const env = { ...createEnv({ now: new Date('2026-11-25T10:00:00+05:00') }), ui: {} };
  const { SpreadsheetApp, spreadsheet } = createSpreadsheetApp(env);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  // 1,000 × 26 to start; grown to exactly ten million cells: 384,615 rows × 26 = 9,999,990, then 10 more.
  sheet.insertRowsAfter(sheet.getMaxRows(), Math.floor(CELL_LIMIT / 26) - sheet.getMaxRows());
  return { SpreadsheetApp, spreadsheet, ss, sheet };
}

describe('the ten-million-cell limit of a spreadsheet', () => {
  it('counts every sheet’s grid, empty cells included, and lets a spreadsheet reach the limit exactly', () => {
    const { spreadsheet, sheet } = full();
    expect(spreadsheet.gridCells()).toBe(Math.floor(CELL_LIMIT / 26) * 26);
    sheet.deleteColumns(26, 1);
    sheet.insertRowsAfter(1, Math.floor((CELL_LIMIT - spreadsheet.gridCells()) / 25));
    expect(spreadsheet.gridCells()).toBeLessThanOrEqual(CELL_LIMIT);
    expect(spreadsheet.gridCells()).toBeGreaterThan(CELL_LIMIT - 25);
  });

  it('refuses rows inserted past it with Google’s message, and the sheet keeps its size', () => {
    const { spreadsheet, sheet } = full();
    const before = sheet.getMaxRows();
    const e = thrown(() => sheet.insertRowsAfter(before, 1));
    expect(e).toBeInstanceOf(GasException);
    expect(e.message).toBe(CELL_LIMIT_ERROR);
    expect(sheet.getMaxRows()).toBe(before);
    expect(spreadsheet.gridCells()).toBeLessThanOrEqual(CELL_LIMIT);
  });

  it('refuses a row appended to a full sheet at the limit (appendRow grows the sheet), writing nothing', () => {
    const { sheet } = full();
    const last = sheet.getMaxRows();
    sheet.getRange(last, 1).setValue('the last row');
    const e = thrown(() => sheet.appendRow(['one more']));
    expect(e.message).toBe(CELL_LIMIT_ERROR);
    expect(sheet.getMaxRows()).toBe(last);
    expect(sheet.getRange(last, 1).getValue()).toBe('the last row');
  });

  it('refuses columns and new sheets past it', () => {
    const { ss, sheet } = full();
    expect(thrown(() => sheet.insertColumnsAfter(26, 1)).message).toBe(CELL_LIMIT_ERROR);
    expect(thrown(() => ss.insertSheet('Archive')).message).toBe(CELL_LIMIT_ERROR);
    expect(ss.getSheetByName('Archive')).toBeNull();
  });
});
