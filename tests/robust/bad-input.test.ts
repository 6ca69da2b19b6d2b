/**
 * Bad input, generated: fast-check damages the workbook as real ones are damaged — blank rows in the
 * middle, text in date and number columns, spaces around codes, Latin look-alikes in Cyrillic codes
 * and classes, duplicate inventory numbers and reader codes, renamed, missing, extra and reordered
 * columns, a merged header, a header moved down by an inserted row, thousands of pasted rows — by a
 * librarian's edit (onEdit runs) or by an import (it does not), then runs an action of the built
 * bundle. Every action either succeeds or refuses with a clear, localised message (never the
 * catch-all "something went wrong", never a raw error), and a refusal writes nothing.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { t } from '../../src/messages';
import { headerKey } from '../../src/schema';
import { sheetOf } from '../support/library';
import { isUnexpected, workbench, writesOf } from '../support/workbench';

type SheetKey = 'readers' | 'copies' | 'loans' | 'titles' | 'classes' | 'schedule' | 'settings';
const SHEETS: SheetKey[] = ['readers', 'copies', 'loans', 'titles', 'classes', 'schedule', 'settings'];

interface Damage {
  kind: string;
  sheet: SheetKey;
  a: number;
  b: number;
  viaEdit: boolean;
}

const LATIN: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
};

/**
 * Applies one damage to the sheet, as a librarian's edit (onEdit runs) or as an import (no onEdit).
 * A change of the sheet's structure (rows or columns inserted, removed, moved) fires the installed
 * onChange trigger, as any change a person makes does in Sheets.
 */
function damage(rt: Runtime, d: Damage): void {
  const structural: Record<string, string> = {
    blankRows: 'INSERT_ROW',
    deleteColumn: 'REMOVE_COLUMN',
    extraColumn: 'INSERT_COLUMN',
    swapColumns: 'OTHER',
    headerDown: 'INSERT_ROW',
    manyRows: 'INSERT_ROW',
  };
  apply(rt, d);
  if (structural[d.kind]) rt.userChange(structural[d.kind]);
}

function apply(rt: Runtime, d: Damage): void {
  const sheet = sheetOf(rt, d.sheet);
  const width = Math.max(1, sheet.getLastColumn());
  const last = Math.max(2, sheet.getLastRow());
  const row = 2 + (d.a % (last - 1));
  const col = 1 + (d.b % width);
  const write = (r: number, c: number, values: unknown[][]) => {
    if (d.viaEdit) {
      // A librarian's edit that the sheet's validation refuses simply does not happen.
      try {
        rt.userEdit(sheet.getName(), r, c, values);
      } catch (e) {
        if (!String(e).includes('refused')) throw e;
      }
    } else {
      const range = sheet.getRange(r, c, values.length, values[0].length);
      range.clearDataValidations();
      range.setValues(values as never);
    }
  };
  const cell = () => sheet.peekValues()[row - 1]?.[col - 1] ?? '';
  switch (d.kind) {
    case 'blankRows':
      sheet.insertRowsAfter(row, 1 + (d.b % 3));
      break;
    case 'textInDate':
    case 'textInNumber':
      sheet.getRange(row, col).clearDataValidations();
      write(row, col, [[d.kind === 'textInDate' ? 'кеше' : 'бес']]);
      break;
    case 'spaces':
      write(row, col, [[`  ${String(cell())}  `]]);
      break;
    case 'lookalike':
      write(row, col, [[[...String(cell())].map((ch) => LATIN[ch] ?? ch).join('')]]);
      break;
    case 'duplicateRow': {
      const values = sheet.peekValues()[row - 1];
      if (values) write(Math.max(2, sheet.getLastRow() + 1), 1, [values]);
      break;
    }
    case 'renameColumn':
      write(1, col, [[`Баған ${d.b}`]]);
      break;
    case 'deleteColumn':
      if (width > 1) sheet.deleteColumn(col);
      break;
    case 'extraColumn':
      sheet.insertColumnBefore(col);
      write(1, col, [['Менің бағаным']]);
      break;
    case 'swapColumns': {
      // A column dragged elsewhere: everything moves with it.
      const to = 1 + ((d.b + 7) % (width + 1));
      if (to !== col && to !== col + 1) sheet.moveColumns(sheet.getRange(1, col), to);
      break;
    }
    case 'mergedHeader':
      if (width > 1) sheet.getRange(1, Math.min(col, width - 1), 1, 2).merge();
      break;
    case 'headerDown':
      sheet.insertRowBefore(1);
      break;
    case 'manyRows': {
      const rows = Array.from({ length: 2000 + (d.a % 1000) }, (_, i) => {
        const r = new Array(width).fill('');
        r[0] = `P${String(i).padStart(5, '0')}`;
        if (width > 1) r[1] = `Қойылған ${i}`;
        return r;
      });
      const first = sheet.getLastRow() + 1;
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
      sheet
        .getRange(first, 1, rows.length, width)
        .clearDataValidations()
        .setValues(rows as never);
      break;
    }
  }
}

const KINDS = [
  'blankRows',
  'textInDate',
  'textInNumber',
  'spaces',
  'lookalike',
  'duplicateRow',
  'renameColumn',
  'deleteColumn',
  'extraColumn',
  'swapColumns',
  'mergedHeader',
  'headerDown',
  'manyRows',
];

const damageArb = fc.record({
  // Thousands of pasted rows are slow to make: one case in thirty.
  kind: fc.oneof(
    { weight: 29, arbitrary: fc.constantFrom(...KINDS.filter((k) => k !== 'manyRows')) },
    { weight: 1, arbitrary: fc.constant('manyRows') },
  ),
  sheet: fc.constantFrom(...SHEETS),
  a: fc.nat(1000),
  b: fc.nat(1000),
  viaEdit: fc.boolean(),
});

/** Desk actions (sidebar replies: refusals are checked to write nothing) and menu actions. */
const DESK: Array<[string, unknown[]]> = [
  ['deskFindReader', ['00123']],
  ['deskFindReader', ['7А']],
  ['deskReaderForm', ['00124']],
  ['deskIssue', ['00125', '000101']],
  ['deskIssue', ['T001', '000102']],
  ['deskReturn', ['000103']],
  ['deskRenew', ['000104']],
  ['deskLost', ['000105', '000777']],
  ['deskClassPreview', ['7А', ['T7M', 'T7K'], false]],
  ['deskClassIssue', ['7А', ['T7M'], false]],
  ['deskClassReturns', ['10Б']],
  ['deskHistory', ['00123']],
];
const MENU = ['setUpWorkbook', 'buildDebtorList', 'checkWorkbook', 'previewDebtorEmails'];

let cases = 0;

describe('bad input, generated (fast-check on the built bundle)', () => {
  const bench = workbench();
  const { rt } = bench;

  afterAll(() => {
    console.log(`bad input: ${cases} generated workbooks, each met by a desk or menu action`);
  });

  it('a desk action on a damaged workbook succeeds or refuses clearly, and a refusal writes nothing', () => {
    fc.assert(
      fc.property(fc.array(damageArb, { minLength: 1, maxLength: 3 }), fc.nat(DESK.length - 1), (damages, which) => {
        bench.reset();
        for (const d of damages) damage(rt, d);
        cases++;
        const [fn, args] = DESK[which];
        rt.counters.reset();
        const reply = rt.call(fn, ...args) as { ok: boolean; message?: string };
        if (!reply.ok) {
          expect(isUnexpected(String(reply.message)), `${fn}: ${reply.message}`).toBe(false);
          expect(String(reply.message).length).toBeLessThan(400);
          // A refusal writes nothing (the runtime counts every write a script makes).
          expect(writesOf(rt), `${fn} refused (${reply.message}) but wrote`).toEqual([]);
        }
      }),
      { numRuns: 700, seed: 8 },
    );
  }, 300_000);

  it('a menu action on a damaged workbook ends with a clear message, never a raw error', () => {
    fc.assert(
      fc.property(fc.array(damageArb, { minLength: 1, maxLength: 2 }), fc.constantFrom(...MENU), (damages, fn) => {
        bench.reset();
        for (const d of damages) damage(rt, d);
        cases++;
        rt.ui.log.length = 0;
        rt.call(fn);
        for (const shown of rt.ui.log) {
          const text = 'message' in shown ? String(shown.message) : 'content' in shown ? String(shown.content) : '';
          expect(isUnexpected(text), `${fn}: ${text.slice(0, 300)}`).toBe(false);
        }
      }),
      { numRuns: 300, seed: 9 },
    );
  }, 300_000);

  it('a header moved down by an inserted row is named as such, not as a dozen missing columns', () => {
    bench.reset();
    sheetOf(rt, 'copies').insertRowBefore(1);
    const reply = rt.call('deskIssue', '00125', '000101') as { ok: boolean; message: string };
    expect(reply).toEqual({
      ok: false,
      message: t('kk', 'error.headerMoved', { sheet: t('kk', 'sheet.copies'), row: 2 }),
      help: 'trouble-workbook',
    });
    expect(t('kk', headerKey('copies', 'inventory'))).not.toBe('');
  });
});
