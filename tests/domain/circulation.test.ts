import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassPupil,
  checkIssue,
  checkRenew,
  type DeskCopy,
  type DeskReader,
  type Holding,
  planClassIssue,
} from '../../src/domain/circulation';
import { LibraryError } from '../../src/errors';

const reader = (over: Partial<DeskReader> = {}): DeskReader => ({
  code: 'R1',
  name: 'Әлиева Аружан',
  category: 'pupil',
  className: '7А',
  status: 'active',
  ...over,
});
const copy = (over: Partial<DeskCopy> = {}): DeskCopy => ({
  inventory: '000101',
  titleId: 'F1',
  status: 'available',
  reader: '',
  loanId: '',
  due: null,
  ...over,
});
const refusal = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof LibraryError) return e.key;
    throw e;
  }
};

describe('checkIssue', () => {
  const holding = (kind: Holding['kind']): Holding => ({ inventory: 'x', titleId: 't', kind, due: '2026-12-01' });

  it('refuses each rule with its own message', () => {
    const base = { reader: reader(), copy: copy(), kind: 'fiction' as const, holdings: [], limit: 5 };
    expect(refusal(() => checkIssue(base))).toBeNull();
    expect(refusal(() => checkIssue({ ...base, reader: reader({ status: 'left' }) }))).toBe('desk.error.readerLeft');
    expect(refusal(() => checkIssue({ ...base, copy: copy({ status: 'onLoan', reader: 'R2' }) }))).toBe(
      'desk.error.onLoan',
    );
    expect(refusal(() => checkIssue({ ...base, copy: copy({ status: 'lost' }) }))).toBe('desk.error.notAvailable');
    expect(refusal(() => checkIssue({ ...base, copy: copy({ status: 'writtenOff' }) }))).toBe(
      'desk.error.notAvailable',
    );
    expect(refusal(() => checkIssue({ ...base, holdings: Array(5).fill(holding('fiction')) }))).toBe(
      'desk.error.limit',
    );
  });

  it('property: a copy that someone holds is never issued again (a copy is never on loan twice)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('available', 'onLoan', 'lost', 'writtenOff' as const),
        fc.string({ minLength: 0, maxLength: 3 }),
        fc.constantFrom('fiction', 'textbook', 'reference' as const),
        fc.integer({ min: 0, max: 20 }),
        (status, holder, kind, held) => {
          const c = copy({ status: status as DeskCopy['status'], reader: holder });
          const issued =
            refusal(() =>
              checkIssue({ reader: reader(), copy: c, kind, holdings: Array(held).fill(holding('fiction')), limit: 5 }),
            ) === null;
          if (issued) {
            expect(c.status).toBe('available');
            expect(c.reader).toBe('');
          }
        },
      ),
    );
  });

  it('property: textbooks never count towards the limit, other kinds always do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), (textbooks, limit) => {
        const holdings = Array(textbooks).fill(holding('textbook'));
        expect(refusal(() => checkIssue({ reader: reader(), copy: copy(), kind: 'fiction', holdings, limit }))).toBe(
          limit === 0 ? 'desk.error.limit' : null,
        );
        expect(
          refusal(() => checkIssue({ reader: reader(), copy: copy(), kind: 'textbook', holdings, limit: 0 })),
        ).toBeNull();
      }),
    );
  });
});

describe('checkRenew', () => {
  it('refuses textbooks, the renewal limit, and a renewal that would not move the due date', () => {
    const base = {
      inventory: '1',
      kind: 'fiction' as const,
      renewals: 0,
      maxRenewals: 2,
      currentDue: '2026-12-09',
      newDue: '2026-12-10',
    };
    expect(refusal(() => checkRenew(base))).toBeNull();
    expect(refusal(() => checkRenew({ ...base, kind: 'textbook' }))).toBe('desk.error.renewTextbook');
    expect(refusal(() => checkRenew({ ...base, renewals: 2 }))).toBe('desk.error.renewLimit');
    expect(refusal(() => checkRenew({ ...base, newDue: '2026-12-09' }))).toBe('desk.error.renewNoGain');
  });
});

describe('planClassIssue', () => {
  const arbitraryClass = fc.record({
    pupils: fc.uniqueArray(
      fc.record({
        code: fc.stringMatching(/^P\d{1,3}$/),
        holds: fc.subarray(['T1', 'T2', 'T3']),
        overdue: fc.integer({ min: 0, max: 2 }),
      }),
      { selector: (p) => p.code, maxLength: 30 },
    ),
    titles: fc.subarray(['T1', 'T2', 'T3', 'T1']),
    stock: fc.record({
      T1: fc.array(fc.stringMatching(/^1\d{2}$/), { maxLength: 40 }),
      T2: fc.array(fc.stringMatching(/^2\d{2}$/), { maxLength: 40 }),
      T3: fc.array(fc.stringMatching(/^3\d{2}$/), { maxLength: 40 }),
    }),
    override: fc.boolean(),
  });

  it('property: never the same copy twice, only copies on the shelf, one per pupil per title, no set to a debtor without override', () => {
    fc.assert(
      fc.property(arbitraryClass, ({ pupils, titles, stock, override }) => {
        const ps: ClassPupil[] = pupils.map((p) => ({
          code: p.code,
          name: p.code,
          holds: new Set(p.holds),
          overdue: p.overdue,
        }));
        const available = new Map(Object.entries(stock));
        const plan = planClassIssue(ps, titles, available, override);
        const copies = plan.assignments.map((a) => a.inventory);
        expect(new Set(copies).size).toBe(copies.length);
        for (const a of plan.assignments) {
          expect(available.get(a.titleId)).toContain(a.inventory);
          const p = ps.find((x) => x.code === a.reader)!;
          expect(p.holds.has(a.titleId)).toBe(false);
          if (!override) expect(p.overdue).toBe(0);
        }
        const pairs = plan.assignments.map((a) => `${a.reader}/${a.titleId}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        // Every eligible pupil without the title gets one, or the title is reported short by exactly the gap.
        for (const titleId of new Set(titles)) {
          const wanting = ps.filter((p) => (override || p.overdue === 0) && !p.holds.has(titleId)).length;
          const given = plan.assignments.filter((a) => a.titleId === titleId).length;
          const short = plan.shortages.find((s) => s.titleId === titleId)?.missing ?? 0;
          expect(given + short).toBe(wanting);
        }
      }),
    );
  });
});
