/**
 * Injection and privacy, on the built bundle: user text that starts with =, +, - or @ (a name, a
 * title, a teacher, pasted into the sheets) travels through the desk, the Debtors sheet, the
 * Mailings ledger, the Log and the monthly emails, and wherever the program writes it, it is stored
 * as the text it was: no cell the program writes becomes a formula. (The runtime turns such text
 * into a formula as Sheets does, unless the cell is plain text.) Each email holds only its class's
 * pupils and none of their contact data.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { at, columnOf, libraryRuntime, rowsOf, sheetOf } from '../support/library';

/** What librarians and teachers paste: a formula, a phone, a list item, a mention. */
const NAME = '=HYPERLINK("http://evil.kz","Аружан")';
const PHONE_NAME = '+7 701 123 45 67';
const TITLE = '-Абай жолы';
const OTHER_TITLE = '+Қара сөздер';
const TEACHER = '@Ахметова Гүлнар';
const CONTACT = '+7 777 000 11 22, parent@mail.kz';

/** The librarian types `value` into the cell of `column` on the row whose `keyColumn` is `key`. */
function typeInto(
  rt: Runtime,
  sheet: Parameters<typeof sheetOf>[1],
  keyColumn: string,
  key: string,
  column: string,
  value: string,
) {
  const s = sheetOf(rt, sheet);
  const row = s.peekValues().findIndex((r) => r[columnOf(rt, sheet, keyColumn)] === key) + 1;
  expect(row).toBeGreaterThan(1);
  rt.userEdit(s.getName(), row, columnOf(rt, sheet, column) + 1, [[value]]);
}

/** Every cell of the workbook that holds a formula, as "sheet!R1C1: formula". */
function formulas(rt: Runtime): string[] {
  const found: string[] = [];
  for (const s of rt.spreadsheet.getSheets()) {
    const values = s.peekValues();
    for (let r = 0; r < values.length; r++) {
      for (let c = 0; c < values[r].length; c++) {
        const f = s.peekCell(r + 1, c + 1).formula;
        if (f) found.push(`${s.getName()}!R${r + 1}C${c + 1}: ${f}`);
      }
    }
  }
  return found;
}

describe('user text that looks like a formula', () => {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  typeInto(rt, 'readers', 'code', '00123', 'name', NAME);
  typeInto(rt, 'readers', 'code', '00124', 'name', PHONE_NAME);
  typeInto(rt, 'readers', 'code', '00123', 'contact', CONTACT);
  typeInto(rt, 'titles', 'titleId', 'F2', 'title', TITLE);
  typeInto(rt, 'titles', 'titleId', 'F2', 'author', '');
  typeInto(rt, 'titles', 'titleId', 'F1', 'author', '');
  typeInto(rt, 'titles', 'titleId', 'F1', 'title', OTHER_TITLE);
  typeInto(rt, 'classes', 'class', '7А', 'teacher', TEACHER);
  // What the librarian typed stayed text: Setup made these columns plain text.
  expect(formulas(rt)).toEqual([]);

  // A day at the desk, then the debtors of December and January's emails.
  for (const [reader, copy] of [
    ['00123', '000103'],
    ['00124', '000101'],
    ['00201', '000104'],
    ['T001', '000105'],
  ]) {
    expect((rt.call('deskIssue', reader, copy) as { ok: boolean }).ok).toBe(true);
  }
  expect((rt.call('deskLost', '000105', '000999') as { ok: boolean }).ok).toBe(true);
  expect((rt.call('deskCountVisit', 'readingRoom', { reader: '00124' }) as { ok: boolean }).ok).toBe(true);
  rt.clock.set(at('2026-12-14'));
  rt.call('buildDebtorList');
  rt.call('turnOnMonthlyEmails');
  rt.call('checkWorkbook');
  rt.fireTriggers(at('2027-01-01', '23:00'));

  it('no cell the program wrote became a formula, in any sheet (the Log and generated sheets too)', () => {
    expect(formulas(rt)).toEqual([]);
  });

  it('the text is stored as it was typed wherever the program copies it', () => {
    expect(rowsOf(rt, 'loans').map((l) => l.title)).toEqual(expect.arrayContaining([TITLE, OTHER_TITLE]));
    const debtors = rowsOf(rt, 'debtors');
    expect(debtors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: NAME, title: TITLE }),
        expect.objectContaining({ name: PHONE_NAME, title: OTHER_TITLE }),
        expect.objectContaining({ class: '7А', teacher: TEACHER }),
      ]),
    );
    expect(rowsOf(rt, 'mailings').map((m) => m.recipient)).toContain(TEACHER);
    const onLoan = rowsOf(rt, 'readers').find((r) => r.code === '00123')?.onLoan;
    expect(String(onLoan)).toContain(JSON.stringify(TITLE).slice(1, -1));
  });

  it("each teacher's email holds only their class's pupils, and no pupil's contact", () => {
    const toGulnar = rt.mail.outbox.filter((m) => m.to.includes('gulnar@lyceum92.kz'));
    const toIrina = rt.mail.outbox.filter((m) => m.to.includes('irina@lyceum92.kz'));
    expect(toGulnar).toHaveLength(1);
    expect(toIrina).toHaveLength(1);
    const body = (m: (typeof toGulnar)[0]) => `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}`;
    // 7А: Аружан (the formula-looking name) and the phone-looking one; 10Б's pupil is not there.
    expect(toGulnar[0].body).toContain(NAME);
    expect(toGulnar[0].body).toContain(PHONE_NAME);
    expect(body(toGulnar[0])).not.toContain('Серікбаев');
    expect(body(toIrina[0])).toContain('Серікбаев');
    for (const m of [...toGulnar, ...toIrina]) {
      expect(body(m)).not.toContain('parent@mail.kz');
      expect(body(m)).not.toContain('777 000');
    }
    expect(body(toIrina[0])).not.toContain('Аружан');
    expect(body(toIrina[0])).not.toContain(PHONE_NAME);
  });

  it('the Log names what happened in sentences, with no pupil contact in it', () => {
    const log = rowsOf(rt, 'log').map((r) => String(r.details));
    expect(log.length).toBeGreaterThan(3);
    expect(log.join('\n')).not.toContain('parent@mail.kz');
    expect(rowsOf(rt, 'log').map((r) => String(r.action))).toContain(t('kk', 'log.lostReplaced'));
  });
});
