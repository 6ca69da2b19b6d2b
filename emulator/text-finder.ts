/**
 * TextFinder of the in-memory spreadsheet (Spreadsheet/Sheet/Range.createTextFinder).
 */
import type { Env } from './core';
import { GasException } from './core';
import type { SheetHost, Span } from './sheet-host';

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
