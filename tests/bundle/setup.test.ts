import { describe, expect, it } from 'vitest';
import { allLanguages, normalise, t } from '../../src/messages';
import { ENUMS, enumKey, headerKey, SHEETS, sheetNameKey } from '../../src/schema';
import { SETTING_DEFAULTS } from '../../src/settings';
import { addRows, columnOf, headerOf, lastAlert, libraryRuntime, rowsOf, sheetOf } from '../support/library';

type MenuItem = { kind: string; caption?: string; functionName?: string; items?: MenuItem[] };
function menuFunctions(items: MenuItem[]): string[] {
  return items.flatMap((i) =>
    i.kind === 'item' ? [i.functionName!] : i.kind === 'submenu' ? menuFunctions(i.items ?? []) : [],
  );
}

describe('the bundle in the runtime', () => {
  it('loads with gas-local and exposes the entry points as global functions', () => {
    const rt = libraryRuntime();
    const ctx = rt.load('build/Code.js');
    for (const name of ['onOpen', 'setUpWorkbook', 'openDesk', 'deskIssue', 'deskReturn']) {
      expect(typeof ctx[name], name).toBe('function');
    }
  });

  it('onOpen builds the Kazakh "Library" menu, and every item names a global function of the bundle', () => {
    const rt = libraryRuntime();
    rt.call('onOpen');
    expect(rt.ui.menus).toHaveLength(1);
    const menu = rt.ui.menus[0] as unknown as { caption: string; items: MenuItem[] };
    expect(menu.caption).toBe('Кітапхана');
    const fns = menuFunctions(menu.items);
    expect(fns.length).toBeGreaterThanOrEqual(5);
    const ctx = rt.load('build/Code.js');
    for (const fn of fns) expect(typeof ctx[fn], fn).toBe('function');
  });
});

describe('Set up workbook on an empty spreadsheet', () => {
  const rt = libraryRuntime();
  rt.call('setUpWorkbook');

  it('creates every sheet, named in Kazakh, and removes the empty default sheet', () => {
    const names = rt.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toEqual(SHEETS.map((d) => t('kk', sheetNameKey(d.key))));
    const alert = lastAlert(rt).split('\n\n');
    expect(alert[0]).toBe(t('kk', 'setup.done', { created: SHEETS.length, columns: 0 }));
    // 25.11.2026: the plan year 2026-2027, whose holidays Setup adds (its vacations are not known yet).
    expect(alert.slice(1)).toEqual([
      t('kk', 'setup.closedDays', { count: rowsOf(rt, 'schedule').length, year: '2026-2027' }),
      t('kk', 'setup.noVacations', { year: '2026-2027' }),
    ]);
  });

  it('writes the headers in order, bold, with a frozen header row', () => {
    for (const def of SHEETS) {
      expect(headerOf(rt, def.key)).toEqual(def.columns.map((c) => t('kk', headerKey(def.key, c.key))));
      expect(sheetOf(rt, def.key).getFrozenRows(), def.key).toBe(1);
    }
  });

  it('formats text columns as plain text and date columns as dates', () => {
    const readers = sheetOf(rt, 'readers');
    expect(readers.peekCell(2, columnOf(rt, 'readers', 'code') + 1).numberFormat).toBe('@');
    expect(readers.peekCell(500, columnOf(rt, 'readers', 'registered') + 1).numberFormat).toBe('dd.mm.yyyy');
  });

  it('puts dropdowns on list columns and date validation on date columns, rejecting invalid input', () => {
    const readers = sheetOf(rt, 'readers');
    const category = readers.peekCell(2, columnOf(rt, 'readers', 'category') + 1).validation!;
    expect(category.criteria).toBe('VALUE_IN_LIST');
    expect(category.values[0]).toEqual(ENUMS.category.map((c) => t('kk', enumKey('category', c))));
    expect(category.allowInvalid).toBe(false);
    const cls = readers.peekCell(2, columnOf(rt, 'readers', 'class') + 1).validation!;
    expect(cls.criteria).toBe('VALUE_IN_RANGE');
    const loans = sheetOf(rt, 'loans');
    expect(loans.peekCell(2, columnOf(rt, 'loans', 'due') + 1).validation!.criteria).toBe('DATE_IS_VALID_DATE');
    expect(sheetOf(rt, 'copies').peekCell(2, columnOf(rt, 'copies', 'condition') + 1).validation!.criteria).toBe(
      'VALUE_IN_LIST',
    );
    // As in the Sheets UI: a value outside the list is refused when typed by hand.
    expect(readers.userEdit(2, columnOf(rt, 'readers', 'category') + 1, 'astronaut')).not.toBeNull();
    expect(readers.userEdit(2, columnOf(rt, 'readers', 'category') + 1, 'оқушы')).toBeNull();
  });

  it('protects the generated Log sheet and the header rows (with a warning)', () => {
    const log = sheetOf(rt, 'log');
    const sheetProtections = log.getProtections('SHEET' as never);
    expect(sheetProtections).toHaveLength(1);
    expect(sheetProtections[0].getDescription()).toBe(t('kk', 'setup.protected'));
    expect(sheetProtections[0].isWarningOnly()).toBe(true);
    for (const def of SHEETS) {
      const header = sheetOf(rt, def.key).getProtections('RANGE' as never);
      expect(
        header.map((p) => p.getDescription()),
        def.key,
      ).toEqual([
        t('kk', 'setup.headerProtected'),
        ...(def.key === 'readers' ? [t('kk', 'setup.holdingsProtected')] : []),
        // What the calendar sync last wrote (a column it keeps).
        ...def.columns.filter((c) => c.kept).map(() => t('kk', 'setup.keptProtected')),
      ]);
    }
  });

  it('hides the columns the calendar sync keeps, and takes dates as written on Events with a warning only', () => {
    for (const key of ['events', 'duties'] as const) {
      expect(sheetOf(rt, key).isColumnHiddenByUser(columnOf(rt, key, 'syncedAs') + 1), key).toBe(true);
    }
    const events = sheetOf(rt, 'events');
    expect(events.userEdit(2, columnOf(rt, 'events', 'date') + 1, '10.11-02.12')).toBeNull();
    events.getRange(2, columnOf(rt, 'events', 'date') + 1).clearContent();
    expect(sheetOf(rt, 'persons').userEdit(2, columnOf(rt, 'persons', 'born') + 1, '10.11-02.12')).not.toBeNull();
  });

  it('hides the readers’ “On loan” column, which the desk keeps', () => {
    const readers = sheetOf(rt, 'readers');
    expect(readers.isColumnHiddenByUser(columnOf(rt, 'readers', 'onLoan') + 1)).toBe(true);
  });

  it('seeds every setting once, with its meaning in Kazakh', () => {
    const settings = rowsOf(rt, 'settings');
    expect(settings.map((r) => r.key)).toEqual(SETTING_DEFAULTS.map((s) => s.key));
    expect(settings.find((r) => r.key === 'closedWeekdays')!.value).toBe('2,6,7');
    expect(settings.find((r) => r.key === 'language')!.value).toBe('kk');
    expect(settings.find((r) => r.key === 'loanDays.fiction')!.note).toBe(t('kk', 'setting.loanDays.fiction'));
  });

  it('logs the setup in the audit log', () => {
    const log = rowsOf(rt, 'log');
    expect(log).toHaveLength(1);
    expect(log[0].action).toBe(t('kk', 'log.setup'));
    expect(log[0].details).toBe(
      t('kk', 'log.setup.details', { created: SHEETS.length, columns: 0, settings: SETTING_DEFAULTS.length }),
    );
    expect(log[0].user).toBe('librarian@lyceum92.kz');
    expect(Object.prototype.toString.call(log[0].time)).toBe('[object Date]');
  });
});

describe('Set up workbook again', () => {
  it('changes nothing the second time and says so', () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    const before = rt.spreadsheet.getSheets().map((s) => [s.getName(), JSON.stringify(s.peekValues())]);
    rt.call('setUpWorkbook');
    expect(lastAlert(rt)).toBe(t('kk', 'setup.nothingToDo'));
    const after = rt.spreadsheet.getSheets().map((s) => [s.getName(), JSON.stringify(s.peekValues())]);
    // Only the audit log grows, by the second setup's row.
    const withoutLog = (x: string[][]) => x.filter(([n]) => n !== t('kk', 'sheet.log'));
    expect(withoutLog(after)).toEqual(withoutLog(before));
    expect(rowsOf(rt, 'log')).toHaveLength(2);
  });

  it('on a workbook whose columns were reordered, extended and trimmed, keeps every value and adds only what is missing', () => {
    const rt = libraryRuntime();
    const ss = rt.spreadsheet;
    // A librarian's own Readers sheet: Russian headers, her own order, her own "Photo" column,
    // no "Status"/"Contact"/"Left on"/"Note"/"Last visit" columns, and data in it.
    const sheet = ss.insertSheet('Читатели');
    const header = ['ФИО', 'Фото', 'Класс', 'Код читателя', 'Категория', 'Дата записи'];
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.getRange(2, 4, 2, 1).setNumberFormat('@');
    sheet.getRange(2, 1, 2, header.length).setValues([
      ['Әлиева Аружан', 'photo1.jpg', '7А', '00123', 'ученик', new Date('2025-09-01T00:00:00+05:00')],
      ['Серікбаев Нұрлан', '', '10Б', '00456', 'ученик', new Date('2024-09-02T00:00:00+05:00')],
    ]);
    const before = sheet.peekValues().map((r) => r.slice(0, header.length));

    rt.call('setUpWorkbook');

    expect(ss.getSheets().filter((s) => s.getName() === 'Читатели')).toHaveLength(1);
    expect(ss.getSheetByName('Оқырмандар')).toBeNull();
    const after = sheet.peekValues();
    // Every original cell is where it was, except the category label, now in the workbook's language.
    const categoryCol = header.indexOf('Категория');
    expect(after.map((r) => r.slice(0, header.length).filter((_, i) => i !== categoryCol))).toEqual(
      before.map((r) => r.filter((_, i) => i !== categoryCol)),
    );
    expect(after.slice(1).map((r) => r[categoryCol])).toEqual(['оқушы', 'оқушы']);
    expect(after[1][3]).toBe('00123');
    // The missing columns come after the librarian's, in the setup language.
    expect(after[0].slice(header.length)).toEqual(
      ['status', 'contact', 'left', 'note', 'lastVisit', 'onLoan'].map((k) => t('kk', headerKey('readers', k))),
    );
    expect(lastAlert(rt).split('\n\n')[0]).toBe(t('kk', 'setup.done', { created: SHEETS.length - 1, columns: 6 }));

    // And again: nothing more to do; nothing moves.
    const snapshot = JSON.stringify(sheet.peekValues());
    rt.call('setUpWorkbook');
    expect(JSON.stringify(sheet.peekValues())).toBe(snapshot);
    expect(lastAlert(rt)).toBe(t('kk', 'setup.nothingToDo'));
  });

  it('names the column when a sheet has two columns of the same meaning', () => {
    const rt = libraryRuntime();
    const sheet = rt.spreadsheet.insertSheet('Readers');
    sheet.getRange(1, 1, 1, 2).setValues([['Reader code', 'Код читателя']]);
    rt.call('setUpWorkbook');
    expect(lastAlert(rt)).toBe(t('kk', 'error.duplicateColumn', { sheet: 'Readers', column: 'Код читателя' }));
  });
});

describe('language', () => {
  it('rewrites only the dropdown cells whose label changes; a formula in the column stays', () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    addRows(rt, 'readers', [
      { code: '00123', name: 'Әлиева Аружан', category: 'оқушы', status: 'белсенді' },
      { code: '00124', name: 'Бекова Дана', category: 'оқушы' },
    ]);
    const status = columnOf(rt, 'readers', 'status') + 1;
    sheetOf(rt, 'readers').getRange(3, status).setFormula('=IF(TRUE,"active","left")');
    rt.call('useEnglish');
    expect(rowsOf(rt, 'readers')[0]).toMatchObject({ category: 'pupil', status: 'active' });
    expect(sheetOf(rt, 'readers').getRange(3, status).getFormula()).toBe('=IF(TRUE,"active","left")');
  });

  it('switching to Russian renames the sheets, rewrites headers, lists, statuses and notes, and asks to reload', () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    addRows(rt, 'classes', [{ class: '7А', grade: 7, teacher: 'Ахметова Г.', email: 'g@school.kz', language: 'kk' }]);
    addRows(rt, 'readers', [
      { code: '00123', name: 'Әлиева Аружан', category: 'оқушы', class: '7А', status: 'белсенді' },
    ]);
    rt.call('useRussian');
    expect(lastAlert(rt)).toBe(t('ru', 'language.changed'));
    expect(rt.spreadsheet.getSheetByName('Читатели')).not.toBeNull();
    expect(rt.spreadsheet.getSheetByName('Оқырмандар')).toBeNull();
    expect(headerOf(rt, 'readers')).toEqual(
      SHEETS.find((d) => d.key === 'readers')!.columns.map((c) => t('ru', headerKey('readers', c.key))),
    );
    expect(rowsOf(rt, 'settings').find((r) => r.key === 'language')!.value).toBe('ru');
    expect(rowsOf(rt, 'settings').find((r) => r.key === 'loanDays.fiction')!.note).toBe(
      t('ru', 'setting.loanDays.fiction'),
    );
    expect(rowsOf(rt, 'readers')[0]).toMatchObject({ code: '00123', category: 'ученик', status: 'активен' });
    const v = sheetOf(rt, 'readers').peekCell(2, columnOf(rt, 'readers', 'category') + 1).validation!;
    expect(v.values[0]).toEqual(ENUMS.category.map((c) => t('ru', enumKey('category', c))));
    rt.call('onOpen');
    expect((rt.ui.menus[rt.ui.menus.length - 1] as { caption: string }).caption).toBe('Библиотека');
    // The workbook still sets up cleanly in the new language.
    rt.call('setUpWorkbook');
    expect(lastAlert(rt)).toBe(t('ru', 'setup.nothingToDo'));
    expect(allLanguages(sheetNameKey('readers')).map(normalise)).toContain(normalise(sheetOf(rt, 'readers').getName()));
  });
});
