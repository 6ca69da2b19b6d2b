/**
 * One playground per workbook: a lock file beside the workbook (`.library.xlsx.lock`) holds the pid
 * of the process that has it open. A second playground on the same workbook is refused with a clear
 * message (two would each save their own copy over the other's edits). A lock whose process is gone
 * (killed, crashed) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Whether a process with this pid is running (one of another user counts as running). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFileOf(workbook: string): string {
  return path.join(path.dirname(workbook), `.${path.basename(workbook)}.lock`);
}

export class WorkbookLockedError extends Error {
  constructor(
    readonly workbook: string,
    readonly pid: number,
  ) {
    super(
      `${workbook} is already open in another playground (process ${pid}). Stop that one first (Ctrl+C in its terminal), ` +
        'or open another workbook: npm start -- --workbook other.xlsx (or --data other-folder).',
    );
  }
}

/** Takes the lock of `workbook` for this process; returns its release. Throws WorkbookLockedError. */
export function lockWorkbook(workbook: string): () => void {
  const file = lockFileOf(workbook);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      } catch {
        // Gone meanwhile: try again.
      }
      // A lock being written this instant reads empty; a live holder (this process too) keeps it.
      if (pidAlive(pid)) throw new WorkbookLockedError(workbook, pid);
      if (Number.isNaN(pid) && attempt < 2) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      try {
        if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    };
    process.on('exit', release);
    return release;
  }
  throw new Error(`could not take the lock ${file}`);
}
