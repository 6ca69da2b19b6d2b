/**
 * The reports of a past period after year-end rollovers: the loans the archive spreadsheet holds
 * (read when the period reaches back before what the Loans sheet keeps), and each pupil in the class
 * they were in then (the rollovers done moved them up since), so a past year's statistics, ratings
 * and annual report read as they did before the rollover.
 */
import type { DayKey } from '../dates';
import { ClassIndex, classKey, gradeOfClass } from '../domain/class-names';
import { classOnDay, classRowOnDay, nextYearStart } from '../domain/rollover';
import { readArchivedLoans } from '../rollover/archive';
import { readHistory } from '../rollover/state';
import type { Workbook } from '../sheets/workbook';
import type { Sources } from './data';

/**
 * The rollovers done (one properties read) and, when `from` is before the day the archive holds
 * loans up to, the archive's loans added to the sources' (two Spreadsheet calls). A loan on both (a
 * rollover stopped between copying and removing it) is counted once.
 */
export function withPast(wb: Workbook, s: Sources, from: DayKey): Sources {
  const history = readHistory();
  s.rollovers = history.done;
  if (!history.archive || from >= history.archive.before) return s;
  const here = new Set(s.loans.map((l) => `${l.inventory}\u0001${l.reader}\u0001${l.issued}`));
  for (const l of readArchivedLoans(wb, history.archive)) {
    if (here.has(`${l.inventory}\u0001${l.reader}\u0001${l.issued}`)) continue;
    s.loans.push({
      inventory: l.inventory,
      reader: l.reader,
      issued: l.issued,
      returned: l.returned,
      closed: l.status !== null && l.status !== 'open',
      status: l.status,
    });
  }
  return s;
}

/** The sources with every pupil and class as they were on `day` (the same sources when no rollover came after it). */
export function asOf(s: Sources, day: DayKey): Sources {
  const rollovers = (s.rollovers ?? []).filter((r) => nextYearStart(r.year) > day);
  if (rollovers.length === 0) return s;
  // The Classes sheet as it was then, and every pupil's class found in it as readSources finds it today.
  const seen = new Set<string>();
  const rows = s.classes
    .map((c) => {
      const name = classRowOnDay(c.name, day, rollovers);
      return name === c.name ? c : { key: classKey(name), name, grade: gradeOfClass(name) };
    })
    .filter((c) => !seen.has(c.key) && seen.add(c.key));
  const index = new ClassIndex(rows.map((c) => ({ className: c.name, teacher: '', email: '', grade: c.grade })));
  const readers = s.readers.map((r) => {
    if (r.category !== 'pupil' || !r.className) return r;
    const name = classOnDay(r, day, rollovers);
    const row = index.find(name);
    return {
      ...r,
      className: row?.className ?? name,
      classKey: index.key(name),
      grade: row?.grade ?? gradeOfClass(name),
    };
  });
  return { ...s, readers, classes: rows };
}
