/**
 * The year-end rollover, step by step, each step resumable: the readers moved up and the graduates
 * marked left (one write), the Classes rows moved up (one write), the old returned loans copied to
 * the archive (blocks of whole rows; a loan already there is never written again) and then taken off
 * the Loans sheet (only loans the archive holds), the history and the Log. The run's state in the
 * document properties says which steps are done, so a run stopped anywhere is finished by the next.
 */
import { type DayKey, showDay } from '../dates';
import { schoolYearLabel } from '../domain/report-periods';
import {
  archiveBoundary,
  graduationYearOf,
  loansToArchive,
  type RolloverDone,
  rolloverYearOf,
} from '../domain/rollover';
import { LibraryError } from '../errors';
import { t } from '../messages';
import { choiceCode } from '../sheets/choices';
import { dateFor, dayOf, today } from '../sheets/dates';
import { forgetLayout } from '../sheets/layout';
import { actionLabel, logAction } from '../sheets/log';
import type { Cell } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';
import { appendToArchive, archivedIds, archiveInfo, archiveSheet, openArchive } from './archive';
import { fingerprint, planClasses, planReaders, type SheetMove, writeMove } from './promote';
import { type RolloverHistory, type RolloverRun, readHistory, readRun, saveBoth, saveRun } from './state';

/** A run stops itself after this long and says so: the next run goes on (Apps Script stops one at 6 minutes). */
const TIME_BUDGET_MS = 4.5 * 60_000;

export interface RolloverPlan {
  run: RolloverRun;
  history: RolloverHistory;
  resuming: boolean;
}

/** The rollover to do now: the one under way, else this summer's; a refusal outside the summer or when done. */
export function rolloverNow(wb: Workbook): RolloverPlan {
  const history = readHistory();
  const run = readRun();
  if (run) return { run, history, resuming: true };
  const day = today(wb.timeZone);
  const year = rolloverYearOf(day);
  if (year === null) {
    const y = Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 6 ? 1 : 0);
    throw new LibraryError('rollover.notSummer', {
      year: schoolYearLabel(y),
      from: `01.06.${y + 1}`,
      to: `31.08.${y + 1}`,
    });
  }
  if (history.done.some((d) => d.year === year)) {
    throw new LibraryError('rollover.alreadyDone', { year: schoolYearLabel(year) });
  }
  const keep = wb.settings.rollover.archiveAfterYears;
  return { run: { year, day, boundary: archiveBoundary(year, keep) }, history, resuming: false };
}

export interface RolloverPreview {
  year: string;
  up: number;
  graduates: number;
  classes: number;
  loans: number;
  before: string;
  resuming: boolean;
}

interface LoanRows {
  header: string[];
  rows: Cell[][];
  firstRow: number;
  /** The rows to archive, with their loan ids. */
  old: Array<{ index: number; loanId: string }>;
}

function oldLoans(wb: Workbook, boundary: DayKey): LoanRows {
  const t = wb.table('loans').require('loanId', 'issued', 'returned', 'status');
  const { rows, firstRow } = t.readAll();
  const header = (t.sheet.getRange(1, 1, 1, t.width).getValues()[0] as Cell[]).map(String);
  const tz = wb.timeZone;
  const loans = rows.map((r, index) => ({
    index,
    loanId: t.text(r, 'loanId'),
    status: choiceCode('loanStatus', t.get(r, 'status')),
    issued: dayOf(t.get(r, 'issued'), tz),
    returned: dayOf(t.get(r, 'returned'), tz),
  }));
  return {
    header,
    rows,
    firstRow,
    old: loansToArchive(loans, boundary).map((l) => ({ index: l.index, loanId: l.loanId.trim() })),
  };
}

/** What the confirmation names: the school year, the pupils moved up and graduating, the loans to archive. */
export function previewRollover(wb: Workbook, plan: RolloverPlan): RolloverPreview {
  const { run } = plan;
  // An archive named in Settings that cannot be opened is refused before anything is written.
  const known = wb.settings.rollover.archiveId || run.archiveId || plan.history.archive?.id || '';
  if (known && !run.archived) {
    try {
      SpreadsheetApp.openById(known);
    } catch {
      throw new LibraryError('rollover.archiveMissing', { id: known });
    }
  }
  const readers = planReaders(wb, run.year, run.day);
  const moved =
    run.readersDone ||
    readers.before.some((r) => isGraduated(r, run.year, readers.table.index('class') - readers.from));
  const classes = planClasses(wb, run.year);
  return {
    year: schoolYearLabel(run.year),
    up: moved ? 0 : readers.up,
    graduates: moved ? 0 : readers.graduates,
    classes: run.classesDone ? 0 : classes.up + classes.graduates,
    loans: run.archived ? 0 : oldLoans(wb, run.boundary).old.length,
    before: showDay(run.boundary),
    resuming: plan.resuming,
  };
}

const isGraduated = (row: Cell[], year: number, col: number) => graduationYearOf(String(row[col] ?? '')) === year + 1;

export interface RolloverOutcome {
  finished: boolean;
  /** Loans written to the archive and taken off the Loans sheet by this execution. */
  archived: number;
  removed: number;
}

/**
 * Writes a sheet's planned move once: the fingerprint the rows will have is saved (by `save`) before
 * the write, so a run stopped after it finds the rows already moved (or a graduate's year in a class)
 * and does not move them again.
 */
function moveOnce(
  wb: Workbook,
  m: SheetMove,
  year: number,
  savedAfter: string | undefined,
  save: (after: string) => void,
): void {
  const col = m.table.index('class') - m.from;
  const written = fingerprint(m.before, wb.timeZone) === savedAfter || m.before.some((r) => isGraduated(r, year, col));
  if (written) return;
  save(fingerprint(m.after, wb.timeZone));
  writeMove(m);
}

/** Runs (or goes on with) the rollover; under the document lock. */
export function runRollover(wb: Workbook, plan: RolloverPlan): RolloverOutcome {
  const started = Date.now();
  const more = () => Date.now() - started < TIME_BUDGET_MS;
  const { run, history } = plan;
  const out: RolloverOutcome = { finished: false, archived: 0, removed: 0 };
  if (!plan.resuming) saveRun(run);

  if (!run.readersDone) {
    const m = planReaders(wb, run.year, run.day);
    moveOnce(wb, m, run.year, run.readersAfter, (after) => {
      run.readersAfter = after;
      run.up = m.up;
      run.graduates = m.graduates;
      saveRun(run);
    });
    run.readersDone = true;
    saveRun(run);
  }

  if (!run.classesDone) {
    const m = planClasses(wb, run.year);
    moveOnce(wb, m, run.year, run.classesAfter, (after) => {
      run.classesAfter = after;
      run.classes = m.classes;
      saveRun(run);
    });
    // A script's write fires no onEdit: the saved layout's classes are dropped here (rebuilt on demand).
    forgetLayout(['classes']);
    run.classesDone = true;
    const done: RolloverDone = { year: run.year, day: run.day, classes: run.classes ?? [] };
    if (!history.done.some((d) => d.year === run.year)) history.done.push(done);
    saveBoth(history, run);
  }

  if (!run.archived) {
    const loans = oldLoans(wb, run.boundary);
    if (loans.old.length > 0) {
      if (!more()) return out;
      const ss = openArchive(wb, run, history.archive?.id ?? '');
      const a = archiveSheet(wb, ss, loans.header);
      const have = archivedIds(a);
      const fresh = loans.old.filter((l) => !have.has(l.loanId));
      const written = appendToArchive(
        a,
        loans.header,
        fresh.map((l) => loans.rows[l.index]),
        dateFor(run.day, wb.timeZone),
        more,
      );
      out.archived = written;
      run.loans ??= loans.old.length;
      for (const l of fresh.slice(0, written)) have.add(l.loanId);
      history.archive = archiveInfo(a, ss.getId(), laterOf(history.archive?.before, run.boundary));
      saveBoth(history, run);
      if (written < fresh.length) return out;
      // Off the Loans sheet, from the bottom up (the rows above keep their numbers): only loans the archive holds.
      const rows = loans.old.filter((l) => have.has(l.loanId)).map((l) => loans.firstRow + l.index);
      const sheet = wb.table('loans').sheet;
      for (const [first, count] of runsOf(rows).reverse()) {
        if (!more()) return out;
        sheet.deleteRows(first, count);
        out.removed += count;
      }
    } else if (history.archive) {
      history.archive = { ...history.archive, before: laterOf(history.archive.before, run.boundary) };
    }
    run.archived = true;
    saveBoth(history, run);
  }

  logOnce(wb, run);
  run.finished = true;
  saveBoth(history, run);
  out.finished = true;
  return out;
}

const laterOf = (a: DayKey | undefined, b: DayKey): DayKey => (a && a > b ? a : b);

/** Sheet rows as runs of consecutive rows: [first, count]. */
export function runsOf(rows: readonly number[]): Array<[number, number]> {
  const sorted = [...rows].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else out.push([r, 1]);
  }
  return out;
}

/** The Log's line of this rollover, unless a stopped run wrote it already (its last row). */
export function rolloverSentence(wb: Workbook, run: RolloverRun): string {
  return t(wb.lang, 'log.rollover.details', {
    year: schoolYearLabel(run.year),
    up: run.up ?? 0,
    graduates: run.graduates ?? 0,
    loans: run.loans ?? 0,
  });
}

function logOnce(wb: Workbook, run: RolloverRun): void {
  const details = rolloverSentence(wb, run);
  const log = wb.table('log');
  const last = log.sheet.getLastRow();
  if (last >= 2) {
    const row = log.readRow(last);
    if (log.text(row, 'action') === actionLabel(wb, 'rollover') && log.text(row, 'details') === details) return;
  }
  logAction(wb, 'rollover', details);
}
