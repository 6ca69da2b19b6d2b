/**
 * Issue, return, renew and lost at the desk. Each reads what it needs first (the reader, the copy,
 * the title or the reader's own record of the loan) and then writes: the loan row, the copy row, the
 * reader's "On loan" cell, the log. About ten Spreadsheet calls, whatever the size of the library.
 */
import type { DayKey } from '../dates';
import { checkIssue, checkRenew, type DeskCopy } from '../domain/circulation';
import { codeKey, echo, literalPattern } from '../domain/codes';
import { type HeldCopy, heldCopy, withCopy, withoutCopy } from '../domain/holdings';
import { dueDate, renewedDue } from '../domain/schedule';
import { LibraryError } from '../errors';
import { t } from '../messages';
import { type Desk, type Located, nameWithClass, type ReaderAtDesk, type ReaderForm, titleLabel } from './desk';

/** Result of a desk action: the message to show, warnings, and the reader form to redraw. */
export interface DeskResult {
  message: string;
  /** Things the librarian should notice; the action went ahead. */
  warnings?: string[];
  form?: ReaderForm;
  /** A reader card was scanned instead of a book: the form is that reader's, now at the desk. */
  switched?: boolean;
}

export interface IssueOptions {
  /** The reader's row on the Readers sheet, as the sidebar last saw it. */
  readerRow?: number;
  /** Handing out a class set: a second copy of a title is refused. */
  classSet?: boolean;
}

export function issue(desk: Desk, readerCode: string, inventory: string, opts: IssueOptions = {}): DeskResult {
  const reader = desk.reader(readerCode, opts.readerRow ?? 0);
  const copy = desk.copy(inventory);
  const interrupted = unfinishedIssue(desk, reader, copy);
  if (interrupted) return interrupted;
  let holder = '';
  if (copy.info.reader) {
    // Refused below: the message names who has it (one more search, and nothing is written).
    const h = desk.readerOrNull(copy.info.reader);
    holder = h ? nameWithClass(h.info.name, h.info.className) : copy.info.reader;
  }
  const title = copy.info.reader ? undefined : desk.title(copy.info.titleId);
  const kind = title?.kind ?? 'fiction';
  const warnings = checkIssue({
    reader: reader.info,
    copy: copy.info,
    kind,
    holdings: reader.info.holdings,
    limit: desk.wb.settings.loanLimit[reader.info.category],
    today: desk.today,
    holder,
    dueLabel: desk.show(copy.info.due),
    statusLabel: desk.label('copyStatus', copy.info.status),
    classSet: opts.classSet,
  });
  const due = dueDate(desk.today, kind, desk.wb.settings, desk.wb.schedule());
  const held: HeldCopy = {
    inventory: copy.info.inventory,
    titleId: copy.info.titleId,
    kind,
    label: titleLabel(title, copy.info.titleId),
    issued: desk.today,
    due,
    loanId: desk.newLoanId(),
    renewals: 0,
  };
  // The copy row first: it is the record an interrupted issue is finished from (see unfinishedIssue).
  desk.copies().update(copy.rowNumber, {
    status: desk.label('copyStatus', 'onLoan'),
    reader: reader.info.code,
    loanId: held.loanId,
    due: desk.date(due),
  });
  finishIssue(desk, reader, held, opts.classSet ? reader.info.className : undefined);
  const out: string[] = [];
  if (warnings.sameTitle.length > 0) {
    out.push(
      t(desk.lang, 'desk.warn.sameTitle', { reader: reader.info.name, inventory: warnings.sameTitle.join(', ') }),
    );
  }
  if (warnings.overdue > 0)
    out.push(t(desk.lang, 'desk.warn.overdue', { reader: reader.info.name, count: warnings.overdue }));
  return {
    message: t(desk.lang, 'desk.issued', {
      title: held.label,
      inventory: copy.info.inventory,
      reader: reader.info.name,
      due: desk.show(due),
    }),
    ...(out.length > 0 ? { warnings: out } : {}),
    form: desk.form(reader),
  };
}

/** The loan row, the reader's record and the log of an issue whose copy row is written. */
function finishIssue(desk: Desk, reader: Located<ReaderAtDesk>, held: HeldCopy, note?: string, withLoan = true): void {
  if (withLoan) {
    desk.table('loans').append([
      {
        loanId: held.loanId,
        inventory: held.inventory,
        title: held.label,
        reader: reader.info.code,
        issued: desk.date(held.issued ?? desk.today),
        due: held.due ? desk.date(held.due) : undefined,
        renewals: 0,
        status: desk.label('loanStatus', 'open'),
        note,
        librarian: desk.librarian(),
      },
    ]);
  }
  if (!heldCopy(reader.info.holdings, held.inventory)) desk.writeHoldings(reader, withCopy(reader.info.holdings, held));
  desk.log('issue', {
    reader: nameWithClass(reader.info.name, reader.info.className),
    code: reader.info.code,
    inventory: held.inventory,
    title: held.label,
    due: desk.show(held.due),
  });
}

/**
 * An issue stopped partway (the time limit, a failed write) left the copy on loan to this very
 * reader but not its loan row or the reader's record: scanning it again finishes it, once. A copy
 * that is fully on loan to the reader is left to the usual refusal ("already on loan").
 */
function unfinishedIssue(desk: Desk, reader: Located<ReaderAtDesk>, copy: Located<DeskCopy>): DeskResult | null {
  const c = copy.info;
  if (!c.reader || !c.loanId || codeKey(c.reader) !== codeKey(reader.info.code)) return null;
  const recorded = heldCopy(reader.info.holdings, c.inventory);
  if (recorded && recorded.loanId === c.loanId) return null;
  const hasLoan = loanRowOf(desk, c.loanId) !== null;
  const title = desk.title(c.titleId);
  const held: HeldCopy = {
    inventory: c.inventory,
    titleId: c.titleId,
    kind: title?.kind ?? 'fiction',
    label: titleLabel(title, c.titleId),
    issued: issuedDayOf(c.loanId) ?? desk.today,
    due: c.due,
    loanId: c.loanId,
    renewals: 0,
  };
  finishIssue(desk, reader, held, undefined, !hasLoan);
  return {
    message: t(desk.lang, 'desk.issued', {
      title: held.label,
      inventory: c.inventory,
      reader: reader.info.name,
      due: desk.show(c.due),
    }),
    form: desk.form(reader),
  };
}

/** The day a loan ID was made on ("L20261125-…" → 2026-11-25), or null. */
function issuedDayOf(loanId: string): DayKey | null {
  const m = /^L(\d{4})(\d{2})(\d{2})-/.exec(loanId);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The holder of a copy on loan: the reader at the desk when it is theirs (read at the known row). */
function holderOf(desk: Desk, code: string, atDesk: { code: string; row: number }): Located<ReaderAtDesk> | null {
  if (!code) return null;
  const same = atDesk.code.trim() !== '' && codeKey(atDesk.code) === codeKey(code);
  return desk.readerOrNull(code, same ? atDesk.row : 0, { cache: !same });
}

/** The loan row of a copy on loan: found by its ID in one search, its row number only. */
function loanRowOf(desk: Desk, loanId: string): number | null {
  if (!loanId) return null;
  const loans = desk.table('loans');
  const rows = loans.search('loanId', `^\\s*${literalPattern(loanId)}\\s*$`);
  return rows.length === 1 ? rows[0] : null;
}

/** The reader's record of the copy, or one made from the copy row when the record is missing. */
function recordOf(
  desk: Desk,
  holder: Located<ReaderAtDesk> | null,
  copy: Located<import('../domain/circulation').DeskCopy>,
): HeldCopy {
  const known = holder ? heldCopy(holder.info.holdings, copy.info.inventory) : undefined;
  if (known && (!copy.info.loanId || known.loanId === copy.info.loanId)) return known;
  const title = desk.title(copy.info.titleId);
  return {
    inventory: copy.info.inventory,
    titleId: copy.info.titleId,
    kind: title?.kind ?? 'fiction',
    label: titleLabel(title, copy.info.titleId),
    issued: null,
    due: copy.info.due,
    loanId: copy.info.loanId,
    renewals: 0,
  };
}

/**
 * Return by scanning the copy only; says whose it was, so a book handed in for someone else is
 * noticed. A copy marked on loan by hand with no loan row still comes back to the shelf (and the Log
 * says so).
 */
export function giveBack(desk: Desk, inventory: string, atDesk = { code: '', row: 0 }): DeskResult {
  const copy = desk.copy(inventory);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  const holder = holderOf(desk, copy.info.reader, atDesk);
  const record = recordOf(desk, holder, copy);
  const loanRow = loanRowOf(desk, record.loanId || copy.info.loanId);
  if (loanRow) {
    desk.table('loans').update(loanRow, {
      returned: desk.date(desk.today),
      status: desk.label('loanStatus', 'returned'),
    });
  }
  if (holder) desk.writeHoldings(holder, withoutCopy(holder.info.holdings, copy.info.inventory));
  // The copy row last: until it is back on the shelf, scanning it again finishes the return.
  desk.copies().update(copy.rowNumber, {
    status: desk.label('copyStatus', 'available'),
    reader: '',
    loanId: '',
    due: '',
  });
  const name = holder?.info.name ?? copy.info.reader;
  const who = holder ? nameWithClass(holder.info.name, holder.info.className) : copy.info.reader;
  desk.log(loanRow ? 'return' : 'returnNoLoan', { reader: who, inventory: copy.info.inventory, title: record.label });
  const other = atDesk.code.trim() !== '' && (!holder || codeKey(atDesk.code) !== codeKey(holder.info.code));
  const late = desk.overdueDays(record.due);
  const message = other
    ? t(desk.lang, 'desk.returnedOther', { title: record.label, inventory: copy.info.inventory, holder: who })
    : t(desk.lang, 'desk.returned', { title: record.label, inventory: copy.info.inventory, reader: name });
  const result: DeskResult = {
    message: late > 0 ? `${message} ${t(desk.lang, 'desk.returnedLate', { days: late })}` : message,
  };
  const warnings: string[] = [];
  if (other) warnings.push(result.message);
  if (!loanRow) warnings.push(t(desk.lang, 'desk.returnedNoLoan', { inventory: copy.info.inventory }));
  if (warnings.length > 0) result.warnings = warnings;
  // The form stays the desk reader's when someone else's book came back.
  if (holder && !other) result.form = desk.form(holder);
  return result;
}

export function renew(desk: Desk, inventory: string, atDesk = { code: '', row: 0 }): DeskResult {
  const copy = desk.copy(inventory);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  const holder = holderOf(desk, copy.info.reader, atDesk);
  const record = recordOf(desk, holder, copy);
  const currentDue: DayKey = record.due ?? copy.info.due ?? desk.today;
  if (currentDue < desk.today) {
    // An overdue book is handed in (and may be issued again): a renewal must not hide the debt.
    const late = desk.overdueDays(currentDue);
    throw new LibraryError('desk.error.renewOverdue', { inventory: copy.info.inventory, days: late || 1 });
  }
  const newDue = renewedDue(desk.today, record.kind, desk.wb.settings, desk.wb.schedule());
  checkRenew({
    inventory: copy.info.inventory,
    kind: record.kind,
    renewals: record.renewals,
    maxRenewals: desk.wb.settings.maxRenewals,
    currentDue,
    newDue,
    dueLabel: desk.show(currentDue),
  });
  const loanRow = loanRowOf(desk, record.loanId || copy.info.loanId);
  if (!loanRow)
    throw new LibraryError('desk.error.loanMissing', {
      loanId: copy.info.loanId || '—',
      inventory: copy.info.inventory,
    });
  desk.table('loans').update(loanRow, { due: desk.date(newDue), renewals: record.renewals + 1 });
  desk.copies().update(copy.rowNumber, { due: desk.date(newDue) });
  if (holder) {
    desk.writeHoldings(
      holder,
      withCopy(holder.info.holdings, { ...record, due: newDue, renewals: record.renewals + 1 }),
    );
  }
  desk.log('renew', {
    reader: holder ? nameWithClass(holder.info.name, holder.info.className) : copy.info.reader,
    inventory: copy.info.inventory,
    title: record.label,
    from: desk.show(currentDue),
    due: desk.show(newDue),
  });
  return {
    message: t(desk.lang, 'desk.renewed', {
      title: record.label,
      inventory: copy.info.inventory,
      due: desk.show(newDue),
    }),
    ...(holder ? { form: desk.form(holder) } : {}),
  };
}

/**
 * A lost book: the loan is closed as lost (or lost and replaced), the copy is marked lost, and an
 * equal replacement, when the reader brings one, joins the fund as a new copy of the same title.
 */
export function markLost(desk: Desk, inventory: string, replacement = '', atDesk = { code: '', row: 0 }): DeskResult {
  const repl = String(replacement ?? '').trim();
  const { copy, other } = desk.copyAndOther(inventory, repl);
  if (copy.info.status !== 'onLoan' && !copy.info.reader) {
    throw new LibraryError('desk.error.notOnLoan', { inventory: copy.info.inventory });
  }
  const copies = desk.copies();
  // A replacement already in the fund is refused, unless it is this very one, added by a lost
  // mark that was stopped partway and is now finished.
  const replacementAdded =
    other !== null &&
    copies.has('source') &&
    copies.text(other.row, 'source').includes(copy.info.inventory) &&
    codeKey(copies.text(other.row, 'titleId')) === codeKey(copy.info.titleId);
  if (other && !replacementAdded) throw new LibraryError('desk.error.replacementExists', { inventory: echo(repl) });
  const holder = holderOf(desk, copy.info.reader, atDesk);
  const record = recordOf(desk, holder, copy);
  const loanRow = loanRowOf(desk, record.loanId || copy.info.loanId);
  if (!loanRow)
    throw new LibraryError('desk.error.loanMissing', {
      loanId: copy.info.loanId || '—',
      inventory: copy.info.inventory,
    });
  desk.table('loans').update(loanRow, {
    returned: desk.date(desk.today),
    status: desk.label('loanStatus', repl ? 'replaced' : 'lost'),
  });
  const source = t(desk.lang, 'desk.replacementSource', { inventory: copy.info.inventory, loanId: record.loanId });
  if (repl && !replacementAdded) {
    copies.append([
      {
        inventory: repl,
        titleId: copy.info.titleId,
        status: desk.label('copyStatus', 'available'),
        condition: copies.has('condition') ? desk.label('condition', 'new') : undefined,
        received: copies.has('received') ? desk.date(desk.today) : undefined,
        source: copies.has('source') ? source : undefined,
        price: copies.has('price') ? copies.get(copy.row, 'price') : undefined,
      },
    ]);
  }
  if (holder) desk.writeHoldings(holder, withoutCopy(holder.info.holdings, copy.info.inventory));
  // The copy row last: until it is marked lost, scanning it again finishes what was begun.
  copies.update(copy.rowNumber, {
    status: desk.label('copyStatus', 'lost'),
    reader: '',
    loanId: '',
    due: '',
  });
  const who = holder ? nameWithClass(holder.info.name, holder.info.className) : copy.info.reader;
  desk.log(repl ? 'lostReplaced' : 'lost', {
    reader: who,
    inventory: copy.info.inventory,
    title: record.label,
    replacement: repl,
  });
  const name = holder?.info.name ?? copy.info.reader;
  return {
    message: repl
      ? t(desk.lang, 'desk.lostReplaced', {
          title: record.label,
          inventory: copy.info.inventory,
          reader: name,
          replacement: repl,
        })
      : t(desk.lang, 'desk.lost', { title: record.label, inventory: copy.info.inventory, reader: name }),
    ...(holder ? { form: desk.form(holder) } : {}),
  };
}
