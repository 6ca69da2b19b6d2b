/** The ratings of a period as a report (domain/ratings.ts): reader of the year, classes, best readers. */
import { type DayKey, showDay } from '../dates';
import { enrolledOn } from '../domain/coverage';
import { computeRatings, type Ratings, type Winner } from '../domain/ratings';
import type { Period } from '../domain/report-periods';
import { type Lang, type MessageKey, t } from '../messages';
import { pupilsOf, type Sources } from './data';
import { asOf } from './past';
import type { ReportModel, Section } from './sheet';
import { periodLabel } from './statistics';

/** Ratings of from..to: pupils enrolled on its last day, books issued in it (textbooks aside). */
export function ratingsFor(past: Sources, from: DayKey, to: DayKey): Ratings {
  // Pupils in the classes they were in on the period's last day (rollovers since moved them up).
  const s = asOf(past, to);
  const pupils = pupilsOf(s).filter((p) => enrolledOn(p, to));
  const kindOf = new Map(s.copies.map((c) => [c.inventory, c.kind]));
  const issues = s.loans
    .filter((l) => l.issued && l.issued >= from && l.issued <= to && kindOf.get(l.inventory) !== 'textbook')
    .map((l) => l.reader);
  return computeRatings(
    s.classes.map((c) => ({ key: c.key, name: c.name })),
    pupils,
    issues,
  );
}

const names = (w: Winner) => w.pupils.map((p) => p.name || p.code).join(', ');

/** The three sections of the ratings (also in the annual report). */
export function ratingSections(lang: Lang, r: Ratings): Section[] {
  const h = (k: MessageKey) => t(lang, k);
  const nobody = h('rat.nobody');
  return [
    {
      title: h('rat.readerOfYear'),
      head: [h('rat.col.reader'), h('report.col.class'), h('rat.col.issues')],
      rows:
        r.readerOfYear.pupils.length === 0
          ? [[nobody, '', 0]]
          : r.readerOfYear.pupils.map((p) => [p.name || p.code, p.className, r.readerOfYear.issues]),
    },
    {
      title: h('rat.classes'),
      head: [
        h('rat.col.place'),
        h('report.col.class'),
        h('report.col.pupils'),
        h('rat.col.issues'),
        h('rat.col.perPupil'),
      ],
      rows: r.classes.map((c) => [c.rank, c.className, c.pupils, c.issues, c.pupils > 0 ? c.issues / c.pupils : 0]),
      formats: ['int', null, 'int', 'int', 'dec'],
      bold: r.classes.flatMap((c, i) => (c.rank === 1 && c.issues > 0 ? [i] : [])),
    },
    {
      title: h('rat.best'),
      head: [h('report.col.class'), h('rat.col.reader'), h('rat.col.issues')],
      rows: [...r.classes]
        .sort((a, b) => a.className.localeCompare(b.className, undefined, { numeric: true }))
        .map((c) => [c.className, c.best.pupils.length > 0 ? names(c.best) : nobody, c.best.issues]),
    },
  ];
}

export function ratingsReport(lang: Lang, s: Sources, period: Period, to: DayKey, r: Ratings): ReportModel {
  return {
    title: t(lang, 'rat.title', { period: periodLabel(lang, period, to) }),
    lines: [t(lang, 'rat.note'), t(lang, 'report.generated', { date: showDay(s.today) })],
    sections: ratingSections(lang, r),
  };
}

export function ratingsSentence(lang: Lang, period: Period, to: DayKey, r: Ratings): string {
  const top = r.classes.filter((c) => c.rank === 1 && c.issues > 0).map((c) => c.className);
  return t(lang, 'rat.built', {
    period: periodLabel(lang, period, to),
    readers: r.readerOfYear.pupils.length > 0 ? names(r.readerOfYear) : '—',
    issues: r.readerOfYear.issues,
    classes: top.length > 0 ? top.join(', ') : '—',
  });
}
