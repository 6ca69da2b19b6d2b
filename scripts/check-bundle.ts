/**
 * Checks that a bundle is something Apps Script can load: a classic script (no `export`, `import` or
 * top-level `await`), that runs in an empty global scope, and that names none of the Node or browser
 * globals Apps Script lacks. Returns the problems found; an empty list means the bundle is fine.
 */
import vm from 'node:vm';
import ts from 'typescript';

/** Globals of Node or the browser that the Apps Script V8 runtime does not have. */
export const FORBIDDEN_GLOBALS = [
  'require',
  'module',
  'exports',
  'process',
  'Buffer',
  'global',
  '__dirname',
  '__filename',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'fetch',
  'XMLHttpRequest',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'atob',
  'btoa',
  'URL',
  'URLSearchParams',
  'window',
  'document',
  'navigator',
  'localStorage',
  'crypto',
  'performance',
];

export function checkBundle(source: string, fileName = 'Code.js'): string[] {
  const problems: string[] = [];
  try {
    new vm.Script(source, { filename: fileName });
  } catch (e) {
    problems.push(`not a classic script: ${(e as Error).message}`);
    return problems;
  }
  for (const name of freeGlobalsUsed(source).filter((n) => FORBIDDEN_GLOBALS.includes(n))) {
    problems.push(`uses "${name}", which Apps Script does not have`);
  }
  try {
    // Apps Script evaluates every file at load; nothing may touch a service or a missing global then.
    vm.runInContext(source, vm.createContext({}), { filename: fileName, timeout: 5000 });
  } catch (e) {
    problems.push(`fails when loaded in an empty global scope: ${(e as Error).message}`);
  }
  return problems;
}

/**
 * The identifiers a script reads that resolve to no declaration of its own, in any scope: the
 * TypeScript checker resolves each name, so a parameter called `fetch` in one function does not
 * hide a global `fetch()` called in another.
 */
const COMMONJS = new Set(['require', 'module', 'exports']);

export function freeGlobalsUsed(source: string): string[] {
  return [...new Set(freeReferences(source).map((id) => id.text))].sort();
}

/**
 * Every reference to a global the script does not declare, as the identifier node in the script's
 * syntax tree (scripts/scopes.ts reads what each one calls).
 */
export function freeReferences(source: string): ts.Identifier[] {
  const fileName = '/bundle.js';
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? file : undefined),
    writeFile: () => {},
    getDefaultLibFileName: () => 'lib.d.ts',
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (n) => n,
    getCurrentDirectory: () => '/',
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram([fileName], { allowJs: true, noLib: true, noResolve: true, types: [] }, host);
  const checker = program.getTypeChecker();
  const used: ts.Identifier[] = [];
  const commonJs: ts.Identifier[] = [];
  const declared = new Set<string>();
  /** The declaration a read of `id` resolves to, if any. `{ fetch }` reads the variable, not the property. */
  const resolves = (id: ts.Identifier) =>
    ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id
      ? !!checker.getShorthandAssignmentValueSymbol(id.parent)
      : !!checker.getSymbolAtLocation(id);
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isParameter(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }
    if (ts.isIdentifier(node) && isValueReference(node)) {
      // In a .js file the checker resolves CommonJS names itself; count them unless the script declares them.
      if (COMMONJS.has(node.text)) commonJs.push(node);
      else if (!resolves(node)) used.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...used, ...commonJs.filter((id) => !declared.has(id.text))].sort((a, b) => a.pos - b.pos);
}

function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return true;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id)
    return false;
  if ((ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isPropertySignature(p)) && p.name === id) return false;
  // `const { fetch: f } = o` reads the property `fetch` of `o`, not the global.
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isExportSpecifier(p) || ts.isImportSpecifier(p)) return false;
  return true;
}
