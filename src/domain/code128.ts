/**
 * Code 128 barcodes as text in the "Libre Barcode 128" font, which is how a Google Sheet (or any page
 * with that font) draws a barcode a desk scanner reads: a start character, the data, a checksum
 * character and the stop character. The font draws symbol value v as the character 32 + v for values
 * 0-94 and as 100 + v for 95-106 (start B is "Ì", start C "Í", the stop "Î"). Pure: no Apps Script.
 */
// A scanner types what the bars say: Cyrillic look-alikes become the Latin letters the bars hold.
import { LATIN_OF_CYRILLIC } from './codes';

const START_B = 104;
const START_C = 105;
const STOP = 106;

/** The font's character for a symbol value. */
export function fontChar(value: number): string {
  return String.fromCharCode(value < 95 ? 32 + value : 100 + value);
}

/**
 * The text a code's bars should carry: its look-alike Cyrillic capitals as Latin ones (the desk reads
 * them as the same code), or null when a character cannot be put into Code 128 (other letters than
 * Latin ones, or nothing to encode).
 */
export function barcodeData(code: unknown): string | null {
  const s = [...String(code ?? '').trim()].map((ch) => LATIN_OF_CYRILLIC[ch] ?? ch).join('');
  if (s === '' || !/^[\x20-\x7e]+$/.test(s)) return null;
  return s;
}

/**
 * The symbol values of a code: start, data, checksum (without the stop). An even run of digits is
 * encoded in code set C (two digits a symbol, as scanners read it back), anything else in code set B.
 */
export function code128Values(data: string): number[] {
  const values =
    /^\d+$/.test(data) && data.length % 2 === 0
      ? [START_C, ...(data.match(/\d\d/g) ?? []).map(Number)]
      : [START_B, ...[...data].map((ch) => ch.charCodeAt(0) - 32)];
  let sum = values[0];
  for (let i = 1; i < values.length; i++) sum += values[i] * i;
  return [...values, sum % 103];
}

/** The text to set in the "Libre Barcode 128" font, or null when the code cannot be encoded. */
export function barcodeFontText(code: unknown): string | null {
  const data = barcodeData(code);
  if (data === null) return null;
  return [...code128Values(data), STOP].map(fontChar).join('');
}

/** The font's family name, as Google Sheets and Google Fonts spell it. */
export const BARCODE_FONT = 'Libre Barcode 128';
