/**
 * A language switch that finishes: after kk → ru → en (and back), no label the library wrote is left
 * in another language — sheet names, headers, settings' explanations, dropdown labels and statuses,
 * the Log's action names — and the librarian is told to reload for the menu.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { allLanguages, type Lang, type MessageKey, messageKeys, normalise, t } from '../../src/messages';
import { ENUMS, enumKey, headerKey, SHEETS, sheetNameKey } from '../../src/schema';
import { SETTING_DEFAULTS, settingNoteKey } from '../../src/settings';
import { eventsOf } from '../support/calendar';
import { seedLyceum } from '../support/desk-fixture';
import { seedFund } from '../support/fund';
import { addRows, at, lastAlert, libraryRuntime, rowsOf, sheetOf } from '../support/library';

/** Labels of the library written in a language other than `lang` (a label the same in both is fine). */
function foreignLabels(rt: Runtime, lang: Lang): string[] {
  const out: string[] = [];
  const foreign = (key: MessageKey, value: unknown) =>
    allLanguages(key).some((l) => normalise(l) === normalise(value)) && normalise(value) !== normalise(t(lang, key));
  for (const def of SHEETS) {
    const sheet = sheetOf(rt, def.key);
    if (foreign(sheetNameKey(def.key), sheet.getName())) out.push(`sheet ${sheet.getName()}`);
    const values = sheet.peekValues();
    const header = values[0] ?? [];
    for (const col of def.columns) {
      const i = header.findIndex((h) =>
        allLanguages(headerKey(def.key, col.key)).some((l) => normalise(l) === normalise(h)),
      );
      if (i < 0) continue;
      if (foreign(headerKey(def.key, col.key), header[i])) out.push(`${sheet.getName()}: header ${header[i]}`);
      if (col.type !== 'enum' || !col.enum) continue;
      for (const row of values.slice(1)) {
        const v = row[i];
        if (v === '') continue;
        const key = ENUMS[col.enum]
          .map((c) => enumKey(col.enum!, c))
          .find((k) => allLanguages(k).some((l) => normalise(l) === normalise(v)));
        if (key && foreign(key, v)) out.push(`${sheet.getName()}: ${v}`);
      }
    }
  }
  for (const s of rowsOf(rt, 'settings')) {
    if (!SETTING_DEFAULTS.some((d) => d.key === s.key)) continue;
    if (foreign(settingNoteKey(String(s.key)), s.note)) out.push(`setting ${s.key}: ${s.note}`);
  }
  const logKeys = messageKeys().filter((k) => /^log\.[A-Za-z]+$/.test(k)) as MessageKey[];
  for (const l of rowsOf(rt, 'log')) {
    const key = logKeys.find((k) => allLanguages(k).some((x) => normalise(x) === normalise(l.action)));
    if (key && foreign(key, l.action)) out.push(`log: ${l.action}`);
  }
  return out;
}

describe('switching the language', () => {
  it('kk → ru → en → kk leaves no library label in another language, and asks to reload for the menu', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    rt.call('deskIssue', '00123', '000103');
    rt.call('deskReturn', '000103');
    rt.call('deskIssue', '00124', '000101');
    expect(foreignLabels(rt, 'kk')).toEqual([]);
    for (const [fn, lang] of [
      ['useRussian', 'ru'],
      ['useEnglish', 'en'],
      ['useKazakh', 'kk'],
    ] as Array<[string, Lang]>) {
      rt.call(fn);
      expect(lastAlert(rt)).toBe(t(lang, 'language.changed'));
      expect(foreignLabels(rt, lang), lang).toEqual([]);
      // The desk works in the new language at once.
      const r = rt.call('deskFindReader', '00124') as { ok: boolean; form: { loans: unknown[] } };
      expect(r.ok).toBe(true);
      expect(r.form.loans).toHaveLength(1);
    }
  });

  it('relabels what the calendar and the fund wrote: the duties, the holidays, the КСУ and the inventory book as a new build in that language writes them', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedFund(rt);
    addRows(rt, 'events', [{ date: '10.12.2026', title: 'Тәуелсіздік-тұғырым', kind: 'көрме' }]);
    rt.call('calendarSyncNow');
    expect(
      (
        rt.call('fundRecordArrival', {
          date: '20.11.2026',
          source: 'Атамұра',
          document: 'Жүкқұжат № 7',
          lines: [{ titleId: 'F2', copies: 2, price: 3000 }],
        }) as { ok: boolean }
      ).ok,
    ).toBe(true);
    rt.call('fundCreateAct', [{ inventory: '000104', reason: 'worn' }], { date: '15.10.2026' });
    rt.call('fundApproveAct', '2026-1');
    rt.call('fundCreateAct', [{ inventory: '000301', reason: 'lost' }], { date: '16.10.2026' });
    rt.call('fundStocktakeOpen');
    rt.call('fundStocktakeScan', '000101', 'A');
    rt.call('fundRecordRaid', { kind: 'preservation', items: [{ inventory: '000102', condition: 'unsatisfactory' }] });
    rt.call('fundBuildKsu', 2026);
    rt.call('fundBuildInventoryBook');
    const duties = [
      'debtors',
      'textbookRaid',
      'fundRaid',
      'textbookIssue',
      'writeOff',
      'annualReport',
      'ratings',
      'summary',
    ];
    for (const [fn, lang] of [
      ['useRussian', 'ru'],
      ['useEnglish', 'en'],
      ['useKazakh', 'kk'],
    ] as Array<[string, Lang]>) {
      rt.call(fn);
      expect(foreignLabels(rt, lang), lang).toEqual([]);
      // The duties Setup wrote, and their calendar reminders at the next sync.
      const rows = rowsOf(rt, 'duties');
      expect(rows.map((r) => [r.duty, r.note])).toEqual(
        duties.map((d) => [t(lang, `duty.${d}` as MessageKey), t(lang, `duty.${d}.note` as MessageKey)]),
      );
      rt.call('calendarSyncNow');
      expect(
        eventsOf(rt, 'DU')
          .map((e) => e.title)
          .sort(),
      ).toEqual(rows.map((r) => String(r.duty)).sort());
      // The holidays on Closed days.
      const notes = rowsOf(rt, 'schedule').map((r) => String(r.note));
      expect(notes).toContain(t(lang, 'holiday.newYear'));
      expect(notes).not.toContain(t(lang === 'kk' ? 'ru' : 'kk', 'holiday.newYear'));
      // The fund's books read as the same books built anew in this language.
      for (const [key, build] of [
        ['ksu', () => rt.call('fundBuildKsu', 2026)],
        ['inventoryBook', () => rt.call('fundBuildInventoryBook')],
      ] as const) {
        const switched = JSON.stringify(rowsOf(rt, key));
        build();
        expect(JSON.stringify(rowsOf(rt, key)), `${key} in ${lang}`).toBe(switched);
      }
    }
  });
});
