/**
 * The Sheets advanced service of the runtime (emulator/sheets-api.ts): Sheets.Spreadsheets.Values
 * .batchGet as the Sheets API v4 reference describes it (spreadsheets.values.batchGet, ValueRange,
 * ValueRenderOption, DateTimeRenderOption), and as Apps Script throws its errors.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../emulator';
import { GoogleJsonResponseException, quoteSheetName } from '../../emulator/sheets-api';
import { thrown } from '../support/thrown';

type Sheets = {
  Spreadsheets: {
    Values: {
      batchGet(
        id: string,
        opts?: Record<string, unknown>,
      ): {
        spreadsheetId: string;
        valueRanges: Array<{ range: string; majorDimension: string; values?: unknown[][] }>;
      };
    };
  };
};

/** A workbook with a Kazakh-named sheet of readers: text codes, a number, a boolean, a date. */
function setup(opts: { advancedSheets?: boolean } = {}) {
  const rt = createRuntime({ now: new Date('2026-12-02T10:00:00+05:00'), ...opts });
  const ss = rt.spreadsheet;
  const sheet = ss.insertSheet('Оқырмандар тізімі');
  sheet.getRange('A1:A20').setNumberFormat('@');
  sheet.getRange('E1:E20').setNumberFormat('dd.mm.yyyy');
  sheet.getRange(1, 1, 4, 6).setValues([
    ['Код', 'Аты-жөні', 'Сынып', 'Саны', 'Тіркелген', 'Белсенді'],
    ['000123', 'Әлия Сәтбаева', '7А', 3, new Date('2025-09-01T00:00:00+05:00'), true],
    ['000124', 'Бауыржан', '', '', '', ''],
    ['000125', 'Данияр Оспанов', '7А', 0.5, '01.01.1900 12:00:00', false],
  ]);
  rt.counters.reset();
  return { rt, ss, sheet, Sheets: rt.globals.Sheets as Sheets };
}

describe('Sheets.Spreadsheets.Values.batchGet (the Sheets advanced service)', () => {
  it('reads many ranges of a quoted Kazakh sheet name in one request, in the order asked, each range echoed (spreadsheets.values.batchGet)', () => {
    const { Sheets, ss } = setup();
    const r = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!A4:C4", "'Оқырмандар тізімі'!A2:B2"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(r.spreadsheetId).toBe(ss.getId());
    expect(r.valueRanges).toEqual([
      { range: "'Оқырмандар тізімі'!A4:C4", majorDimension: 'ROWS', values: [['000125', 'Данияр Оспанов', '7А']] },
      { range: "'Оқырмандар тізімі'!A2:B2", majorDimension: 'ROWS', values: [['000123', 'Әлия Сәтбаева']] },
    ]);
  });

  it('counts one Spreadsheet call that reaches Google and only the cells it returns (trailing empties are not returned)', () => {
    const { Sheets, ss, rt } = setup();
    Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!A2:F2", "'Оқырмандар тізімі'!A3:F3", "'Оқырмандар тізімі'!A10:F12"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(rt.counters.spreadsheetCalls()).toEqual({ 'Sheets.Spreadsheets.Values.batchGet': 1 });
    expect(rt.counters.spreadsheetTotal()).toBe(1);
    expect(rt.counters.cellsRead).toBe(6 + 2);
  });

  it('leaves out empty trailing columns and rows, and gives a range with nothing in it no values (ValueRange.values)', () => {
    const { Sheets, ss } = setup();
    const r = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!A3:F5", "'Оқырмандар тізімі'!B30:C31", "'Оқырмандар тізімі'!C2:D3"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(r.valueRanges[0].values).toEqual([
      ['000124', 'Бауыржан'],
      ['000125', 'Данияр Оспанов', '7А', 0.5, 2.5, false],
    ]);
    expect(r.valueRanges[1]).toEqual({ range: "'Оқырмандар тізімі'!B30:C31", majorDimension: 'ROWS' });
    // An empty cell before a filled one stays, as "".
    expect(r.valueRanges[2].values).toEqual([['7А', 3]]);
  });

  it('UNFORMATTED_VALUE gives numbers and booleans as they are and dates as serial numbers in the spreadsheet time zone (DateTimeRenderOption SERIAL_NUMBER, the default)', () => {
    const { Sheets, ss } = setup();
    const [row] = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!A2:F2"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    }).valueRanges[0].values!;
    // 1 September 2025 is day 45901 after 30 December 1899 (midnight in Almaty, not in UTC).
    expect(row).toEqual(['000123', 'Әлия Сәтбаева', '7А', 3, 45901, true]);
    // Noon on 1 January 1900 in Almaty's local mean time (+05:07:48) is 2.5, as the reference's example.
    const [old] = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!E4"],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    }).valueRanges[0].values!;
    expect(old).toEqual([2.5]);
  });

  it('FORMATTED_VALUE (the default) gives every cell as the text it shows; FORMATTED_STRING dates as shown (ValueRenderOption, DateTimeRenderOption)', () => {
    const { Sheets, ss } = setup();
    const formatted = Sheets.Spreadsheets.Values.batchGet(ss.getId(), { ranges: ["'Оқырмандар тізімі'!A2:F2"] });
    expect(formatted.valueRanges[0].values).toEqual([['000123', 'Әлия Сәтбаева', '7А', '3', '01.09.2025', 'TRUE']]);
    const dates = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: ["'Оқырмандар тізімі'!D2:E2"],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    expect(dates.valueRanges[0].values).toEqual([[3, '01.09.2025']]);
  });

  it('refuses an unknown sheet or a malformed range with the API error Apps Script throws ("Unable to parse range: …"), and reads nothing', () => {
    const { Sheets, ss, rt } = setup();
    for (const range of ["'Readers'!A1:B2", "'Оқырмандар тізімі'!A0:B2", "'Оқырмандар тізімі'!1A:B"]) {
      const e = thrown(() =>
        Sheets.Spreadsheets.Values.batchGet(ss.getId(), { ranges: ["'Оқырмандар тізімі'!A1", range] }),
      );
      expect(e).toBeInstanceOf(GoogleJsonResponseException);
      expect(e.name).toBe('GoogleJsonResponseException');
      expect(e.message).toBe(
        `API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: ${range}`,
      );
    }
    expect(rt.counters.cellsRead).toBe(0);
  });

  it('refuses a range past the sheet\'s grid ("exceeds grid limits") and another spreadsheet\'s id ("Requested entity was not found.")', () => {
    const { Sheets, ss, sheet } = setup();
    const past = thrown(() =>
      Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
        ranges: [`'Оқырмандар тізімі'!A${sheet.getMaxRows() + 1}:B${sheet.getMaxRows() + 1}`],
      }),
    );
    expect(past.message).toMatch(
      /failed with error: Range \('Оқырмандар тізімі'!A1001:B1001\) exceeds grid limits\. Max rows: 1000, max columns: 26$/,
    );
    const other = thrown(() => Sheets.Spreadsheets.Values.batchGet('1AbCdEf-another-spreadsheet', { ranges: ['A1'] }));
    expect(other.message).toBe(
      'API call to sheets.spreadsheets.values.batchGet failed with error: Requested entity was not found.',
    );
    expect((other as GoogleJsonResponseException).details.code).toBe(404);
  });

  it('reads the first sheet for a range without a sheet name, and echoes a plain sheet name unquoted', () => {
    const { Sheets, ss } = setup();
    ss.getSheets()[0].getRange('A1').setValue('first');
    const r = Sheets.Spreadsheets.Values.batchGet(ss.getId(), {
      ranges: 'A1:B1',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(r.valueRanges).toEqual([{ range: 'Sheet1!A1:B1', majorDimension: 'ROWS', values: [['first']] }]);
    expect(quoteSheetName("O'Brien list")).toBe("'O''Brien list'");
    expect(quoteSheetName('A1')).toBe("'A1'");
  });

  it('is absent from a runtime whose manifest does not enable the service: naming Sheets is a ReferenceError', () => {
    const { rt } = setup({ advancedSheets: false });
    expect('Sheets' in rt.globals).toBe(false);
    const ctx = vm.createContext({ ...rt.globals });
    expect(vm.runInContext('typeof Sheets', ctx)).toBe('undefined');
    expect(() => vm.runInContext('Sheets.Spreadsheets', ctx)).toThrow(/Sheets is not defined/);
  });
});
