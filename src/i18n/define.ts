/**
 * A feature's messages in the three languages. English names the keys; the compiler refuses a
 * Kazakh or Russian table that misses one. Each language is a function that makes its table: Apps
 * Script runs the bundle's top level at every execution, and making every table of every language
 * there took about a third of an execution's start; now only the tables a lookup reaches are made.
 */
export interface Messages<K extends string> {
  en: () => Record<K, string>;
  kk: () => Record<K, string>;
  ru: () => Record<K, string>;
}

export function defineMessages<const E extends Record<string, string>>(m: {
  en: () => E;
  kk: () => Record<keyof E, string>;
  ru: () => Record<keyof E, string>;
}): Messages<keyof E & string> {
  return m;
}
