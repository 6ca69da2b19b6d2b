/**
 * Sheet and range protections of the in-memory spreadsheet, and the User objects
 * Protection.getEditors() returns.
 */
import type { Env } from './core';
import { GasException } from './core';
import type { SheetHost, Span } from './sheet-host';

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
