/**
 * Files the playground writes so that a crash never leaves half of one: a temporary file beside it,
 * flushed, then renamed over it; the temporaries a crashed process left are cleaned at the next start.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pidAlive } from './lock';

let tempSeq = 0;

/** A temporary name next to `file`, recognisable by `cleanTemporaryFiles`. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempSeq}.tmp`);
}

/**
 * Writes `bytes` to `file` atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over `file`. `beforeRename` is a test hook (a crash between the two steps).
 */
export function writeFileAtomic(file: string, bytes: Buffer | string, beforeRename?: (temp: string) => void): void {
  const temp = temporaryName(file);
  const fd = openSync(temp, 'w');
  try {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  beforeRename?.(temp);
  renameSync(temp, file);
  try {
    const dir = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic.
  }
}

/** `.${name}.<pid>.<n>.tmp`, as `temporaryName` makes them. */
const TEMPORARY = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

/**
 * Removes the temporary files a crashed write left behind in `folder`: only names `temporaryName`
 * makes (`.${name}.<pid>.<n>.tmp`) for a `name` that `ours` accepts, written by a process that is no
 * longer running. Other programs' files, and the writes still going on, stay. Returns their names.
 */
export function cleanTemporaryFiles(folder: string, ours: (name: string) => boolean = () => true): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => {
      const m = TEMPORARY.exec(n);
      return !!m && ours(m[1]) && !pidAlive(Number(m[2]));
    });
  } catch {
    return [];
  }
  for (const n of names) rmSync(path.join(folder, n), { force: true });
  return names;
}

/** The SHA-256 of a file's bytes, in hex: which exact file a meta belongs to. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
