/**
 * Test support for the fund: the small lyceum of the desk tests with its Settings filled for the fund
 * (the library's name, the write-off commission), shelf locations on some copies, and helpers to read
 * the fund's sheets as the librarian sees them.
 */
import type { Runtime } from '../../emulator';
import { seedLyceum } from './desk-fixture';
import { columnOf, libraryRuntime, rowsOf, sheetOf } from './library';

/** A calendar day of a sheet value, as the librarian in Almaty reads it. */
export const dk = (v: unknown) => (v instanceof Date ? v.toLocaleDateString('sv-SE', { timeZone: 'Asia/Almaty' }) : v);

/** Sets a row of the Settings sheet as the librarian types it (onEdit runs). */
export function setSetting(rt: Runtime, key: string, value: string): void {
  const sheet = sheetOf(rt, 'settings');
  const rows = sheet.peekValues();
  const k = columnOf(rt, 'settings', 'key');
  const v = columnOf(rt, 'settings', 'value');
  const i = rows.findIndex((r) => r[k] === key);
  if (i < 1) throw new Error(`no setting ${key}`);
  rt.userEdit(sheet.getName(), i + 1, v + 1, [[value]]);
}

/** A cell of a library sheet edited by the librarian, found by the row's key column. */
export function editCell(
  rt: Runtime,
  key: Parameters<typeof sheetOf>[1],
  match: { column: string; value: string },
  column: string,
  value: unknown,
): void {
  const sheet = sheetOf(rt, key);
  const rows = sheet.peekValues();
  const m = columnOf(rt, key, match.column);
  const i = rows.findIndex((r, n) => n > 0 && String(r[m]) === match.value);
  if (i < 1) throw new Error(`no ${match.value} on ${key}`);
  rt.userEdit(sheet.getName(), i + 1, columnOf(rt, key, column) + 1, [[value]]);
}

export function seedFund(rt: Runtime): void {
  seedLyceum(rt);
  setSetting(rt, 'libraryName', '№ 92 лицейдің ақпараттық орталығы');
  setSetting(rt, 'commissionChair', 'Сейітова Г.');
  setSetting(rt, 'commissionMembers', 'Ахметова Г., Петрова И.');
  // Fiction stands in section A, textbooks in section U.
  for (const inv of ['000101', '000102', '000103', '000104', '000105', '000106', '000107'])
    editCell(rt, 'copies', { column: 'inventory', value: inv }, 'location', 'A');
  for (const inv of ['700001', '700002', '700003', '700101', '700102'])
    editCell(rt, 'copies', { column: 'inventory', value: inv }, 'location', 'U');
  rt.ui.log.length = 0;
}

export const copyOf = (rt: Runtime, inventory: string) => rowsOf(rt, 'copies').find((r) => r.inventory === inventory);

/** The workbook and its document properties, to start many runtimes from one seeded workbook. */
export interface Snapshot {
  data: ReturnType<Runtime['spreadsheet']['toData']>;
  properties: Record<string, string>;
  now: Date;
}

export function snapshotOf(rt: Runtime): Snapshot {
  return { data: rt.spreadsheet.toData(), properties: rt.properties.dump('document'), now: rt.clock.now() };
}

export function runtimeFrom(s: Snapshot): Runtime {
  const rt = libraryRuntime({ now: s.now });
  rt.spreadsheet.loadData(s.data);
  rt.properties.PropertiesService.getDocumentProperties().setProperties(s.properties);
  rt.counters.reset();
  return rt;
}
