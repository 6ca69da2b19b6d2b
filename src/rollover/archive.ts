/**
 * The archive spreadsheet: the library's own spreadsheet, created by the first rollover that has
 * loans to archive (its id in Settings, archiveId), holding one sheet of loans with the Loans sheet's
 * columns and the day each was archived. Its id is saved at once; a run stopped in the moment between
 * creating it and saving its id leaves that new, empty spreadsheet in Drive, and the re-run makes
 * another (finding the first again would need a Drive scope that sees every file of the librarian's).
 */
import type { DayKey } from '../dates';
import { LibraryError } from '../errors';
import { allLanguages, normalise, t } from '../messages';
import { NUMBER_FORMATS, sheetDef, sheetNameKey } from '../schema';
import { choiceCode } from '../sheets/choices';
import { dayOf } from '../sheets/dates';
import { forgetLayout } from '../sheets/layout';
import { mapHeader } from '../sheets/sheet-lookup';
import { type Cell, Table } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';
import { type ArchiveInfo, type RolloverRun, saveRun } from './state';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows written to the archive by one setValues. */
export const ARCHIVE_CHUNK = 5_000;

/** The archive's name: the library's and this workbook's id, so a run finds its own again. */
export function archiveName(wb: Workbook): string {
  const library = wb.settings.libraryName || wb.ss.getName();
  return `${t(wb.lang, 'rollover.archiveName', { library })} · ${wb.ss.getId()}`;
}

/** Opens the archive of Settings or of the run, finds the one a stopped run created, or creates it. */
export function openArchive(wb: Workbook, run: RolloverRun, known: string): Spreadsheet {
  const id = wb.settings.rollover.archiveId || run.archiveId || known;
  let ss: Spreadsheet | null = null;
  if (id) {
    try {
      ss = SpreadsheetApp.openById(id);
    } catch {
      throw new LibraryError('rollover.archiveMissing', { id });
    }
  }
  if (!ss) {
    run.creating = archiveName(wb);
    saveRun(run);
    ss = SpreadsheetApp.create(run.creating);
  }
  if (run.archiveId !== ss.getId()) {
    run.archiveId = ss.getId();
    saveRun(run);
  }
  if (wb.settings.rollover.archiveId !== run.archiveId) writeArchiveId(wb, run.archiveId);
  return ss;
}

/** The archive's id in Settings (archiveId), where the librarian sees it. */
function writeArchiveId(wb: Workbook, id: string): void {
  const settings = wb.table('settings').require('key', 'value');
  const { rows, firstRow } = settings.readAll();
  const i = rows.findIndex((r) => settings.text(r, 'key') === 'archiveId');
  if (i >= 0) settings.update(firstRow + i, { value: id });
  else settings.append([{ key: 'archiveId', value: id }]);
  forgetLayout(['settings']);
}

export interface ArchiveSheet {
  sheet: Sheet;
  header: string[];
  lastRow: number;
  maxRows: number;
}

/**
 * The archive's sheet of loans, with the Loans sheet's header and the "archived" column: the first
 * sheet of a new archive is named and headed (text columns plain text, dates as dates); a Loans
 * column the archive does not have yet is added at its end.
 */
export function archiveSheet(wb: Workbook, ss: Spreadsheet, loansHeader: string[]): ArchiveSheet {
  const name = t(wb.lang, sheetNameKey('loans'));
  let sheet = ss.getSheetByName(name);
  if (!sheet) {
    sheet = ss.getSheets()[0];
    sheet.setName(name);
  }
  const width = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  const header = width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[]).map(String) : [];
  const archived = t(wb.lang, 'rollover.col.archived');
  const archivedCol = archivedColumn(header);
  const from = loansColumnsOf(header, loansHeader);
  const missing = [
    ...loansHeader.filter((h, j) => String(h).trim() !== '' && !from.includes(j)),
    ...(archivedCol < 0 ? [archived] : []),
  ];
  if (missing.length > 0) {
    const all = [...header, ...missing];
    if (sheet.getMaxColumns() < all.length) {
      sheet.insertColumnsAfter(sheet.getMaxColumns(), all.length - sheet.getMaxColumns());
    }
    const def = sheetDef('loans');
    const types = mapHeader(def, all, name);
    const formats = all.map((_, i) => {
      const key = [...types.entries()].find(([, j]) => j === i)?.[0];
      const col = key ? def.columns.find((c) => c.key === key) : undefined;
      return all[i] === archived && i >= header.length ? NUMBER_FORMATS.date : NUMBER_FORMATS[col?.type ?? 'text'];
    });
    // A new spreadsheet's sheet has 26 columns: the ones past the header would hold empty cells that
    // count against its ten million, so a new archive keeps only its own.
    if (header.length === 0 && sheet.getMaxColumns() > all.length) {
      sheet.deleteColumns(all.length + 1, sheet.getMaxColumns() - all.length);
    }
    const max = sheet.getMaxRows();
    sheet.getRange(1, 1, max, all.length).setNumberFormats(Array.from({ length: max }, () => formats.slice()));
    sheet.getRange(1, 1, 1, all.length).setValues([all]);
    if (header.length === 0) sheet.setFrozenRows(1);
    return { sheet, header: all, lastRow: Math.max(1, lastRow), maxRows: max };
  }
  return { sheet, header, lastRow: Math.max(1, lastRow), maxRows: sheet.getMaxRows() };
}

/** The archive's "Archived" column, named in any language (-1: none yet). */
function archivedColumn(header: string[]): number {
  const names = new Set(allLanguages('rollover.col.archived').map(normalise));
  return header.findIndex((h) => names.has(normalise(h)));
}

/**
 * For each archive column, the Loans column it takes its cells from (-1: none, or the day archived):
 * the library's columns by their key, whatever language either header is in; the librarian's own by
 * their header's text.
 */
function loansColumnsOf(header: string[], loansHeader: string[]): number[] {
  const def = sheetDef('loans');
  const keyOf = (names: string[]) => {
    const byIndex = new Map<number, string>();
    for (const [k, i] of mapHeader(def, names, '')) byIndex.set(i, k);
    return byIndex;
  };
  const archiveKeys = keyOf(header);
  const loansKeys = keyOf(loansHeader);
  const archivedCol = archivedColumn(header);
  return header.map((h, i) => {
    if (i === archivedCol) return -1;
    const key = archiveKeys.get(i);
    if (key) return [...loansKeys.entries()].find(([, k]) => k === key)?.[0] ?? -1;
    return loansHeader.findIndex((x, j) => !loansKeys.has(j) && normalise(x) === normalise(h));
  });
}

/** The loan ids the archive holds (one read of its id column). */
export function archivedIds(a: ArchiveSheet): Set<string> {
  const col = mapHeader(sheetDef('loans'), a.header, a.sheet.getName()).get('loanId') ?? -1;
  if (col < 0 || a.lastRow < 2) return new Set();
  const values = a.sheet.getRange(2, col + 1, a.lastRow - 1, 1).getValues();
  return new Set(values.map((r) => String(r[0]).trim()).filter(Boolean));
}

/**
 * Appends Loans rows (as read, whole) to the archive, each with the day it was archived, in blocks of
 * ARCHIVE_CHUNK rows: each block one setValues, so a run stopped between blocks has archived whole
 * rows only, and the next run skips the ones already there. `more` says whether time is left.
 */
export function appendToArchive(
  a: ArchiveSheet,
  loansHeader: string[],
  rows: Cell[][],
  archived: Date,
  more: () => boolean,
): number {
  const at = loansColumnsOf(a.header, loansHeader);
  const archivedCol = archivedColumn(a.header);
  const formats = a.sheet.getRange(2, 1, 1, a.header.length).getNumberFormats()[0];
  let written = 0;
  for (let i = 0; i < rows.length && more(); i += ARCHIVE_CHUNK) {
    const block = rows
      .slice(i, i + ARCHIVE_CHUNK)
      .map((r) => at.map((j, i) => (i === archivedCol ? archived : j < 0 ? '' : (r[j] ?? ''))));
    const first = a.lastRow + 1;
    const need = first + block.length - 1 - a.maxRows;
    if (need > 0) {
      a.sheet.insertRowsAfter(a.maxRows, need);
      a.maxRows += need;
    }
    const range = a.sheet.getRange(first, 1, block.length, a.header.length);
    range.setNumberFormats(block.map(() => formats.slice()));
    range.setValues(block);
    a.lastRow += block.length;
    written += block.length;
  }
  return written;
}

/** Where the reports find the archive's loans (its columns as the Loans sheet's keys). */
export function archiveInfo(a: ArchiveSheet, id: string, before: DayKey): ArchiveInfo {
  const columns = Object.fromEntries(mapHeader(sheetDef('loans'), a.header, a.sheet.getName()));
  return { id, sheet: a.sheet.getName(), columns, width: a.header.length, before };
}

export interface ArchivedLoan {
  loanId: string;
  inventory: string;
  reader: string;
  issued: DayKey | null;
  returned: DayKey | null;
  status: 'returned' | 'open' | 'lost' | 'replaced' | null;
}

/** The archive's loans, for a report that reaches back before what the Loans sheet holds (two calls). */
export function readArchivedLoans(wb: Workbook, info: ArchiveInfo): ArchivedLoan[] {
  let ss: Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(info.id);
  } catch {
    throw new LibraryError('rollover.archiveMissing', { id: info.id });
  }
  const sheet = ss.getSheetByName(info.sheet);
  if (!sheet) throw new LibraryError('rollover.archiveMissing', { id: info.id });
  const table = Table.fromLayout(sheet, sheetDef('loans'), wb.lang, {
    name: info.sheet,
    columns: info.columns,
    width: info.width,
  });
  const tz = wb.timeZone;
  const out: ArchivedLoan[] = [];
  for (const row of table.readColumnsOnce('loanId', 'inventory', 'reader', 'issued', 'returned', 'status').rows) {
    const inventory = table.text(row, 'inventory');
    if (!inventory) continue;
    out.push({
      loanId: table.text(row, 'loanId'),
      inventory,
      reader: table.text(row, 'reader'),
      issued: dayOf(table.get(row, 'issued'), tz),
      returned: dayOf(table.get(row, 'returned'), tz),
      status: table.has('status') ? choiceCode('loanStatus', table.get(row, 'status')) : null,
    });
  }
  return out;
}
