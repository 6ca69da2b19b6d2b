/**
 * The desk sidebar in the browser: keyboard first (a scanner types a code and Enter), with clear
 * feedback. User text is always set as textContent, never parsed as HTML.
 */
import type { Reply } from '../api';
import type { DeskResult } from '../circulation';
import type { ReaderForm } from '../desk';
import { wireClassTab } from './class-tab';
import { server } from './server';
import { $, clearMessages, el, helpLink, input, L, label, say, show } from './ui';

type Mode = 'issue' | 'return' | 'renew' | 'lost';
type Tab = 'desk' | 'class' | 'visits';

const state: { mode: Mode; reader: ReaderForm | null; busy: boolean } = { mode: 'issue', reader: null, busy: false };

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
    'messages-label': 'desk.messages',
    'lost-yes': 'desk.lost.yes',
    'lost-no': 'desk.cancel',
    hint: 'desk.hint',
    'class-label': 'desk.class.choose',
    'titles-label': 'desk.class.titles',
    'override-label': 'desk.class.override',
    'class-preview': 'desk.class.preview',
    'class-issue': 'desk.class.issue',
    'class-returns': 'desk.class.returnReport',
    'class-pick': 'desk.class.pickList',
    'class-scan': 'desk.class.scan',
    'class-scan-hint': 'desk.class.scanHint',
    'visit-room-label': 'desk.visit.readingRoom',
    'visit-room': 'desk.visit.add',
    'visit-class-label': 'desk.visit.excursion',
    'visit-count-label': 'desk.visit.count',
    'visit-excursion': 'desk.visit.add',
  };
  for (const [id, key] of Object.entries(texts)) $(id).textContent = L[key];
  $('help-slot').appendChild(helpLink('desk'));
}

/** The guide's section of each tab: the sidebar's Help link opens the one in view. */
const TAB_HELP: Record<Tab, string> = { desk: 'desk', class: 'class-sets', visits: 'desk' };

function setMode(mode: Mode): void {
  state.mode = mode;
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('#modes button'))) {
    b.classList.toggle('on', b.dataset.mode === mode);
  }
  $('lost-box').classList.toggle('hidden', mode !== 'lost');
  cancelLost();
  // A replacement, when the reader brings one, is typed before the lost copy is scanned.
  (mode === 'lost' ? input('replacement') : input('copy')).focus();
}

function setTab(tab: Tab): void {
  for (const t of ['desk', 'class', 'visits'] as Tab[]) {
    $(`pane-${t}`).classList.toggle('hidden', t !== tab);
    $(`tab-${t}`).classList.toggle('on', t === tab);
  }
  $('help-slot').firstElementChild?.setAttribute('data-help', TAB_HELP[tab]);
  if (tab !== 'desk') classTab.load();
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
  const actions = el('div', { className: 'links' });
  const more = el('button', { className: 'link', id: 'show-history', text: L['desk.showHistory'] });
  more.addEventListener('click', loadHistory);
  const print = el('button', { className: 'link', id: 'print-form', text: L['desk.print.form'] });
  print.addEventListener('click', () => {
    if (state.reader) {
      server('deskPrint', 'readerForm', { code: state.reader.code, row: state.reader.row }).then((r) => {
        if (!r.ok) say('err', r.message);
      }, failed);
    }
  });
  actions.appendChild(more);
  actions.appendChild(print);
  box.appendChild(actions);
  box.appendChild(el('ul', { id: 'history' }));
}

const failed = (e: Error) => {
  state.busy = false;
  say('err', e.message);
};

function loadHistory(): void {
  if (!state.reader) return;
  server('deskHistory', state.reader.code, state.reader.row).then((r) => {
    const ul = $('history');
    ul.innerHTML = '';
    if (!r.ok) return say('err', r.message);
    for (const h of r.history) {
      const end = h.returned ? label('desk.returnedOn', { date: h.returned }) : label('desk.due', { due: h.due });
      ul.appendChild(
        el('li', { text: `${h.issued} · ${h.title || h.inventory} (${h.inventory}) · ${end} · ${h.status}` }),
      );
    }
    if (r.partial) ul.appendChild(el('li', { className: 'meta', text: L['desk.historyPartial'] }));
  }, failed);
}

function openReader(code: string, row: number): void {
  server('deskReaderForm', code, row).then((r) => {
    if (!r.ok) return say('err', r.message);
    renderForm(r.form);
    input('copy').focus();
  }, failed);
}

function findReader(query: string): void {
  $('choices').innerHTML = '';
  server('deskFindReader', query).then((r) => {
    if (!r.ok) {
      renderForm(null);
      say('err', r.message);
      input('reader').select();
      return;
    }
    if (r.form) {
      renderForm(r.form);
      input('copy').focus();
      return;
    }
    const choices = r.choices ?? [];
    say('warn', label('desk.found', { count: choices.length }), r.more ? [L['desk.more']] : []);
    for (const c of choices) {
      const b = el('button', { text: `${c.name} · ${c.className} · ${c.code}` });
      b.addEventListener('click', () => {
        input('reader').value = c.code;
        $('choices').innerHTML = '';
        openReader(c.code, c.row);
      });
      $('choices').appendChild(b);
    }
  }, failed);
}

/**
 * Scans are queued: a scanner can be faster than the server, and no scan may be lost or glued to
 * the next one. Each is sent in order, and its answer added to the messages.
 */
const queue: Array<{ code: string; mode: Mode; replacement: string }> = [];

function scanCopy(code: string): void {
  if (state.mode === 'lost') {
    // Marking a book lost cannot be undone at the desk: it is confirmed with a button.
    askLost(code);
    return;
  }
  queue.push({ code, mode: state.mode, replacement: '' });
  if (!state.busy) next();
}

let lostCode = '';

function askLost(code: string): void {
  lostCode = code;
  $('lost-question').textContent = label('desk.lost.ask', { inventory: code });
  $('lost-confirm').classList.remove('hidden');
  $('lost-yes').focus();
}

function cancelLost(): void {
  lostCode = '';
  $('lost-confirm').classList.add('hidden');
}

function confirmLost(): void {
  if (!lostCode) return;
  queue.push({ code: lostCode, mode: 'lost', replacement: input('replacement').value });
  cancelLost();
  if (!state.busy) next();
}

function next(): void {
  const job = queue.shift();
  if (job === undefined) return;
  const reader = state.reader;
  const code = reader ? reader.code : '';
  const row = reader ? reader.row : 0;
  let call: Promise<Reply<DeskResult>>;
  if (job.mode === 'issue') {
    if (!code) {
      queue.length = 0;
      say('err', L['desk.error.noReader']);
      input('reader').focus();
      return;
    }
    call = server('deskIssue', code, job.code, { row });
  } else if (job.mode === 'return') call = server('deskReturn', job.code, code, row);
  else if (job.mode === 'renew') call = server('deskRenew', job.code, code, row);
  else call = server('deskLost', job.code, job.replacement, code, row);
  state.busy = true;
  call.then(
    (r) => {
      state.busy = false;
      if (!r.ok) say('err', r.message);
      else {
        const warnings = r.warnings ?? [];
        say(
          warnings.length > 0 ? 'warn' : 'ok',
          r.message,
          warnings.filter((w) => w !== r.message),
        );
        if (r.switched && r.form) {
          input('reader').value = r.form.code;
          renderForm(r.form);
        } else if (r.form) {
          // With no reader at the desk, a return shows whose the book was, without making them current.
          renderForm(r.form, !!code && r.form.code === code);
        }
        if (job.mode === 'lost') {
          input('replacement').value = '';
          setMode('issue');
        }
      }
      input('copy').focus();
      next();
    },
    (e: Error) => {
      failed(e);
      next();
    },
  );
}

const classTab = wireClassTab();

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
    if (!v) say('err', L['desk.error.empty']);
    else scanCopy(v);
  });
  $('lost-yes').addEventListener('click', confirmLost);
  $('lost-no').addEventListener('click', () => {
    cancelLost();
    input('copy').focus();
  });
  document.addEventListener('keydown', (e) => {
    const modes: Record<string, Mode> = { F2: 'issue', F4: 'return', F6: 'renew' };
    if (modes[e.key]) {
      e.preventDefault();
      setMode(modes[e.key]);
    } else if (e.key === 'Escape') {
      cancelLost();
      renderForm(null);
      input('reader').value = '';
      input('copy').value = '';
      $('choices').innerHTML = '';
      clearMessages();
      input('reader').focus();
    }
  });
  const visitMsg = $('visit-msg');
  $('visit-room').addEventListener('click', () => {
    server('deskCountVisit', 'readingRoom', { reader: input('visit-reader').value }).then((r) => {
      show(visitMsg, r.ok ? 'ok' : 'err', r.message);
      if (r.ok) input('visit-reader').value = '';
    }, failed);
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
      failed,
    );
  });
}

setLabels();
wire();
input('reader').focus();
