/**
 * The OAuth scopes a bundle needs, derived from the Apps Script services it calls: every reference
 * to a service global the bundle does not declare itself (found by the TypeScript checker, as
 * check-bundle.ts finds Node globals), followed along its member calls (`Session.getActiveUser()
 * .getEmail()` is the call `Session.getActiveUser.getEmail`), and mapped to a scope by the table
 * below. A call the table does not know is reported, never guessed: whoever adds a service call
 * decides here which scope it needs (or none), and the manifest must then ask for exactly those.
 */
import ts from 'typescript';
import { freeReferences } from './check-bundle';

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  spreadsheetsCurrentOnly: `${AUTH}spreadsheets.currentonly`,
  spreadsheets: `${AUTH}spreadsheets`,
  containerUi: `${AUTH}script.container.ui`,
  sendMail: `${AUTH}script.send_mail`,
  scriptApp: `${AUTH}script.scriptapp`,
  calendar: `${AUTH}calendar`,
  userEmail: `${AUTH}userinfo.email`,
  drive: `${AUTH}drive`,
  driveReadonly: `${AUTH}drive.readonly`,
  gmail: 'https://mail.google.com/',
  externalRequest: `${AUTH}script.external_request`,
  documentsCurrentOnly: `${AUTH}documents.currentonly`,
  documents: `${AUTH}documents`,
} as const;

/**
 * The scope each call needs (null: none), by the call's leading members. The longest key that
 * begins the call decides; a call no key begins is unknown. Members named with a capital (enums
 * such as SpreadsheetApp.ProtectionType) need nothing.
 */
export const SCOPE_OF_CALL: Record<string, string | null> = {
  // The bound workbook only: never another spreadsheet.
  'SpreadsheetApp.getActiveSpreadsheet': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getActive': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getActiveSheet': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getActiveRange': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getActiveRangeList': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getCurrentCell': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.getSelection': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.setActiveSheet': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.setActiveRange': SCOPES.spreadsheetsCurrentOnly,
  'SpreadsheetApp.flush': SCOPES.spreadsheetsCurrentOnly,
  // Other spreadsheets: the broad scope the manifest must never need.
  'SpreadsheetApp.open': SCOPES.spreadsheets,
  'SpreadsheetApp.openById': SCOPES.spreadsheets,
  'SpreadsheetApp.openByUrl': SCOPES.spreadsheets,
  'SpreadsheetApp.create': SCOPES.spreadsheets,
  // The Sheets advanced service (Sheets API v4) reads this workbook by its id: the API knows no
  // "current only", so it needs the spreadsheets scope.
  'Sheets.Spreadsheets': SCOPES.spreadsheets,
  // Builders: values until a range takes them.
  'SpreadsheetApp.newDataValidation': null,
  'SpreadsheetApp.newRichTextValue': null,
  'SpreadsheetApp.newTextStyle': null,
  'SpreadsheetApp.newConditionalFormatRule': null,
  'SpreadsheetApp.newColor': null,
  'SpreadsheetApp.newFilterCriteria': null,
  // Menus, alerts, prompts, dialogs and sidebars of the container.
  'SpreadsheetApp.getUi': SCOPES.containerUi,
  HtmlService: SCOPES.containerUi,
  Browser: SCOPES.containerUi,
  // Mail: sending only (no access to the mailbox); the quota is part of sending.
  MailApp: SCOPES.sendMail,
  GmailApp: SCOPES.gmail,
  // Installable triggers.
  'ScriptApp.newTrigger': SCOPES.scriptApp,
  'ScriptApp.getProjectTriggers': SCOPES.scriptApp,
  'ScriptApp.getUserTriggers': SCOPES.scriptApp,
  'ScriptApp.getScriptTriggers': SCOPES.scriptApp,
  'ScriptApp.deleteTrigger': SCOPES.scriptApp,
  CalendarApp: SCOPES.calendar,
  // Finding the archive spreadsheet a stopped rollover created before it could save its id (by name).
  'DriveApp.getFilesByName': SCOPES.driveReadonly,
  // Who is at the keyboard (the audit log): the e-mail address needs userinfo.email.
  'Session.getActiveUser.getEmail': SCOPES.userEmail,
  'Session.getEffectiveUser.getEmail': SCOPES.userEmail,
  'Session.getScriptTimeZone': null,
  'Session.getActiveUserLocale': null,
  'Session.getTemporaryActiveUserKey': null,
  PropertiesService: null,
  LockService: null,
  CacheService: null,
  Utilities: null,
  Logger: null,
  console: null,
  DriveApp: SCOPES.drive,
  UrlFetchApp: SCOPES.externalRequest,
  'DocumentApp.getActiveDocument': SCOPES.documentsCurrentOnly,
  'DocumentApp.openById': SCOPES.documents,
  'DocumentApp.openByUrl': SCOPES.documents,
  'DocumentApp.create': SCOPES.documents,
};

/** The Apps Script globals whose calls are looked at: the table's services, and any `…App` or `…Service`. */
const SERVICES = new Set(Object.keys(SCOPE_OF_CALL).map((k) => k.split('.')[0]));
const isService = (name: string) => SERVICES.has(name) || /^[A-Z]\w*(App|Service)$/.test(name);

/** A service call: its leading members, e.g. ['Session', 'getActiveUser', 'getEmail']. */
function callOf(id: ts.Identifier): string[] {
  const chain = [id.text];
  let node: ts.Node = id;
  for (;;) {
    const p: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === node) chain.push(p.name.text);
    else if (!(ts.isCallExpression(p) && p.expression === node) && !ts.isParenthesizedExpression(p)) break;
    node = p;
  }
  return chain;
}

/**
 * The scope the call needs (null: none), and the call as far as the table looked at it
 * (`SpreadsheetApp.getUi`, `Session.getActiveUser.getEmail`); scope undefined when the table does
 * not know the call.
 */
export function scopeOfCall(call: string[]): { scope: string | null | undefined; name: string } {
  const name = (n: number) => call.slice(0, Math.max(n, 2)).join('.');
  // A key of two or more members first: an advanced service's resources are capitalised too
  // (Sheets.Spreadsheets.Values), and they are no enums.
  for (let n = call.length; n > 1; n--) {
    const key = call.slice(0, n).join('.');
    if (key in SCOPE_OF_CALL) return { scope: SCOPE_OF_CALL[key], name: name(n) };
  }
  if (call.length > 1 && /^[A-Z]/.test(call[1]) && SERVICES.has(call[0])) return { scope: null, name: name(2) };
  if (call[0] in SCOPE_OF_CALL) return { scope: SCOPE_OF_CALL[call[0]], name: name(1) };
  return { scope: undefined, name: call.slice(0, 3).join('.') };
}

export interface ScopeReport {
  /** Each scope needed, with the calls that need it (as `Service.member`). */
  scopes: Map<string, string[]>;
  /** Calls of a service the table does not know. */
  unknown: string[];
}

/** The scopes the Apps Script calls of a bundle need. */
export function scopesNeeded(source: string): ScopeReport {
  const scopes = new Map<string, Set<string>>();
  const unknown = new Set<string>();
  for (const id of freeReferences(source)) {
    if (!isService(id.text) || ts.isTypeOfExpression(id.parent)) continue;
    const { scope, name } = scopeOfCall(callOf(id));
    if (scope === undefined) unknown.add(name);
    else if (scope !== null) {
      if (!scopes.has(scope)) scopes.set(scope, new Set());
      scopes.get(scope)?.add(name);
    }
  }
  return {
    scopes: new Map([...scopes].sort(([a], [b]) => a.localeCompare(b)).map(([s, calls]) => [s, [...calls].sort()])),
    unknown: [...unknown].sort(),
  };
}

/**
 * What is wrong with a manifest's oauthScopes for this bundle: a scope no call needs, a scope a call
 * needs and the manifest lacks, a call whose scope is unknown. An empty list: exactly the scopes
 * the bundle's calls need.
 */
/** A scope that grants all a narrower one does: the manifest asks for the broader one alone. */
export const BROADER: Record<string, string> = {
  [SCOPES.spreadsheetsCurrentOnly]: SCOPES.spreadsheets,
  [SCOPES.documentsCurrentOnly]: SCOPES.documents,
  [SCOPES.driveReadonly]: SCOPES.drive,
};

export function checkScopes(source: string, manifest: { oauthScopes?: string[] }): string[] {
  const needed = scopesNeeded(source);
  const unknown = needed.unknown;
  // A narrower scope the bundle needs is granted by the broader one it also needs (currentonly by spreadsheets).
  const scopes = new Map(needed.scopes);
  for (const [narrow, broad] of Object.entries(BROADER)) {
    const calls = scopes.get(narrow);
    if (calls && scopes.has(broad)) {
      scopes.delete(narrow);
      scopes.set(broad, [...(scopes.get(broad) ?? []), ...calls]);
    }
  }
  const asked = new Set(manifest.oauthScopes ?? []);
  const problems: string[] = [];
  for (const call of unknown)
    problems.push(`the bundle calls ${call}, which scripts/scopes.ts does not know: add the scope it needs (or null)`);
  for (const [scope, calls] of scopes)
    if (!asked.has(scope)) problems.push(`missing scope ${scope}, needed by ${calls.join(', ')}`);
  for (const scope of asked)
    if (!scopes.has(scope)) problems.push(`scope ${scope} is asked for, but no call of the bundle needs it`);
  return problems;
}
