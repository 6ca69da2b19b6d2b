/**
 * Print views: the reader form (формуляр), the class pick list and the debtor lists, laid out for A4
 * with the school's name and the date, a page per class. They open in a dialog; its Print button
 * calls the browser's print dialog. Every piece of sheet text is escaped.
 */
import { showDay } from '../dates';
import { readDebtorFacts } from '../debtors/data';
import { LibraryError } from '../errors';
import { escapeHtml } from '../html';
import { type MessageKey, t } from '../messages';
import { previewClassIssue } from './classes';
import type { Desk } from './desk';
import { readerHistory } from './find';

const STYLE = `
  @page { size: A4; margin: 15mm; }
  body { font: 12pt/1.35 Arial, sans-serif; color: #000; margin: 0; }
  .bar { margin: 8px 0 16px; } .bar button { font-size: 12pt; padding: 4px 16px; }
  .page { page-break-after: always; break-after: page; padding: 4mm 0; }
  .page:last-child { page-break-after: auto; break-after: auto; }
  h1 { font-size: 16pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 12px 0 4px; }
  .school { font-size: 10pt; color: #333; display: flex; justify-content: space-between; border-bottom: 1px solid #000; margin-bottom: 8px; }
  table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
  th, td { border: 1px solid #555; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #eee; } .overdue { font-weight: bold; }
  .sign { margin-top: 24px; font-size: 10pt; }
  .lead { margin: 0 0 4px; font-size: 11pt; }
  @media print { .bar { display: none; } }
`;

export interface PrintPage {
  heading: string;
  /** Lines under the heading (the period, the addressee). */
  lead?: string[];
  sections: Array<{ title?: string; head: string[]; rows: string[][]; marked?: boolean[] }>;
  note?: string;
}

/** A whole print view as HTML: the Print button, then the pages. Pure: testable without Apps Script. */
export function printHtml(lang: Parameters<typeof t>[0], school: string, date: string, pages: PrintPage[]): string {
  const e = escapeHtml;
  const body = pages
    .map((p) => {
      const sections = p.sections
        .map((s) => {
          const head = s.head.map((h) => `<th>${e(h)}</th>`).join('');
          const rows =
            s.rows.length === 0
              ? `<tr><td colspan="${s.head.length}">${e(t(lang, 'print.none'))}</td></tr>`
              : s.rows
                  .map(
                    (r, i) =>
                      `<tr${s.marked?.[i] ? ' class="overdue"' : ''}>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`,
                  )
                  .join('');
          return `${s.title ? `<h2>${e(s.title)}</h2>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
        })
        .join('');
      const note = p.note ? `<p class="sign">${e(p.note)}</p>` : '';
      const lead = (p.lead ?? []).map((l) => `<p class="lead">${e(l)}</p>`).join('');
      return `<section class="page"><div class="school"><span>${e(school)}</span><span>${e(date)}</span></div><h1>${e(p.heading)}</h1>${lead}${sections}${note}</section>`;
    })
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="bar"><button onclick="window.print()">${e(t(lang, 'print.button'))}</button></div>${body}</body></html>`;
}

function readerFormPage(desk: Desk, code: string, row: number): PrintPage {
  const L = desk.lang;
  const reader = desk.reader(code, row);
  const form = desk.form(reader);
  const { history } = readerHistory(desk, reader.info.code, reader.rowNumber);
  const h = (k: MessageKey) => t(L, k);
  return {
    heading: t(L, 'print.readerForm.heading', { name: form.name, code: form.code }),
    sections: [
      {
        head: [h('print.col.category'), h('print.col.class')],
        rows: [[form.category, form.className]],
      },
      {
        title: h('desk.currentLoans'),
        head: [h('print.col.inventory'), h('print.col.title'), h('print.col.due')],
        rows: form.loans.map((l) => [l.inventory, l.title, l.overdue ? `${l.due} (${h('desk.overdue')})` : l.due]),
        marked: form.loans.map((l) => l.overdue),
      },
      {
        title: h('desk.history'),
        head: [
          h('print.col.inventory'),
          h('print.col.title'),
          h('print.col.issued'),
          h('print.col.due'),
          h('print.col.returned'),
        ],
        rows: history.map((x) => [x.inventory, x.title, x.issued, x.due, x.returned]),
      },
    ],
    note: h('print.readerForm.sign'),
  };
}

function pickListPage(desk: Desk, className: string, titleIds: string[]): PrintPage {
  const L = desk.lang;
  const p = previewClassIssue(desk, className, titleIds, false);
  const h = (k: MessageKey) => t(L, k);
  return {
    heading: t(L, 'print.pickList.heading', { class: className, count: p.copies }),
    sections: [
      {
        head: [h('print.col.title'), h('print.col.count'), h('print.col.inventories')],
        rows: p.pickList.map((x) => [x.title, String(x.inventories.length), x.inventories.join(', ')]),
      },
      { title: h('print.pickList.pupils'), head: [h('print.col.pupilBooks')], rows: p.lines.map((l) => [l]) },
      ...(p.shortages.length > 0
        ? [{ title: h('print.pickList.short'), head: [h('print.col.note')], rows: p.shortages.map((s) => [s]) }]
        : []),
    ],
  };
}

/** The debtors of every class, a page per class (the staff last): from the debtor facts, read once. */
export function debtorPages(desk: Desk): PrintPage[] {
  const L = desk.lang;
  const facts = readDebtorFacts(desk.wb);
  const h = (k: MessageKey) => t(L, k);
  const pages: PrintPage[] = [];
  for (const g of facts.groups) {
    const debtors = g.debtors;
    const heading =
      g.kind === 'class'
        ? t(L, 'print.debtors.class', { class: g.className, teacher: g.teacher || '—' })
        : h('print.debtors.staff');
    const rows: string[][] = [];
    for (const d of debtors) {
      for (const item of d.items)
        rows.push([
          d.name,
          item.inventory,
          [item.author, item.title].filter(Boolean).join('. '),
          showDay(item.due),
          String(item.daysOverdue),
        ]);
    }
    pages.push({
      heading,
      sections: [
        {
          head: [
            h('print.col.reader'),
            h('print.col.inventory'),
            h('print.col.title'),
            h('print.col.due'),
            h('print.col.days'),
          ],
          rows,
        },
      ],
    });
  }
  return pages;
}

/** Builds a print view and opens it in a dialog. */
export function showPrintView(
  desk: Desk,
  kind: string,
  args: { code?: string; row?: number; className?: string; titleIds?: string[] },
): void {
  const L = desk.lang;
  let pages: PrintPage[];
  let title: string;
  if (kind === 'readerForm') {
    pages = [readerFormPage(desk, String(args.code ?? ''), Number(args.row) || 0)];
    title = t(L, 'print.readerForm.title');
  } else if (kind === 'pickList') {
    pages = [pickListPage(desk, String(args.className ?? ''), (args.titleIds ?? []).map(String))];
    title = t(L, 'print.pickList.title');
  } else if (kind === 'debtors') {
    pages = debtorPages(desk);
    if (pages.length === 0) throw new LibraryError('print.debtors.none');
    title = t(L, 'print.debtors.title');
  } else {
    throw new LibraryError('print.unknown');
  }
  const school = desk.wb.settings.libraryName || t(L, 'app.name');
  const html = printHtml(L, school, t(L, 'print.date', { date: desk.show(desk.today) }), pages);
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(820).setHeight(640), title);
}
