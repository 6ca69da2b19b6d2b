/**
 * Statistics for a period, or two periods side by side with the change (the first less the second):
 * the plan's statistics table first (its blanks filled), then readers, visits, issues, the field's
 * indicators, the fund and the months (charted). A period that reaches past today stops today.
 */
import { type DayKey, showDay } from '../dates';
import { shareOf } from '../domain/coverage';
import { type Period, schoolYearLabel } from '../domain/report-periods';
import type { Schedule } from '../domain/schedule';
import {
  KINDS,
  type PeriodStats,
  periodStats,
  READER_GROUPS,
  type StatsInput,
  VISIT_KINDS,
} from '../domain/statistics';
import { type Lang, type MessageKey, t } from '../messages';
import { choiceLabel } from '../sheets/choices';
import { coverageOn } from './coverage';
import type { Sources } from './data';
import { asOf } from './past';
import type { Fmt, ReportModel, Section } from './sheet';

export interface PeriodResult {
  period: Period;
  /** The period's end, or today when it reaches past today. */
  to: DayKey;
  stats: PeriodStats;
  /** Textbook coverage on the period's last day. */
  coverage: number;
}

export function periodLabel(lang: Lang, p: Period, to: DayKey = p.to): string {
  const year = schoolYearLabel(p.year);
  const base =
    p.kind === 'month'
      ? t(lang, 'report.period.month', { month: p.from.slice(5, 7), year: p.from.slice(0, 4) })
      : p.kind === 'quarter'
        ? t(lang, 'report.period.quarter', { n: p.n, year })
        : p.kind === 'half'
          ? t(lang, 'report.period.half', { n: p.n, year })
          : p.kind === 'year'
            ? t(lang, 'report.period.year', { year })
            : t(lang, 'report.period.range', { from: showDay(p.from), to: showDay(p.to) });
  return to < p.to ? t(lang, 'report.sofar', { period: base, date: showDay(to) }) : base;
}

export function statsInput(s: Sources, schedule: Schedule): StatsInput {
  return { readers: s.readers, loans: s.loans, copies: s.copies, visitRows: s.visits, schedule };
}

export function statsFor(s: Sources, schedule: Schedule, period: Period): PeriodResult {
  const to = period.to > s.today ? (period.from > s.today ? period.to : s.today) : period.to;
  // Pupils in the classes they were in then (year-end rollovers since moved them up).
  const then = asOf(s, to);
  const stats = periodStats(statsInput(then, schedule), period.from, to);
  return { period, to, stats, coverage: shareOf(coverageOn(then, to).coverage.school) };
}

type Getter = (r: PeriodResult) => number;
interface Line {
  label: string;
  get: Getter;
  fmt?: Fmt;
  how?: string;
}

const changeFmt = (f: Fmt | undefined): Fmt => (f === 'pct' ? 'chgPct' : f === 'dec' ? 'chgDec' : 'chg');

/** A section of labelled numbers for one period, or for two with the change. */
function numbers(
  title: string,
  head0: string,
  lines: Line[],
  results: PeriodResult[],
  labels: string[],
  how = false,
): Section {
  const two = results.length === 2;
  const head = [head0, ...labels, ...(two ? [''] : []), ...(how ? [''] : [])];
  return {
    title,
    head,
    rows: lines.map((l) => {
      const values = results.map(l.get);
      return [l.label, ...values, ...(two ? [values[0] - values[1]] : []), ...(how ? [l.how ?? ''] : [])];
    }),
    fmt: (row, col) => {
      const f = lines[row].fmt;
      if (col >= 1 && col <= results.length) return f ?? 'int';
      if (two && col === 3) return changeFmt(f);
      return null;
    },
  };
}

export function statisticsReport(lang: Lang, s: Sources, results: PeriodResult[]): ReportModel {
  const h = (k: MessageKey) => t(lang, k);
  const labels = results.map((r) => periodLabel(lang, r.period, r.to));
  const two = results.length === 2;
  const withChange = (section: Section, how = false): Section => {
    section.head = [
      section.head[0],
      ...labels,
      ...(two ? [h('report.col.change')] : []),
      ...(how ? [h('report.col.how')] : []),
    ];
    return section;
  };
  const any = (get: Getter) => results.some((r) => get(r) !== 0);
  const plan: Line[] = [
    { label: h('plan.readers'), get: (r) => r.stats.readers },
    { label: h('plan.low'), get: (r) => r.stats.byGroup.low },
    { label: h('plan.high'), get: (r) => r.stats.byGroup.high },
    {
      label: h('plan.teachers'),
      get: (r) => r.stats.byGroup.teacher + r.stats.byGroup.staff + r.stats.byGroup.parent,
    },
    { label: h('plan.visits'), get: (r) => r.stats.visits },
    { label: h('plan.issues'), get: (r) => r.stats.issues },
    { label: h('plan.coverage'), get: (r) => r.coverage, fmt: 'pct' },
  ];
  const planSection = withChange(numbers(h('stats.plan'), h('report.col.indicator'), plan, results, labels));
  // The plan's second row is words, not a number: "Оқушылар, ұстаздар және т.б.".
  planSection.rows.splice(1, 0, [h('plan.composition'), h('plan.compositionValue')]);
  const planFmt = planSection.fmt!;
  planSection.fmt = (row, col) => (row === 1 ? null : planFmt(row > 1 ? row - 1 : row, col));

  const readers: Line[] = [
    { label: h('stats.readersTotal'), get: (r) => r.stats.readers },
    ...READER_GROUPS.filter((g) => g !== 'otherPupils' || any((r) => r.stats.byGroup.otherPupils)).map((g) => ({
      label: `  ${h(`stats.group.${g}` as MessageKey)}`,
      get: (r: PeriodResult) => r.stats.byGroup[g],
    })),
    { label: h('stats.newReaders'), get: (r) => r.stats.newReaders },
    { label: h('stats.borrowers'), get: (r) => r.stats.borrowers },
  ];
  const visits: Line[] = [
    { label: h('stats.visitsTotal'), get: (r) => r.stats.visits },
    ...VISIT_KINDS.map((k) => ({
      label: `  ${choiceLabel(lang, 'visitKind', k)}`,
      get: (r: PeriodResult) => r.stats.visitsByKind[k],
    })),
    { label: h('stats.openDays'), get: (r) => r.stats.openDays },
  ];
  const gradeKeys = [
    ...new Set(
      [
        ...s.classes.map((c) => (c.grade !== null ? String(c.grade) : null)),
        ...results.flatMap((r) => [...r.stats.issuesByGrade.keys()]),
      ].filter((k): k is string => k !== null),
    ),
  ].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return Number.isFinite(na) ? -1 : Number.isFinite(nb) ? 1 : a.localeCompare(b);
  });
  const gradeLabel = (k: string) =>
    /^\d+$/.test(k)
      ? t(lang, 'stats.grade', { grade: k })
      : k === 'unknown'
        ? h('stats.kindUnknown')
        : h(`stats.group.${k}` as MessageKey);
  const issues: Line[] = [
    { label: h('stats.issuesTotal'), get: (r) => r.stats.issues },
    { label: h('stats.textbookIssues'), get: (r) => r.stats.textbookIssues },
  ];
  const byKind: Line[] = [
    ...KINDS.map((k) => ({ label: choiceLabel(lang, 'kind', k), get: (r: PeriodResult) => r.stats.issuesByKind[k] })),
    ...(any((r) => r.stats.issuesByKind.unknown)
      ? [{ label: h('stats.kindUnknown'), get: (r: PeriodResult) => r.stats.issuesByKind.unknown }]
      : []),
  ];
  const byGrade: Line[] = gradeKeys.map((k) => ({
    label: gradeLabel(k),
    get: (r: PeriodResult) => r.stats.issuesByGrade.get(k) ?? 0,
  }));
  const ind = (key: keyof PeriodStats['indicators'], fmt: Fmt = 'dec'): Line => ({
    label: h(`ind.${key}` as MessageKey),
    get: (r) => r.stats.indicators[key],
    fmt,
    how: h(`ind.${key}.how` as MessageKey),
  });
  const indicators: Line[] = [
    ind('readingRate'),
    ind('visitRate'),
    ind('visitsPerOpenDay'),
    ind('turnover'),
    ind('supply'),
    ind('fictionSupply'),
    ind('textbookSupply'),
    ind('coverage', 'pct'),
  ];
  const fund: Line[] = [
    ...KINDS.map((k) => ({ label: choiceLabel(lang, 'kind', k), get: (r: PeriodResult) => r.stats.fund[k] })),
    ...(any((r) => r.stats.fund.unknown)
      ? [{ label: h('stats.kindUnknown'), get: (r: PeriodResult) => r.stats.fund.unknown }]
      : []),
    { label: h('stats.fundMain'), get: (r) => r.stats.fund.total - r.stats.fund.textbook },
    { label: h('report.total'), get: (r) => r.stats.fund.total },
  ];
  const fundTitle = t(lang, 'stats.fund', { date: results.map((r) => showDay(r.to)).join(' / ') });
  const fundSection = withChange(numbers(fundTitle, h('report.col.kind'), fund, results, labels));
  fundSection.bold = [fund.length - 1];
  const first = results[0].stats;
  const months: Section = {
    title: h('stats.byMonth'),
    head: [h('report.col.month'), h('stats.chart.issues'), h('stats.chart.visits')],
    rows: first.byMonth.map((m) => [`${m.month.slice(5, 7)}.${m.month.slice(0, 4)}`, m.issues, m.visits]),
    formats: [null, 'int', 'int'],
    charts: [
      { title: h('stats.chart.issues'), type: 'COLUMN', labels: 0, values: [1] },
      { title: h('stats.chart.visits'), type: 'COLUMN', labels: 0, values: [2] },
    ],
  };
  return {
    title: two
      ? t(lang, 'stats.titleTwo', { a: labels[0], b: labels[1] })
      : t(lang, 'stats.title', { period: labels[0] }),
    lines: [t(lang, 'report.generated', { date: showDay(s.today) })],
    sections: [
      planSection,
      withChange(numbers(h('stats.readers'), h('report.col.indicator'), readers, results, labels)),
      withChange(numbers(h('stats.visits'), h('report.col.indicator'), visits, results, labels)),
      withChange(numbers(h('stats.issues'), h('report.col.indicator'), issues, results, labels)),
      withChange(numbers(h('stats.byKind'), h('report.col.kind'), byKind, results, labels)),
      withChange(numbers(h('stats.byGrade'), h('report.col.grade'), byGrade, results, labels)),
      withChange(numbers(h('stats.indicators'), h('report.col.indicator'), indicators, results, labels, true), true),
      fundSection,
      months,
    ],
  };
}

export function statisticsSentence(lang: Lang, r: PeriodResult): string {
  return t(lang, 'stats.built', {
    period: periodLabel(lang, r.period, r.to),
    readers: r.stats.readers,
    visits: r.stats.visits,
    issues: r.stats.issues,
  });
}
