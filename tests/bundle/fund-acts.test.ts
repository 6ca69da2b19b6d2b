/**
 * Write-off acts and condition raids on the built bundle: a raid feeds the candidates; an act over the
 * chosen candidates writes the Acts rows, the print sheet, a КСУ withdrawal and the copies marked with
 * its number; a copy on loan and a second write-off are refused with nothing written; a draft act is
 * cancelled with every copy restored; an approved one is not.
 */
import { describe, expect, it } from 'vitest';
import { EXECUTION_TIME_ERROR, type Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { copyOf, dk, runtimeFrom, seedFund, snapshotOf } from '../support/fund';
import { at, libraryRuntime, rowsOf, sheetOf } from '../support/library';

type Reply = { ok: boolean; message: string; act?: string };
type Candidates = {
  ok: boolean;
  message?: string;
  candidates: Array<{ inventory: string; reason: string; why: string }>;
};

const SEEDED = (() => {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedFund(rt);
  return snapshotOf(rt);
})();
const lyceum = (): Runtime => runtimeFrom(SEEDED);

/** Everything the librarian keeps, to compare around a refusal or a cancellation. */
function sheets(rt: Runtime, ...keys: Array<Parameters<typeof rowsOf>[1]>) {
  return keys.map((k) => JSON.stringify(rowsOf(rt, k)));
}

describe('a condition raid', () => {
  it('records each copy of a class with its condition and feeds the write-off candidates', () => {
    const rt = lyceum();
    // Class 7А holds two textbooks: the class-set issue.
    expect((rt.call('deskClassIssue', '7А', ['T7M'], false) as Reply).ok).toBe(true);
    const list = rt.call('fundRaidList', '7a') as { ok: boolean; copies: Array<{ inventory: string; reader: string }> };
    expect(list.ok).toBe(true);
    expect(list.copies.map((c) => c.inventory).sort()).toEqual(['700001', '700002', '700003']);
    const r = rt.call('fundRecordRaid', {
      kind: 'textbooks',
      className: '7А',
      date: '20.11.2026',
      items: [
        { inventory: '700001', condition: 'unsatisfactory' },
        { inventory: '700002', condition: 'satisfactory' },
        { inventory: '700003', condition: 'good' },
      ],
    }) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toBe(
      t('kk', 'fund.raid.done', { kind: 'оқулықтардың жағдайы', class: '7А', count: 3, replace: 1 }),
    );
    const raids = rowsOf(rt, 'raids');
    const c = (code: 'good' | 'satisfactory' | 'unsatisfactory') => t('kk', `enum.condition.${code}`);
    expect(raids.map((x) => [x.inventory, x.condition, x.previous, x.class])).toEqual([
      ['700001', c('unsatisfactory'), c('good'), '7А'],
      ['700002', c('satisfactory'), c('good'), '7А'],
      ['700003', c('good'), c('good'), '7А'],
    ]);
    expect(dk(raids[0].date)).toBe('2026-11-20');
    expect(copyOf(rt, '700001')!.condition).toBe(c('unsatisfactory'));
    // On loan, it is not a candidate yet; back on the shelf, it is, as worn out.
    const onLoan = rt.call('fundCandidates', { unsatisfactory: true }) as Candidates;
    expect(onLoan.candidates).toEqual([]);
    expect((rt.call('deskReturn', '700001') as Reply).ok).toBe(true);
    const back = rt.call('fundCandidates', { unsatisfactory: true }) as Candidates;
    expect(back.candidates.map((c) => [c.inventory, c.reason])).toEqual([['700001', 'worn']]);
    // And the order list: one copy of Algebra 7 to replace, one to repair.
    const needs = rt.call('fundReplacementNeeds') as { titles: unknown[] };
    expect(needs.titles).toEqual([{ titleId: 'T7M', title: 'Әбілқасымова А. Алгебра 7', replace: 1, repair: 1 }]);
  });

  it('the fund-preservation raid takes scanned copies of any kind, under any keyboard layout', () => {
    const rt = lyceum();
    // 000101 scanned under the Kazakh layout, whose digit keys type Kazakh letters.
    const r = rt.call('fundRecordRaid', {
      kind: 'preservation',
      items: [{ inventory: 'қққ"қ"', condition: 'unsatisfactory' }],
    }) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(rowsOf(rt, 'raids')[0]).toMatchObject({ inventory: '000101', kind: 'қордың сақталуы', class: '' });
  });
});

describe('write-off candidates', () => {
  it('by filter: lost, duplicates beyond N copies (the worst first), not issued for N years, obsolete edition', () => {
    const rt = lyceum();
    const find = (f: Record<string, unknown>) =>
      (rt.call('fundCandidates', f) as Candidates).candidates.map((c) => [c.inventory, c.reason]);
    expect(find({ lost: true })).toEqual([['000301', 'lost']]);
    // Abai's path (F2) has five copies: beyond three, two go; none is on loan.
    expect(find({ duplicatesBeyond: 3 }).map(([i]) => i)).toHaveLength(2);
    rt.call('deskIssue', '00123', '000103');
    expect(find({ duplicatesBeyond: 4 })).toEqual([['000104', 'duplicate']]);
    // Received in August 2025 and never issued: not issued for one year only after August 2026.
    expect(find({ notIssuedYears: 1 }).map(([i]) => i)).not.toContain('000103');
    expect(find({ notIssuedYears: 1 }).map(([i]) => i)).toContain('000104');
    expect(find({ notIssuedYears: 2 })).toEqual([]);
    // A newer edition of a title in the catalogue makes the older one obsolete.
    rt.call('fundRecordArrival', {
      source: 'Мектеп',
      document: 'Накладная № 1',
      lines: [{ title: 'Абай жолы', author: 'Мұхтар Әуезов', kind: 'fiction', year: 2025, copies: 1, price: 100 }],
    });
    const catalogue = sheetOf(rt, 'titles');
    const year = rowsOf(rt, 'titles').findIndex((r) => r.titleId === 'F2');
    rt.userEdit(catalogue.getName(), year + 2, 8, [[1990]]);
    expect(find({ obsolete: true }).map(([i, r]) => `${i}:${r}`)).toEqual([
      '000104:obsolete',
      '000105:obsolete',
      '000106:obsolete',
      '000107:obsolete',
    ]);
  });
});

describe('a write-off act', () => {
  it('over chosen candidates writes the act, its print sheet, a КСУ withdrawal and marks the copies with its number', () => {
    const rt = lyceum();
    const r = rt.call(
      'fundCreateAct',
      [
        { inventory: '000301', reason: 'lost' },
        { inventory: '000104', reason: 'worn' },
        { inventory: '000105', reason: 'тозған' },
      ],
      { date: '15.10.2026' },
    ) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(r.act).toBe('2026-1');
    expect(r.message).toBe(
      t('kk', 'fund.act.created', { act: '2026-1', date: '15.10.2026', copies: 3, sum: '7\u00a0500,00' }),
    );
    const rows = rowsOf(rt, 'acts');
    expect(rows.map((x) => [x.act, x.status, x.inventory, x.reason, x.previous, x.price])).toEqual([
      ['2026-1', 'жоба', '000301', 'жоғалған', 'жоғалған', 2500],
      ['2026-1', 'жоба', '000104', 'тозған', 'қорда', 2500],
      ['2026-1', 'жоба', '000105', 'тозған', 'қорда', 2500],
    ]);
    expect(rows[0]).toMatchObject({ chair: 'Сейітова Г.', members: 'Ахметова Г., Петрова И.' });
    for (const inv of ['000301', '000104', '000105']) {
      expect(copyOf(rt, inv)).toMatchObject({ status: 'есептен шығарылған', writeOffAct: '2026-1' });
      // The act's day is the day the copy left the fund: the annual report counts it in that year.
      expect(dk(copyOf(rt, inv)!.withdrawn)).toBe('2026-10-15');
    }
    // Copies are never deleted.
    expect(rowsOf(rt, 'copies')).toHaveLength(15);

    // The printable act: on its sheet and in the print view.
    expect((rt.call('fundPrintAct', '2026-1') as Reply).ok).toBe(true);
    const sheet = rt.spreadsheet.getSheetByName(t('kk', 'sheet.actSheet'))!;
    const text = sheet.peekValues().flat().map(String);
    expect(text).toContain(t('kk', 'fund.act.heading', { act: '2026-1', date: '15.10.2026' }));
    expect(text).toEqual(
      expect.arrayContaining(['000301', '000104', '000105', 'Мұхтар Әуезов. Абай жолы', '7\u00a0500,00']),
    );
    const modal = rt.ui.log.filter((d) => d.kind === 'modal').pop()!;
    const html = 'content' in modal ? modal.content : '';
    expect(html).toContain('Сейітова Г.');
    expect(html).toContain('000105');

    // The withdrawal line of the summary accounting book, by reason and kind.
    rt.call('fundBuildKsu', 2026);
    const part2 = rowsOf(rt, 'ksu').filter((l) => l.part === t('kk', 'fund.ksu.part2') && l.line === '2026-1');
    expect(part2.map((l) => [l.source, l.copies, l.sum, l.fictionCopies])).toEqual([
      ['жоғалған', 1, 2500, 1],
      ['тозған', 2, 5000, 2],
    ]);
    expect(dk(part2[0].date)).toBe('2026-10-15');

    const log = rowsOf(rt, 'log').pop()!;
    expect(log.action).toBe(t('kk', 'log.writeOff'));
  });

  it('refuses a copy on loan and a copy written off already, naming it, and writes nothing', () => {
    const rt = lyceum();
    rt.call('deskIssue', '00123', '000103');
    const before = sheets(rt, 'copies', 'acts', 'log');
    const onLoan = rt.call('fundCreateAct', [
      { inventory: '000104', reason: 'worn' },
      { inventory: '000103', reason: 'worn' },
    ]) as Reply;
    expect(onLoan).toEqual({
      ok: false,
      message: t('kk', 'fund.error.copyOnLoan', { inventory: '000103', reader: '00123' }),
      help: 'trouble-fund',
    });
    // 000302 was written off before the books were kept here (no act).
    const old = rt.call('fundCreateAct', [{ inventory: '000302', reason: 'worn' }]) as Reply;
    expect(old.message).toBe(t('kk', 'fund.error.alreadyWrittenOff', { inventory: '000302', act: '—' }));
    expect(sheets(rt, 'copies', 'acts', 'log')).toEqual(before);

    expect((rt.call('fundCreateAct', [{ inventory: '000104', reason: 'worn' }]) as Reply).ok).toBe(true);
    const twice = sheets(rt, 'copies', 'acts', 'log');
    const second = rt.call('fundCreateAct', [{ inventory: '000104', reason: 'defective' }]) as Reply;
    expect(second.message).toBe(t('kk', 'fund.error.alreadyWrittenOff', { inventory: '000104', act: '2026-1' }));
    expect(sheets(rt, 'copies', 'acts', 'log')).toEqual(twice);
    // The desk refuses a written-off copy too.
    expect((rt.call('deskIssue', '00123', '000104') as Reply).ok).toBe(false);
  });

  it('is cancelled before approval with every copy restored, and the КСУ counts it no more', () => {
    const rt = lyceum();
    const copiesBefore = JSON.stringify(rowsOf(rt, 'copies'));
    rt.call('fundBuildKsu', 2026);
    const ksuBefore = JSON.stringify(rowsOf(rt, 'ksu'));
    const r = rt.call('fundCreateAct', [
      { inventory: '000301', reason: 'lost' },
      { inventory: '000201', reason: 'obsolete' },
    ]) as Reply;
    expect(r.ok).toBe(true);
    const cancel = rt.call('fundCancelAct', '2026-1') as Reply;
    expect(cancel).toEqual({ ok: true, message: t('kk', 'fund.act.cancelled', { act: '2026-1', copies: 2 }) });
    // The lost copy is lost again, the other back on the shelf: the Copies sheet as it was.
    expect(JSON.stringify(rowsOf(rt, 'copies'))).toBe(copiesBefore);
    expect(rowsOf(rt, 'acts').map((x) => x.status)).toEqual(['күші жойылған', 'күші жойылған']);
    rt.call('fundBuildKsu', 2026);
    expect(JSON.stringify(rowsOf(rt, 'ksu'))).toBe(ksuBefore);
    expect((rt.call('fundCancelAct', '2026-1') as Reply).message).toBe(
      t('kk', 'fund.error.actCancelled', { act: '2026-1' }),
    );
    // The copies may go to another act.
    expect((rt.call('fundCreateAct', [{ inventory: '000201', reason: 'obsolete' }]) as Reply).act).toBe('2026-2');
  });

  it('once approved, cannot be cancelled', () => {
    const rt = lyceum();
    rt.call('fundCreateAct', [{ inventory: '000301', reason: 'lost' }]);
    expect((rt.call('fundApproveAct', '2026-1') as Reply).message).toBe(
      t('kk', 'fund.act.approved', { act: '2026-1' }),
    );
    expect((rt.call('fundCancelAct', '2026-1') as Reply).message).toBe(
      t('kk', 'fund.error.actApproved', { act: '2026-1' }),
    );
    expect(copyOf(rt, '000301')).toMatchObject({ status: 'есептен шығарылған', writeOffAct: '2026-1' });
    const acts = rt.call('fundActs') as { acts: Array<{ act: string; status: string; copies: number; sum: string }> };
    expect(acts.acts).toEqual([
      { act: '2026-1', date: '25.11.2026', status: 'бекітілген', draft: false, copies: 1, sum: '2\u00a0500,00' },
    ]);
  });

  it('needs the commission from Settings', () => {
    const rt = lyceum();
    const props = rt.properties.PropertiesService.getDocumentProperties();
    // The librarian empties the chair on the Settings sheet.
    const settings = sheetOf(rt, 'settings');
    const row = settings.peekValues().findIndex((r) => r[0] === 'commissionChair');
    rt.userEdit(settings.getName(), row + 1, 2, [['']]);
    expect(props.getProperties()).toBeDefined();
    expect((rt.call('fundCreateAct', [{ inventory: '000301', reason: 'lost' }]) as Reply).message).toBe(
      t('kk', 'fund.error.noCommission'),
    );
  });

  it('stopped between its rows and its copies, is completed by the next fund action', () => {
    const rt = lyceum();
    // Stop right after the Acts row is written (one row: one appendRow).
    rt.stopExecutionAfter(1, 'Sheet.appendRow');
    expect(() => rt.call('fundCreateAct', [{ inventory: '000201', reason: 'worn' }])).toThrow(EXECUTION_TIME_ERROR);
    expect(rowsOf(rt, 'acts').map((x) => x.status)).toEqual(['жазылып жатыр']);
    expect(copyOf(rt, '000201')!.status).toBe('қорда');
    const init = rt.call('fundInit') as { ok: boolean; completed: string };
    expect(init.completed).toBe(t('kk', 'fund.journal.completed', { what: '2026-1' }));
    expect(rowsOf(rt, 'acts').map((x) => x.status)).toEqual(['жоба']);
    expect(copyOf(rt, '000201')).toMatchObject({ status: 'есептен шығарылған', writeOffAct: '2026-1' });
  });
});
