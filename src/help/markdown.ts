/**
 * The guide's Markdown as HTML for the Help dialog: headings with their `{#id}`, paragraphs, lists,
 * simple tables, emphasis, code and links to other sections. Only this small subset is read, and
 * every piece of text is escaped first, so the guide can never put markup of its own into the page.
 * Pictures are left out: the dialog cannot load the repository's files (the guide on GitHub and in
 * docs/guide/ shows them).
 */
import { escapeHtml } from '../html';

export interface GuideHeading {
  id: string;
  level: number;
  title: string;
}

const HEADING = /^(#{1,3})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$/;
const IMAGE = /^!\[[^\]]*\]\([^)]*\)\s*$/;
const LIST_ITEM = /^(\s*)(?:([-*])|(\d+)\.)\s+(.*)$/;

/** The headings of a guide, with their ids (a heading without `{#id}` has the id ''). */
export function guideHeadings(md: string): GuideHeading[] {
  const out: GuideHeading[] = [];
  for (const line of md.split(/\r?\n/)) {
    const m = HEADING.exec(line);
    if (m) out.push({ level: m[1].length, title: m[2], id: m[3] ?? '' });
  }
  return out;
}

/** The table of contents: the guide's chapters (level-2 headings with an id), as links. */
export function guideContents(md: string): string {
  const items = guideHeadings(md)
    .filter((h) => h.level === 2 && h.id)
    .map((h) => `<li><a href="#${h.id}" data-section="${h.id}">${inline(h.title)}</a></li>`);
  return `<ol>${items.join('')}</ol>`;
}

/** `**bold**`, `*italic*`, `` `code` `` and `[text](#section)` inside escaped text. */
export function inline(text: string): string {
  const codes: string[] = [];
  let s = escapeHtml(text).replace(/`([^`]+)`/g, (_, c: string) => {
    codes.push(`<code>${c}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  s = s
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?![*\w])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(#([a-z0-9-]+)\)/g, '<a href="#$2" data-section="$2">$1</a>')
    // Links outside the guide: their text only (the dialog opens no other page).
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => codes[Number(i)]);
}

/** The guide as HTML: a heading with an id keeps it, so the dialog can open that section. */
export function renderGuide(md: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  let table: string[][] | null = null;

  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  const flushTable = () => {
    if (table) {
      const [head, ...body] = table.filter((r) => !r.every((c) => /^:?-+:?$/.test(c)));
      const row = (r: string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${inline(c)}</${tag}>`).join('')}</tr>`;
      out.push(`<table>${head ? row(head, 'th') : ''}${body.map((r) => row(r, 'td')).join('')}</table>`);
    }
    table = null;
  };
  const flush = () => {
    flushParagraph();
    flushList();
    flushTable();
  };

  for (const line of md.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1].length;
      const id = heading[3] ? ` id="${heading[3]}"` : '';
      out.push(`<h${level}${id}>${inline(heading[2])}</h${level}>`);
      continue;
    }
    if (line.trim() === '' || IMAGE.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flushParagraph();
      flushList();
      table ??= [];
      table.push(
        line
          .trim()
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim()),
      );
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      flushTable();
      const tag = item[2] ? 'ul' : 'ol';
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(item[4]);
      continue;
    }
    // A continuation line: of the list item above, or of the paragraph.
    if (list && /^\s+/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    flushTable();
    paragraph.push(line.trim());
  }
  flush();
  return out.join('\n');
}
