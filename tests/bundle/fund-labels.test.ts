/**
 * Labels on the built bundle: the Labels sheet and its print view carry, in the "Libre Barcode 128"
 * font, a text that a Code 128 reader written here from the symbology's rules decodes to the copy's
 * inventory number (or the reader's card code), and the desk finds the copy by what a scanner types.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { decodeCode128 } from '../support/code128';
import { runtimeFrom, seedFund, snapshotOf } from '../support/fund';
import { addRows, at, libraryRuntime, rowsOf } from '../support/library';

type Reply = { ok: boolean; message: string; inventories?: string[]; record?: string };

const SEEDED = (() => {
  const rt = libraryRuntime({ now: at('2026-11-25') });
  seedFund(rt);
  return snapshotOf(rt);
})();

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The labels of the Labels sheet: each barcode cell (by its font) with the number printed under it. */
function sheetLabels(rt: Runtime): Array<{ bars: string; code: string }> {
  const sheet = rt.spreadsheet.getSheetByName(t('kk', 'sheet.labelSheet'))!;
  const range = sheet.getRange(1, 1, sheet.getLastRow(), 3);
  const fonts = range.getFontFamilies();
  const values = sheet.peekValues();
  const out: Array<{ bars: string; code: string }> = [];
  fonts.forEach((row, r) => {
    row.forEach((font, c) => {
      if (font === 'Libre Barcode 128' && values[r][c] !== '')
        out.push({ bars: String(values[r][c]), code: String(values[r + 1][c]) });
    });
  });
  return out;
}

/** The labels of the last print view: each barcode's text and the code it is for. */
function viewLabels(rt: Runtime): Array<{ bars: string; code: string }> {
  const modal = rt.ui.log.filter((d) => d.kind === 'modal').pop()!;
  const html = 'content' in modal ? modal.content : '';
  expect(html).toContain('family=Libre+Barcode+128');
  return [...html.matchAll(/<div class="bars" data-code="([^"]*)">([^<]*)<\/div>/g)].map((m) => ({
    code: unescapeHtml(m[1]),
    bars: unescapeHtml(m[2]),
  }));
}

describe('labels', () => {
  it('for the copies of a receipt decode to their inventory numbers, on the sheet and in the print view', () => {
    const rt = runtimeFrom(SEEDED);
    const arrival = rt.call('fundRecordArrival', {
      source: 'Фолиант',
      document: 'Накладная № 12',
      lines: [
        { titleId: 'F1', copies: 4, price: 1800 },
        { title: 'Математика & логика <7>', kind: 'textbook', copies: 3, price: 2100 },
      ],
    }) as Reply;
    expect(arrival.ok, arrival.message).toBe(true);
    const printed = rt.call('fundPrintLabels', { record: arrival.record }) as Reply & { count: number };
    expect(printed).toEqual({ ok: true, message: t('kk', 'fund.labels.done', { count: 7 }), count: 7 });
    for (const labels of [sheetLabels(rt), viewLabels(rt)]) {
      expect(labels.map((l) => l.code)).toEqual(arrival.inventories);
      for (const l of labels) expect(decodeCode128(l.bars)).toBe(l.code);
    }
    // Laid out for label paper: three across, four rows a label, 70 × 37 mm.
    const sheet = rt.spreadsheet.getSheetByName(t('kk', 'sheet.labelSheet'))!;
    expect(sheet.getLastRow()).toBe(12);
    expect(sheet.getColumnWidth(1)).toBe(265);
    expect(sheet.getRowHeight(3)).toBe(36);
    expect(sheet.peekValues()[1][0]).toBe('Қара сөздер');
    // The title is text in the print view, never markup.
    expect(viewLabels(rt)).toHaveLength(7);
    const modal = rt.ui.log.filter((d) => d.kind === 'modal').pop()!;
    expect('content' in modal && modal.content).toContain('Математика &amp; логика &lt;7&gt;');
  });

  it('for reader cards of a class decode to the card codes', () => {
    const rt = runtimeFrom(SEEDED);
    const r = rt.call('fundPrintLabels', { className: '7a' }) as Reply;
    expect(r.ok, r.message).toBe(true);
    const labels = viewLabels(rt);
    expect(labels.map((l) => l.code)).toEqual(['00123', '00124', '00125']);
    for (const l of labels) expect(decodeCode128(l.bars)).toBe(l.code);
  });

  it('put Latin letters in the bars for Cyrillic look-alikes, which the desk reads as the same code; refuse what Code 128 cannot hold', () => {
    const rt = runtimeFrom(SEEDED);
    // КХ-7 typed with Cyrillic К and Х, and Ә-1 with a Kazakh letter.
    addRows(rt, 'copies', [
      { inventory: 'КХ-7', titleId: 'F1', status: 'қорда' },
      { inventory: 'Ә-1', titleId: 'F1', status: 'қорда' },
    ]);
    const r = rt.call('fundPrintLabels', { inventories: ['КХ-7', 'Ә-1'] }) as Reply;
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toContain(t('kk', 'fund.labels.cannotEncode', { codes: 'Ә-1' }));
    const [label] = viewLabels(rt);
    const scanned = decodeCode128(label.bars);
    expect(scanned).toBe('KX-7');
    // What the scanner types finds the copy at the desk.
    const issue = rt.call('deskIssue', '00123', scanned) as Reply;
    expect(issue.ok, issue.message).toBe(true);
    expect(rowsOf(rt, 'copies').find((c) => c.inventory === 'КХ-7')!.reader).toBe('00123');
    const none = rt.call('fundPrintLabels', { inventories: ['Ә-1'] }) as Reply;
    expect(none).toEqual({
      ok: false,
      message: t('kk', 'fund.labels.cannotEncode', { codes: 'Ә-1' }),
      help: 'trouble-fund',
    });
  });
});
