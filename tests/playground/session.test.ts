/**
 * A playground session in this process: what a restart keeps (triggers, properties, the outbox, as
 * Apps Script keeps them outside the workbook) and where it keeps them (the state file beside the
 * workbook, never the .xlsx a librarian shares), the move out of an older playground's workbook, the
 * dialogs of an action and of a protected edit, refused edits, and the .eml files of the outbox.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTECTED_WARNING, Session } from '../../playground/session';
import { t } from '../../src/messages';
import { copyDemoInto, TEST_DEMO, tempDir, testDemo, zipParts } from './support';

const LOANS = t('kk', 'sheet.loans');
const open = (dataDir: string) =>
  Session.open({ dataDir, bundle: 'build/Code.js', demo: TEST_DEMO }).then((o) => o.session);
const emls = (s: Session) =>
  readdirSync(s.outboxDir)
    .filter((n) => n.endsWith('.eml'))
    .sort();

/** How the Description block of older playgrounds began (they kept the outbox there). */
const META_MARK = 'school-library-playground:';

/** The demo's pupils named in the e-mails a session sent. */
const pupilsIn = (mails: Array<{ body: string }>) =>
  testDemo()
    .readers.filter((r) => r.category === 'pupil' && mails.some((m) => m.body.includes(r.name)))
    .map((r) => r.name);

/**
 * What anyone who gets the .xlsx reads besides the sheets: its document properties, as the XML parts
 * docProps/*.xml hold them and as exceljs (LibreOffice, Excel, a Sheets import) reads them.
 */
async function documentProperties(file: string): Promise<{ xml: string[]; fields: Record<string, unknown> }> {
  const xml = [...zipParts(readFileSync(file))].filter(([n]) => n.startsWith('docProps/')).map(([, b]) => String(b));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const { creator, lastModifiedBy, title, subject, keywords, category, description, company, manager } = wb;
  return {
    xml,
    fields: { creator, lastModifiedBy, title, subject, keywords, category, description, company, manager },
  };
}

/** The state file as JSON. */
const stateOf = (s: Session) =>
  JSON.parse(readFileSync(s.stateFile, 'utf8')) as {
    clock: string;
    runtime: { outbox: Array<{ subject: string; body: string }>; triggers: Array<{ handler: string }> };
  };

describe('a playground session', () => {
  const dirs: string[] = [];
  /** The demo workbook with its state file, created once and copied for each test that needs its own. */
  let demo: string;
  const copyOfDemo = () => {
    const dir = tempDir('playground-session');
    dirs.push(dir);
    for (const n of ['library.xlsx', 'library.state.json'])
      if (existsSync(path.join(demo, n))) cpSync(path.join(demo, n), path.join(dir, n));
    return dir;
  };

  beforeAll(async () => {
    demo = tempDir('playground-demo');
    dirs.push(demo);
    // The run's demo workbook when the global setup made one, else this test's own.
    if (!copyDemoInto(demo)) await (await open(demo)).close();
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

  it('keeps the e-mails sent (pupils’ names), the triggers and the properties in the state file, not in the .xlsx', {
    timeout: 180_000,
  }, async () => {
    const dir = copyOfDemo();
    const s = await open(dir);
    expect((await s.runMenu('sendDebtorEmailsNow', [{ button: 'YES' }])).ok).toBe(true);
    expect((await s.runMenu('turnOnMonthlyEmails')).ok).toBe(true);
    await s.flush();
    const sent = s.outbox();
    const pupils = pupilsIn(sent);
    expect(pupils.length).toBeGreaterThan(5);
    const recipients = sent.flatMap((m) => m.to);
    const props = Object.entries(s.rt.properties.dump('script'));
    expect(props.length).toBeGreaterThan(0);
    await s.close();

    const { xml, fields } = await documentProperties(path.join(dir, 'library.xlsx'));
    expect(xml.join('')).toMatch(/<dc:title>/);
    const everything = [...xml, JSON.stringify(fields)].join('\n');
    for (const name of pupils) expect(everything, name).not.toContain(name);
    for (const address of recipients) expect(everything, address).not.toContain(address);
    for (const [key] of props) expect(everything, key).not.toContain(key);
    expect(everything).not.toContain('monthlyDebtorsTrigger');
    expect(everything).not.toContain(META_MARK);
    expect(fields.description ?? '').toBe('');

    // Beside the workbook, in the data folder: the outbox, the triggers, the clock.
    expect(path.dirname(s.stateFile)).toBe(dir);
    const state = stateOf(s);
    expect(state.runtime.outbox.map((m) => [m.subject, m.body])).toEqual(sent.map((m) => [m.subject, m.body]));
    expect(state.runtime.triggers.map((x) => x.handler)).toEqual(['onLibraryChange', 'monthlyDebtorsTrigger']);
    expect(state.clock).toBe(s.rt.clock.now().toISOString());
  });

  it('opens a workbook of an older playground with its triggers, properties and e-mails, and clears its Description', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir('playground-legacy');
    dirs.push(dir);
    const file = path.join(dir, 'library.xlsx');
    cpSync('tests/fixtures/legacy-playground/library.xlsx', file);
    expect((await documentProperties(file)).fields.description).toMatch(new RegExp(`^${META_MARK}`));

    let s = await open(dir);
    const check = () => {
      expect(s.exact).toBe(true);
      expect(s.rt.clock.now().toISOString()).toBe('2025-12-01T07:00:00.000Z');
      expect(s.triggers().map((x) => [x.handler, x.runs])).toEqual([['monthlyDebtorsTrigger', 1]]);
      expect(s.rt.properties.dump('script')).toEqual({
        'library.trigger.monthly': '{"day":1,"hour":9,"user":"library@lyceum92.kz"}',
      });
      // The older workbook's document property is kept (the library adds its saved layout beside it).
      expect(s.rt.properties.dump('document')).toMatchObject({ setupLanguage: 'kk' });
      expect(s.outbox().map((m) => m.to)).toEqual([['g.seyitova@lyceum92.kz'], ['d.aliev@lyceum92.kz']]);
    };
    check();
    const sent = s.outbox();
    const pupils = pupilsIn(sent);
    expect(pupils.length).toBeGreaterThan(2);
    // Moved at once: the session saves on open.
    await s.flush();
    await s.close();
    const { xml, fields } = await documentProperties(file);
    expect(fields.description ?? '').toBe('');
    for (const name of pupils) expect(xml.join(''), name).not.toContain(name);
    expect(existsSync(s.stateFile)).toBe(true);
    expect(stateOf(s).runtime.outbox.map((m) => m.body)).toEqual(sent.map((m) => m.body));

    // The next start reads them from the state file.
    s = await open(dir);
    check();
    expect(s.outbox()).toEqual(sent);
    await s.close();
  });

  it('keeps the spreadsheets the script created (the library’s archive) over a restart, in the state file', {
    timeout: 120_000,
  }, async () => {
    const dir = copyOfDemo();
    let s = await open(dir);
    const app = s.rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const archive = app.create('Кітапхана мұрағаты');
    archive
      .getSheets()[0]
      .getRange('A1:B1')
      .setValues([['Т001', 'мұрағаттағы жол 7']]);
    const id = archive.getId();
    await s.advance(new Date(s.rt.clock.nowMillis() + 60_000));
    await s.close();
    expect(stateOf(s).runtime).toHaveProperty('spreadsheets');

    s = await open(dir);
    const again = (s.rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(id);
    expect(again.getName()).toBe('Кітапхана мұрағаты');
    expect(again.getSheets()[0].getRange('A1:B1').getValues()).toEqual([['Т001', 'мұрағаттағы жол 7']]);
    // Beside the workbook, never inside the .xlsx a librarian shares.
    const parts = [...zipParts(readFileSync(path.join(dir, 'library.xlsx')))].map(([, b]) => String(b));
    expect(parts.join('')).not.toContain('мұрағаттағы жол 7');
    expect(readFileSync(s.stateFile, 'utf8')).toContain('мұрағаттағы жол 7');
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

    it('refuses edits outside the sheet or with a bad value without a new version or a save', {
      timeout: 60_000,
    }, async () => {
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
