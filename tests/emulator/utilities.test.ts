import { describe, expect, it } from 'vitest';
import { createEnv, type Env, GasException } from '../../emulator/core';
import { createSession } from '../../emulator/session';
import { createUtilities } from '../../emulator/utilities';
import { formatDateIn, zonedToUtc } from '../../emulator/zoned-time';

function makeEnv(now = new Date('2024-05-10T06:00:00Z'), timeZone = 'Asia/Almaty'): Env {
  return createEnv({ now, timeZone });
}

describe('Utilities.formatDate (SimpleDateFormat patterns, real time zones)', () => {
  const env = makeEnv();
  const { Utilities } = createUtilities(env);
  const fmt = (iso: string, pattern: string, tz = 'Asia/Almaty') => Utilities.formatDate(new Date(iso), tz, pattern);

  it('formats Asia/Almaty at UTC+6 before 2024-03-01 and UTC+5 after (Utilities.formatDate with IANA zones)', () => {
    expect(fmt('2024-01-15T12:00:00Z', 'yyyy-MM-dd HH:mm:ss Z')).toBe('2024-01-15 18:00:00 +0600');
    expect(fmt('2024-06-15T12:00:00Z', 'yyyy-MM-dd HH:mm:ss Z')).toBe('2024-06-15 17:00:00 +0500');
    expect(fmt('2023-12-31T18:30:00Z', 'yyyy-MM-dd HH:mm XXX')).toBe('2024-01-01 00:30 +06:00');
  });

  it('gets the 2024-03-01 Almaty switch right around midnight (clocks went back from +06 to +05)', () => {
    expect(fmt('2024-02-29T17:59:59Z', 'yyyy-MM-dd HH:mm:ss XXX')).toBe('2024-02-29 23:59:59 +06:00');
    expect(fmt('2024-02-29T18:00:00Z', 'yyyy-MM-dd HH:mm:ss XXX')).toBe('2024-02-29 23:00:00 +05:00');
    expect(fmt('2024-02-29T19:00:00Z', 'yyyy-MM-dd HH:mm:ss XXX')).toBe('2024-03-01 00:00:00 +05:00');
  });

  it('moves the calendar date at local midnight and month ends (formatDate uses the given zone, not UTC)', () => {
    expect(fmt('2024-04-30T18:59:59Z', 'dd.MM.yyyy HH:mm')).toBe('30.04.2024 23:59');
    expect(fmt('2024-04-30T19:00:00Z', 'dd.MM.yyyy HH:mm')).toBe('01.05.2024 00:00');
    expect(fmt('2023-01-31T18:00:00Z', 'd MMM yyyy')).toBe('1 Feb 2023');
    expect(fmt('2024-05-01T00:00:00Z', 'yyyy-MM-dd', 'America/Los_Angeles')).toBe('2024-04-30');
  });

  it('supports names, 12-hour clock, millis and day-of-week letters (SimpleDateFormat E, MMMM, a, h, S)', () => {
    const iso = '2024-05-10T07:05:09.045Z'; // Friday 12:05:09.045 in Almaty
    expect(fmt(iso, 'EEEE, MMMM d, yyyy')).toBe('Friday, May 10, 2024');
    expect(fmt(iso, 'EEE E MMM M yy')).toBe('Fri Fri May 5 24');
    expect(fmt(iso, 'hh:mm a')).toBe('12:05 PM');
    expect(fmt(iso, 'h:m:s.SSS H')).toBe('12:5:9.045 12');
    expect(fmt('2024-05-09T19:30:00Z', 'hh:mm a')).toBe('12:30 AM');
  });

  it("handles quoted text and '' as a literal quote (SimpleDateFormat quoting)", () => {
    expect(fmt('2024-05-10T07:05:00Z', "yyyy-MM-dd'T'HH:mm")).toBe('2024-05-10T12:05');
    expect(fmt('2024-05-10T07:05:00Z', "HH 'o''clock' ''")).toBe("12 o'clock '");
    expect(fmt('2024-05-10T07:05:00Z', "'day' d")).toBe('day 10');
  });

  it('prints zone names with z (Java prints GMT+05:00 for zones without an abbreviation)', () => {
    expect(fmt('2024-05-10T07:05:00Z', 'z')).toBe('GMT+05:00');
    expect(fmt('2024-01-10T20:00:00Z', 'z', 'America/Los_Angeles')).toBe('PST');
    expect(fmt('2024-01-10T20:00:00Z', 'HH:mm z', 'UTC')).toBe('20:00 UTC');
    expect(fmt('2024-01-10T20:00:00Z', 'XXX', 'UTC')).toBe('Z');
    expect(fmt('2024-01-10T20:00:00Z', 'HH:mm', 'GMT+5')).toBe('01:00');
  });

  it("truncates a local mean time's seconds in Z, X and z as SimpleDateFormat does: Almaty 1845 is +05:07:48, shown +0507", () => {
    // Local midnight of 10 August 1845 in Almaty (local mean time +05:07:48 until 1924).
    const midnight = '1845-08-09T18:52:12Z';
    expect(fmt(midnight, 'yyyy-MM-dd HH:mm:ss Z')).toBe('1845-08-10 00:00:00 +0507');
    expect(fmt(midnight, 'XXX')).toBe('+05:07');
    expect(fmt(midnight, 'z')).toBe('GMT+05:07');
    // West of Greenwich the truncation goes toward zero too: New York's -04:56:02 shows -0456.
    expect(fmt('1880-01-01T12:00:00Z', 'Z', 'America/New_York')).toBe('-0456');
  });

  it('finds the local midnight of an 1845 day to the second (zonedToUtc with a local mean time)', () => {
    expect(zonedToUtc('Asia/Almaty', 1845, 8, 10).toISOString()).toBe('1845-08-09T18:52:12.000Z');
    expect(fmt(zonedToUtc('Asia/Almaty', 1845, 8, 10).toISOString(), 'yyyy-MM-dd HH:mm:ss')).toBe(
      '1845-08-10 00:00:00',
    );
  });

  it('formats in GMT when the zone id is unknown (Java TimeZone.getTimeZone fallback)', () => {
    expect(fmt('2024-01-10T20:00:00Z', 'HH:mm Z', 'Mars/Olympus')).toBe('20:00 +0000');
  });

  it('refuses unknown pattern letters and non-Date arguments (formatDate signature check)', () => {
    expect(() => fmt('2024-01-10T20:00:00Z', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(() => Utilities.formatDate('2024-01-01' as unknown as Date, 'UTC', 'yyyy')).toThrow(GasException);
    expect(() => Utilities.formatDate('2024-01-01' as unknown as Date, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('counts every call as "Utilities.formatDate" (call counters)', () => {
    const e = makeEnv();
    const u = createUtilities(e).Utilities;
    u.formatDate(new Date(), 'UTC', 'yyyy');
    u.formatDate(new Date(), 'UTC', 'yyyy');
    expect(e.counters.count('Utilities.formatDate')).toBe(2);
  });

  it('agrees with zonedToUtc for wall times on both sides of the Almaty change', () => {
    expect(zonedToUtc('Asia/Almaty', 2024, 2, 1, 9, 0).toISOString()).toBe('2024-02-01T03:00:00.000Z');
    expect(zonedToUtc('Asia/Almaty', 2024, 3, 1, 0, 0).toISOString()).toBe('2024-02-29T19:00:00.000Z');
    expect(formatDateIn(new Date('2024-03-01T04:00:00Z'), 'Asia/Almaty', 'D w u')).toBe('61 9 5');
  });
});

describe('Utilities: strings, bytes, digests, blobs, CSV, sleep', () => {
  it('formatString implements the sprintf subset (Utilities.formatString)', () => {
    const { Utilities } = createUtilities(makeEnv());
    expect(Utilities.formatString('%s has %d books', 'Aru', 3)).toBe('Aru has 3 books');
    expect(Utilities.formatString('%05d|%-5s|%5s|%.2f|%x|%%', 42, 'ab', 'cd', 2.5049, 255)).toBe(
      '00042|ab   |   cd|2.50|ff|%',
    );
    expect(Utilities.formatString('%+d %03d', 5, -7)).toBe('+5 -07');
  });

  it('base64Encode/base64Decode use signed Java bytes (Utilities.base64Decode returns Byte[])', () => {
    const { Utilities } = createUtilities(makeEnv());
    expect(Utilities.base64Encode('Кітап')).toBe(Buffer.from('Кітап').toString('base64'));
    const bytes = Utilities.base64Decode(Utilities.base64Encode('ÿ'));
    expect(bytes).toEqual([-61, -65]);
    expect(Utilities.base64Encode(bytes)).toBe('w78=');
    expect(Utilities.newBlob(Utilities.base64Decode('0JrRltGC0LDQvw==')).getDataAsString()).toBe('Кітап');
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
  });

  it('computeDigest returns signed bytes (Utilities.computeDigest SHA_256)', () => {
    const { Utilities } = createUtilities(makeEnv());
    const d = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
    expect(d).toHaveLength(32);
    expect(d.slice(0, 4)).toEqual([-70, 120, 22, -65]); // ba 78 16 bf
    const hex = d.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, '')).toHaveLength(16);
    expect(String(Utilities.Charset.UTF_8)).toBe('UTF_8');
  });

  it('newBlob keeps data, type and name (Utilities.newBlob / Blob)', () => {
    const { Utilities } = createUtilities(makeEnv());
    const blob = Utilities.newBlob('a,b\n1,2', 'text/csv', 'x.csv');
    expect(blob.getDataAsString()).toBe('a,b\n1,2');
    expect(blob.getContentType()).toBe('text/csv');
    expect(blob.getName()).toBe('x.csv');
    expect(blob.setName('y.csv').getName()).toBe('y.csv');
    expect(blob.getBytes()).toEqual([97, 44, 98, 10, 49, 44, 50]);
  });

  it('parseCsv handles quotes, doubled quotes, embedded newlines and custom delimiters (Utilities.parseCsv)', () => {
    const { Utilities } = createUtilities(makeEnv());
    expect(Utilities.parseCsv('a,"b,c",d\n"say ""hi""","two\nlines",\r\nx')).toEqual([
      ['a', 'b,c', 'd'],
      ['say "hi"', 'two\nlines', ''],
      ['x'],
    ]);
    expect(Utilities.parseCsv('a;b', ';')).toEqual([['a', 'b']]);
  });

  it('sleep advances the runtime clock instead of blocking (Utilities.sleep)', () => {
    const env = makeEnv(new Date('2024-05-10T06:00:00Z'));
    const { Utilities } = createUtilities(env);
    Utilities.sleep(1500);
    expect(env.clock.now().toISOString()).toBe('2024-05-10T06:00:01.500Z');
  });

  it('getUuid returns RFC 4122 UUIDs (Utilities.getUuid)', () => {
    const { Utilities } = createUtilities(makeEnv());
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('Logger.log formats placeholders and getLog/clear work; console lines are recorded (Logger, console)', () => {
    const env = makeEnv();
    const { Logger, console, logs } = createUtilities(env);
    Logger.log('Loaned %s copies of %s', 2, 'Abai');
    Logger.log({ a: 1 });
    expect(Logger.getLog()).toBe('Loaned 2 copies of Abai\n{ a: 1 }\n');
    console.warn('low stock', 3);
    Logger.clear();
    expect(Logger.getLog()).toBe('');
    expect(logs.map((l) => [l.source, l.level, l.message])).toEqual([['console', 'warn', 'low stock 3']]);
  });
});

describe('Session', () => {
  it('returns the user, the script time zone and the locale (Session.getActiveUser/getScriptTimeZone)', () => {
    const env = makeEnv();
    const { Session, setLocale } = createSession(env);
    expect(Session.getActiveUser().getEmail()).toBe('librarian@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('librarian@example.com');
    expect(Session.getScriptTimeZone()).toBe('Asia/Almaty');
    expect(Session.getActiveUserLocale()).toBe('kk');
    setLocale('ru');
    expect(Session.getActiveUserLocale()).toBe('ru');
    expect(Session.getTemporaryActiveUserKey()).toBe(Session.getTemporaryActiveUserKey());
    expect(env.counters.count('Session.getActiveUser')).toBe(1);
  });
});
