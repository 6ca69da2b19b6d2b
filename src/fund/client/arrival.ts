/** The Arrival tab: a delivery's header and its lines, recorded in one call; then its labels. */

import { $, el, input, L, show } from '../../desk/client/ui';
import type { DeliveryLine } from '../arrivals';
import { failure } from './common';
import { server } from './server';

export function wireArrival(): void {
  const lines: DeliveryLine[] = [];
  const msg = $('a-msg');
  let lastRecord = '';
  const value = (id: string) => input(id).value.trim();

  function render(): void {
    const ul = $('a-lines');
    ul.innerHTML = '';
    lines.forEach((l, i) => {
      const what = l.title || l.titleId || l.isbn || '';
      const remove = el('button', { className: 'link', text: L['fund.f.remove'] });
      remove.addEventListener('click', () => {
        lines.splice(i, 1);
        render();
      });
      ul.appendChild(el('li', {}, [document.createTextNode(`${what} × ${l.copies}, ${l.price}`), remove]));
    });
  }

  $('a-add').addEventListener('click', () => {
    const code = value('a-code');
    const isbn = /^[\d\s-]{10,}[\dXx]?$/.test(code) ? code : '';
    lines.push({
      titleId: isbn ? '' : code,
      isbn,
      title: value('a-title'),
      author: value('a-author'),
      kind: (document.getElementById('a-kind') as HTMLSelectElement).value,
      year: value('a-year'),
      copies: value('a-copies'),
      price: value('a-price'),
      location: value('a-location'),
    });
    for (const id of ['a-code', 'a-title', 'a-author', 'a-year', 'a-price']) input(id).value = '';
    input('a-copies').value = '1';
    render();
    input('a-code').focus();
  });

  $('a-record').addEventListener('click', () => {
    server('fundRecordArrival', {
      date: value('a-date'),
      source: value('a-source'),
      document: value('a-document'),
      lines,
    }).then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      show(msg, 'ok', r.message);
      lastRecord = r.record;
      lines.length = 0;
      render();
      $('a-labels').classList.remove('hidden');
    }, failure(msg));
  });

  $('a-labels').addEventListener('click', () => {
    if (!lastRecord) return;
    server('fundPrintLabels', { record: lastRecord }).then(
      (r) => show(msg, r.ok ? 'ok' : 'err', r.message),
      failure(msg),
    );
  });
}
