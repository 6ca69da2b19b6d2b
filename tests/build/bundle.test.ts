import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entryExports } from '../../scripts/build';
import { checkBundle, freeGlobalsUsed } from '../../scripts/check-bundle';
import { checkScopes, SCOPES, scopesNeeded } from '../../scripts/scopes';

const code = readFileSync('build/Code.js', 'utf8');

function topLevelFunctions(source: string): string[] {
  const file = ts.createSourceFile('Code.js', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  return file.statements
    .filter(ts.isFunctionDeclaration)
    .map((f) => f.name!.text)
    .sort();
}

describe('the bundle check', () => {
  it('accepts the built bundle', () => {
    expect(checkBundle(code)).toEqual([]);
  });

  it('refuses a bundle with an ES module export', () => {
    const problems = checkBundle('function onOpen() {}\nexport { onOpen };');
    expect(problems.join('\n')).toMatch(/not a classic script/);
  });

  it('refuses a bundle with an import or a top-level await', () => {
    expect(checkBundle('import x from "y";').join()).toMatch(/not a classic script/);
    expect(checkBundle('await Promise.resolve(1);').join()).toMatch(/not a classic script/);
  });

  it('refuses require, even inside a function that only runs later', () => {
    const problems = checkBundle('function later() { return require("fs"); }');
    expect(problems).toEqual(['uses "require", which Apps Script does not have']);
  });

  it.each(['process', 'Buffer', 'setTimeout', 'fetch', 'TextEncoder', 'structuredClone'])(
    'refuses the Node/browser global %s',
    (name) => {
      expect(checkBundle(`function f() { return typeof ${name} === "undefined" ? 0 : ${name}; }`)).toContain(
        `uses "${name}", which Apps Script does not have`,
      );
    },
  );

  it('sees a global used in one function even when another function has a parameter of that name', () => {
    expect(freeGlobalsUsed('function a(fetch) { return fetch; }\nfunction b() { return fetch("x"); }')).toEqual([
      'fetch',
    ]);
  });

  it('does not mistake a property or a local of the same name for the global', () => {
    expect(
      freeGlobalsUsed('var o = { process: 1 }; o.fetch = 2; function g(setTimeout) { return setTimeout; }'),
    ).toEqual([]);
    // Destructuring reads the property `fetch` of `o`, and binds a local.
    expect(freeGlobalsUsed('function h(o) { const { fetch: f, Buffer } = o; return [f, Buffer]; }')).toEqual([]);
  });

  it('sees a global read in a shorthand property ({ fetch })', () => {
    expect(freeGlobalsUsed('function f() { return { fetch, process: 1 }; }')).toEqual(['fetch']);
  });

  it('refuses a bundle that touches a missing global while loading', () => {
    expect(checkBundle('var x = SpreadsheetApp.getActive();').join()).toMatch(
      /fails when loaded in an empty global scope/,
    );
  });
});

describe('the built bundle', () => {
  it('declares one top-level function per export of src/main.ts, and no other', async () => {
    const exports = await entryExports();
    expect(exports.length).toBeGreaterThan(3);
    expect(exports).toContain('onOpen');
    expect(topLevelFunctions(code)).toEqual(exports);
  });

  it('keeps the program in one iife global, so nothing else leaks to the Apps Script global scope', () => {
    const file = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
    const vars = file.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => s.declarationList.declarations.map((d) => (d.name as ts.Identifier).text));
    expect(vars).toEqual(['LibraryApp']);
  });

  it('ships the manifest and every HTML file of src/ beside Code.js', () => {
    const built = readdirSync('build')
      .filter((f) => !f.startsWith('.'))
      .sort();
    const html = readdirSync('src', { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.split('/').pop()!);
    expect(built).toEqual(['Code.js', 'appsscript.json', ...html].sort());
  });
});

describe('the manifest (appsscript.json)', () => {
  const manifest = JSON.parse(readFileSync('build/appsscript.json', 'utf8'));

  it('runs on V8 in the Asia/Almaty time zone', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Almaty');
  });

  it('asks for exactly the scopes the calls of the built bundle need', () => {
    expect(checkScopes(code, manifest)).toEqual([]);
    // Derived from Code.js, not copied: the services it calls, and the calls that need each scope.
    const { scopes, unknown } = scopesNeeded(code);
    expect(unknown).toEqual([]);
    expect(scopes.get(SCOPES.spreadsheetsCurrentOnly)).toContain('SpreadsheetApp.getActiveSpreadsheet');
    expect(scopes.get(SCOPES.sendMail)).toContain('MailApp.sendEmail');
    expect(scopes.get(SCOPES.userEmail)).toContain('Session.getActiveUser.getEmail');
    // The spreadsheets scope: the year-end rollover creates and opens the archive spreadsheet, and the
    // Sheets API (the advanced service, reading scattered rows in one request) knows no "current only".
    // It grants the bound spreadsheet too, so currentonly is not asked for besides. Never Drive, nor Gmail.
    expect(scopes.get(SCOPES.spreadsheets)).toEqual(
      expect.arrayContaining(['SpreadsheetApp.create', 'SpreadsheetApp.openById', 'Sheets.Spreadsheets']),
    );
    expect(scopes.get(SCOPES.driveReadonly)).toBeUndefined();
    expect(manifest.oauthScopes).toContain(SCOPES.spreadsheets);
    expect(manifest.oauthScopes).not.toContain(SCOPES.spreadsheetsCurrentOnly);
    expect(manifest.oauthScopes.join(' ')).not.toMatch(/auth\/drive|mail\.google/);
  });

  it('asks for calendar because the bundle calls CalendarApp, and refuses a manifest without it or with a scope no call needs', () => {
    expect(scopesNeeded(code).scopes.get(SCOPES.calendar)).toEqual(
      expect.arrayContaining(['CalendarApp.createCalendar', 'CalendarApp.getCalendarById']),
    );
    const without = { oauthScopes: manifest.oauthScopes.filter((s: string) => s !== SCOPES.calendar) };
    expect(checkScopes(code, without)).toEqual([
      expect.stringMatching(new RegExp(`^missing scope ${SCOPES.calendar}, needed by .*CalendarApp\\.createCalendar`)),
    ]);
    const withDrive = { oauthScopes: [...manifest.oauthScopes, SCOPES.drive] };
    expect(checkScopes(code, withDrive)).toEqual([
      `scope ${SCOPES.drive} is asked for, but no call of the bundle needs it`,
    ]);
  });

  it('refuses a manifest without the scope of a service the bundle calls (fixture: MailApp, no send_mail)', () => {
    const fixture = readFileSync('tests/fixtures/mail-bundle/Code.js', 'utf8');
    const fixtureManifest = JSON.parse(readFileSync('tests/fixtures/mail-bundle/appsscript.json', 'utf8'));
    expect(checkBundle(fixture)).toEqual([]);
    expect(checkScopes(fixture, fixtureManifest)).toEqual([
      `missing scope ${SCOPES.sendMail}, needed by MailApp.sendEmail`,
    ]);
    expect(checkScopes(fixture, { oauthScopes: [...fixtureManifest.oauthScopes, SCOPES.sendMail] })).toEqual([]);
  });

  it('names a service call it does not know instead of guessing its scope, and skips locals named as services', () => {
    expect(checkScopes('function f() { return ScriptApp.getService().getUrl(); }', { oauthScopes: [] })).toEqual([
      'the bundle calls ScriptApp.getService.getUrl, which scripts/scopes.ts does not know: add the scope it needs (or null)',
    ]);
    // A Session kept in a variable: which member is called later is not known here.
    expect(checkScopes('function f() { var s = Session; return s.getActiveUser().getEmail(); }', {})).toEqual([
      'the bundle calls Session, which scripts/scopes.ts does not know: add the scope it needs (or null)',
    ]);
    expect(scopesNeeded('function f(MailApp) { MailApp.sendEmail({}); }').scopes.size).toBe(0);
    expect(scopesNeeded('function f() { return SpreadsheetApp.ProtectionType.RANGE; }').scopes.size).toBe(0);
    expect([...scopesNeeded('function f() { SpreadsheetApp.openById("x"); }').scopes.keys()]).toEqual([
      SCOPES.spreadsheets,
    ]);
  });

  it('takes an advanced service for what it is: Sheets.Spreadsheets.Values needs the spreadsheets scope (no enum), typeof Sheets nothing', () => {
    const call =
      'function f(id) { if (typeof Sheets === "undefined") return null; return Sheets.Spreadsheets.Values.batchGet(id, {}); }';
    expect(scopesNeeded(call)).toEqual({
      scopes: new Map([[SCOPES.spreadsheets, ['Sheets.Spreadsheets']]]),
      unknown: [],
    });
    expect(scopesNeeded('function f() { return typeof Sheets; }').scopes.size).toBe(0);
    // The manifest enables the service the bundle calls, under the name the bundle calls it by.
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]);
    expect(code).toMatch(/Sheets\.Spreadsheets\.Values\.batchGet\(/);
  });
});

describe('clasp', () => {
  it('pushes exactly the built files (clasp status --json, offline)', () => {
    const out = execFileSync('npx', ['clasp', 'status', '--json'], { encoding: 'utf8', timeout: 60_000 });
    const status = JSON.parse(out.trim().split('\n').pop()!);
    const expected = readdirSync('build')
      .filter((f) => !f.startsWith('.'))
      .map((f) => `build/${f}`)
      .sort();
    expect([...status.filesToPush].sort()).toEqual(expected);
    expect(status.filesToPush).toContain('build/Code.js');
    expect(status.filesToPush).toContain('build/appsscript.json');
  });

  it('has rootDir build and a placeholder scriptId the README explains', () => {
    const clasp = JSON.parse(readFileSync('.clasp.json', 'utf8'));
    expect(clasp.rootDir).toBe('build');
    expect(readFileSync('README.md', 'utf8')).toContain(clasp.scriptId);
  });
});

describe('the sidebar page', () => {
  const html = readFileSync('build/Sidebar.html', 'utf8');

  it('carries its typed client code inlined as a script, with no marker left', () => {
    expect(html).not.toMatch(/<!-- client:/);
    expect(html).toMatch(/server\("deskIssue"/);
    // Every <script> closes where it should: nothing inside the client code ends it early.
    expect(html.match(/<script>/g)?.length).toBe(html.match(/<\/script>/g)?.length);
  });
});
