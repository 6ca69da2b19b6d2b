/**
 * Saves workbooks off the main thread, so the page stays responsive while exceljs writes the file.
 * Messages in: SaveRequest; out: { ready } once, then { id, error? } per request, or
 * { id, stopped, temp } when the test hook stops the save (the thread then waits until killed).
 */
import { parentPort } from 'node:worker_threads';
import type { SpreadsheetData } from '../emulator/spreadsheet';
import { type SaveStep, type ScriptState, saveLibrary } from './state';

export interface SaveRequest {
  id: number;
  workbook: string;
  stateFile: string;
  data: SpreadsheetData;
  script: ScriptState;
  /** Test hook: the save stops at this step (a temporary file written, not renamed) until the process dies. */
  stopAt?: SaveStep;
}

parentPort?.on('message', async (m: SaveRequest) => {
  try {
    await saveLibrary({
      ...m,
      stop: (step, temp) => {
        if (step !== m.stopAt) return;
        parentPort?.postMessage({ id: m.id, stopped: step, temp });
        // Nothing more happens in this thread: the test kills the process here.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      },
    });
    parentPort?.postMessage({ id: m.id });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
