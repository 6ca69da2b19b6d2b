/**
 * Apps Script style enums of the in-memory runtime (SpreadsheetApp.ProtectionType.RANGE and the like):
 * values that print as their name and compare by identity.
 */
// ---------------------------------------------------------------------------------------------------------
// Enums

/** One value of an Apps Script enum: prints as its name, `==` compares equal to the name string. */
export interface EnumValue<N extends string = string> {
  readonly name: () => N;
  readonly ordinal: () => number;
  readonly toString: () => N;
  readonly toJSON: () => N;
}

/** Builds an enum object like `ScriptApp.EventType`: `{ CLOCK: EnumValue, ... }`, frozen. */
export function makeEnum<N extends string>(names: readonly N[]): { readonly [K in N]: EnumValue<K> } {
  const out: Record<string, EnumValue> = {};
  names.forEach((n, i) => {
    out[n] = Object.freeze({ name: () => n, ordinal: () => i, toString: () => n, toJSON: () => n });
  });
  return Object.freeze(out) as { readonly [K in N]: EnumValue<K> };
}

/** The name of an enum value or of a plain string naming one (programs sometimes pass 'SHA_256'). */
export function enumName(v: unknown): string {
  return v == null ? '' : String(v);
}
