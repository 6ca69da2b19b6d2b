/**
 * The Stocktake tab, made for a barcode scanner: each code and Enter is queued and sent in order (a
 * scanner is faster than the server), each answer stays in the list, newest first.
 */

import { $, input, L, label, show } from '../../desk/client/ui';
import type { StocktakeLists } from '../stocktake';
import { failure, sayIn } from './common';
import { server } from './server';

export function wireStocktake() {
  const msg = $('s-msg');
  const queue: string[] = [];
  let busy = false;
  let scanned = 0;
  let lastId = '';
  let missing: string[] = [];

  function state(open: { id: string; message: string } | null): void {
    $('s-open').classList.toggle('hidden', !!open);
    $('s-scan').classList.toggle('hidden', !open);
    $('s-state').textContent = open ? open.message : L['fund.s.none'];
    if (open) lastId = open.id;
  }

  function next(): void {
    const code = queue.shift();
    if (code === undefined) return;
    busy = true;
    server('fundStocktakeScan', code, input('s-section').value).then(
      (r) => {
        busy = false;
        if (!r.ok) sayIn('s-messages', 'err', r.message);
        else {
          scanned++;
          $('s-count').textContent = label('fund.s.scanned', { count: scanned });
          sayIn('s-messages', r.kind === 'found' ? 'ok' : r.kind === 'already' ? 'warn' : 'warn', r.message);
        }
        next();
      },
      (e: Error) => {
        busy = false;
        sayIn('s-messages', 'err', e.message);
        next();
      },
    );
  }

  function afterClose(lists: StocktakeLists): void {
    lastId = lists.id;
    missing = lists.missing.map((m) => m.inventory);
    $('s-after').classList.remove('hidden');
    $('s-writeoff').classList.toggle('hidden', missing.length === 0);
  }

  $('s-open').addEventListener('click', () => {
    server('fundStocktakeOpen').then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      show(msg, 'ok', r.message);
      state({ id: r.id, message: r.message });
      input('s-code').focus();
    }, failure(msg));
  });
  input('s-code').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const v = input('s-code').value.trim();
    input('s-code').value = '';
    if (!v) return sayIn('s-messages', 'err', L['desk.error.empty']);
    queue.push(v);
    if (!busy) next();
  });
  $('s-progress').addEventListener('click', () => {
    server('fundStocktakeProgress').then((r) => show(msg, r.ok ? 'ok' : 'err', r.message), failure(msg));
  });
  $('s-close').addEventListener('click', () => $('s-confirm').classList.remove('hidden'));
  $('s-no').addEventListener('click', () => $('s-confirm').classList.add('hidden'));
  $('s-yes').addEventListener('click', () => {
    $('s-confirm').classList.add('hidden');
    server('fundStocktakeClose').then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      show(msg, 'ok', r.message);
      state(null);
      afterClose(r.lists);
    }, failure(msg));
  });
  $('s-print').addEventListener('click', () => {
    server('fundStocktakePrint', lastId).then((r) => {
      if (!r.ok) show(msg, 'err', r.message);
    }, failure(msg));
  });
  $('s-writeoff').addEventListener('click', () => {
    server(
      'fundCreateAct',
      missing.map((inventory) => ({ inventory, reason: 'lost' })),
    ).then((r) => {
      show(msg, r.ok ? 'ok' : 'err', r.message);
      if (r.ok) $('s-writeoff').classList.add('hidden');
    }, failure(msg));
  });
  return { state, focus: () => input('s-code').focus() };
}
