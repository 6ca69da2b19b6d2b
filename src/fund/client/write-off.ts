/** The Write-off tab: candidates by filter, a reason per copy, the act; the acts with their buttons. */

import { $, el, input, L, show } from '../../desk/client/ui';
import type { ActSummary, CandidateView } from '../acts';
import { failure } from './common';
import { server } from './server';

const REASONS = ['worn', 'defective', 'obsolete', 'lost', 'offProfile', 'duplicate'];

export function wireWriteOff(): { loadActs: () => void } {
  const msg = $('w-msg');
  const ticked = (id: string) => (document.getElementById(id) as HTMLInputElement).checked;
  let shown: CandidateView[] = [];

  function renderCandidates(list: CandidateView[]): void {
    shown = list;
    const table = $('w-candidates');
    table.innerHTML = '';
    list.forEach((c, i) => {
      const select = el('select', { 'data-index': String(i) }) as HTMLSelectElement;
      for (const r of REASONS) select.appendChild(el('option', { value: r, text: L[`enum.writeOffReason.${r}`] ?? r }));
      select.value = c.reason;
      const tick = el('input', { type: 'checkbox', checked: 'checked', 'data-index': String(i) });
      table.appendChild(
        el('tr', { 'data-inventory': c.inventory }, [
          el('td', {}, [tick]),
          el('td', { text: c.inventory }),
          el('td', { text: `${c.title} (${c.why})` }),
          el('td', {}, [select]),
        ]),
      );
    });
    $('w-create').classList.toggle('hidden', list.length === 0);
  }

  function renderActs(acts: ActSummary[]): void {
    const table = $('w-acts');
    table.innerHTML = '';
    for (const a of acts) {
      const buttons: HTMLElement[] = [];
      const add = (key: string, fn: () => void) => {
        const b = el('button', { className: 'link', text: L[key] });
        b.addEventListener('click', fn);
        buttons.push(b);
      };
      if (a.draft) {
        add('fund.w.approve', () => act('fundApproveAct', a.act));
        add('fund.w.cancel', () => act('fundCancelAct', a.act));
      }
      add('fund.w.print', () => act('fundPrintAct', a.act));
      table.appendChild(
        el('tr', { 'data-act': a.act }, [
          el('td', { text: `${a.act} · ${a.date}` }),
          el('td', { text: `${a.status}, ${a.copies} · ${a.sum}` }),
          el('td', {}, buttons),
        ]),
      );
    }
  }

  function loadActs(): void {
    server('fundActs').then((r) => (r.ok ? renderActs(r.acts) : show(msg, 'err', r.message)), failure(msg));
  }

  function act(name: 'fundApproveAct' | 'fundCancelAct' | 'fundPrintAct', number: string): void {
    server(name, number).then((r) => {
      show(msg, r.ok ? 'ok' : 'err', r.message);
      loadActs();
    }, failure(msg));
  }

  $('w-find').addEventListener('click', () => {
    server('fundCandidates', {
      unsatisfactory: ticked('w-unsatisfactory'),
      lost: ticked('w-lost'),
      missing: ticked('w-missing'),
      obsolete: ticked('w-obsolete'),
      publishedBefore: Number(input('w-before').value) || undefined,
      notIssuedYears: Number(input('w-years').value) || undefined,
      duplicatesBeyond: input('w-beyond').value === '' ? undefined : Number(input('w-beyond').value),
    }).then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      show(
        msg,
        r.candidates.length ? 'ok' : 'warn',
        r.candidates.length ? L['fund.w.count'].replace('{count}', String(r.candidates.length)) : L['fund.w.none'],
      );
      renderCandidates(r.candidates);
    }, failure(msg));
  });

  $('w-create').addEventListener('click', () => {
    const items = shown
      .map((c, i) => {
        const tick = document.querySelector<HTMLInputElement>(`#w-candidates input[data-index="${i}"]`);
        const reason = document.querySelector<HTMLSelectElement>(`#w-candidates select[data-index="${i}"]`);
        return tick?.checked ? { inventory: c.inventory, reason: reason?.value ?? c.reason } : null;
      })
      .filter((x): x is { inventory: string; reason: string } => x !== null);
    server('fundCreateAct', items).then((r) => {
      if (!r.ok) return show(msg, 'err', r.message);
      show(msg, 'ok', r.message);
      renderCandidates([]);
      loadActs();
    }, failure(msg));
  });

  $('tab-writeOff').addEventListener('click', loadActs);
  return { loadActs };
}
