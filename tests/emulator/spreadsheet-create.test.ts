/**
 * SpreadsheetApp.create as Google's: a new spreadsheet in the user's Drive with one sheet "Sheet1"
 * (1,000 × 26), its own id and URL, reachable with openById and openByUrl in later executions, under
 * its own ten-million-cell limit; an unknown id still throws.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../emulator';
import { GasException } from '../../emulator/core';
import { CELL_LIMIT, CELL_LIMIT_ERROR } from '../../emulator/spreadsheet';

const services = () => {
  const rt = createRuntime({ now: new Date('2026-07-10T10:00:00+05:00') });
  return {
    rt,
    SpreadsheetApp: rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  };
};

describe('SpreadsheetApp.create', () => {
  it('makes a spreadsheet with one empty sheet "Sheet1" of 1,000 rows and 26 columns, its own id and URL', () => {
    const { SpreadsheetApp } = services();
    const ss = SpreadsheetApp.create('Archive');
    expect(ss.getName()).toBe('Archive');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    const sheet = ss.getSheets()[0];
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow()]).toEqual([1000, 26, 0]);
    expect(ss.getId()).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(ss.getId()).not.toBe(SpreadsheetApp.getActiveSpreadsheet().getId());
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(SpreadsheetApp.create('Archive').getId()).not.toBe(ss.getId());
  });

  it('takes the size of its sheet when given', () => {
    const { SpreadsheetApp } = services();
    const sheet = SpreadsheetApp.create('Small', 10, 3).getSheets()[0];
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([10, 3]);
  });

  it('is a round trip to Google, counted as a Spreadsheet call, as openById is', () => {
    const { rt, SpreadsheetApp } = services();
    rt.counters.reset();
    const id = SpreadsheetApp.create('Archive').getId();
    SpreadsheetApp.openById(id);
    expect(rt.counters.spreadsheetCalls()).toEqual({ 'SpreadsheetApp.create': 1, 'SpreadsheetApp.openById': 1 });
  });
});

describe('openById and openByUrl of a created spreadsheet', () => {
  it('open the same spreadsheet, with what was written to it, in a later execution', () => {
    const { rt, SpreadsheetApp } = services();
    const id = rt.lock.runExecution(() => {
      const ss = SpreadsheetApp.create('Archive');
      ss.getSheets()[0]
        .getRange(1, 1, 1, 2)
        .setValues([['key', 'value']]);
      return ss.getId();
    });
    const again = rt.lock.runExecution(() => SpreadsheetApp.openById(id));
    expect(again.getSheets()[0].getRange(1, 1, 1, 2).getValues()).toEqual([['key', 'value']]);
    expect(SpreadsheetApp.openByUrl(again.getUrl()).getId()).toBe(id);
    expect(rt.spreadsheets.get(id)?.getName()).toBe('Archive');
  });

  it('throw for an id no spreadsheet has, as before', () => {
    const { SpreadsheetApp } = services();
    SpreadsheetApp.create('Archive');
    expect(() => SpreadsheetApp.openById('1NoSuchSpreadsheet')).toThrow(GasException);
    expect(() => SpreadsheetApp.openById('1NoSuchSpreadsheet')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(() => SpreadsheetApp.openByUrl('https://docs.google.com/spreadsheets/d/1NoSuch/edit')).toThrow(GasException);
  });
});

describe('the ten-million-cell limit of a created spreadsheet', () => {
  it('is its own: the bound workbook near the limit does not stop the archive from growing, and the archive stops at its own limit', () => {
    const { SpreadsheetApp } = services();
    const bound = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    bound.insertRowsAfter(bound.getMaxRows(), Math.floor(CELL_LIMIT / 26) - bound.getMaxRows());
    const archive = SpreadsheetApp.create('Archive').getSheets()[0];
    archive.insertRowsAfter(archive.getMaxRows(), 100_000);
    expect(archive.getMaxRows()).toBe(101_000);
    archive.insertRowsAfter(archive.getMaxRows(), Math.floor(CELL_LIMIT / 26) - archive.getMaxRows());
    expect(() => archive.insertRowsAfter(archive.getMaxRows(), 1)).toThrow(CELL_LIMIT_ERROR);
  });
});
