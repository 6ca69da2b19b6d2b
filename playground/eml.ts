/**
 * An e-mail MailApp sent, as an RFC 5322 message (.eml) that any mail program opens: UTF-8 headers
 * encoded, the plain and HTML bodies as multipart/alternative in base64.
 */
import type { SentEmail } from '../emulator/mail';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');

/** An encoded-word for a header when it is not plain ASCII. */
function header(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export function emlOf(m: SentEmail, from: string): string {
  const boundary = `=_library_${m.sentAt.getTime().toString(36)}`;
  const lines = [
    `From: ${m.name ? `${header(m.name)} <${from}>` : from}`,
    `To: ${m.to.join(', ')}`,
    ...(m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    ...(m.bcc.length ? [`Bcc: ${m.bcc.join(', ')}`] : []),
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${header(m.subject)}`,
    `Date: ${m.sentAt.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'X-Mailer: school-library-sheets playground (MailApp stand-in)',
  ];
  const parts = [{ type: 'text/plain', body: m.body }];
  if (m.htmlBody !== null) parts.push({ type: 'text/html', body: m.htmlBody });
  lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`, '');
  for (const p of parts) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${p.type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(p.body),
    );
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}
