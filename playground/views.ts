/**
 * What the playground's page shows of the runtime, as plain data: a block of a sheet's rows as Sheets
 * displays them (with the dropdown lists of the cells), and the calendars with their days.
 */
import type { Runtime } from '../emulator';
import type { FakeSheet } from '../emulator/spreadsheet';
import { zonedDateKey } from '../emulator/zoned-time';

/** Display values of a block of rows (the header rows always), with the dropdown lists of the cells. */
export function gridView(sheet: FakeSheet, name: string, offset: number, limit: number, query = '') {
  const b = sheet.contentBounds();
  // The columns a chart is anchored in are shown too (its place on the grid), with a few beside.
  const cols = Math.max(b.lastCol, 1, ...sheet.charts.map((c) => c.position.col + 6));
  const frozen = Math.max(sheet.frozenRows, 1);
  const display = (r: number) => Array.from({ length: cols }, (_, j) => sheet.displayAt(r, j + 1));
  const q = query.trim().toLowerCase();
  let rowNumbers: number[] = [];
  let total = Math.max(b.lastRow - frozen, 0);
  if (q) {
    for (let r = frozen + 1; r <= b.lastRow; r++)
      if (display(r).some((v) => v.toLowerCase().includes(q))) rowNumbers.push(r);
    total = rowNumbers.length;
    rowNumbers = rowNumbers.slice(offset, offset + limit);
  } else {
    for (let r = frozen + 1 + offset; r <= Math.min(b.lastRow, frozen + offset + limit); r++) rowNumbers.push(r);
  }
  // A blank row at the end to type into.
  if (!q && rowNumbers.length < limit && b.lastRow < sheet.maxRows) rowNumbers.push(Math.max(b.lastRow, frozen) + 1);
  const lists: string[][] = [];
  const listIndex = new Map<string, number>();
  const kinds: Array<Array<string | number | null>> = [];
  // Cells set in another font (a barcode on the Labels sheet): its family and size, as Sheets draws them.
  const fonts: Array<Array<{ family?: string; size?: number } | null>> = [];
  const rows = [...Array.from({ length: frozen }, (_, i) => i + 1), ...rowNumbers].map((r) => {
    const values = display(r);
    fonts.push(
      values.map((_, j) => {
        const style = sheet.cell(r, j + 1)?.style as { fontFamily?: unknown; fontSize?: unknown } | undefined;
        if (!style || typeof style.fontFamily !== 'string') return null;
        return { family: style.fontFamily, ...(typeof style.fontSize === 'number' ? { size: style.fontSize } : {}) };
      }),
    );
    kinds.push(
      values.map((_, j) => {
        const cell = sheet.cell(r, j + 1);
        const spec = cell?.validation?.spec;
        if (!spec) return null;
        let options: string[] | null = null;
        if (spec.criteria === 'VALUE_IN_LIST') options = (spec.args[0] as unknown[]).map(String);
        else if (spec.criteria === 'VALUE_IN_RANGE')
          options = (spec.args[0] as { peekDisplayValues(): string[][] })
            .peekDisplayValues()
            .flat()
            .filter((v) => v !== '');
        if (spec.criteria === 'DATE_IS_VALID_DATE') return 'date';
        if (!options) return null;
        const key = options.join('\u0001');
        let i = listIndex.get(key);
        if (i === undefined) {
          i = lists.length;
          lists.push(options);
          listIndex.set(key, i);
        }
        return i;
      }),
    );
    return { row: r, values };
  });
  return { name, frozenRows: frozen, lastRow: b.lastRow, lastCol: cols, total, offset, rows, lists, kinds, fonts };
}

/**
 * The calendars with their events, and each one's days in the plan year of the clock (August to
 * July), series expanded, for the calendar panel's months.
 */
export function calendarViews(rt: Runtime) {
  const now = zonedDateKey(rt.clock.now(), rt.env.timeZone);
  const startYear = Number(now.slice(5, 7)) >= 8 ? Number(now.slice(0, 4)) : Number(now.slice(0, 4)) - 1;
  const from = `${startYear}-08-01`;
  const to = `${startYear + 1}-07-31`;
  return rt.calendar.calendars().map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    primary: c.primary,
    today: now,
    from,
    to,
    events: c.events.map((e) => ({
      title: e.title,
      description: e.description,
      allDay: e.allDay,
      start: e.start.toISOString(),
      end: e.end.toISOString(),
      startDate: e.startDate,
      endDate: e.endDate,
      recurrence: e.recurrence,
    })),
    days: rt.calendar.occurrences(c.id, from, to).map((o) => ({
      title: o.title,
      start: o.start,
      end: o.end,
      recurring: o.recurring,
      note: o.description.split('\n')[0],
    })),
  }));
}
