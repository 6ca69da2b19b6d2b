/**
 * "Set up workbook": creates every sheet the library needs, with headers, a frozen header row,
 * number formats, dropdowns and protections. Idempotent: on a workbook that holds data it only adds
 * what is missing; it never deletes, duplicates or reorders the librarian's rows or columns.
 */

import { fillDuties } from '../calendar/duties-sheet';
import { allLanguages, type Lang, t } from '../messages';
import {
  type ColumnDef,
  ENUMS,
  enumKey,
  headerKey,
  NUMBER_FORMATS,
  SHEETS,
  type SheetDef,
  sheetNameKey,
} from '../schema';
import { SETTING_DEFAULTS, settingNoteKey } from '../settings';
import { forgetLayout, rememberAppliedLanguage, rememberLayout } from '../sheets/layout';
import { checkHeaderRow, findSheet, mapHeader } from '../sheets/sheet-lookup';
import { Table } from '../sheets/table';
import { Workbook } from '../sheets/workbook';
import { ensureChangeTrigger } from './change-trigger';
import { type ClosedDaysReport, fillClosedDays } from './closed-days';
import { rebuildHoldings } from './holdings';
import {
  renameSheets,
  translateChoices,
  translateHeader,
  translateLogActions,
  translateSettingNotes,
} from './translate';
import { translateWrittenRows } from './translate-rows';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
  createdSheets: string[];
  addedColumns: string[];
  addedSettings: string[];
  translatedCells: number;
  /** Readers whose "On loan" cell was rebuilt from the Copies sheet. */
  holdingsRebuilt: number;
  closedDays: ClosedDaysReport | null;
}

/** The sheets Google creates in a new spreadsheet, in the languages our users see. */
const DEFAULT_SHEET = /^(sheet|лист|парақ|бет)\s?1$/i;

/**
 * Sets the workbook up in `lang`. With `translate` (a language switch) every label the library
 * wrote in another language is rewritten too: sheet names, headers, the settings' explanations, the
 * Log's action names. Without it, the librarian's own names and headers stay as she typed them; only
 * the dropdown values follow the lists (which would refuse them otherwise).
 */
export function setUpWorkbook(ss: Spreadsheet, lang: Lang, translate = false): SetupReport {
  const report: SetupReport = {
    createdSheets: [],
    addedColumns: [],
    addedSettings: [],
    translatedCells: 0,
    holdingsRebuilt: 0,
    closedDays: null,
  };
  report.translatedCells += renameSheets(ss, lang, !translate);
  const columnsOf = new Map<string, Map<string, number>>();
  const sheets = new Map<string, Sheet>();
  for (const def of SHEETS) {
    const { sheet, columns } = ensureSheet(ss, def, lang, report);
    sheets.set(def.key, sheet);
    columnsOf.set(def.key, columns);
  }
  const classColumn = columnsOf.get('classes')?.get('class');
  const classesSheet = sheets.get('classes');
  for (const def of SHEETS) {
    const sheet = sheets.get(def.key)!;
    const columns = columnsOf.get(def.key)!;
    const classRange =
      classesSheet && classColumn !== undefined
        ? classesSheet.getRange(2, classColumn + 1, Math.max(classesSheet.getMaxRows() - 1, 1), 1)
        : null;
    formatSheet(sheet, def, columns, lang, classRange);
    if (translate) report.translatedCells += translateHeader(sheet, def, columns, lang);
    report.translatedCells += translateChoices(sheet, def, columns, lang);
    if (def.generated) protectGenerated(sheet, lang);
  }
  report.addedSettings = seedSettings(sheets.get('settings')!, lang);
  if (translate) {
    report.translatedCells += translateSettingNotes(sheets.get('settings')!, columnsOf.get('settings')!, lang);
    report.translatedCells += translateLogActions(sheets.get('log')!, columnsOf.get('log')!, lang);
    report.translatedCells += translateWrittenRows(sheets, columnsOf, lang);
  }
  removeEmptyDefaultSheet(ss, report);
  let wb = Workbook.open(ss, rememberLayout(ss, lang));
  report.holdingsRebuilt = rebuildHoldings(wb);
  report.closedDays = fillClosedDays(wb);
  if (report.closedDays) {
    forgetLayout(['closed']);
    wb = Workbook.open(ss);
  }
  fillDuties(wb);
  ensureChangeTrigger();
  return report;
}

/**
 * When the librarian changed the language on the Settings sheet by hand, the dropdown lists still
 * hold the old labels and would refuse the new ones: set the workbook up in the new language first.
 * Call under the document lock, before writing. Returns the workbook to work on.
 */
export function applyLanguageIfChanged(wb: Workbook): Workbook {
  const applied = wb.layout.appliedLang;
  if (applied === null) {
    // A workbook set up before this was recorded: take its lists as they are, and remember.
    rememberAppliedLanguage(wb.lang);
    return wb;
  }
  if (applied === wb.lang) return wb;
  setUpWorkbook(wb.ss, wb.lang, true);
  return Workbook.open(wb.ss);
}

/** Empty columns a new sheet keeps beyond the library's (the librarian may add her own; Sheets grows it). */
const SPARE_COLUMNS = 2;

function ensureSheet(
  ss: Spreadsheet,
  def: SheetDef,
  lang: Lang,
  report: SetupReport,
): { sheet: Sheet; columns: Map<string, number> } {
  const labels = def.columns.map((c) => t(lang, headerKey(def.key, c.key)));
  const existing = findSheet(ss, def.key, lang);
  if (!existing) {
    const name = t(lang, sheetNameKey(def.key));
    const sheet = ss.insertSheet(name);
    const max = sheet.getMaxColumns();
    if (max < labels.length) sheet.insertColumnsAfter(max, labels.length - max);
    // A new sheet comes with 26 columns; every empty one counts against the spreadsheet's ten million
    // cells on each of its rows (a quarter of a million loans × 15 unused columns = 3.75 million):
    // keep the library's columns and a couple for the librarian's own.
    else if (max > labels.length + SPARE_COLUMNS)
      sheet.deleteColumns(labels.length + SPARE_COLUMNS + 1, max - labels.length - SPARE_COLUMNS);
    sheet.getRange(1, 1, 1, labels.length).setNumberFormat('@').setValues([labels]);
    report.createdSheets.push(name);
    return { sheet, columns: new Map(def.columns.map((c, i) => [c.key, i])) };
  }
  const name = existing.getName();
  const width = existing.getLastColumn();
  const top =
    width > 0 ? existing.getRange(1, 1, Math.min(3, Math.max(1, existing.getLastRow())), width).getValues() : [[]];
  checkHeaderRow(def, top, name);
  const columns = mapHeader(def, top[0], name);
  const missing = def.columns.filter((c) => !columns.has(c.key));
  if (missing.length > 0) {
    // New columns go after the librarian's last one: nothing the librarian arranged moves.
    const needed = width + missing.length - existing.getMaxColumns();
    if (needed > 0) existing.insertColumnsAfter(existing.getMaxColumns(), needed);
    existing
      .getRange(1, width + 1, 1, missing.length)
      .setNumberFormat('@')
      .setValues([missing.map((c) => t(lang, headerKey(def.key, c.key)))]);
    missing.forEach((c, i) => {
      columns.set(c.key, width + i);
      report.addedColumns.push(`${name}: ${t(lang, headerKey(def.key, c.key))}`);
    });
  }
  return { sheet: existing, columns };
}

function validationFor(
  col: ColumnDef,
  lang: Lang,
  classRange: GoogleAppsScript.Spreadsheet.Range | null,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const b = SpreadsheetApp.newDataValidation();
  switch (col.type) {
    case 'enum': {
      const e = col.enum!;
      const labels = ENUMS[e].map((code) => t(lang, enumKey(e, code)));
      return b.requireValueInList(labels, true).setAllowInvalid(false).setHelpText(t(lang, 'setup.listHelp')).build();
    }
    case 'class':
      return classRange
        ? // A warning, not a refusal: a pupil's class may be typed before the Classes sheet lists it.
          b.requireValueInRange(classRange, true).setAllowInvalid(true).setHelpText(t(lang, 'setup.listHelp')).build()
        : null;
    case 'date':
    case 'datetime':
      // A column that takes dates as people write them ("10.11-02.12") warns instead of refusing.
      return b.requireDate().setAllowInvalid(!!col.asWritten).setHelpText(t(lang, 'setup.dateHelp')).build();
    case 'email':
      return b.requireTextIsEmail().setAllowInvalid(true).setHelpText(t(lang, 'setup.emailHelp')).build();
    default:
      return null;
  }
}

function formatSheet(
  sheet: Sheet,
  def: SheetDef,
  columns: Map<string, number>,
  lang: Lang,
  classRange: GoogleAppsScript.Spreadsheet.Range | null,
): void {
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const col of def.columns) {
    const c = columns.get(col.key)! + 1;
    const body = sheet.getRange(2, c, rows, 1);
    body.setNumberFormat(NUMBER_FORMATS[col.type]);
    const rule = validationFor(col, lang, classRange);
    if (rule) body.setDataValidation(rule);
  }
  const width = Math.max(...columns.values()) + 1;
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  protectHeader(sheet, width, lang);
  const onLoan = def.key === 'readers' ? columns.get('onLoan') : undefined;
  if (onLoan !== undefined) keepHoldingsColumn(sheet, onLoan + 1, lang);
  for (const col of def.columns) if (col.kept) keepScriptColumn(sheet, (columns.get(col.key) as number) + 1, lang);
}

/** A column the script keeps (what the calendar sync last wrote): hidden, protected with a warning. */
function keepScriptColumn(sheet: Sheet, column: number, lang: Lang): void {
  sheet.hideColumns(column);
  const descriptions = allLanguages('setup.keptProtected');
  const range = sheet.getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1);
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (descriptions.includes(p.getDescription()) && p.getRange().getColumn() === column) p.remove();
  }
  range.protect().setDescription(t(lang, 'setup.keptProtected')).setWarningOnly(true);
}

/**
 * The readers' "On loan" cells are the desk's record, not the librarian's to type into: hidden, and
 * protected with a warning (the desk and Setup keep them; Check the workbook compares them).
 */
function keepHoldingsColumn(sheet: Sheet, column: number, lang: Lang): void {
  sheet.hideColumns(column);
  const descriptions = allLanguages('setup.holdingsProtected');
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (descriptions.includes(p.getDescription())) p.remove();
  }
  sheet
    .getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1)
    .protect()
    .setDescription(t(lang, 'setup.holdingsProtected'))
    .setWarningOnly(true);
}

/** The header row names the columns the script looks for: a warning keeps it from being edited by accident. */
function protectHeader(sheet: Sheet, width: number, lang: Lang): void {
  const descriptions = allLanguages('setup.headerProtected');
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => descriptions.includes(p.getDescription()));
  for (const p of ours) p.remove();
  sheet.getRange(1, 1, 1, width).protect().setDescription(t(lang, 'setup.headerProtected')).setWarningOnly(true);
}

function protectGenerated(sheet: Sheet, lang: Lang): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  const p = existing[0] ?? sheet.protect();
  p.setDescription(t(lang, 'setup.protected')).setWarningOnly(true);
}

function seedSettings(sheet: Sheet, lang: Lang): string[] {
  const table = Table.open(sheet, SHEETS.find((s) => s.key === 'settings')!, lang);
  const present = new Set(table.readAll().rows.map((r) => table.text(r, 'key')));
  const missing = SETTING_DEFAULTS.filter((s) => !present.has(s.key));
  if (missing.length === 0) return [];
  table.append(
    missing.map((s) => ({
      key: s.key,
      value: s.key === 'language' ? lang : s.value,
      note: t(lang, settingNoteKey(s.key)),
    })),
  );
  return missing.map((s) => s.key);
}

function removeEmptyDefaultSheet(ss: Spreadsheet, report: SetupReport): void {
  if (report.createdSheets.length === 0) return;
  for (const sheet of ss.getSheets()) {
    if (DEFAULT_SHEET.test(sheet.getName()) && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) {
      ss.deleteSheet(sheet);
    }
  }
}
