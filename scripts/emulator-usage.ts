/**
 * Which methods of the emulator the built bundle calls, and which nothing calls: the list the next
 * step needs to make the uncalled ones throw "not emulated" (so no test leans on an unverified model).
 *
 * Both sides are read statically, by the TypeScript compiler:
 * - The emulator's methods are the service calls it counts: every `counters.call('Class.method')`,
 *   and every call of a counting helper (`this.k('getValues')`, `c('put')`, `guard('alert')`: a
 *   function that counts `Class.${its parameter}`, directly or through another helper) with a literal.
 * - The bundle's calls are the property names build/Code.js reads (`x.getValues`, `x['getValues']`),
 *   split by the module they sit in (esbuild marks each with a `// src/...` line): the product, and
 *   the conformance suite (src/diagnostics/). The bundle has no types, so a name matches the method of
 *   every class that has it (`getName` is Sheet's, Spreadsheet's, Blob's…): the list errs on the side
 *   of "called". Members of the service globals are matched exactly (`MailApp.getRemainingDailyQuota`),
 *   as scripts/scopes.ts resolves them.
 *
 * Not counted here: what tests and the playground call on the emulator's objects themselves (a test's
 * `sheet.getLastRow()`, the playground's sheet views); the step that makes methods throw must keep
 * those working for them (or move them to the uncounted peek* helpers).
 *
 * Usage: `npm run emulator-usage` (builds first), or `npx tsx scripts/emulator-usage.ts [--json] [bundle]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { freeReferences } from './check-bundle';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The service globals the runtime hands the bundle: their members are matched by name and owner. */
const GLOBALS = new Set([
  'SpreadsheetApp',
  'MailApp',
  'CalendarApp',
  'ScriptApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'Logger',
  'console',
  'HtmlService',
  // The Sheets advanced service: its methods sit deeper (Sheets.Spreadsheets.Values.batchGet).
  'Sheets',
]);

export interface EmulatorMethod {
  /** As the runtime counts it: "Range.getValues". */
  name: string;
  /** Where the emulator counts it: "emulator/range.ts:123". */
  at: string;
}

type FunctionNode = ts.FunctionLikeDeclaration;

const isCountersCall = (call: ts.CallExpression): boolean =>
  ts.isPropertyAccessExpression(call.expression) &&
  call.expression.name.text === 'call' &&
  /(^|\.)counters$/.test(call.expression.expression.getText());

/** The parameter names of a function. */
const paramNames = (fn: FunctionNode): string[] =>
  fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : []));

/** The function a call's callee is declared as (through `const c = (m) => …` and methods). */
function calleeFunction(checker: ts.TypeChecker, call: ts.CallExpression): FunctionNode | null {
  const callee = call.expression;
  const id = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : null;
  if (!id) return null;
  let symbol = checker.getSymbolAtLocation(id);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const d of symbol?.declarations ?? []) {
    if (ts.isFunctionLike(d) && 'body' in d) return d as FunctionNode;
    if (ts.isVariableDeclaration(d) && d.initializer && ts.isFunctionLike(d.initializer))
      return d.initializer as FunctionNode;
  }
  return null;
}

/** The nearest function around `node` that has a parameter `name`. */
function functionWithParam(node: ts.Node, name: string): FunctionNode | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (paramNames(fn).includes(name)) return fn;
  return null;
}

function enclosingFunction(node: ts.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) && 'body' in n) return n as FunctionNode;
  return null;
}

/** Every method the emulator counts, with where it counts it. */
export function emulatorMethods(dir = path.join(root, 'emulator')): EmulatorMethod[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
  // Names are resolved within the emulator's own files: no library or Node types are needed (and the
  // program is built in a second instead of ten).
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noLib: true,
    types: [],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const calls: ts.CallExpression[] = [];
  for (const file of program.getSourceFiles()) {
    if (!files.includes(path.resolve(file.fileName))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) calls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  // Helpers: functions that count `Prefix.${param}` (their own, or a closure's: `consoleLevel(level)`
  // returns the counting function), directly or by passing a parameter to a helper.
  const helpers = new Map<FunctionNode, string>();
  for (const call of calls) {
    const arg = call.arguments[0];
    if (!isCountersCall(call) || !arg || !ts.isTemplateExpression(arg) || arg.templateSpans.length !== 1) continue;
    const span = arg.templateSpans[0];
    if (span.literal.text !== '' || !ts.isIdentifier(span.expression)) continue;
    const fn = functionWithParam(call, span.expression.text);
    if (fn) helpers.set(fn, arg.head.text);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const call of calls) {
      const target = calleeFunction(checker, call);
      const arg = call.arguments[0];
      const prefix = target && helpers.get(target);
      const fn = prefix && arg && ts.isIdentifier(arg) ? functionWithParam(call, arg.text) : null;
      if (!fn || !prefix || helpers.has(fn)) continue;
      helpers.set(fn, prefix);
      grew = true;
    }
  }
  const found = new Map<string, string>();
  for (const call of calls) {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteralLike(arg)) continue;
    let name: string | null = null;
    if (isCountersCall(call) && /^[\w$]+(\.[\w$]+)+$/.test(arg.text)) name = arg.text;
    else {
      const target = calleeFunction(checker, call);
      const prefix = target && helpers.get(target);
      if (prefix) name = prefix + arg.text;
    }
    if (name && !found.has(name)) {
      const file = call.getSourceFile();
      const line = file.getLineAndCharacterOfPosition(call.getStart()).line + 1;
      found.set(name, `${path.relative(root, file.fileName)}:${line}`);
    }
  }
  return [...found].map(([name, at]) => ({ name, at })).sort((a, b) => a.name.localeCompare(b.name));
}

export interface BundleUsage {
  /** Property names read anywhere in a part of the bundle. */
  names: Set<string>;
  /** Members of the service globals, "MailApp.getRemainingDailyQuota". */
  globalMembers: Set<string>;
}

/** What a bundle reads, split into the product and the conformance suite (src/diagnostics/). */
export function bundleUsage(source: string): { product: BundleUsage; suite: BundleUsage } {
  const file = ts.createSourceFile('/bundle.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  // esbuild opens each module with a comment line naming its source file.
  const modules = [...source.matchAll(/^\s*\/\/ (src\/\S+)$/gm)].map((m) => ({ at: m.index ?? 0, file: m[1] }));
  const isSuite = (pos: number): boolean => {
    let file = '';
    for (const m of modules) if (m.at <= pos) file = m.file;
    return file.startsWith('src/diagnostics/');
  };
  const product: BundleUsage = { names: new Set(), globalMembers: new Set() };
  const suite: BundleUsage = { names: new Set(), globalMembers: new Set() };
  const visit = (n: ts.Node): void => {
    let name: string | null = null;
    if (ts.isPropertyAccessExpression(n)) name = n.name.text;
    else if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression))
      name = n.argumentExpression.text;
    if (name !== null) (isSuite(n.getStart()) ? suite : product).names.add(name);
    ts.forEachChild(n, visit);
  };
  visit(file);
  for (const id of freeReferences(source)) {
    if (!GLOBALS.has(id.text)) continue;
    // Every member along the chain: MailApp.sendEmail, Sheets.Spreadsheets.Values.batchGet.
    let chain = id.text;
    for (
      let p: ts.Node = id.parent, e: ts.Node = id;
      ts.isPropertyAccessExpression(p) && p.expression === e;
      e = p, p = p.parent
    ) {
      chain = `${chain}.${p.name.text}`;
      (isSuite(id.getStart()) ? suite : product).globalMembers.add(chain);
    }
  }
  return { product, suite };
}

function calledBy(method: string, usage: BundleUsage): boolean {
  const [cls, member] = method.split('.');
  return GLOBALS.has(cls) ? usage.globalMembers.has(method) : usage.names.has(member);
}

export interface UsageReport {
  methods: Array<EmulatorMethod & { product: boolean; suite: boolean }>;
  neverCalled: string[];
}

export function usageReport(source: string, methods = emulatorMethods()): UsageReport {
  const { product, suite } = bundleUsage(source);
  const rows = methods.map((m) => ({ ...m, product: calledBy(m.name, product), suite: calledBy(m.name, suite) }));
  return { methods: rows, neverCalled: rows.filter((r) => !r.product && !r.suite).map((r) => r.name) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const bundle = args.find((a) => !a.startsWith('--')) ?? path.join(root, 'build/Code.js');
  const report = usageReport(readFileSync(bundle, 'utf8'));
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const width = Math.max(...report.methods.map((m) => m.name.length));
    console.log(`${'emulator method'.padEnd(width)}  product  suite  counted at`);
    for (const m of report.methods) {
      console.log(
        `${m.name.padEnd(width)}  ${(m.product ? 'yes' : '-').padEnd(7)}  ${(m.suite ? 'yes' : '-').padEnd(5)}  ${m.at}`,
      );
    }
    const byClass = new Map<string, string[]>();
    for (const name of report.neverCalled) {
      const [cls, ...member] = name.split('.');
      byClass.set(cls, [...(byClass.get(cls) ?? []), member.join('.')]);
    }
    console.log(
      `\n${report.methods.length} emulator methods; the product calls ${report.methods.filter((m) => m.product).length}, ` +
        `the conformance suite ${report.methods.filter((m) => m.suite).length}; never called: ${report.neverCalled.length}`,
    );
    for (const [cls, members] of byClass) console.log(`  ${cls}: ${members.join(', ')}`);
  }
}
