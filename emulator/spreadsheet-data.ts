/**
 * The plain-data view of the in-memory spreadsheet (the playground, xlsx persistence): the
 * SpreadsheetData/SheetData types, and how a sheet and its validation rules turn into plain data
 * and back. FakeSpreadsheet.toData()/loadData() use them.
 */
import { isBareBlank, sharedBlank } from './cells';
import type { ChartData } from './charts';
import { isDate } from './core';
import { FakeDeveloperMetadata, type MetadataVisibility } from './developer-metadata';
import type { ProtectionKind } from './protection';
import { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import type { Span } from './sheet-host';
import type { FakeSpreadsheet } from './spreadsheet';
import { type CriteriaType, FakeDataValidation, type RuleSpec } from './spreadsheet-validation';
import { type CellValue, copyValue } from './spreadsheet-values';

export interface RangeRefData {
  sheet: string;
  row: number;
  col: number;
  numRows: number;
  numColumns: number;
}
export interface ValidationData {
  criteria: CriteriaType;
  /** Criteria arguments; a VALUE_IN_RANGE source range is written as `{ range: RangeRefData }`. */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}
export interface CellData {
  row: number;
  col: number;
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  validation?: ValidationData;
  note?: string;
  style?: Record<string, unknown>;
}
/**
 * Empty cells down one column that carry nothing but the same number format and/or rule (Setup formats
 * whole columns: most of a new workbook's cells), kept as one run instead of a CellData each.
 */
export interface BlankRun {
  col: number;
  from: number;
  to: number;
  numberFormat?: string;
  validation?: ValidationData;
}
export interface ProtectionData {
  type: ProtectionKind;
  /** The protected block (RANGE protections only). */
  range?: { row: number; col: number; numRows: number; numColumns: number };
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotectedRanges?: { row: number; col: number; numRows: number; numColumns: number }[];
}
export interface MetadataData {
  key: string;
  value: string | null;
  visibility?: MetadataVisibility;
}
export interface SheetData {
  name: string;
  sheetId?: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor?: string | null;
  cells: CellData[];
  /**
   * The formatted empty cells, by runs: sheetToData writes every one of them here, not in `cells`, and
   * no position is in both. (`cells` may still hold such cells one by one: a workbook read without the
   * playground's block, a hand-made fixture; loadSheetData takes both.)
   */
  blanks?: BlankRun[];
  protections: ProtectionData[];
  metadata?: MetadataData[];
  columnWidths?: Record<number, number>;
  hiddenColumns?: number[];
  /** Embedded charts (their ranges name their sheets). */
  charts?: ChartData[];
}
export interface SpreadsheetData {
  name: string;
  timeZone: string;
  id?: string;
  activeSheet?: string;
  metadata?: MetadataData[];
  sheets: SheetData[];
}

// ---------------------------------------------------------------------------------------------

export function ruleToData(rule: FakeDataValidation): ValidationData {
  const s = rule.spec;
  return {
    criteria: s.criteria,
    values: s.args.map((a) => (a instanceof FakeRange ? { range: a.refData() } : copyArgDeep(a))),
    allowInvalid: s.allowInvalid,
    helpText: s.helpText,
  };
}

function copyArgDeep(a: unknown): unknown {
  if (isDate(a)) return new Date(a.getTime());
  if (Array.isArray(a)) return a.map(copyArgDeep);
  return a;
}

/** Turns plain validation data back into a rule. */
export function ruleFromData(spreadsheet: FakeSpreadsheet, v: ValidationData): FakeDataValidation {
  const args = v.values.map((a) => {
    if (a && typeof a === 'object' && !Array.isArray(a) && !isDate(a) && 'range' in a) {
      const r = (a as { range: RangeRefData }).range;
      const sheet = spreadsheet.sheets.find((s) => s.sheetName === r.sheet);
      if (!sheet) throw new Error(`validation refers to a missing sheet "${r.sheet}"`);
      return sheet.rangeAt(r.row, r.col, r.numRows, r.numColumns);
    }
    return copyArgDeep(a);
  });
  const spec: RuleSpec = { criteria: v.criteria, args, allowInvalid: v.allowInvalid, helpText: v.helpText };
  return new FakeDataValidation(spreadsheet.env.counters, spec);
}

/** A plain-data copy of a sheet (uncounted). */
export function sheetToData(sheet: FakeSheet): SheetData {
  const cells: CellData[] = [];
  const blanks: BlankRun[] = [];
  const seen = new Map<FakeDataValidation, ValidationData>();
  const keys = new Map<FakeDataValidation, string>();
  // One data object per rule, so loading it back meets each rule once.
  const dataOf = (rule: FakeDataValidation) => {
    let v = seen.get(rule);
    if (!v) {
      v = ruleToData(rule);
      seen.set(rule, v);
    }
    return v;
  };
  const keyOf = (rule: FakeDataValidation | undefined) => {
    if (!rule) return '';
    let k = keys.get(rule);
    if (k === undefined) {
      k = JSON.stringify(dataOf(rule));
      keys.set(rule, k);
    }
    return k;
  };
  /** The run each column's formatted empty cells last went to. */
  const open: Array<{ run: BlankRun; format?: string; rule?: FakeDataValidation }> = [];
  sheet.rows.forEach((row, ri) => {
    row?.forEach((c, ci) => {
      if (!c) return;
      if (isBareBlank(c)) {
        if (c.format === undefined && !c.validation) return;
        const r = ri + 1;
        const o = open[ci];
        // Runs are as long as they can be (two equal rules count as one), so equal sheets give equal data.
        if (
          o &&
          o.run.to === r - 1 &&
          o.format === c.format &&
          (o.rule === c.validation || keyOf(o.rule) === keyOf(c.validation))
        ) {
          o.run.to = r;
          return;
        }
        const run: BlankRun = { col: ci + 1, from: r, to: r };
        if (c.format !== undefined) run.numberFormat = c.format;
        if (c.validation) run.validation = dataOf(c.validation);
        blanks.push(run);
        open[ci] = { run, format: c.format, rule: c.validation };
        return;
      }
      const d: CellData = { row: ri + 1, col: ci + 1, value: copyValue(c.value) };
      if (c.formula !== undefined) d.formula = c.formula;
      if (c.format !== undefined) d.numberFormat = c.format;
      if (c.validation) d.validation = dataOf(c.validation);
      if (c.note !== undefined) d.note = c.note;
      if (c.style) d.style = { ...c.style };
      cells.push(d);
    });
  });
  const spanData = (s: Span) => ({ row: s.row, col: s.col, numRows: s.numRows, numColumns: s.numCols });
  return {
    name: sheet.sheetName,
    sheetId: sheet.sheetId,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxCols,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenCols,
    hidden: sheet.hidden,
    tabColor: sheet.tabColor,
    cells,
    ...(blanks.length > 0 ? { blanks } : {}),
    protections: sheet.parent.protections
      .filter((p) => p.host === sheet.host)
      .map((p) => {
        const d: ProtectionData = {
          type: p.kind,
          description: p.description,
          warningOnly: p.warningOnly,
          editors: [...p.editors],
        };
        if (p.span) d.range = spanData(p.span);
        if (p.unprotected.length) d.unprotectedRanges = p.unprotected.map(spanData);
        return d;
      }),
    metadata: sheet.metadata.map((m) => ({ key: m.key, value: m.value, visibility: m.visibility })),
    columnWidths: Object.fromEntries(sheet.columnWidths),
    ...(sheet.hiddenColumns.size > 0 ? { hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b) } : {}),
    ...(sheet.charts.length > 0 ? { charts: JSON.parse(JSON.stringify(sheet.charts)) as ChartData[] } : {}),
  };
}

/** Replaces a sheet's content with sheetToData() output (uncounted). */
export function loadSheetData(sheet: FakeSheet, d: SheetData): void {
  sheet.maxRows = d.maxRows;
  sheet.maxCols = d.maxColumns;
  sheet.frozenRows = d.frozenRows ?? 0;
  sheet.frozenCols = d.frozenColumns ?? 0;
  sheet.hidden = !!d.hidden;
  sheet.tabColor = d.tabColor ?? null;
  sheet.rows = [];
  sheet.touch();
  const rules = new Map<string, FakeDataValidation>();
  const byObject = new Map<object, FakeDataValidation>();
  /** One rule object per rule of the data (so loading meets each rule once). */
  const ruleOf = (v: ValidationData): FakeDataValidation => {
    let rule = byObject.get(v);
    if (!rule) {
      const key = JSON.stringify(v);
      rule = rules.get(key);
      if (!rule) {
        rule = ruleFromData(sheet.parent, v);
        rules.set(key, rule);
      }
      byObject.set(v, rule);
    }
    return rule;
  };
  for (const run of d.blanks ?? []) {
    // The sheet was emptied above: each cell of the run takes the shared record of its format and rule.
    const shared = sharedBlank(run.numberFormat, run.validation ? ruleOf(run.validation) : undefined);
    for (let r = run.from; r <= run.to; r++) {
      let line = sheet.rows[r - 1];
      if (!line) {
        line = [];
        sheet.rows[r - 1] = line;
      }
      line[run.col - 1] = shared;
    }
  }
  for (const cd of d.cells) {
    // Nothing but a format and/or a rule, given one by one (data read without the playground's block):
    // the shared record.
    if ((cd.value === '' || cd.value === undefined) && cd.formula === undefined && cd.note === undefined && !cd.style) {
      sheet.setBlankOr(cd.row, cd.col, cd.numberFormat, cd.validation ? ruleOf(cd.validation) : undefined);
      continue;
    }
    const c = sheet.cellForWrite(cd.row, cd.col);
    c.value = copyValue(cd.value ?? '');
    if (cd.formula !== undefined) c.formula = cd.formula;
    if (cd.numberFormat !== undefined) c.format = cd.numberFormat;
    if (cd.note !== undefined) c.note = cd.note;
    if (cd.style) c.style = { ...cd.style };
    if (cd.validation) c.validation = ruleOf(cd.validation);
  }
  const toSpan = (r: { row: number; col: number; numRows: number; numColumns: number }): Span => ({
    row: r.row,
    col: r.col,
    numRows: r.numRows,
    numCols: r.numColumns,
  });
  for (const pd of d.protections ?? []) {
    const p = sheet.newProtection(pd.type, pd.type === 'RANGE' && pd.range ? toSpan(pd.range) : null);
    p.description = pd.description ?? '';
    p.warningOnly = !!pd.warningOnly;
    p.editors = [...new Set([sheet.env.userEmail, ...(pd.editors ?? [])])];
    p.unprotected = (pd.unprotectedRanges ?? []).map(toSpan);
  }
  sheet.metadata = [];
  for (const m of d.metadata ?? []) {
    sheet.metadata.push(
      new FakeDeveloperMetadata(
        sheet.env,
        sheet.metadata,
        sheet.parent.nextMetadataId++,
        m.key,
        m.value,
        m.visibility ?? 'DOCUMENT',
        () => sheet.sheetName,
      ),
    );
  }
  sheet.columnWidths = new Map(Object.entries(d.columnWidths ?? {}).map(([k, v]) => [Number(k), v]));
  sheet.hiddenColumns = new Set(d.hiddenColumns ?? []);
  sheet.charts = JSON.parse(JSON.stringify(d.charts ?? [])) as ChartData[];
}
