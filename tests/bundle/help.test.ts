/**
 * Help inside the product (the built bundle in the runtime): Library → Help opens the guide of the
 * workbook's language in a dialog; a sidebar's Help link opens the section asked for; a refusal at
 * the desk or the fund names the section that explains it, and a menu refusal's title names it too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { guideHeadings, inline } from '../../src/help/markdown';
import { HELP_SECTIONS, REFUSAL_SECTION } from '../../src/help/sections';
import { LANGS, type Lang, t } from '../../src/messages';
import { seedLyceum } from '../support/desk-fixture';
import { at, lastAlert, libraryRuntime } from '../support/library';

function lastModal(rt: Runtime) {
  const d = rt.ui.log.filter((x) => x.kind === 'modal').pop();
  if (!d || !('content' in d)) throw new Error('no dialog');
  return d as { title: string; content: string; width: number | null; height: number | null };
}

/** The data the dialog's page boots with (the section to open). */
function boot(content: string): { section: string | null; contents: string } {
  const m = /var BOOT = (.*);/.exec(content);
  if (!m) throw new Error('no boot data');
  return JSON.parse(m[1]);
}

describe('Library → Help', () => {
  it('opens the guide in the workbook’s language, at the start, reading no sheet and writing nothing', () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    for (const [lang, fn] of [
      ['ru', 'useRussian'],
      ['en', 'useEnglish'],
      ['kk', 'useKazakh'],
    ] as Array<[Lang, string]>) {
      rt.call(fn);
      rt.counters.reset();
      rt.call('showHelp');
      const d = lastModal(rt);
      expect(d.title).toBe(t(lang, 'help.title'));
      expect(boot(d.content)).toEqual({ section: null, contents: t(lang, 'help.contents') });
      // Every section of that language's guide is there, under its id; none of another language.
      const md = readFileSync(`docs/guide/${lang}.md`, 'utf8');
      for (const h of guideHeadings(md).filter((x) => x.id))
        expect(d.content).toContain(`id="${h.id}">${inline(h.title)}<`);
      for (const other of LANGS.filter((l) => l !== lang))
        expect(d.content).not.toContain(`>${t(other, 'help.section.start')}<`);
      expect(rt.counters.snapshot().cellsWritten).toBe(0);
      expect(rt.counters.spreadsheetTotal()).toBeLessThanOrEqual(1);
    }
  });

  it('opens the section a sidebar asks for, and the start for anything that is not a section', () => {
    const rt = libraryRuntime();
    rt.call('setUpWorkbook');
    for (const section of HELP_SECTIONS) {
      expect(rt.call('showHelp', section)).toEqual({ ok: true, section });
      expect(boot(lastModal(rt).content).section).toBe(section);
    }
    for (const junk of ['</script><script>alert(1)</script>', 'desk"', 42, null]) {
      expect(rt.call('showHelp', junk)).toEqual({ ok: true, section: null });
      const content = lastModal(rt).content;
      expect(boot(content).section).toBeNull();
      expect(content).not.toContain('alert(1)');
    }
  });

  it('is an item of the Library menu', () => {
    const rt = libraryRuntime();
    rt.call('onOpen');
    const items = JSON.stringify(rt.ui.menus);
    expect(items).toContain(t('kk', 'menu.help'));
    expect(items).toContain('showHelp');
  });
});

describe('a refusal points to its section of the guide', () => {
  it('at the desk: the reply names the section, which is the one the map gives for its message', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const unknown = rt.call('deskFindReader', 'NOBODY-999') as { ok: boolean; message: string; help: string };
    expect(unknown).toEqual({
      ok: false,
      message: t('kk', 'desk.error.unknownReader', { query: 'NOBODY-999' }),
      help: REFUSAL_SECTION['desk.error.unknownReader'],
    });
    expect(unknown.help).toBe('trouble-desk');
    const twice = rt.call('deskReturn', '999999') as { ok: boolean; help: string };
    expect(twice.ok).toBe(false);
    expect(twice.help).toBe('trouble-desk');
  });

  it('at the fund: the reply names the fund’s section', () => {
    const rt = libraryRuntime({ now: at('2026-11-25') });
    seedLyceum(rt);
    const r = rt.call('fundStocktakeClose') as { ok: boolean; help: string };
    expect(r.ok).toBe(false);
    expect(r.help).toBe('trouble-fund');
  });

  it('from the menu: the message is unchanged and the dialog’s title names the section', () => {
    const rt = libraryRuntime();
    const sheet = rt.spreadsheet.insertSheet('Readers');
    sheet.getRange(1, 1, 1, 2).setValues([['Reader code', 'Код читателя']]);
    rt.call('setUpWorkbook');
    expect(lastAlert(rt)).toBe(t('kk', 'error.duplicateColumn', { sheet: 'Readers', column: 'Код читателя' }));
    const alert = rt.ui.log.filter((d) => d.kind === 'alert').pop() as { title: string };
    expect(alert.title).toBe(
      t('kk', 'help.refusal.title', { section: t('kk', `help.section.${REFUSAL_SECTION['error.duplicateColumn']}`) }),
    );
  });
});
