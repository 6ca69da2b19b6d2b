/**
 * The reports on the built bundle, on a generated school: textbook coverage (a shortage, a textbook
 * group, a pupil who left and one who joined), the order diagnostic, the pupils without textbooks,
 * statistics for a month and a school year and two periods side by side, ratings with ties, the
 * annual report, the charts, the monthly trigger, and a school with no loans. Every expected number is
 * computed in the test from the generated data (tests/support/report-oracle.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { showDay } from '../../src/dates';
import { t } from '../../src/messages';
import { at, lastAlert, libraryRuntime, rowsOf } from '../support/library';
import { oracle } from '../support/report-oracle';
import { almatyDay, cellOf, reportSheet, section } from '../support/report-sheets';
import { fillSchool, generateSchool, type School } from '../support/reports-school';

const k = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('kk', key, params);

function school(now = at('2026-11-25'), data: School = generateSchool()): Runtime {
  const rt = libraryRuntime({ now });
  fillSchool(rt, data);
  return rt;
}

/** Runs a menu action that asks for a period, answering `text`. */
function withAnswer(rt: Runtime, fn: string, text: string): string {
  rt.ui.queueResponse({ button: 'OK', text });
  rt.call(fn);
  return lastAlert(rt);
}

const closedDays = (rt: Runtime): Array<[string, string]> =>
  rowsOf(rt, 'schedule').map((r) => [almatyDay(r.from), almatyDay(r.to || r.from)]);

describe('textbook coverage', () => {
  const data = generateSchool();
  const o = oracle(data);
  let rt: Runtime;
  beforeAll(() => {
    rt = school();
    rt.call('buildTextbookCoverage');
  });

  it('per class and subject: pupils, who has it, who has not, and the shortage after the free copies', () => {
    const want = o.coverage('2026-11-25');
    const rows = section(rt, 'coverage', k('cov.byClassSubject')).rows;
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[6]])).toEqual(
      want.lines.map((l) => [l.className, l.subject, l.enrolled, l.have, l.without.length, l.shortage]),
    );
    for (const [i, l] of want.lines.entries()) expect(rows[i][5]).toBeCloseTo(l.enrolled ? l.have / l.enrolled : 0, 9);
    // The generated school has a real shortage (Kazakh 5 in 5Б) and a covered group (Algebra 7).
    expect(want.lines.find((l) => l.className === '5Б' && l.subject === 'Қазақ тілі')!.shortage).toBeGreaterThan(0);
    const algebra = want.lines.find((l) => l.className === '7А')!;
    expect(algebra.have).toBe(algebra.enrolled - 1);
  });

  it('per grade and subject: the copies in the fund, the free ones and the shortage; any title of a group satisfies it', () => {
    const want = o.coverage('2026-11-25').reqs;
    const rows = section(rt, 'coverage', k('cov.byTitle')).rows;
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[7], r[8], r[9]])).toEqual(
      want.map((r) => [String(r.grade), r.subject, r.pupils, r.have, r.pupils - r.have, r.fund, r.free, r.shortage]),
    );
    expect(String(rows[2][2])).toContain('Алгебра 7 (2-басылым)');
  });

  it('% per grade, for grades 5-9, 10-11 and the school (textbooks pupils have ÷ textbooks they need)', () => {
    const want = o.coverage('2026-11-25');
    const summary = section(rt, 'coverage', k('cov.summary')).rows;
    expect(summary.map((r) => [r[2], r[3]])).toEqual([
      [want.low.needed, want.low.have],
      [want.high.needed, want.high.have],
      [want.school.needed, want.school.have],
    ]);
    expect(summary[2][4]).toBeCloseTo(want.school.pct, 9);
    const grades = section(rt, 'coverage', k('cov.byGrade')).rows;
    for (const g of [5, 7, 10]) expect(cellOf(grades, String(g), 4)).toBeCloseTo(want.grade(g).pct, 9);
    expect(lastAlert(rt)).toBe(
      k('cov.built', {
        date: '25.11.2026',
        school: `${(want.school.pct * 100).toFixed(1).replace('.', ',')}%`,
        low: `${(want.low.pct * 100).toFixed(1).replace('.', ',')}%`,
        high: `${(want.high.pct * 100).toFixed(1).replace('.', ',')}%`,
        shortage: want.reqs.reduce((n, r) => n + r.shortage, 0),
      }),
    );
  });

  it('a pupil who left counts nowhere, one who joined counts from the day they joined', () => {
    const joiner = data.readers.find((r) => r.registered === '2026-10-10')!;
    const leaver = data.readers.find((r) => r.left)!;
    const before = school(at('2026-09-30'));
    before.call('buildTextbookCoverage');
    const enrolledBefore = section(before, 'coverage', k('cov.byClass')).rows;
    const enrolledNow = section(rt, 'coverage', k('cov.byClass')).rows;
    const count = (day: string, cls: string) => o.enrolled(day).filter((p) => p.className === cls).length;
    expect(cellOf(enrolledBefore, '5Б')).toBe(count('2026-09-30', '5Б'));
    expect(cellOf(enrolledNow, '5Б')).toBe(count('2026-09-30', '5Б') + 1);
    expect(o.enrolled('2026-09-30').some((p) => p.code === joiner.code)).toBe(false);
    // Left on 1 October: enrolled on 30 September, nowhere afterwards; the copy it holds is not free.
    expect(cellOf(enrolledBefore, '7А')).toBe((cellOf(enrolledNow, '7А') as number) + 1);
    expect(o.enrolled('2026-11-25').some((p) => p.code === leaver.code)).toBe(false);
  });

  it('is a sentence in the Log, and reads a sheet whose columns were moved since the layout was saved', () => {
    const log = rowsOf(rt, 'log').at(-1)!;
    expect(log.action).toBe(k('log.report'));
    expect(String(log.details)).toContain(k('report.sheet.coverage'));
    const moved = school();
    // A column inserted before the readers' codes by a script (no trigger told the saved layout).
    const readers = moved.spreadsheet.getSheetByName(t('kk', 'sheet.readers'))!;
    readers.insertColumnsBefore(1, 1);
    moved.call('buildTextbookCoverage');
    expect(section(moved, 'coverage', k('cov.byClassSubject')).rows).toEqual(
      section(rt, 'coverage', k('cov.byClassSubject')).rows,
    );
  });

  it('the pupils without textbooks, named on demand, a page per class', () => {
    rt.ui.queueResponse({ button: 'OK', text: '5 б' });
    rt.call('printPupilsWithoutTextbooks');
    const dialog = rt.ui.log[rt.ui.log.length - 1] as unknown as { kind: string; content: string };
    expect(dialog.kind).toBe('modal');
    const html = dialog.content;
    const missing = o
      .coverage('2026-11-25')
      .lines.filter((l) => l.className === '5Б')
      .flatMap((l) => l.without);
    for (const name of new Set(missing)) expect(html).toContain(name);
    expect(html).toContain(k('missing.heading', { class: '5Б', date: '25.11.2026' }));
    expect(html).not.toContain('5А');
  });

  it('the order diagnostic: per title, pupils less usable copies, and the sum at the catalogue price', () => {
    rt.call('buildTextbookOrder');
    const rows = section(rt, 'order', k('menu.reports.order')).rows;
    const pupils = o.enrolled('2026-11-25');
    const want = o.requirements().map((req) => {
      const need = pupils.filter((p) => data.classes.find((c) => c.name === p.className)!.grade === req.grade).length;
      const usable = data.copies.filter(
        (c) =>
          req.titles.includes(c.titleId) &&
          c.status !== 'lost' &&
          c.status !== 'writtenOff' &&
          c.condition !== 'unsatisfactory',
      ).length;
      const price = data.titles.find((x) => x.titleId === req.titles[0])!.price;
      const order = Math.max(0, need - usable);
      return [need, usable, order, price, order * price];
    });
    expect(rows.slice(0, want.length).map((r) => r.slice(3, 8))).toEqual(want);
    const total = want.reduce((n, w) => n + (w[4] as number), 0);
    expect(rows[want.length].slice(5)).toEqual([want.reduce((n, w) => n + (w[2] as number), 0), '', total]);
    expect(total).toBeGreaterThan(0);
  });
});

describe('statistics', () => {
  const data = generateSchool();
  const o = oracle(data);
  let rt: Runtime;
  beforeAll(() => {
    rt = school();
  });

  const check = (from: string, to: string, col = 1) => {
    const want = o.stats(from, to, closedDays(rt));
    const plan = section(rt, 'statistics', k('stats.plan')).rows;
    expect(cellOf(plan, k('plan.readers'), col)).toBe(want.readers);
    expect(cellOf(plan, k('plan.composition'))).toBe(k('plan.compositionValue'));
    expect(cellOf(plan, k('plan.low'), col)).toBe(want.low);
    expect(cellOf(plan, k('plan.high'), col)).toBe(want.high);
    expect(cellOf(plan, k('plan.teachers'), col)).toBe(want.others);
    expect(cellOf(plan, k('plan.visits'), col)).toBe(want.visits);
    expect(cellOf(plan, k('plan.issues'), col)).toBe(want.issues);
    const readers = section(rt, 'statistics', k('stats.readers')).rows;
    expect(cellOf(readers, k('stats.newReaders'), col)).toBe(want.newReaders);
    expect(cellOf(readers, k('stats.borrowers'), col)).toBe(want.borrowers);
    expect(cellOf(readers, `  ${k('stats.group.teacher')}`, col)).toBe(want.teachers);
    expect(cellOf(readers, `  ${k('stats.group.staff')}`, col)).toBe(want.staff);
    expect(cellOf(readers, `  ${k('stats.group.parent')}`, col)).toBe(want.parents);
    expect(cellOf(readers, `  ${k('stats.group.low')}`, col)).toBe(want.low);
    expect(cellOf(readers, `  ${k('stats.group.high')}`, col)).toBe(want.high);
    const visits = section(rt, 'statistics', k('stats.visits')).rows;
    expect(cellOf(visits, `  ${k('enum.visitKind.desk')}`, col)).toBe(want.byKind.desk);
    expect(cellOf(visits, `  ${k('enum.visitKind.readingRoom')}`, col)).toBe(want.byKind.readingRoom);
    expect(cellOf(visits, `  ${k('enum.visitKind.excursion')}`, col)).toBe(want.byKind.excursion);
    expect(cellOf(visits, `  ${k('enum.visitKind.event')}`, col)).toBe(want.byKind.event);
    expect(cellOf(visits, k('stats.openDays'), col)).toBe(want.openDays);
    const issues = section(rt, 'statistics', k('stats.issues')).rows;
    expect(cellOf(issues, k('stats.textbookIssues'), col)).toBe(want.textbooks);
    const byKind = section(rt, 'statistics', k('stats.byKind')).rows;
    for (const kind of ['textbook', 'fiction', 'reference', 'methodical', 'periodical'] as const)
      expect(cellOf(byKind, k(`enum.kind.${kind}`), col), kind).toBe(want.issuesByKind(kind));
    // By grade: every grade of the school, and the teachers' books; textbooks aside, they add up to the issues.
    const byGrade = section(rt, 'statistics', k('stats.byGrade')).rows;
    for (const grade of ['5', '7', '10'])
      expect(cellOf(byGrade, k('stats.grade', { grade }), col), grade).toBe(want.issuesByGrade.get(grade) ?? 0);
    const teachers = byGrade.find((r) => r[0] === k('stats.group.teacher'));
    expect(teachers?.[col] ?? 0).toBe(want.issuesByGrade.get('teacher') ?? 0);
    expect(byGrade.reduce((n, r) => n + (r[col] as number), 0)).toBe(want.issues);
    const ind = section(rt, 'statistics', k('stats.indicators')).rows;
    for (const [key, value] of Object.entries(want.indicators))
      expect(cellOf(ind, k(`ind.${key}` as never), col) as number, key).toBeCloseTo(value, 9);
    const fund = section(rt, 'statistics', k('stats.fund', { date: showDay(to) }));
    expect(cellOf(fund.rows, k('report.total'), col)).toBe(want.fund);
    expect(cellOf(fund.rows, k('enum.kind.fiction'), col)).toBe(want.fundKind('fiction'));
    return want;
  };

  it('for a month: every indicator, computed from the generated data', () => {
    const alert = withAnswer(rt, 'buildStatistics', '10.2026');
    const want = check('2026-10-01', '2026-10-31');
    expect(alert).toBe(
      k('stats.built', { period: '10.2026', readers: want.readers, visits: want.visits, issues: want.issues }),
    );
    const months = section(rt, 'statistics', k('stats.byMonth')).rows;
    expect(months).toEqual([['10.2026', want.month('2026-10').issues, want.month('2026-10').visits]]);
    expect(want.visits).toBeGreaterThan(0);
  });

  it('for a school year: every indicator, and the months', () => {
    withAnswer(rt, 'buildStatistics', '2025-2026');
    const want = check('2025-08-01', '2026-07-31');
    const months = section(rt, 'statistics', k('stats.byMonth')).rows;
    expect(months).toHaveLength(12);
    expect(months[2]).toEqual(['10.2025', want.month('2025-10').issues, want.month('2025-10').visits]);
    expect(want.issues).toBeGreaterThan(0);
  });

  it('two periods side by side, with the change', () => {
    withAnswer(rt, 'buildStatistics', '2026-2027; 2025-2026');
    const a = o.stats('2026-08-01', '2026-11-25', closedDays(rt));
    const b = o.stats('2025-08-01', '2026-07-31', closedDays(rt));
    const plan = section(rt, 'statistics', k('stats.plan'));
    expect(plan.head).toEqual([
      k('report.col.indicator'),
      k('report.sofar', { period: k('report.period.year', { year: '2026-2027' }), date: '25.11.2026' }),
      k('report.period.year', { year: '2025-2026' }),
      k('report.col.change'),
    ]);
    expect(plan.rows.find((r) => r[0] === k('plan.issues'))).toEqual([
      k('plan.issues'),
      a.issues,
      b.issues,
      a.issues - b.issues,
    ]);
    const ind = section(rt, 'statistics', k('stats.indicators')).rows;
    const rate = ind.find((r) => r[0] === k('ind.readingRate'))!;
    expect(rate[3] as number).toBeCloseTo(a.indicators.readingRate - b.indicators.readingRate, 9);
    expect(rate[4]).toBe(k('ind.readingRate.how'));
  });

  it('two ranges of dates side by side (the autumn so far, last autumn), and a quarter: every indicator', () => {
    withAnswer(rt, 'buildStatistics', '01.09.2026 - 30.11.2026; 01.09.2025 - 30.11.2025');
    // The first range reaches past today: it stops today.
    const a = o.stats('2026-09-01', '2026-11-25', closedDays(rt));
    const b = o.stats('2025-09-01', '2025-11-30', closedDays(rt));
    const plan = section(rt, 'statistics', k('stats.plan')).rows;
    const ind = section(rt, 'statistics', k('stats.indicators')).rows;
    const byKind = section(rt, 'statistics', k('stats.byKind')).rows;
    for (const [col, want] of [
      [1, a],
      [2, b],
    ] as const) {
      expect(cellOf(plan, k('plan.readers'), col)).toBe(want.readers);
      expect(cellOf(plan, k('plan.visits'), col)).toBe(want.visits);
      expect(cellOf(plan, k('plan.issues'), col)).toBe(want.issues);
      expect(cellOf(byKind, k('enum.kind.textbook'), col)).toBe(want.issuesByKind('textbook'));
      for (const [key, value] of Object.entries(want.indicators))
        expect(cellOf(ind, k(`ind.${key}` as never), col) as number, `${key} ${col}`).toBeCloseTo(value, 9);
    }
    expect(cellOf(plan, k('plan.issues'), 3)).toBe(a.issues - b.issues);
    expect(a.issues).toBeGreaterThan(0);
    expect(b.issues).toBeGreaterThan(0);
    // The autumn quarter of last year (November-December).
    withAnswer(rt, 'buildStatistics', 'II тоқсан 2025-2026');
    const q = o.stats('2025-11-01', '2025-12-31', closedDays(rt));
    const qPlan = section(rt, 'statistics', k('stats.plan')).rows;
    expect([
      cellOf(qPlan, k('plan.readers')),
      cellOf(qPlan, k('plan.visits')),
      cellOf(qPlan, k('plan.issues')),
    ]).toEqual([q.readers, q.visits, q.issues]);
  });

  it('a period that is no period is refused with examples, and nothing is written', () => {
    const before = reportSheet(rt, 'statistics').peekValues();
    expect(withAnswer(rt, 'buildStatistics', 'келесі апта')).toBe(k('stats.badPeriod', { text: 'келесі апта' }));
    expect(reportSheet(rt, 'statistics').peekValues()).toEqual(before);
  });
});

describe('ratings', () => {
  const data = generateSchool();
  const o = oracle(data);
  it('the best reader of each class, the most reading class by books per pupil, the reader of the year; ties are ties', () => {
    const rt = school();
    const alert = withAnswer(rt, 'buildRatings', '');
    const want = o.ratings('2026-08-01', '2026-11-25');
    expect(want.readerOfYear.length).toBeGreaterThan(1);
    const year = section(rt, 'ratings', k('rat.readerOfYear')).rows;
    expect(year.map((r) => r[0]).sort()).toEqual([...want.readerOfYear].sort());
    expect(year.every((r) => r[2] === want.max)).toBe(true);
    const classes = section(rt, 'ratings', k('rat.classes')).rows;
    const sorted = [...want.classes].sort((x, y) => y.perPupil - x.perPupil);
    expect(classes.map((r) => [r[1], r[2], r[3]])).toEqual(sorted.map((c) => [c.name, c.pupils, c.books]));
    // 5Б and 10А read as many books per pupil: they share a place.
    const place = (cls: string) => classes.find((r) => r[1] === cls)![0];
    expect(want.classes.find((c) => c.name === '5Б')!.perPupil).toBe(
      want.classes.find((c) => c.name === '10А')!.perPupil,
    );
    expect(place('5Б')).toBe(place('10А'));
    expect(place('7А')).toBe(1);
    const best = section(rt, 'ratings', k('rat.best')).rows;
    for (const c of want.classes) {
      const row = best.find((r) => r[0] === c.name)!;
      expect(String(row[1]).split(', ').sort()).toEqual(c.best.length ? [...c.best].sort() : [k('rat.nobody')]);
      expect(row[2]).toBe(c.bestBooks);
    }
    expect(alert).toContain('7А');
    // The period the librarian chooses: last school year, its own reader of the year.
    withAnswer(rt, 'buildRatings', '2025-2026');
    const last = o.ratings('2025-08-01', '2026-07-31');
    expect(last.max).toBeGreaterThan(0);
    const lastYear = section(rt, 'ratings', k('rat.readerOfYear')).rows;
    expect(lastYear.map((r) => r[0]).sort()).toEqual([...last.readerOfYear].sort());
    expect(lastYear.every((r) => r[2] === last.max)).toBe(true);
  });
});

describe('the annual report', () => {
  const data = generateSchool();
  const o = oracle(data);
  let rt: Runtime;
  beforeAll(() => {
    rt = school(at('2026-09-15'));
    rt.call('buildAnnualReport');
  });

  it('is one sheet with its sections in Kazakh, for the school year that ended, and opens its A4 print view', () => {
    const titles = reportSheet(rt, 'annual')
      .peekValues()
      .map((r) => String(r[0]));
    expect(titles[0]).toBe(k('ann.title', { year: '2025-2026' }));
    for (const key of [
      'ann.readers',
      'ann.visits',
      'ann.issues',
      'ann.indicators',
      'ann.fund',
      'ann.events',
      'ann.byMonth',
    ] as const)
      expect(titles).toContain(k(key));
    expect(titles).toContain(k('ann.coverage', { date: '15.09.2026' }));
    expect(titles).toContain(`${k('ann.ratings')}: ${k('rat.readerOfYear')}`);
    const dialog = rt.ui.log[rt.ui.log.length - 1] as unknown as { kind: string; title: string; content?: string };
    expect(dialog.kind).toBe('modal');
    expect(dialog.title).toBe(k('ann.printTitle'));
  });

  it('holds the year’s numbers, the fund’s movement and the events held', () => {
    const want = o.stats('2025-08-01', '2026-07-31', closedDays(rt));
    const readers = section(rt, 'annual', k('ann.readers')).rows;
    expect(cellOf(readers, k('stats.readersTotal'))).toBe(want.readers);
    const issues = section(rt, 'annual', k('ann.issues')).rows;
    expect(cellOf(issues, k('stats.issuesTotal'))).toBe(want.issues);
    const fund = section(rt, 'annual', k('ann.fund')).rows;
    // Received in the year: the second edition of Algebra 7 (Aug 2026 is next year) and one F2.
    const received = data.copies.filter((c) => c.received >= '2025-08-01' && c.received <= '2026-07-31');
    const withdrawn = data.copies.filter((c) => (c.withdrawn && c.withdrawn <= '2026-07-31') || c.status === 'lost');
    expect(cellOf(fund, k('report.total'), 2)).toBe(received.length);
    expect(cellOf(fund, k('report.total'), 3)).toBe(withdrawn.length);
    expect(cellOf(fund, k('report.total'), 4)).toBe(want.fund);
    const total = fund.find((r) => r[0] === k('report.total'))!;
    expect(total[4]).toBe((total[1] as number) + (total[2] as number) - (total[3] as number));
    // Textbook coverage on the day of the report, and the year's ratings (textbooks aside).
    const cov = o.coverage('2026-09-15');
    const covRows = section(rt, 'annual', k('ann.coverage', { date: '15.09.2026' })).rows;
    expect(covRows.map((r) => [r[2], r[3]])).toEqual([
      [cov.low.needed, cov.low.have],
      [cov.high.needed, cov.high.have],
      [cov.school.needed, cov.school.have],
    ]);
    expect(covRows[2][4]).toBeCloseTo(cov.school.pct, 9);
    const rat = o.ratings('2025-08-01', '2026-07-31');
    expect(rat.max).toBeGreaterThan(0);
    const best = section(rt, 'annual', `${k('ann.ratings')}: ${k('rat.readerOfYear')}`).rows;
    expect(best.map((r) => r[0]).sort()).toEqual([...rat.readerOfYear].sort());
    expect(best.every((r) => r[2] === rat.max)).toBe(true);
    const events = section(rt, 'annual', k('ann.events')).rows;
    expect(events.map((r) => r[1])).toEqual(
      data.events.filter((e) => e.date >= '2025-08-01' && e.date <= '2026-07-31').map((e) => e.title),
    );
  });

  it('the May summing-up is the same report for the school year so far', () => {
    const may = school(at('2027-05-20'));
    may.call('buildYearSummary');
    const values = reportSheet(may, 'annual').peekValues();
    expect(values[0][0]).toBe(k('ann.summaryTitle', { year: '2026-2027', date: '20.05.2027' }));
    const want = o.stats('2026-08-01', '2027-05-20', closedDays(may));
    expect(cellOf(section(may, 'annual', k('ann.readers')).rows, k('stats.readersTotal'))).toBe(want.readers);
  });
});

describe('charts', () => {
  it('coverage per grade, issues and visits per month, the fund by kind: embedded charts over the right ranges', () => {
    const rt = school(at('2026-09-15'));
    rt.call('buildAnnualReport');
    rt.call('buildTextbookCoverage');
    const a1 = (c: { getRanges(): Array<{ getA1Notation(): string }> }) => c.getRanges().map((r) => r.getA1Notation());
    const grades = section(rt, 'coverage', k('cov.byGrade'));
    const [coverage] = reportSheet(rt, 'coverage').getCharts();
    const first = grades.headRow;
    const last = first + grades.rows.length;
    expect(a1(coverage)).toEqual([`A${first}:A${last}`, `E${first}:E${last}`]);
    expect(coverage.getOptions().get('title')).toBe(k('cov.chart'));
    const annual = reportSheet(rt, 'annual').getCharts();
    const titles = annual.map((c) => c.getOptions().get('title'));
    expect(titles).toEqual([k('ann.chart.fund'), k('cov.chart'), k('stats.chart.issues'), k('stats.chart.visits')]);
    const fund = section(rt, 'annual', k('ann.fund'));
    const kinds = 5;
    expect(a1(annual[0])).toEqual([
      `A${fund.headRow}:A${fund.headRow + kinds}`,
      `E${fund.headRow}:E${fund.headRow + kinds}`,
    ]);
    const months = section(rt, 'annual', k('ann.byMonth'));
    const m = (col: string) => `${col}${months.headRow}:${col}${months.headRow + 12}`;
    expect(a1(annual[2])).toEqual([m('A'), m('B')]);
    expect(a1(annual[3])).toEqual([m('A'), m('C')]);
    // Charts stand right of the tables, one under another, and a second run changes none of them.
    const before = JSON.stringify(reportSheet(rt, 'annual').charts);
    rt.counters.reset();
    rt.call('buildAnnualReport');
    expect(rt.counters.count('Sheet.insertChart') + rt.counters.count('Sheet.updateChart')).toBe(0);
    expect(JSON.stringify(reportSheet(rt, 'annual').charts)).toBe(before);
  });
});

describe('generated sheets', () => {
  it('are protected with a warning, hold no formulas, and speak the workbook’s language (the annual report the department’s)', () => {
    const rt = school();
    rt.call('buildTextbookCoverage');
    rt.ui.queueResponse({ button: 'OK', text: '' });
    rt.call('buildStatistics');
    rt.call('buildAnnualReport');
    for (const key of ['coverage', 'statistics', 'annual']) {
      const sheet = reportSheet(rt, key);
      const [p] = sheet.getProtections('SHEET' as never);
      expect(p.isWarningOnly()).toBe(true);
      const b = sheet.contentBounds();
      for (let r = 1; r <= b.lastRow; r++)
        for (let c = 1; c <= b.lastCol; c++) expect(sheet.peekCell(r, c).formula).toBeNull();
    }
    // Text that looks like a date or a number stays text (the periods' labels).
    const plan = section(rt, 'statistics', k('stats.plan'));
    expect(typeof plan.head[1]).toBe('string');
    const settings = rowsOf(rt, 'settings');
    const i = settings.findIndex((r) => r.key === 'reportLanguage');
    rt.userEdit(
      reportSheet(rt, 'coverage')
        .getParent()
        .getSheets()
        .find((s) => s.getName() === t('kk', 'sheet.settings'))!
        .getName(),
      i + 2,
      2,
      [['ru']],
    );
    rt.call('buildAnnualReport');
    expect(String(reportSheet(rt, 'annual').peekValues()[0][0])).toBe(t('ru', 'ann.title', { year: '2025-2026' }));
  });
});

describe('the monthly trigger', () => {
  it('rebuilds the coverage and last month’s statistics beside the month before, installed once, with no dialog', () => {
    const rt = school();
    rt.call('turnOnMonthlyStatistics');
    rt.call('turnOnMonthlyStatistics');
    expect(rt.triggers.list().filter((x) => x.handler === 'monthlyStatisticsTrigger')).toHaveLength(1);
    const dialogs = rt.ui.log.length;
    const fired = rt.fireTriggers(at('2026-12-01', '08:00'));
    expect(fired.map((f) => [f.functionName, f.error])).toEqual([['monthlyStatisticsTrigger', undefined]]);
    expect(rt.ui.log.length).toBe(dialogs);
    const plan = section(rt, 'statistics', k('stats.plan'));
    expect(plan.head.slice(1)).toEqual(['11.2026', '10.2026', k('report.col.change')]);
    expect(String(reportSheet(rt, 'coverage').peekValues()[0][0])).toBe(
      k('cov.title', { year: '2026-2027', date: '01.12.2026' }),
    );
    rt.call('turnOffMonthlyStatistics');
    expect(rt.triggers.list().filter((x) => x.handler === 'monthlyStatisticsTrigger')).toHaveLength(0);
  });
});

describe('a school with no loans yet', () => {
  it('gives zeros, not errors or NaN', () => {
    const rt = school(at('2026-11-25'), generateSchool(1, { loans: false }));
    rt.call('buildTextbookCoverage');
    rt.call('buildTextbookOrder');
    withAnswer(rt, 'buildStatistics', '2026-2027; 2025-2026');
    withAnswer(rt, 'buildRatings', '');
    rt.call('buildAnnualReport');
    for (const key of ['coverage', 'order', 'statistics', 'ratings', 'annual']) {
      const text = reportSheet(rt, key).peekDisplayValues().flat().join(' ');
      expect(text, key).not.toMatch(/NaN|Infinity|undefined|#ERROR/);
    }
    const ind = section(rt, 'statistics', k('stats.indicators')).rows;
    expect(cellOf(ind, k('ind.readingRate'))).toBe(0);
    expect(cellOf(ind, k('ind.turnover'))).toBe(0);
    const summary = section(rt, 'coverage', k('cov.summary')).rows;
    expect(summary[2][3]).toBe(0);
    expect(summary[2][4]).toBe(0);
    expect(section(rt, 'ratings', k('rat.readerOfYear')).rows).toEqual([[k('rat.nobody'), '', 0]]);
  });
});
