/**
 * Input as it arrives at the desk: a scanner typing under the Russian or Kazakh keyboard layout,
 * codes in lower case, with spaces, or stored by Sheets as numbers that lost their zeros, pastes
 * far longer than any code, and classes spelled with Latin look-alike letters.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { addRows, at, columnOf, libraryRuntime, rowsOf, sheetOf } from '../support/library';

type Reply = { ok: boolean; message: string; form?: { code: string; row: number }; choices?: Array<{ code: string }> };

function lyceum(): Runtime {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  addRows(rt, 'readers', [
    { code: 'R00002', name: 'Рахимова Әйгерім', category: 'оқушы', class: '10Б', status: 'белсенді' },
  ]);
  return rt;
}

const find = (rt: Runtime, q: string) => rt.call('deskFindReader', q) as Reply;

describe('reader cards as a scanner types them', () => {
  it.each([
    ['К00002', 'the Russian or Kazakh layout (R is К)'],
    ['Кққққә', 'the Kazakh layout (digits are Kazakh letters)'],
    ['r00002', 'lower case'],
    [' R00002 ', 'spaces around it'],
    ['R 00002', 'a space inside'],
  ])('%s (%s) finds R00002', (typed) => {
    const r = find(lyceum(), typed);
    expect(r.ok, r.message).toBe(true);
    expect(r.form!.code).toBe('R00002');
  });

  it('a copy scanned under the Kazakh layout (қққңғ, for 000456) is issued', () => {
    const rt = lyceum();
    addRows(rt, 'copies', [{ inventory: '000456', titleId: 'F1', status: 'қорда', condition: 'жақсы' }]);
    const r = rt.call('deskIssue', '00123', 'қққңғ,') as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(rowsOf(rt, 'loans')[0].inventory).toBe('000456');
  });

  it('a code Sheets stored as a number (123 for 00123) is found when it is the only one', () => {
    const rt = lyceum();
    const readers = sheetOf(rt, 'readers');
    const row = readers.peekValues().findIndex((r) => r[0] === '00124') + 1;
    readers.getRange(row, 1).setNumberFormat('0').setValue(124);
    expect(find(rt, '00124').form!.code).toBe('124');
    expect((rt.call('deskIssue', '00124', '000101') as Reply).ok).toBe(true);
  });

  it('two codes a scan may mean are refused, both named, and nothing is written', () => {
    const rt = lyceum();
    addRows(rt, 'readers', [
      { code: 'K00002', name: 'Қайратов Ерасыл', category: 'оқушы', class: '7А', status: 'белсенді' },
    ]);
    const r = find(rt, 'К00002');
    expect(r).toEqual({
      ok: false,
      message: t('kk', 'error.ambiguousCode', { typed: 'К00002', codes: 'K00002, R00002' }),
      help: 'trouble-desk',
    });
    const issue = rt.call('deskIssue', 'К00002', '000101') as Reply;
    expect(issue.ok).toBe(false);
    expect(rowsOf(rt, 'loans')).toEqual([]);
  });

  it('a 35 KB paste gets a short, clear refusal that echoes at most 60 characters', () => {
    const rt = lyceum();
    const paste = 'Әлиева Аружан 00123 '.repeat(1800);
    for (const [fn, args] of [
      ['deskFindReader', [paste]],
      ['deskIssue', ['00123', paste]],
      ['deskIssue', [paste, '000101']],
      ['deskReturn', [paste]],
      ['deskLost', ['000101', paste]],
    ] as Array<[string, unknown[]]>) {
      const r = rt.call(fn, ...args) as Reply;
      expect(r.ok, fn).toBe(false);
      expect(r.message.length, `${fn}: ${r.message}`).toBeLessThan(200);
      expect(r.message).not.toMatch(/regular expression/i);
    }
    expect(rowsOf(rt, 'loans')).toEqual([]);
  });

  it('an unknown code is echoed, cut to 60 characters', () => {
    const r = find(lyceum(), `Z${'9'.repeat(38)}`);
    expect(r.ok).toBe(false);
    expect(r.message).toBe(t('kk', 'desk.error.unknownReader', { query: `Z${'9'.repeat(38)}` }));
  });
});

describe('one notion of a class: 7A typed with a Latin A is 7А', () => {
  function withLatinPupil(): Runtime {
    const rt = lyceum();
    addRows(rt, 'readers', [
      { code: '00126', name: 'Латынова Айша', category: 'оқушы', class: '7A', status: 'белсенді' },
    ]);
    return rt;
  }

  it('is listed with the class at the desk and gets the class set', () => {
    const rt = withLatinPupil();
    expect(
      find(rt, '7А')
        .choices!.map((c) => c.code)
        .sort(),
    ).toEqual(['00123', '00124', '00125', '00126']);
    expect(find(rt, '7a').choices!.map((c) => c.code)).toContain('00126');
    const p = rt.call('deskClassPreview', '7А', ['T7M', 'T7K'], false) as { pupils: number; lines: string[] };
    expect(p.pupils).toBe(4);
    // Three Algebra copies and two Kazakh ones for four pupils: she is planned, in name order, last.
    expect(p.lines.map((l) => l.split(':')[0])).toEqual(['Әлиева Аружан', 'Бекова Дана', 'Жақсылықов Ерлан']);
    const list = rt.call('deskClassList', '7А', ['T7M']) as { pupils: Array<{ name: string }> };
    expect(list.pupils.map((x) => x.name)).toContain('Латынова Айша');
  });

  it('is in the year-end list of who has not returned', () => {
    const rt = withLatinPupil();
    rt.call('deskIssue', '00126', '700001');
    const r = rt.call('deskClassReturns', '7А') as { lines: string[] };
    expect(r.lines.join('\n')).toContain('Латынова Айша');
  });

  it('is on the debtor list of 7А and in its class teacher’s email', () => {
    const rt = withLatinPupil();
    rt.call('deskIssue', '00126', '000101');
    rt.clock.set(at('2026-12-14'));
    rt.call('buildDebtorList');
    const debtors = rowsOf(rt, 'debtors');
    const i = debtors.findIndex((r) => r.name === 'Латынова Айша');
    expect(i).toBeGreaterThan(0);
    const header = debtors
      .slice(0, i)
      .reverse()
      .find((r) => r.class !== '' && r.reader === '')!;
    expect(header.class).toBe('7А');
    rt.call('previewDebtorEmails');
    const shown = rt.ui.log.filter((d) => d.kind === 'modal').pop() as { content: string };
    expect(shown.content).toContain('Латынова Айша');
  });

  it('is not flagged: a look-alike spelling is the class', () => {
    const rt = withLatinPupil();
    const readers = sheetOf(rt, 'readers');
    const row = readers.peekValues().findIndex((r) => r[0] === '00126') + 1;
    expect(readers.getRange(row, columnOf(rt, 'readers', 'class') + 1).getNote()).toBe('');
  });
});
