/**
 * What the librarian's own edits tell the library. The simple `onEdit` trigger drops the parts of the
 * saved layout an edit made stale (a header, the settings, the closed days, the classes, the
 * catalogue's cached titles) and flags, with a note on the cell, a pupil's class that is not on the
 * Classes sheet. The installable `onChange` trigger drops the column maps on a structural change.
 * Both are quick: no whole-sheet read.
 */

import { ClassIndex } from '../domain/class-names';
import { allLanguages, t } from '../messages';
import { SHEETS, type SheetKey, sheetNameKey } from '../schema';
import { parseSettings } from '../settings';
import { forgetLayout, type LayoutPart, loadLayout } from './layout';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Our sheet a name belongs to, in any language (no call). */
export function sheetKeyOf(name: string): SheetKey | null {
  for (const def of SHEETS) if (allLanguages(sheetNameKey(def.key)).includes(name)) return def.key;
  return null;
}

const PARTS: Partial<Record<SheetKey, LayoutPart>> = {
  settings: 'settings',
  schedule: 'closed',
  classes: 'classes',
  titles: 'catalogue',
};

export function handleEdit(e: { range?: Range } | undefined): void {
  // A simple trigger has nobody to tell: whatever goes wrong here is logged, and the edit stands.
  try {
    editSeen(e);
  } catch (err) {
    console.warn(`onEdit: ${String((err as Error)?.message ?? err)}`);
  }
}

function editSeen(e: { range?: Range } | undefined): void {
  const range = e?.range;
  if (!range) return;
  const key = sheetKeyOf(range.getSheet().getName());
  if (!key) return;
  const parts: LayoutPart[] = [];
  if (range.getRow() === 1) parts.push('sheets');
  const part = PARTS[key];
  if (part) parts.push(part);
  if (parts.length > 0) forgetLayout(parts);
  if (key === 'readers') flagUnknownClasses(range);
}

/**
 * A class typed on the Readers sheet that is not on the Classes sheet gets a note saying so (and a
 * corrected one loses it): the pupil would otherwise be left out of the class's lists unnoticed.
 */
function flagUnknownClasses(range: Range): void {
  const layout = loadLayout(range.getSheet().getParent());
  const col = layout.sheets.readers?.columns.class;
  if (col === undefined) return;
  const first = range.getColumn();
  const last = first + range.getNumColumns() - 1;
  if (col + 1 < first || col + 1 > last) return;
  const top = Math.max(range.getRow(), 2);
  const bottom = range.getRow() + range.getNumRows() - 1;
  if (bottom < top) return;
  const cells = range.getSheet().getRange(top, col + 1, bottom - top + 1, 1);
  const classes = new ClassIndex(layout.classes);
  const lang = parseSettings(new Map(Object.entries(layout.settings))).language;
  const notes = cells.getValues().map(([v]) => {
    const name = String(v ?? '').trim();
    if (name === '' || classes.find(name)) return [''];
    return [t(lang, 'note.classUnknown', { class: name })];
  });
  cells.setNotes(notes);
}

/** The installable onChange trigger: a structural change drops the column maps (and the lists a removed row changes). */
export function handleChange(e: { changeType?: string } | undefined): void {
  try {
    changeSeen(String(e?.changeType ?? 'OTHER'));
  } catch (err) {
    console.warn(`onChange: ${String((err as Error)?.message ?? err)}`);
  }
}

function changeSeen(type: string): void {
  if (['INSERT_COLUMN', 'REMOVE_COLUMN', 'INSERT_GRID', 'REMOVE_GRID', 'OTHER'].includes(type)) {
    forgetLayout(['sheets', 'settings', 'closed', 'classes']);
  } else if (type === 'INSERT_ROW' || type === 'REMOVE_ROW') {
    forgetLayout(['settings', 'closed', 'classes', 'catalogue']);
  }
}
