/**
 * The Fund sidebar in the browser: arrivals, write-off acts, the stocktake (made for a barcode
 * scanner, like the desk), condition raids, the books and labels. User text is set as textContent.
 */
import { $, helpLink, L, show } from '../../desk/client/ui';
import { wireArrival } from './arrival';
import { wireBooks } from './books';
import { fillSelect } from './common';
import { wireRaid } from './raid';
import { server } from './server';
import { wireStocktake } from './stocktake';
import { wireWriteOff } from './write-off';

type Tab = 'arrival' | 'writeOff' | 'stocktake' | 'raid' | 'books';
const TABS: Tab[] = ['arrival', 'writeOff', 'stocktake', 'raid', 'books'];

function setLabels(): void {
  $('title').textContent = L['fund.title'];
  $('help-slot').appendChild(helpLink('fund'));
  for (const t of TABS) $(`tab-${t}`).textContent = L[`fund.tab.${t}`];
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-label]'))) {
    e.textContent = L[e.dataset.label as string] ?? '';
  }
}

function setTab(tab: Tab): void {
  for (const t of TABS) {
    $(`pane-${t}`).classList.toggle('hidden', t !== tab);
    $(`tab-${t}`).classList.toggle('on', t === tab);
  }
  if (tab === 'stocktake') stocktake.focus();
}

setLabels();
for (const t of TABS) $(`tab-${t}`).addEventListener('click', () => setTab(t));
wireArrival();
wireWriteOff();
const stocktake = wireStocktake();
wireRaid();
wireBooks();

server('fundInit').then(
  (r) => {
    if (!r.ok) return show($('note'), 'err', r.message);
    fillSelect('a-kind', r.kinds, 'enum.kind.');
    fillSelect('r-condition', r.conditions, 'enum.condition.');
    fillSelect('r-kind', ['textbooks', 'preservation'], 'enum.raidKind.');
    fillSelect('r-class', r.classes);
    fillSelect('b-class', ['', ...r.classes]);
    (document.getElementById('r-condition') as HTMLSelectElement).value = 'good';
    stocktake.state(r.stocktake);
    if (r.completed) show($('note'), 'warn', r.completed);
  },
  (e: Error) => show($('note'), 'err', e.message),
);
