/**
 * The runtime keeps an empty cell that only carries a number format and/or a validation rule as one
 * shared record (Setup formats whole columns). Sharing must never show: a change to one such cell
 * (a value, a note, a style, clearing it, another format or rule) leaves every other cell as it was,
 * and the data view and a reload give the same cells back. The data view keeps them as runs down a
 * column (the playground saves and clones that view after every change).
 */
import { describe, expect, it } from 'vitest';
import { createEnv } from '../../emulator/core';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';

function column() {
  const env = { ...createEnv({ now: new Date('2026-11-25T10:00:00+05:00') }), ui: {} };
  const { SpreadsheetApp, spreadsheet } = createSpreadsheetApp(env);
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  const rule = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
  sheet.getRange('A1:A10').setNumberFormat('@');
  sheet.getRange('B1:B10').setNumberFormat('dd.MM.yyyy').setDataValidation(rule);
  return { sheet, spreadsheet, SpreadsheetApp };
}

const view = (sheet: ReturnType<typeof column>['sheet']) => {
  const r = sheet.getRange('A1:B10');
  return {
    values: r.getValues(),
    formats: r.getNumberFormats(),
    notes: r.getNotes(),
    rules: r.getDataValidations().map((row) => row.map((v) => (v ? v.getCriteriaValues() : null))),
    weights: r.getFontWeights(),
  };
};

describe('formatted empty cells (shared records in the runtime)', () => {
  it('keep their neighbours unchanged when one of them is written, noted, styled, cleared or reformatted', () => {
    const { sheet } = column();
    const before = view(sheet);
    sheet.getRange('A2').setValue('00123');
    sheet.getRange('A3').setNote('ескерту');
    sheet.getRange('A4').setFontWeight('bold');
    sheet.getRange('B5').clear();
    sheet.getRange('B6').setNumberFormat('0.00');
    sheet.getRange('B7').setDataValidation(null);
    const after = view(sheet);
    // The plain-text format keeps the code's zeros; every untouched cell is as it was.
    expect(after.values[1][0]).toBe('00123');
    expect(after.notes[2][0]).toBe('ескерту');
    expect(after.weights[3][0]).toBe('bold');
    expect([after.formats[4][1], after.rules[4][1]]).toEqual(['0.###############', null]);
    expect(after.formats[5][1]).toBe('0.00');
    expect(after.rules[6][1]).toBeNull();
    const changed = new Set(['1:0', '2:0', '3:0', '4:1', '5:1', '6:1']);
    for (const key of ['values', 'formats', 'notes', 'rules', 'weights'] as const)
      for (let r = 0; r < 10; r++)
        for (let c = 0; c < 2; c++)
          if (!changed.has(`${r}:${c}`)) expect(after[key][r][c], `${key} ${r}:${c}`).toEqual(before[key][r][c]);
  });

  it('come back the same from the data view and a reload', () => {
    const { sheet, spreadsheet } = column();
    sheet.getRange('A2').setValue('x');
    const before = view(sheet);
    spreadsheet.loadData(spreadsheet.toData());
    const again = spreadsheet.sheets[0];
    expect(view(again as never)).toEqual(before);
    // A write after the reload still touches its own cell only.
    again.getRange('A5').setValue('y');
    expect(again.getRange('A6').getValue()).toBe('');
  });

  it('are runs down a column in the data view, broken where a cell holds more, and equal rules join', () => {
    const { sheet, spreadsheet, SpreadsheetApp } = column();
    sheet.getRange('A4').setValue('00123');
    sheet.getRange('A7').setNote('ескерту');
    // Another rule object with the same criteria: one run with its neighbours, as the file has one rule.
    const same = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    sheet.getRange('B9').setDataValidation(same);
    const data = spreadsheet.toData().sheets[0];
    const runs = (data.blanks ?? []).map((b) => [b.col, b.from, b.to, b.numberFormat, b.validation?.values[0]]);
    expect(runs).toEqual([
      [1, 1, 3, '@', undefined],
      [2, 1, 10, 'dd.MM.yyyy', ['a', 'b']],
      [1, 5, 6, '@', undefined],
      [1, 8, 10, '@', undefined],
    ]);
    // The cells with more than a format are cells of their own, and no cell is in both.
    expect(data.cells.map((c) => [c.row, c.col])).toEqual([
      [4, 1],
      [7, 1],
    ]);
    const before = view(sheet);
    spreadsheet.loadData(spreadsheet.toData());
    expect(view(spreadsheet.sheets[0] as never)).toEqual(before);
    expect(spreadsheet.toData().sheets[0]).toEqual(data);
  });
});
