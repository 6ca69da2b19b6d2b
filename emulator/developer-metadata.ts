/**
 * Developer metadata of the in-memory spreadsheet (on the spreadsheet or on a sheet), its finder,
 * and the parsing of addDeveloperMetadata's overloads.
 */
import type { Env } from './core';

export type MetadataVisibility = 'DOCUMENT' | 'PROJECT';

/** Developer metadata on a sheet or on the spreadsheet. */
export class FakeDeveloperMetadata {
  constructor(
    private readonly env: Env,
    private readonly list: FakeDeveloperMetadata[],
    readonly id: number,
    public key: string,
    public value: string | null,
    public visibility: MetadataVisibility,
    /** The sheet name it is attached to, or null for the spreadsheet. */
    readonly sheetName: () => string | null,
  ) {}
  private k(method: string): void {
    this.env.counters.call(`DeveloperMetadata.${method}`);
  }
  getId(): number {
    this.k('getId');
    return this.id;
  }
  getKey(): string {
    this.k('getKey');
    return this.key;
  }
  getValue(): string | null {
    this.k('getValue');
    return this.value;
  }
  getVisibility(): MetadataVisibility {
    this.k('getVisibility');
    return this.visibility;
  }
  setKey(key: string): this {
    this.k('setKey');
    this.key = String(key);
    return this;
  }
  setValue(value: string): this {
    this.k('setValue');
    this.value = value === null ? null : String(value);
    return this;
  }
  setVisibility(visibility: MetadataVisibility): this {
    this.k('setVisibility');
    this.visibility = visibility;
    return this;
  }
  remove(): void {
    this.k('remove');
    const i = this.list.indexOf(this);
    if (i >= 0) this.list.splice(i, 1);
  }
}

/** createDeveloperMetadataFinder(): withKey / withValue / withId / withVisibility, then find(). */
export class FakeDeveloperMetadataFinder {
  private filters: ((m: FakeDeveloperMetadata) => boolean)[] = [];
  constructor(
    private readonly env: Env,
    private readonly source: () => FakeDeveloperMetadata[],
  ) {}
  private k(method: string): void {
    this.env.counters.call(`DeveloperMetadataFinder.${method}`);
  }
  withKey(key: string): this {
    this.k('withKey');
    this.filters.push((m) => m.key === key);
    return this;
  }
  withValue(value: string): this {
    this.k('withValue');
    this.filters.push((m) => m.value === value);
    return this;
  }
  withId(id: number): this {
    this.k('withId');
    this.filters.push((m) => m.id === id);
    return this;
  }
  withVisibility(visibility: MetadataVisibility): this {
    this.k('withVisibility');
    this.filters.push((m) => m.visibility === visibility);
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    this.k('find');
    return this.source().filter((m) => this.filters.every((f) => f(m)));
  }
}

/** Parses addDeveloperMetadata(key[, value][, visibility]) overloads. */
export function metadataArgs(
  value?: unknown,
  visibility?: unknown,
): { value: string | null; visibility: MetadataVisibility } {
  if (visibility === undefined && (value === 'DOCUMENT' || value === 'PROJECT')) {
    return { value: null, visibility: value };
  }
  return {
    value: value === undefined || value === null ? null : String(value),
    visibility: visibility === 'PROJECT' ? 'PROJECT' : 'DOCUMENT',
  };
}
