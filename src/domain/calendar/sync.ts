/**
 * What a sync does to the library's calendar, decided from the rows and what the calendar holds. Each
 * event we make carries its row's key (a tag, and the last line of its description, so an event made
 * by a run stopped before it could tag it is still found); its id is kept on the row with a
 * fingerprint of what was written, so a run writes only the fields whose row changed, makes nothing
 * twice, removes only events whose rows are gone and never touches an event without our key. Pure.
 */
import { addDays, type DayKey } from '../../dates';

/** A series: in the months listed (none: every month) on a day, until a day; or explicit days. */
export type Recurrence = { months: number[]; monthDay: number; until: DayKey } | { dates: DayKey[] };

/** An all-day event (or series) as the calendar should hold it. */
export interface EventSpec {
  key: string;
  title: string;
  description: string;
  start: DayKey;
  /** The day after the last (CalendarApp's end dates are exclusive). */
  end: DayKey;
  /** Popup reminders, minutes before the start. */
  reminders: number[];
  recurrence: Recurrence | null;
}

export type Field = 'title' | 'description' | 'dates' | 'reminders';
export const FIELDS: readonly Field[] = ['title', 'description', 'dates', 'reminders'];
export type Fingerprint = Record<Field, string>;

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell an edited title from the one written. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function recurrenceText(r: Recurrence | null): string {
  if (!r) return '';
  if ('dates' in r) return `|${r.dates.join(',')}`;
  return `|m${r.months.join(',')}d${r.monthDay}u${r.until}`;
}

export function fingerprintOf(spec: EventSpec): Fingerprint {
  return {
    title: hash(spec.title),
    description: hash(spec.description),
    dates: `${spec.start}/${spec.end}${recurrenceText(spec.recurrence)}`,
    reminders: spec.reminders.join(','),
  };
}

const LETTER: Record<Field, string> = { title: 't', description: 'x', dates: 'd', reminders: 'r' };

/** The fingerprint as the row keeps it: "t=…;x=…;d=…;r=…". */
export function showFingerprint(fp: Fingerprint): string {
  return FIELDS.map((f) => `${LETTER[f]}=${fp[f]}`).join(';');
}

export function readFingerprint(text: string): Fingerprint | null {
  const parts = new Map(
    String(text ?? '')
      .split(';')
      .map((p) => [p.slice(0, 1), p.slice(2)] as const),
  );
  const out = {} as Fingerprint;
  for (const f of FIELDS) {
    const v = parts.get(LETTER[f]);
    if (v === undefined) return null;
    out[f] = v;
  }
  return out;
}

/** The first and last day an all-day event was written with (its fingerprint's dates), or null. */
export function syncedDays(fp: Fingerprint | null): { start: DayKey; end: DayKey } | null {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(fp?.dates ?? '');
  return m ? { start: m[1], end: addDays(m[2], -1) } : null;
}

/** The fields a row changed since its event was written (all of them when nothing is known). */
export function changedFields(before: Fingerprint | null, after: Fingerprint): Field[] {
  return FIELDS.filter((f) => !before || before[f] !== after[f]);
}

/** Reminders "N days before at H:00" of an all-day event, as minutes before its start: 5 minutes to 4 weeks, at most 5. */
export function reminderMinutes(days: readonly number[], hour: number): number[] {
  const out = new Set<number>();
  for (const d of days) {
    const m = d * 1440 - hour * 60;
    if (Number.isInteger(m) && m >= 5 && m <= 40_320) out.add(m);
  }
  return [...out].sort((a, b) => b - a).slice(0, 5);
}

/** Row keys: "EV-7F3A9C2B" (events), "DU-…" (duties), "CL-…" (closed days). */
export const KEY_PATTERN = /\b((?:EV|DU)-[0-9A-F]{8}|CL-[0-9A-Z-]+)\s*$/;

export function newKey(prefix: 'EV' | 'DU', uuid: string): string {
  return `${prefix}-${uuid
    .replace(/[^0-9a-f]/gi, '')
    .slice(0, 8)
    .toUpperCase()}`;
}

/** The key an event's description ends with, if any. */
export function keyInDescription(description: string): string | null {
  return KEY_PATTERN.exec(String(description ?? ''))?.[1] ?? null;
}

/** What the calendar holds of ours: every event id seen, and our events by key. */
export interface CalendarView {
  ids: Set<string>;
  byKey: Map<string, string[]>;
}

/** A row as the sheet keeps its sync. */
export interface SyncedRow {
  key: string;
  eventId: string;
  fingerprint: Fingerprint | null;
}

export type RowPlan =
  | { do: 'keep'; id: string }
  | { do: 'update'; id: string; fields: Field[] }
  /** An event of ours with the row's key that the row does not know (a run stopped before writing its id). */
  | { do: 'adopt'; id: string }
  | { do: 'create'; recreated: boolean }
  /** The row's event is gone from the calendar and the setting says to report it. */
  | { do: 'missing' };

export function planRow(row: SyncedRow, spec: EventSpec, view: CalendarView, recreateMissing: boolean): RowPlan {
  const fp = fingerprintOf(spec);
  if (row.eventId && view.ids.has(row.eventId)) {
    const fields = changedFields(row.fingerprint, fp);
    return fields.length === 0 ? { do: 'keep', id: row.eventId } : { do: 'update', id: row.eventId, fields };
  }
  const ours = view.byKey.get(row.key);
  if (ours && ours.length > 0) return { do: 'adopt', id: ours[0] };
  if (row.eventId) return recreateMissing ? { do: 'create', recreated: true } : { do: 'missing' };
  return { do: 'create', recreated: false };
}

/**
 * Our events to delete: those whose key no row has any more (the row was deleted), and a second event
 * of one key (kept: the one its row names, else the first).
 */
export function strayEvents(
  view: CalendarView,
  rowKeys: ReadonlySet<string>,
  kept: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const [key, ids] of view.byKey) {
    if (!rowKeys.has(key)) {
      out.push(...ids);
      continue;
    }
    const keep = kept.get(key) && ids.includes(kept.get(key) as string) ? kept.get(key) : ids[0];
    out.push(...ids.filter((id) => id !== keep));
  }
  return [...new Set(out)];
}
