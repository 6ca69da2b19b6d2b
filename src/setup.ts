/**
 * "Set up workbook": creates every sheet the library needs, with headers, a frozen header row,
 * number formats, dropdowns and protections. Idempotent: on a workbook that holds data it only adds
 * what is missing; it never deletes, duplicates or reorders the librarian's rows or columns.
 */
import { allLanguages, type Lang, normalise, t } from './i18n';
import {
  type ColumnDef,
  ENUMS,
  enumKey,
  headerKey,
  NUMBER_FORMATS,
  SHEETS,
  type SheetDef,
  sheetNameKey,
} from './schema';
import { SETTING_DEFAULTS, settingNoteKey } from './settings';
import { mapHeader, Table } from './sheets/table';
import { findSheet } from './sheets/workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
  createdSheets: string[];
  addedColumns: string[];
  addedSettings: string[];
  translatedCells: number;
}

/** The sheets Google creates in a new spreadsheet, in the languages our users see. */
const DEFAULT_SHEET = /^(sheet|лист|парақ|бет)\s?1$/i;

export function setUpWorkbook(ss: Spreadsheet, lang: Lang): SetupReport {
  const report: SetupReport = { createdSheets: [], addedColumns: [], addedSettings: [], translatedCells: 0 };
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
    report.translatedCells += translateChoices(sheet, def, columns, lang);
    if (def.generated) protectGenerated(sheet, lang);
  }
  report.addedSettings = seedSettings(sheets.get('settings')!, lang);
  removeEmptyDefaultSheet(ss, report);
  PropertiesService.getDocumentProperties().setProperty(SETUP_LANGUAGE, lang);
  return report;
}

/** Document property: the language whose dropdown lists the workbook carries. */
const SETUP_LANGUAGE = 'setupLanguage';

/**
 * When the librarian changed the language on the Settings sheet by hand, the dropdown lists still
 * hold the old labels and would refuse the new ones: set the workbook up in the new language first.
 * Call under the document lock, before writing.
 */
export function applyLanguageIfChanged(ss: Spreadsheet, lang: Lang): void {
  const props = PropertiesService.getDocumentProperties();
  const applied = props.getProperty(SETUP_LANGUAGE);
  // A workbook set up before this was recorded: take its lists as they are, and remember.
  if (applied === null) props.setProperty(SETUP_LANGUAGE, lang);
  else if (applied !== lang) setUpWorkbook(ss, lang);
}

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
    if (sheet.getMaxColumns() < labels.length)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), labels.length - sheet.getMaxColumns());
    sheet.getRange(1, 1, 1, labels.length).setNumberFormat('@').setValues([labels]);
    report.createdSheets.push(name);
    return { sheet, columns: new Map(def.columns.map((c, i) => [c.key, i])) };
  }
  const name = existing.getName();
  const width = existing.getLastColumn();
  const header = width > 0 ? existing.getRange(1, 1, 1, width).getValues()[0] : [];
  const columns = mapHeader(def, header, name);
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
      return b.requireDate().setAllowInvalid(false).setHelpText(t(lang, 'setup.dateHelp')).build();
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

/** Dropdown values written in another language are rewritten in the current one, so the lists match. */
function translateChoices(sheet: Sheet, def: SheetDef, columns: Map<string, number>, lang: Lang): number {
  const last = sheet.getLastRow();
  if (last < 2) return 0;
  let changed = 0;
  for (const col of def.columns) {
    if (col.type !== 'enum') continue;
    const e = col.enum!;
    const toCurrent = new Map<string, string>();
    for (const code of ENUMS[e]) {
      const current = t(lang, enumKey(e, code));
      for (const label of [code, ...allLanguages(enumKey(e, code))]) toCurrent.set(normalise(label), current);
    }
    const column = columns.get(col.key)! + 1;
    const values = sheet.getRange(2, column, last - 1, 1).getValues();
    // Only the cells that change are written, in runs of neighbours: nothing else is touched.
    let run: string[][] = [];
    let runStart = 0;
    const flush = () => {
      if (run.length) sheet.getRange(runStart + 2, column, run.length, 1).setValues(run);
      run = [];
    };
    values.forEach(([v], i) => {
      const target = typeof v === 'string' && v !== '' ? toCurrent.get(normalise(v)) : undefined;
      if (target === undefined || target === v) {
        flush();
        return;
      }
      if (run.length === 0 || runStart + run.length !== i) {
        flush();
        runStart = i;
      }
      run.push([target]);
      changed++;
    });
    flush();
  }
  return changed;
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
