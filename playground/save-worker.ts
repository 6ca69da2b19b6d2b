/**
 * Saves workbooks off the main thread, so the page stays responsive while exceljs writes the file.
 * Messages in: { id, file, data, extra, crashBeforeRename }; out: { ready } once, then { id, error? }.
 */
import { parentPort } from 'node:worker_threads';
import type { SpreadsheetData } from '../emulator/spreadsheet';
import { saveWorkbook } from './xlsx';

export interface SaveRequest {
  id: number;
  file: string;
  data: SpreadsheetData;
  extra?: Record<string, unknown>;
  /** Test hook: the whole process dies between writing the temporary file and renaming it. */
  crashBeforeRename?: boolean;
}

parentPort?.on('message', async (m: SaveRequest) => {
  try {
    await saveWorkbook(
      m.file,
      m.data,
      m.extra,
      m.crashBeforeRename ? () => process.kill(process.pid, 'SIGKILL') : undefined,
    );
    parentPort?.postMessage({ id: m.id });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
