/** A loan history of a given size for other readers, to show that desk actions do not read more as it grows. */
import type { Runtime } from '../../emulator';
import { day } from './desk-fixture';
import { addRows } from './library';

/**
 * Returned loans: most of other readers and copies, and every tenth of `mine` (the reader and the
 * copy at the desk), so their own history grows too.
 */
export function addLoanHistory(rt: Runtime, size: number, mine = { reader: '00123', inventory: '000103' }): void {
  const rows = Array.from({ length: size }, (_, i) => ({
    loanId: `H${String(i).padStart(7, '0')}`,
    inventory: i % 10 === 0 ? mine.inventory : `9${String(i % 5000).padStart(5, '0')}`,
    title: 'Тарихи кітап',
    reader: i % 10 === 0 ? mine.reader : `H${String(i % 700).padStart(4, '0')}`,
    issued: day('2025-09-15'),
    due: day('2025-09-29'),
    returned: day('2025-09-26'),
    renewals: 0,
    status: 'қайтарылды',
  }));
  addRows(rt, 'loans', rows);
}
