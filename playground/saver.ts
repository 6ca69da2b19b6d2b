/**
 * Writes the workbook and its state file in a worker thread (exceljs takes seconds on the demo's
 * 20,000 rows); the main thread only takes the plain-data snapshot. Falls back to the main thread
 * when no worker can start.
 */
import { Worker } from 'node:worker_threads';
import type { SpreadsheetData } from '../emulator/spreadsheet';
import type { SaveRequest } from './save-worker';
import { type SaveStep, type ScriptState, saveLibrary } from './state';

/** Printed when the test hook stopped a save (tests/playground/crash.test.ts waits for this line). */
export const STOPPED_LINE = 'playground: the save stopped';
const stopped = (step: SaveStep, temp: string) =>
  console.log(`${STOPPED_LINE} at ${step} (PLAYGROUND_SAVE_STOP), leaving ${temp}`);

export class Saver {
  private worker: Worker | null = null;
  private ready: Promise<Worker | null> | null = null;
  private seq = 0;
  private pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  /** `stopAt`: the test hook, a save stops at this step until the process is killed. */
  constructor(private readonly stopAt?: SaveStep) {}

  private start(): Promise<Worker | null> {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve) => {
      try {
        const target = new URL('./save-worker.ts', import.meta.url).href;
        const tsx = import.meta.resolve('tsx/esm/api');
        const w = new Worker(
          `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`,
          { eval: true },
        );
        w.unref();
        w.on('message', (m: { ready?: boolean; id?: number; error?: string; stopped?: SaveStep; temp?: string }) => {
          if (m.ready) {
            this.worker = w;
            resolve(w);
            return;
          }
          // Stopped by the test hook: this save never ends.
          if (m.stopped) return stopped(m.stopped, m.temp ?? '');
          const p = this.pending.get(m.id!);
          this.pending.delete(m.id!);
          if (m.error) p?.reject(new Error(m.error));
          else p?.resolve();
        });
        w.on('error', (e) => {
          for (const p of this.pending.values()) p.reject(e);
          this.pending.clear();
          this.worker = null;
          this.ready = null;
          resolve(null);
        });
      } catch {
        resolve(null);
      }
    });
    return this.ready;
  }

  async save(workbook: string, stateFile: string, data: SpreadsheetData, script: ScriptState): Promise<void> {
    const w = await this.start();
    if (!w) {
      await saveLibrary({
        workbook,
        stateFile,
        data,
        script,
        stop: (step, temp) => {
          if (step !== this.stopAt) return;
          stopped(step, temp);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        },
      });
      return;
    }
    const id = ++this.seq;
    const req: SaveRequest = { id, workbook, stateFile, data, script, stopAt: this.stopAt };
    await new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage(req);
    }).finally(() => {
      if (this.pending.size === 0) w.unref();
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
