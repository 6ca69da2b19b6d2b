/**
 * The annual report to the city education department (September: the school year that ended), and the
 * May summing-up (the same report for the school year so far): readers, visits, issues, indicators,
 * the fund and its movement (textbooks apart), textbook coverage today, the events held, the ratings
 * and the months, in the language the department reads (Settings: reportLanguage).
 */
import { showDay } from '../dates';
import { schoolYear, schoolYearLabel, schoolYearStart } from '../domain/report-periods';
import type { Schedule } from '../domain/schedule';
import { fundMovement, KINDS } from '../domain/statistics';
import { type Lang, type MessageKey, t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { coverageLines, coverageOn, coverageSummary } from './coverage';
import type { Sources } from './data';
import { asOf } from './past';
import { ratingSections, ratingsFor } from './ratings';
import type { ReportModel, Section } from './sheet';
import { periodLabel, statisticsReport, statsFor } from './statistics';

export type AnnualKind = 'annual' | 'summary';

export function annualReport(
  lang: Lang,
  s: Sources,
  schedule: Schedule,
  kind: AnnualKind,
  names: { school: string; librarian: string },
): ReportModel {
  const h = (k: MessageKey) => t(lang, k);
  const current = schoolYearStart(s.today);
  const period = schoolYear(kind === 'annual' ? current - 1 : current);
  const year = schoolYearLabel(period.year);
  const res = statsFor(s, schedule, period);
  // The plan's sections come from the statistics report, renumbered; the fund, events and the rest are here.
  const stats = statisticsReport(lang, asOf(s, res.to), [res]).sections;
  const find = (title: MessageKey) => stats.find((x) => x.title === h(title))!;
  /** Sections under one heading: the later ones introduced by their own title row. */
  const merged = (title: string, parts: Section[]): Section => {
    const rows: Section['rows'] = [];
    const origin: Array<[Section, number] | null> = [];
    const bold: number[] = [];
    parts.forEach((p, i) => {
      if (i > 0) {
        bold.push(rows.length);
        rows.push([p.title]);
        origin.push(null);
      }
      p.rows.forEach((r, j) => {
        rows.push(i > 0 ? [`  ${r[0]}`, ...r.slice(1)] : r);
        origin.push([p, j]);
      });
    });
    return {
      title,
      head: parts[0].head,
      rows,
      bold,
      fmt: (row, col) => {
        const o = origin[row];
        return o ? (o[0].fmt?.(o[1], col) ?? o[0].formats?.[col] ?? null) : null;
      },
    };
  };
  const move = fundMovement(s.copies, period.from, res.to);
  const fundKinds = [...KINDS, ...(move.end.unknown + move.start.unknown > 0 ? (['unknown'] as const) : [])];
  const kindLabel = (k: (typeof fundKinds)[number]) =>
    k === 'unknown' ? h('stats.kindUnknown') : choiceLabel(lang, 'kind', k);
  const fund: Section = {
    title: h('ann.fund'),
    head: [
      h('report.col.kind'),
      t(lang, 'ann.col.start', { date: showDay(period.from) }),
      h('ann.col.received'),
      h('ann.col.withdrawn'),
      t(lang, 'ann.col.end', { date: showDay(res.to) }),
    ],
    rows: [
      ...fundKinds.map((k) => [kindLabel(k), move.start[k], move.received[k], move.withdrawn[k], move.end[k]]),
      [
        h('stats.fundMain'),
        move.start.total - move.start.textbook,
        move.received.total - move.received.textbook,
        move.withdrawn.total - move.withdrawn.textbook,
        move.end.total - move.end.textbook,
      ],
      [h('report.total'), move.start.total, move.received.total, move.withdrawn.total, move.end.total],
    ],
    bold: [fundKinds.length + 1],
    ...(move.undated > 0 ? { note: t(lang, 'ann.undated', { count: move.undated }) } : {}),
    charts: [{ title: h('ann.chart.fund'), type: 'PIE', labels: 0, values: [4], rows: fundKinds.length }],
  };
  const coverage = coverageOn(s, s.today);
  const [covSummary, covGrades] = coverageSummary(lang, coverage.coverage);
  const held = s.events
    .filter((e) => e.day >= period.from && e.day <= res.to)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const events: Section = {
    title: h('ann.events'),
    head: [h('ann.col.date'), h('ann.col.event'), h('report.col.kind')],
    rows: held.map((e) => [
      e.until && e.until !== e.day ? `${showDay(e.day)} – ${showDay(e.until)}` : showDay(e.day),
      e.title,
      e.kind ? choiceLabel(lang, 'eventKind', e.kind) : '',
    ]),
    note: [
      t(lang, 'ann.eventsCount', { count: held.length }),
      ...(s.eventsToCheck > 0 ? [t(lang, 'ann.eventsToCheck', { count: s.eventsToCheck })] : []),
    ].join(' '),
  };
  const ratings = ratingSections(lang, ratingsFor(s, period.from, res.to)).map((x, i) => ({
    ...x,
    title: i === 0 ? `${h('ann.ratings')}: ${x.title}` : x.title,
  }));
  const months = find('stats.byMonth');
  return {
    title:
      kind === 'annual'
        ? t(lang, 'ann.title', { year })
        : t(lang, 'ann.summaryTitle', { year, date: showDay(s.today) }),
    lines: [
      names.school,
      h('ann.to'),
      periodLabel(lang, period, res.to),
      ...(names.librarian ? [t(lang, 'ann.librarian', { name: names.librarian })] : []),
      t(lang, 'report.generated', { date: showDay(s.today) }),
    ].filter(Boolean),
    sections: [
      { ...find('stats.readers'), title: h('ann.readers') },
      { ...find('stats.visits'), title: h('ann.visits') },
      merged(h('ann.issues'), [find('stats.issues'), find('stats.byKind'), find('stats.byGrade')]),
      { ...find('stats.indicators'), title: h('ann.indicators') },
      fund,
      {
        ...covSummary,
        title: t(lang, 'ann.coverage', { date: showDay(s.today) }),
        ...(coverageLines(lang, coverage).length > 0 ? { note: coverageLines(lang, coverage).join(' ') } : {}),
      },
      covGrades,
      events,
      ...ratings,
      { ...months, title: h('ann.byMonth') },
    ],
    footer: t(lang, 'ann.sign', { name: names.librarian || '' }),
  };
}
