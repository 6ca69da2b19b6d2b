/**
 * MailApp: nothing leaves the machine; every sent message lands in `outbox`.
 *
 * Quota (consumer account, Apps Script quotas page): 100 recipients a day, counted per recipient over
 * to + cc + bcc. The quotas page says quotas "reset 24 hours after the first request", so by default the
 * day is a window opened by the first counted send and closed 24 h later (reset: '24h'). Older accounts
 * of the service describe a reset at midnight Pacific time; `reset: 'midnight'` models that, at midnight
 * in `resetTimeZone` (default America/Los_Angeles).
 *
 * Errors (real texts): over quota "Service invoked too many times for one day: email."; a bad address
 * "Invalid email: <address>"; no recipient "Failed to send email: no recipient"; more than 50
 * recipients in one message "Limit Exceeded: Email Recipients Per Message."; a body over 200 KB
 * "Limit Exceeded: Email Body Size."; over 250 attachments or 25 MB of them "Limit Exceeded: Email
 * Total Attachments Size.". Nothing is recorded or counted against the quota when a send throws.
 *
 * The quota belongs to the account, not to the script: the account's other scripts and triggers send
 * from the same 100 a day. `spendElsewhere(n)` counts n recipients of such other mail, so a run that
 * read getRemainingDailyQuota() at its start meets the quota error partway, as it can for real.
 */
import { type Env, GasException } from './core';
import { zonedDateKey } from './zoned-time';

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  size: number;
}

export interface SentEmail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  attachments: SentAttachment[];
  sentAt: Date;
}

export interface MailOptions {
  /** Recipients a day (100 for a consumer account, 1,500 for Workspace). */
  quota?: number;
  reset?: '24h' | 'midnight';
  /** Zone whose midnight resets the quota in 'midnight' mode. */
  resetTimeZone?: string;
}

interface MessageFields {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
  inlineImages?: Record<string, unknown>;
}

export const MAIL_QUOTA_ERROR = 'Service invoked too many times for one day: email.';
const MAX_RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;
const MAX_ATTACHMENTS = 250;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** Splits "a@x.com, B <b@y.com>" into bare addresses; throws "Invalid email: ..." on a bad one. */
export function parseRecipients(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  const out: string[] = [];
  for (const raw of String(list).split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const angle = /<([^<>]*)>\s*$/.exec(item);
    const address = (angle ? angle[1] : item).trim();
    if (!ADDRESS.test(address)) throw new GasException(`Invalid email: ${item}`);
    out.push(address);
  }
  return out;
}

function attachmentInfo(a: unknown): SentAttachment {
  const blob =
    a && typeof (a as { getBlob?: unknown }).getBlob === 'function' ? (a as { getBlob(): unknown }).getBlob() : a;
  const b = blob as { getName?(): string | null; getContentType?(): string | null; getBytes?(): number[] };
  return {
    name: b?.getName ? b.getName() : null,
    contentType: b?.getContentType ? b.getContentType() : null,
    size: b?.getBytes ? b.getBytes().length : 0,
  };
}

export function createMailApp(env: Env, opts: MailOptions = {}) {
  const outbox: SentEmail[] = [];
  const state = {
    quota: opts.quota ?? 100,
    used: 0,
    /** '24h': when the current window closes; 'midnight': the date key of the counted day. */
    windowEndsMs: 0,
    dayKey: '',
  };
  const mode = opts.reset ?? '24h';
  const resetZone = opts.resetTimeZone ?? 'America/Los_Angeles';

  /** Resets the count when the day (window) is over. */
  const roll = () => {
    const now = env.clock.nowMillis();
    if (mode === 'midnight') {
      const key = zonedDateKey(now, resetZone);
      if (key !== state.dayKey) {
        state.dayKey = key;
        state.used = 0;
      }
    } else if (state.used > 0 && now >= state.windowEndsMs) {
      state.used = 0;
    }
  };

  const remaining = () => {
    roll();
    return Math.max(0, state.quota - state.used);
  };

  const send = (m: MessageFields) => {
    const to = parseRecipients(m.to);
    const cc = parseRecipients(m.cc);
    const bcc = parseRecipients(m.bcc);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new GasException('Failed to send email: no recipient');
    if (count > MAX_RECIPIENTS_PER_MESSAGE) throw new GasException('Limit Exceeded: Email Recipients Per Message.');
    const body = m.body === undefined || m.body === null ? '' : String(m.body);
    const htmlBody = m.htmlBody === undefined || m.htmlBody === null ? null : String(m.htmlBody);
    if (Buffer.byteLength(body) > MAX_BODY_BYTES || (htmlBody !== null && Buffer.byteLength(htmlBody) > MAX_BODY_BYTES))
      throw new GasException('Limit Exceeded: Email Body Size.');
    const attachments = Array.from(m.attachments ?? [], attachmentInfo);
    if (attachments.length > MAX_ATTACHMENTS || attachments.reduce((n, a) => n + a.size, 0) > MAX_ATTACHMENT_BYTES)
      throw new GasException('Limit Exceeded: Email Total Attachments Size.');
    if (count > remaining()) throw new GasException(MAIL_QUOTA_ERROR);
    if (state.used === 0 && mode === '24h') state.windowEndsMs = env.clock.nowMillis() + 24 * 3_600_000;
    state.used += count;
    outbox.push({
      to,
      cc,
      bcc,
      subject: m.subject === undefined || m.subject === null ? '' : String(m.subject),
      body,
      htmlBody,
      name: m.name ?? null,
      replyTo: m.replyTo ?? null,
      noReply: !!m.noReply,
      attachments,
      sentAt: env.clock.now(),
    });
  };

  const MailApp = {
    /**
     * sendEmail(message) | sendEmail(recipient, subject, body, options?) |
     * sendEmail(recipient, replyTo, subject, body)
     */
    sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
      env.counters.call('MailApp.sendEmail');
      if (a !== null && typeof a === 'object') {
        send(a as MessageFields);
      } else if (typeof d === 'string') {
        send({ to: String(a), replyTo: String(b), subject: String(c), body: d });
      } else {
        const options = (d ?? {}) as MessageFields;
        send({ ...options, to: String(a ?? ''), subject: b as string, body: c as string });
      }
    },
    getRemainingDailyQuota(): number {
      env.counters.call('MailApp.getRemainingDailyQuota');
      return remaining();
    },
  };

  return {
    MailApp,
    outbox,
    setQuota(n: number) {
      state.quota = n;
    },
    /** The account's other mail (another script, another trigger) uses `n` recipients of today's quota. */
    spendElsewhere(n: number) {
      roll();
      if (state.used === 0 && mode === '24h' && n > 0) state.windowEndsMs = env.clock.nowMillis() + 24 * 3_600_000;
      state.used += Math.max(0, n);
    },
    /** A new day for the quota (tests that replay one day many times). */
    resetQuota(): void {
      state.used = 0;
    },
    /** Recipients counted in the current day. */
    used(): number {
      roll();
      return state.used;
    },
  };
}
