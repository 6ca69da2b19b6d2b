/**
 * The librarian's guide (docs/guide/<lang>.md) kept true: in each language every menu item, every
 * sheet and every refusal the code throws is in it (the lists come from src/menu.ts, the catalogue's
 * sheet names and the `new LibraryError(...)` calls found in src/ — never from a copied list); every
 * section the in-product help opens exists under its catalogue title; every picture it shows exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { guideHeadings, inline, renderGuide } from '../../src/help/markdown';
import { GUIDE_CHAPTERS, HELP_SECTIONS, helpTitleKey, REFUSAL_SECTION } from '../../src/help/sections';
import { MENU, type MenuEntry } from '../../src/menu';
import { LANGS, type Lang, type MessageKey, messageKeys, t } from '../../src/messages';

const GUIDE_DIR = 'docs/guide';
const guide = (lang: Lang) => readFileSync(path.join(GUIDE_DIR, `${lang}.md`), 'utf8');
/** Line breaks and runs of spaces do not matter when looking for a phrase. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The text of section `id`: from its heading to the next heading of the same or a higher level. */
function sectionText(md: string, id: string): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.endsWith(`{#${id}}`));
  if (start < 0) return '';
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+\s/.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

function menuCaptions(entries: MenuEntry[]): MessageKey[] {
  return entries.flatMap((e) =>
    e.kind === 'item' ? [e.caption] : e.kind === 'submenu' ? [e.caption, ...menuCaptions(e.items)] : [],
  );
}

/** Every sheet the program names: the schema's, the reports' and the print sheets (`sheet.*`, `report.sheet.*`). */
const sheetNameKeys = () => messageKeys().filter((k) => /^(report\.)?sheet\.[A-Za-z]+$/.test(k)) as MessageKey[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'client' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The message keys of every `new LibraryError(...)` in src/: each string literal its first argument can be. */
function thrownRefusalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('LibraryError(')) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const literals = (node: ts.Node): string[] =>
      ts.isStringLiteralLike(node)
        ? [node.text]
        : ts.isConditionalExpression(node)
          ? [...literals(node.whenTrue), ...literals(node.whenFalse)]
          : ts.isParenthesizedExpression(node) || ts.isAsExpression(node)
            ? literals(node.expression)
            : [];
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'LibraryError' && node.arguments?.length) {
        const keys = literals(node.arguments[0]);
        if (keys.length === 0)
          throw new Error(`${file}: a LibraryError whose key is not a literal: ${node.getText(sf)}`);
        for (const k of keys) found.set(k, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** A message as the guide quotes it: each `{param}` written as "…". */
function quoted(lang: Lang, key: string): string {
  const template = t(lang, key as MessageKey);
  const params = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '…']));
  return flat(t(lang, key as MessageKey, params));
}

describe('the refusals and their help sections', () => {
  const thrown = thrownRefusalKeys();

  it('finds the refusals in the source (the search itself works)', () => {
    expect(thrown.size).toBeGreaterThan(50);
    expect(thrown.get('desk.error.unknownReader')).toMatch(/src\/desk\//);
    // Keys chosen by a condition are found on both sides.
    expect(thrown.has('fund.error.titleUnknown') && thrown.has('fund.error.needTitle')).toBe(true);
  });

  it('maps every refusal the code throws to a section of the guide, and nothing else', () => {
    const unmapped = [...thrown.keys()].filter((k) => !(k in REFUSAL_SECTION));
    expect(unmapped).toEqual([]);
    const stale = Object.keys(REFUSAL_SECTION).filter((k) => !thrown.has(k));
    expect(stale).toEqual([]);
    for (const section of Object.values(REFUSAL_SECTION)) expect(HELP_SECTIONS).toContain(section);
  });

  for (const lang of LANGS) {
    it(`${lang}: quotes every refusal in its section, so the librarian finds it by its words`, () => {
      const md = guide(lang);
      const missing = [...thrown.keys()].filter(
        (k) => !flat(sectionText(md, REFUSAL_SECTION[k])).includes(quoted(lang, k)),
      );
      expect(missing.map((k) => `${k} (${REFUSAL_SECTION[k]}): ${quoted(lang, k)}`)).toEqual([]);
    });
  }
});

describe.each(LANGS)('the %s guide', (lang) => {
  const md = guide(lang);
  const text = flat(md);

  it('has every section the help opens, once, under its catalogue title, in the same order as the others', () => {
    const headings = guideHeadings(md).filter((h) => h.id);
    expect(headings.map((h) => h.id)).toEqual(
      guideHeadings(guide('en'))
        .filter((h) => h.id)
        .map((h) => h.id),
    );
    for (const id of HELP_SECTIONS) {
      const found = headings.filter((h) => h.id === id);
      expect(found, id).toHaveLength(1);
      expect(found[0].title, id).toBe(t(lang, helpTitleKey(id)));
    }
    expect(headings.every((h) => (HELP_SECTIONS as readonly string[]).includes(h.id))).toBe(true);
  });

  it('names every item of the Library menu as the menu shows it', () => {
    const missing = menuCaptions(MENU)
      .map((k) => t(lang, k))
      .filter((caption) => !text.includes(caption));
    expect(missing).toEqual([]);
  });

  it('names every sheet', () => {
    const keys = sheetNameKeys();
    expect(keys.length).toBeGreaterThan(25);
    expect(keys.map((k) => t(lang, k)).filter((name) => !text.includes(name))).toEqual([]);
  });

  it('shows a picture in each chapter, in its own language, and every picture it shows exists', () => {
    const pictures = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    for (const p of pictures) expect(existsSync(path.join(GUIDE_DIR, p)), p).toBe(true);
    for (const id of GUIDE_CHAPTERS) {
      expect(sectionText(md, id), id).toContain(`](pictures/${lang}/${id}.png)`);
    }
  });

  it('links only to sections that exist', () => {
    const ids = new Set(guideHeadings(md).map((h) => h.id));
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((l) => !ids.has(l))).toEqual([]);
  });

  it('renders to HTML with an element for every section the help opens', () => {
    const html = renderGuide(md);
    for (const id of HELP_SECTIONS) expect(html).toContain(` id="${id}"`);
    expect(html).not.toContain('{#');
    expect(html).not.toContain('![');
    // Every emphasis was read as such: no asterisk is left in the text (code spans aside).
    expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toContain('*');
  });
});

describe('the guide as HTML', () => {
  it('escapes whatever the text holds and keeps only its own small markup', () => {
    const html = renderGuide(
      '## <b>Title</b> {#desk}\n\nA <script>alert(1)</script> & "quote" with **bold**, *it*, `=1+1` and [a link](#fund).\n\n- one\n  more\n- <img src=x onerror=alert(1)>\n\n![picture](pictures/en/desk.png)\n\n| a | b |\n|---|---|\n| <i>c</i> | d |',
    );
    expect(html).toContain('<h2 id="desk">&lt;b&gt;Title&lt;/b&gt;</h2>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quote&quot;');
    expect(html).toContain('<strong>bold</strong>, <em>it</em>, <code>=1+1</code>');
    expect(html).toContain('<a href="#fund" data-section="fund">a link</a>');
    expect(html).toContain('<ul><li>one more</li><li>&lt;img src=x onerror=alert(1)&gt;</li></ul>');
    expect(html).toContain(
      '<table><tr><th>a</th><th>b</th></tr><tr><td>&lt;i&gt;c&lt;/i&gt;</td><td>d</td></tr></table>',
    );
    expect(html).not.toContain('pictures/');
    expect(html).not.toMatch(/<(script|img|b|i)[\s>]/);
  });

  it('leaves an asterisk that is not emphasis, and a link elsewhere as its text', () => {
    expect(inline('2 * 3 = 6')).toBe('2 * 3 = 6');
    expect(inline('see [the docs](https://example.org)')).toBe('see the docs');
  });
});
