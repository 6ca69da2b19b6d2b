/**
 * ScriptApp: installable triggers and the clock that fires them.
 *
 * Limits and texts: 20 triggers per user per script (Apps Script quotas page, "Triggers: 20 / user /
 * script"); the 21st create() throws "This script has too many triggers. Triggers must be deleted from
 * the script before more can be added.". everyMinutes accepts 1, 5, 10, 15, 30 and everyHours 1, 2, 4, 6,
 * 8, 12 (the builder's documented values; the emulator's refusal text is its own).
 *
 * Firing times are deterministic (the real service picks a time inside a window; nearMinute is "plus or
 * minus 15 minutes"), computed on the wall clock of the trigger's zone (inTimezone, else env.timeZone):
 * - everyMinutes(n): every wall-clock minute divisible by n (…:00, :05, :10 for n = 5).
 * - everyHours(n): every hour divisible by n, at minute nearMinute (default 0).
 * - everyDays(n) / everyWeeks(n) / onWeekDay(w) / onMonthDay(d): at atHour(h) (default: the hour the
 *   trigger was created in) and minute nearMinute (default 0); the first run is the first such time after
 *   creation, then every n days / n weeks (on weekday w, default the creation weekday) / every month on
 *   day d. A month without day d (31 in April, 29-31 in February) is skipped, as cron does; real behaviour
 *   for such months is undocumented.
 * - at(date), after(ms), atDate(y, m, d) (midnight, or atHour/nearMinute): run once. A one-off trigger
 *   that has run stays listed by getProjectTriggers() and counts toward the 20 until deleted (scripts
 *   are commonly written to delete their .after() triggers in the handler for this reason); it never
 *   runs again.
 *
 * The time-driven event object has authMode, triggerUid, year, month, day-of-month, day-of-week
 * (1 = Monday .. 7 = Sunday), hour, minute, second, week-of-year (ISO) and timezone; as the Apps Script
 * events guide lists it, the fields are in UTC and timezone is "UTC".
 */
import { type Env, GasException, isDate } from './core';
import { type EnumValue, enumName, makeEnum } from './enums';
import { zonedDateKey, zonedParts, zonedToUtc } from './zoned-time';

export const TRIGGER_LIMIT = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE' | 'ON_EVENT_UPDATED';
type SourceName = 'SPREADSHEETS' | 'CLOCK' | 'FORMS' | 'DOCUMENTS' | 'CALENDAR';
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

export interface ClockSpec {
  every?: 'minutes' | 'hours' | 'days' | 'weeks' | 'month';
  n?: number;
  hour?: number;
  minute?: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekDay?: number;
  monthDay?: number;
  /** One-off: the instant it runs. */
  atMs?: number;
  atDate?: { year: number; month: number; day: number };
  afterMs?: number;
  timeZone?: string;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: SourceName;
  sourceId: string | null;
  owner: string;
  createdMs: number;
  clock: ClockSpec | null;
  /** Resolved schedule for clock triggers. */
  anchorMs: number | null;
  nextRunMs: number | null;
  runs: number;
}

export interface EmuTrigger {
  getUniqueId(): string;
  getHandlerFunction(): string;
  getEventType(): EnumValue<EventTypeName>;
  getTriggerSource(): EnumValue<SourceName>;
  getTriggerSourceId(): string | null;
}

export interface TimeDrivenEvent {
  authMode: EnumValue;
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  'week-of-year': number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function dayKeyAdd(key: string, days: number): { y: number; m: number; d: number } {
  const [y, m, d] = key.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function keyDiffDays(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number);
  const [by, bm, bd] = b.split('-').map(Number);
  return Math.round((Date.UTC(ay, am - 1, ad) - Date.UTC(by, bm - 1, bd)) / DAY);
}
function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / DAY + 1) / 7);
}

/** The first run strictly after `fromMs` of a recurring schedule, or the one-off time; null if none. */
export function nextRunAfter(
  rec: Pick<TriggerRecord, 'clock' | 'anchorMs'>,
  fromMs: number,
  tz: string,
): number | null {
  const s = rec.clock;
  if (!s) return null;
  const zone = s.timeZone ?? tz;
  const minute = s.minute ?? 0;
  switch (s.every) {
    case 'minutes': {
      const n = s.n ?? 1;
      let t = Math.floor(fromMs / MINUTE) * MINUTE + MINUTE;
      for (let i = 0; i <= 60; i++, t += MINUTE) if (zonedParts(t, zone).minute % n === 0) return t;
      return null;
    }
    case 'hours': {
      const n = s.n ?? 1;
      const base = zonedDateKey(fromMs, zone);
      let best: number | null = null;
      for (let k = 0; k <= 2 && best === null; k++) {
        const { y, m, d } = dayKeyAdd(base, k);
        for (let h = 0; h < 24; h += n) {
          const t = zonedToUtc(zone, y, m, d, h, minute).getTime();
          if (t > fromMs && (best === null || t < best)) best = t;
        }
      }
      return best;
    }
    case 'days':
    case 'weeks': {
      if (rec.anchorMs === null) return null;
      const step = s.every === 'days' ? (s.n ?? 1) : 7 * (s.n ?? 1);
      const anchorKey = zonedDateKey(rec.anchorMs, zone);
      const diff = keyDiffDays(zonedDateKey(fromMs, zone), anchorKey);
      const k0 = Math.max(0, Math.floor(diff / step) - 1);
      for (let k = k0; k < k0 + 4; k++) {
        const { y, m, d } = dayKeyAdd(anchorKey, k * step);
        const t = zonedToUtc(zone, y, m, d, s.hour ?? 0, minute).getTime();
        if (t > fromMs) return t;
      }
      return null;
    }
    case 'month': {
      const p = zonedParts(fromMs, zone);
      for (let i = 0; i < 48; i++) {
        const y = p.year + Math.floor((p.month - 1 + i) / 12);
        const m = ((p.month - 1 + i) % 12) + 1;
        const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
        if ((s.monthDay ?? 1) > dim) continue;
        const t = zonedToUtc(zone, y, m, s.monthDay ?? 1, s.hour ?? 0, minute).getTime();
        if (t > fromMs) return t;
      }
      return null;
    }
    default:
      return null;
  }
}

export function createScriptApp(env: Env, opts: { scriptId?: string } = {}) {
  const triggers: TriggerRecord[] = [];
  let seq = 0;
  const scriptId = opts.scriptId ?? '1EmulatedScriptId0000000000000000000000000000000000000000';

  const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
  const AuthorizationStatus = makeEnum(['REQUIRED', 'NOT_REQUIRED'] as const);
  const EventType = makeEnum([
    'CLOCK',
    'ON_OPEN',
    'ON_EDIT',
    'ON_FORM_SUBMIT',
    'ON_CHANGE',
    'ON_EVENT_UPDATED',
  ] as const);
  const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
  const InstallationSource = makeEnum(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON'] as const);
  const WeekDay = makeEnum(WEEKDAYS);

  const mine = () => triggers.filter((t) => t.owner === env.userEmail);

  /** The record behind each Trigger object handed out: the service's own look-ups count no script call. */
  const recordOf = new WeakMap<object, TriggerRecord>();
  const wrap = (rec: TriggerRecord): EmuTrigger => {
    const trigger = wrapped(rec);
    recordOf.set(trigger, rec);
    return trigger;
  };
  const wrapped = (rec: TriggerRecord): EmuTrigger => ({
    getUniqueId: () => {
      env.counters.call('Trigger.getUniqueId');
      return rec.id;
    },
    getHandlerFunction: () => {
      env.counters.call('Trigger.getHandlerFunction');
      return rec.handler;
    },
    getEventType: () => {
      env.counters.call('Trigger.getEventType');
      return EventType[rec.eventType];
    },
    getTriggerSource: () => {
      env.counters.call('Trigger.getTriggerSource');
      return TriggerSource[rec.source];
    },
    getTriggerSourceId: () => {
      env.counters.call('Trigger.getTriggerSourceId');
      return rec.sourceId;
    },
  });

  const register = (rec: Omit<TriggerRecord, 'id' | 'owner' | 'createdMs' | 'runs'>): EmuTrigger => {
    if (mine().length >= TRIGGER_LIMIT) throw new GasException(TOO_MANY_TRIGGERS);
    seq++;
    const full: TriggerRecord = {
      ...rec,
      id: String(7_000_000_000_000_000 + seq * 7919),
      owner: env.userEmail,
      createdMs: env.clock.nowMillis(),
      runs: 0,
    };
    triggers.push(full);
    return wrap(full);
  };

  const clockBuilder = (handler: string) => {
    const spec: ClockSpec = {};
    const c = (m: string) => env.counters.call(`ClockTriggerBuilder.${m}`);
    const intArg = (v: unknown, name: string, min: number, max: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) throw new GasException(`Invalid argument: ${name}`);
      return n;
    };
    const b = {
      everyMinutes(n: number) {
        c('everyMinutes');
        if (![1, 5, 10, 15, 30].includes(Number(n)))
          throw new GasException('Invalid argument: minutes. everyMinutes accepts 1, 5, 10, 15 or 30.');
        Object.assign(spec, { every: 'minutes', n: Number(n) });
        return b;
      },
      everyHours(n: number) {
        c('everyHours');
        if (![1, 2, 4, 6, 8, 12].includes(Number(n)))
          throw new GasException('Invalid argument: hours. everyHours accepts 1, 2, 4, 6, 8 or 12.');
        Object.assign(spec, { every: 'hours', n: Number(n) });
        return b;
      },
      everyDays(n: number) {
        c('everyDays');
        Object.assign(spec, { every: 'days', n: intArg(n, 'days', 1, 366) });
        return b;
      },
      everyWeeks(n: number) {
        c('everyWeeks');
        Object.assign(spec, { every: 'weeks', n: intArg(n, 'weeks', 1, 52) });
        return b;
      },
      onWeekDay(day: unknown) {
        c('onWeekDay');
        const i = WEEKDAYS.indexOf(enumName(day) as (typeof WEEKDAYS)[number]);
        if (i < 0) throw new GasException('Invalid argument: day');
        spec.weekDay = i;
        if (spec.every !== 'weeks') Object.assign(spec, { every: 'weeks', n: 1 });
        return b;
      },
      onMonthDay(day: number) {
        c('onMonthDay');
        Object.assign(spec, { every: 'month', monthDay: intArg(day, 'day', 1, 31) });
        return b;
      },
      atHour(hour: number) {
        c('atHour');
        spec.hour = intArg(hour, 'hour', 0, 23);
        return b;
      },
      nearMinute(minute: number) {
        c('nearMinute');
        spec.minute = intArg(minute, 'minute', 0, 59);
        return b;
      },
      inTimezone(timezone: string) {
        c('inTimezone');
        spec.timeZone = String(timezone);
        return b;
      },
      at(date: Date) {
        c('at');
        if (!isDate(date)) throw new GasException('Invalid argument: date');
        spec.atMs = date.getTime();
        return b;
      },
      atDate(year: number, month: number, day: number) {
        c('atDate');
        spec.atDate = { year: Number(year), month: Number(month), day: Number(day) };
        return b;
      },
      after(durationMilliseconds: number) {
        c('after');
        spec.afterMs = Math.max(0, Number(durationMilliseconds) || 0);
        return b;
      },
      create(): EmuTrigger {
        c('create');
        const now = env.clock.nowMillis();
        const zone = spec.timeZone ?? env.timeZone;
        let nextRunMs: number | null = null;
        let anchorMs: number | null = null;
        const oneOff = spec.atMs !== undefined || spec.afterMs !== undefined || spec.atDate !== undefined;
        if (oneOff) {
          if (spec.atMs !== undefined) nextRunMs = spec.atMs;
          else if (spec.afterMs !== undefined) nextRunMs = now + spec.afterMs;
          else if (spec.atDate) {
            const { year, month, day } = spec.atDate;
            nextRunMs = zonedToUtc(zone, year, month, day, spec.hour ?? 0, spec.minute ?? 0).getTime();
          }
        } else if (spec.every) {
          if ((spec.every === 'minutes' || spec.every === 'hours') && spec.hour !== undefined)
            throw new GasException(
              'atHour() can only be used with everyDays(), everyWeeks(), onWeekDay() or onMonthDay().',
            );
          const created = zonedParts(now, zone);
          if (spec.every === 'days' || spec.every === 'weeks' || spec.every === 'month') spec.hour ??= created.hour;
          if (spec.every === 'days' || spec.every === 'weeks') {
            // Anchor: the first day on or after today (the right weekday for weekly) whose run time is still ahead.
            const today = zonedDateKey(now, zone);
            for (let k = 0; k < 15; k++) {
              const { y, m, d } = dayKeyAdd(today, k);
              const t = zonedToUtc(zone, y, m, d, spec.hour, spec.minute ?? 0).getTime();
              const weekdayOk =
                spec.every === 'days' ||
                new Date(Date.UTC(y, m - 1, d)).getUTCDay() === (spec.weekDay ?? created.weekday);
              if (t > now && weekdayOk) {
                anchorMs = t;
                break;
              }
            }
          }
          nextRunMs = nextRunAfter({ clock: spec, anchorMs }, now, env.timeZone);
        } else {
          throw new GasException(
            'The trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at, atDate or after before create().',
          );
        }
        return register({
          handler,
          eventType: 'CLOCK',
          source: 'CLOCK',
          sourceId: null,
          clock: { ...spec },
          anchorMs,
          nextRunMs,
        });
      },
    };
    return b;
  };

  const spreadsheetBuilder = (handler: string, sourceId: string) => {
    let type: EventTypeName | null = null;
    const c = (m: string) => env.counters.call(`SpreadsheetTriggerBuilder.${m}`);
    const b = {
      onOpen: () => {
        c('onOpen');
        type = 'ON_OPEN';
        return b;
      },
      onEdit: () => {
        c('onEdit');
        type = 'ON_EDIT';
        return b;
      },
      onChange: () => {
        c('onChange');
        type = 'ON_CHANGE';
        return b;
      },
      onFormSubmit: () => {
        c('onFormSubmit');
        type = 'ON_FORM_SUBMIT';
        return b;
      },
      create(): EmuTrigger {
        c('create');
        if (!type)
          throw new GasException('The trigger has no event type: call onOpen, onEdit, onChange or onFormSubmit.');
        return register({
          handler,
          eventType: type,
          source: 'SPREADSHEETS',
          sourceId,
          clock: null,
          anchorMs: null,
          nextRunMs: null,
        });
      },
    };
    return b;
  };

  // The emulator's spreadsheet shows its id without a counted getId() (the service reads it itself).
  const sourceIdOf = (ss: unknown): string => {
    if (typeof ss === 'string') return ss;
    const own = (ss as { id?: unknown } | null)?.id;
    return typeof own === 'string' ? own : String((ss as { getId?: () => string })?.getId?.() ?? '');
  };

  const ScriptApp = {
    AuthMode,
    AuthorizationStatus,
    EventType,
    TriggerSource,
    InstallationSource,
    WeekDay,
    newTrigger(functionName: string) {
      env.counters.call('ScriptApp.newTrigger');
      const handler = String(functionName);
      return {
        timeBased: () => {
          env.counters.call('TriggerBuilder.timeBased');
          return clockBuilder(handler);
        },
        forSpreadsheet: (ss: unknown) => {
          env.counters.call('TriggerBuilder.forSpreadsheet');
          return spreadsheetBuilder(handler, sourceIdOf(ss));
        },
      };
    },
    getProjectTriggers(): EmuTrigger[] {
      env.counters.call('ScriptApp.getProjectTriggers');
      return mine().map(wrap);
    },
    getUserTriggers(container: unknown): EmuTrigger[] {
      env.counters.call('ScriptApp.getUserTriggers');
      const id = sourceIdOf(container);
      return mine()
        .filter((t) => t.sourceId === id)
        .map(wrap);
    },
    deleteTrigger(trigger: EmuTrigger): void {
      env.counters.call('ScriptApp.deleteTrigger');
      const id = (trigger && recordOf.get(trigger)?.id) ?? trigger?.getUniqueId?.();
      const i = triggers.findIndex((t) => t.id === id && t.owner === env.userEmail);
      if (i >= 0) triggers.splice(i, 1);
    },
    getScriptId(): string {
      env.counters.call('ScriptApp.getScriptId');
      return scriptId;
    },
    getOAuthToken(): string {
      env.counters.call('ScriptApp.getOAuthToken');
      return `ya29.emulated-token-for-${env.userEmail}`;
    },
    getIdentityToken(): string {
      env.counters.call('ScriptApp.getIdentityToken');
      return '';
    },
    getInstallationSource() {
      env.counters.call('ScriptApp.getInstallationSource');
      return InstallationSource.NONE;
    },
    getAuthorizationInfo(_authMode: unknown) {
      env.counters.call('ScriptApp.getAuthorizationInfo');
      return {
        getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
        getAuthorizationUrl: () => null,
      };
    },
    requireScopes(_authMode: unknown, _scopes: string[]): void {
      env.counters.call('ScriptApp.requireScopes');
    },
    requireAllScopes(_authMode: unknown): void {
      env.counters.call('ScriptApp.requireAllScopes');
    },
    invalidateAuth(): void {
      env.counters.call('ScriptApp.invalidateAuth');
    },
    getService() {
      env.counters.call('ScriptApp.getService');
      return { getUrl: () => `https://script.google.com/macros/s/${scriptId}/exec`, isEnabled: () => false };
    },
  };

  const eventFor = (rec: TriggerRecord, atMs: number): TimeDrivenEvent => {
    const d = new Date(atMs);
    return {
      authMode: AuthMode.FULL,
      triggerUid: rec.id,
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      'day-of-month': d.getUTCDate(),
      'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      timezone: 'UTC',
      'week-of-year': isoWeek(d),
    };
  };

  const isOneOff = (rec: TriggerRecord) =>
    !!rec.clock && (rec.clock.atMs !== undefined || rec.clock.afterMs !== undefined || rec.clock.atDate !== undefined);

  return {
    ScriptApp,
    /** Every trigger of every user, as records (live objects: do not mutate). */
    list(): readonly TriggerRecord[] {
      return triggers;
    },
    /**
     * Replaces every trigger with ones saved from `list()` (the playground keeps them across a
     * restart, as Apps Script does; tests put a workbook back as it was). New triggers get ids after
     * the restored ones.
     */
    restore(records: readonly TriggerRecord[]): void {
      triggers.length = 0;
      for (const r of records) {
        triggers.push({ ...r, clock: r.clock ? { ...r.clock } : null });
        const n = (Number(r.id) - 7_000_000_000_000_000) / 7919;
        if (Number.isInteger(n) && n > seq) seq = n;
      }
    },
    /**
     * Advances the clock to `until`, stopping at each due time-driven trigger run in time order (ties in
     * creation order): sets the clock to the run time and calls `call(handler, event)` inside a trigger
     * execution. A run whose time already passed fires at the current time (the clock never goes back).
     * Returns the runs made.
     */
    fireDue(
      until: Date,
      call: (functionName: string, event: TimeDrivenEvent) => void,
    ): Array<{ triggerId: string; functionName: string; at: Date; error?: unknown }> {
      const untilMs = until.getTime();
      const fired: Array<{ triggerId: string; functionName: string; at: Date; error?: unknown }> = [];
      for (let guard = 0; guard < 1_000_000; guard++) {
        let due: TriggerRecord | null = null;
        for (const t of triggers)
          if (t.eventType === 'CLOCK' && t.nextRunMs !== null && t.nextRunMs <= untilMs)
            if (!due || (t.nextRunMs as number) < (due.nextRunMs as number)) due = t;
        if (!due) break;
        const at = Math.max(due.nextRunMs as number, env.clock.nowMillis());
        env.clock.set(new Date(at));
        due.runs++;
        due.nextRunMs = isOneOff(due) ? null : nextRunAfter(due, at, env.timeZone);
        const entry: { triggerId: string; functionName: string; at: Date; error?: unknown } = {
          triggerId: due.id,
          functionName: due.handler,
          at: new Date(at),
        };
        const rec = due;
        try {
          env.execution.asTrigger(() => call(rec.handler, eventFor(rec, at)));
        } catch (e) {
          // A failing run does not stop the clock, as a failing trigger does not stop the others.
          entry.error = e;
        }
        fired.push(entry);
      }
      if (untilMs > env.clock.nowMillis()) env.clock.set(new Date(untilMs));
      return fired;
    },
    /** When a trigger (object or unique id) runs next after `from` (default: its scheduled next run). */
    nextRun(trigger: EmuTrigger | string, from?: Date): Date | null {
      const id = typeof trigger === 'string' ? trigger : trigger.getUniqueId();
      const rec = triggers.find((t) => t.id === id);
      if (rec?.eventType !== 'CLOCK') return null;
      if (!from) return rec.nextRunMs === null ? null : new Date(rec.nextRunMs);
      if (isOneOff(rec))
        return rec.nextRunMs !== null && rec.nextRunMs > from.getTime() ? new Date(rec.nextRunMs) : null;
      const t = nextRunAfter(rec, from.getTime(), env.timeZone);
      return t === null ? null : new Date(t);
    },
    /** The installable spreadsheet triggers of an event type (for the playground to fire). */
    spreadsheetTriggers(eventType: 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT'): TriggerRecord[] {
      return triggers.filter((t) => t.source === 'SPREADSHEETS' && t.eventType === eventType);
    },
  };
}
