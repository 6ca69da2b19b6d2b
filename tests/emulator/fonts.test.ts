/**
 * Fonts of a Range, as the labels use them: a barcode is text set in the "Libre Barcode 128" family.
 * Pinned from the Range reference: getFontFamily of an unformatted cell is "Arial"; setFontFamilies
 * and setFontSizes take a grid the size of the range (else the row/column count message), and null
 * resets a cell to the default; each is one call.
 */
import { describe, expect, it } from 'vitest';
import { createEnv } from '../../emulator/core';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';

function sheet() {
  const env = { ...createEnv({ now: new Date('2026-11-25T10:00:00+05:00') }), ui: {} };
  const { SpreadsheetApp } = createSpreadsheetApp(env);
  const s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  env.counters.reset();
  return { env, s };
}

describe('Range fonts (setFontFamily, setFontFamilies, setFontSizes)', () => {
  it('an unformatted cell reports Arial, size 10', () => {
    const { s } = sheet();
    expect(s.getRange(1, 1).getFontFamily()).toBe('Arial');
    expect(s.getRange(1, 1, 1, 2).getFontSizes()).toEqual([[10, 10]]);
  });

  it('setFontFamilies sets each cell of the grid in one call; null is the default again', () => {
    const { env, s } = sheet();
    const range = s.getRange(1, 1, 2, 2);
    range.setFontFamily('Roboto');
    range.setFontFamilies([
      ['Libre Barcode 128', null],
      [null, 'Libre Barcode 128'],
    ]);
    expect(range.getFontFamilies()).toEqual([
      ['Libre Barcode 128', 'Arial'],
      ['Arial', 'Libre Barcode 128'],
    ]);
    expect(env.counters.count('Range.setFontFamilies')).toBe(1);
  });

  it('setFontSizes refuses a grid of another size with the row-count message', () => {
    const { s } = sheet();
    expect(() => s.getRange(1, 1, 2, 1).setFontSizes([[28]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    s.getRange(1, 1, 2, 1).setFontSizes([[28], [9]]);
    expect(s.getRange(1, 1, 2, 1).getFontSizes()).toEqual([[28], [9]]);
  });
});
