/**
 * The reports' expected numbers, computed here from the generated school (tests/support/
 * reports-school.ts) by plain loops over its rows — not by the program's code — as the librarian
 * would count them by hand: who is enrolled, who holds what, how many books went out.
 */
import { addDays } from '../../src/dates';
import type { School } from './reports-school';

export const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export function oracle(s: School) {
  const titleOf = new Map(s.copies.map((c) => [c.inventory, c.titleId]));
  const kindOfTitle = new Map(s.titles.map((x) => [x.titleId, x.kind]));
  const kindOf = (inv: string) => kindOfTitle.get(titleOf.get(inv) ?? '') ?? null;
  const gradeOfClass = new Map(s.classes.map((c) => [c.name, c.grade]));
  const isOpen = (l: School['loans'][number], day: string) =>
    l.issued <= day && (l.returned === null ? true : l.returned > day);

  const enrolled = (day: string) =>
    s.readers.filter((r) => r.category === 'pupil' && r.registered <= day && (r.left === null || r.left > day));
  const readersOf = (from: string, to: string) =>
    s.readers.filter((r) => r.registered <= to && (r.left === null || r.left >= from));

  /** The requirements of 2026-2027: one per grade and group (or title). */
  const requirements = () => {
    const out: Array<{ grade: number; subject: string; titles: string[] }> = [];
    for (const r of s.required.filter((x) => x.year === '2026-2027')) {
      const same = out.find((x) => x.grade === r.grade && r.group !== '' && x.subject === r.subject);
      if (same) same.titles.push(r.titleId);
      else out.push({ grade: r.grade, subject: r.subject, titles: [r.titleId] });
    }
    return out;
  };

  function coverage(day: string) {
    const pupils = enrolled(day);
    const onLoan = new Set(s.loans.filter((l) => isOpen(l, day)).map((l) => l.inventory));
    const holds = (code: string, titles: string[]) =>
      s.loans.some((l) => l.reader === code && isOpen(l, day) && titles.includes(titleOf.get(l.inventory) ?? ''));
    const lines: Array<{
      className: string;
      subject: string;
      enrolled: number;
      have: number;
      without: string[];
      shortage: number;
    }> = [];
    const reqs = requirements().map((req) => {
      const fund = s.copies.filter(
        (c) => req.titles.includes(c.titleId) && c.status !== 'lost' && c.status !== 'writtenOff' && c.received <= day,
      );
      const free = fund.filter((c) => !onLoan.has(c.inventory)).length;
      let left = free;
      let total = 0;
      let have = 0;
      for (const cls of s.classes.filter((c) => c.grade === req.grade)) {
        const list = pupils.filter((p) => p.className === cls.name);
        const without = list.filter((p) => !holds(p.code, req.titles)).map((p) => p.name);
        const given = Math.min(left, without.length);
        left -= given;
        lines.push({
          className: cls.name,
          subject: req.subject,
          enrolled: list.length,
          have: list.length - without.length,
          without,
          shortage: without.length - given,
        });
        total += list.length;
        have += list.length - without.length;
      }
      return { ...req, pupils: total, have, fund: fund.length, free, shortage: Math.max(0, total - have - free) };
    });
    const share = (filter: (grade: number) => boolean) => {
      const ls = lines.filter((l) => filter(gradeOfClass.get(l.className)!));
      const needed = ls.reduce((n, l) => n + l.enrolled, 0);
      const have = ls.reduce((n, l) => n + l.have, 0);
      return { needed, have, pct: ratio(have, needed) };
    };
    return {
      lines,
      reqs,
      low: share((g) => g >= 5 && g <= 9),
      high: share((g) => g >= 10 && g <= 11),
      school: share(() => true),
      grade: (g: number) => share((x) => x === g),
    };
  }

  function openDays(from: string, to: string, closed: Array<[string, string]>) {
    let n = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      const lastOfMonth = addDays(d, 1).slice(8) === '01';
      if (wd === 2 || wd === 6 || wd === 0 || lastOfMonth) continue;
      if (closed.some(([a, b]) => d >= a && d <= b)) continue;
      n++;
    }
    return n;
  }

  function stats(from: string, to: string, closed: Array<[string, string]>) {
    const readers = readersOf(from, to);
    const issuedIn = s.loans.filter((l) => l.issued >= from && l.issued <= to);
    const books = issuedIn.filter((l) => kindOf(l.inventory) !== 'textbook');
    // Visits: desk reader-days from the loans and desk rows, once each; the other rows as they count.
    const deskDays = new Set<string>();
    let visits = 0;
    const byKind = { desk: 0, readingRoom: 0, excursion: 0, event: 0 };
    const cameRow = new Set<string>();
    for (const v of s.visits.filter((x) => x.date >= from && x.date <= to)) {
      if (v.kind === 'desk') deskDays.add(`${v.reader}|${v.date}`);
      else {
        byKind[v.kind] += v.count;
        visits += v.count;
      }
      if (v.reader) cameRow.add(v.reader);
    }
    for (const l of s.loans)
      for (const d of [l.issued, l.returned]) if (d && d >= from && d <= to) deskDays.add(`${l.reader}|${d}`);
    byKind.desk = deskDays.size;
    visits += deskDays.size;
    const fundOn = (day: string) =>
      s.copies.filter(
        (c) =>
          c.received <= day &&
          !(c.withdrawn && c.withdrawn <= day) &&
          !(c.status === 'lost' && lostOn(c.inventory)! <= day),
      );
    const lostOn = (inv: string) => s.loans.find((l) => l.inventory === inv && l.status === 'lost')?.returned ?? null;
    const fund = fundOn(to);
    const kindCount = (list: typeof fund, k: string) => list.filter((c) => kindOfTitle.get(c.titleId) === k).length;
    const pupils = readers.filter((r) => r.category === 'pupil');
    const users = new Set([...books.map((l) => l.reader), ...[...deskDays].map((k) => k.split('|')[0]), ...cameRow]);
    const days = openDays(from, to, closed);
    const main = fund.length - kindCount(fund, 'textbook');
    // Issues by kind (textbooks too) and, textbooks aside, by the grade of the reader's class or their group.
    const issuesByKind = new Map<string, number>();
    for (const l of issuedIn) issuesByKind.set(kindOf(l.inventory)!, (issuesByKind.get(kindOf(l.inventory)!) ?? 0) + 1);
    const issuesByGrade = new Map<string, number>();
    for (const l of books) {
      const r = s.readers.find((x) => x.code === l.reader)!;
      const key = r.category === 'pupil' ? String(gradeOfClass.get(r.className)) : r.category;
      issuesByGrade.set(key, (issuesByGrade.get(key) ?? 0) + 1);
    }
    return {
      readers: readers.length,
      low: readers.filter((r) => r.category === 'pupil' && (gradeOfClass.get(r.className) ?? 0) <= 9).length,
      high: readers.filter((r) => r.category === 'pupil' && (gradeOfClass.get(r.className) ?? 0) >= 10).length,
      teachers: readers.filter((r) => r.category === 'teacher').length,
      staff: readers.filter((r) => r.category === 'staff').length,
      parents: readers.filter((r) => r.category === 'parent').length,
      issuesByKind: (k: string) => issuesByKind.get(k) ?? 0,
      issuesByGrade,
      others: readers.filter((r) => r.category !== 'pupil').length,
      newReaders: readers.filter((r) => r.registered >= from && r.registered <= to).length,
      borrowers: new Set(books.map((l) => l.reader)).size,
      visits,
      byKind,
      openDays: days,
      issues: books.length,
      textbooks: issuedIn.length - books.length,
      fund: fund.length,
      fundKind: (k: string) => kindCount(fund, k),
      indicators: {
        readingRate: ratio(books.length, readers.length),
        visitRate: ratio(visits, readers.length),
        visitsPerOpenDay: ratio(visits, days),
        turnover: ratio(books.length, main),
        supply: ratio(fund.length, readers.length),
        fictionSupply: ratio(kindCount(fund, 'fiction'), readers.length),
        textbookSupply: ratio(kindCount(fund, 'textbook'), pupils.length),
        coverage: ratio(pupils.filter((p) => users.has(p.code)).length, pupils.length),
      },
      month: (m: string) => ({
        issues: books.filter((l) => l.issued.startsWith(m)).length,
        visits:
          [...deskDays].filter((k) => k.split('|')[1].startsWith(m)).length +
          s.visits
            .filter((v) => v.kind !== 'desk' && v.date.startsWith(m) && v.date >= from && v.date <= to)
            .reduce((n, v) => n + v.count, 0),
      }),
    };
  }

  /** Books (textbooks aside) per pupil enrolled on `to`, issued in from..to. */
  function ratings(from: string, to: string) {
    const pupils = enrolled(to);
    const count = new Map<string, number>();
    for (const l of s.loans)
      if (l.issued >= from && l.issued <= to && kindOf(l.inventory) !== 'textbook')
        count.set(l.reader, (count.get(l.reader) ?? 0) + 1);
    const books = (code: string) => count.get(code) ?? 0;
    const max = Math.max(0, ...pupils.map((p) => books(p.code)));
    const classes = s.classes.map((c) => {
      const members = pupils.filter((p) => p.className === c.name);
      const total = members.reduce((n, p) => n + books(p.code), 0);
      const best = Math.max(0, ...members.map((p) => books(p.code)));
      return {
        name: c.name,
        pupils: members.length,
        books: total,
        perPupil: ratio(total, members.length),
        best: best > 0 ? members.filter((p) => books(p.code) === best).map((p) => p.name) : [],
        bestBooks: best,
      };
    });
    return {
      readerOfYear: max > 0 ? pupils.filter((p) => books(p.code) === max).map((p) => p.name) : [],
      max,
      classes,
    };
  }

  return { coverage, stats, ratings, enrolled, requirements, kindOf, titleOf };
}
