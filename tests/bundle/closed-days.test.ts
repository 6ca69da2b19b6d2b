/**
 * Closed days ready on day one: Setup fills the Closed days sheet for the plan year with
 * Kazakhstan's public holidays (compared here with an independent source, the date-holidays
 * package) and the school vacations it knows; it never re-adds or overwrites what the librarian
 * changed or deleted.
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/messages';
import { addRows, at, libraryRuntime, rowsOf, sheetOf } from '../support/library';

const dk = (v: unknown) => (v instanceof Date ? v.toLocaleDateString('sv-SE', { timeZone: 'Asia/Almaty' }) : v);

/** Days off in the plan year by date-holidays, but for the days our law notes explain (see tests/domain/holidays.test.ts). */
function independent(from: string, to: string): string[] {
  const h = new Holidays('KZ');
  const days = [2025, 2026].flatMap((y) => h.getHolidays(y).map((x) => x.date.slice(0, 10)));
  const explained = new Set(['2026-03-15', '2026-03-16']);
  const ours = new Set(['2026-03-25']);
  return [...new Set([...days.filter((d) => !explained.has(d)), ...ours])].filter((d) => d >= from && d <= to).sort();
}

describe('the Closed days sheet on day one', () => {
  it('lists the 2025-2026 holidays (moved ones included) and the Ministry’s three vacations, each asking to be checked', () => {
    const rt = libraryRuntime({ now: at('2025-09-10') });
    rt.call('setUpWorkbook');
    const rows = rowsOf(rt, 'schedule');
    const holidays = rows.filter((r) => r.kind === t('kk', 'enum.closedKind.holiday'));
    expect(holidays.map((r) => dk(r.from))).toEqual(independent('2025-08-01', '2026-07-31'));
    expect(holidays.every((r) => dk(r.from) === dk(r.to))).toBe(true);
    // Every row asks the librarian to check it against the government's decree.
    const check = t('kk', 'closed.note.holiday', { name: '' }).replace(/^\.\s*/, '');
    expect(holidays.every((r) => String(r.note).endsWith(check))).toBe(true);
    const vacations = rows.filter((r) => r.kind === t('kk', 'enum.closedKind.vacation'));
    expect(vacations.map((r) => [dk(r.from), dk(r.to)])).toEqual([
      ['2025-10-27', '2025-11-02'],
      ['2025-12-29', '2026-01-07'],
      ['2026-03-19', '2026-03-29'],
    ]);
    // 30 August 2025 was a Saturday: its day off is Monday 1 September.
    const moved = rows.find((r) => dk(r.from) === '2025-09-01')!;
    expect(moved.note).toBe(
      t('kk', 'closed.note.moved', { name: t('kk', 'holiday.constitutionDay'), from: '30.08.2025' }),
    );
  });

  it('never re-adds a row the librarian deleted, nor overwrites one she changed', () => {
    const rt = libraryRuntime({ now: at('2025-09-10') });
    rt.call('setUpWorkbook');
    const sheet = sheetOf(rt, 'schedule');
    const before = rowsOf(rt, 'schedule').length;
    // She deletes the first row and moves Nauryz by a day.
    sheet.deleteRow(2);
    const values = sheet.peekValues();
    const nauryz = values.findIndex((r) => dk(r[0]) === '2026-03-21');
    rt.userEdit(sheet.getName(), nauryz + 1, 1, [[new Date('2026-03-20T00:00:00+05:00')]]);
    rt.call('setUpWorkbook');
    const after = rowsOf(rt, 'schedule');
    expect(after).toHaveLength(before - 1);
    expect(after.some((r) => dk(r.from) === '2026-03-20')).toBe(true);
    expect(after.some((r) => dk(r.from) === '2026-03-21')).toBe(false);
  });

  it('adds nothing to a plan year the librarian has already filled in', () => {
    const rt = libraryRuntime({ now: at('2025-09-10') });
    rt.call('setUpWorkbook');
    const sheet = sheetOf(rt, 'schedule');
    // The holidays of a new workbook are proposed once, in the first Setup ...
    expect(rowsOf(rt, 'schedule').length).toBeGreaterThan(20);
    // ... a workbook imported with its own closed days gets none added (a fresh runtime: no memory of a fill).
    const mine = libraryRuntime({ now: at('2025-09-10') });
    mine.call('setUpWorkbook');
    const own = sheetOf(mine, 'schedule');
    own.deleteRows(2, own.getLastRow() - 1);
    mine.properties.PropertiesService.getDocumentProperties().deleteAllProperties();
    const day = new Date('2025-12-16T00:00:00+05:00');
    addRows(mine, 'schedule', [{ from: day, to: day, kind: 'мереке' }]);
    mine.call('setUpWorkbook');
    expect(rowsOf(mine, 'schedule')).toHaveLength(1);
    expect(sheet.getLastRow()).toBeGreaterThan(20);
  });
});
