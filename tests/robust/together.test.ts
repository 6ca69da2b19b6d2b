/**
 * Two at once, on the built bundle: the monthly trigger fires while the librarian issues a book,
 * Setup is chosen while the desk works (and the other way round), the desk scans while the monthly
 * run writes the Debtors sheet. The runtime runs the second execution while the first holds its lock
 * (as Apps Script's LockService sees a second user or a trigger): the lock serialises them, nothing is
 * lost, and the one who waits is told so in words, never with a raw error.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../emulator';
import type { LockKind } from '../../emulator/lock';
import { t } from '../../src/messages';
import { at, lastAlert, rowsOf } from '../support/library';
import { isUnexpected, workbench } from '../support/workbench';

type Reply = { ok: boolean; message?: string };

/** Runs `second` once, as another execution, right after the first execution takes the `kind` lock. */
function whenHeld(rt: Runtime, kind: LockKind, second: () => void): void {
  rt.lock.onAcquire((taken) => {
    if (taken === kind) second();
    else whenHeld(rt, kind, second);
  });
}

const teachersIn = (rt: Runtime) =>
  rt.mail.outbox
    .map((m) => m.to.join(','))
    .filter((to) => !to.startsWith('librarian@'))
    .sort();

describe('two at once', () => {
  const bench = workbench();
  const { rt } = bench;

  /** December's debtors in two classes, the monthly emails on, the clock at the 1st of January. */
  function newYearsMorning(): void {
    bench.reset();
    rt.call('deskIssue', '00201', '000106');
    rt.clock.set(at('2026-12-14'));
    rt.call('turnOnMonthlyEmails');
    rt.clock.set(at('2027-01-01', '08:00'));
  }

  /** Every teacher who gets an email on an undisturbed 1st of January. */
  function undisturbedTeachers(): string[] {
    newYearsMorning();
    rt.fireTriggers(at('2027-01-01', '23:00'));
    return teachersIn(rt);
  }

  it('the monthly trigger fires while the librarian issues a book: the book is issued, the emails go out once with the follow-up', () => {
    const teachers = undisturbedTeachers();
    expect(teachers.length).toBeGreaterThan(1);
    newYearsMorning();
    // The desk starts a minute before the run is due, and the run fires while the desk holds the lock
    // (the clock moves that minute, not the whole day: the desk's execution has six minutes).
    const due = rt.triggers.list().find((x) => x.handler === 'monthlyDebtorsTrigger')!.nextRunMs!;
    rt.clock.set(new Date(due - 60_000));
    let fired = 0;
    whenHeld(rt, 'document', () => {
      fired = rt.fireTriggers(new Date(due)).length;
    });
    const issued = rt.call('deskIssue', '00125', '000101') as Reply;
    expect(fired).toBeGreaterThan(0);
    expect(issued.ok).toBe(true);
    expect(rowsOf(rt, 'loans').filter((l) => l.inventory === '000101')).toHaveLength(1);
    // The run could not write the Debtors sheet under the librarian's lock, so it sent nothing yet;
    // its follow-up (in place before the run's first write) does it all.
    expect(teachersIn(rt)).toEqual([]);
    for (const d of ['2027-01-02', '2027-01-03']) rt.fireTriggers(at(d, '23:00'));
    expect(teachersIn(rt)).toEqual(teachers);
    expect(rowsOf(rt, 'debtors').length).toBeGreaterThan(0);
  });

  it('the desk scans while the monthly run writes the Debtors sheet: "busy", then the scan works', () => {
    const teachers = undisturbedTeachers();
    newYearsMorning();
    let meanwhile: Reply | undefined;
    whenHeld(rt, 'document', () => {
      meanwhile = rt.call('deskIssue', '00125', '000101') as Reply;
    });
    rt.fireTriggers(at('2027-01-01', '23:00'));
    expect(meanwhile).toEqual({ ok: false, message: t('kk', 'error.busy'), help: 'trouble-workbook' });
    expect(rowsOf(rt, 'loans').filter((l) => l.inventory === '000101')).toHaveLength(0);
    expect((rt.call('deskIssue', '00125', '000101') as Reply).ok).toBe(true);
    expect(teachersIn(rt)).toEqual(teachers);
  });

  it('Setup chosen while the desk issues a book: Setup says the workbook is busy and changes nothing; chosen again, it runs', () => {
    bench.reset();
    const before = bench.snapshot();
    let setupBefore = '';
    whenHeld(rt, 'document', () => {
      setupBefore = bench.snapshot();
      rt.call('setUpWorkbook');
      expect(bench.snapshot()).toBe(setupBefore);
    });
    expect((rt.call('deskIssue', '00125', '000101') as Reply).ok).toBe(true);
    expect(setupBefore).toBe(before);
    expect(lastAlert(rt)).toBe(t('kk', 'error.busy'));
    rt.call('setUpWorkbook');
    expect(isUnexpected(lastAlert(rt))).toBe(false);
    expect(lastAlert(rt)).not.toBe(t('kk', 'error.busy'));
    expect(rowsOf(rt, 'loans').filter((l) => l.inventory === '000101')).toHaveLength(1);
  });

  it('the desk scans while Setup runs: "busy", nothing written; scanned again, the book is issued', () => {
    bench.reset();
    let meanwhile: Reply | undefined;
    whenHeld(rt, 'document', () => {
      meanwhile = rt.call('deskReturn', '000103') as Reply;
    });
    rt.call('setUpWorkbook');
    expect(meanwhile).toEqual({ ok: false, message: t('kk', 'error.busy'), help: 'trouble-workbook' });
    expect(rowsOf(rt, 'loans').find((l) => l.inventory === '000103')?.returned).toBe('');
    expect((rt.call('deskReturn', '000103') as Reply).ok).toBe(true);
    expect(rowsOf(rt, 'loans').find((l) => l.inventory === '000103')?.returned).not.toBe('');
  });

  it('two librarians return and renew the same copy at once: one goes first, the other is told to wait, nothing is done twice', () => {
    bench.reset();
    let meanwhile: Reply | undefined;
    whenHeld(rt, 'document', () => {
      meanwhile = rt.call('deskRenew', '000103') as Reply;
    });
    expect((rt.call('deskReturn', '000103') as Reply).ok).toBe(true);
    expect(meanwhile).toEqual({ ok: false, message: t('kk', 'error.busy'), help: 'trouble-workbook' });
    // Scanned again: the copy is back, so there is nothing to renew, and the desk says so.
    const again = rt.call('deskRenew', '000103') as Reply;
    expect(again.ok).toBe(false);
    expect(isUnexpected(String(again.message))).toBe(false);
    const loans = rowsOf(rt, 'loans').filter((l) => l.inventory === '000103');
    expect(loans).toHaveLength(1);
    expect(loans[0].renewals).toBe(0);
  });
});
