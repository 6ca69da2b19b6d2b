/**
 * A Code 128 reader for tests, written from the symbology's rules and the "Libre Barcode 128" font's
 * character table (value v is drawn by the character 32 + v for 0-94 and 100 + v for 95-106), not from
 * the program's encoder: it checks the start, the checksum and the stop, and reads the data back in
 * code sets A, B and C as a scanner would.
 */
export function fontValues(text: string): number[] {
  return [...text].map((ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 32 && c <= 126) return c - 32;
    if (c >= 195 && c <= 206) return c - 100;
    throw new Error(`not a Code 128 font character: U+${c.toString(16).padStart(4, '0')}`);
  });
}

export function decodeCode128(text: string): string {
  const v = fontValues(text);
  if (v.length < 4) throw new Error('too short for start, checksum and stop');
  if (v[v.length - 1] !== 106) throw new Error('no stop character');
  const start = v[0];
  if (start < 103 || start > 105) throw new Error('no start character');
  const data = v.slice(1, -2);
  const check = v[v.length - 2];
  const sum = data.reduce((acc, x, i) => acc + x * (i + 1), start);
  if (sum % 103 !== check) throw new Error(`checksum ${check}, expected ${sum % 103}`);
  let set: 'A' | 'B' | 'C' = start === 103 ? 'A' : start === 104 ? 'B' : 'C';
  let out = '';
  for (const x of data) {
    if (set === 'C') {
      if (x < 100) out += String(x).padStart(2, '0');
      else if (x === 100) set = 'B';
      else if (x === 101) set = 'A';
      else throw new Error(`value ${x} in code set C`);
    } else if (x < 96) out += set === 'B' ? String.fromCharCode(x + 32) : String.fromCharCode(x < 64 ? x + 32 : x - 64);
    else if (x === 99) set = 'C';
    else if (x === 100 && set === 'A') set = 'B';
    else if (x === 101 && set === 'B') set = 'A';
    else throw new Error(`value ${x} not handled`);
  }
  return out;
}
