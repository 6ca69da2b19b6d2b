/**
 * Closed days ready on day one: for the plan year (August to July) Setup adds Kazakhstan's public
 * holidays and the school vacations it knows to the Closed days sheet, each row saying that the
 * government moves days off by decree each year, so the librarian checks them. A year is filled once:
 * never when the sheet already has rows in that year, and never again after the librarian changed or
 * deleted what was added (a document property remembers the year).
 */
import { showDay } from '../dates';
import { planYearFrom } from '../domain/calendar/plan-dates';
import { closedDaysFor, planYearOf } from '../domain/holidays';
import { type MessageKey, t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { dateFor, dayOf, today } from '../sheets/dates';
import type { Workbook } from '../sheets/workbook';

const filledKey = (startYear: number) => `library.closedDays.${startYear}`;

export interface ClosedDaysReport {
  year: string;
  added: number;
  vacationsKnown: boolean;
}

export function fillClosedDays(wb: Workbook): ClosedDaysReport | null {
  // The plan year of the Settings, else the one of today.
  const year = planYearFrom(wb.settings.planYear ?? planYearOf(today(wb.timeZone)).startYear);
  const label = `${year.startYear}-${year.startYear + 1}`;
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(filledKey(year.startYear))) return null;
  const table = wb.table('schedule');
  if (!table.has('from') || !table.has('to')) return null;
  const present = table
    .readColumns('from')
    .rows.map((r) => dayOf(table.get(r, 'from'), wb.timeZone))
    .some((d) => d !== null && d >= year.from && d <= year.to);
  props.setProperty(filledKey(year.startYear), present ? 'present' : 'filled');
  if (present) return null;
  const { rows, vacationsKnown } = closedDaysFor(year);
  const lang = wb.lang;
  table.append(
    rows.map((r) => {
      const name = t(lang, `holiday.${r.name}` as MessageKey);
      const note =
        r.kind === 'vacation'
          ? t(lang, 'closed.note.vacation', { name })
          : r.movedFrom
            ? t(lang, 'closed.note.moved', { name, from: showDay(r.movedFrom) })
            : t(lang, 'closed.note.holiday', { name });
      return {
        from: dateFor(r.from, wb.timeZone),
        to: dateFor(r.to, wb.timeZone),
        kind: choiceLabel(lang, 'closedKind', r.kind === 'vacation' ? 'vacation' : 'holiday'),
        note,
      };
    }),
  );
  return { year: label, added: rows.length, vacationsKnown };
}
