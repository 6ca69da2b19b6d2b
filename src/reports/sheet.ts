/**
 * A report as the librarian sees it: a title, a few lines under it, then sections (a heading, a header
 * row, rows, a note), on a generated sheet of its own, and the same report as an A4 print view.
 *
 * A report sheet is rewritten whole at a fixed cost: one clear, the number formats (plain text for
 * every text cell, so nothing typed-looking becomes a number, a date or a formula), one setValues,
 * the bold rows and the backgrounds; then one getCharts, and a chart is inserted or updated only when
 * it is missing or its ranges changed. Created once (protected with a warning, columns sized), found
 * afterwards under its name in any language, renamed when the language changed.
 */
import type { PrintPage } from '../desk/print';
import { allLanguages, type Lang, type MessageKey, t } from '../messages';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How a column's numbers show: whole, two decimals, a percentage, money, a signed change. */
export type Fmt = 'int' | 'dec' | 'pct' | 'money' | 'chg' | 'chgDec' | 'chgPct';

export interface ChartSpec {
  title: string;
  type: 'COLUMN' | 'BAR' | 'LINE' | 'PIE';
  /** The section's column holding the labels, and the columns holding the series (0-based). */
  labels: number;
  values: number[];
  /** Chart only the first rows of the section (not its totals). */
  rows?: number;
}

export interface Section {
  title: string;
  head: string[];
  rows: Array<Array<string | number>>;
  /** Per column; a number in a column without one is whole. */
  formats?: Array<Fmt | null>;
  /** Per cell, when a column mixes counts and rates (it wins over `formats`). */
  fmt?: (row: number, col: number) => Fmt | null;
  /** Rows shown in bold (totals). */
  bold?: number[];
  note?: string;
  /** Charts of this section's rows (the header row names the series). */
  charts?: ChartSpec[];
}

export interface ReportModel {
  title: string;
  lines: string[];
  sections: Section[];
  footer?: string;
}

export type ReportSheet = 'coverage' | 'order' | 'statistics' | 'ratings' | 'annual';

const FORMATS: Record<Fmt, string> = {
  int: '#,##0',
  dec: '#,##0.00',
  pct: '0.0%',
  money: '#,##0.00',
  chg: '+#,##0;-#,##0;0',
  chgDec: '+#,##0.00;-#,##0.00;0.00',
  chgPct: '+0.0%;-0.0%;0.0%',
};

const SECTION_BG = '#dfe7f3';
const HEAD_BG = '#eeeeee';
/** Where the charts stand: right of the tables, one under another. */
const CHART_ROWS = 20;
const CHART_SIZE = { width: 520, height: 320 };

const sheetName = (key: ReportSheet): MessageKey => `report.sheet.${key}` as MessageKey;

/** The report's sheet, created (protected, sized) when missing, renamed when the language changed. */
function reportSheet(ss: Spreadsheet, key: ReportSheet, lang: Lang, width: number): Sheet {
  const name = t(lang, sheetName(key));
  const existing = ss.getSheetByName(name);
  if (existing) return existing;
  for (const other of allLanguages(sheetName(key))) {
    const sheet = ss.getSheetByName(other);
    if (sheet) return sheet.setName(name);
  }
  const sheet = ss.insertSheet(name, ss.getSheets().length);
  sheet.protect().setDescription(t(lang, 'report.protected')).setWarningOnly(true);
  sheet.setColumnWidth(1, 300);
  sheet.setColumnWidths(2, Math.max(1, width + 8), 110);
  return sheet;
}

/** A block of the sheet, grown first when the report is longer or wider than the sheet. */
function blockOf(sheet: Sheet, rows: number, cols: number) {
  try {
    return sheet.getRange(1, 1, rows, cols);
  } catch {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
    return sheet.getRange(1, 1, rows, cols);
  }
}

interface Placed {
  chart: ChartSpec;
  /** 1-based sheet rows of the header and of the last data row; the section's first column. */
  headRow: number;
  lastRow: number;
}

/**
 * Writes the report on its sheet (named in the workbook's language `nameLang`, which the annual report
 * may not be written in); returns the sheet's name.
 */
export function writeReport(
  ss: Spreadsheet,
  key: ReportSheet,
  lang: Lang,
  model: ReportModel,
  nameLang: Lang = lang,
): string {
  const width = Math.max(2, ...model.sections.map((s) => Math.max(s.head.length, ...s.rows.map((r) => r.length))));
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const weights: Array<Array<'bold' | 'normal'>> = [];
  const backgrounds: Array<Array<string | null>> = [];
  const placed: Placed[] = [];
  const push = (
    cells: Array<string | number>,
    style: 'title' | 'line' | 'section' | 'head' | 'data' | 'bold',
    fmt: (col: number) => Fmt | null = () => null,
  ) => {
    const row = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    values.push(row);
    formats.push(row.map((v, i) => (typeof v === 'number' ? FORMATS[fmt(i) ?? 'int'] : '@')));
    const bold = style === 'title' || style === 'section' || style === 'head' || style === 'bold';
    weights.push(row.map(() => (bold ? 'bold' : 'normal')));
    const bg = style === 'section' ? SECTION_BG : style === 'head' ? HEAD_BG : null;
    backgrounds.push(row.map(() => bg));
  };
  push([model.title], 'title');
  for (const line of model.lines) push([line], 'line');
  for (const s of model.sections) {
    push([], 'line');
    push([s.title], 'section');
    if (s.head.length > 0) push(s.head, 'head');
    const headRow = values.length;
    s.rows.forEach((r, i) => {
      push(r, s.bold?.includes(i) ? 'bold' : 'data', (c) => cellFormat(s, i, c));
    });
    if (s.rows.length === 0) push([t(lang, 'report.none')], 'data');
    for (const chart of s.rows.length > 0 ? (s.charts ?? []) : []) {
      placed.push({ chart, headRow, lastRow: headRow + Math.min(s.rows.length, chart.rows ?? s.rows.length) });
    }
    if (s.note) {
      push([], 'line');
      push([s.note], 'line');
    }
  }
  if (model.footer) {
    push([], 'line');
    push([model.footer], 'line');
  }
  const sheet = reportSheet(ss, key, nameLang, width);
  sheet.clear();
  const range = blockOf(sheet, values.length, width);
  range.setNumberFormats(formats);
  range.setValues(values);
  range.setFontWeights(weights);
  range.setBackgrounds(backgrounds);
  syncCharts(sheet, placed, width);
  return sheet.getName();
}

function a1(row: number, col: number, lastRow: number): string {
  let s = '';
  for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return `${s}${row}:${s}${lastRow}`;
}

/**
 * The report's charts, each anchored right of the tables (one under another): one getCharts, then an
 * insert for a missing chart and an update for one whose type, ranges or title changed. Charts the
 * librarian put elsewhere on the sheet are left as they are.
 */
function syncCharts(sheet: Sheet, placed: Placed[], width: number): void {
  if (placed.length === 0) return;
  const existing = sheet.getCharts();
  const anchorCol = width + 2;
  placed.forEach((p, i) => {
    const anchorRow = 1 + i * CHART_ROWS;
    const ranges = [p.chart.labels, ...p.chart.values].map((c) => a1(p.headRow, c + 1, p.lastRow));
    const current = existing.find((c) => {
      const at = c.getContainerInfo();
      return at.getAnchorRow() === anchorRow && at.getAnchorColumn() === anchorCol;
    });
    const same =
      current &&
      current.modify().getChartType() === (Charts.ChartType[p.chart.type] as unknown) &&
      String(current.getOptions().get('title')) === p.chart.title &&
      current
        .getRanges()
        .map((r) => r.getA1Notation())
        .join(',') === ranges.join(',');
    if (same) return;
    const builder = (current ? current.modify().clearRanges() : sheet.newChart())
      .setChartType(Charts.ChartType[p.chart.type])
      .setNumHeaders(1)
      .setPosition(anchorRow, anchorCol, 0, 0)
      .setOption('title', p.chart.title)
      .setOption('width', CHART_SIZE.width)
      .setOption('height', CHART_SIZE.height)
      .setOption('legend', { position: p.chart.values.length > 1 || p.chart.type === 'PIE' ? 'right' : 'none' });
    for (const r of ranges) builder.addRange(sheet.getRange(r));
    if (current) sheet.updateChart(builder.build());
    else sheet.insertChart(builder.build());
  });
}

/** The format of a section's cell: its own, else its column's. */
export function cellFormat(s: Section, row: number, col: number): Fmt | null {
  return s.fmt?.(row, col) ?? s.formats?.[col] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The same report as text: the print view and the dialogs

/** A number as the report shows it, in the language's decimal mark. */
export function showNumber(lang: Lang, v: number, fmt: Fmt | null = 'int'): string {
  const sign = (x: string) => (v > 0 ? `+${x}` : x);
  const dec = (x: number, d: number) => {
    const s = x.toFixed(d);
    return lang === 'en' ? s : s.replace('.', ',');
  };
  switch (fmt) {
    case 'dec':
    case 'money':
      return dec(v, 2);
    case 'pct':
      return `${dec(v * 100, 1)}%`;
    case 'chg':
      return sign(String(Math.round(v)));
    case 'chgDec':
      return sign(dec(v, 2));
    case 'chgPct':
      return sign(`${dec(v * 100, 1)}%`);
    default:
      return String(Math.round(v));
  }
}

/** A report as the print view's page: the same sections, as text. */
export function printPage(lang: Lang, model: ReportModel): PrintPage {
  return {
    heading: model.title,
    lead: model.lines,
    sections: model.sections.map((s) => ({
      title: s.title,
      head: s.head,
      rows: s.rows.map((r, i) =>
        r.map((v, c) => (typeof v === 'number' ? showNumber(lang, v, cellFormat(s, i, c)) : v)),
      ),
      marked: s.rows.map((_, i) => s.bold?.includes(i) ?? false),
    })),
    note: [...model.sections.flatMap((s) => (s.note ? [s.note] : [])), model.footer ?? ''].filter(Boolean).join(' · '),
  };
}
