/**
 * The smaller objects of the in-memory spreadsheet: Protection, TextFinder, DeveloperMetadata and
 * its finder, and the User objects Protection.getEditors() returns. They reach the grid only through
 * the `SheetHost` interface, so they do not depend on the classes in spreadsheet.ts.
 */
import type { Env } from './core';
import { GasException } from './core';
import type { CellValue } from './spreadsheet-values';

/** A block of cells of one sheet, 1-based. */
export interface Span {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** What these objects need from a sheet (all uncounted). */
export interface SheetHost<R> {
  readonly env: Env;
  name(): string;
  timeZone(): string;
  /** A Range object over a span (not counted, not bounds-checked beyond the sheet's own checks). */
  rangeOf(span: Span): R;
  contentBounds(): { lastRow: number; lastCol: number };
  cellText(row: number, col: number, formulaText: boolean): string;
  hasFormula(row: number, col: number): boolean;
  writeInput(row: number, col: number, value: CellValue): void;
}

/** Shifts a span for rows/columns inserted at `at` (count > 0) or deleted from `at` (count < 0). */
export function shiftSpanAxis(start: number, size: number, at: number, count: number): [number, number] | null {
  if (count > 0) {
    if (at <= start) return [start + count, size];
    if (at < start + size) return [start, size + count];
    return [start, size];
  }
  const delStart = at;
  const delEnd = at - count - 1;
  const end = start + size - 1;
  const before = Math.max(0, Math.min(delEnd, start - 1) - delStart + 1);
  const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(start, delStart) + 1);
  const newSize = size - overlap;
  if (newSize <= 0) return null;
  return [start - before, newSize];
}

// ---------------------------------------------------------------------------------------------

/** What Protection.getEditors() returns. */
export class FakeUser {
  constructor(
    private readonly env: Env,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.env.counters.call('User.getEmail');
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export type ProtectionKind = 'SHEET' | 'RANGE';

function emailOf(u: unknown): string {
  if (typeof u === 'string') return u;
  if (u && typeof (u as FakeUser).toString === 'function') return String(u);
  throw new GasException('Invalid argument: user');
}

/**
 * A sheet or range protection. The script runs as the spreadsheet's owner, who can always edit: a
 * protection never stops the script's own writes (as in real Apps Script).
 */
export class FakeProtection<R = unknown> {
  description = '';
  warningOnly = false;
  domainEdit = false;
  editors: string[];
  unprotected: Span[] = [];
  removed = false;
  constructor(
    readonly host: SheetHost<R>,
    readonly kind: ProtectionKind,
    /** The protected block; for a sheet protection, null (the whole sheet). */
    public span: Span | null,
    private readonly onRemove: (p: FakeProtection<R>) => void,
  ) {
    this.editors = [host.env.userEmail];
  }
  private k(method: string): void {
    this.host.env.counters.call(`Protection.${method}`);
  }
  get owner(): string {
    return this.host.env.userEmail;
  }
  addEditor(emailAddress: unknown): this {
    this.k('addEditor');
    const e = emailOf(emailAddress);
    if (!this.editors.includes(e)) this.editors.push(e);
    return this;
  }
  addEditors(emailAddresses: string[]): this {
    this.k('addEditors');
    for (const e of emailAddresses) if (!this.editors.includes(e)) this.editors.push(e);
    return this;
  }
  removeEditor(emailAddress: unknown): this {
    this.k('removeEditor');
    const e = emailOf(emailAddress);
    if (e !== this.owner) this.editors = this.editors.filter((x) => x !== e);
    return this;
  }
  /** The owner stays an editor whatever is removed (as in Sheets). */
  removeEditors(emailAddresses: unknown[]): this {
    this.k('removeEditors');
    const drop = new Set(emailAddresses.map(emailOf));
    drop.delete(this.owner);
    this.editors = this.editors.filter((x) => !drop.has(x));
    return this;
  }
  getEditors(): FakeUser[] {
    this.k('getEditors');
    return this.editors.map((e) => new FakeUser(this.host.env, e));
  }
  /** The running user (the owner) can always edit. */
  canEdit(): boolean {
    this.k('canEdit');
    return this.canUserEdit(this.host.env.userEmail);
  }
  /** @internal Uncounted: may `email` edit cells under this protection? */
  canUserEdit(email: string): boolean {
    return this.warningOnly || email === this.owner || this.editors.includes(email);
  }
  canDomainEdit(): boolean {
    this.k('canDomainEdit');
    return this.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this.k('setDomainEdit');
    this.domainEdit = !!editable;
    return this;
  }
  getDescription(): string {
    this.k('getDescription');
    return this.description;
  }
  setDescription(description: string): this {
    this.k('setDescription');
    this.description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    this.k('isWarningOnly');
    return this.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.k('setWarningOnly');
    this.warningOnly = !!warningOnly;
    return this;
  }
  getProtectionType(): ProtectionKind {
    this.k('getProtectionType');
    return this.kind;
  }
  getRange(): R {
    this.k('getRange');
    return this.host.rangeOf(this.spanOrSheet());
  }
  setRange(range: { span(): Span }): this {
    this.k('setRange');
    if (this.kind === 'SHEET') throw new GasException('You cannot set the range of a sheet protection.');
    this.span = { ...range.span() };
    return this;
  }
  getUnprotectedRanges(): R[] {
    this.k('getUnprotectedRanges');
    return this.unprotected.map((s) => this.host.rangeOf(s));
  }
  setUnprotectedRanges(ranges: { span(): Span }[]): this {
    this.k('setUnprotectedRanges');
    this.unprotected = ranges.map((r) => ({ ...r.span() }));
    return this;
  }
  remove(): void {
    this.k('remove');
    this.removed = true;
    this.onRemove(this);
  }
  /** @internal The protected block (the whole sheet's content bounds for a sheet protection). */
  spanOrSheet(): Span {
    if (this.span) return this.span;
    const b = this.host.contentBounds();
    return { row: 1, col: 1, numRows: Math.max(1, b.lastRow), numCols: Math.max(1, b.lastCol) };
  }
  /** @internal Does this protection cover the cell (row, col)? */
  covers(row: number, col: number): boolean {
    const inside = (s: Span) => row >= s.row && row < s.row + s.numRows && col >= s.col && col < s.col + s.numCols;
    if (this.span) return inside(this.span);
    return !this.unprotected.some(inside);
  }
}

// ---------------------------------------------------------------------------------------------

export interface FinderScope<R> {
  host: SheetHost<R>;
  /** The block searched; null = the whole sheet (its content bounds at search time). */
  span: Span | null;
}

interface Hit<R> {
  scope: number;
  host: SheetHost<R>;
  row: number;
  col: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Sheet/Range/Spreadsheet.createTextFinder(text). Searches the display text of cells row by row
 * (left to right, top to bottom; sheets in tab order). A search runs on Google's side: it counts
 * as one call and reads no cells.
 */
export class FakeTextFinder<R> {
  private matchCaseOpt = false;
  private entireCell = false;
  private regex = false;
  private formulaText = false;
  private ignoreDiacriticsOpt = false;
  private cursor: { scope: number; row: number; col: number } | null = null;
  constructor(
    private readonly env: Env,
    private readonly scopes: FinderScope<R>[],
    private readonly text: string,
  ) {
    if (text === '') throw new GasException('Text to find cannot be empty.');
  }
  private k(method: string): void {
    this.env.counters.call(`TextFinder.${method}`);
  }
  matchCase(matchCase: boolean): this {
    this.k('matchCase');
    this.matchCaseOpt = !!matchCase;
    return this;
  }
  matchEntireCell(matchEntireCell: boolean): this {
    this.k('matchEntireCell');
    this.entireCell = !!matchEntireCell;
    return this;
  }
  useRegularExpression(useRegEx: boolean): this {
    this.k('useRegularExpression');
    this.regex = !!useRegEx;
    return this;
  }
  matchFormulaText(matchFormulaText: boolean): this {
    this.k('matchFormulaText');
    this.formulaText = !!matchFormulaText;
    return this;
  }
  ignoreDiacritics(ignoreDiacritics: boolean): this {
    this.k('ignoreDiacritics');
    this.ignoreDiacriticsOpt = !!ignoreDiacritics;
    return this;
  }
  startFrom(startRange: { span(): Span }): this {
    this.k('startFrom');
    const s = startRange.span();
    this.cursor = { scope: 0, row: s.row, col: s.col };
    return this;
  }
  findAll(): R[] {
    this.k('findAll');
    return this.hits().map((h) => h.host.rangeOf({ row: h.row, col: h.col, numRows: 1, numCols: 1 }));
  }
  findNext(): R | null {
    this.k('findNext');
    const hits = this.hits();
    const c = this.cursor;
    const next = c ? hits.find((h) => compareHit(h, c) > 0) : hits[0];
    if (!next) return null;
    this.cursor = { scope: next.scope, row: next.row, col: next.col };
    return next.host.rangeOf({ row: next.row, col: next.col, numRows: 1, numCols: 1 });
  }
  findPrevious(): R | null {
    this.k('findPrevious');
    const hits = this.hits();
    const c = this.cursor;
    const prev = c ? [...hits].reverse().find((h) => compareHit(h, c) < 0) : hits[hits.length - 1];
    if (!prev) return null;
    this.cursor = { scope: prev.scope, row: prev.row, col: prev.col };
    return prev.host.rangeOf({ row: prev.row, col: prev.col, numRows: 1, numCols: 1 });
  }
  /** Replaces every match in every matching cell; returns how many cells changed. */
  replaceAllWith(replaceText: string): number {
    this.k('replaceAllWith');
    let n = 0;
    for (const h of this.hits()) {
      if (h.host.hasFormula(h.row, h.col) && !this.formulaText) continue;
      const before = h.host.cellText(h.row, h.col, this.formulaText);
      const after = this.replaceIn(before, replaceText);
      if (after !== before) {
        h.host.writeInput(h.row, h.col, after);
        n++;
      }
    }
    return n;
  }
  /** Replaces the match of the cell findNext/findPrevious last returned; true when it did. */
  replaceWith(replaceText: string): number {
    this.k('replaceWith');
    const c = this.cursor;
    if (!c) return 0;
    const host = this.scopes[c.scope].host;
    const before = host.cellText(c.row, c.col, this.formulaText);
    const after = this.replaceIn(before, replaceText);
    if (after === before) return 0;
    host.writeInput(c.row, c.col, after);
    return 1;
  }

  private replaceIn(text: string, replaceText: string): string {
    const re = this.pattern(true);
    return this.regex ? text.replace(re, replaceText) : text.replace(re, () => replaceText);
  }

  private pattern(global: boolean): RegExp {
    let src = this.regex ? this.text : escapeRegExp(this.ignoreDiacriticsOpt ? stripDiacritics(this.text) : this.text);
    if (this.entireCell) src = `^(?:${src})$`;
    let flags = global ? 'g' : '';
    if (!this.matchCaseOpt) flags += 'i';
    flags += 'u';
    try {
      return new RegExp(src, flags);
    } catch {
      throw new GasException(`Invalid regular expression: ${this.text}`);
    }
  }

  private hits(): Hit<R>[] {
    const re = this.pattern(false);
    const out: Hit<R>[] = [];
    this.scopes.forEach((scope, i) => {
      const span =
        scope.span ??
        (() => {
          const b = scope.host.contentBounds();
          return { row: 1, col: 1, numRows: b.lastRow, numCols: b.lastCol };
        })();
      for (let r = span.row; r < span.row + span.numRows; r++) {
        for (let c = span.col; c < span.col + span.numCols; c++) {
          let t = scope.host.cellText(r, c, this.formulaText);
          if (t === '') continue;
          if (this.ignoreDiacriticsOpt) t = stripDiacritics(t);
          if (re.test(t)) out.push({ scope: i, host: scope.host, row: r, col: c });
        }
      }
    });
    return out;
  }
}

function compareHit(h: { scope: number; row: number; col: number }, c: { scope: number; row: number; col: number }) {
  return h.scope - c.scope || h.row - c.row || h.col - c.col;
}

// ---------------------------------------------------------------------------------------------

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
