/**
 * The runtime keeps an empty cell that only carries a number format and/or a validation rule as one
 * shared record (Setup formats whole columns). Sharing must never show: a change to one such cell
 * (a value, a note, a style, clearing it, another format or rule) leaves every other cell as it was,
 * and the data view and a reload give the same cells back.
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
  return { sheet, spreadsheet };
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
});
