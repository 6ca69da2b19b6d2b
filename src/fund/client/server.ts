/**
 * Typed calls from the Fund sidebar to the server: `server('fundStocktakeScan', code, section)` is
 * checked against the exported function's parameters and resolves to its return type.
 */
import type * as Api from '../api';

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
      .withSuccessHandler((v) => resolve(v as ReturnType<Fns[K]>))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
