/**
 * Textbook coverage and the order diagnostic as reports: the domain's numbers (domain/coverage.ts)
 * laid out as sections of a report sheet, and the pupils without textbooks as a print view.
 */
import { type DayKey, showDay } from '../dates';
import type { PrintPage } from '../desk/print';
import {
  type Coverage,
  computeCoverage,
  type OrderLine,
  orderDiagnostic,
  type Requirement,
  requirementsFor,
  shareOf,
} from '../domain/coverage';
import { schoolYearLabel, schoolYearStart } from '../domain/report-periods';
import type { Lang } from '../messages';
import { t } from '../messages';
import { pupilsOf, type Sources } from './data';
import { type ReportModel, type Section, showNumber } from './sheet';

export interface CoverageResult {
  coverage: Coverage;
  year: number;
  usedYear: number | null;
}

/** Coverage on `day` for the school year of that day. */
export function coverageOn(s: Sources, day: DayKey): CoverageResult {
  const year = schoolYearStart(day);
  const { requirements, usedYear } = requirementsFor(s.required, year);
  const coverage = computeCoverage({
    day,
    requirements,
    classes: s.classes,
    pupils: pupilsOf(s),
    copies: s.copies,
    loans: s.loans,
  });
  return { coverage, year, usedYear };
}

const reqTitles = (s: Sources, r: Requirement) => r.titleIds.map((id) => s.titles.get(id)?.label ?? id).join('; ');

/** The lines under a coverage report's title: which list was used. */
export function coverageLines(lang: Lang, r: { year: number; usedYear: number | null }): string[] {
  if (r.usedYear === null) return [t(lang, 'cov.noList', { year: schoolYearLabel(r.year) })];
  if (r.usedYear !== r.year)
    return [t(lang, 'cov.usedYear', { year: schoolYearLabel(r.year), used: schoolYearLabel(r.usedYear) })];
  return [];
}

/** The summary and by-grade sections (also in the annual report); the by-grade one carries the chart. */
export function coverageSummary(lang: Lang, c: Coverage): Section[] {
  const h = (k: Parameters<typeof t>[1]) => t(lang, k);
  const level = (label: string, s: { pupils: number; needed: number; have: number }) => [
    label,
    s.pupils,
    s.needed,
    s.have,
    shareOf(s),
  ];
  return [
    {
      title: h('cov.summary'),
      head: [
        h('cov.col.level'),
        h('report.col.pupils'),
        h('cov.col.needed'),
        h('cov.col.have'),
        h('report.col.percent'),
      ],
      rows: [
        level(h('cov.level.low'), c.low),
        level(h('cov.level.high'), c.high),
        level(h('cov.level.school'), c.school),
      ],
      formats: [null, 'int', 'int', 'int', 'pct'],
      bold: [2],
    },
    {
      title: h('cov.byGrade'),
      head: [
        h('report.col.grade'),
        h('report.col.pupils'),
        h('cov.col.needed'),
        h('cov.col.have'),
        h('report.col.percent'),
        h('cov.col.shortage'),
      ],
      rows: c.grades.map((g) => [String(g.grade), g.pupils, g.needed, g.have, shareOf(g), g.shortage]),
      formats: [null, 'int', 'int', 'int', 'pct', 'int'],
      charts: [{ title: h('cov.chart'), type: 'COLUMN', labels: 0, values: [4] }],
    },
  ];
}

export function coverageReport(lang: Lang, s: Sources, r: CoverageResult): ReportModel {
  const h = (k: Parameters<typeof t>[1]) => t(lang, k);
  const c = r.coverage;
  const pct = (x: { needed: number; have: number }) => shareOf(x);
  return {
    title: t(lang, 'cov.title', { year: schoolYearLabel(r.year), date: showDay(c.day) }),
    lines: [...coverageLines(lang, r), t(lang, 'report.generated', { date: showDay(s.today) })],
    sections: [
      ...coverageSummary(lang, c),
      {
        title: h('cov.byTitle'),
        head: [
          h('report.col.grade'),
          h('report.col.subject'),
          h('cov.col.titles'),
          h('report.col.pupils'),
          h('cov.col.haveIt'),
          h('cov.col.without'),
          h('report.col.percent'),
          h('cov.col.fund'),
          h('cov.col.free'),
          h('cov.col.shortage'),
        ],
        rows: c.requirements.map((x) => [
          String(x.req.grade),
          x.req.subject,
          reqTitles(s, x.req),
          x.pupils,
          x.have,
          x.pupils - x.have,
          pct({ needed: x.pupils, have: x.have }),
          x.fund,
          x.free,
          x.shortage,
        ]),
        formats: [null, null, null, 'int', 'int', 'int', 'pct', 'int', 'int', 'int'],
      },
      {
        title: h('cov.byClassSubject'),
        head: [
          h('report.col.class'),
          h('report.col.subject'),
          h('report.col.pupils'),
          h('cov.col.haveIt'),
          h('cov.col.without'),
          h('report.col.percent'),
          h('cov.col.shortage'),
        ],
        rows: c.lines.map((l) => [
          l.className,
          l.req.subject || reqTitles(s, l.req),
          l.enrolled,
          l.have,
          l.without.length,
          pct({ needed: l.enrolled, have: l.have }),
          l.shortage,
        ]),
        formats: [null, null, 'int', 'int', 'int', 'pct', 'int'],
      },
      {
        title: h('cov.byClass'),
        head: [
          h('report.col.class'),
          h('report.col.pupils'),
          h('cov.col.needed'),
          h('cov.col.have'),
          h('report.col.percent'),
        ],
        rows: c.classes
          .filter((x) => x.pupils > 0 || x.needed > 0)
          .map((x) => [x.className, x.pupils, x.needed, x.have, pct(x)]),
        formats: [null, 'int', 'int', 'int', 'pct'],
      },
    ],
  };
}

/** The alert after a coverage run. */
export function coverageSentence(lang: Lang, c: Coverage): string {
  return t(lang, 'cov.built', {
    date: showDay(c.day),
    school: showNumber(lang, shareOf(c.school), 'pct'),
    low: showNumber(lang, shareOf(c.low), 'pct'),
    high: showNumber(lang, shareOf(c.high), 'pct'),
    shortage: c.grades.reduce((n, g) => n + g.shortage, 0),
  });
}

// ---------------------------------------------------------------------------------------------
// The order diagnostic

export function orderOn(s: Sources, day: DayKey): { lines: OrderLine[]; year: number; usedYear: number | null } {
  // In August the coming school year is the one that starts; any other month, the current one.
  const year = schoolYearStart(day);
  const { requirements, usedYear } = requirementsFor(s.required, year);
  const lines = orderDiagnostic({
    day,
    requirements,
    classes: s.classes,
    pupils: pupilsOf(s),
    copies: s.copies,
    price: (id) => s.titles.get(id)?.price ?? 0,
  });
  return { lines, year, usedYear };
}

export function orderReport(lang: Lang, s: Sources, o: ReturnType<typeof orderOn>): ReportModel {
  const h = (k: Parameters<typeof t>[1]) => t(lang, k);
  const total = o.lines.reduce((n, l) => n + l.sum, 0);
  const copies = o.lines.reduce((n, l) => n + l.order, 0);
  return {
    title: t(lang, 'order.title', { year: schoolYearLabel(o.year), date: showDay(s.today) }),
    lines: [...coverageLines(lang, o), t(lang, 'report.generated', { date: showDay(s.today) })],
    sections: [
      {
        title: h('menu.reports.order'),
        head: [
          h('report.col.grade'),
          h('report.col.subject'),
          h('order.col.title'),
          h('report.col.pupils'),
          h('order.col.usable'),
          h('order.col.order'),
          h('order.col.price'),
          h('order.col.sum'),
        ],
        rows: [
          ...o.lines.map((l) => [
            String(l.req.grade),
            l.req.subject,
            s.titles.get(l.titleId)?.label ?? l.titleId,
            l.pupils,
            l.usable,
            l.order,
            l.price,
            l.sum,
          ]),
          [h('report.total'), '', '', '', '', copies, '', total],
        ],
        formats: [null, null, null, 'int', 'int', 'int', 'money', 'money'],
        bold: [o.lines.length],
        note: h('order.note'),
      },
    ],
  };
}

export function orderSentence(lang: Lang, o: ReturnType<typeof orderOn>): string {
  return t(lang, 'order.built', {
    copies: o.lines.reduce((n, l) => n + l.order, 0),
    sum: showNumber(
      lang,
      o.lines.reduce((n, l) => n + l.sum, 0),
      'money',
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// Pupils without textbooks, names on demand

/** A page per class (of `classKey` only, when given): each pupil who lacks a required textbook. */
export function missingPages(lang: Lang, s: Sources, c: Coverage, classKey: string | null): PrintPage[] {
  const pages: PrintPage[] = [];
  const keys = [...new Set(c.lines.map((l) => l.classKey))].filter((k) => classKey === null || k === classKey);
  for (const key of keys) {
    const lines = c.lines.filter((l) => l.classKey === key);
    const byPupil = new Map<string, { name: string; missing: string[] }>();
    for (const l of lines) {
      for (const p of l.without) {
        const entry = byPupil.get(p.code) ?? { name: p.name || p.code, missing: [] };
        entry.missing.push(l.req.subject || reqTitles(s, l.req));
        byPupil.set(p.code, entry);
      }
    }
    const rows = [...byPupil.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => [p.name, p.missing.join(', ')]);
    pages.push({
      heading: t(lang, 'missing.heading', { class: lines[0].className, date: showDay(c.day) }),
      sections: [{ head: [t(lang, 'missing.col.pupil'), t(lang, 'missing.col.missing')], rows }],
      ...(rows.length === 0 ? { note: t(lang, 'missing.none') } : {}),
    });
  }
  return pages;
}
