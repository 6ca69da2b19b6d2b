/**
 * The Duties sheet ready on day one: Setup puts the plan's recurring duties on it (in the workbook's
 * language), once, for the librarian to edit; never again once it has rows or has been filled.
 */
import { PLAN_DUTIES } from '../domain/calendar/duties';
import { type MessageKey, t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import type { Workbook } from '../sheets/workbook';

const FILLED = 'library.duties.filled';

/** Adds the plan's duties to an empty Duties sheet; returns how many (0 when it was filled before). */
export function fillDuties(wb: Workbook): number {
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(FILLED)) return 0;
  const table = wb.table('duties');
  if (!table.has('duty') || !table.has('often')) return 0;
  const present = table.readColumns('duty').rows.some((r) => table.text(r, 'duty') !== '');
  props.setProperty(FILLED, present ? 'present' : 'filled');
  if (present) return 0;
  const lang = wb.lang;
  table.append(
    PLAN_DUTIES.map((d) => ({
      duty: t(lang, `duty.${d.id}` as MessageKey),
      often: choiceLabel(lang, 'dutyOften', d.rule.often),
      months: d.rule.months.join(', '),
      day: d.rule.day,
      note: t(lang, `duty.${d.id}.note` as MessageKey),
    })),
  );
  return PLAN_DUTIES.length;
}
