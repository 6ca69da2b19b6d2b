/**
 * Codes as a scanner types them under the Russian and Kazakh layouts (CLDR keyboard charts,
 * keyboards/windows/ru-t-k0-windows.xml and kk-t-k0-windows.xml), by a hand, or as Sheets stored them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classKey, classSearchPattern, foldedClassKey, gradeOfClass } from '../../src/domain/class-names';
import {
  asUsKeys,
  codeCandidates,
  codeKey,
  codeSearchPattern,
  echo,
  matchCode,
  pickCode,
} from '../../src/domain/codes';

/** What a US-keyboard scan of `code` types under the Kazakh layout (kk-t-k0-windows.xml). */
const KK: Record<string, string> = {
  '1': '"',
  '2': 'ә',
  '3': 'і',
  '4': 'ң',
  '5': 'ғ',
  '6': ',',
  '7': '.',
  '8': 'ү',
  '9': 'ұ',
  '0': 'қ',
  R: 'К',
  T: 'Е',
  B: 'И',
  K: 'Л',
};
/** … and under the Russian layout (ru-t-k0-windows.xml): digits stay, letters are ЙЦУКЕН. */
const RU: Record<string, string> = { R: 'К', T: 'Е', B: 'И', K: 'Л' };
const typeOn = (layout: Record<string, string>, code: string) => [...code].map((c) => layout[c] ?? c).join('');

describe('codes typed under another keyboard layout', () => {
  it('reads the examples of the issue back: К00002 and Кққққә are R00002, қққңғ, is 000456', () => {
    expect(asUsKeys('К00002')).toBe('R00002');
    expect(asUsKeys('Кққққә')).toBe('R00002');
    expect(asUsKeys('қққңғ,')).toBe('000456');
    expect(typeOn(KK, 'R00002')).toBe('Кққққә');
    expect(typeOn(KK, '000456')).toBe('қққңғ,');
  });

  it('every code of capitals and digits typed under ru or kk reads back as itself', () => {
    const code = fc.stringMatching(/^[RTBK]?[0-9]{3,8}$/);
    fc.assert(
      fc.property(code, fc.constantFrom(KK, RU), (c, layout) => {
        expect(codeCandidates(typeOn(layout, c))).toContain(codeKey(c));
      }),
    );
  });

  it('folds case, spaces and Cyrillic look-alike letters', () => {
    expect(codeKey(' r 00002 ')).toBe('R00002');
    expect(codeKey('Т001')).toBe('T001'); // Cyrillic Т
    expect(matchCode(codeCandidates('r00002'), 'R00002')).toBe('exact');
  });

  it('finds a code that Sheets stored as a number: 123 for 00123', () => {
    expect(matchCode(codeCandidates('00123'), 123)).toBe('digits');
    expect(matchCode(codeCandidates('123'), '00123')).toBe('digits');
    expect(matchCode(codeCandidates('00123'), '00124')).toBe(null);
  });
});

describe('picking the one code a scan means', () => {
  const rows = (...codes: unknown[]) => codes.map((code, i) => ({ code, row: i + 2 }));

  it('prefers an exact match to a code that only shares the digits', () => {
    expect(pickCode('00123', rows(123, '00123'), (r) => r.code)).toEqual({ match: { code: '00123', row: 3 } });
  });

  it('accepts lost zeros only when one code has those digits', () => {
    expect(pickCode('00123', rows(123), (r) => r.code)).toEqual({ match: { code: 123, row: 2 } });
    expect(pickCode('123', rows('0123', '00123'), (r) => r.code)).toEqual({ ambiguous: ['00123', '0123'] });
  });

  it('a scan that means two existing codes under two layouts is ambiguous, both listed', () => {
    expect(pickCode('К00002', rows('K00002', 'R00002'), (r) => r.code)).toEqual({
      ambiguous: ['K00002', 'R00002'],
    });
  });
});

describe('the TextFinder pattern of a code', () => {
  const finds = (typed: string, cell: string) => new RegExp(codeSearchPattern(typed)!, 'u').test(cell);

  it('finds the stored code in any spelling the scan may mean', () => {
    expect(finds('К00002', 'R00002')).toBe(true);
    expect(finds('Кққққә', 'R00002')).toBe(true);
    expect(finds('r00002', ' R00002 ')).toBe(true);
    expect(finds('00123', '123')).toBe(true);
    expect(finds('123', '00123')).toBe(true);
    expect(finds('00123', '001234')).toBe(false);
  });

  it('every matching cell is found: pattern and matchCode agree on random codes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]?[0-9]{1,6}$/), fc.stringMatching(/^[A-Z]?[0-9]{1,6}$/), (a, b) => {
        if (matchCode(codeCandidates(a), b) !== null) expect(finds(a, b)).toBe(true);
      }),
    );
  });

  it('escapes what a regular expression would read as syntax', () => {
    expect(finds('A.1', 'A.1')).toBe(true);
    expect(finds('A.1', 'AX1')).toBe(false);
    expect(finds('(x)', '(X)')).toBe(true);
  });
});

describe('one notion of a class', () => {
  it('7A with a Latin A, 7 а and 7-А are the class 7А', () => {
    for (const spelling of ['7A', '7 а', '7-А', ' 7а ', '7a']) expect(foldedClassKey(spelling)).toBe('7А');
    expect(classKey('10 Б')).toBe('10Б');
    expect(gradeOfClass('10Б')).toBe(10);
  });

  it('its TextFinder pattern finds every spelling and no other class', () => {
    const re = new RegExp(classSearchPattern('7А')!, 'u');
    for (const spelling of ['7A', '7 а', '7-А', '7а', '7 "А"']) expect(re.test(spelling), spelling).toBe(true);
    for (const other of ['7Б', '17А', '7АБ', '7']) expect(re.test(other), other).toBe(false);
  });
});

describe('echoing what was typed', () => {
  it('never repeats more than 60 characters', () => {
    expect(echo('x'.repeat(35_000)).length).toBe(60);
    expect(echo('  R00002 ')).toBe('R00002');
  });
});
