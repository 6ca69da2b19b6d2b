/**
 * The demo workbook's data: the lyceum of the seed plan, consistent as the desk keeps it.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SEED, DEMO_TODAY, demoSchedule, generateDemo } from '../../playground/demo';
import { PLAN_EVENTS } from '../../playground/demo-data';
import { isClosed } from '../../src/domain/schedule';

describe('the demo data', () => {
  const d = generateDemo();

  it('is the same on every run (fixed seed)', () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(d));
  });

  it('in its small size keeps the classes, titles, teachers and shelves with a few pupils a class', () => {
    const small = generateDemo(DEMO_SEED, 'small');
    expect(small.classes).toEqual(d.classes);
    expect(small.titles.map((t) => t.titleId)).toEqual(d.titles.map((t) => t.titleId));
    const pupils = (x: typeof d) => x.readers.filter((r) => r.category === 'pupil' && r.status === 'active');
    const perClass = new Map<string, number>();
    for (const p of pupils(small)) perClass.set(p.className, (perClass.get(p.className) ?? 0) + 1);
    expect([...perClass.keys()].sort()).toEqual(d.classes.map((c) => c.className).sort());
    expect(Math.min(...perClass.values())).toBeGreaterThanOrEqual(4);
    expect(pupils(small).length * 5).toBeLessThan(pupils(d).length);
    expect(small.loans.length * 2).toBeLessThan(d.loans.length);
  });

  it('has the plan’s readers: 525 pupils in grades 5-9, 256 in 10-11, plus teachers and staff', () => {
    const active = d.readers.filter((r) => r.category === 'pupil' && r.status === 'active');
    const grade = (c: string) => Number.parseInt(c, 10);
    expect(active.filter((r) => grade(r.className) >= 5 && grade(r.className) <= 9)).toHaveLength(525);
    expect(active.filter((r) => grade(r.className) >= 10 && grade(r.className) <= 11)).toHaveLength(256);
    expect(d.readers.filter((r) => r.category === 'teacher').length).toBeGreaterThan(30);
    expect(d.readers.filter((r) => r.category === 'staff').length).toBeGreaterThan(5);
    expect(new Set(d.readers.map((r) => r.code)).size).toBe(d.readers.length);
    expect(d.readers.some((r) => r.status === 'left' && r.left)).toBe(true);
  });

  it('has classes 5А…11В, each with a class teacher, an e-mail and a language', () => {
    expect(d.classes.map((c) => c.className)).toEqual(
      [5, 6, 7, 8, 9, 10, 11].flatMap((g) => ['А', 'Б', 'В'].map((l) => `${g}${l}`)),
    );
    for (const c of d.classes) {
      expect(c.teacher).toMatch(/\S+ \S+ \S+/);
      expect(c.email).toMatch(/^[a-z0-9.]+@lyceum92\.kz$/);
      expect(['kk', 'ru', 'en']).toContain(c.language);
    }
  });

  it('keeps a textbook per grade and subject, and inventory numbers as plain-text codes', () => {
    for (let g = 5; g <= 11; g++) {
      const subjects = d.titles.filter((t) => t.kind === 'textbook' && t.grade === g).map((t) => t.subject);
      expect(subjects).toContain('Қазақ тілі');
      expect(new Set(subjects).size).toBe(subjects.length);
    }
    for (const kind of ['fiction', 'reference', 'methodical', 'periodical'] as const)
      expect(d.titles.some((t) => t.kind === kind)).toBe(true);
    expect(d.copies.every((c) => /^\d{6}$/.test(c.inventory))).toBe(true);
    expect(new Set(d.copies.map((c) => c.inventory)).size).toBe(d.copies.length);
  });

  it('puts every copy on loan with exactly one open loan, and no copy on loan twice', () => {
    const open = d.loans.filter((l) => l.status === 'open');
    const openByCopy = new Map<string, number>();
    for (const l of open) openByCopy.set(l.inventory, (openByCopy.get(l.inventory) ?? 0) + 1);
    expect([...openByCopy.values()].every((n) => n === 1)).toBe(true);
    const copies = new Map(d.copies.map((c) => [c.inventory, c]));
    for (const l of open) {
      const c = copies.get(l.inventory)!;
      expect(c.status).toBe('onLoan');
      expect([c.reader, c.loanId, c.due]).toEqual([l.reader, l.loanId, l.due]);
    }
    for (const c of d.copies.filter((x) => x.status === 'onLoan')) expect(openByCopy.get(c.inventory)).toBe(1);
    expect(new Set(d.loans.map((l) => l.loanId)).size).toBe(d.loans.length);
  });

  it('never lends one copy to two readers at once, and returns come after issues', () => {
    const byCopy = new Map<string, typeof d.loans>();
    for (const l of d.loans) byCopy.set(l.inventory, [...(byCopy.get(l.inventory) ?? []), l]);
    for (const list of byCopy.values()) {
      const sorted = [...list].sort((a, b) => (a.issued < b.issued ? -1 : 1));
      sorted.forEach((l, i) => {
        if (l.returned) expect(l.returned >= l.issued).toBe(true);
        const next = sorted[i + 1];
        if (next) expect(l.returned !== null && l.returned <= next.issued).toBe(true);
      });
    }
  });

  it('has a school year of loans, some of them overdue, due on open days only', () => {
    const { schedule } = demoSchedule();
    expect(d.loans.length).toBeGreaterThan(5000);
    const overdue = d.loans.filter((l) => l.status === 'open' && l.due < DEMO_TODAY);
    expect(overdue.length).toBeGreaterThanOrEqual(10);
    // Last year's textbook debts are among them.
    expect(overdue.some((l) => l.issued < '2025-06-01')).toBe(true);
    for (const l of d.loans) expect(isClosed(l.due, schedule), `${l.loanId} due ${l.due}`).toBe(false);
    expect(d.loans.every((l) => l.issued <= DEMO_TODAY)).toBe(true);
  });

  it('lists the plan’s 22 events with the source’s own errors kept visible', () => {
    expect(PLAN_EVENTS).toHaveLength(22);
    expect(PLAN_EVENTS.find((e) => e.item === 18)?.date).toBe('2025-02-02');
    expect(PLAN_EVENTS.find((e) => e.item === 22)?.date).toBe('2025-05-04');
    expect(PLAN_EVENTS.find((e) => e.item === 12)).toMatchObject({ date: '2025-11-10', endDate: '2025-12-02' });
  });

  it('labels loans as the desk does: an author ending in a full stop gets no second one', () => {
    expect(d.loans.some((l) => /\p{L}\.\s/u.test(l.title))).toBe(true);
    expect(d.loans.filter((l) => l.title.includes('..')).map((l) => l.title)).toEqual([]);
    expect(d.tour.title).not.toContain('..');
  });

  it('offers the tour a pupil who may borrow and a copy on the shelf', () => {
    const copy = d.copies.find((c) => c.inventory === d.tour.inventory)!;
    expect(copy.status).toBe('available');
    expect(d.readers.find((r) => r.code === d.tour.reader)?.status).toBe('active');
  });
});
