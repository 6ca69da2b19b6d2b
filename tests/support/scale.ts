/**
 * A workbook of a given size, for the cost tests and the benchmark: a school of `readers` pupils and
 * teachers in classes 5А…11В, a catalogue of `titles` (textbooks of every grade, then fiction), a fund
 * of `copies`, a loan history of `loans` rows (returned ones, and some open), written in a few bulk
 * writes as an import would be, then set up by the bundle (which builds its saved layout and every
 * reader's "On loan" record). Deterministic: the same sizes give the same workbook.
 */
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { type EnumName, enumKey, headerKey, SHEETS, type SheetKey } from '../../src/schema';
import { day } from './desk-fixture';
import { sheetOf } from './library';

export interface Size {
  readers: number;
  titles: number;
  copies: number;
  loans: number;
}

export const LYCEUM_SIZE: Size = { readers: 857, titles: 1300, copies: 10_000, loans: 10_000 };

const CLASSES = [
  '5А',
  '5Б',
  '5В',
  '6А',
  '6Б',
  '6В',
  '7А',
  '7Б',
  '7В',
  '8А',
  '8Б',
  '8В',
  '9А',
  '9Б',
  '9В',
  '10А',
  '10Б',
  '11А',
  '11Б',
  '11В',
];

/** The reader code of pupil `i` (five digits, as the lyceum's cards). */
export const readerCode = (i: number) => String(10_000 + i).padStart(5, '0');
/** The inventory number of copy `i`. */
export const inventoryOf = (i: number) => String(100_000 + i).padStart(6, '0');
export const titleIdOf = (i: number) => `B${String(i).padStart(5, '0')}`;

function write(rt: Runtime, key: SheetKey, rows: Array<Record<string, unknown>>): void {
  const def = SHEETS.find((s) => s.key === key)!;
  const sheet = sheetOf(rt, key);
  const width = sheet.getLastColumn();
  const header = sheet.peekValues()[0].map(String);
  const index = new Map(def.columns.map((c) => [c.key, header.indexOf(t('kk', headerKey(key, c.key)))]));
  const first = sheet.getLastRow() + 1;
  const needed = first + rows.length - 1 + 200 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const out = rows.map((r) => {
    const row: unknown[] = new Array(width).fill('');
    for (const c of def.columns) {
      const i = index.get(c.key) ?? -1;
      const v = r[c.key];
      if (i < 0 || v === undefined) continue;
      row[i] = c.type === 'enum' && typeof v === 'string' ? t('kk', enumKey(c.enum as EnumName, v)) : v;
    }
    return row;
  });
  for (let at = 0; at < out.length; at += 20_000) {
    const part = out.slice(at, at + 20_000);
    sheet.getRange(first + at, 1, part.length, width).setValues(part as never);
  }
}

/**
 * Fills a set-up workbook. Pupil 0 of class 7А is the reader at the desk in the tests: code
 * `readerCode(0)`; copies `inventoryOf(0..9)` are on the shelf for them. The class 7А has 35 pupils
 * (pasted as a block, as a class list is), and eight textbooks of grade 7 have copies for all.
 */
export function fillScale(rt: Runtime, size: Size): void {
  // 7А is pasted as one block of 35; the other pupils are spread over the other classes.
  const others = CLASSES.filter((c) => c !== '7А');
  const classOf = (i: number) => (i < 35 ? '7А' : others[i % others.length]);
  write(
    rt,
    'classes',
    CLASSES.map((c, i) => ({
      class: c,
      grade: Number.parseInt(c, 10),
      teacher: `Мұғалім ${i}`,
      email: `t${i}@lyceum92.kz`,
      language: 'kk',
    })),
  );
  const readers = Array.from({ length: size.readers }, (_, i) => ({
    code: readerCode(i),
    name: `Оқушы ${String(i).padStart(4, '0')}`,
    category: i % 20 === 19 ? 'teacher' : 'pupil',
    class: i % 20 === 19 ? '' : classOf(i),
    status: 'active',
  }));
  write(rt, 'readers', readers);
  // Eight textbooks of grade 7 first (the class set), then textbooks of other grades, then fiction.
  const titles = Array.from({ length: size.titles }, (_, i) => ({
    titleId: titleIdOf(i),
    kind: i < 8 || i % 3 === 0 ? 'textbook' : 'fiction',
    author: `Автор ${i}`,
    title: `Кітап ${i}`,
    grade: i < 8 ? 7 : i % 3 === 0 ? 5 + (i % 7) : '',
    subject: i < 8 ? `Пән ${i}` : '',
    price: 1500,
  }));
  write(rt, 'titles', titles);
  // Copies: 40 of each class-set textbook (enough for 7А), the rest spread over the catalogue.
  const copies = Array.from({ length: size.copies }, (_, i) => {
    const title = i < 320 ? Math.floor(i / 40) : 8 + ((i - 320) % Math.max(1, size.titles - 8));
    return {
      inventory: inventoryOf(i),
      titleId: titleIdOf(title),
      status: 'available',
      condition: 'good',
      received: day('2025-08-20'),
      price: 1500,
    };
  });
  // Some copies are on loan to other readers (open loans), so readers hold books.
  const open: Array<Record<string, unknown>> = [];
  for (let i = 400; i < size.copies && open.length < Math.min(800, size.loans / 10); i += 7) {
    const reader = readerCode(35 + (open.length % (size.readers - 35)));
    const loanId = `O${String(i).padStart(7, '0')}`;
    copies[i] = { ...copies[i], status: 'onLoan', reader, loanId, due: day('2026-12-09') } as (typeof copies)[number];
    open.push({
      loanId,
      inventory: inventoryOf(i),
      title: 'Кітап',
      reader,
      issued: day('2026-11-20'),
      due: day('2026-12-09'),
      renewals: 0,
      status: 'open',
    });
  }
  write(rt, 'copies', copies);
  const history = Array.from({ length: Math.max(0, size.loans - open.length) }, (_, i) => ({
    loanId: `H${String(i).padStart(7, '0')}`,
    // The reader at the desk and their copies have a history too, so it grows with the rest.
    inventory: i % 50 === 0 ? inventoryOf(i % 10) : inventoryOf(400 + (i % Math.max(1, size.copies - 400))),
    title: 'Тарихи кітап',
    reader: i % 50 === 0 ? readerCode(0) : readerCode(i % size.readers),
    issued: day('2025-09-15'),
    due: day('2025-09-29'),
    returned: day('2025-09-26'),
    renewals: 0,
    status: 'returned',
  }));
  write(rt, 'loans', [...history, ...open]);
  rt.call('setUpWorkbook');
  rt.ui.log.length = 0;
}
