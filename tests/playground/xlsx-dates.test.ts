/**
 * Birth dates of the 19th century through the sheet, the runtime and the .xlsx: Asia/Almaty kept local
 * mean time, +05:07:48, until 1924, so Abai's birthday (10.08.1845) is the instant 1845-08-09T18:52:12Z.
 * Typed by the librarian, written by the demo, saved to .xlsx and read back (with the playground's
 * state and as another program would), it stays that very midnight, and the jubilee finder still
 * reads 10 August.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../emulator';
import { dayToDate } from '../../playground/demo';
import { loadWorkbook, saveWorkbook } from '../../playground/xlsx';
import { t } from '../../src/messages';
import { calendarLibrary, setSetting } from '../support/calendar';
import { addRows, columnOf, rowsOf, sheetOf } from '../support/library';
import { tempDir } from './support';

/** Midnight of a day in Almaty, to the second (local mean time before 1924). */
const midnight = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d) - (y < 1924 ? 5 * 3600 + 7 * 60 + 48 : 5 * 3600) * 1000);

const BORN: Array<[string, [number, number, number]]> = [
  ['Абай (Ибраһим) Құнанбайұлы', [1845, 8, 10]],
  ['Жамбыл Жабаев', [1846, 2, 28]],
  ['Шоқан Шыңғысұлы Уәлиханов', [1835, 11, 1]],
  ['Бауыржан Момышұлы', [1910, 12, 24]],
  ['Әбілахат Еспаев', [1925, 11, 15]],
];

describe('19th-century dates through the sheet, the runtime and the .xlsx', () => {
  const dir = tempDir('xlsx-dates');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep the exact midnight of Almaty, typed or written by the demo, saved and read back', async () => {
    expect(dayToDate('1845-08-10', 'Asia/Almaty').toISOString()).toBe('1845-08-09T18:52:12.000Z');
    const rt = calendarLibrary();
    setSetting(rt, 'anniversaryMinYears', '115');
    // The first rows as the librarian types them, the rest as the demo writes them.
    const dotted = ([y, m, d]: [number, number, number]) =>
      `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
    addRows(
      rt,
      'persons',
      BORN.slice(0, 3).map(([name, d]) => ({ name, born: dotted(d) })),
    );
    const sheet = sheetOf(rt, 'persons');
    const bornCol = columnOf(rt, 'persons', 'born') + 1;
    BORN.slice(3).forEach(([name, [y, m, d]], i) => {
      sheet.getRange(5 + i, 1).setValue(name);
      sheet
        .getRange(5 + i, bornCol)
        .setValue(dayToDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, 'Asia/Almaty'));
    });
    const exact = BORN.map(([, [y, m, d]]) => midnight(y, m, d).toISOString());
    expect(rowsOf(rt, 'persons').map((r) => (r.born as Date).toISOString())).toEqual(exact);

    const file = path.join(dir, 'library.xlsx');
    const saved = await saveWorkbook(file, rt.spreadsheet.toData());
    const withState = await loadWorkbook(file, { metaFor: (h) => (h === saved.sha256 ? saved.meta : undefined) });
    const elsewhere = await loadWorkbook(file, {});
    expect([withState.exact, elsewhere.exact]).toEqual([true, false]);
    for (const back of [withState, elsewhere]) {
      const persons = back.data.sheets.find((s) => s.name === t('kk', 'sheet.persons'));
      const cells = (persons?.cells ?? []).filter((c) => c.row > 1 && c.row <= BORN.length + 1 && c.col === bornCol);
      expect(cells.map((c) => (c.value as Date).toISOString())).toEqual(exact);
    }
    // Another program sees 10.08.1845 00:00:00 on the cell.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const abai = wb.getWorksheet(t('kk', 'sheet.persons'))?.getRow(2).getCell(bornCol).value as Date;
    expect(abai.toISOString()).toBe('1845-08-10T00:00:00.000Z');

    // A runtime on the workbook read back: the jubilee finder reads the birthdays as they were typed.
    const rt2 = createRuntime({ now: new Date('2025-11-26T10:00:00+05:00'), userEmail: 'librarian@lyceum92.kz' });
    rt2.load('build/Code.js');
    rt2.spreadsheet.loadData(elsewhere.data);
    rt2.call('setUpWorkbook');
    rt2.call('calendarFindAnniversaries');
    const proposed = rowsOf(rt2, 'events').map((r) => [r.title, (r.date as Date).toISOString()]);
    expect(proposed).toEqual([
      ['Абай Құнанбайұлының туғанына 180 жыл', '2025-08-09T19:00:00.000Z'],
      ['Шоқан Шыңғысұлы Уәлихановтың туғанына 190 жыл', '2025-10-31T19:00:00.000Z'],
      ['Бауыржан Момышұлының туғанына 115 жыл', '2025-12-23T19:00:00.000Z'],
      ['Жамбыл Жабаевтың туғанына 180 жыл', '2026-02-27T19:00:00.000Z'],
    ]);
  });
});
