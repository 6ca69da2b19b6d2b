/**
 * The playground's workbook on disk: FakeSpreadsheet.toData() as an .xlsx file (exceljs) that opens in
 * LibreOffice or Excel and imports into Google Sheets.
 *
 * - Values: text stays text (plain-text "@" cells keep codes such as 000123), numbers stay numbers,
 *   booleans stay booleans, dates are real date cells. A sheet holds wall-clock serials with no time
 *   zone, so a Date is written as the wall clock of the spreadsheet's time zone (Asia/Almaty) and read
 *   back as that wall clock in that zone.
 * - Number formats, notes, bold headers, frozen rows and columns, hidden sheets and tab colours are
 *   written natively; data validations too, where Excel has an equivalent (lists, ranges, dates,
 *   e-mail as a custom rule).
 * - What Excel cannot hold exactly (the exact validation rules with their help texts, warning-only
 *   protections, developer metadata, sheet sizes, column widths) is returned beside the bytes as a
 *   WorkbookMeta, which the playground keeps in its state file beside the workbook (playground/state.ts),
 *   never in the file: a workbook the librarian shares or imports carries nothing but the sheets. Read
 *   with its meta, the workbook comes back as the playground left it; without (edited or made
 *   elsewhere), from its native content alone.
 * - Older playgrounds kept that meta, with the clock, the triggers, the properties and the e-mails sent,
 *   in the workbook's Description property (META_MARK + JSON). Such a block is still read, once, so that
 *   the playground can move it to its state file; nothing writes it any more.
 * - Saving is atomic: the bytes go to a temporary file in the same folder, are flushed to disk, and the
 *   temporary file is renamed over the workbook. A crash leaves either the old or the new workbook.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BlankRun, CellData, SheetData, SpreadsheetData, ValidationData } from '../emulator/spreadsheet';
import { sha256, writeFileAtomic } from './atomic-file';
import { fromExcelDate, isDate, isDateFormat, parseWithDates, toExcelDate } from './excel-dates';
import { blankRuns, byColumn, joinRuns } from './xlsx-runs';

/** Worksheet.dataValidations: in exceljs 4.4, missing from its type declarations. */
interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** The start of the Description block older playgrounds wrote (read for the migration only). */
export const META_MARK = 'school-library-playground:';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

interface ValidationRun {
  rule: number;
  col: number;
  from: number;
  to: number;
}
interface SheetMeta {
  maxRows: number;
  maxColumns: number;
  sheetId?: number;
  validations: ValidationRun[];
  protections: SheetData['protections'];
  metadata?: SheetData['metadata'];
  columnWidths?: SheetData['columnWidths'];
  /** Cells holding a Date under a format Excel does not read as a date: [row, col, format or null]. */
  dateCells: Array<[number, number, string | null]>;
  /** Notes: [row, col, text] (exceljs drops a note on an empty cell). */
  notes: Array<[number, number, string]>;
  /** Number formats of empty cells, as runs down a column: [col, fromRow, toRow, format]. */
  formats: Array<[number, number, number, string]>;
  styles: Array<[number, number, Record<string, unknown>]>;
  /** Embedded charts (exceljs writes none): kept beside the file, as the protections are. */
  charts?: SheetData['charts'];
}
/** What the .xlsx cannot hold exactly, for the exact file written (kept outside it). */
export interface WorkbookMeta {
  version: 1;
  name: string;
  timeZone: string;
  id?: string;
  activeSheet?: string;
  metadata?: SpreadsheetData['metadata'];
  rules: ValidationData[];
  sheets: Record<string, SheetMeta>;
  /** Older playgrounds only (the Description block): their clock and runtime state. */
  extra?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Writing

function colLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The native Excel rule for a validation, or null when Excel has no faithful equivalent. */
function nativeRule(v: ValidationData, firstCell: string): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showInputMessage: !!v.helpText,
    prompt: v.helpText ?? undefined,
    showErrorMessage: true,
    errorStyle: v.allowInvalid ? 'warning' : 'stop',
  } as const;
  switch (v.criteria) {
    case 'VALUE_IN_LIST': {
      const items = (v.values[0] as unknown[]).map(String);
      const list = items.map((s) => s.replace(/"/g, '""')).join(',');
      // Excel's inline list splits on commas and holds 255 characters.
      if (items.some((s) => s.includes(',')) || list.length > 250) return null;
      return { ...common, type: 'list', formulae: [`"${list}"`] };
    }
    case 'VALUE_IN_RANGE': {
      const r = (
        v.values[0] as { range?: { sheet: string; row: number; col: number; numRows: number; numColumns: number } }
      ).range;
      if (!r) return null;
      const a = `$${colLetters(r.col)}$${r.row}`;
      const b = `$${colLetters(r.col + r.numColumns - 1)}$${r.row + r.numRows - 1}`;
      return { ...common, type: 'list', formulae: [`${quoteSheet(r.sheet)}!${a}:${b}`] };
    }
    case 'DATE_IS_VALID_DATE':
      return { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case 'TEXT_IS_VALID_EMAIL':
      return { ...common, type: 'custom', formulae: [`ISNUMBER(MATCH("*@*.?*",${firstCell},0))`] };
    case 'NUMBER_BETWEEN':
      return { ...common, type: 'decimal', operator: 'between', formulae: [v.values[0], v.values[1]] as number[] };
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [v.values[0] as number] };
    case 'CHECKBOX':
      return null;
    default:
      return null;
  }
}

function nativeStyle(cell: ExcelJS.Cell, style: Record<string, unknown>): void {
  const font: Partial<ExcelJS.Font> = {};
  if (style.fontWeight === 'bold') font.bold = true;
  if (style.fontStyle === 'italic') font.italic = true;
  // A barcode cell keeps its font in Excel and LibreOffice too (where the font is installed).
  if (typeof style.fontFamily === 'string') font.name = style.fontFamily;
  if (typeof style.fontSize === 'number') font.size = style.fontSize;
  if (typeof style.fontColor === 'string' && /^#[0-9a-f]{6}$/i.test(style.fontColor))
    font.color = { argb: `FF${style.fontColor.slice(1).toUpperCase()}` };
  if (Object.keys(font).length) cell.font = font;
  if (typeof style.background === 'string' && /^#[0-9a-f]{6}$/i.test(style.background))
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: `FF${style.background.slice(1).toUpperCase()}` },
    };
}

/**
 * The workbook as .xlsx bytes, and what Excel cannot hold exactly (to keep beside the file). The
 * file's Description and other document properties carry none of it.
 */
export async function workbookToBuffer(data: SpreadsheetData): Promise<{ bytes: Buffer; meta: WorkbookMeta }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'school-library-sheets playground';
  wb.title = data.name;
  const tz = data.timeZone;
  const rules: ValidationData[] = [];
  /** A rule's index by its data object and by its JSON (equal rules are one). */
  const ruleIndex = new Map<string | ValidationData, number>();
  const meta: WorkbookMeta = {
    version: 1,
    name: data.name,
    timeZone: tz,
    id: data.id,
    activeSheet: data.activeSheet,
    metadata: data.metadata,
    rules,
    sheets: {},
  };
  for (const s of data.sheets) {
    const ws = wb.addWorksheet(s.name, {
      state: s.hidden ? 'hidden' : 'visible',
      properties: s.tabColor ? { tabColor: { argb: `FF${s.tabColor.replace('#', '').toUpperCase()}` } } : {},
      views:
        s.frozenRows || s.frozenColumns
          ? [{ state: 'frozen', xSplit: s.frozenColumns, ySplit: s.frozenRows, activeCell: 'A1' }]
          : [],
    });
    const sm: SheetMeta = {
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      sheetId: s.sheetId,
      validations: [],
      protections: s.protections,
      metadata: s.metadata,
      columnWidths: s.columnWidths,
      ...(s.charts?.length ? { charts: s.charts } : {}),
      dateCells: [],
      notes: [],
      formats: [],
      styles: [],
    };
    meta.sheets[s.name] = sm;
    for (const [col, width] of Object.entries(s.columnWidths ?? {}))
      ws.getColumn(Number(col)).width = Math.max(2, Math.round(Number(width) / 7));
    const ruleOf = (v: ValidationData) => {
      let idx = ruleIndex.get(v);
      if (idx === undefined) {
        const key = JSON.stringify(v);
        idx = ruleIndex.get(key);
        if (idx === undefined) {
          idx = rules.length;
          rules.push(v);
          ruleIndex.set(key, idx);
        }
        ruleIndex.set(v, idx);
      }
      return idx;
    };
    // Rules and the formats of empty cells as runs down a column: the sheet's runs of formatted empty
    // cells as they are, its other cells one row each; adjoining runs of one rule join.
    const ruleRuns: Array<[number, number, number, number]> = [];
    const formatRuns: Array<[number, number, number, string]> = [];
    for (const b of s.blanks ?? []) {
      if (b.numberFormat !== undefined) formatRuns.push([b.col, b.from, b.to, b.numberFormat]);
      if (b.validation) ruleRuns.push([b.col, b.from, b.to, ruleOf(b.validation)]);
    }
    for (const c of s.cells) {
      const bare = c.value === '' && c.formula === undefined && !c.note && !(c.style && Object.keys(c.style).length);
      // Formatted empty cells (a whole column below the data) go to the block, not to the sheet.
      if (!bare) writeCell(ws.getCell(c.row, c.col), c, tz, sm);
      else if (c.numberFormat !== undefined) formatRuns.push([c.col, c.row, c.row, c.numberFormat]);
      if (c.validation) ruleRuns.push([c.col, c.row, c.row, ruleOf(c.validation)]);
    }
    sm.formats = joinRuns(formatRuns);
    sm.validations = joinRuns(ruleRuns).map(([col, from, to, rule]) => ({ rule, col, from, to }));
    for (const r of sm.validations) {
      const first = `${colLetters(r.col)}${r.from}`;
      const native = nativeRule(rules[r.rule], first);
      if (native)
        (ws as unknown as { dataValidations: DataValidations }).dataValidations.add(
          r.from === r.to ? first : `${first}:${colLetters(r.col)}${r.to}`,
          native,
        );
    }
  }
  // The fastest deflate level: the playground saves after every change, and level 6 took a fifth of a save.
  const bytes = await wb.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  } as never);
  return { bytes: Buffer.from(bytes), meta };
}

function writeCell(cell: ExcelJS.Cell, c: CellData, tz: string, sm: SheetMeta): void {
  const v = c.value;
  let value: ExcelJS.CellValue = null;
  if (isDate(v)) {
    value = toExcelDate(v, tz);
    if (!isDateFormat(c.numberFormat)) sm.dateCells.push([c.row, c.col, c.numberFormat ?? null]);
  } else if (v !== '') value = v as string | number | boolean;
  if (c.formula !== undefined) {
    const f = c.formula.replace(/^=/, '');
    cell.value =
      value === null ? { formula: f, date1904: false } : ({ formula: f, result: value } as ExcelJS.CellValue);
  } else cell.value = value;
  if (c.numberFormat !== undefined) cell.numFmt = c.numberFormat;
  if (c.note) {
    cell.note = c.note;
    sm.notes.push([c.row, c.col, c.note]);
  }
  if (c.style && Object.keys(c.style).length) {
    nativeStyle(cell, c.style);
    sm.styles.push([c.row, c.col, c.style]);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

function readValue(cell: ExcelJS.Cell, tz: string, forceDate: boolean): { value: CellData['value']; formula?: string } {
  const v = cell.value as unknown;
  const plain = (x: unknown): CellData['value'] => {
    if (x === null || x === undefined) return '';
    if (isDate(x)) return fromExcelDate(x, tz);
    if (typeof x === 'number') return forceDate ? fromExcelDate(new Date(EXCEL_EPOCH + x * 86_400_000), tz) : x;
    if (typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
      if ('error' in o) return String(o.error);
      if ('text' in o) return plain(o.text);
    }
    return String(x);
  };
  if (v && typeof v === 'object' && !isDate(v) && ('formula' in v || 'sharedFormula' in v)) {
    const o = v as { formula?: string; result?: unknown };
    const formula = o.formula ?? cell.formula;
    return { value: plain(o.result), formula: formula ? `=${formula}` : undefined };
  }
  return { value: plain(v) };
}

/** Native Excel validation back to a rule (files without the playground block). */
function ruleFromNative(dv: ExcelJS.DataValidation, sheets: Set<string>): ValidationData | null {
  const help = dv.prompt ?? null;
  const allowInvalid = dv.errorStyle !== 'stop' && dv.errorStyle !== undefined ? true : dv.showErrorMessage !== true;
  const f = (dv.formulae ?? [])[0];
  if (dv.type === 'list' && typeof f === 'string') {
    if (f.startsWith('"')) {
      const items = f.slice(1, -1).replace(/""/g, '"').split(',');
      return { criteria: 'VALUE_IN_LIST', values: [items, true], allowInvalid, helpText: help };
    }
    const m = /^'?((?:[^']|'')+?)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(f);
    if (m && sheets.has(m[1].replace(/''/g, "'"))) {
      const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return {
        criteria: 'VALUE_IN_RANGE',
        values: [
          {
            range: {
              sheet: m[1].replace(/''/g, "'"),
              row: +m[3],
              col: col(m[2]),
              numRows: +m[5] - +m[3] + 1,
              numColumns: col(m[4]) - col(m[2]) + 1,
            },
          },
          true,
        ],
        allowInvalid,
        helpText: help,
      };
    }
    return null;
  }
  if (dv.type === 'date') return { criteria: 'DATE_IS_VALID_DATE', values: [], allowInvalid, helpText: help };
  if (dv.type === 'custom' && typeof f === 'string' && f.includes('"*@*.?*"'))
    return { criteria: 'TEXT_IS_VALID_EMAIL', values: [], allowInvalid, helpText: help };
  return null;
}

export interface ReadResult {
  data: SpreadsheetData;
  /** False when no meta was given nor found (a workbook edited or made elsewhere). */
  exact: boolean;
  /**
   * The Description block of an older playground, when the file has one: the meta it held (used for
   * this read unless a meta was given) and its `extra` (the clock and the runtime state).
   */
  legacy?: { meta: WorkbookMeta; extra?: Record<string, unknown> };
}

/**
 * Reads .xlsx bytes. `meta` is what `workbookToBuffer` returned for exactly these bytes (the caller
 * checks that); without it, an older playground's Description block is used, else the native content.
 */
export async function bufferToWorkbook(
  buffer: Buffer,
  opts: { timeZone: string; meta?: WorkbookMeta },
): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  let legacy: ReadResult['legacy'];
  if (wb.description?.startsWith(META_MARK)) {
    try {
      const old = parseWithDates(wb.description.slice(META_MARK.length)) as WorkbookMeta | null;
      if (old && typeof old === 'object' && old.sheets && Array.isArray(old.rules)) {
        const { extra, ...meta } = old;
        legacy = { meta, extra };
      }
    } catch {
      legacy = undefined;
    }
  }
  const meta: WorkbookMeta | null = opts.meta ?? legacy?.meta ?? null;
  const tz = meta?.timeZone ?? opts.timeZone;
  const names = new Set(wb.worksheets.map((w) => w.name));
  const sheets: SheetData[] = [];
  for (const ws of wb.worksheets) {
    const sm = meta?.sheets[ws.name];
    const forced = new Map((sm?.dateCells ?? []).map(([r, c, f]) => [`${r}:${c}`, f]));
    const notes = new Map((sm?.notes ?? []).map(([r, c, n]) => [`${r}:${c}`, n]));
    const styles = new Map((sm?.styles ?? []).map(([r, c, st]) => [`${r}:${c}`, st]));
    const cells: CellData[] = [];
    let blanks: BlankRun[] = [];
    let lastRow = 0;
    let lastCol = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const at = `${r}:${c}`;
        const { value, formula } = readValue(cell, tz, forced.has(at));
        let numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        if (forced.has(at)) numFmt = forced.get(at) ?? undefined;
        const note = sm
          ? notes.get(at)
          : typeof cell.note === 'string'
            ? cell.note
            : cell.note
              ? (cell.note.texts ?? []).map((x) => x.text).join('')
              : undefined;
        const style = sm ? styles.get(at) : cell.font?.bold ? { fontWeight: 'bold' } : undefined;
        let validation: ValidationData | undefined;
        if (!meta && cell.dataValidation) validation = ruleFromNative(cell.dataValidation, names) ?? undefined;
        if (value === '' && formula === undefined && !numFmt && !note && !style && !validation) return;
        const d: CellData = { row: r, col: c, value };
        if (formula !== undefined) d.formula = formula;
        if (numFmt) d.numberFormat = numFmt;
        if (note) d.note = note;
        if (style) d.style = { ...style };
        if (validation) d.validation = validation;
        cells.push(d);
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      });
    });
    if (sm && meta) {
      const at0 = new Map(sm.notes?.length ? cells.map((c) => [`${c.row}:${c.col}`, c]) : []);
      for (const [r, col, note] of sm.notes ?? []) {
        const cell = at0.get(`${r}:${col}`);
        if (cell) cell.note = note;
        else {
          const made: CellData = { row: r, col, value: '', note };
          cells.push(made);
          at0.set(`${r}:${col}`, made);
        }
      }
      // Exact rules from the playground block, over the cells that hold them.
      const ruleAt = byColumn(sm.validations.map((v) => [v.col, v.from, v.to, v.rule] as const));
      for (const c of cells) {
        const rule = ruleAt.get(c.col)?.[c.row];
        if (rule !== undefined) c.validation = meta.rules[rule];
      }
      blanks = blankRuns(byColumn(sm.formats ?? []), ruleAt, cells, (rule) => meta.rules[rule]);
    }
    const view = (ws.views ?? []).find((v) => v.state === 'frozen') as { xSplit?: number; ySplit?: number } | undefined;
    const tab = ws.properties?.tabColor as { argb?: string } | undefined;
    sheets.push({
      name: ws.name,
      sheetId: sm?.sheetId,
      maxRows: sm?.maxRows ?? Math.max(1000, lastRow),
      maxColumns: sm?.maxColumns ?? Math.max(26, lastCol),
      frozenRows: view?.ySplit ?? 0,
      frozenColumns: view?.xSplit ?? 0,
      hidden: ws.state === 'hidden' || ws.state === 'veryHidden',
      tabColor: tab?.argb ? `#${tab.argb.slice(-6).toLowerCase()}` : null,
      cells: cells.sort((a, b) => a.row - b.row || a.col - b.col),
      ...(blanks.length > 0 ? { blanks } : {}),
      protections: sm?.protections ?? [],
      metadata: sm?.metadata ?? [],
      columnWidths: sm?.columnWidths ?? {},
      ...(sm?.charts?.length ? { charts: sm.charts } : {}),
    });
  }
  return {
    data: {
      name: meta?.name ?? (wb.title || 'Library'),
      timeZone: tz,
      id: meta?.id,
      activeSheet: meta?.activeSheet,
      metadata: meta?.metadata ?? [],
      sheets,
    },
    exact: !!meta,
    ...(legacy ? { legacy } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Files

/** Writes the workbook alone (atomically); returns its meta and the SHA-256 of the bytes written. */
export async function saveWorkbook(
  file: string,
  data: SpreadsheetData,
  beforeRename?: (temp: string) => void,
): Promise<{ meta: WorkbookMeta; sha256: string }> {
  const { bytes, meta } = await workbookToBuffer(data);
  writeFileAtomic(file, bytes, beforeRename);
  return { meta, sha256: sha256(bytes) };
}

/**
 * Reads a workbook file. `metaFor` gives the meta `saveWorkbook` returned for the file whose bytes
 * have this SHA-256, if any: the meta is used only for the very file it was written with.
 */
export async function loadWorkbook(
  file: string,
  opts: { timeZone?: string; metaFor?: (sha256: string) => WorkbookMeta | undefined } = {},
): Promise<ReadResult & { sha256: string }> {
  const bytes = readFileSync(file);
  const hash = sha256(bytes);
  const read = await bufferToWorkbook(bytes, { timeZone: opts.timeZone ?? 'Asia/Almaty', meta: opts.metaFor?.(hash) });
  return { ...read, sha256: hash };
}
