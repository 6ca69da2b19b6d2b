/**
 * The wording review (issue 14): sheets renamed since an earlier version are still found and take
 * their new name at the next Setup, with their rows; the textbooks' due day is written dd.MM in
 * Settings (the MM-DD of earlier versions still read); every setting has its explanation.
 */
import { describe, expect, it } from 'vitest';
import { LANGS, type MessageKey, messageKeys, t } from '../../src/messages';
import { parseSettings, SETTING_DEFAULTS, settingNoteKey } from '../../src/settings';
import { FORMER_SHEET_NAMES } from '../../src/sheets/sheet-lookup';
import { seedLyceum } from '../support/desk-fixture';
import { at, libraryRuntime, rowsOf } from '../support/library';

describe('sheets renamed by the wording review', () => {
  it('a workbook whose Loans and Mailings tabs carry their former Kazakh names works, and Setup renames them', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    rt.call('deskIssue', '00123', '000103');
    const loansBefore = rowsOf(rt, 'loans');
    expect(loansBefore.length).toBeGreaterThan(0);
    // As an earlier version named them.
    rt.spreadsheet.getSheetByName(t('kk', 'sheet.loans'))!.setName(FORMER_SHEET_NAMES.loans![0]);
    rt.spreadsheet.getSheetByName(t('kk', 'sheet.mailings'))!.setName(FORMER_SHEET_NAMES.mailings![0]);
    expect(rt.spreadsheet.getSheetByName(t('kk', 'sheet.loans'))).toBeNull();

    // The desk finds the loans under the former name.
    const back = rt.call('deskReturn', '000103') as { ok: boolean };
    expect(back.ok).toBe(true);

    rt.call('setUpWorkbook');
    const names = rt.spreadsheet.sheets.map((s) => s.getName());
    expect(names).toContain(t('kk', 'sheet.loans'));
    expect(names).toContain(t('kk', 'sheet.mailings'));
    expect(names).not.toContain(FORMER_SHEET_NAMES.loans![0]);
    expect(names).not.toContain(FORMER_SHEET_NAMES.mailings![0]);
    // Renamed, not created anew: the loan rows are there, the return recorded.
    const loans = rowsOf(rt, 'loans');
    expect(loans).toHaveLength(loansBefore.length);
    expect(loans.find((l) => l.inventory === '000103')?.status).toBe(t('kk', 'enum.loanStatus.returned'));
  });
});

describe('sheet names', () => {
  it('every sheet name, in every language, is one Excel can hold too (no : \\ / ? * [ ], at most 31 characters)', () => {
    const keys = messageKeys().filter((k) => /^(report\.)?sheet\.[A-Za-z]+$/.test(k)) as MessageKey[];
    expect(keys.length).toBeGreaterThan(25);
    for (const key of keys) {
      for (const lang of LANGS) {
        const name = t(lang, key);
        expect(name, `${lang} ${key}`).not.toMatch(/[:\\/?*[\]]/);
        expect(name.length, `${lang} ${key}`).toBeLessThanOrEqual(31);
      }
    }
  });
});

describe('the Settings sheet as people read it', () => {
  it('writes the textbooks’ due day as dd.MM and reads dd.MM, the earlier MM-DD, and nonsense as the default', () => {
    expect(SETTING_DEFAULTS.find((s) => s.key === 'textbookDue')?.value).toBe('25.05');
    const due = (v: string) => parseSettings(new Map([['textbookDue', v]])).textbookDue;
    expect(due('25.05')).toBe('05-25');
    expect(due('31.5')).toBe('05-31');
    expect(due('1.06')).toBe('06-01');
    expect(due('05-31')).toBe('05-31');
    expect(due('29.02')).toBe('02-29');
    expect(due('31.06')).toBe('05-25');
    expect(due('2026-05-25')).toBe('05-25');
    expect(due('')).toBe('05-25');
  });

  it('due dates of textbooks follow a dd.MM setting typed on the sheet', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const settings = rt.spreadsheet.getSheetByName(t('kk', 'sheet.settings'))!;
    const row = settings.peekValues().findIndex((r) => r[0] === 'textbookDue') + 1;
    expect(row).toBeGreaterThan(1);
    rt.userEdit(settings.getName(), row, 2, [['28.05']]);
    // A textbook issued in November is due on the next 28 May: a Friday in 2027, the library open.
    const issued = rt.call('deskIssue', '00123', '700001') as { ok: boolean };
    expect(issued.ok).toBe(true);
    const loan = rowsOf(rt, 'loans').find((l) => l.inventory === '700001' && l.returned === '');
    expect(loan?.due).toBeInstanceOf(Date);
    expect((loan!.due as Date).toLocaleDateString('en-CA', { timeZone: 'Asia/Almaty' })).toBe('2027-05-28');
  });

  it('every setting has an explanation in every language, which is more than its key', () => {
    for (const { key } of SETTING_DEFAULTS) {
      for (const lang of LANGS) {
        const note = t(lang, settingNoteKey(key));
        expect(note, `${lang} ${key}`).not.toBe(settingNoteKey(key));
        expect(note.length, `${lang} ${key}`).toBeGreaterThan(key.length / 2);
      }
    }
  });
});
