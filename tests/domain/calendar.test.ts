/**
 * The calendar's pure rules: dates as written and the plan year, the plan's tables, names in titles,
 * round anniversaries, duties as series, what a sync does with a row. Properties with fast-check
 * where an invariant exists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type DayKey, daysBetween } from '../../src/dates';
import { dutyDays, dutySeries, lastDaysOfMonths, PLAN_DUTIES, parseMonths } from '../../src/domain/calendar/duties';
import { alreadyPlanned, birthdayIn, jubileesIn } from '../../src/domain/calendar/jubilees';
import {
  kazakhGenitive,
  kazakhGenitiveWord,
  latinSpelling,
  namesPerson,
  russianGenitive,
} from '../../src/domain/calendar/names';
import {
  checkPlanDates,
  parseWrittenCell,
  parseWrittenDate,
  planYearFrom,
  typedDayMonth,
} from '../../src/domain/calendar/plan-dates';
import { parsePlanTable } from '../../src/domain/calendar/plan-import';
import {
  changedFields,
  type EventSpec,
  FIELDS,
  fingerprintOf,
  keyInDescription,
  planRow,
  readFingerprint,
  reminderMinutes,
  showFingerprint,
  strayEvents,
} from '../../src/domain/calendar/sync';
import { PLAN_NAMED_DAYS, PLAN_READER_WORK } from '../support/calendar';

const PLAN = planYearFrom(2025);
const dayIn = (from: DayKey, to: DayKey) =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((n) => addDays(from, n));
const planDay = dayIn(PLAN.from, PLAN.to);
const dd = (d: DayKey) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;

describe('dates as written, in a plan year', () => {
  it('reads dd.mm.yy, dd.mm.yyyy, "ж." after it, and dd.mm (the plan year gives the year) as the same day', () => {
    fc.assert(
      fc.property(planDay, (d) => {
        for (const text of [
          `${dd(d)}.${d.slice(2, 4)}`,
          `${dd(d)}.${d.slice(0, 4)}`,
          `${dd(d)}.${d.slice(0, 4)}ж.`,
          dd(d),
        ]) {
          expect(parseWrittenDate(text, PLAN), text).toMatchObject({ start: d, end: d });
        }
      }),
    );
  });

  it('reads a range dd.mm-dd.mm inside the plan year, across the new year too', () => {
    fc.assert(
      fc.property(planDay, planDay, (a, b) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        expect(parseWrittenDate(`${dd(s)}-${dd(e)}`, PLAN)).toEqual({ start: s, end: e, yearGiven: false });
        expect(parseWrittenDate(`${dd(s)} – ${dd(e)}.${e.slice(0, 4)}`, PLAN)).toMatchObject({ start: s, end: e });
      }),
    );
    expect(parseWrittenDate('10.11-02.12', PLAN)).toMatchObject({ start: '2025-11-10', end: '2025-12-02' });
    expect(parseWrittenDate('15.12-10.01.26', PLAN)).toMatchObject({ start: '2025-12-15', end: '2026-01-10' });
  });

  it('reads a day and month that Sheets kept as a number (20.10 as 20.1) as the day typed, not another month', () => {
    fc.assert(
      fc.property(planDay, (d) => {
        const typed = Number(dd(d));
        expect(typedDayMonth(typed), dd(d)).toBe(dd(d));
        expect(parseWrittenCell(typed, PLAN)).toMatchObject({ start: d, end: d });
      }),
    );
    expect(parseWrittenCell(20.1, PLAN)).toMatchObject({ start: '2025-10-20' });
    for (const n of [0, 32.01, 28.5, 28.13, 7, 28.011, -1.01]) expect(parseWrittenCell(n, PLAN), String(n)).toBeNull();
  });

  it('refuses what is no date', () => {
    for (const text of ['Жыл бойы', 'Үнемі', '31.02.2026', '', '12', 'Қыркүйек'])
      expect(parseWrittenDate(text, PLAN)).toBeNull();
  });

  it("suggests for a date outside the plan year the same day and month inside it, keeping a range's length", () => {
    fc.assert(
      fc.property(dayIn('2020-01-01', '2030-12-31'), fc.integer({ min: 0, max: 20 }), (start, len) => {
        const end = addDays(start, len);
        const problem = checkPlanDates({ start, end }, PLAN);
        if (start >= PLAN.from && end <= PLAN.to) {
          expect(problem).toBeNull();
          return;
        }
        expect(problem?.kind).toBe('outside');
        const s = problem?.kind === 'outside' ? problem.suggestion : null;
        if (!s) {
          // Only when the same days inside the plan year would run past its end.
          const year = Number(start.slice(5, 7)) >= 8 ? 2025 : 2026;
          expect(addDays(`${year}-${start.slice(5)}`, len) > PLAN.to).toBe(true);
          return;
        }
        expect(s.start >= PLAN.from && s.end <= PLAN.to).toBe(true);
        expect(daysBetween(s.start, s.end)).toBe(len);
        if (start.slice(5) !== '02-29') expect(s.start.slice(5)).toBe(start.slice(5));
      }),
    );
    expect(checkPlanDates({ start: '2025-02-02', end: '2025-02-02' }, PLAN)).toEqual({
      kind: 'outside',
      suggestion: { start: '2026-02-02', end: '2026-02-02' },
    });
  });
});

describe("the plan's tables", () => {
  it('reads the named-days table: 22 dated rows and 2 undated after its heading, header and «Резерв» lines', () => {
    const { items, skipped } = parsePlanTable(PLAN_NAMED_DAYS);
    expect(items.map((i) => i.number)).toEqual([...Array.from({ length: 22 }, (_, i) => i + 1), 1, 2]);
    expect(items[11]).toMatchObject({ title: 'Ең көп оқитын Отбасы', written: '10.11-02.12' });
    expect(items[22].section).toBe('«БІР ЕЛ- БІР КІТАП» АКЦИЯСЫ АЯСЫНДА ІС-ШАРАЛАР ӨТКІЗУ');
    expect(skipped.map((s) => s.kind)).toEqual(['heading', 'heading', 'reserve', 'heading', 'header']);
  });

  it('keeps numbering that skips under a heading, and reads a table pasted from Word (tabs)', () => {
    const { items } = parsePlanTable(PLAN_READER_WORK);
    expect(items.map((i) => i.number)).toContain(10);
    expect(items.find((i) => i.number === 10)?.section).toBe('ПЕДАГОГИКАЛЫҚ ҰЖЫММЕН ЖҰМЫС');
    const tabbed = parsePlanTable('№\tІс-шара\tМерзімі\tЖауапты\n3\tОтбасы күні\t12.09.25\tКітапханашы');
    expect(tabbed.items).toEqual([
      { line: 2, number: 3, title: 'Отбасы күні', written: '12.09.25', responsible: 'Кітапханашы', section: '' },
    ]);
  });
});

describe('names in titles', () => {
  /** The plan's own genitives: the word before "туғанына" or "N жылдығы". */
  const planGenitives = PLAN_NAMED_DAYS.split('\n')
    .map((l) => /([\p{L}]+)\s+(?:туғанына|\d+\s+жылдығы)/u.exec(l)?.[1])
    .filter((w): w is string => !!w);

  it("puts the Kazakh genitive ending as the plan does on each of its anniversaries' names", () => {
    expect(planGenitives.length).toBeGreaterThanOrEqual(10);
    for (const word of planGenitives) {
      const base = word.replace(/(ның|нің|дың|дің|тың|тің)$/u, '');
      expect(kazakhGenitiveWord(base)).toBe(word);
    }
    expect(kazakhGenitive('Абай (Ибраһим) Құнанбайұлы')).toBe('Абай Құнанбайұлының');
    expect(kazakhGenitiveWord('Әуезов')).toBe('Әуезовтің');
    expect(kazakhGenitiveWord('Абай')).toBe('Абайдың');
  });

  it('writes Russian genitives (a man, a woman) and a Latin spelling for English', () => {
    expect(russianGenitive('Абай (Ибраһим) Құнанбайұлы')).toBe('Абая Кунанбайулы');
    expect(russianGenitive('Бауыржан Момышұлы')).toBe('Бауыржана Момышулы');
    expect(russianGenitive('Шара Жиенқұлова')).toBe('Шары Жиенкуловой');
    expect(russianGenitive('Әлия Молдағұлова')).toBe('Алии Молдагуловой');
    expect(latinSpelling('Абай (Ибраһим) Құнанбайұлы')).toBe('Abai Qunanbaiuly');
  });

  it('finds a person in a title spelled otherwise, with endings', () => {
    expect(namesPerson('Шоқан Шыңғысұлы Уалихановтың туғанына 190 жыл', 'Шоқан Шыңғысұлы Уәлиханов')).toBe(true);
    expect(namesPerson('Әлихан Нұрмұхамед Бөкейхановтың туғанына 160 жыл', 'Әлихан Нұрмұхамедұлы Бөкейханов')).toBe(
      true,
    );
    expect(namesPerson('Жамбыл Жабаевтың туғанына 180 жыл', 'Абай (Ибраһим) Құнанбайұлы')).toBe(false);
  });
});

describe('round anniversaries', () => {
  it('are every 5 years from the least number, on the birthday inside the plan year (29 February: the 28th)', () => {
    fc.assert(
      fc.property(
        dayIn('1800-01-01', '1990-12-31'),
        fc.integer({ min: 1, max: 40 }).map((n) => n * 5),
        (born, min) => {
          const found = jubileesIn([{ name: 'X', born }], PLAN, min);
          const expected = [2025, 2026]
            .map((y) => ({ y, day: birthdayIn(born, y) }))
            .filter(
              ({ y, day }) =>
                day >= PLAN.from &&
                day <= PLAN.to &&
                (y - Number(born.slice(0, 4))) % 5 === 0 &&
                y - Number(born.slice(0, 4)) >= min,
            );
          expect(found.map((j) => j.day)).toEqual(expected.map((e) => e.day));
          for (const j of found) if (born.slice(5) !== '02-29') expect(j.day.slice(5)).toBe(born.slice(5));
        },
      ),
    );
    expect(birthdayIn('1896-02-29', 2026)).toBe('2026-02-28');
  });

  it("counts the plan's own row (by the person or the title, with the number) and not one of another year", () => {
    const [abai] = jubileesIn([{ name: 'Абай (Ибраһим) Құнанбайұлы', born: '1845-08-10' }], PLAN, 100);
    const row = { title: 'Абай (Ибраһим) Құнанбайұлының туғанына 180 жыл', person: '', start: '2025-09-08' };
    expect(alreadyPlanned(abai, [row], PLAN)).toBe(true);
    expect(alreadyPlanned(abai, [{ ...row, title: 'Абай оқулары 1800' }], PLAN)).toBe(false);
    expect(alreadyPlanned(abai, [{ ...row, start: '2020-09-08' }], PLAN)).toBe(false);
  });
});

describe('duties as series', () => {
  it('reads months as numbers, ranges and names in three languages', () => {
    expect(parseMonths('5, 6, 8, 9')).toEqual([5, 6, 8, 9]);
    expect(parseMonths('қазан-қараша')).toEqual([10, 11]);
    expect(parseMonths('ноябрь, apr')).toEqual([4, 11]);
    expect(parseMonths('Nov-Feb')).toEqual([1, 2, 11, 12]);
    expect(parseMonths('көктем')).toBeNull();
  });

  it("falls on the plan's months in the plan year, once a month at most, starting at its first day", () => {
    const days = dutyDays({ often: 'yearly', months: [5, 6, 8, 9], day: 20 }, PLAN);
    expect(days).toEqual(['2025-08-20', '2025-09-20', '2026-05-20', '2026-06-20']);
    expect(dutyDays({ often: 'monthly', months: [], day: 31 }, PLAN)).toHaveLength(7);
    for (const d of PLAN_DUTIES) {
      const series = dutySeries(d.rule, PLAN);
      expect(series?.start, d.id).toBe(dutyDays(d.rule, PLAN)[0]);
      expect(series?.until).toBe(PLAN.to);
    }
    expect(lastDaysOfMonths(PLAN)).toHaveLength(12);
    expect(lastDaysOfMonths(PLAN)[6]).toBe('2026-02-28');
  });
});

describe('what a sync does with a row', () => {
  const spec: EventSpec = {
    key: 'EV-0000AAAA',
    title: 'Абай 180',
    description: 'Түрі: мерейтой\n\nКітапхана: EV-0000AAAA',
    start: '2025-09-08',
    end: '2025-09-09',
    reminders: [9540, 900],
    recurrence: null,
  };
  const fp = fingerprintOf(spec);

  it('keeps the fingerprint as text and tells exactly which fields changed', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.subarray([...FIELDS]), (title, description, fields) => {
        const next = {
          ...spec,
          ...(fields.includes('title') ? { title: `${spec.title}${title}!` } : {}),
          ...(fields.includes('description') ? { description: `${description}?` } : {}),
          ...(fields.includes('dates') ? { end: '2025-09-10' } : {}),
          ...(fields.includes('reminders') ? { reminders: [900] } : {}),
        };
        expect(readFingerprint(showFingerprint(fingerprintOf(next)))).toEqual(fingerprintOf(next));
        expect(changedFields(fp, fingerprintOf(next))).toEqual(FIELDS.filter((f) => fields.includes(f)));
      }),
    );
  });

  it('keeps, updates, adopts, creates, or reports a missing event', () => {
    const view = (ids: string[], byKey: Array<[string, string[]]> = []) => ({
      ids: new Set(ids),
      byKey: new Map(byKey),
    });
    const row = { key: spec.key, eventId: 'e1', fingerprint: fp };
    expect(planRow(row, spec, view(['e1']), false)).toEqual({ do: 'keep', id: 'e1' });
    expect(planRow(row, { ...spec, title: 'x' }, view(['e1']), false)).toEqual({
      do: 'update',
      id: 'e1',
      fields: ['title'],
    });
    expect(planRow({ ...row, eventId: '' }, spec, view(['e2'], [[spec.key, ['e2']]]), false)).toEqual({
      do: 'adopt',
      id: 'e2',
    });
    expect(planRow(row, spec, view([]), false)).toEqual({ do: 'missing' });
    expect(planRow(row, spec, view([]), true)).toEqual({ do: 'create', recreated: true });
    expect(planRow({ ...row, eventId: '' }, spec, view([]), false)).toEqual({ do: 'create', recreated: false });
  });

  it("deletes only events of keys no row has, and second events of one key, never the row's own", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('EV-1', 'EV-2', 'EV-3', 'DU-4'), fc.uuid()), { maxLength: 12 }),
        fc.subarray(['EV-1', 'EV-2', 'EV-3', 'DU-4']),
        (events, rows) => {
          const byKey = new Map<string, string[]>();
          for (const [k, id] of events) byKey.set(k, [...(byKey.get(k) ?? []), id]);
          const kept = new Map(
            [...byKey].filter(([k]) => rows.includes(k)).map(([k, ids]) => [k, ids[ids.length - 1]]),
          );
          const gone = new Set(strayEvents({ ids: new Set(events.map((e) => e[1])), byKey }, new Set(rows), kept));
          for (const [k, ids] of byKey) {
            if (!rows.includes(k)) expect(ids.every((id) => gone.has(id))).toBe(true);
            else expect(ids.filter((id) => !gone.has(id))).toEqual([kept.get(k)]);
          }
        },
      ),
    );
  });

  it("finds the key at the end of a description, and makes reminders within Google's bounds", () => {
    expect(keyInDescription(spec.description)).toBe('EV-0000AAAA');
    expect(keyInDescription('Hand-made: EV-0000AAAA is mentioned here.')).toBeNull();
    expect(reminderMinutes([7, 1, 0, 29, 28], 9)).toEqual([40_320 - 540, 9540, 900]);
    expect(reminderMinutes([1, 2, 3, 4, 5, 6, 7], 9)).toHaveLength(5);
  });
});
