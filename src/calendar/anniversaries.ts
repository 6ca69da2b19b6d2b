/**
 * The jubilee finder on the sheets: the Persons sheet's birth dates give the round anniversaries of
 * the plan year; those the Events sheet does not have yet are appended as proposals, titled in the
 * workbook's language ("Абай Құнанбайұлының туғанына 180 жыл", "180 лет со дня рождения Абая
 * Кунанбайулы"), which the sync leaves alone until the librarian accepts them.
 */
import { showDay } from '../dates';
import { alreadyPlanned, type Jubilee, jubileesIn, type Person, type PlannedRow } from '../domain/calendar/jubilees';
import { kazakhGenitive, latinSpelling, russianGenitive } from '../domain/calendar/names';
import { planYearLabel } from '../domain/calendar/plan-dates';
import { newKey } from '../domain/calendar/sync';
import { type Lang, t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { dateFor, dayOf } from '../sheets/dates';
import { withDocumentLock } from '../sheets/lock';
import { logAction } from '../sheets/log';
import { Workbook } from '../sheets/workbook';
import { SyncTable } from './rows';
import { rowDates, specContext } from './specs';
import { ensureCalendarSheets, planYear } from './sync';

/** A jubilee's title in the workbook's language. */
export function jubileeTitle(lang: Lang, person: string, years: number): string {
  const name = lang === 'kk' ? kazakhGenitive(person) : lang === 'ru' ? russianGenitive(person) : latinSpelling(person);
  return t(lang, 'calendar.jubilee.title', { name, years });
}

/** The Persons sheet as the finder reads it (one read). */
export function readPersons(wb: Workbook): Person[] {
  const table = wb.table('persons').require('name', 'born');
  return table
    .readColumns('name', 'born', 'died', 'field')
    .rows.map((r) => ({
      name: table.text(r, 'name'),
      born: dayOf(table.get(r, 'born'), wb.timeZone) ?? '',
      died: table.has('died') ? dayOf(table.get(r, 'died'), wb.timeZone) : null,
      field: table.has('field') ? table.text(r, 'field') : '',
    }))
    .filter((p) => p.name !== '' && p.born !== '');
}

export interface FinderOutcome {
  proposed: Jubilee[];
  known: number;
  persons: number;
  message: string;
}

/** Appends the plan year's new round anniversaries to the Events sheet as proposals. */
export function findAnniversaries(): FinderOutcome {
  return withDocumentLock(() => {
    const wb = ensureCalendarSheets(Workbook.open());
    const lang = wb.lang;
    const plan = planYear(wb);
    const persons = readPersons(wb);
    const all = jubileesIn(persons, plan, wb.settings.calendar.anniversaryMinYears);
    const events = SyncTable.read(wb, 'events', ['date', 'title', 'kind', 'person', 'note']);
    const ctx = specContext(wb, plan);
    const planned: PlannedRow[] = events.rows.map((row) => {
      const d = rowDates(events, row, ctx);
      return {
        title: events.text(row, 'title'),
        person: events.text(row, 'person'),
        start: 'start' in d ? d.start : null,
      };
    });
    const proposed = all.filter((j) => !alreadyPlanned(j, planned, plan));
    const field = new Map(persons.map((p) => [p.name, p.field ?? '']));
    if (proposed.length > 0) {
      events.table.append(
        proposed.map((j) => ({
          date: dateFor(j.day, wb.timeZone),
          title: jubileeTitle(lang, j.person, j.years),
          kind: choiceLabel(lang, 'eventKind', 'anniversary'),
          person: j.person,
          note: [t(lang, 'calendar.jubilee.note', { born: showDay(j.born) }), field.get(j.person)]
            .filter(Boolean)
            .join('. '),
          key: newKey('EV', Utilities.getUuid()),
          sync: choiceLabel(lang, 'syncState', 'proposed'),
          syncNote: t(lang, 'calendar.row.proposed', { born: showDay(j.born) }),
        })),
      );
    }
    const list = proposed.map((j) => `${jubileeTitle(lang, j.person, j.years)} (${showDay(j.day)})`).join('; ');
    const message =
      proposed.length > 0
        ? t(lang, 'calendar.jubilees.done', { count: proposed.length, list })
        : t(lang, 'calendar.jubilees.none', {
            year: planYearLabel(plan),
            persons: persons.length,
            known: all.length,
          });
    if (proposed.length > 0) logAction(wb, 'calendarJubilees', message);
    return { proposed, known: all.length - proposed.length, persons: persons.length, message };
  });
}
