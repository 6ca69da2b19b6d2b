/**
 * The generated Debtors sheet: a summary line, then one block per class (a bold line with the class,
 * its teacher and the counts, then a line per overdue copy: reader, inventory number, author and
 * title, issued, due, days overdue), then the teachers and staff. Rewritten whole on each build with
 * a constant number of service calls: one clear, one setValues, one call per format (six calls).
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
  const kinds: Array<'note' | 'group' | 'item'> = [];
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
  // Every row below the header, to the sheet's end (an open range: its size comes with the handle).
  const below = sheet.getRange(`A2:${columnLetter(width)}`);
  below.clear();
  const maxRows = below.getNumRows() + 1;
  if (rows.length + 1 > maxRows) sheet.insertRowsAfter(maxRows, rows.length + 1 - maxRows);

  const formats = new Array<string>(width).fill('General');
  for (const col of table.def.columns) if (table.has(col.key)) formats[table.index(col.key)] = NUMBER_FORMATS[col.type];
  const range = sheet.getRange(2, 1, rows.length, width);
  range.setNumberFormats(rows.map(() => formats.slice()));
  range.setValues(rows.map((r) => table.toRow(r)) as Cell[][]);
  range.setFontWeights(kinds.map((k) => new Array(width).fill(k === 'group' ? 'bold' : 'normal')));
  range.setFontStyles(kinds.map((k) => new Array(width).fill(k === 'note' ? 'italic' : 'normal')));
  range.setBackgrounds(kinds.map((k) => new Array(width).fill(k === 'group' ? GROUP_BACKGROUND : null)));
  return summary;
}
