/**
 * The library's settings, as the librarian keeps them on the Settings sheet (one row per setting:
 * a language-neutral key, a value, a description in the workbook's language).
 */
import { DEFAULT_LANG, isLang, type Lang, type MessageKey } from './messages';

export interface Settings {
  language: Lang;
  libraryName: string;
  librarianName: string;
  librarianEmail: string;
  /** Loan period in days per kind of item; textbooks are due on `textbookDue` instead. */
  loanDays: { fiction: number; reference: number; methodical: number; periodical: number };
  /** Month and day ("05-31") on which textbooks are due at the end of the school year. */
  textbookDue: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the library is closed. */
  closedWeekdays: number[];
  lastDayClosed: boolean;
  loanLimit: { pupil: number; teacher: number; staff: number; parent: number };
  maxRenewals: number;
  overdueOpenDaysOnly: boolean;
  /** The monthly debtor emails and the quarterly visits summary to class teachers. */
  mail: MailSettings;
  /** Shows Library → Diagnostics (the conformance suite, run once after installing). */
  diagnostics: boolean;
  /** The reports: the annual report's language, and when the monthly statistics run. */
  reports: { language: Lang; day: number; hour: number };
  /** First year of the plan year (1 August to 31 July) the setting names; null: the one of today. */
  planYear: number | null;
  /** The library's Google Calendar: events, duties, reminders. */
  calendar: CalendarSettings;
  /** The year-end rollover (src/rollover): the last grade, the school years of loans kept, the archive. */
  rollover: RolloverSettings;
}

export interface RolloverSettings {
  /** Pupils of this grade graduate at the rollover (11 in Kazakhstan's schools). */
  maxGrade: number;
  /** School years of returned loans kept on the Loans sheet; older ones go to the archive. */
  archiveAfterYears: number;
  /** The archive spreadsheet (the rollover creates it and writes its id here). */
  archiveId: string;
}

export interface CalendarSettings {
  /** The library's own calendar (the sync fills it in when it creates one). */
  calendarId: string;
  /** Reminders of events, days before (at most 5), at `reminderHour`. */
  reminderDays: number[];
  reminderHour: number;
  /** Reminders of the plan's duties, days before. */
  dutyReminderDays: number[];
  /** What the sync does when an event of a row was deleted in Google Calendar. */
  missingEvents: 'recreate' | 'report';
  /** The Closed days sheet (and the cleaning days) go into the calendar too. */
  closedDays: boolean;
  /** The jubilee finder proposes anniversaries of at least this many years (every 5 years). */
  anniversaryMinYears: number;
}

export interface MailSettings {
  /**
   * Day of the month (1-28) and hour (1-22) of the monthly debtor emails: a trigger fires up to 15
   * minutes early or late, so an hour of 0 on the 1st could run in the month before.
   */
  monthlyDay: number;
  monthlyHour: number;
  /** Day and hour of the visits summary, sent in the months `quarterlyMonths` lists (1-12). */
  quarterlyDay: number;
  quarterlyHour: number;
  quarterlyMonths: number[];
  /** Classes without debtors get a short "no debtors" note. */
  noDebtorsNote: boolean;
}

/** Every setting with its default, in the order the Settings sheet lists them. */
export const SETTING_DEFAULTS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'language', value: DEFAULT_LANG },
  { key: 'libraryName', value: '' },
  { key: 'librarianName', value: '' },
  { key: 'librarianEmail', value: '' },
  { key: 'loanDays.fiction', value: '14' },
  { key: 'loanDays.reference', value: '7' },
  { key: 'loanDays.methodical', value: '30' },
  { key: 'loanDays.periodical', value: '7' },
  // Written dd.MM, as people read a date here; "05-25" (MM-DD, earlier versions) is still read.
  { key: 'textbookDue', value: '25.05' },
  // The plan: Tuesday is the methodical day, Saturday and Sunday are days off.
  { key: 'closedWeekdays', value: '2,6,7' },
  { key: 'lastDayClosed', value: 'TRUE' },
  { key: 'loanLimit.pupil', value: '5' },
  { key: 'loanLimit.teacher', value: '15' },
  { key: 'loanLimit.staff', value: '5' },
  { key: 'loanLimit.parent', value: '3' },
  { key: 'maxRenewals', value: '2' },
  { key: 'overdueOpenDaysOnly', value: 'FALSE' },
  { key: 'monthlyEmailDay', value: '1' },
  { key: 'monthlyEmailHour', value: '9' },
  { key: 'sendNoDebtorsNote', value: 'FALSE' },
  // After each school quarter: Sep-Oct, Nov-Dec, Jan-Mar, Apr-May.
  { key: 'quarterlyEmailMonths', value: '11,1,4,6' },
  { key: 'quarterlyEmailDay', value: '5' },
  { key: 'quarterlyEmailHour', value: '9' },
  { key: 'diagnostics', value: 'FALSE' },
  // The annual report to the city education department: Kazakh unless the department reads another.
  { key: 'reportLanguage', value: 'kk' },
  { key: 'monthlyReportDay', value: '1' },
  { key: 'monthlyReportHour', value: '7' },
  // The fund (src/fund/settings.ts): how new copies are numbered, textbooks by copy or by group,
  // the write-off commission.
  { key: 'inventoryFormat', value: '000000' },
  { key: 'textbookAccounting', value: 'copy' },
  { key: 'commissionChair', value: '' },
  { key: 'commissionMembers', value: '' },
  // The plan year, as the plan names it ("2025-2026"); empty: the plan year of today.
  { key: 'planYear', value: '' },
  { key: 'calendarId', value: '' },
  { key: 'calendarReminderDays', value: '7,1' },
  { key: 'calendarReminderHour', value: '9' },
  { key: 'dutyReminderDays', value: '1' },
  { key: 'calendarMissingEvents', value: 'report' },
  { key: 'calendarClosedDays', value: 'FALSE' },
  { key: 'anniversaryMinYears', value: '100' },
  // The year-end rollover (src/rollover): graduates leave after this grade; returned loans older than
  // this many school years move to the archive spreadsheet, whose id the rollover writes here.
  { key: 'maxGrade', value: '11' },
  { key: 'archiveAfterYears', value: '2' },
  { key: 'archiveId', value: '' },
];

export const settingNoteKey = (key: string): MessageKey => `setting.${key}` as MessageKey;

/** Whole-number settings and the range the library reads them in (outside it, the default). */
const WHOLE: Record<string, [lo: number, hi: number]> = {
  monthlyEmailDay: [1, 28],
  quarterlyEmailDay: [1, 28],
  monthlyReportDay: [1, 28],
  calendarReminderHour: [0, 23],
  anniversaryMinYears: [5, 1000],
  maxGrade: [1, 13],
  archiveAfterYears: [1, 50],
};
const HOURS = ['monthlyEmailHour', 'quarterlyEmailHour', 'monthlyReportHour'];
const BOOLEANS = ['lastDayClosed', 'overdueOpenDaysOnly', 'sendNoDebtorsNote', 'diagnostics', 'calendarClosedDays'];
const TRUE_WORDS = ['true', 'yes', 'иә', 'да', '1'];
const FALSE_WORDS = ['false', 'no', 'жоқ', 'нет', '0'];
/** Lists of whole numbers: each in lo..hi, and at most `max` different ones. */
const LISTS: Record<string, [lo: number, hi: number, max?: number]> = {
  closedWeekdays: [1, 7],
  quarterlyEmailMonths: [1, 12],
  calendarReminderDays: [0, 28, 5],
  dutyReminderDays: [0, 28, 5],
};

/**
 * Whether the library can use a setting's value as written (an empty one means the default, and is
 * fine). A value it cannot use is not an error anywhere it is read (the default, or what can be read
 * of a list, is used instead): "Check the workbook" lists it, so that nothing is dropped unseen.
 */
export function settingUsable(key: string, text: string): boolean {
  const s = text.trim();
  if (s === '') return true;
  // As the parser reads them: Number() of the text ("5", " 5", "5.0").
  const isWhole = (p: string, lo: number, hi: number) =>
    Number.isInteger(Number(p)) && Number(p) >= lo && Number(p) <= hi;
  if (WHOLE[key]) return isWhole(s, ...WHOLE[key]);
  if (HOURS.includes(key)) return isWhole(s, 0, 23);
  if (BOOLEANS.includes(key)) return [...TRUE_WORDS, ...FALSE_WORDS].includes(s.toLowerCase());
  if (LISTS[key]) {
    const [lo, hi, max] = LISTS[key];
    const parts = s.split(/[,;\s]+/).filter(Boolean);
    return parts.every((p) => isWhole(p, lo, hi)) && (max === undefined || new Set(parts.map(Number)).size <= max);
  }
  if (key === 'language' || key === 'reportLanguage') return isLang(s.toLowerCase());
  if (key.startsWith('loanDays.') || key.startsWith('loanLimit.') || key === 'maxRenewals')
    return Number.isFinite(Number(s)) && Number(s) >= 0;
  if (key === 'textbookDue') return monthDay(s) !== null;
  if (key === 'planYear') return planYearSetting(s) !== null;
  return true;
}

function num(v: string | undefined, fallback: number): number {
  const n = Number(String(v ?? '').trim());
  return v !== undefined && String(v).trim() !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

function bool(v: string | undefined, fallback: boolean): boolean {
  const s = String(v ?? '')
    .trim()
    .toLowerCase();
  if (TRUE_WORDS.includes(s)) return true;
  if (FALSE_WORDS.includes(s)) return false;
  return fallback;
}

/** Settings from the sheet's key → value pairs; anything missing or unreadable takes its default. */
export function parseSettings(values: Map<string, string>): Settings {
  const d = new Map(SETTING_DEFAULTS.map((s) => [s.key, s.value]));
  const get = (k: string) => values.get(k) ?? d.get(k);
  const dnum = (k: string) => num(get(k), Number(d.get(k)));
  /** A whole-number setting in its range (WHOLE), else its default. */
  const whole = (k: string) => within(dnum(k), WHOLE[k][0], WHOLE[k][1], Number(d.get(k)));
  /** An email hour: 0-23 brought into 1-22, else its default. */
  const hour = (k: string) => clampHour(dnum(k), Number(d.get(k)));
  const lang = String(get('language')).trim().toLowerCase();
  const weekdays = String(get('closedWeekdays'))
    .split(/[,;\s]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= LISTS.closedWeekdays[0] && n <= LISTS.closedWeekdays[1]);
  const due = String(get('textbookDue')).trim();
  return {
    language: isLang(lang) ? lang : DEFAULT_LANG,
    libraryName: String(get('libraryName') ?? '').trim(),
    librarianName: String(get('librarianName') ?? '').trim(),
    librarianEmail: String(get('librarianEmail') ?? '').trim(),
    loanDays: {
      fiction: dnum('loanDays.fiction'),
      reference: dnum('loanDays.reference'),
      methodical: dnum('loanDays.methodical'),
      periodical: dnum('loanDays.periodical'),
    },
    textbookDue: monthDay(due) ?? (monthDay(String(d.get('textbookDue'))) as string),
    closedWeekdays: [...new Set(weekdays)].sort(),
    lastDayClosed: bool(get('lastDayClosed'), true),
    loanLimit: {
      pupil: dnum('loanLimit.pupil'),
      teacher: dnum('loanLimit.teacher'),
      staff: dnum('loanLimit.staff'),
      parent: dnum('loanLimit.parent'),
    },
    maxRenewals: dnum('maxRenewals'),
    overdueOpenDaysOnly: bool(get('overdueOpenDaysOnly'), false),
    mail: {
      monthlyDay: whole('monthlyEmailDay'),
      monthlyHour: hour('monthlyEmailHour'),
      quarterlyDay: whole('quarterlyEmailDay'),
      quarterlyHour: hour('quarterlyEmailHour'),
      quarterlyMonths: monthList(String(get('quarterlyEmailMonths')), String(d.get('quarterlyEmailMonths'))),
      noDebtorsNote: bool(get('sendNoDebtorsNote'), false),
    },
    diagnostics: bool(get('diagnostics'), false),
    reports: {
      language: reportLang(String(get('reportLanguage'))),
      day: whole('monthlyReportDay'),
      hour: hour('monthlyReportHour'),
    },
    planYear: planYearSetting(String(get('planYear') ?? '')),
    calendar: {
      calendarId: String(get('calendarId') ?? '').trim(),
      reminderDays: dayList(String(get('calendarReminderDays'))),
      reminderHour: whole('calendarReminderHour'),
      dutyReminderDays: dayList(String(get('dutyReminderDays'))),
      missingEvents: /^(recreate|қайта|заново|создать)/i.test(String(get('calendarMissingEvents')).trim())
        ? 'recreate'
        : 'report',
      closedDays: bool(get('calendarClosedDays'), false),
      anniversaryMinYears: whole('anniversaryMinYears'),
    },
    rollover: {
      maxGrade: whole('maxGrade'),
      archiveAfterYears: whole('archiveAfterYears'),
      archiveId: String(get('archiveId') ?? '').trim(),
    },
  };
}

/** "25.05" (day.month, as written in Settings) or "05-25" (month-day, earlier versions) → "05-25". */
export function monthDay(v: string): string | null {
  const dm = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(v);
  const md = /^(\d{2})-(\d{2})$/.exec(v);
  const [month, day] = dm ? [Number(dm[2]), Number(dm[1])] : md ? [Number(md[1]), Number(md[2])] : [0, 0];
  if (month < 1 || month > 12 || day < 1 || day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    return null;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function reportLang(v: string): Lang {
  const l = v.trim().toLowerCase();
  return isLang(l) ? l : DEFAULT_LANG;
}

/** "2025-2026", "2025/26" or "2025": the plan year's first year; empty or unreadable: null. */
function planYearSetting(v: string): number | null {
  const m = /^\s*(\d{4})(?:\s*[-–—/]\s*(\d{2}|\d{4}))?\s*$/.exec(v);
  if (!m) return null;
  const start = Number(m[1]);
  const second =
    m[2] === undefined ? start + 1 : m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
  return second === start + 1 && start >= 1900 && start <= 2200 ? start : null;
}

/** Days before an event (0-28, Google's 4 weeks), at most five (Google's limit); "" for none. */
function dayList(v: string): number[] {
  const [lo, hi, max] = LISTS.calendarReminderDays;
  const days = [
    ...new Set(
      v
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map(Number),
    ),
  ].filter((n) => Number.isInteger(n) && n >= lo && n <= hi);
  return days.sort((a, b) => b - a).slice(0, max);
}

/** A whole number in lo..hi, else the fallback (a trigger day past the 28th would skip February). */
function within(n: number, lo: number, hi: number, fallback: number): number {
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

/** An email hour, 0-23 brought into 1-22 (a trigger at 0:00 on the 1st may fire at 23:45 the day before). */
function clampHour(n: number, fallback: number): number {
  return Number.isInteger(n) && n >= 0 && n <= 23 ? Math.min(22, Math.max(1, n)) : fallback;
}

function monthList(v: string, fallback: string): number[] {
  const parse = (s: string) =>
    [...new Set(s.split(/[,;\s]+/).map(Number))].filter(
      (n) => Number.isInteger(n) && n >= LISTS.quarterlyEmailMonths[0] && n <= LISTS.quarterlyEmailMonths[1],
    );
  const months = parse(v);
  return (months.length > 0 ? months : parse(fallback)).sort((a, b) => a - b);
}
