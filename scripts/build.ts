/**
 * Builds the Apps Script project into build/: the bundle Code.js, the manifest and the HTML files.
 *
 * Apps Script only calls top-level `function` declarations, so the bundle is an iife that keeps the
 * program private, followed by one generated stub per export of src/main.ts. The export names come
 * from an ESM pass of esbuild (its metafile lists them), so nobody keeps a list by hand.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { checkBundle } from './check-bundle';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/main.ts');
const outDir = path.join(root, 'build');
const GLOBAL_NAME = 'LibraryApp';
/** The librarian's guide (docs/guide/<lang>.md) is bundled as text: the Help dialog renders it. */
const LOADERS: Record<string, esbuild.Loader> = { '.md': 'text' };

export async function entryExports(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    loader: LOADERS,
    outdir: path.join(root, 'build/.esm'),
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return [...(output?.exports ?? [])].sort();
}

export function stubs(names: string[]): string {
  return names
    .map(
      (n) =>
        `/** Entry point: forwards to the bundled ${n}. */\n` +
        `function ${n}() {\n  return ${GLOBAL_NAME}.${n}.apply(this, arguments);\n}\n`,
    )
    .join('\n');
}

/** Client code marked `<!-- client: path.ts ... -->` in an HTML file is bundled and inlined as a script. */
const CLIENT_MARKER = /<!-- client: (\S+\.ts)[^>]*-->/g;

export async function inlineClients(html: string): Promise<string> {
  const scripts = new Map<string, string>();
  for (const [, file] of html.matchAll(CLIENT_MARKER)) {
    const out = await esbuild.build({
      entryPoints: [path.join(root, file)],
      bundle: true,
      format: 'iife',
      target: 'es2017',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    // esbuild escapes "</script" inside strings, so the code can sit in a <script> element.
    const code = out.outputFiles[0].text;
    // The page is an HtmlService template: "<?" in the code would be read as a scriptlet.
    if (code.includes('<?'))
      throw new Error(`${file}: the client code contains "<?", which HtmlService reads as a scriptlet`);
    scripts.set(file, code);
  }
  return html.replace(CLIENT_MARKER, (_, file: string) => `<script>\n${scripts.get(file)}</script>`);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return name.endsWith('.html') ? [p] : [];
  });
}

export async function build(): Promise<{ exports: string[]; files: string[] }> {
  const names = await entryExports();
  if (names.length === 0) throw new Error('src/main.ts exports no entry points');
  // build/ is replaced file by file, atomically, never emptied first: a test or the playground
  // reading it while another process builds sees the old file or the new one, never none.
  mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    loader: LOADERS,
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    banner: { js: '// Built by scripts/build.ts from src/; do not edit. Entry points are at the end.' },
  });
  const code = `${result.outputFiles[0].text}\n${stubs(names)}`;
  const problems = checkBundle(code);
  if (problems.length) throw new Error(`build/Code.js is not loadable by Apps Script:\n- ${problems.join('\n- ')}`);
  writeAtomically(path.join(outDir, 'Code.js'), code);
  writeAtomically(path.join(outDir, 'appsscript.json'), readFileSync(path.join(root, 'appsscript.json')));
  const files = ['appsscript.json', 'Code.js'];
  const seen = new Set<string>();
  for (const file of htmlFiles(path.join(root, 'src'))) {
    const name = path.basename(file);
    // Apps Script names HTML files without folders; two files with one name would overwrite each other.
    if (seen.has(name)) throw new Error(`two HTML files are named ${name}`);
    seen.add(name);
    writeAtomically(path.join(outDir, name), await inlineClients(readFileSync(file, 'utf8')));
    files.push(name);
  }
  for (const stale of readdirSync(outDir)) {
    if (!files.includes(stale) && !stale.startsWith('.')) rmSync(path.join(outDir, stale), { force: true });
  }
  return { exports: names, files };
}

/** Written beside build/ under a name clasp never pushes, then renamed into place. */
function writeAtomically(file: string, data: string | Buffer): void {
  const tmpDir = path.join(outDir, '.tmp');
  mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().then(
    ({ exports, files }) => console.log(`build/: ${files.join(', ')} (${exports.length} entry points)`),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
