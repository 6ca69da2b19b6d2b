/**
 * The Mailings ledger's state machine (src/domain/mailing.ts): its transitions, and, with fast-check,
 * that no email is sent twice and none is lost whatever points runs are stopped at: each run reads the
 * ledger as the one before it left it, and a run happens again only when a follow-up was installed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  type Change,
  type Mailing,
  type MailingEvent,
  type MailingStatus,
  newRow,
  nextToSend,
  type RunPorts,
  runLedger,
  transition,
  waiting,
} from '../../src/domain/mailing';

const STATUSES: MailingStatus[] = ['pending', 'sending', 'sent', 'failed', 'invalid', 'skipped'];
const EVENTS: MailingEvent[] = [
  'crashed',
  'retried',
  'readdressed',
  'superseded',
  'unreachable',
  'notNeeded',
  'marked',
  'sent',
  'failed',
  'quotaSpent',
];

describe('the transitions of a row', () => {
  it('allow exactly these moves, and tell the librarian only about a teacher’s problem', () => {
    const moves: string[] = [];
    for (const kind of ['debtors', 'report'])
      for (const status of STATUSES)
        for (const event of EVENTS) {
          const c = transition({ status, kind }, event);
          if (c) moves.push(`${kind}: ${status} --${event}--> ${c.status}${c.report ? ' (told)' : ''}`);
        }
    expect(moves).toEqual([
      'debtors: pending --superseded--> skipped',
      'debtors: pending --unreachable--> invalid (told)',
      'debtors: pending --notNeeded--> skipped',
      'debtors: pending --marked--> sending',
      'debtors: sending --crashed--> failed (told)',
      'debtors: sending --sent--> sent',
      'debtors: sending --failed--> failed (told)',
      'debtors: sending --quotaSpent--> pending',
      'debtors: failed --retried--> pending',
      'debtors: failed --superseded--> skipped',
      'debtors: invalid --readdressed--> pending',
      'report: pending --unreachable--> invalid',
      'report: pending --notNeeded--> skipped',
      'report: pending --marked--> sending',
      'report: sending --crashed--> failed',
      'report: sending --sent--> sent',
      'report: sending --failed--> failed',
      'report: sending --quotaSpent--> pending',
    ]);
    expect(newRow(true)).toEqual({ status: 'pending', report: false });
    expect(newRow(false)).toEqual({ status: 'invalid', report: true });
  });

  it('refuse an event that does not apply: a mistake of the run, told in the librarian’s language', () => {
    const m: Mailing = { status: 'sent', kind: 'debtors', order: 0 };
    const writes: MailingStatus[] = [];
    expect(() => apply({ write: (_, c) => writes.push(c.status) }, m, 'marked')).toThrow(
      expect.objectContaining({ key: 'mail.ledger.broken', params: { detail: 'marked: sent' } }),
    );
    expect(writes).toEqual([]);
    expect(m.status).toBe('sent');
  });

  it('never lead back from "being sent" to waiting except when MailApp refused it for the quota', () => {
    for (const kind of ['debtors', 'report'])
      for (const event of EVENTS) {
        const c = transition({ status: 'sending', kind }, event);
        if (c?.status === 'pending') expect(event).toBe('quotaSpent');
      }
  });

  it('send teachers first, then reports, older rows first, and nothing once the quota is spent', () => {
    const rows: Mailing[] = [
      { status: 'pending', kind: 'report', order: 0 },
      { status: 'sent', kind: 'debtors', order: 1 },
      { status: 'pending', kind: 'visits', order: 3 },
      { status: 'pending', kind: 'debtors', order: 2 },
    ];
    expect(nextToSend(rows, 5)).toBe(rows[3]);
    expect(nextToSend(rows, 0)).toBeNull();
    expect(nextToSend([rows[0]], 1)).toBe(rows[0]);
    expect(nextToSend([rows[1]], 1)).toBeNull();
    expect(waiting(rows)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Runs stopped anywhere

/** What one teacher's email meets when it is about to go. */
type Fate = 'ok' | 'unreachable' | 'notNeeded' | 'fails';

interface Scenario {
  fates: Fate[];
  /**
   * Per run: how many effects it gets through before it is stopped (null: it is not stopped). At
   * least one: Apps Script's time limit stops a run minutes into it, and the run installs its
   * follow-up right after it takes the script lock.
   */
  stops: Array<number | null>;
  /** Per run: the quota getRemainingDailyQuota reports, and how much of it other mail leaves. */
  quotas: Array<{ reported: number; real: number }>;
}

interface Row extends Mailing {
  id: number;
}

class Stopped extends Error {}

/** The ledger as written (what the next run reads), the outbox, and what the librarian was told. */
class World {
  disk = new Map<number, { status: MailingStatus; kind: string; order: number }>();
  sends = new Map<number, number>();
  told = new Set<number>();
  interrupted = new Set<number>();
  followUp = false;
  /** Whether the monthly run's plan was written (a run stopped before it plans nothing). */
  planned = false;
  nextId = 0;
  log: string[] = [];

  read(): Row[] {
    return [...this.disk].map(([id, r]) => ({ id, ...r }));
  }
  /** Appends a row: a teacher's email by the index of its fate, a report numbered from 1000. */
  add(kind: string, status: MailingStatus, id = 1000 + this.nextId): Row {
    const row = { kind, status, order: this.nextId++ };
    this.disk.set(id, row);
    return { id, ...row };
  }
}

/**
 * One run as runMail makes it (runLedger): the follow-up installed, the ledger read as the run before
 * left it, what a stopped run left recovered, the plan written (the monthly run), the problems
 * reported, what waits sent; at the end the follow-up kept only while anything waits. After
 * `s.stops[n]` effects Apps Script stops the run: nothing more is written, sent or installed.
 */
function run(w: World, s: Scenario, n: number, plan: boolean): void {
  let budget = s.stops[n] ?? Number.POSITIVE_INFINITY;
  const effect = (what: string) => {
    if (budget-- <= 0) {
      w.log.push(`run ${n} stopped before ${what}`);
      throw new Stopped();
    }
  };
  const quota = s.quotas[n] ?? { reported: 1000, real: 1000 };
  let sentNow = 0;
  let rows: Row[] = [];
  const ports: RunPorts<Row> = {
    write(m: Row, change: Change, event: MailingEvent) {
      effect(`${event} ${m.id}`);
      const row = w.disk.get(m.id)!;
      expect(transition(row, event)).toEqual(change); // the run's view of the row is the ledger's
      row.status = change.status;
      if (event === 'crashed') w.interrupted.add(m.id);
    },
    check(m: Row) {
      const fate = m.kind === 'report' ? 'ok' : s.fates[m.id];
      return fate === 'fails' ? 'ok' : fate;
    },
    send(m: Row) {
      effect(`sending ${m.id}`);
      // Only a row whose "being sent" mark is written goes out.
      expect(w.disk.get(m.id)!.status).toBe('sending');
      if (m.kind !== 'report' && s.fates[m.id] === 'fails') return { error: 'Service unavailable: Email' };
      if (sentNow >= quota.real) return 'quota';
      sentNow++;
      w.sends.set(m.id, (w.sends.get(m.id) ?? 0) + 1);
      w.log.push(`run ${n} sent ${m.id}`);
      return 'sent';
    },
    report(about: Row[]) {
      // One write: the names go into the report waiting to go, or into a new one.
      effect('a report');
      if (!rows.some((r) => r.kind === 'report' && w.disk.get(r.id)!.status === 'pending'))
        rows.push(w.add('report', 'pending'));
      for (const r of about) w.told.add(r.id);
    },
    plan() {
      if (!plan) return;
      // The classes without a valid address are named in the report first, then the plan is written.
      const invalid = s.fates.flatMap((fate, id) => (fate === 'unreachable' ? [{ id } as Row] : []));
      if (invalid.length > 0) this.report(invalid);
      effect('the plan');
      w.planned = true;
      s.fates.forEach((fate, i) => {
        rows.push(w.add('debtors', newRow(fate !== 'unreachable').status, i));
      });
    },
    quota: () => quota.reported,
  };
  try {
    runLedger(
      () => {
        effect('installing the follow-up');
        w.followUp = true;
      },
      () => {
        effect('reading the ledger');
        rows = w.read();
        return { rows, ports };
      },
    );
    // The run ends: the follow-up stays while anything waits, else it goes.
    effect('arranging the follow-up');
    w.followUp = waiting(w.read());
  } catch (e) {
    if (!(e instanceof Stopped)) throw e;
  }
}

/** The monthly run, then each follow-up the one before left, as long as there is one. */
function live(s: Scenario): World {
  const w = new World();
  run(w, s, 0, true);
  for (let n = 1; w.followUp; n++) {
    if (n > 200) throw new Error('follow-ups never end');
    w.followUp = false; // a one-off trigger, spent once it fires
    run(w, s, n, false);
  }
  return w;
}

const scenario = fc.record({
  fates: fc.array(fc.constantFrom<Fate>('ok', 'ok', 'ok', 'unreachable', 'notNeeded', 'fails'), {
    minLength: 1,
    maxLength: 8,
  }),
  stops: fc.array(fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), { maxLength: 6 }),
  quotas: fc.array(
    fc.record({ reported: fc.nat({ max: 6 }), spent: fc.nat({ max: 3 }) }).map((q) => ({
      reported: q.reported,
      real: Math.max(0, q.reported - q.spent),
    })),
    { maxLength: 6 },
  ),
});

describe('runs stopped at any point (fast-check)', () => {
  it('send no email twice and lose none: each goes once, or it was being sent when a run stopped and the librarian is told', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = live(s);
        const rows = w.read();
        // Nothing is left waiting or half-sent: every row came to an end.
        expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]);
        for (const [id, count] of w.sends) expect(count, `email ${id} sent ${count} times`).toBe(1);
        s.fates.forEach((fate, id) => {
          if (!w.disk.has(id)) {
            // The monthly run was stopped before its plan was written: no teacher's email went out.
            expect(w.planned).toBe(false);
            expect([...w.sends.keys()].filter((k) => k < 1000)).toEqual([]);
            return;
          }
          const { status } = w.disk.get(id)!;
          const sent = w.sends.get(id) ?? 0;
          const why = `email ${id} (${fate}): ${status}, sent ${sent}; ${w.log.join(', ')}`;
          if (w.interrupted.has(id)) {
            // Being sent when a run stopped: it may have gone; reported, never sent again.
            expect(status, why).toBe('failed');
            expect(w.told.has(id), why).toBe(true);
            return;
          }
          if (fate === 'ok') {
            expect(status, why).toBe('sent');
            expect(sent, why).toBe(1);
          } else {
            expect(sent, why).toBe(0);
            expect(status, why).toBe(fate === 'unreachable' ? 'invalid' : fate === 'notNeeded' ? 'skipped' : 'failed');
            expect(w.told.has(id), why).toBe(fate !== 'notNeeded');
          }
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('stopped at every single point of the monthly run, each planned email still goes once or is reported', () => {
    const fates: Fate[] = ['ok', 'unreachable', 'ok', 'fails', 'ok', 'notNeeded', 'ok'];
    const ok = [0, 2, 4, 6];
    expect([...live({ fates, stops: [], quotas: [] }).sends.keys()].filter((id) => id < fates.length)).toEqual(ok);
    let interrupted = 0;
    // A whole run has fewer effects than this: the last stops come after it ended.
    for (let stop = 1; stop <= 30; stop++) {
      const world = live({ fates, stops: [stop], quotas: [] });
      if (!world.planned) continue;
      for (const id of ok) {
        const why = `stopped after ${stop} effects: ${world.log.join(', ')}`;
        if (world.interrupted.has(id)) {
          interrupted++;
          expect(world.told.has(id), why).toBe(true);
          expect(world.sends.get(id) ?? 0, why).toBeLessThanOrEqual(1);
        } else expect(world.sends.get(id), why).toBe(1);
      }
    }
    // Both ways a run can stop while an email is being sent: before it went, and after.
    expect(interrupted).toBe(2 * ok.length);
  });
});
