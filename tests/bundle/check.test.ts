/**
 * "Check the workbook" finds every kind of damage a real workbook collects, says where and what to
 * do, and changes nothing but its Log row.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { addRows, at, columnOf, libraryRuntime, sheetOf } from '../support/library';

function lyceum(): Runtime {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  return rt;
}

function check(rt: Runtime): string {
  rt.ui.log.length = 0;
  rt.call('checkWorkbook');
  const d = rt.ui.log.find((x) => x.kind === 'modal' || x.kind === 'alert')!;
  return 'content' in d ? String(d.content) : 'message' in d ? String(d.message) : '';
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function setCell(
  rt: Runtime,
  key: 'readers' | 'copies' | 'loans' | 'settings',
  match: (row: unknown[]) => boolean,
  column: string,
  value: unknown,
) {
  const sheet = sheetOf(rt, key);
  const row = sheet.peekValues().findIndex(match) + 1;
  sheet.getRange(row, columnOf(rt, key, column) + 1).setValue(value);
  return row;
}

describe('Check the workbook', () => {
  it('says the workbook is in order when it is', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00123', '000103');
    expect(check(rt)).toBe(t('kk', 'check.ok'));
  });

  it('finds every planted kind of damage, with its sheet, row and what to do, and changes nothing', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00123', '000103');
    rt.call('deskIssue', '00124', '000104');
    addRows(rt, 'classes', [
      { class: '9B', grade: 9, teacher: 'А', email: 'a@x.kz' },
      { class: '9В', grade: 9, teacher: 'Б', email: 'b@x.kz' },
    ]);
    addRows(rt, 'readers', [
      { code: '00301', name: 'Қасымов Арман', category: 'оқушы', class: '8Ә', status: 'белсенді' },
      { code: '00302', name: 'Сейітов Дәулет', category: 'оқушы', class: '9В', status: 'белсенді' },
      { code: '00123', name: 'Екінші Аружан', category: 'оқушы', class: '7А', status: 'белсенді' },
    ]);
    const readers = sheetOf(rt, 'readers');
    const numberRow = readers.peekValues().findIndex((r) => r[0] === '00125') + 1;
    readers.getRange(numberRow, 1).setNumberFormat('0').setValue(125);
    addRows(rt, 'loans', [
      {
        loanId: 'X1',
        inventory: '000103',
        reader: '00125',
        issued: at('2026-11-20', '00:00'),
        due: at('2026-12-04', '00:00'),
        status: 'оқырманда',
      },
      {
        loanId: 'X2',
        inventory: '999999',
        reader: 'ZZZ',
        issued: at('2026-11-20', '00:00'),
        due: at('2026-12-04', '00:00'),
        status: 'қайтарылды',
        returned: at('2026-11-21', '00:00'),
      },
    ]);
    const loans = sheetOf(rt, 'loans');
    const badDateRow = loans.peekValues().findIndex((r) => r[0] === 'X2') + 1;
    // A date column holding text (a paste from an old register, its validation gone).
    loans
      .getRange(badDateRow, columnOf(rt, 'loans', 'issued') + 1)
      .clearDataValidations()
      .setNumberFormat('@')
      .setValue('кеше');
    // A copy marked on loan by hand; a copy whose open loan the copy row does not show.
    setCell(rt, 'copies', (r) => r[0] === '000105', 'reader', '00201');
    setCell(rt, 'copies', (r) => r[0] === '000105', 'status', 'берілген');
    setCell(rt, 'copies', (r) => r[0] === '000104', 'status', 'қорда');
    setCell(rt, 'copies', (r) => r[0] === '000104', 'reader', '');
    // A reader's "On loan" record edited by hand.
    setCell(rt, 'readers', (r) => r[0] === '00124', 'onLoan', 'кітаптар бар');
    // Settings the library cannot use as written: a reminder 40 days ahead (Google allows four weeks),
    // an email day past the 28th (February has none).
    const reminderRow = setCell(rt, 'settings', (r) => r[0] === 'calendarReminderDays', 'value', '7,1,40');
    setCell(rt, 'settings', (r) => r[0] === 'monthlyEmailDay', 'value', '31');
    const before = JSON.stringify(
      rt.spreadsheet
        .getSheets()
        .filter((s) => s.getName() !== t('kk', 'sheet.log'))
        .map((s) => s.peekValues()),
    );
    const report = check(rt);
    const expected = [
      t('kk', 'check.classUnknown', { name: 'Қасымов Арман', class: '8Ә' }),
      t('kk', 'check.classClash', { class: '9В', classes: '9B, 9В' }),
      t('kk', 'check.duplicateCode', { code: '00123', first: 2 }),
      t('kk', 'check.codeAsNumber', { code: '125' }),
      t('kk', 'check.notADate', { column: t('kk', 'col.loans.issued'), value: 'кеше' }),
      t('kk', 'check.loanTwice', { inventory: '000103', first: 2 }),
      t('kk', 'check.loanReaderMissing', { reader: 'ZZZ', loanId: 'X2' }),
      t('kk', 'check.loanCopyMissing', { inventory: '999999', loanId: 'X2' }),
      t('kk', 'check.copyWithoutLoan', { inventory: '000105', reader: '00201' }),
      t('kk', 'check.loanCopyDisagree', { inventory: '000104', reader: '00124', loanRow: 3 }),
      t('kk', 'check.holdingsUnreadable', { name: 'Бекова Дана' }),
      t('kk', 'check.holdingsDiffer', { name: 'Серікбаев Нұрлан', recorded: 0, copies: 1 }),
      t('kk', 'check.settingNotUsed', { key: 'calendarReminderDays', value: '7,1,40' }),
      t('kk', 'check.settingNotUsed', { key: 'monthlyEmailDay', value: '31' }),
      t('kk', 'check.fix.settingNotUsed', {
        note: t('kk', 'setting.calendarReminderDays'),
        default: '7,1',
      }),
    ];
    for (const line of expected) expect(report, line).toContain(esc(line));
    expect(report).toContain(esc(t('kk', 'check.fix.holdingsDiffer')));
    expect(report).toContain(esc(t('kk', 'check.where', { sheet: t('kk', 'sheet.loans'), row: badDateRow })));
    expect(report).toContain(esc(t('kk', 'check.where', { sheet: t('kk', 'sheet.settings'), row: reminderRow })));
    // The settings the library can use are not listed.
    expect(report).not.toContain(esc(t('kk', 'check.settingNotUsed', { key: 'loanDays.fiction', value: '14' })));
    const after = JSON.stringify(
      rt.spreadsheet
        .getSheets()
        .filter((s) => s.getName() !== t('kk', 'sheet.log'))
        .map((s) => s.peekValues()),
    );
    expect(after).toBe(before);
  });

  it('Set up workbook repairs what is the library’s to repair: the “On loan” records', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00124', '000104');
    setCell(rt, 'readers', (r) => r[0] === '00124', 'onLoan', 'кітаптар бар');
    rt.call('setUpWorkbook');
    expect(check(rt)).toBe(t('kk', 'check.ok'));
  });
});
