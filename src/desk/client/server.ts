/**
 * Typed calls from the sidebar to the server: `server('deskIssue', code, inventory)` is checked
 * against the exported function's parameters and resolves to its return type.
 */
import type * as Api from '../api';
import { refusalHelp } from './ui';

type Fns = { [K in keyof typeof Api]: (typeof Api)[K] extends (...args: never[]) => unknown ? (typeof Api)[K] : never };
export type ServerName = { [K in keyof Fns]: Fns[K] extends never ? never : K }[keyof Fns];

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
  [name: string]: unknown;
}

declare const google: { script: { run: Runner } };

export function server<K extends ServerName>(name: K, ...args: Parameters<Fns[K]>): Promise<ReturnType<Fns[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => {
        // A refusal names the guide's section that explains it: its message gets a Help link.
        const r = v as { ok?: boolean; message?: string; help?: string } | null;
        if (r && r.ok === false && r.message && r.help) refusalHelp.set(r.message, r.help);
        resolve(v as ReturnType<Fns[K]>);
      })
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
