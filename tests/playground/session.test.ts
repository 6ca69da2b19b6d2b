/**
 * A playground session in this process: what a restart keeps (triggers, properties, the outbox, as
 * Apps Script keeps them outside the workbook), the dialogs of an action and of a protected edit,
 * refused edits, and the .eml files of the outbox.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTECTED_WARNING, Session } from '../../playground/session';
import { t } from '../../src/i18n';
import { tempDir } from './support';

const LOANS = t('kk', 'sheet.loans');
const open = (dataDir: string) => Session.open({ dataDir, bundle: 'build/Code.js' }).then((o) => o.session);
const emls = (s: Session) =>
  readdirSync(s.outboxDir)
    .filter((n) => n.endsWith('.eml'))
    .sort();

describe('a playground session', () => {
  const dirs: string[] = [];
  /** The demo workbook, created once and copied for each test that needs its own. */
  let demo: string;
  const copyOfDemo = () => {
    const dir = tempDir('playground-session');
    dirs.push(dir);
    cpSync(path.join(demo, 'library.xlsx'), path.join(dir, 'library.xlsx'));
    return dir;
  };

  beforeAll(async () => {
    demo = tempDir('playground-demo');
    dirs.push(demo);
    const s = await open(demo);
    await s.close();
  }, 120_000);

  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps the monthly-email trigger and its setting over a restart, and the trigger fires on the clock', {
    timeout: 180_000,
  }, async () => {
    const dir = copyOfDemo();
    let s = await open(dir);
    const on = await s.runMenu('turnOnMonthlyEmails');
    expect(on.ok).toBe(true);
    const triggers = s.triggers();
    // Setup's "on change" trigger keeps the saved layout honest; the email trigger is the time-driven one.
    expect(triggers.map((x) => x.handler).filter((h) => h !== 'onLibraryChange')).toEqual(['monthlyDebtorsTrigger']);
    const properties = s.rt.properties.dump('script');
    expect(Object.keys(properties).length).toBeGreaterThan(0);
    const status = (await s.runMenu('showMailStatus')).dialogs.map((d) => ('message' in d ? d.message : ''));
    await s.close();

    s = await open(dir);
    expect(s.triggers()).toEqual(triggers);
    expect(s.rt.properties.dump('script')).toEqual(properties);
    expect((await s.runMenu('showMailStatus')).dialogs.map((d) => ('message' in d ? d.message : ''))).toEqual(status);
    // A trigger made after the restart gets an id of its own.
    await s.runMenu('turnOnVisitsSummary');
    const ids = s.triggers().map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const advanced = await s.advance(new Date('2025-12-01T12:00:00+05:00'));
    expect(advanced.fired.map((f) => [f.functionName, f.error])).toContainEqual(['monthlyDebtorsTrigger', undefined]);
    expect(s.rt.mail.outbox.length).toBeGreaterThan(0);
    const sent = s.outbox();
    await s.close();

    // The outbox too: the e-mails sent are still there after the next restart.
    s = await open(dir);
    expect(s.outbox()).toEqual(sent);
    expect(s.triggers().find((x) => x.handler === 'monthlyDebtorsTrigger')?.runs).toBe(1);
    await s.close();
  });

  it('never overwrites an .eml file after a restart: the numbering goes on', { timeout: 180_000 }, async () => {
    const dir = copyOfDemo();
    // Files an earlier run left in the outbox.
    mkdirSync(path.join(dir, 'outbox'));
    const earlier = { '20251201T040000-0001.eml': 'first', '20251201T040000-0007.eml': 'seventh' };
    for (const [n, text] of Object.entries(earlier)) writeFileSync(path.join(dir, 'outbox', n), text);
    let s = await open(dir);
    await s.runMenu('turnOnMonthlyEmails');
    await s.advance(new Date('2025-12-01T12:00:00+05:00'));
    const count = s.rt.mail.outbox.length;
    expect(count).toBeGreaterThan(0);
    const first = emls(s);
    expect(first).toHaveLength(count + 2);
    expect(first.filter((n) => !(n in earlier)).every((n) => Number(/-(\d+)\.eml$/.exec(n)?.[1]) > 7)).toBe(true);
    const contents = new Map(first.map((n) => [n, readFileSync(path.join(s.outboxDir, n), 'utf8')]));
    await s.close();

    s = await open(dir);
    await s.advance(new Date('2026-01-05T12:00:00+05:00'));
    const more = s.rt.mail.outbox.length - count;
    expect(more).toBeGreaterThan(0);
    const after = emls(s);
    expect(after).toHaveLength(first.length + more);
    for (const [n, text] of contents) expect(readFileSync(path.join(s.outboxDir, n), 'utf8'), n).toBe(text);
    await s.close();
  });

  describe('on one session', () => {
    let s: Session;
    beforeAll(async () => {
      s = await open(copyOfDemo());
    }, 120_000);
    afterAll(async () => {
      await s?.close();
    });

    it('does not show again a confirmation the page already asked', { timeout: 60_000 }, async () => {
      const first = await s.runMenu('sendDebtorEmailsNow');
      expect(first.question).toMatchObject({ kind: 'alert', buttons: 'YES_NO' });
      const answered = await s.runMenu('sendDebtorEmailsNow', [{ button: 'NO' }]);
      expect(answered.question).toBeUndefined();
      const messages = answered.dialogs.map((d) => ('message' in d ? d.message : d.title));
      expect(messages).not.toContain(first.question?.message);
      // Nothing is left queued for the next action: it asks again.
      expect((await s.runMenu('sendDebtorEmailsNow')).question).toMatchObject({ buttons: 'YES_NO' });
    });

    it('asks OK/Cancel before an edit of a warning-only protected range, and edits only on OK', {
      timeout: 60_000,
    }, async () => {
      const sheet = s.sheet(LOANS)!;
      const header = sheet.displayAt(1, 2);
      const version = s.version;
      const asked = await s.edit(LOANS, 1, 2, 'Жаңа тақырып');
      expect(asked.question).toEqual(PROTECTED_WARNING);
      expect([sheet.displayAt(1, 2), s.version]).toEqual([header, version]);
      const cancelled = await s.edit(LOANS, 1, 2, 'Жаңа тақырып', [{ button: 'CANCEL' }]);
      expect(cancelled).toMatchObject({ cancelled: true });
      expect([sheet.displayAt(1, 2), s.version]).toEqual([header, version]);
      const ok = await s.edit(LOANS, 1, 2, 'Жаңа тақырып', [{ button: 'OK' }]);
      expect(ok).toMatchObject({ ok: true });
      expect(sheet.displayAt(1, 2)).toBe('Жаңа тақырып');
      expect(s.version).toBe(version + 1);
      await s.edit(LOANS, 1, 2, header, [{ button: 'OK' }]);
    });

    it('refuses edits outside the sheet or with a bad value without a new version or a save', async () => {
      await s.flush();
      const version = s.version;
      for (const [row, col] of [
        [2.5, 2],
        [Number.NaN, 2],
        [0, 1],
        [2, -1],
        [s.sheet(LOANS)!.maxRows + 1, 1],
      ]) {
        const r = await s.edit(LOANS, row, col, 'x');
        expect(r, `${row},${col}`).toMatchObject({ ok: false, invalid: true });
      }
      // A date column refuses what is not a date, as the sheet's validation says.
      const refused = await s.edit(LOANS, 2, 5, 'ертең');
      expect(refused.refused).toBeTruthy();
      expect([s.version, s.savedVersion, s.state().saving]).toEqual([version, version, false]);
    });

    it('runs onOpen on fresh menus when the sheet is reloaded', { timeout: 60_000 }, async () => {
      await s.runMenu('useRussian');
      await s.reopen();
      expect(s.rt.ui.menus.map((m) => m.caption)).toEqual([t('ru', 'menu.title')]);
      expect(s.menuFunctions().has('turnOnMonthlyEmails')).toBe(true);
      expect(s.menuFunctions().has('onEdit')).toBe(false);
      await s.runMenu('useKazakh');
      await s.reopen();
      expect(s.rt.ui.menus.map((m) => m.caption)).toEqual([t('kk', 'menu.title')]);
    });
  });
});
