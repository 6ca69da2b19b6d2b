/**
 * Class sets handed out as they are at the desk (a scan per pupil, the pick list of copies to take
 * from the shelf) and the print views: the reader form, the pick list and the debtor lists, laid out
 * for A4 with the school and the date, a page per class, every piece of sheet text escaped.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { addRows, at, libraryRuntime, rowsOf } from '../support/library';

function lyceum(): Runtime {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedLyceum(rt);
  return rt;
}

type ListReply = {
  ok: boolean;
  titles: string[];
  pupils: Array<{ code: string; name: string; row: number; holds: string[] }>;
};
const lastDialog = (rt: Runtime) =>
  rt.ui.log.filter((d) => d.kind === 'modal').pop() as { title: string; content: string };

describe('a class set handed out by scanning', () => {
  it('lists who holds which title, issues the scanned copy to the chosen pupil, and refuses a second copy of a title', () => {
    const rt = lyceum();
    const list = rt.call('deskClassList', '7А', ['T7M', 'T7K']) as ListReply;
    expect(list.titles).toEqual(['Әбілқасымова А. Алгебра 7', 'Ермекова Т. Қазақ тілі 7']);
    expect(list.pupils.map((p) => [p.name, ...p.holds])).toEqual([
      ['Әлиева Аружан', '', ''],
      ['Бекова Дана', '', ''],
      ['Жақсылықов Ерлан', '', ''],
    ]);
    const pupil = list.pupils[1];
    const r = rt.call('deskIssue', pupil.code, '700002', { row: pupil.row, classSet: true }) as {
      ok: boolean;
      message: string;
    };
    expect(r.ok, r.message).toBe(true);
    const again = rt.call('deskIssue', pupil.code, '700003', { row: pupil.row, classSet: true }) as {
      ok: boolean;
      message: string;
    };
    expect(again).toEqual({
      ok: false,
      message: t('kk', 'desk.error.alreadyHasTitle', { reader: 'Бекова Дана', inventory: '700002' }),
      help: 'trouble-class-sets',
    });
    const after = rt.call('deskClassList', '7А', ['T7M', 'T7K']) as ListReply;
    expect(after.pupils[1].holds).toEqual(['700002', '']);
    expect(rowsOf(rt, 'loans').map((l) => [l.reader, l.inventory, l.note])).toEqual([['00124', '700002', '7А']]);
  });

  it('the preview’s pick list names the copies to take from the shelf, title by title', () => {
    const rt = lyceum();
    const p = rt.call('deskClassPreview', '7А', ['T7M', 'T7K'], false) as {
      pickList: Array<{ title: string; inventories: string[] }>;
    };
    expect(p.pickList).toEqual([
      { title: 'Әбілқасымова А. Алгебра 7', inventories: ['700001', '700002', '700003'] },
      { title: 'Ермекова Т. Қазақ тілі 7', inventories: ['700101', '700102'] },
    ]);
  });
});

describe('print views', () => {
  it('the reader form: the school, the date, what the reader holds and the history, on A4', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00123', '000103');
    const r = rt.call('deskPrint', 'readerForm', { code: '00123' }) as { ok: boolean; message?: string };
    expect(r.ok, r.message).toBe(true);
    const d = lastDialog(rt);
    expect(d.title).toBe(t('kk', 'print.readerForm.title'));
    expect(d.content).toContain('@page { size: A4');
    expect(d.content).toContain(t('kk', 'print.readerForm.heading', { name: 'Әлиева Аружан', code: '00123' }));
    expect(d.content).toContain(t('kk', 'print.date', { date: '25.11.2026' }));
    expect(d.content).toContain('000103');
    expect(d.content).toContain('window.print()');
  });

  it('the pick list of a class', () => {
    const rt = lyceum();
    rt.call('deskPrint', 'pickList', { className: '7А', titleIds: ['T7M'] });
    const d = lastDialog(rt);
    expect(d.content).toContain(t('kk', 'print.pickList.heading', { class: '7А', count: 3 }));
    expect(d.content).toContain('700001, 700002, 700003');
  });

  it('the debtor lists: a page per class with debtors, then teachers and staff', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00123', '000103');
    rt.call('deskIssue', '00201', '000104');
    rt.call('deskIssue', 'T001', '000105');
    rt.clock.set(at('2026-12-14'));
    rt.call('printDebtorLists');
    const d = lastDialog(rt);
    expect(d.content.match(/<section class="page">/g)).toHaveLength(3);
    expect(d.content).toContain(t('kk', 'print.debtors.class', { class: '7А', teacher: 'Ахметова Гүлнар' }));
    expect(d.content).toContain(t('kk', 'print.debtors.class', { class: '10Б', teacher: 'Петрова Ирина' }));
    expect(d.content).toContain(t('kk', 'print.debtors.staff'));
  });

  it('shows a title that looks like HTML as text', () => {
    const rt = lyceum();
    addRows(rt, 'titles', [
      { titleId: 'X1', kind: 'көркем әдебиет', author: '', title: '<img src=x onerror=alert(1)>' },
    ]);
    addRows(rt, 'copies', [{ inventory: '000900', titleId: 'X1', status: 'қорда' }]);
    rt.call('deskIssue', '00123', '000900');
    rt.call('deskPrint', 'readerForm', { code: '00123' });
    const d = lastDialog(rt);
    expect(d.content).not.toContain('<img src=x');
    expect(d.content).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
