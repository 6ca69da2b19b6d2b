/**
 * Money in the fund's books: prices and sums are kept in tiyn (hundredths of a tenge) while they are
 * added up, so a year of receipts sums exactly, and turned back into tenge only for the sheet. Pure.
 */

/** A sheet value as tiyn: 2500 → 250000, "1 250,50" → 125050; anything unreadable is 0. */
export function toTiyn(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 100) : 0;
  const s = String(v ?? '')
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/** Tiyn as tenge for a money cell. */
export function toTenge(tiyn: number): number {
  return tiyn / 100;
}

/** "25 000,00", as a sum is written in the books. */
export function showMoney(tiyn: number): string {
  const sign = tiyn < 0 ? '-' : '';
  const abs = Math.abs(tiyn);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
}
