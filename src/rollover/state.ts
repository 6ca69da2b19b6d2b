/**
 * What the rollover keeps between executions, in the document properties: the rollovers done (the
 * reports step a pupil's class back through them), where the archive stands, and the run in
 * progress with the steps it has finished, so a run stopped at any call resumes where it stopped and
 * never moves pupils up twice.
 */
import type { DayKey } from '../dates';
import type { RolloverDone } from '../domain/rollover';

/** The archive as the reports read it: its spreadsheet, its sheet's columns, what it holds. */
export interface ArchiveInfo {
  id: string;
  sheet: string;
  columns: Record<string, number>;
  width: number;
  /** Every returned loan returned before this day is in the archive. */
  before: DayKey;
}

export interface RolloverHistory {
  done: RolloverDone[];
  archive: ArchiveInfo | null;
}

/** A rollover under way: the school year it closes, its day, and the steps finished. */
export interface RolloverRun {
  year: number;
  day: DayKey;
  /** Loans returned before this day go to the archive. */
  boundary: DayKey;
  /** The fingerprints the Readers and Classes columns will have once moved up (written before the write). */
  readersAfter?: string;
  classesAfter?: string;
  readersDone?: boolean;
  classesDone?: boolean;
  /** The classes the rollover moved, named as after it (for the reports). */
  classes?: string[];
  /** The archive's name, written just before it is created: a run stopped there finds it by name. */
  creating?: string;
  archiveId?: string;
  archived?: boolean;
  /** What it did, for the Log and the librarian: pupils moved up, graduates, loans archived. */
  up?: number;
  graduates?: number;
  loans?: number;
  /** Every step done: the next rollover is next summer's. */
  finished?: boolean;
}

const HISTORY = 'library.rollover.history';
const RUN = 'library.rollover.run';

const props = () => PropertiesService.getDocumentProperties();

function parse<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The rollovers done and the archive (one properties read). */
export function readHistory(): RolloverHistory {
  const h = parse<RolloverHistory>(props().getProperty(HISTORY));
  return { done: h?.done ?? [], archive: h?.archive ?? null };
}

export function saveHistory(h: RolloverHistory): void {
  props().setProperty(HISTORY, JSON.stringify(h));
}

/** The run under way, if one is (a finished one is none). */
export function readRun(): RolloverRun | null {
  const run = parse<RolloverRun>(props().getProperty(RUN));
  return run && !run.finished ? run : null;
}

export function saveRun(run: RolloverRun): void {
  props().setProperty(RUN, JSON.stringify(run));
}

/** The history and the run in one write (one call: a stop leaves both or neither). */
export function saveBoth(h: RolloverHistory, run: RolloverRun): void {
  props().setProperties({ [HISTORY]: JSON.stringify(h), [RUN]: JSON.stringify(run) });
}
