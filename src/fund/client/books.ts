/** The Books tab: the summary accounting book of a year, the inventory book, the opening balance, labels. */
import { $, input, show } from '../../desk/client/ui';
import { failure } from './common';
import { server } from './server';

export function wireBooks(): void {
  const msg = $('b-msg');
  const answer = (r: { ok: boolean; message?: string }) => show(msg, r.ok ? 'ok' : 'err', r.message ?? '');
  input('b-year').value = String(new Date().getFullYear());
  $('b-ksu').addEventListener('click', () => server('fundBuildKsu', input('b-year').value).then(answer, failure(msg)));
  $('b-book').addEventListener('click', () => server('fundBuildInventoryBook').then(answer, failure(msg)));
  $('b-balance').addEventListener('click', () => server('fundTakeOntoBooks', '').then(answer, failure(msg)));
  $('b-labels').addEventListener('click', () => {
    const inventories = input('b-copies')
      .value.split(/[,;\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    const record = input('b-record').value.trim();
    const className = (document.getElementById('b-class') as HTMLSelectElement).value;
    const request = inventories.length ? { inventories } : record ? { record } : { className };
    server('fundPrintLabels', request).then(answer, failure(msg));
  });
}
