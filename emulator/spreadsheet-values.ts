/**
 * Cell values of the in-memory spreadsheet: how Sheets interprets what a script writes, how it
 * displays what a cell holds (number formats, the spreadsheet's time zone), and A1 notation.
 * Pure functions only; the classes live in spreadsheet.ts, sheet.ts, range.ts.
 */
import { DAY_NAMES, GasException, isDate, MONTH_NAMES } from './core';
import { type ZonedParts, zonedParts as zonedFields } from './zoned-time';

/** What a cell holds. A blank cell holds ''. Dates are stored as plain Date copies. */
export type CellValue = string | number | boolean | Date;

/**
 * The number format `Range.getNumberFormat()` reports for a cell nobody formatted. Real Sheets
 * reports '0.###############' for such cells (not 'General').
 */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/** The "Plain text" number format: strings written into such a cell are kept exactly as written. */
export const PLAIN_TEXT_FORMAT = '@';

/** A cell's content after Sheets has interpreted the input. */
export interface Interpreted {
  value: CellValue;
  /** Set when the input was a formula ('=...'); `value` is then '' until evaluated. */
  formula?: string;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_NUMBER_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DOTTED_DATE_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A copy of a Date as a plain Date of this realm. */
export function copyDate(d: Date): Date {
  return new Date(d.getTime());
}

/** Copies a value on its way into or out of the store (Dates are the only mutable kind). */
export function copyValue(v: CellValue): CellValue {
  return isDate(v) ? copyDate(v) : v;
}

/**
 * Interprets what a script (or a user) writes into a cell, the way Sheets does with "user entered"
 * input: '=...' is a formula (and so is '+...' or '-...' that is not a number), numeric text a number, TRUE/FALSE a boolean, yyyy-mm-dd and
 * dd.mm.yyyy text a Date (midnight in the spreadsheet's time zone), a leading apostrophe forces text.
 * In a cell formatted '@' (plain text) strings are kept exactly as written. Non-strings are kept as
 * they are (Dates copied); null/undefined clear the cell.
 */
export function interpretInput(input: unknown, numberFormat: string | undefined, timeZone: string): Interpreted {
  if (input === null || input === undefined) return { value: '' };
  if (isDate(input)) return { value: copyDate(input) };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') return { value: String(input) };
  if (numberFormat === PLAIN_TEXT_FORMAT) return { value: input };
  if (input === '') return { value: '' };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=') && input.length > 1) return { value: '', formula: input };
  const t = input.trim();
  if (t === '') return { value: input };
  if (NUMBER_RE.test(t)) return { value: Number(t) };
  if (GROUPED_NUMBER_RE.test(t)) return { value: Number(t.replace(/,/g, '')) };
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return { value: true };
  if (upper === 'FALSE') return { value: false };
  const date = parseDateText(t, timeZone);
  if (date) return { value: date };
  // Sheets takes a leading + or - that is not a number as the start of a formula (Lotus style): a
  // phone number "+7 701 …" or a pasted "- item" becomes "=+7 701 …", a formula parse error.
  if (/^[+-]./.test(t)) return { value: '', formula: `=${t}` };
  return { value: input };
}

function parseDateText(t: string, timeZone: string): Date | null {
  let y: number;
  let mo: number;
  let d: number;
  let rest: (string | undefined)[];
  let m = ISO_DATE_RE.exec(t);
  if (m) {
    y = +m[1];
    mo = +m[2];
    d = +m[3];
    rest = m.slice(4);
  } else {
    m = DOTTED_DATE_RE.exec(t);
    if (!m) return null;
    d = +m[1];
    mo = +m[2];
    y = +m[3];
    rest = m.slice(4);
  }
  const h = rest[0] === undefined ? 0 : +rest[0];
  const mi = rest[1] === undefined ? 0 : +rest[1];
  const s = rest[2] === undefined ? 0 : +rest[2];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return new Date(zonedWallToEpoch(y, mo, d, h, mi, s, timeZone));
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------
// Time zones

export type { ZonedParts } from './zoned-time';

/** The wall-clock fields of an instant in a time zone (the one implementation, in zoned-time.ts). */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  return zonedFields(epochMs, timeZone);
}

/** The zone's offset at an instant, to the second (old local mean times such as Almaty's +5:07:48 have seconds). */
function offsetMs(epochMs: number, timeZone: string): number {
  const p = zonedFields(epochMs, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The instant at which the wall clock of `timeZone` shows the given fields. */
export function zonedWallToEpoch(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const t = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(t, timeZone);
}

// ---------------------------------------------------------------------------------------------
// Display

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The text Sheets shows for a value under a number format, in the spreadsheet's time zone. */
export function displayValue(value: CellValue, numberFormat: string | undefined, timeZone: string): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const fmt = numberFormat ?? DEFAULT_NUMBER_FORMAT;
  if (isDate(value)) {
    if (isDateFormat(fmt)) return formatDatePattern(value.getTime(), fmt, timeZone);
    if (fmt === DEFAULT_NUMBER_FORMAT || fmt === PLAIN_TEXT_FORMAT || /^general$/i.test(fmt)) {
      return defaultDateDisplay(value, timeZone);
    }
    return formatNumber(dateToSerial(value, timeZone), fmt);
  }
  if (isDateFormat(fmt)) return formatDatePattern(SERIAL_EPOCH_UTC + value * DAY_MS, fmt, 'UTC');
  return formatNumber(value, fmt);
}

/** Dates in a cell with no date format show as M/d/yyyy (plus H:mm:ss when not at midnight). */
export function defaultDateDisplay(d: Date, timeZone: string): string {
  const p = zonedParts(d.getTime(), timeZone);
  const date = `${p.month}/${p.day}/${p.year}`;
  if (p.hour === 0 && p.minute === 0 && p.second === 0) return date;
  return `${date} ${p.hour}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
}

/** Sheets' serial number of a date (days since 1899-12-30, wall clock of the time zone). */
export function dateToSerial(d: Date, timeZone: string): number {
  const p = zonedParts(d.getTime(), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + (d.getTime() % 1000);
  return (wall - SERIAL_EPOCH_UTC) / DAY_MS;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

/** True when a number format shows a date and/or time. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === PLAIN_TEXT_FORMAT || /^general$/i.test(fmt)) return false;
  return /[ydhms]/i.test(stripLiterals(fmt));
}

const MONTHS = MONTH_NAMES;
const DAYS = DAY_NAMES;

type DateToken = { kind: 'lit'; text: string } | { kind: 'y' | 'm' | 'd' | 'h' | 's' | 'ampm' | 'ap'; len: number };

/** Formats an instant with a Sheets date pattern (yyyy, M/mm/mmm/mmmm, d/dd/ddd/dddd, H/HH, mm, ss, AM/PM). */
export function formatDatePattern(epochMs: number, fmt: string, timeZone: string): string {
  const tokens: DateToken[] = [];
  for (const m of fmt.matchAll(/"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|./gi)) {
    const t = m[0];
    const c = t[0].toLowerCase();
    if (t.startsWith('"')) tokens.push({ kind: 'lit', text: t.slice(1, -1) });
    else if (t.startsWith('\\')) tokens.push({ kind: 'lit', text: t.slice(1) });
    else if (t.toLowerCase() === 'am/pm') tokens.push({ kind: 'ampm', len: 0 });
    else if (t.toLowerCase() === 'a/p') tokens.push({ kind: 'ap', len: 0 });
    else if ('ymdhs'.includes(c)) tokens.push({ kind: c as 'y', len: t.length });
    else tokens.push({ kind: 'lit', text: t });
  }
  const twelve = tokens.some((t) => t.kind === 'ampm' || t.kind === 'ap');
  const p = zonedParts(epochMs, timeZone);
  let out = '';
  tokens.forEach((t, i) => {
    switch (t.kind) {
      case 'lit':
        out += t.text;
        break;
      case 'y':
        out += t.len <= 2 ? pad(p.year % 100, 2) : String(p.year);
        break;
      case 'd':
        if (t.len === 1) out += String(p.day);
        else if (t.len === 2) out += pad(p.day, 2);
        else if (t.len === 3) out += DAYS[p.weekday].slice(0, 3);
        else out += DAYS[p.weekday];
        break;
      case 'h': {
        const h = twelve ? p.hour % 12 || 12 : p.hour;
        out += t.len >= 2 ? pad(h, 2) : String(h);
        break;
      }
      case 's':
        out += t.len >= 2 ? pad(p.second, 2) : String(p.second);
        break;
      case 'ampm':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'ap':
        out += p.hour < 12 ? 'A' : 'P';
        break;
      case 'm': {
        if (t.len <= 2 && isMinuteContext(tokens, i)) out += t.len === 2 ? pad(p.minute, 2) : String(p.minute);
        else if (t.len === 1) out += String(p.month);
        else if (t.len === 2) out += pad(p.month, 2);
        else if (t.len === 3) out += MONTHS[p.month - 1].slice(0, 3);
        else if (t.len === 4) out += MONTHS[p.month - 1];
        else out += MONTHS[p.month - 1][0];
        break;
      }
    }
  });
  return out;
}

/** An 'm' right after an hour or right before a second means minutes. */
function isMinuteContext(tokens: DateToken[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const k = tokens[j].kind;
    if (k === 'lit') continue;
    if (k === 'h') return true;
    break;
  }
  for (let j = i + 1; j < tokens.length; j++) {
    const k = tokens[j].kind;
    if (k === 'lit') continue;
    return k === 's';
  }
  return false;
}

/** Formats a number with a Sheets number format: 0, 0.00, #,##0.00, 0%, literal prefix/suffix. */
export function formatNumber(n: number, fmt: string): string {
  if (!Number.isFinite(n)) return String(n);
  if (fmt === PLAIN_TEXT_FORMAT || fmt === DEFAULT_NUMBER_FORMAT || /^general$/i.test(fmt)) {
    return String(Number(n.toPrecision(15)));
  }
  const sections = splitSections(fmt);
  let section = sections[0];
  let value = n;
  let sign = n < 0 ? '-' : '';
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    value = -n;
    sign = '';
  } else if (n < 0) {
    value = -n;
  }
  section = section
    .replace(/\[\$([^\]-]*)[^\]]*\]/g, '"$1"')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\(.)/g, '"$1"');
  const numeric = /[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+/.exec(stripQuotesKeepPositions(section));
  if (!numeric) return sign + unquote(section);
  const prefix = unquote(section.slice(0, numeric.index));
  const suffix = unquote(section.slice(numeric.index + numeric[0].length));
  const pattern = numeric[0];
  if (/%/.test(suffix) || /%/.test(prefix)) value *= 100;
  const [intPart, fracPart = ''] = pattern.split('.');
  const minFrac = (fracPart.match(/0/g) ?? []).length;
  const maxFrac = fracPart.replace(/[^#0?]/g, '').length;
  const grouping = intPart.includes(',');
  const minInt = (intPart.match(/0/g) ?? []).length;
  let text = value.toFixed(maxFrac);
  let [ip, fp = ''] = text.split('.');
  while (fp.length > minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
  ip = ip.replace(/^0+/, '');
  ip = ip.padStart(minInt, '0');
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  text = fp ? `${ip}.${fp}` : ip;
  if (text === '') text = '0';
  const isZero = Number(text.replace(/,/g, '')) === 0;
  return (isZero ? '' : sign) + prefix + text + suffix;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of fmt) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Replaces quoted text by spaces of the same length so positions stay valid for slicing. */
function stripQuotesKeepPositions(s: string): string {
  return s.replace(/"[^"]*"/g, (q) => ' '.repeat(q.length));
}

function unquote(s: string): string {
  return s
    .replace(/"([^"]*)"/g, '$1')
    .replace(/_./g, ' ')
    .replace(/\*./g, '');
}

// ---------------------------------------------------------------------------------------------
// A1 notation

/** 1 → 'A', 27 → 'AA'. */
export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'A' → 1, 'AA' → 27. */
export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'A1' notation of one cell or a block. */
export function a1Notation(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = columnToLetters(col) + row;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** A parsed A1 reference; open ends (A:A, 2:3, A2:B) are left undefined for the sheet to fill in. */
export interface A1Ref {
  sheetName?: string;
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

const A1_PART_RE = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Parses 'A1', 'A1:C3', 'A:C', '2:5', "'My sheet'!B2:C". Throws 'Range not found' when malformed. */
export function parseA1(text: string): A1Ref {
  let ref = text.trim();
  const out: A1Ref = {};
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    let name = ref.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
    out.sheetName = name;
    ref = ref.slice(bang + 1);
  }
  const parts = ref.split(':');
  if (parts.length > 2 || ref === '') throw new GasException('Range not found');
  const cells = parts.map((p) => {
    const m = A1_PART_RE.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new GasException('Range not found');
    return { col: m[1] ? lettersToColumn(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  });
  const [a, b = a] = cells;
  if (parts.length === 1 && (a.col === undefined || a.row === undefined)) throw new GasException('Range not found');
  if (a.row === 0 || b.row === 0) throw new GasException('Range not found');
  out.startRow = a.row;
  out.startCol = a.col;
  out.endRow = b.row;
  out.endCol = b.col;
  if (a.row === undefined && b.row !== undefined) out.startRow = 1;
  if (a.col === undefined && b.col !== undefined) out.startCol = 1;
  // Normalise reversed corners (B3:A1).
  if (out.startRow !== undefined && out.endRow !== undefined && out.startRow > out.endRow) {
    [out.startRow, out.endRow] = [out.endRow, out.startRow];
  }
  if (out.startCol !== undefined && out.endCol !== undefined && out.startCol > out.endCol) {
    [out.startCol, out.endCol] = [out.endCol, out.startCol];
  }
  return out;
}

/**
 * Shifts the relative A1 references of a formula by (dRows, dCols), as Sheets does when one formula
 * is set on a block of cells. Text in double quotes is left alone; $-anchored parts stay put.
 */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return formula.replace(
    /("[^"]*")|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (whole, quoted: string | undefined, cAbs: string, letters: string, rAbs: string, digits: string) => {
      if (quoted) return whole;
      const col = cAbs ? letters : columnToLetters(Math.max(1, lettersToColumn(letters) + dCols));
      const row = rAbs ? digits : String(Math.max(1, Number(digits) + dRows));
      return `${cAbs}${col}${rAbs}${row}`;
    },
  );
}
