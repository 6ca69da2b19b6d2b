/**
 * What the fund prints: the write-off act, the labels (school, inventory number, short title and a
 * Code 128 barcode in the "Libre Barcode 128" font, on A4 label paper, 3 × 8) and a stocktake's lists.
 * Each is both a sheet laid out for printing from Sheets (File → Print) and a print view in a dialog,
 * as the desk's print views are. Every piece of sheet text is escaped in HTML.
 */
import { showDay } from '../dates';
import { type PrintPage, printHtml } from '../desk/print';
import { BARCODE_FONT, barcodeFontText } from '../domain/code128';
import { codeKey, echo } from '../domain/codes';
import { showMoney, toTiyn } from '../domain/money';
import { LibraryError } from '../errors';
import { escapeHtml } from '../html';
import { allLanguages, type Lang, type MessageKey, t } from '../messages';
import type { Cell } from '../sheets/table';
import { cellText, type Fund } from './fund';
import { rowsOf } from './journal';
import type { StocktakeLists } from './stocktake';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A sheet laid out for printing, found under its name in any language (renamed to the current one). */
function layoutSheet(fund: Fund, key: 'sheet.labelSheet' | 'sheet.actSheet', rows: number, cols: number): Sheet {
  const ss = fund.wb.ss;
  const name = fund.t(key);
  let sheet: Sheet | null = null;
  for (const n of [name, ...allLanguages(key)]) {
    sheet = ss.getSheetByName(n);
    if (sheet) break;
  }
  if (!sheet) {
    sheet = ss.insertSheet(name);
    sheet.protect().setDescription(fund.t('setup.protected')).setWarningOnly(true);
  } else {
    if (sheet.getName() !== name) sheet.setName(name);
    sheet.clear();
  }
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
  return sheet;
}

function school(fund: Fund): string {
  return fund.wb.settings.libraryName || fund.t('app.name');
}

// The write-off act ------------------------------------------------------------------------------

export interface ActView {
  act: string;
  date: string;
  status: string;
  chair: string;
  members: string;
  items: Array<{ inventory: string; title: string; year: string; price: string; reason: string }>;
  reasons: Array<{ reason: string; copies: number; sum: string }>;
  copies: number;
  sum: string;
}

export function actView(fund: Fund, act: string): ActView {
  const acts = fund.table('acts').require('act', 'date', 'status', 'inventory', 'price', 'reason');
  const rows = rowsOf(acts, 'act', String(act ?? ''));
  if (rows.length === 0) throw new LibraryError('fund.error.unknownAct', { act: echo(act) });
  const first = rows[0].row;
  const byReason = new Map<string, { copies: number; tiyn: number }>();
  let tiyn = 0;
  const items = rows.map(({ row }: { row: Cell[] }) => {
    const price = toTiyn(acts.get(row, 'price'));
    tiyn += price;
    const reason = cellText(acts, row, 'reason');
    const r = byReason.get(reason) ?? { copies: 0, tiyn: 0 };
    r.copies++;
    r.tiyn += price;
    byReason.set(reason, r);
    return {
      inventory: cellText(acts, row, 'inventory'),
      title: cellText(acts, row, 'title'),
      year: cellText(acts, row, 'year'),
      price: showMoney(price),
      reason,
    };
  });
  return {
    act: cellText(acts, first, 'act'),
    date: fund.show(fund.day(acts.get(first, 'date'))),
    status: cellText(acts, first, 'status'),
    chair: cellText(acts, first, 'chair'),
    members: cellText(acts, first, 'members'),
    items,
    reasons: [...byReason.entries()].map(([reason, r]) => ({ reason, copies: r.copies, sum: showMoney(r.tiyn) })),
    copies: items.length,
    sum: showMoney(tiyn),
  };
}

function actPage(lang: Lang, v: ActView): PrintPage {
  const h = (k: MessageKey, p: Record<string, string | number> = {}) => t(lang, k, p);
  return {
    heading: h('fund.act.heading', { act: v.act, date: v.date }),
    sections: [
      {
        title: h('fund.act.commission'),
        head: [h('col.acts.chair'), h('col.acts.members')],
        rows: [[v.chair, v.members]],
      },
      {
        title: h('fund.act.reasons'),
        head: [h('col.acts.reason'), h('col.arrivals.copies'), h('col.arrivals.sum')],
        rows: [
          ...v.reasons.map((r) => [r.reason, String(r.copies), r.sum]),
          [h('fund.act.total'), String(v.copies), v.sum],
        ],
      },
      {
        title: h('fund.act.list'),
        head: [
          '№',
          h('col.acts.inventory'),
          h('col.acts.title'),
          h('col.acts.year'),
          h('col.acts.price'),
          h('col.acts.reason'),
        ],
        rows: v.items.map((x, i) => [String(i + 1), x.inventory, x.title, x.year, x.price, x.reason]),
      },
    ],
    note: h('fund.act.sign', { chair: v.chair }),
  };
}

/** The act on its print sheet (one clear, one write, two formats) and in a print view. */
export function printAct(fund: Fund, act: string): { message: string } {
  const v = actView(fund, act);
  const L = fund.lang;
  const h = (k: MessageKey, p: Record<string, string | number> = {}) => t(L, k, p);
  const grid: Cell[][] = [
    [school(fund), '', '', '', '', v.status],
    [h('fund.act.heading', { act: v.act, date: v.date }), '', '', '', '', ''],
    [h('col.acts.chair'), v.chair, '', '', '', ''],
    [h('col.acts.members'), v.members, '', '', '', ''],
    ['', '', '', '', '', ''],
    [h('col.acts.reason'), h('col.arrivals.copies'), h('col.arrivals.sum'), '', '', ''],
    ...v.reasons.map((r) => [r.reason, r.copies, r.sum, '', '', ''] as Cell[]),
    [h('fund.act.total'), v.copies, v.sum, '', '', ''],
    ['', '', '', '', '', ''],
    ['№', h('col.acts.inventory'), h('col.acts.title'), h('col.acts.year'), h('col.acts.price'), h('col.acts.reason')],
    ...v.items.map((x, i) => [i + 1, x.inventory, x.title, x.year, x.price, x.reason] as Cell[]),
    ['', '', '', '', '', ''],
    [h('fund.act.sign', { chair: v.chair }), '', '', '', '', ''],
  ];
  const sheet = layoutSheet(fund, 'sheet.actSheet', grid.length, 6);
  const range = sheet.getRange(1, 1, grid.length, 6);
  // Numbers and sums as text: the sheet shows them exactly as the act says.
  range.setNumberFormat('@');
  range.setValues(grid);
  sheet.getRange(2, 1, 1, 6).setFontWeight('bold');
  const html = printHtml(L, school(fund), h('print.date', { date: fund.show(fund.today) }), [actPage(L, v)]);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(820).setHeight(640),
    h('fund.act.title', { act: v.act }),
  );
  return { message: h('fund.act.printed', { act: v.act }) };
}

// Labels -----------------------------------------------------------------------------------------

export interface Label {
  code: string;
  caption: string;
  bars: string;
}

const GOOGLE_FONT = 'https://fonts.googleapis.com/css2?family=Libre+Barcode+128&display=block';

/** Labels on A4 label paper: 3 across, 8 down, 70 × 37 mm each. Pure. */
export function labelsHtml(lang: Lang, schoolName: string, labels: Label[]): string {
  const e = escapeHtml;
  const cells = labels.map(
    (l) =>
      `<div class="label"><div class="school">${e(schoolName)}</div><div class="caption">${e(l.caption)}</div>` +
      `<div class="bars" data-code="${e(l.code)}">${e(l.bars)}</div><div class="code">${e(l.code)}</div></div>`,
  );
  const pages: string[] = [];
  const per = 24;
  for (let i = 0; i < cells.length; i += per)
    pages.push(`<section class="sheet">${cells.slice(i, i + per).join('')}</section>`);
  const style = `
    @page { size: A4; margin: 0; }
    body { margin: 0; font: 10pt Arial, sans-serif; color: #000; }
    .bar { margin: 8px; } .bar button { font-size: 12pt; padding: 4px 16px; }
    .sheet { width: 210mm; height: 296mm; display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37mm; page-break-after: always; break-after: page; }
    .sheet:last-child { page-break-after: auto; break-after: auto; }
    .label { box-sizing: border-box; padding: 2mm 4mm; text-align: center; overflow: hidden; border: 1px dashed #ccc; }
    .school { font-size: 7pt; color: #333; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .caption { font-size: 8pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .bars { font-family: '${BARCODE_FONT}'; font-size: 40px; line-height: 1.1; white-space: pre; }
    .code { font-size: 10pt; font-weight: bold; letter-spacing: 1px; }
    @media print { .bar { display: none; } .label { border: none; } }`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${GOOGLE_FONT}"><style>${style}</style></head><body><div class="bar"><button onclick="window.print()">${e(t(lang, 'print.button'))}</button></div>${pages.join('')}</body></html>`;
}

/** At most this many labels at a time (13 sheets of label paper). */
const MAX_LABELS = 312;

export interface LabelRequest {
  /** Copies by inventory number, or every copy of a receipt record, or reader cards (codes or a class). */
  inventories?: string[];
  record?: string;
  readers?: string[];
  className?: string;
}

/** The labels asked for: copies (short title) or reader cards (name and class). */
export function labelsFor(fund: Fund, req: LabelRequest): { labels: Label[]; refused: string[] } {
  const out: Label[] = [];
  const refused: string[] = [];
  const push = (code: string, caption: string) => {
    const bars = barcodeFontText(code);
    if (bars === null) refused.push(code);
    else out.push({ code, caption, bars });
  };
  if (req.readers?.length || req.className) {
    const readers = fund.table('readers').require('code', 'name');
    const index = fund.wb.classes();
    const wanted = new Set((req.readers ?? []).map(codeKey));
    const cls = req.className ? index.key(req.className) : null;
    for (const row of readers.readColumns('code', 'name', 'class').rows) {
      const code = cellText(readers, row, 'code');
      const className = cellText(readers, row, 'class');
      if (!code) continue;
      if (wanted.has(codeKey(code)) || (cls !== null && index.key(className) === cls)) {
        push(code, [cellText(readers, row, 'name'), className].filter(Boolean).join(', '));
      }
    }
  } else {
    const { table, byInventory } = fund.copyRows('titleId', 'arrival');
    const titles = fund.titles();
    const wanted = (req.inventories ?? []).map((x) => String(x).trim()).filter(Boolean);
    const rows = req.record
      ? [...byInventory.values()].filter(({ row }) => codeKey(cellText(table, row, 'arrival')) === codeKey(req.record))
      : wanted.map((w) => {
          const hit = byInventory.get(codeKey(w));
          if (!hit) throw new LibraryError('fund.error.unknownCopy', { inventory: echo(w) });
          return hit;
        });
    for (const { row } of rows) {
      const title = titles.get(codeKey(cellText(table, row, 'titleId')));
      const short = title ? (title.title.length > 40 ? `${title.title.slice(0, 39)}…` : title.title) : '';
      push(cellText(table, row, 'inventory'), short);
    }
  }
  if (out.length === 0)
    throw new LibraryError(refused.length ? 'fund.labels.cannotEncode' : 'fund.error.noLabels', {
      codes: refused.slice(0, 5).join(', '),
    });
  if (out.length > MAX_LABELS)
    throw new LibraryError('fund.error.tooManyLabels', { count: out.length, max: MAX_LABELS });
  return { labels: out, refused };
}

/**
 * The labels on their print sheet — 3 labels across, 4 rows a label (school, title, barcode,
 * number), rows 36 px high and columns 265 px wide (70 × 37 mm) — in a few calls, and in a print view.
 */
export function printLabels(fund: Fund, req: LabelRequest): { message: string; count: number; labels: Label[] } {
  const { labels, refused } = labelsFor(fund, req);
  const across = 3;
  const bands = Math.ceil(labels.length / across);
  const rows = bands * 4;
  const values: Cell[][] = [];
  const fonts: Array<Array<string | null>> = [];
  const sizes: number[][] = [];
  const name = school(fund);
  for (let b = 0; b < bands; b++) {
    const band = labels.slice(b * across, b * across + across);
    const cell = (f: (l: Label) => string) => Array.from({ length: across }, (_, i) => (band[i] ? f(band[i]) : ''));
    values.push(
      cell(() => name),
      cell((l) => l.caption),
      cell((l) => l.bars),
      cell((l) => l.code),
    );
    const plain = Array.from({ length: across }, () => null);
    fonts.push(
      plain,
      plain,
      cell(() => BARCODE_FONT),
      plain,
    );
    sizes.push([7, 7, 7], [9, 9, 9], [28, 28, 28], [10, 10, 10]);
  }
  const sheet = layoutSheet(fund, 'sheet.labelSheet', rows, across);
  const range = sheet.getRange(1, 1, rows, across);
  range.setNumberFormat('@');
  range.setValues(values);
  range.setFontFamilies(fonts);
  range.setFontSizes(sizes);
  range.setHorizontalAlignment('center');
  range.setVerticalAlignment('middle');
  sheet.setColumnWidths(1, across, 265);
  sheet.setRowHeights(1, rows, 36);
  const L = fund.lang;
  const html = labelsHtml(L, name, labels);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(860).setHeight(680),
    t(L, 'fund.labels.title'),
  );
  const message = t(L, 'fund.labels.done', { count: labels.length });
  return {
    message: refused.length
      ? `${message} ${t(L, 'fund.labels.cannotEncode', { codes: refused.slice(0, 5).join(', ') })}`
      : message,
    count: labels.length,
    labels,
  };
}

// Stocktake lists --------------------------------------------------------------------------------

export function printStocktake(fund: Fund, lists: StocktakeLists): void {
  const L = fund.lang;
  const h = (k: MessageKey, p: Record<string, string | number> = {}) => t(L, k, p);
  const pages: PrintPage[] = [
    {
      heading: h('fund.stocktake.heading', { id: lists.id }),
      sections: [
        {
          head: [
            h('col.stocktakes.expected'),
            h('col.stocktakes.found'),
            h('col.stocktakes.onLoan'),
            h('col.stocktakes.missing'),
          ],
          rows: [[String(lists.expected), String(lists.found), String(lists.onLoan), String(lists.missing.length)]],
        },
        {
          title: h('fund.stocktake.missing'),
          head: [h('col.stocktakeList.inventory'), h('col.stocktakeList.title'), h('col.stocktakeList.location')],
          rows: lists.missing.map((m) => [m.inventory, m.title, m.location]),
        },
        {
          title: h('fund.stocktake.misplaced'),
          head: [
            h('col.stocktakeList.inventory'),
            h('col.stocktakeList.title'),
            h('col.stocktakeList.location'),
            h('col.stocktakeList.scannedIn'),
          ],
          rows: lists.misplaced.map((m) => [m.inventory, m.title, m.location, m.section]),
        },
        {
          title: h('fund.stocktake.unknown'),
          head: [h('col.stocktakeList.inventory'), h('col.stocktakeList.result')],
          rows: [
            ...lists.unknown.map((u) => [u.code, h('enum.stocktakeResult.unknown')]),
            ...lists.notExpected.map((u) => [u.inventory, `${h('enum.stocktakeResult.notExpected')} (${u.status})`]),
          ],
        },
      ],
    },
  ];
  const html = printHtml(L, school(fund), h('print.date', { date: showDay(fund.today) }), pages);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(820).setHeight(640),
    h('fund.stocktake.title'),
  );
}
