/**
 * DriveApp, as far as the library needs it: finding a spreadsheet the script created by its name (a
 * run stopped between SpreadsheetApp.create and saving the new id finds it again). The files are the
 * bound spreadsheet and the ones SpreadsheetApp.create made; each keeps its name, id and type.
 */
import type { Env } from './core';
import { GasException } from './core';
import type { FakeSpreadsheet } from './spreadsheet';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export class FakeFile {
  constructor(
    private readonly env: Env,
    private readonly ss: FakeSpreadsheet,
  ) {}
  getId(): string {
    this.env.counters.call('File.getId');
    return this.ss.id;
  }
  getName(): string {
    this.env.counters.call('File.getName');
    return this.ss.name;
  }
  getMimeType(): string {
    this.env.counters.call('File.getMimeType');
    return SPREADSHEET_MIME;
  }
}

export class FakeFileIterator {
  private i = 0;
  constructor(
    private readonly env: Env,
    private readonly files: FakeFile[],
  ) {}
  hasNext(): boolean {
    this.env.counters.call('FileIterator.hasNext');
    return this.i < this.files.length;
  }
  next(): FakeFile {
    this.env.counters.call('FileIterator.next');
    if (this.i >= this.files.length)
      throw new GasException('Cannot retrieve the next object: iterator has reached the end.');
    return this.files[this.i++];
  }
}

export function createDriveApp(env: Env, files: () => FakeSpreadsheet[]) {
  const DriveApp = {
    /** Files (here: spreadsheets) whose name is exactly `name`, newest first as Drive lists them. */
    getFilesByName(name: string): FakeFileIterator {
      env.counters.call('DriveApp.getFilesByName');
      const found = files()
        .filter((ss) => ss.name === String(name))
        .reverse()
        .map((ss) => new FakeFile(env, ss));
      return new FakeFileIterator(env, found);
    },
  };
  return { DriveApp };
}
