/**
 * Writes the workbook in a worker thread (exceljs takes seconds on the demo's 20,000 rows); the
 * main thread only takes the plain-data snapshot. Falls back to the main thread when no worker can
 * start.
 */
import { Worker } from 'node:worker_threads';
import type { SpreadsheetData } from '../emulator/spreadsheet';
import type { SaveRequest } from './save-worker';
import { saveWorkbook } from './xlsx';

export class Saver {
  private worker: Worker | null = null;
  private ready: Promise<Worker | null> | null = null;
  private seq = 0;
  private pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(private readonly crashBeforeRename = false) {}

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
        w.on('message', (m: { ready?: boolean; id?: number; error?: string }) => {
          if (m.ready) {
            this.worker = w;
            resolve(w);
            return;
          }
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

  async save(file: string, data: SpreadsheetData, extra?: Record<string, unknown>): Promise<void> {
    const w = await this.start();
    if (!w) {
      await saveWorkbook(
        file,
        data,
        extra,
        this.crashBeforeRename ? () => process.kill(process.pid, 'SIGKILL') : undefined,
      );
      return;
    }
    const id = ++this.seq;
    const req: SaveRequest = { id, file, data, extra, crashBeforeRename: this.crashBeforeRename };
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
