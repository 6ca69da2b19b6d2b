/**
 * A calendar as iCalendar text (RFC 5545, CRLF line ends, lines folded at 75 octets), as Google
 * Calendar exports one: all-day events and series with VALUE=DATE (the end exclusive), series with
 * their RRULE/RDATE/EXDATE lines, popup reminders as DISPLAY alarms and e-mail reminders as EMAIL
 * alarms, tags as X-APPS-SCRIPT-TAG lines.
 */
import type { EventRec } from './calendar-event';
import { recurrenceLines } from './calendar-recurrence';

function icsEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1). */
function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function icsUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const icsDate = (k: string) => k.replace(/-/g, '');

function alarms(e: EventRec, owner: string): string[] {
  const out: string[] = [];
  for (const m of e.popup)
    out.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-PT${m}M`, `DESCRIPTION:${icsEscape(e.title)}`, 'END:VALARM');
  for (const m of e.email)
    out.push(
      'BEGIN:VALARM',
      'ACTION:EMAIL',
      `TRIGGER:-PT${m}M`,
      `SUMMARY:${icsEscape(e.title)}`,
      `DESCRIPTION:${icsEscape(e.title)}`,
      `ATTENDEE:mailto:${owner}`,
      'END:VALARM',
    );
  return out;
}

export function calendarToIcs(
  cal: { name: string; timeZone: string; owner: string },
  events: readonly EventRec[],
  order: (e: EventRec) => number,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//school-library-sheets//Apps Script emulator//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${icsEscape(cal.name)}`,
    `X-WR-TIMEZONE:${cal.timeZone}`,
  ];
  for (const e of [...events].sort((a, b) => order(a) - order(b))) {
    lines.push('BEGIN:VEVENT', `UID:${e.id}`, `DTSTAMP:${icsUtc(e.updated)}`);
    if (e.allDay && e.startDate && e.endDate) {
      lines.push(`DTSTART;VALUE=DATE:${icsDate(e.startDate)}`, `DTEND;VALUE=DATE:${icsDate(e.endDate)}`);
    } else {
      lines.push(`DTSTART:${icsUtc(e.startMs)}`, `DTEND:${icsUtc(e.endMs)}`);
    }
    if (e.recurrence) lines.push(...recurrenceLines(e.recurrence));
    lines.push(`SUMMARY:${icsEscape(e.title)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsEscape(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsEscape(e.location)}`);
    for (const [k, v] of e.tags) lines.push(`X-APPS-SCRIPT-TAG:${icsEscape(k)}=${icsEscape(v)}`);
    lines.push(...alarms(e, cal.owner), 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}
