/**
 * The emails to class teachers, composed from plain values (pure: no Apps Script). Each email has an
 * HTML body, with every piece of sheet text escaped, and a plain-text alternative saying the same.
 * A debtor email names the pupils of one class only, and never carries a reader's contact details:
 * it is built from the class's `Debtor` entries, which hold a code, a name and the overdue items.
 */
import { type DayKey, showDay } from '../dates';
import type { Debtor } from '../domain/debtors';
import { escapeHtml } from '../html';
import { type Lang, type MessageKey, t } from '../messages';

export interface Email {
  subject: string;
  /** The plain-text alternative. */
  body: string;
  htmlBody: string;
}

/** Who writes: the library's name (the sender's display name) and the librarian who signs. */
export interface Sender {
  library: string;
  librarian: string;
}

/** An address MailApp accepts: one mailbox, no display name, no spaces. */
export function isValidEmail(s: string): boolean {
  return /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/.test(s.trim());
}

/** A title as "Author. Title" (the Loans sheet keeps that snapshot in the title alone). */
function bookLabel(author: string, title: string): string {
  return author ? `${author}. ${title}` : title;
}

function greeting(lang: Lang, teacher: string): string {
  return teacher.trim() ? t(lang, 'mail.greeting', { teacher: teacher.trim() }) : t(lang, 'mail.greetingNoName');
}

function signature(lang: Lang, s: Sender): string[] {
  return [t(lang, 'mail.regards'), ...[s.librarian, s.library].filter((x) => x.trim() !== '')];
}

/** Paragraphs of plain text (lines in one paragraph kept) as HTML. */
function paragraphs(parts: string[][]): string {
  return parts.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`).join('\n');
}

function html(inner: string): string {
  return `<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.4">\n${inner}\n</div>`;
}

function text(parts: string[][]): string {
  return parts.map((lines) => lines.join('\n')).join('\n\n');
}

export interface DebtorsEmailInput {
  lang: Lang;
  sender: Sender;
  className: string;
  teacher: string;
  /** The debtors of this class only. */
  debtors: Debtor[];
  asOf: DayKey;
  openDaysOnly: boolean;
}

export function debtorsEmail(i: DebtorsEmailInput): Email {
  const { lang } = i;
  const date = showDay(i.asOf);
  const counting = t(lang, i.openDaysOnly ? 'debtors.counting.open' : 'debtors.counting.calendar');
  const subject = t(lang, 'mail.debtors.subject', { library: i.sender.library, class: i.className, date });
  const intro = t(lang, 'mail.debtors.intro', { date, class: i.className });
  const ask = t(lang, 'mail.debtors.ask');
  const note = t(lang, 'mail.debtors.counting', { counting });

  const plain: string[][] = [[greeting(lang, i.teacher)], [intro]];
  for (const d of i.debtors) {
    plain.push([
      d.name,
      ...d.items.map(
        (it) =>
          `  - ${t(lang, 'mail.debtors.item', {
            inventory: it.inventory,
            title: bookLabel(it.author, it.title),
            issued: showDay(it.issued),
            due: showDay(it.due),
            days: it.daysOverdue,
          })}`,
      ),
    ]);
  }
  plain.push([note], [ask], signature(lang, i.sender));

  const head = (
    [
      'mail.col.pupil',
      'mail.col.inventory',
      'mail.col.book',
      'mail.col.issued',
      'mail.col.due',
      'mail.col.days',
    ] as MessageKey[]
  )
    .map(
      (k) => `<th style="text-align:left;border-bottom:1px solid #999;padding:4px 8px">${escapeHtml(t(lang, k))}</th>`,
    )
    .join('');
  const cell = (v: string, right = false) =>
    `<td style="padding:4px 8px;vertical-align:top${right ? ';text-align:right' : ''}">${escapeHtml(v)}</td>`;
  const rows = i.debtors.flatMap((d) =>
    d.items.map(
      (it, k) =>
        `<tr>${cell(k === 0 ? d.name : '')}${cell(it.inventory)}${cell(bookLabel(it.author, it.title))}${cell(
          showDay(it.issued),
        )}${cell(showDay(it.due))}${cell(String(it.daysOverdue), true)}</tr>`,
    ),
  );
  const table = `<table style="border-collapse:collapse">\n<tr>${head}</tr>\n${rows.join('\n')}\n</table>`;
  const htmlBody = html(
    [
      paragraphs([[greeting(lang, i.teacher)], [intro]]),
      table,
      paragraphs([[note], [ask], signature(lang, i.sender)]),
    ].join('\n'),
  );
  return { subject, body: text(plain), htmlBody };
}

export interface NoDebtorsEmailInput {
  lang: Lang;
  sender: Sender;
  className: string;
  teacher: string;
  asOf: DayKey;
}

export function noDebtorsEmail(i: NoDebtorsEmailInput): Email {
  const date = showDay(i.asOf);
  const parts = [
    [greeting(i.lang, i.teacher)],
    [t(i.lang, 'mail.noDebtors.body', { date, class: i.className })],
    signature(i.lang, i.sender),
  ];
  return {
    subject: t(i.lang, 'mail.noDebtors.subject', { library: i.sender.library, class: i.className, date }),
    body: text(parts),
    htmlBody: html(paragraphs(parts)),
  };
}

export interface VisitStats {
  /** Visits in all (a class excursion counts its visitors). */
  total: number;
  /** Visits by kind label, in the order to show. */
  byKind: Array<{ kind: string; count: number }>;
  /** Distinct pupils of the class who came, and the pupils of the class. */
  visitors: number;
  pupils: number;
}

export interface VisitsEmailInput {
  lang: Lang;
  sender: Sender;
  className: string;
  teacher: string;
  from: DayKey;
  to: DayKey;
  stats: VisitStats;
}

export function visitsEmail(i: VisitsEmailInput): Email {
  const { lang, stats } = i;
  const from = showDay(i.from);
  const to = showDay(i.to);
  const facts =
    stats.total === 0
      ? [t(lang, 'mail.visits.none')]
      : [
          t(lang, 'mail.visits.total', { count: stats.total }),
          ...stats.byKind.filter((k) => k.count > 0).map((k) => t(lang, 'mail.visits.kind', k)),
          t(lang, 'mail.visits.pupils', { visitors: stats.visitors, pupils: stats.pupils }),
        ];
  const parts = [
    [greeting(lang, i.teacher)],
    [t(lang, 'mail.visits.intro', { class: i.className, from, to })],
    facts,
    [t(lang, 'mail.visits.outro')],
    signature(lang, i.sender),
  ];
  return {
    subject: t(lang, 'mail.visits.subject', { library: i.sender.library, class: i.className, from, to }),
    body: text(parts),
    htmlBody: html(paragraphs(parts)),
  };
}

export interface Problem {
  /** No valid address; the sending failed; or two Classes rows spelled alike (`error`: their names). */
  kind: 'invalid' | 'failed' | 'clash';
  className: string;
  teacher: string;
  email: string;
  error?: string;
}

/** To the librarian: the class teachers an email of `period` did not reach, and why. */
export function reportEmail(lang: Lang, sender: Sender, period: string, problems: Problem[]): Email {
  const lines = problems.map((p) =>
    p.kind === 'clash'
      ? t(lang, 'mail.report.clash', { class: p.className, classes: p.error ?? p.className })
      : p.kind === 'invalid'
        ? t(lang, 'mail.report.invalid', { class: p.className, teacher: p.teacher || '—', email: p.email })
        : t(lang, 'mail.report.failed', {
            class: p.className,
            teacher: p.teacher || '—',
            email: p.email,
            error: p.error ?? '',
          }),
  );
  const parts = [[t(lang, 'mail.report.intro', { period })], lines, [t(lang, 'mail.report.outro')]];
  return {
    subject: t(lang, 'mail.report.subject', { library: sender.library }),
    body: text(parts),
    htmlBody: html(paragraphs(parts)),
  };
}

/** To the librarian: a scheduled task stopped with an error. */
export function errorEmail(lang: Lang, sender: Sender, task: string, time: string, message: string): Email {
  const body = t(lang, 'mail.error.body', { task, time, message });
  return {
    subject: t(lang, 'mail.error.subject', { library: sender.library, task }),
    body,
    htmlBody: html(paragraphs(body.split('\n\n').map((p) => p.split('\n')))),
  };
}
