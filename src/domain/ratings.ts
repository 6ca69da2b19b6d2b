/**
 * Ratings for a period (plan item 15, twice a year), pure: the best reader of each class, the most
 * reading class, the reader of the year. Reading is the books issued in the period; textbooks do not
 * count. A class is ranked by issues per pupil, so a small class is not punished. Ties are ties: every
 * reader with the top count is named, classes with equal issues per pupil share a rank (compared as
 * fractions, not rounded decimals). Pupils counted: those enrolled at the period's end.
 */

export interface RatedPupil {
  code: string;
  name: string;
  classKey: string;
  className: string;
}

export interface Winner {
  pupils: RatedPupil[];
  issues: number;
}

export interface ClassRating {
  classKey: string;
  className: string;
  pupils: number;
  issues: number;
  rank: number;
  best: Winner;
}

export interface Ratings {
  classes: ClassRating[];
  readerOfYear: Winner;
}

function top(pupils: readonly RatedPupil[], count: (code: string) => number): Winner {
  let best = 0;
  for (const p of pupils) best = Math.max(best, count(p.code));
  return { issues: best, pupils: best > 0 ? pupils.filter((p) => count(p.code) === best) : [] };
}

/**
 * `classes` in the order to show them (the Classes sheet's); `issues` the readers' codes of the
 * period's non-textbook loans, one entry a loan.
 */
export function computeRatings(
  classes: ReadonlyArray<{ key: string; name: string }>,
  pupils: readonly RatedPupil[],
  issues: readonly string[],
): Ratings {
  const perReader = new Map<string, number>();
  for (const code of issues) perReader.set(code, (perReader.get(code) ?? 0) + 1);
  const count = (code: string) => perReader.get(code) ?? 0;
  const list = [...classes];
  const known = new Set(list.map((c) => c.key));
  for (const p of pupils) {
    if (!known.has(p.classKey)) {
      known.add(p.classKey);
      list.push({ key: p.classKey, name: p.className });
    }
  }
  const rated = list.map((c) => {
    const members = pupils.filter((p) => p.classKey === c.key);
    return {
      classKey: c.key,
      className: c.name,
      pupils: members.length,
      issues: members.reduce((n, p) => n + count(p.code), 0),
      rank: 0,
      best: top(members, count),
    };
  });
  // Higher issues per pupil first: a/b > c/d ⇔ a·d > c·b. A class with no pupils is not ranked.
  const better = (x: ClassRating, y: ClassRating) => y.issues * x.pupils - x.issues * y.pupils;
  const ranked = rated.filter((c) => c.pupils > 0).sort(better);
  ranked.forEach((c, i) => {
    c.rank = i > 0 && better(ranked[i - 1], c) === 0 ? ranked[i - 1].rank : i + 1;
  });
  return { classes: ranked, readerOfYear: top(pupils, count) };
}
