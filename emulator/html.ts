/**
 * HtmlService: HtmlOutput and HtmlTemplate with real scriptlets. `<? code ?>` runs statements,
 * `<?= expr ?>` prints HTML-escaped output (the real service escapes by context; here & < > " ' are
 * always entity-escaped), `<?!= expr ?>` prints raw. Template code sees the template's own assigned
 * properties first, then the bundle's globals (`getGlobals()`, so `include(...)` and friends work), then
 * the standard JavaScript globals. Files come from `${htmlDir}/${name}.html`; a missing file throws the
 * real "No HTML file named <name> was found.".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Env, GasException } from './core';
import { type EnumValue, makeEnum } from './enums';

export interface HtmlServiceOptions {
  /** Folder holding the project's .html files (default "build"). */
  htmlDir?: string;
  /** The bundle's global object, for template code (default: none). */
  getGlobals?: () => object;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface EmuHtmlOutput {
  append(addedContent: string): EmuHtmlOutput;
  appendUntrusted(addedContent: string): EmuHtmlOutput;
  clear(): EmuHtmlOutput;
  getContent(): string;
  setContent(content: string): EmuHtmlOutput;
  getTitle(): string;
  setTitle(title: string): EmuHtmlOutput;
  getWidth(): number | null;
  setWidth(width: number): EmuHtmlOutput;
  getHeight(): number | null;
  setHeight(height: number): EmuHtmlOutput;
  getFaviconUrl(): string | null;
  setFaviconUrl(url: string): EmuHtmlOutput;
  setSandboxMode(mode: unknown): EmuHtmlOutput;
  getSandboxMode(): string;
  setXFrameOptionsMode(mode: unknown): EmuHtmlOutput;
  getXFrameOptionsMode(): string;
  addMetaTag(name: string, content: string): EmuHtmlOutput;
  getMetaTags(): Array<{ getName(): string; getContent(): string }>;
  asTemplate(): EmuHtmlTemplate;
}

/** What the Ui reads of an HtmlOutput it shows: read by the service itself, so no script call is counted. */
export interface HtmlSurface {
  content: string;
  title: string;
  width: number | null;
  height: number | null;
}
const surfaces = new WeakMap<object, () => HtmlSurface>();

/** The surface of an HtmlOutput of this service (uncounted); null for any other object. */
export function htmlSurface(output: object): HtmlSurface | null {
  return surfaces.get(output)?.() ?? null;
}

export interface EmuHtmlTemplate {
  [property: string]: unknown;
  evaluate(): EmuHtmlOutput;
  getCode(): string;
  getCodeWithComments(): string;
  getRawContent(): string;
}

/** Compiles scriptlet HTML to the code getCode() shows: statements writing to `output._` / `output._$`. */
export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) parts.push(`output._ = ${JSON.stringify(source.slice(last, m.index))};`);
    const body = m[2].trim();
    if (m[1] === '=') parts.push(`output._$ = (${body});`);
    else if (m[1] === '!=') parts.push(`output._ = (${body});`);
    else parts.push(body.endsWith(';') || body.endsWith('}') || body.endsWith('{') ? body : `${body};`);
    last = re.lastIndex;
  }
  if (last < source.length) parts.push(`output._ = ${JSON.stringify(source.slice(last))};`);
  return parts.join('\n');
}

export function createHtmlService(env: Env, opts: HtmlServiceOptions = {}) {
  const htmlDir = opts.htmlDir ?? 'build';
  const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE'] as const);
  const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT'] as const);
  const created: EmuHtmlOutput[] = [];

  const readFile = (name: string): string => {
    const base = String(name).replace(/\.html$/, '');
    const file = join(htmlDir, `${base}.html`);
    if (!existsSync(file)) throw new GasException(`No HTML file named ${name} was found.`);
    return readFileSync(file, 'utf8');
  };

  const makeOutput = (initial = ''): EmuHtmlOutput => {
    let content = initial;
    let title = '';
    let width: number | null = null;
    let height: number | null = null;
    let favicon: string | null = null;
    let sandbox: EnumValue = SandboxMode.IFRAME;
    let xframe: EnumValue = XFrameOptionsMode.DEFAULT;
    const meta: Array<{ name: string; content: string }> = [];
    const c = (m: string) => env.counters.call(`HtmlOutput.${m}`);
    const out: EmuHtmlOutput = {
      append: (s) => {
        c('append');
        content += String(s);
        return out;
      },
      appendUntrusted: (s) => {
        c('appendUntrusted');
        content += escapeHtml(String(s));
        return out;
      },
      clear: () => {
        c('clear');
        content = '';
        return out;
      },
      getContent: () => {
        c('getContent');
        return content;
      },
      setContent: (s) => {
        c('setContent');
        content = String(s);
        return out;
      },
      getTitle: () => {
        c('getTitle');
        return title;
      },
      setTitle: (t) => {
        c('setTitle');
        title = String(t);
        return out;
      },
      getWidth: () => {
        c('getWidth');
        return width;
      },
      setWidth: (w) => {
        c('setWidth');
        width = Number(w);
        return out;
      },
      getHeight: () => {
        c('getHeight');
        return height;
      },
      setHeight: (h) => {
        c('setHeight');
        height = Number(h);
        return out;
      },
      getFaviconUrl: () => {
        c('getFaviconUrl');
        return favicon;
      },
      setFaviconUrl: (u) => {
        c('setFaviconUrl');
        favicon = String(u);
        return out;
      },
      setSandboxMode: (m) => {
        c('setSandboxMode');
        sandbox = m as EnumValue;
        return out;
      },
      getSandboxMode: () => String(sandbox),
      setXFrameOptionsMode: (m) => {
        c('setXFrameOptionsMode');
        xframe = m as EnumValue;
        return out;
      },
      getXFrameOptionsMode: () => String(xframe),
      addMetaTag: (name, value) => {
        c('addMetaTag');
        meta.push({ name: String(name), content: String(value) });
        return out;
      },
      getMetaTags: () => {
        c('getMetaTags');
        return meta.map((m) => ({ getName: () => m.name, getContent: () => m.content }));
      },
      asTemplate: () => {
        c('asTemplate');
        return makeTemplate(content);
      },
    };
    surfaces.set(out, () => ({ content, title, width, height }));
    created.push(out);
    return out;
  };

  const makeTemplate = (source: string): EmuHtmlTemplate => {
    const template = {} as EmuHtmlTemplate;
    const code = compileTemplate(source);
    const hidden = (name: string, fn: unknown) =>
      Object.defineProperty(template, name, { value: fn, enumerable: false, writable: true });
    hidden('getCode', () => {
      env.counters.call('HtmlTemplate.getCode');
      return code;
    });
    hidden('getCodeWithComments', () => {
      env.counters.call('HtmlTemplate.getCodeWithComments');
      return code;
    });
    hidden('getRawContent', () => {
      env.counters.call('HtmlTemplate.getRawContent');
      return source;
    });
    hidden('evaluate', () => {
      env.counters.call('HtmlTemplate.evaluate');
      let html = '';
      const output = {
        set _(v: unknown) {
          html += v === undefined || v === null ? '' : String(v);
        },
        set _$(v: unknown) {
          html += v === undefined || v === null ? '' : escapeHtml(String(v));
        },
      };
      const globals = (opts.getGlobals?.() ?? {}) as Record<string | symbol, unknown>;
      const own = (k: string | symbol) =>
        typeof k === 'string' && Object.prototype.propertyIsEnumerable.call(template, k);
      const scope = new Proxy(Object.create(null) as Record<string | symbol, unknown>, {
        has: (_t, k) => k !== Symbol.unscopables && (own(k) || (typeof k === 'string' && k in globals)),
        get: (_t, k) => {
          if (k === Symbol.unscopables) return undefined;
          return own(k) ? template[k as string] : globals[k];
        },
        set: (_t, k, v) => {
          if (own(k)) template[k as string] = v;
          else globals[k] = v;
          return true;
        },
      });
      // Sloppy-mode function so `with` can put the template's names and the bundle's globals in scope.
      const run = new Function('__scope', 'output', `with (__scope) {\n${code}\n}`) as (s: unknown, o: unknown) => void;
      run(scope, output);
      return makeOutput(html);
    });
    return template;
  };

  const HtmlService = {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutput(html?: unknown): EmuHtmlOutput {
      env.counters.call('HtmlService.createHtmlOutput');
      if (html && typeof (html as EmuHtmlTemplate).evaluate === 'function') return (html as EmuHtmlTemplate).evaluate();
      if (html && typeof (html as { getDataAsString?: unknown }).getDataAsString === 'function')
        return makeOutput((html as { getDataAsString(): string }).getDataAsString());
      return makeOutput(html === undefined || html === null ? '' : String(html));
    },
    createHtmlOutputFromFile(filename: string): EmuHtmlOutput {
      env.counters.call('HtmlService.createHtmlOutputFromFile');
      return makeOutput(readFile(filename));
    },
    createTemplate(html: unknown): EmuHtmlTemplate {
      env.counters.call('HtmlService.createTemplate');
      const src =
        html && typeof (html as { getDataAsString?: unknown }).getDataAsString === 'function'
          ? (html as { getDataAsString(): string }).getDataAsString()
          : String(html ?? '');
      return makeTemplate(src);
    },
    createTemplateFromFile(filename: string): EmuHtmlTemplate {
      env.counters.call('HtmlService.createTemplateFromFile');
      return makeTemplate(readFile(filename));
    },
  };

  return {
    HtmlService,
    /** Every HtmlOutput made, in order (the playground shows the last one). */
    created,
  };
}
