/**
 * The sidebar's class-set tab: the class and its grade's textbooks, a preview (who gets which copy,
 * the pick list, shortages, old debts), the issue of exactly the selection previewed, handing out
 * scanned copies pupil by pupil, and the year-end list of who has not returned what.
 */
import type { ClassPreview } from '../classes';
import { server } from './server';
import { $, el, input, L, label, show } from './ui';

interface ClassListState {
  titles: string[];
  titleIds: string[];
  pupils: Array<{ code: string; name: string; row: number; holds: string[] }>;
  chosen: number;
}

export function wireClassTab() {
  const classMsg = $('class-msg');
  let loaded = false;
  let list: ClassListState | null = null;

  const chosenTitles = () =>
    Array.from(document.querySelectorAll<HTMLInputElement>('#titles input:checked')).map((i) => i.value);
  const className = () => input('class-select').value;
  const fail = (e: Error) => show(classMsg, 'err', e.message);

  function load(): void {
    if (loaded) return;
    loaded = true;
    server('deskClassOptions').then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      for (const sel of [$('class-select'), $('visit-class')]) {
        sel.innerHTML = '';
        for (const c of r.classes) sel.appendChild(el('option', { value: c.className, text: c.className }));
      }
      loadTitles();
    }, fail);
  }

  function loadTitles(): void {
    const box = $('titles');
    box.innerHTML = '';
    if (!className()) return;
    server('deskClassTextbooks', className()).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      for (const t of r.textbooks) {
        const tick = el('input', { type: 'checkbox', value: t.titleId, checked: 'checked' });
        box.appendChild(el('label', {}, [tick, document.createTextNode(` ${t.label}`)]));
      }
      syncIssue();
    }, fail);
  }

  function renderPlan(p: ClassPreview): void {
    const out = $('class-out');
    out.innerHTML = '';
    out.appendChild(
      el('p', { text: label('desk.class.summary', { class: p.className, pupils: p.pupils, copies: p.copies }) }),
    );
    if (p.partial) out.appendChild(el('p', { className: 'overdue', text: L['desk.class.partial'] }));
    [p.shortages, p.blocked, p.lines].forEach((lines, i) => {
      if (!lines.length) return;
      const ul = el('ul');
      for (const s of lines) ul.appendChild(el('li', { className: i < 2 ? 'overdue' : '', text: s }));
      out.appendChild(ul);
    });
    if (p.pickList.length > 0) {
      const ul = el('ul', { id: 'pick-list' });
      for (const x of p.pickList) ul.appendChild(el('li', { text: `${x.title}: ${x.inventories.join(', ')}` }));
      out.appendChild(ul);
    }
  }

  function renderList(): void {
    const out = $('class-out');
    out.innerHTML = '';
    if (!list) return;
    const state = list;
    const table = el('table', { id: 'class-list' });
    const head = el('tr', {}, [
      el('th', { text: L['desk.class.pupil'] }),
      ...state.titles.map((t) => el('th', { text: t })),
    ]);
    table.appendChild(head);
    state.pupils.forEach((p, i) => {
      const tr = el('tr', { className: i === state.chosen ? 'chosen' : '', 'data-code': p.code }, [
        el('td', { text: p.name }),
        ...p.holds.map((inv) => el('td', { text: inv || '—' })),
      ]);
      tr.addEventListener('click', () => {
        state.chosen = i;
        renderList();
        input('class-copy').focus();
      });
      table.appendChild(tr);
    });
    out.appendChild(table);
  }

  function loadList(): void {
    const ids = chosenTitles();
    server('deskClassList', className(), ids).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      list = {
        titles: r.titles,
        titleIds: ids,
        pupils: r.pupils,
        chosen: r.pupils.findIndex((p) => p.holds.some((h) => !h)),
      };
      $('class-scan-box').classList.remove('hidden');
      show(classMsg, '');
      renderList();
      input('class-copy').focus();
    }, fail);
  }

  function scanForPupil(code: string): void {
    if (!list || list.chosen < 0) return;
    const pupil = list.pupils[list.chosen];
    server('deskIssue', pupil.code, code, { row: pupil.row, classSet: true }).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      show(classMsg, r.warnings?.length ? 'warn' : 'ok', r.message);
      // The table follows what the pupil now holds; the next pupil without a book is chosen.
      const state = list as ClassListState;
      if (r.form) {
        const held = new Map(r.form.loans.map((l) => [l.inventory, l]));
        state.pupils[state.chosen].holds = state.titles.map((t, j) => {
          const inv = state.pupils[state.chosen].holds[j];
          if (inv) return inv;
          const hit = [...held.values()].find((l) => l.title === t);
          return hit ? hit.inventory : '';
        });
      }
      const nextIndex = state.pupils.findIndex((p, j) => j > state.chosen && p.holds.some((h) => !h));
      if (nextIndex >= 0) state.chosen = nextIndex;
      renderList();
      input('class-copy').focus();
    }, fail);
  }

  // A class set is issued only after its preview, for exactly the selection previewed.
  const selection = () => JSON.stringify([className(), chosenTitles(), input('override').checked]);
  let previewed = '';
  const issueButton = $<HTMLButtonElement>('class-issue');
  const syncIssue = () => {
    issueButton.disabled = previewed !== selection();
  };
  syncIssue();
  $('class-select').addEventListener('change', () => {
    loadTitles();
    list = null;
    $('class-scan-box').classList.add('hidden');
    syncIssue();
  });
  $('titles').addEventListener('change', syncIssue);
  input('override').addEventListener('change', syncIssue);
  $('class-preview').addEventListener('click', () => {
    const asked = selection();
    server('deskClassPreview', className(), chosenTitles(), input('override').checked).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      show(classMsg, '');
      renderPlan(r);
      previewed = r.copies > 0 ? asked : '';
      syncIssue();
    }, fail);
  });
  issueButton.addEventListener('click', () => {
    issueButton.disabled = true;
    server('deskClassIssue', className(), chosenTitles(), input('override').checked).then((r) => {
      previewed = '';
      if (!r.ok) return show(classMsg, 'err', r.message);
      show(classMsg, 'ok', r.message);
      renderPlan(r.preview);
    }, fail);
  });
  $('class-pick').addEventListener('click', () => {
    server('deskPrint', 'pickList', { className: className(), titleIds: chosenTitles() }).then((r) => {
      if (!r.ok) show(classMsg, 'err', r.message);
    }, fail);
  });
  $('class-scan').addEventListener('click', loadList);
  input('class-copy').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const v = input('class-copy').value.trim();
    input('class-copy').value = '';
    if (v) scanForPupil(v);
  });
  $('class-returns').addEventListener('click', () => {
    server('deskClassReturns', className()).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      const out = $('class-out');
      out.innerHTML = '';
      show(classMsg, r.message ? 'ok' : '', r.message);
      const ul = el('ul');
      for (const s of r.lines) ul.appendChild(el('li', { text: s }));
      out.appendChild(ul);
    }, fail);
  });
  return { load };
}
