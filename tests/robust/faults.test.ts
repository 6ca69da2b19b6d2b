/**
 * Faults, injected by the runtime: an execution stopped at its time limit after any number of
 * service calls, a write, an email or a Calendar call that fails once, the document lock held by
 * another process, the day's mail quota spent. After the librarian repeats the action (or the
 * follow-up trigger runs), the workbook, the outbox and the calendar are as if nothing had happened: nothing duplicated, nothing lost. (The Log
 * may record an interrupted attempt; it is compared apart.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import { decodeHoldings } from '../../src/domain/holdings';
import { t } from '../../src/messages';
import { calendarLibrary, importPlan, libraryCalendar, PLAN_NAMED_DAYS } from '../support/calendar';
import { at, rowsOf } from '../support/library';
import { capture, workbench } from '../support/workbench';

let injected = 0;
let survived = 0;
// Printed once every suite of the file has run: the desk, the monthly emails and the calendar.
afterAll(() => {
  console.log(`faults: ${injected} injected, ${survived} survived with nothing lost or duplicated`);
});

type Step = [fn: string, args: unknown[], day?: string];

/** A morning at the desk: issues, a return, a renewal the next day, a loss with a replacement, a class set. */
const DESK_DAY: Step[] = [
  ['deskIssue', ['00125', '000101']],
  ['deskIssue', ['00125', '000102']],
  ['deskReturn', ['000103']],
  ['deskRenew', ['000102'], '2026-11-26'],
  ['deskLost', ['000104', '000888'], '2026-11-26'],
  ['deskClassIssue', ['7А', ['T7M', 'T7K'], false], '2026-11-26'],
];

/**
 * What must come out the same, whatever happened on the way: loans (but their random IDs), copies
 * (their loan IDs only as "has one"), what each reader holds, the visits. Rows in sheet order do not
 * matter; their contents do.
 */
function state(rt: Runtime): string {
  const strip = (r: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
  const loans = rowsOf(rt, 'loans')
    .map((l) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(strip(l, ['loanId', 'librarian'])).map(([k, v]) => [k, day(v)])),
      ),
    )
    .sort();
  const copies = rowsOf(rt, 'copies')
    .map((c) =>
      JSON.stringify({
        ...Object.fromEntries(Object.entries(strip(c, ['loanId'])).map(([k, v]) => [k, day(v)])),
        loan: c.loanId !== '',
      }),
    )
    .sort();
  const readers = rowsOf(rt, 'readers')
    .map((r) => {
      const held = (decodeHoldings(r.onLoan) ?? [])
        .map((h) => `${h.inventory} ${h.due} ${h.renewals} ${h.kind} ${h.label}`)
        .sort();
      return JSON.stringify([r.code, r.name, held]);
    })
    .sort();
  return JSON.stringify({ loans, copies, readers, visits: rowsOf(rt, 'visits').length });
}

/** Runs the day's steps from `from` on (the earlier ones ran before a checkpoint), one of them faulted. */
function runDay(rt: Runtime, steps: Step[], fault?: { step: number; inject: () => void }, from = 0): void {
  steps.forEach(([fn, args, day], i) => {
    if (i < from) return;
    if (day) rt.clock.set(at(day));
    if (fault && fault.step === i) {
      fault.inject();
      try {
        rt.call(fn, ...args);
      } catch {
        // The execution was stopped: the librarian sees an error and scans again.
      }
    }
    rt.call(fn, ...args);
  });
}

describe('faults injected at the desk', () => {
  const bench = workbench();
  const { rt } = bench;
  bench.reset();
  runDay(rt, DESK_DAY);
  const golden = state(rt);
  // The workbook as it is just before each step of an undisturbed day (a faulted case starts
  // there), and how many service calls each step makes, so the stops cover every call of a step.
  const before: Array<() => void> = [];
  const callsOf: number[] = [];
  bench.reset();
  for (const [fn, args, day] of DESK_DAY) {
    if (day) rt.clock.set(at(day));
    before.push(bench.checkpoint());
    rt.counters.reset();
    rt.call(fn, ...args);
    callsOf.push(Object.values(rt.counters.snapshot().calls).reduce((a, b) => a + b, 0));
  }
  /** Runs the rest of the day from `step`, with the fault injected there. */
  const faultedDay = (step: number, inject: () => void) => {
    before[step]();
    runDay(rt, DESK_DAY, { step, inject }, step);
  };

  it.each(DESK_DAY.map((s, i) => [s[0], i] as const))(
    '%s stopped at its time limit after any number of service calls, then scanned again: as if nothing had happened',
    (_fn, step) => {
      // Every call up to 16, then every third, and each of the last ten: a step's writes are among
      // its last calls.
      const points = Array.from({ length: callsOf[step] }, (_, k) => k + 1).filter(
        (n) => n <= 16 || n % 3 === 0 || n > callsOf[step] - 10,
      );
      for (const n of points) {
        injected++;
        faultedDay(step, () => rt.stopExecutionAfter(n));
        expect(state(rt), `${DESK_DAY[step][0]} stopped after ${n} calls`).toBe(golden);
        survived++;
      }
    },
  );

  it.each(['Range.setValues', 'Sheet.appendRow'])(
    'a %s that fails once, at each of its calls in a step: the action says so, and scanned again it leaves everything as it should be',
    (method) => {
      for (let step = 0; step < DESK_DAY.length; step++) {
        for (let nth = 1; nth <= 4; nth++) {
          injected++;
          faultedDay(step, () => rt.failCallOnce(method, nth));
          expect(state(rt), `${DESK_DAY[step][0]}: ${method} #${nth} failed`).toBe(golden);
          survived++;
        }
      }
    },
  );

  it('the document lock held by another process: the action says "busy", writes nothing, and works once it is free', () => {
    for (let step = 0; step < DESK_DAY.length; step++) {
      injected++;
      faultedDay(step, () => {
        rt.lock.holdByOther('document');
        const [fn, args] = DESK_DAY[step];
        const held = state(rt);
        const reply = rt.call(fn, ...args) as { ok: boolean };
        expect(reply.ok).toBe(false);
        expect(state(rt)).toBe(held);
        rt.lock.releaseOther('document');
      });
      expect(state(rt)).toBe(golden);
      survived++;
    }
  });
});

describe('faults injected in the monthly emails', () => {
  const bench = workbench();
  const { rt } = bench;

  /** The first service call of the monthly run after its follow-up trigger is in place. */
  function firstCallAfterFollowUp(): number {
    prepareMonth();
    const calls: string[] = [];
    const count = rt.counters.call;
    rt.counters.call = (name: string) => {
      calls.push(name);
      count(name);
    };
    try {
      rt.fireTriggers(at('2027-01-01', '12:00'));
    } finally {
      rt.counters.call = count;
    }
    const created = calls.indexOf('ClockTriggerBuilder.create');
    expect(created).toBeGreaterThanOrEqual(0);
    return created + 2;
  }

  function prepareMonth(): void {
    bench.reset();
    // A pupil of 10Б with a book due on 9 December, too: two class teachers have debtors.
    rt.call('deskIssue', '00201', '000106');
    rt.clock.set(at('2026-12-14'));
    rt.call('turnOnMonthlyEmails');
    rt.clock.set(at('2027-01-01', '08:00'));
  }

  function month(fault?: () => void): { outbox: string[]; ledger: string } {
    prepareMonth();
    fault?.();
    rt.fireTriggers(at('2027-01-01', '12:00'));
    // The follow-ups of the next days finish what was left.
    for (const d of ['2027-01-02', '2027-01-03', '2027-01-04']) rt.fireTriggers(at(d, '12:00'));
    // Who got an email (the subject carries the day it went, which a follow-up moves).
    const outbox = rt.mail.outbox.map((m) => m.to.join(',')).sort();
    const ledger = JSON.stringify(
      rowsOf(rt, 'mailings')
        .map((r) => [r.period, r.kind, r.class, r.status])
        .sort(),
    );
    return { outbox, ledger };
  }

  it('stopped at its time limit after any number of calls: every teacher gets the month’s email once', () => {
    const golden = month();
    const teachers = golden.outbox.filter((m) => !m.startsWith('librarian@'));
    expect(teachers.length).toBeGreaterThan(1);
    // The run's first calls install its follow-up; the time limit (six minutes) cannot strike before
    // them in practice, and from there on every stop is finished by the follow-up.
    const first = firstCallAfterFollowUp();
    expect(first).toBeLessThan(20);
    for (let n = first; n <= first + 60; n += 2) {
      injected++;
      const run = month(() => rt.stopExecutionAfter(n));
      const got = run.outbox.filter((m) => !m.startsWith('librarian@'));
      // Each teacher once; an email the stop caught between "being sent" and "sent" is reported to
      // the librarian instead of being sent twice (never lost: either sent or reported).
      expect(new Set(got).size, `stopped after ${n}`).toBe(got.length);
      for (const m of got) expect(teachers).toContain(m);
      const missing = teachers.filter((m) => !got.includes(m));
      expect(missing.length, `stopped after ${n}: ${missing.join('; ')}`).toBeLessThanOrEqual(1);
      if (missing.length === 1) expect(run.outbox.some((m) => m.startsWith('librarian@'))).toBe(true);
      survived++;
    }
  });

  it('an email that fails to send (MailApp throws once, at any teacher): the librarian is told, Send now sends it, nobody gets two', () => {
    const teachers = month()
      .outbox.filter((m) => !m.startsWith('librarian@'))
      .sort();
    for (let nth = 1; nth <= teachers.length; nth++) {
      injected++;
      const run = month(() => rt.failCallOnce('MailApp.sendEmail', nth, 'Service error: Mail'));
      expect(run.ledger, `sendEmail #${nth} failed`).toContain(JSON.stringify(t('kk', 'enum.mailStatus.failed')));
      expect(run.outbox.some((m) => m.startsWith('librarian@'))).toBe(true);
      // The librarian chooses Send now from the menu (it tries the failed emails again).
      rt.call('sendDebtorEmailsNow');
      const got = rt.mail.outbox
        .map((m) => m.to.join(','))
        .filter((m) => !m.startsWith('librarian@'))
        .sort();
      expect(got, `sendEmail #${nth} failed, then Send now`).toEqual(teachers);
      survived++;
    }
  });
});

describe('faults injected in the calendar sync', () => {
  // The seed plan's 22 events (its two slips accepted) and the 8 duties, none in the calendar yet.
  const rt = calendarLibrary();
  importPlan(rt, PLAN_NAMED_DAYS);
  rt.call('calendarAcceptSuggestions');
  const startOver = capture(rt);

  /** The library's calendar and the rows that point into it: what a sync must leave, however it went. */
  const calendarState = (): string => {
    const calendar = libraryCalendar(rt).events;
    // A row's key is made when it is first synced (random): compared as "names its own event, once".
    const keys = calendar.map((e) => e.tags.libraryKey ?? '');
    const events = calendar
      .map((e) =>
        JSON.stringify([
          e.title,
          e.startDate,
          e.endDate,
          e.popupReminders,
          keys.indexOf(e.tags.libraryKey ?? '') === keys.lastIndexOf(e.tags.libraryKey ?? ''),
        ]),
      )
      .sort();
    const byId = new Map(calendar.map((e) => [e.id, e.tags.libraryKey]));
    const rows = [...rowsOf(rt, 'events'), ...rowsOf(rt, 'duties')].map((r) =>
      JSON.stringify([r.title ?? r.duty, r.sync, r.key !== '' && byId.get(String(r.calendarId)) === r.key]),
    );
    return JSON.stringify({ events, rows });
  };
  /** The sync as the librarian starts it, then the follow-ups it left and, if the run failed, the menu again. */
  const syncAndFinish = (fault?: () => void) => {
    fault?.();
    try {
      rt.call('calendarSyncNow');
    } catch {
      // Stopped at the time limit: the librarian sees an error.
    }
    for (let day = 1; day <= 3; day++) rt.fireTriggers(new Date(rt.clock.nowMillis() + 86_400_000));
    rt.call('calendarSyncNow');
  };
  rt.counters.reset();
  syncAndFinish();
  const golden = calendarState();
  startOver();
  rt.counters.reset();
  rt.call('calendarSyncNow');
  const calls = rt.counters.snapshot().calls;
  const callsOfSync = Object.values(calls).reduce((a, b) => a + b, 0);
  const calendarWrites = Object.keys(calls).filter((m) =>
    /^Calendar(Event|EventSeries|App)?\.(create|set|add|remove|delete)/.test(m),
  );

  it('reaches every row: 30 events, each once', () => {
    expect(JSON.parse(golden).events).toHaveLength(30);
    expect(calendarWrites.length).toBeGreaterThan(3);
  });

  it.each(calendarWrites.map((m) => [m]))(
    'a %s that fails once, at any of its first calls: the next sync makes the calendar as it should be, nothing twice',
    (method) => {
      for (let nth = 1; nth <= Math.min(4, calls[method]); nth++) {
        injected++;
        startOver();
        syncAndFinish(() => rt.failCallOnce(method, nth, 'Service error: Calendar'));
        expect(calendarState(), `${method} #${nth} failed`).toBe(golden);
        survived++;
      }
    },
  );

  it('stopped at its time limit after any number of service calls: the follow-up finishes it, nothing twice', {
    timeout: 120_000,
  }, () => {
    // Each of the first and last ten calls (making the calendar, writing the rows back), and every
    // 25th between (an event's create, tag and reminders are a few calls apart: every stage is met).
    const points = Array.from({ length: callsOfSync }, (_, k) => k + 1).filter(
      (n) => n <= 10 || n % 25 === 0 || n > callsOfSync - 10,
    );
    for (const n of points) {
      injected++;
      startOver();
      syncAndFinish(() => rt.stopExecutionAfter(n));
      expect(JSON.parse(calendarState()), `stopped after ${n} calls`).toEqual(JSON.parse(golden));
      survived++;
    }
  });
});
