/** The Raid tab: a class's textbooks (or scanned copies) with their condition, recorded together. */
import { $, el, input, L, label, show } from '../../desk/client/ui';
import { failure } from './common';
import { server } from './server';

const CONDITIONS = ['new', 'good', 'satisfactory', 'unsatisfactory'];

export function wireRaid(): void {
  const msg = $('r-msg');
  const select = (id: string) => document.getElementById(id) as HTMLSelectElement;

  function addRow(inventory: string, title: string, condition: string): void {
    const table = $('r-list');
    if (table.querySelector(`tr[data-inventory="${CSS.escape(inventory)}"]`)) return;
    const sel = el('select') as HTMLSelectElement;
    for (const c of CONDITIONS) sel.appendChild(el('option', { value: c, text: L[`enum.condition.${c}`] ?? c }));
    sel.value = condition || 'good';
    table.appendChild(
      el('tr', { 'data-inventory': inventory }, [
        el('td', { text: inventory }),
        el('td', { text: title }),
        el('td', {}, [sel]),
      ]),
    );
  }

  $('r-load').addEventListener('click', () => {
    server('fundRaidList', select('r-class').value).then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      $('r-list').innerHTML = '';
      if (r.copies.length === 0) show(msg, 'warn', L['fund.r.none']);
      else show(msg, '', '');
      for (const c of r.copies) addRow(c.inventory, `${c.title} — ${c.reader}`, c.conditionCode);
    }, failure(msg));
  });
  input('r-code').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const v = input('r-code').value.trim();
    input('r-code').value = '';
    if (v) addRow(v, '', select('r-condition').value);
  });
  $('r-save').addEventListener('click', () => {
    const items = Array.from(document.querySelectorAll<HTMLElement>('#r-list tr')).map((tr) => ({
      inventory: tr.dataset.inventory as string,
      condition: (tr.querySelector('select') as HTMLSelectElement).value,
    }));
    const kind = select('r-kind').value;
    server('fundRecordRaid', { kind, className: kind === 'textbooks' ? select('r-class').value : '', items }).then(
      (r) => {
        if (!r.ok) return show(msg, 'err', r.message);
        show(msg, 'ok', r.message);
        $('r-list').innerHTML = '';
      },
      failure(msg),
    );
  });
  $('r-needs').addEventListener('click', () => {
    server('fundReplacementNeeds').then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      const ul = $('r-needs-list');
      ul.innerHTML = '';
      for (const t of r.titles)
        ul.appendChild(
          el('li', { text: label('fund.r.need', { title: t.title, replace: t.replace, repair: t.repair }) }),
        );
    }, failure(msg));
  });
}
