/**
 * The playground's .xlsx: the demo workbook after a desk action, written and read back, cell by cell
 * against the in-memory workbook; and read with exceljs alone, as LibreOffice, Excel or a Google
 * Sheets import would see it (dates are dates, numbers numbers, codes and Kazakh text intact).
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../emulator';
import { invokeFromClient } from '../../emulator/script-run';
import type { SpreadsheetData } from '../../emulator/spreadsheet';
import { cleanTemporaryFiles, writeFileAtomic } from '../../playground/atomic-file';
import { DEMO_NOW, fillDemo, librarySheet } from '../../playground/demo';
import { loadWorkbook, saveWorkbook } from '../../playground/xlsx';
import { t } from '../../src/messages';
import { tempDir, testDemo } from './support';

const key = (c: { row: number; col: number }) => `${c.row}:${c.col}`;
const plain = (v: unknown) => (v instanceof Date ? { date: v.toISOString() } : v);

describe('the workbook as .xlsx', () => {
  let rt: Runtime;
  let data: SpreadsheetData;
  let dir: string;
  let file: string;
  let back: Awaited<ReturnType<typeof loadWorkbook>>;
  // The tests' demo school (the lyceum's classes, titles and shelves, a few pupils a class).
  const demo = testDemo();
  const tour = demo.tour;

  beforeAll(async () => {
    rt = createRuntime({ now: DEMO_NOW, userEmail: 'library@lyceum92.kz' });
    rt.load('build/Code.js');
    fillDemo(rt, demo);
    const reply = invokeFromClient(rt, 'deskIssue', [tour.reader, tour.inventory]);
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    // A cell with a Date under a non-date format, a formula, a note and Kazakh text starting with "=".
    const settings = librarySheet(rt, 'settings');
    settings.getRange('E2').setValue(new Date('2025-11-26T10:15:30.123+05:00'));
    settings.getRange('E3').setFormula('=1+1');
    settings.getRange('E4').setNote('Ескерту: тексеру');
    settings.getRange('E5').setNumberFormat('@').setValue('=Абай');
    // An embedded chart: Excel's file holds none, the meta kept beside it does.
    settings.insertChart(
      settings
        .newChart()
        .setChartType('COLUMN')
        .addRange(settings.getRange('A1:B5'))
        .setPosition(2, 6, 4, 8)
        .setOption('title', 'Диаграмма')
        .build(),
    );
    data = rt.spreadsheet.toData();
    dir = tempDir('playground-xlsx');
    file = path.join(dir, 'library.xlsx');
    const saved = await saveWorkbook(file, data);
    back = await loadWorkbook(file, { metaFor: (hash) => (hash === saved.sha256 ? saved.meta : undefined) });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads back cell by cell equal to the in-memory workbook', () => {
    expect(back.exact).toBe(true);
    expect(back.data.sheets.map((s) => s.name)).toEqual(data.sheets.map((s) => s.name));
    for (const [i, s] of data.sheets.entries()) {
      const b = back.data.sheets[i];
      expect([b.maxRows, b.maxColumns, b.frozenRows, b.hidden], s.name).toEqual([
        s.maxRows,
        s.maxColumns,
        s.frozenRows,
        s.hidden,
      ]);
      expect(b.protections, s.name).toEqual(s.protections);
      expect(b.charts, s.name).toEqual(s.charts);
      expect(b.cells.length, s.name).toBe(s.cells.length);
      const at = new Map(b.cells.map((c) => [key(c), c]));
      const differences: string[] = [];
      for (const c of s.cells) {
        const r = at.get(key(c));
        const want = JSON.stringify([plain(c.value), c.numberFormat, c.formula, c.note, c.validation, c.style]);
        const got = r && JSON.stringify([plain(r.value), r.numberFormat, r.formula, r.note, r.validation, r.style]);
        if (want !== got) differences.push(`${s.name} R${c.row}C${c.col}: ${want} ≠ ${got}`);
      }
      expect(differences.slice(0, 5), s.name).toEqual([]);
      // The formatted empty cells (runs down a column): the same runs, formats and rules.
      expect(b.blanks ?? [], s.name).toEqual(s.blanks ?? []);
    }
    expect(data.sheets.some((s) => (s.blanks?.length ?? 0) > 0)).toBe(true);
    // The cells this test made special, and the desk's new loan, are among those compared.
    const settings = back.data.sheets.find((x) => x.name === t('kk', 'sheet.settings'))!;
    const cell = (row: number, col: number) => settings.cells.find((c) => c.row === row && c.col === col);
    expect(cell(2, 5)?.value).toEqual(new Date('2025-11-26T10:15:30.123+05:00'));
    expect(cell(3, 5)?.formula).toBe('=1+1');
    expect(cell(4, 5)?.note).toBe('Ескерту: тексеру');
    expect(cell(5, 5)?.value).toBe('=Абай');
  });

  it('restores a runtime that sees the same workbook', () => {
    const rt2 = createRuntime({ now: DEMO_NOW, userEmail: 'library@lyceum92.kz' });
    rt2.spreadsheet.loadData(back.data);
    for (const s of rt.spreadsheet.sheets) {
      const s2 = rt2.spreadsheet.sheets.find((x) => x.sheetName === s.sheetName)!;
      expect(s2.peekDisplayValues()).toEqual(s.peekDisplayValues());
    }
    // Dropdowns and date validation still refuse bad input after the round trip.
    const loans = rt2.spreadsheet.sheets.find((x) => x.sheetName === t('kk', 'sheet.loans'))!;
    expect(loans.userEdit(2, 5, 'ертең')).not.toBeNull();
  });

  it('is a plain workbook for exceljs: dates are dates, numbers numbers, codes and Kazakh text intact', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const loans = wb.getWorksheet(t('kk', 'sheet.loans'))!;
    expect(loans.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (loans.getRow(1).values as unknown[]).map(String);
    const col = (k: string) => header.indexOf(t('kk', `col.loans.${k}` as never));
    let row: ExcelJS.Row | undefined;
    loans.eachRow((r) => {
      if (r.getCell(col('inventory')).value === tour.inventory && r.getCell(col('reader')).value === tour.reader)
        if (r.getCell(col('status')).value === t('kk', 'enum.loanStatus.open')) row = r;
    });
    expect(row).toBeDefined();
    const issued = row!.getCell(col('issued'));
    expect(issued.value).toBeInstanceOf(Date);
    // The wall clock of Almaty: 26.11.2025 00:00 is stored as that day, whatever the reader's zone.
    expect((issued.value as Date).toISOString()).toBe('2025-11-26T00:00:00.000Z');
    expect(issued.numFmt).toBe('dd.mm.yyyy');
    expect(row!.getCell(col('renewals')).value).toBe(0);
    expect(row!.getCell(col('title')).value).toBe(tour.title);
    // Inventory numbers keep their zeros as plain text.
    const inv = row!.getCell(col('inventory'));
    expect(inv.value).toBe(tour.inventory);
    expect(inv.numFmt).toBe('@');
    const titles = wb.getWorksheet(t('kk', 'sheet.titles'))!;
    const prices = titles
      .getColumn(11)
      .values.slice(2)
      .filter((v) => v !== undefined && v !== null);
    expect(prices.length).toBeGreaterThan(100);
    expect(prices.every((v) => typeof v === 'number')).toBe(true);
    const readers = wb.getWorksheet(t('kk', 'sheet.readers'))!;
    expect(String(readers.getCell('B2').value)).toMatch(/^[\p{Script=Cyrillic} ]+$/u);
    // Dropdowns are native list validations where Excel can hold them.
    expect(readers.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
  });

  it('writes atomically: a crash between the temporary file and the rename leaves the old workbook', async () => {
    const target = path.join(dir, 'atomic.xlsx');
    writeFileSync(target, 'old');
    expect(() =>
      writeFileAtomic(target, Buffer.from('new'), () => {
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(String(readFileSync(target))).toBe('old');
    const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    // This process is still running: its temporary file may be a write in progress, and stays.
    expect(cleanTemporaryFiles(dir)).toEqual([]);
    // Once its process is gone, it is removed.
    const dead = leftovers[0].replace(`.${process.pid}.`, '.99999999.');
    renameSync(path.join(dir, leftovers[0]), path.join(dir, dead));
    expect(cleanTemporaryFiles(dir)).toEqual([dead]);
    expect(readdirSync(dir).some((n) => n.endsWith('.tmp'))).toBe(false);
    writeFileAtomic(target, Buffer.from('new'));
    expect(String(readFileSync(target))).toBe('new');
    expect(existsSync(target)).toBe(true);
  });

  it('cleans only its own temporary names, of processes no longer running', () => {
    const names = [
      '.atomic.xlsx.99999999.4.tmp',
      `.atomic.xlsx.${process.pid}.5.tmp`,
      '.other.txt.99999999.1.tmp',
      'x.tmp',
    ];
    for (const n of names) writeFileSync(path.join(dir, n), '');
    expect(cleanTemporaryFiles(dir, (n) => n === 'atomic.xlsx')).toEqual([names[0]]);
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.tmp'))
        .sort(),
    ).toEqual(names.slice(1).sort());
    for (const n of names.slice(1)) rmSync(path.join(dir, n));
  });
});
