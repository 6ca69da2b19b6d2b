/**
 * What a reader holds now, kept on the reader's own row (the Readers sheet's "On loan" column), so
 * the desk reads a reader's books with the reader: one row, not one read per book. Every desk action
 * that gives or takes a book rewrites it under the document lock; "Check the workbook" compares it
 * with the Copies sheet and Setup rebuilds it. Pure: the cell's text format and the rules on it.
 */
import type { DayKey } from '../dates';
import type { Kind } from './circulation';

export interface HeldCopy {
  inventory: string;
  titleId: string;
  kind: Kind;
  /** Author and title, as the reader form shows them. */
  label: string;
  issued: DayKey | null;
  due: DayKey | null;
  loanId: string;
  renewals: number;
}

const KINDS: readonly Kind[] = ['textbook', 'fiction', 'reference', 'methodical', 'periodical'];

/**
 * The cell's text: one JSON array per copy, so a title with any characters survives. Starts with
 * "[", which a sheet never reads as a formula or a number; an empty list is an empty cell.
 */
export function encodeHoldings(list: readonly HeldCopy[]): string {
  if (list.length === 0) return '';
  return JSON.stringify(
    list.map((h) => [h.inventory, h.titleId, h.kind, h.due ?? '', h.loanId, h.renewals, h.label, h.issued ?? '']),
  );
}

/** The copies a cell lists, or null when the cell is not ours to read (edited by hand, truncated). */
export function decodeHoldings(cell: unknown): HeldCopy[] | null {
  const text = String(cell ?? '').trim();
  if (text === '') return [];
  try {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) return null;
    const out: HeldCopy[] = [];
    for (const e of data) {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || e[0] === '') return null;
      const kind = KINDS.includes(e[2]) ? (e[2] as Kind) : 'fiction';
      out.push({
        inventory: e[0],
        titleId: String(e[1] ?? ''),
        kind,
        due: typeof e[3] === 'string' && e[3] !== '' ? e[3] : null,
        loanId: String(e[4] ?? ''),
        renewals: Number.isFinite(Number(e[5])) ? Number(e[5]) : 0,
        label: String(e[6] ?? ''),
        issued: typeof e[7] === 'string' && e[7] !== '' ? e[7] : null,
      });
    }
    return out;
  } catch {
    return null;
  }
}

const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The list with `copy` added (replacing an entry of the same inventory number). */
export function withCopy(list: readonly HeldCopy[], copy: HeldCopy): HeldCopy[] {
  return [...list.filter((h) => !same(h.inventory, copy.inventory)), copy];
}

/** The list without the copy `inventory`. */
export function withoutCopy(list: readonly HeldCopy[], inventory: string): HeldCopy[] {
  return list.filter((h) => !same(h.inventory, inventory));
}

export function heldCopy(list: readonly HeldCopy[], inventory: string): HeldCopy | undefined {
  return list.find((h) => same(h.inventory, inventory));
}

/** Copies whose due date has passed. */
export function overdueHeld(list: readonly HeldCopy[], today: DayKey): HeldCopy[] {
  return list.filter((h) => h.due !== null && h.due < today);
}

/** A copy row as the derivation needs it. */
export interface CopyOnLoan {
  inventory: string;
  titleId: string;
  reader: string;
  loanId: string;
  due: DayKey | null;
}

/** An open loan row as the derivation needs it. */
export interface OpenLoan {
  loanId: string;
  issued: DayKey | null;
  renewals: number;
  label: string;
}

/**
 * What every reader holds, from the Copies sheet (the copies "on loan to" someone), with the loan's
 * issue day and renewals from the Loans sheet and the title's kind and label from the Catalogue.
 * Keyed by the reader's code key. What Setup writes and "Check the workbook" compares with.
 */
export function deriveHoldings(
  copies: readonly CopyOnLoan[],
  titleOf: (titleId: string) => { kind: Kind; label: string } | undefined,
  loanOf: (loanId: string) => OpenLoan | undefined,
  keyOf: (code: string) => string,
): Map<string, HeldCopy[]> {
  const out = new Map<string, HeldCopy[]>();
  for (const c of copies) {
    if (!c.reader || !c.inventory) continue;
    const title = titleOf(c.titleId);
    const loan = c.loanId ? loanOf(c.loanId) : undefined;
    const held: HeldCopy = {
      inventory: c.inventory,
      titleId: c.titleId,
      kind: title?.kind ?? 'fiction',
      label: title?.label || loan?.label || c.titleId,
      issued: loan?.issued ?? null,
      due: c.due,
      loanId: c.loanId,
      renewals: loan?.renewals ?? 0,
    };
    const key = keyOf(c.reader);
    out.set(key, [...(out.get(key) ?? []), held]);
  }
  return out;
}

/** True when two lists name the same copies with the same loans and due dates (order aside). */
export function sameHoldings(a: readonly HeldCopy[], b: readonly HeldCopy[]): boolean {
  if (a.length !== b.length) return false;
  const sig = (h: HeldCopy) => `${h.inventory.trim().toUpperCase()}|${h.loanId}|${h.due ?? ''}`;
  const x = a.map(sig).sort();
  const y = b.map(sig).sort();
  return x.every((v, i) => v === y[i]);
}
