/**
 * The desk sidebar in the browser: keyboard first (a scanner types a code and Enter), with clear
 * feedback. User text is always set as textContent, never parsed as HTML.
 */

import type { Reply } from '../api';
import type { ClassPreview } from '../classes';
import type { DeskResult, ReaderForm } from '../desk';
import { server } from './server';

declare const BOOT: { lang: string; labels: Record<string, string> };

type Mode = 'issue' | 'return' | 'renew' | 'lost';
type Tab = 'desk' | 'class' | 'visits';
type Options = {
  classes: Array<{ className: string; grade: number | null }>;
  textbooks: Array<{ titleId: string; label: string; grade: number | null; available: number }>;
};

const L = BOOT.labels;
const state: { mode: Mode; reader: ReaderForm | null; busy: boolean; options: Options | null } = {
  mode: 'issue',
  reader: null,
  busy: false,
  options: null,
};

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);

function label(key: string, params: Record<string, string | number> = {}): string {
  let s = L[key] ?? key;
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

function el(tag: string, props: Record<string, string> = {}, children: Node[] = []): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.appendChild(c);
  return e;
}

function show(box: HTMLElement, kind: 'ok' | 'err' | 'warn' | '', text = ''): void {
  box.className = kind ? `msg ${kind}` : 'msg';
  box.textContent = text;
}

const fail = (box: HTMLElement) => (e: Error) => {
  state.busy = false;
  show(box, 'err', e.message);
};

function setLabels(): void {
  const texts: Record<string, string> = {
    title: 'desk.title',
    'tab-desk': 'desk.tab.desk',
    'tab-class': 'desk.tab.class',
    'tab-visits': 'desk.tab.visits',
    'mode-issue': 'desk.mode.issue',
    'mode-return': 'desk.mode.return',
    'mode-renew': 'desk.mode.renew',
    'mode-lost': 'desk.mode.lost',
    'reader-label': 'desk.reader',
    'copy-label': 'desk.copy',
    'replacement-label': 'desk.replacement',
    hint: 'desk.hint',
    'class-label': 'desk.class.choose',
    'titles-label': 'desk.class.titles',
    'override-label': 'desk.class.override',
    'class-preview': 'desk.class.preview',
    'class-issue': 'desk.class.issue',
    'class-returns': 'desk.class.returnReport',
    'visit-room-label': 'desk.visit.readingRoom',
    'visit-room': 'desk.visit.add',
    'visit-class-label': 'desk.visit.excursion',
    'visit-count-label': 'desk.visit.count',
    'visit-excursion': 'desk.visit.add',
  };
  for (const [id, key] of Object.entries(texts)) $(id).textContent = L[key];
}

function setMode(mode: Mode): void {
  state.mode = mode;
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('#modes button'))) {
    b.classList.toggle('on', b.dataset.mode === mode);
  }
  $('lost-box').classList.toggle('hidden', mode !== 'lost');
  pendingLost = '';
  // A replacement, when the reader brings one, is typed before the lost copy is scanned.
  (mode === 'lost' ? input('replacement') : input('copy')).focus();
}

function setTab(tab: Tab): void {
  for (const t of ['desk', 'class', 'visits'] as Tab[]) {
    $(`pane-${t}`).classList.toggle('hidden', t !== tab);
    $(`tab-${t}`).classList.toggle('on', t === tab);
  }
  if (tab !== 'desk' && !state.options) loadClasses();
}

/** Shows a reader form; `select` makes that reader the one at the desk (the next issue goes to them). */
function renderForm(form: ReaderForm | null, select = true): void {
  const box = $('form');
  box.innerHTML = '';
  if (select || !form) state.reader = form;
  if (!form) {
    box.classList.add('hidden');
    return;
  }
  box.classList.remove('hidden');
  box.appendChild(el('div', { className: 'who', text: `${form.name} · ${form.code}` }));
  box.appendChild(
    el('div', { className: 'meta', text: form.category + (form.className ? ` · ${form.className}` : '') }),
  );
  if (form.left)
    box.appendChild(el('div', { className: 'left', text: label('desk.error.readerLeft', { reader: form.name }) }));
  if (form.overdueCount > 0)
    box.appendChild(el('div', { className: 'left', text: label('desk.debt', { count: form.overdueCount }) }));
  box.appendChild(el('div', { className: 'meta', text: L['desk.currentLoans'] }));
  if (form.loans.length === 0) box.appendChild(el('div', { text: L['desk.noLoans'] }));
  const list = el('ul', { id: 'loans' });
  for (const l of form.loans) {
    const text = `${l.title} (${l.inventory}), ${label('desk.due', { due: l.due })}${l.overdue ? ` — ${L['desk.overdue']}` : ''}`;
    list.appendChild(el('li', { className: l.overdue ? 'overdue' : '', 'data-inventory': l.inventory, text }));
  }
  box.appendChild(list);
  const more = el('button', { className: 'link', id: 'show-history', text: L['desk.showHistory'] });
  more.addEventListener('click', loadHistory);
  box.appendChild(more);
  box.appendChild(el('ul', { id: 'history' }));
}

function loadHistory(): void {
  if (!state.reader) return;
  server('deskHistory', state.reader.code).then(
    (r) => {
      const ul = $('history');
      ul.innerHTML = '';
      if (!r.ok) return show($('msg'), 'err', r.message);
      for (const h of r.history) {
        const end = h.returned ? label('desk.returnedOn', { date: h.returned }) : label('desk.due', { due: h.due });
        ul.appendChild(
          el('li', { text: `${h.issued} · ${h.title || h.inventory} (${h.inventory}) · ${end} · ${h.status}` }),
        );
      }
    },
    fail($('msg')),
  );
}

function findReader(query: string): void {
  $('choices').innerHTML = '';
  server('deskFindReader', query).then(
    (r) => {
      if (!r.ok) {
        renderForm(null);
        show($('msg'), 'err', r.message);
        input('reader').select();
        return;
      }
      if (r.form) {
        renderForm(r.form);
        show($('msg'), '');
        input('copy').focus();
        return;
      }
      const choices = r.choices ?? [];
      show($('msg'), 'warn', label('desk.found', { count: choices.length }));
      for (const c of choices) {
        const b = el('button', { text: `${c.name} · ${c.className} · ${c.code}` });
        b.addEventListener('click', () => {
          input('reader').value = c.code;
          findReader(c.code);
        });
        $('choices').appendChild(b);
      }
    },
    fail($('msg')),
  );
}

/**
 * Scans are queued: a scanner can be faster than the server, and no scan may be lost or glued to
 * the next one. Each is sent in order, and its result shown.
 */
const queue: string[] = [];
let pendingLost = '';

function scanCopy(code: string): void {
  if (state.mode === 'lost' && pendingLost !== code) {
    // Marking a book lost cannot be undone at the desk: the same scan must be confirmed.
    pendingLost = code;
    show($('msg'), 'warn', label('desk.confirmLostAgain', { inventory: code }));
    return;
  }
  pendingLost = '';
  queue.push(code);
  if (!state.busy) next();
}

function next(): void {
  const code = queue.shift();
  if (code === undefined) return;
  const msg = $('msg');
  const readerCode = state.reader ? state.reader.code : '';
  let call: Promise<Reply<DeskResult>>;
  if (state.mode === 'issue') {
    if (!readerCode) {
      queue.length = 0;
      show(msg, 'err', L['desk.error.noReader']);
      input('reader').focus();
      return;
    }
    call = server('deskIssue', readerCode, code);
  } else if (state.mode === 'return') call = server('deskReturn', code, readerCode);
  else if (state.mode === 'renew') call = server('deskRenew', code);
  else call = server('deskLost', code, input('replacement').value);
  state.busy = true;
  call.then(
    (r) => {
      state.busy = false;
      if (!r.ok) show(msg, 'err', r.message);
      else {
        show(msg, r.warning ? 'warn' : 'ok', r.message);
        if (r.switched && r.form) {
          input('reader').value = r.form.code;
          renderForm(r.form);
        } else if (r.form) {
          // With no reader at the desk, a return shows whose the book was, without making them current.
          renderForm(r.form, !!readerCode && r.form.code === readerCode);
        }
        if (state.mode === 'lost') {
          input('replacement').value = '';
          setMode('issue');
        }
      }
      input('copy').focus();
      next();
    },
    (e: Error) => {
      fail(msg)(e);
      next();
    },
  );
}

function loadClasses(): void {
  server('deskClassOptions').then(
    (r) => {
      if (!r.ok) return show($('class-msg'), 'err', r.message);
      state.options = r;
      for (const sel of [$('class-select'), $('visit-class')]) {
        sel.innerHTML = '';
        for (const c of r.classes) sel.appendChild(el('option', { value: c.className, text: c.className }));
      }
      renderTitles();
    },
    fail($('class-msg')),
  );
}

function renderTitles(): void {
  const box = $('titles');
  box.innerHTML = '';
  if (!state.options) return;
  const chosen = input('class-select').value;
  const cls = state.options.classes.find((c) => c.className === chosen);
  for (const t of state.options.textbooks) {
    if (cls && cls.grade !== null && t.grade !== null && t.grade !== cls.grade) continue;
    const tick = el('input', { type: 'checkbox', value: t.titleId, checked: 'checked' });
    box.appendChild(el('label', {}, [tick, document.createTextNode(` ${t.label} (${t.available})`)]));
  }
}

function chosenTitles(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('#titles input:checked')).map((i) => i.value);
}

function renderPlan(p: ClassPreview): void {
  const out = $('class-out');
  out.innerHTML = '';
  out.appendChild(
    el('p', { text: label('desk.class.summary', { class: p.className, pupils: p.pupils, copies: p.copies }) }),
  );
  [p.shortages, p.blocked, p.lines].forEach((lines, i) => {
    if (!lines.length) return;
    const ul = el('ul');
    for (const s of lines) ul.appendChild(el('li', { className: i < 2 ? 'overdue' : '', text: s }));
    out.appendChild(ul);
  });
}

function wire(): void {
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('#modes button'))) {
    b.addEventListener('click', () => setMode(b.dataset.mode as Mode));
  }
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('.tabs button'))) {
    b.addEventListener('click', () => setTab(b.dataset.tab as Tab));
  }
  input('reader').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      findReader(input('reader').value);
    }
  });
  input('replacement').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      input('copy').focus();
    }
  });
  input('copy').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const v = input('copy').value.trim();
    input('copy').value = '';
    if (!v) show($('msg'), 'err', L['desk.error.empty']);
    else scanCopy(v);
  });
  document.addEventListener('keydown', (e) => {
    const modes: Record<string, Mode> = { F2: 'issue', F4: 'return', F6: 'renew' };
    if (modes[e.key]) {
      e.preventDefault();
      setMode(modes[e.key]);
    } else if (e.key === 'Escape') {
      renderForm(null);
      input('reader').value = '';
      input('copy').value = '';
      $('choices').innerHTML = '';
      show($('msg'), '');
      input('reader').focus();
    }
  });
  // A class set is issued only after its preview, for exactly the selection previewed.
  const selection = () => JSON.stringify([input('class-select').value, chosenTitles(), input('override').checked]);
  let previewed = '';
  const issueButton = $<HTMLButtonElement>('class-issue');
  const syncIssue = () => {
    issueButton.disabled = previewed !== selection();
  };
  syncIssue();
  $('class-select').addEventListener('change', () => {
    renderTitles();
    syncIssue();
  });
  $('titles').addEventListener('change', syncIssue);
  input('override').addEventListener('change', syncIssue);
  const classMsg = $('class-msg');
  $('class-preview').addEventListener('click', () => {
    const asked = selection();
    server('deskClassPreview', input('class-select').value, chosenTitles(), input('override').checked).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      show(classMsg, '');
      renderPlan(r);
      previewed = r.copies > 0 ? asked : '';
      syncIssue();
    }, fail(classMsg));
  });
  issueButton.addEventListener('click', () => {
    issueButton.disabled = true;
    server('deskClassIssue', input('class-select').value, chosenTitles(), input('override').checked).then((r) => {
      previewed = '';
      if (!r.ok) return show(classMsg, 'err', r.message);
      show(classMsg, 'ok', r.message);
      renderPlan(r.preview);
      state.options = null;
    }, fail(classMsg));
  });
  $('class-returns').addEventListener('click', () => {
    server('deskClassReturns', input('class-select').value).then((r) => {
      if (!r.ok) return show(classMsg, 'err', r.message);
      const out = $('class-out');
      out.innerHTML = '';
      show(classMsg, r.message ? 'ok' : '', r.message);
      const ul = el('ul');
      for (const s of r.lines) ul.appendChild(el('li', { text: s }));
      out.appendChild(ul);
    }, fail(classMsg));
  });
  const visitMsg = $('visit-msg');
  $('visit-room').addEventListener('click', () => {
    server('deskCountVisit', 'readingRoom', { reader: input('visit-reader').value }).then((r) => {
      show(visitMsg, r.ok ? 'ok' : 'err', r.message);
      if (r.ok) input('visit-reader').value = '';
    }, fail(visitMsg));
  });
  input('visit-reader').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      $('visit-room').click();
    }
  });
  $('visit-excursion').addEventListener('click', () => {
    const count = Number(input('visit-count').value) || 0;
    server('deskCountVisit', 'excursion', { className: input('visit-class').value, count }).then(
      (r) => show(visitMsg, r.ok ? 'ok' : 'err', r.message),
      fail(visitMsg),
    );
  });
}

setLabels();
wire();
input('reader').focus();
