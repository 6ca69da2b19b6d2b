/** What the Fund sidebar's tabs share: options of a select, the messages of a scan list. */
import { $, el, helpLink, L, refusalHelp } from '../../desk/client/ui';

/** Fills a select with codes, each shown by its label (`prefix + code`). */
export function fillSelect(id: string, codes: string[], prefix = ''): void {
  const sel = $(id);
  sel.innerHTML = '';
  for (const c of codes) sel.appendChild(el('option', { value: c, text: prefix ? (L[`${prefix}${c}`] ?? c) : c }));
}

/** A scan's answer at the top of a list, the newest first, the last ten kept. */
export function sayIn(listId: string, kind: 'ok' | 'err' | 'warn', text: string): void {
  const list = $(listId);
  const item = el('li', { className: `msg ${kind}`, text });
  const section = kind === 'err' ? refusalHelp.get(text) : undefined;
  if (section) {
    item.appendChild(document.createTextNode(' '));
    item.appendChild(helpLink(section));
  }
  list.insertBefore(item, list.firstChild);
  while (list.children.length > 10) list.removeChild(list.lastChild as Node);
}

export const failure = (box: HTMLElement) => (e: Error) => {
  box.className = 'msg err';
  box.textContent = e.message;
};
