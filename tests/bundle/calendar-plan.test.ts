/**
 * The plan on the Events sheet, on the built bundle in the runtime: dates as people write them, the
 * plan's tables pasted as they stand (numbering that skips under a heading, undated rows), and the
 * jubilee finder on the Persons sheet of the plan's figures, checked against a reference.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERSONS } from '../../playground/demo-data';
import { t } from '../../src/messages';
import {
  calendarLibrary,
  eventsOf,
  importPlan,
  PLAN_NAMED_DAYS,
  PLAN_READER_WORK,
  setSetting,
} from '../support/calendar';
import { addRows, lastAlert, rowsOf } from '../support/library';

interface RefPerson {
  name: string;
  born: string;
  precision: 'day' | 'month' | 'year';
  died?: string;
  field: string;
}
const REFERENCE = (
  JSON.parse(readFileSync('tests/fixtures/calendar/persons-reference.json', 'utf8')) as {
    persons: RefPerson[];
  }
).persons;

/** Midnight of a day in Almaty as the sheet holds it (local mean time +05:07:48 before 1924). */
const almatyMidnight = (d: string) =>
  new Date(
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) -
      (Number(d.slice(0, 4)) < 1924 ? 5 * 3600 + 7 * 60 + 48 : 5 * 3600) * 1000,
  );
const dotted = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
const synced = t('kk', 'enum.syncState.synced');

describe('dates as people write them', () => {
  it('syncs 08.09.25, 08.09.2025, a real date and the range 10.11-02.12 typed on the Events sheet', () => {
    const rt = calendarLibrary();
    addRows(rt, 'events', [
      { date: '08.09.25', title: 'Абай оқулары' },
      { date: '08.09.2025', title: 'Абай оқулары (толық жыл)' },
      { date: new Date('2025-09-12T00:00:00+05:00'), title: 'Отбасы күні' },
      { date: '10.11-02.12', title: 'Ең көп оқитын отбасы' },
      { date: '25.08.2025ж.', title: 'Кітап қорын реттеу' },
      { date: '19.01', title: 'Жамбыл оқулары' },
    ]);
    rt.call('calendarSyncNow');
    const days = eventsOf(rt, 'EV')
      .map((e) => [e.title, e.startDate, e.endDate])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(days).toEqual([
      ['Кітап қорын реттеу', '2025-08-25', '2025-08-26'],
      ['Абай оқулары', '2025-09-08', '2025-09-09'],
      ['Абай оқулары (толық жыл)', '2025-09-08', '2025-09-09'],
      ['Отбасы күні', '2025-09-12', '2025-09-13'],
      ['Ең көп оқитын отбасы', '2025-11-10', '2025-12-03'],
      ['Жамбыл оқулары', '2026-01-19', '2026-01-20'],
    ]);
  });

  it('keeps a day and month typed alone on its month when the sheet took it for a number (20.10 kept as 20.1)', () => {
    const rt = calendarLibrary();
    addRows(rt, 'events', [
      { date: '20.10', title: 'Кітапхана күні' },
      { date: '10.10', endDate: '30.10', title: 'Күзгі көрме' },
      { date: '05.01', title: 'Қысқы оқулар' },
    ]);
    // What the sheet holds: numbers, as Sheets keeps them in a locale with a decimal point.
    expect(rowsOf(rt, 'events').map((r) => [r.date, r.endDate])).toEqual([
      [20.1, ''],
      [10.1, 30.1],
      [5.01, ''],
    ]);
    rt.call('calendarSyncNow');
    expect(
      eventsOf(rt, 'EV')
        .map((e) => [e.title, e.startDate, e.endDate])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      ['Күзгі көрме', '2025-10-10', '2025-10-31'],
      ['Кітапхана күні', '2025-10-20', '2025-10-21'],
      ['Қысқы оқулар', '2026-01-05', '2026-01-06'],
    ]);
  });

  it('flags what is no date, a range that ends before it starts, and a row without a name, writing nothing to the calendar for them', () => {
    const rt = calendarLibrary();
    addRows(rt, 'events', [
      { date: 'Жыл бойы', title: 'Оқуға құштар мектеп' },
      { date: '02.12-10.11', title: 'Кері аралық' },
      { date: '10.10.2025', title: '' },
    ]);
    rt.call('calendarSyncNow');
    expect(eventsOf(rt, 'EV')).toEqual([]);
    expect(rowsOf(rt, 'events').map((r) => [r.sync, r.syncNote])).toEqual([
      [t('kk', 'enum.syncState.flagged'), t('kk', 'calendar.row.badDate', { text: 'Жыл бойы' })],
      [t('kk', 'enum.syncState.flagged'), t('kk', 'calendar.row.order', { start: '02.12.2025', end: '10.11.2025' })],
      [t('kk', 'enum.syncState.flagged'), t('kk', 'calendar.row.noTitle')],
    ]);
  });

  it('writes a date of 1845 from a pasted table as that very midnight of Almaty (local mean time)', () => {
    const rt = calendarLibrary();
    importPlan(rt, '1 | Абайдың туған күні (тарихи күн) | 10.08.1845 | Кітапханашы');
    const [row] = rowsOf(rt, 'events');
    expect((row.date as Date).toISOString()).toBe('1845-08-09T18:52:12.000Z');
    expect(row.sync).toBe(t('kk', 'enum.syncState.flagged'));
  });
});

describe("the plan's tables pasted as they stand", () => {
  it('takes the dated row of the reader-work table, whose numbering skips 9 under a heading, and leaves the undated ones out', () => {
    const rt = calendarLibrary();
    const numbers = PLAN_READER_WORK.split('\n')
      .map((l) => l.split('|')[0].trim())
      .filter((c) => /^\d+$/.test(c))
      .map(Number);
    expect(numbers).toContain(8);
    expect(numbers).not.toContain(9);
    const reply = importPlan(rt, PLAN_READER_WORK);
    expect(reply.message).toBe(
      t('kk', 'calendar.import.done', { added: 1, flagged: 0, known: 0, undated: numbers.length - 1 }),
    );
    const [row] = rowsOf(rt, 'events');
    expect([row.title, row.note, row.responsible]).toEqual([
      'Мектеп оқушылары үшін кітап қорын реттеу',
      t('kk', 'calendar.import.note', { item: 2, written: '25.08.2025ж.' }),
      'Кітапхана меңгерушісі Исагулова А.Ж.',
    ]);
  });

  it('adds nothing twice when the same table is pasted again, and says so', () => {
    const rt = calendarLibrary();
    importPlan(rt, PLAN_NAMED_DAYS);
    const again = importPlan(rt, PLAN_NAMED_DAYS);
    expect(again.message).toBe(t('kk', 'calendar.import.done', { added: 0, flagged: 0, known: 22, undated: 2 }));
    expect(rowsOf(rt, 'events')).toHaveLength(22);
  });

  it('guesses the kind and finds the person of each row on the Persons sheet', () => {
    const rt = calendarLibrary();
    addRows(
      rt,
      'persons',
      PERSONS.map((p) => ({ name: p.name, born: dotted(p.born), field: p.field })),
    );
    importPlan(rt, PLAN_NAMED_DAYS);
    const rows = rowsOf(rt, 'events');
    const of = (title: string) => rows.find((r) => String(r.title).startsWith(title));
    expect([of('Шоқан')?.person, of('Шоқан')?.kind]).toEqual([
      'Шоқан Шыңғысұлы Уәлиханов',
      t('kk', 'enum.eventKind.anniversary'),
    ]);
    expect(of('Әбілахат')?.person).toBe('Әбілахат Еспаев');
    expect(of('«Қыран елім')?.kind).toBe(t('kk', 'enum.eventKind.exhibition'));
    expect(of('Ең көп оқитын')?.kind).toBe(t('kk', 'enum.eventKind.campaign'));
    expect(rows.filter((r) => r.person !== '')).toHaveLength(10);
  });
});

describe('the jubilee finder', () => {
  /** The anniversaries of the plan's dated rows, read from their titles: "… туғанына N жыл", "… N жылдығы". */
  const planYears = PLAN_NAMED_DAYS.split('\n')
    .filter((l) => /^\d{2}\.\d{2}/.test(l.split('|')[2]?.trim() ?? ''))
    .map((l) => /(туғанына\s+(\d+)\s+жыл|(\d+)\s+жылдығы)/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[2] ?? m[3]));

  it("keeps the demo's persons as the reference has them (birth dates to their known precision, deaths)", () => {
    expect(PERSONS.map((p) => p.name)).toEqual(REFERENCE.map((r) => r.name));
    for (const r of REFERENCE) {
      const p = PERSONS.find((x) => x.name === r.name);
      const n = r.precision === 'day' ? 10 : r.precision === 'month' ? 7 : 4;
      expect(p?.born.slice(0, n), r.name).toBe(r.born.slice(0, n));
      expect(p?.died, r.name).toBe(r.died);
    }
  });

  it("proposes the plan's anniversaries of 2025-2026 with the right numbers of years, titled in Kazakh", () => {
    const rt = calendarLibrary();
    addRows(
      rt,
      'persons',
      REFERENCE.map((p) => ({
        name: p.name,
        born: dotted(p.born),
        died: p.died ? dotted(p.died) : '',
        field: p.field,
      })),
    );
    // The birth dates went in as the librarian types them and stay exact midnights, 1845 included.
    for (const [i, row] of rowsOf(rt, 'persons').entries())
      expect((row.born as Date).getTime(), REFERENCE[i].name).toBe(almatyMidnight(REFERENCE[i].born).getTime());
    rt.call('calendarFindAnniversaries');
    const rows = rowsOf(rt, 'events');
    // Years computed here from the reference: the birthday that falls in 1 Aug 2025 - 31 Jul 2026.
    const expected = REFERENCE.map((r) => {
      const year = Number(r.born.slice(5, 7)) >= 8 ? 2025 : 2026;
      return { person: r.name, years: year - Number(r.born.slice(0, 4)), day: `${year}${r.born.slice(4)}` };
    });
    expect(expected.map((e) => e.years).sort((a, b) => a - b)).toEqual([...planYears].sort((a, b) => a - b));
    expect(rows).toHaveLength(10);
    for (const e of expected) {
      const row = rows.find((r) => r.person === e.person);
      if (!row) throw new Error(`no proposal for ${e.person}`);
      expect(String(row.title), e.person).toContain(`туғанына ${e.years} жыл`);
      expect((row.date as Date).toISOString()).toBe(almatyMidnight(e.day).toISOString());
      expect(row.sync).toBe(t('kk', 'enum.syncState.proposed'));
    }
    expect(rows.find((r) => r.person === 'Абай (Ибраһим) Құнанбайұлы')?.title).toBe(
      'Абай Құнанбайұлының туғанына 180 жыл',
    );
    expect(rows.find((r) => r.person === 'Жамбыл Жабаев')?.title).toBe('Жамбыл Жабаевтың туғанына 180 жыл');
    expect(rows.find((r) => r.person === 'Мәлік Ғабдуллин')?.title).toBe('Мәлік Ғабдуллиннің туғанына 110 жыл');
    // Proposals wait for the librarian: the sync leaves them out until they are accepted.
    rt.call('calendarSyncNow');
    expect(eventsOf(rt, 'EV')).toEqual([]);
    rt.call('calendarAcceptSuggestions');
    expect(lastAlert(rt)).toBe(t('kk', 'calendar.accept.done', { dates: 0, proposals: 10 }));
    rt.call('calendarSyncNow');
    expect(eventsOf(rt, 'EV')).toHaveLength(10);
    expect(rowsOf(rt, 'events').every((r) => r.sync === synced)).toBe(true);
    // Found again: nothing twice.
    rt.call('calendarFindAnniversaries');
    expect(rowsOf(rt, 'events')).toHaveLength(10);
  });

  it("proposes nothing the plan's table already has, and titles in Russian in a Russian workbook", () => {
    const rt = calendarLibrary();
    addRows(
      rt,
      'persons',
      REFERENCE.map((p) => ({ name: p.name, born: dotted(p.born) })),
    );
    importPlan(rt, PLAN_NAMED_DAYS);
    rt.call('calendarFindAnniversaries');
    expect(lastAlert(rt)).toBe(t('kk', 'calendar.jubilees.none', { year: '2025-2026', persons: 10, known: 10 }));
    expect(rowsOf(rt, 'events')).toHaveLength(22);

    const ru = calendarLibrary();
    ru.call('useRussian');
    addRows(
      ru,
      'persons',
      REFERENCE.map((p) => ({ name: p.name, born: dotted(p.born) })),
    );
    setSetting(ru, 'anniversaryMinYears', '150');
    ru.call('calendarFindAnniversaries');
    expect(rowsOf(ru, 'events').map((r) => r.title)).toEqual([
      '180 лет со дня рождения Абая Кунанбайулы',
      '190 лет со дня рождения Шокана Шынгысулы Уалиханова',
      '180 лет со дня рождения Жамбыла Жабаева',
      '160 лет со дня рождения Алихана Нурмухамедулы Бокейханова',
    ]);
  });
});
