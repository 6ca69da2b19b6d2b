/**
 * A language switch that finishes: everything the library wrote as a label is rewritten in the new
 * language together — sheet names, headers, the settings' explanations, dropdown labels and statuses,
 * the Log's action names. Only cells that hold one of our labels in another language change; the
 * librarian's own text, formulas and columns stay as they are.
 */
import { allLanguages, type Lang, type MessageKey, messageKeys, normalise, t } from '../messages';
import { ENUMS, enumKey, headerKey, SHEETS, type SheetDef, sheetNameKey } from '../schema';
import { SETTING_DEFAULTS, settingNoteKey } from '../settings';
import { FORMER_SHEET_NAMES, sheetNames } from '../sheets/sheet-lookup';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** label in any language (normalised) → the label in `lang`, for a set of catalogue keys. */
export function labelMap(
  keys: MessageKey[],
  lang: Lang,
  extra: (key: MessageKey) => string[] = () => [],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of keys) {
    const current = t(lang, key);
    for (const label of [...extra(key), ...allLanguages(key)]) map.set(normalise(label), current);
  }
  return map;
}

/**
 * Renames our sheets named in another language (or, with `formerOnly`, only those under a name an
 * earlier version gave them); a name already taken by another sheet is left alone.
 */
export function renameSheets(ss: Spreadsheet, lang: Lang, formerOnly = false): number {
  let renamed = 0;
  for (const def of SHEETS) {
    const former = FORMER_SHEET_NAMES[def.key] ?? [];
    if (formerOnly && former.length === 0) continue;
    const current = t(lang, sheetNameKey(def.key));
    if (ss.getSheetByName(current)) continue;
    for (const name of formerOnly ? former : sheetNames(def, lang)) {
      const sheet = name === current ? null : ss.getSheetByName(name);
      if (sheet) {
        sheet.setName(current);
        renamed++;
        break;
      }
    }
  }
  return renamed;
}

/**
 * Rewrites, in column `column` (1-based) below the header, the cells whose text `map` knows and that
 * differ from the current label: only those cells, in runs of neighbours.
 */
export function translateColumn(
  sheet: Sheet,
  column: number,
  map: Map<string, string> | ((text: string) => string | undefined),
): number {
  const lookup = typeof map === 'function' ? map : (v: string) => map.get(normalise(v));
  const last = sheet.getLastRow();
  if (last < 2) return 0;
  const values = sheet.getRange(2, column, last - 1, 1).getValues();
  let changed = 0;
  let run: string[][] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length) sheet.getRange(runStart + 2, column, run.length, 1).setValues(run);
    run = [];
  };
  values.forEach(([v], i) => {
    const target = typeof v === 'string' && v !== '' ? lookup(v) : undefined;
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
  return changed;
}

/** Dropdown values written in another language are rewritten in the current one, so the lists match. */
export function translateChoices(sheet: Sheet, def: SheetDef, columns: Map<string, number>, lang: Lang): number {
  let changed = 0;
  for (const col of def.columns) {
    if (col.type !== 'enum' || !col.enum) continue;
    const e = col.enum;
    const map = labelMap(
      ENUMS[e].map((code) => enumKey(e, code)),
      lang,
      (key) => [key.split('.').pop() ?? ''],
    );
    changed += translateColumn(sheet, (columns.get(col.key) ?? 0) + 1, map);
  }
  return changed;
}

/** The header cells that hold our label in another language, rewritten in `lang` (one write when any). */
export function translateHeader(sheet: Sheet, def: SheetDef, columns: Map<string, number>, lang: Lang): number {
  const width = Math.max(0, ...columns.values()) + 1;
  const header = sheet.getRange(1, 1, 1, width).getValues()[0];
  let changed = 0;
  for (const col of def.columns) {
    const i = columns.get(col.key);
    if (i === undefined) continue;
    const current = t(lang, headerKey(def.key, col.key));
    const labels = allLanguages(headerKey(def.key, col.key)).map(normalise);
    if (header[i] !== current && labels.includes(normalise(header[i]))) {
      header[i] = current;
      changed++;
    }
  }
  if (changed > 0) sheet.getRange(1, 1, 1, width).setValues([header]);
  return changed;
}

/** The settings' explanations in `lang` (an explanation the librarian wrote herself stays). */
export function translateSettingNotes(sheet: Sheet, columns: Map<string, number>, lang: Lang): number {
  const k = columns.get('key');
  const n = columns.get('note');
  const last = sheet.getLastRow();
  if (k === undefined || n === undefined || last < 2) return 0;
  const keys = sheet.getRange(2, k + 1, last - 1, 1).getValues();
  const notes = sheet.getRange(2, n + 1, last - 1, 1).getValues();
  const known = new Set(SETTING_DEFAULTS.map((s) => s.key));
  let changed = 0;
  const out = notes.map(([note], i) => {
    const key = String(keys[i][0] ?? '').trim();
    if (!known.has(key)) return [note];
    const current = t(lang, settingNoteKey(key));
    const ours = allLanguages(settingNoteKey(key)).map(normalise);
    if (note !== current && (String(note ?? '').trim() === '' || ours.includes(normalise(note)))) {
      changed++;
      return [current];
    }
    return [note];
  });
  if (changed > 0) sheet.getRange(2, n + 1, out.length, 1).setValues(out);
  return changed;
}

/** The Log's action names in `lang`. */
export function translateLogActions(sheet: Sheet, columns: Map<string, number>, lang: Lang): number {
  const a = columns.get('action');
  if (a === undefined) return 0;
  const keys = messageKeys().filter((k) => /^log\.[A-Za-z]+$/.test(k)) as MessageKey[];
  return translateColumn(sheet, a + 1, labelMap(keys, lang));
}
