/**
 * Condition raids: the monthly raid on textbooks, class by class, and the twice-yearly raid on the
 * preservation of the whole fund. The librarian ticks the copies a class holds (or scans them) with
 * their condition; each becomes a row of the Raids sheet and the copy's condition. A copy found
 * unsatisfactory is then a write-off candidate, and the titles to replace are the order list.
 */
import { codeKey, echo } from '../domain/codes';
import { LibraryError } from '../errors';
import type { EnumCode } from '../schema';
import type { RowValues } from '../sheets/table';
import { findCode } from './acts';
import { bookLabel, cellText, type Fund } from './fund';
import { onlyKnown } from './journal';

type Condition = EnumCode<'condition'>;

export interface RaidCopy {
  inventory: string;
  title: string;
  reader: string;
  condition: string;
  conditionCode: Condition | '';
}

/** The textbooks the pupils of a class hold now (one read of Readers, Copies and the Catalogue). */
export function raidList(fund: Fund, className: string): { className: string; copies: RaidCopy[] } {
  const index = fund.wb.classes();
  const cls = index.find(String(className ?? ''));
  if (!cls) throw new LibraryError('desk.error.noClass', { class: echo(className) });
  const wanted = index.key(cls.className);
  const readers = fund.table('readers').require('code', 'class');
  const pupils = new Map<string, string>();
  for (const row of readers.readColumns('code', 'name', 'class').rows) {
    if (index.key(cellText(readers, row, 'class')) !== wanted) continue;
    pupils.set(codeKey(readers.get(row, 'code')), cellText(readers, row, 'name'));
  }
  const { table, byInventory } = fund.copyRows('titleId', 'status', 'reader', 'condition');
  const titles = fund.titles();
  const copies: RaidCopy[] = [];
  for (const { row } of byInventory.values()) {
    const who = pupils.get(codeKey(table.get(row, 'reader')));
    if (who === undefined) continue;
    const title = titles.get(codeKey(cellText(table, row, 'titleId')));
    if (title?.kind !== 'textbook') continue;
    const condition = fund.code('condition', table.get(row, 'condition'));
    copies.push({
      inventory: cellText(table, row, 'inventory'),
      title: bookLabel(title, cellText(table, row, 'titleId')),
      reader: who,
      condition: condition ? fund.label('condition', condition) : '',
      conditionCode: condition ?? '',
    });
  }
  copies.sort((a, b) => a.reader.localeCompare(b.reader) || a.title.localeCompare(b.title));
  return { className: cls.className, copies };
}

export interface RaidInput {
  kind: string;
  className?: string;
  date?: string;
  items: Array<{ inventory: string; condition: string; note?: string }>;
}

/** Records a raid: a row per copy checked, and each copy's condition (under the document lock). */
export function recordRaid(fund: Fund, input: RaidInput): { message: string; count: number; replace: number } {
  const kind = fund.code('raidKind', input?.kind) ?? (input?.kind === 'preservation' ? 'preservation' : 'textbooks');
  const items = (Array.isArray(input?.items) ? input.items : []).filter((i) => String(i?.inventory ?? '').trim());
  if (items.length === 0) throw new LibraryError('fund.error.noRaidItems');
  const date = fund.dayFrom(input?.date);
  const className = String(input?.className ?? '').trim();
  const raids = fund.table('raids').require('date', 'kind', 'inventory', 'condition');
  fund.table('log').require('time', 'user', 'action', 'details');
  const { table: copies, byInventory, all } = fund.copyRows('titleId', 'condition');
  const titles = fund.titles();
  const rows: RowValues[] = [];
  const edits = new Map<number, RowValues>();
  let replace = 0;
  for (const item of items) {
    const copy = findCode(byInventory, String(item.inventory));
    if (!copy) throw new LibraryError('fund.error.unknownCopy', { inventory: echo(item.inventory) });
    const inventory = cellText(copies, copy.row, 'inventory');
    const condition = fund.code('condition', item.condition);
    if (!condition) throw new LibraryError('fund.error.badCondition', { inventory });
    if (edits.has(copy.rowNumber)) throw new LibraryError('fund.error.copyTwice', { inventory });
    if (condition === 'unsatisfactory') replace++;
    const titleId = cellText(copies, copy.row, 'titleId');
    const before = fund.code('condition', copies.get(copy.row, 'condition'));
    rows.push({
      date: fund.date(date),
      kind: fund.label('raidKind', kind),
      class: className,
      inventory,
      titleId,
      title: bookLabel(titles.get(codeKey(titleId)), titleId),
      condition: fund.label('condition', condition),
      previous: before ? fund.label('condition', before) : '',
      note: String(item.note ?? '').trim(),
    });
    edits.set(copy.rowNumber, { condition: fund.label('condition', condition) });
  }
  raids.append(rows.map((r) => onlyKnown(raids, r)));
  copies.writeRowsAt(['condition'], edits, all);
  const params = { kind: fund.label('raidKind', kind), class: className || '—', count: rows.length, replace };
  fund.log('raid', fund.t('log.raid.details', params));
  return { message: fund.t('fund.raid.done', params), count: rows.length, replace };
}

/**
 * What needs repair or replacement, title by title, from the copies' condition (the raids set it):
 * unsatisfactory copies are to be replaced (and written off), satisfactory ones to be repaired. The
 * textbook coverage diagnostic adds the ones to replace to its order list.
 */
export function replacementNeeds(fund: Fund): {
  titles: Array<{ titleId: string; title: string; replace: number; repair: number }>;
} {
  const { table, byInventory } = fund.copyRows('titleId', 'status', 'condition');
  const titles = fund.titles();
  const count = new Map<string, { replace: number; repair: number }>();
  for (const { row } of byInventory.values()) {
    const status = fund.code('copyStatus', table.get(row, 'status'));
    if (status === 'writtenOff' || status === 'lost') continue;
    const condition = fund.code('condition', table.get(row, 'condition'));
    if (condition !== 'unsatisfactory' && condition !== 'satisfactory') continue;
    const id = cellText(table, row, 'titleId');
    const c = count.get(id) ?? { replace: 0, repair: 0 };
    if (condition === 'unsatisfactory') c.replace++;
    else c.repair++;
    count.set(id, c);
  }
  return {
    titles: [...count.entries()]
      .map(([titleId, c]) => ({ titleId, title: bookLabel(titles.get(codeKey(titleId)), titleId), ...c }))
      .sort((a, b) => b.replace - a.replace || b.repair - a.repair || a.title.localeCompare(b.title)),
  };
}
