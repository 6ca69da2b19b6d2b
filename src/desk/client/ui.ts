/** Small helpers of the sidebar: labels, elements built with textContent (never HTML), messages. */
declare const BOOT: { lang: string; labels: Record<string, string> };

export const L = BOOT.labels;

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
export const input = (id: string) => $<HTMLInputElement>(id);

export function label(key: string, params: Record<string, string | number> = {}): string {
  let s = L[key] ?? key;
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function el(tag: string, props: Record<string, string> = {}, children: Node[] = []): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.appendChild(c);
  return e;
}

export type Kind = 'ok' | 'err' | 'warn' | '';

declare const google: { script: { run: { showHelp(section: string): void } } };

/** The guide's section of each refusal the server sent (its message → section), for the Help links. */
export const refusalHelp = new Map<string, string>();

/** A "Help" link that opens the guide at `section` in a dialog (the server's showHelp). */
export function helpLink(section: string): HTMLElement {
  const link = el('button', { className: 'link help', 'data-help': section, title: L['help.linkTitle'] ?? '' });
  link.textContent = L['help.link'] ?? '?';
  // The section is read at the click: a sidebar's own Help link follows its tab.
  link.addEventListener('click', () => google.script.run.showHelp(link.getAttribute('data-help') ?? section));
  return link;
}

/** A refusal's text with its Help link, when the server said which section explains it. */
function withHelp(box: HTMLElement, kind: Kind, text: string): void {
  const section = kind === 'err' ? refusalHelp.get(text) : undefined;
  if (!section) return;
  box.appendChild(document.createTextNode(' '));
  box.appendChild(helpLink(section));
}

export function show(box: HTMLElement, kind: Kind, text = ''): void {
  box.className = kind ? `msg ${kind}` : 'msg';
  box.textContent = text;
  withHelp(box, kind, text);
}

/**
 * The desk's messages: a burst of scans keeps every answer visible, the newest first, the last ten,
 * so nothing scrolls away unseen.
 */
export function say(kind: Exclude<Kind, ''>, text: string, extra: string[] = []): void {
  const list = $('messages');
  const item = el('li', { className: `msg ${kind}` }, [el('span', { text })]);
  withHelp(item, kind, text);
  for (const x of extra) item.appendChild(el('div', { className: 'extra', text: x }));
  list.insertBefore(item, list.firstChild);
  while (list.children.length > 10) list.removeChild(list.lastChild as Node);
}

export function clearMessages(): void {
  $('messages').innerHTML = '';
}
