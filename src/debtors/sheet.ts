/**
 * The generated Debtors sheet: a summary line, then one block per class (a bold line with the class,
 * its teacher and the counts, then a line per overdue copy: reader, inventory number, author and
 * title, issued, due, days overdue), then the teachers and staff. Rewritten whole on each build with
 * a constant number of service calls: one setValues over the whole sheet, one call per format (five).
 */
import type { DayKey } from '../dates';
import { showDay } from '../dates';
import type { DebtorGroup } from '../domain/debtors';
import { t } from '../messages';
import { NUMBER_FORMATS } from '../schema';
import { dateFor } from '../sheets/dates';
import { type Cell, columnLetter, type RowValues } from '../sheets/table';
import type { Workbook } from '../sheets/workbook';

export interface DebtorSheetSummary {
  debtors: number;
  books: number;
  classes: number;
}

const GROUP_BACKGROUND = '#e8eef7';

export function summarise(groups: DebtorGroup[]): DebtorSheetSummary {
  let debtors = 0;
  let books = 0;
  for (const g of groups) {
    debtors += g.debtors.length;
    for (const d of g.debtors) books += d.items.length;
  }
  return { debtors, books, classes: groups.filter((g) => g.kind === 'class').length };
}

export function writeDebtorSheet(wb: Workbook, groups: DebtorGroup[], today: DayKey): DebtorSheetSummary {
  const lang = wb.lang;
  const table = wb.table('debtors').require('class', 'teacher', 'name', 'inventory', 'title', 'due', 'days');
  const sheet = table.sheet;
  const summary = summarise(groups);
  const date = (d: DayKey) => dateFor(d, wb.timeZone);
  const counting = t(lang, wb.settings.overdueOpenDaysOnly ? 'debtors.counting.open' : 'debtors.counting.calendar');

  const rows: RowValues[] = [];
  const kinds: Array<'note' | 'group' | 'item' | 'blank'> = [];
  const push = (kind: 'note' | 'group' | 'item', r: RowValues) => {
    rows.push(r);
    kinds.push(kind);
  };
  push('note', {
    class:
      summary.debtors === 0
        ? t(lang, 'debtors.sheet.none', { date: showDay(today) })
        : t(lang, 'debtors.sheet.summary', { date: showDay(today), ...summary, counting }),
  });
  for (const g of groups) {
    const books = g.debtors.reduce((n, d) => n + d.items.length, 0);
    const label = g.kind === 'class' ? g.className : t(lang, 'debtors.sheet.staff');
    push('group', {
      class: label,
      teacher: g.kind === 'class' ? g.teacher || t(lang, 'debtors.sheet.noClass') : '',
      name: t(lang, 'debtors.sheet.count', { debtors: g.debtors.length, books }),
    });
    for (const d of g.debtors) {
      for (const it of d.items) {
        push('item', {
          class: g.kind === 'class' ? g.className : d.className,
          reader: d.code,
          name: d.name,
          inventory: it.inventory,
          title: it.author ? `${it.author}. ${it.title}` : it.title,
          issued: date(it.issued),
          due: date(it.due),
          days: it.daysOverdue,
        });
      }
    }
  }

  const width = table.width;
  // Every row below the header to the sheet's end (an open range: its size comes with the handle),
  // written whole — the list, then blank rows — so no clear is needed: five calls.
  const maxRows = sheet.getRange(`A2:${columnLetter(width)}`).getNumRows() + 1;
  if (rows.length + 1 > maxRows) sheet.insertRowsAfter(maxRows, rows.length + 1 - maxRows);
  const count = Math.max(rows.length, maxRows - 1);
  const all = Array.from({ length: count }, (_, i) => kinds[i] ?? 'blank');

  const formats = new Array<string>(width).fill('General');
  for (const col of table.def.columns) if (table.has(col.key)) formats[table.index(col.key)] = NUMBER_FORMATS[col.type];
  const range = sheet.getRange(2, 1, count, width);
  const blank = new Array<Cell>(width).fill('');
  range.setNumberFormats(all.map(() => formats.slice()));
  range.setValues(all.map((_, i) => (i < rows.length ? table.toRow(rows[i]) : blank.slice())) as Cell[][]);
  range.setFontWeights(all.map((k) => new Array(width).fill(k === 'group' ? 'bold' : 'normal')));
  range.setFontStyles(all.map((k) => new Array(width).fill(k === 'note' ? 'italic' : 'normal')));
  range.setBackgrounds(all.map((k) => new Array(width).fill(k === 'group' ? GROUP_BACKGROUND : null)));
  return summary;
}
