import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeWithSchema } from '../../scripts/schema-doc';
import { makeCatalogue } from '../../src/i18n/translator';
import { allLanguages, duplicateKeys, LANGS, type MessageKey, messageKeys, normalise, t } from '../../src/messages';
import { ENUMS, type EnumName, enumKey, headerKey, SHEETS, sheetNameKey } from '../../src/schema';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has every message in Kazakh, Russian and English, none empty', () => {
    for (const key of messageKeys() as MessageKey[]) {
      for (const lang of LANGS) expect(t(lang, key), `${lang} ${key}`).not.toBe('');
    }
  });

  it('defines each key once: no feature’s table repeats another’s', () => {
    expect(duplicateKeys()).toEqual([]);
    const one = { en: () => ({ a: 'A', b: 'B' }), kk: () => ({ a: 'А', b: 'Б' }), ru: () => ({ a: 'А', b: 'Б' }) };
    const clash = { en: () => ({ b: 'b' }), kk: () => ({ b: 'б' }), ru: () => ({ b: 'б' }) };
    const cat = makeCatalogue<'a' | 'b'>([one, clash]);
    expect(cat.duplicateKeys()).toEqual(['b']);
    // The first table's message is the one shown; a language without the key falls back to English.
    expect(cat.t('kk', 'b')).toBe('Б');
    expect(makeCatalogue<'c'>([{ en: () => ({ c: 'C' }), kk: () => ({}), ru: () => ({}) }]).t('kk', 'c')).toBe('C');
  });

  it('makes a table only when a lookup reaches it, and once (an execution starts without them)', () => {
    const made: string[] = [];
    const part = (name: string, entries: Record<string, string>) => {
      const make = (lang: string) => () => {
        made.push(`${name}.${lang}`);
        return entries;
      };
      return { en: make('en'), kk: make('kk'), ru: make('ru') };
    };
    const cat = makeCatalogue<'a' | 'b'>([part('first', { a: 'A' }), part('second', { b: 'B' })]);
    expect(made).toEqual([]);
    expect(cat.t('kk', 'a')).toBe('A');
    expect(made).toEqual(['first.kk']);
    cat.t('kk', 'b');
    cat.t('kk', 'a');
    expect(made).toEqual(['first.kk', 'second.kk']);
  });

  it('uses the same placeholders in every language', () => {
    for (const key of messageKeys() as MessageKey[]) {
      expect(placeholders(t('kk', key)), key).toEqual(placeholders(t('en', key)));
      expect(placeholders(t('ru', key)), key).toEqual(placeholders(t('en', key)));
    }
  });

  it('is Kazakh by default in the menu and the sheet names', () => {
    expect(t('kk', 'menu.title')).toBe('Кітапхана');
    expect(t('kk', 'sheet.readers')).toBe('Оқырмандар');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'error.missingColumn', { sheet: 'Loans', column: 'Due' })).toBe(
      'The sheet "Loans" has no column "Due". Add it back (or run Set up workbook).',
    );
    expect(t('en', 'error.unexpected')).toContain('{message}');
  });
});

describe('the schema', () => {
  it('never gives two sheets the same name, in any pair of languages', () => {
    const owner = new Map<string, string>();
    for (const def of SHEETS) {
      for (const name of allLanguages(sheetNameKey(def.key))) {
        const prev = owner.get(normalise(name));
        expect(prev === undefined || prev === def.key, `${name}: ${prev} and ${def.key}`).toBe(true);
        owner.set(normalise(name), def.key);
      }
    }
  });

  it('never gives two columns of one sheet the same header, in any pair of languages', () => {
    for (const def of SHEETS) {
      const owner = new Map<string, string>();
      for (const col of def.columns) {
        for (const label of allLanguages(headerKey(def.key, col.key))) {
          const prev = owner.get(normalise(label));
          expect(prev === undefined || prev === col.key, `${def.key}: "${label}" is ${prev} and ${col.key}`).toBe(true);
          owner.set(normalise(label), col.key);
        }
      }
    }
  });

  it('gives every dropdown value a label that means one code only, in any language', () => {
    for (const e of Object.keys(ENUMS) as EnumName[]) {
      const owner = new Map<string, string>();
      for (const code of ENUMS[e]) {
        for (const label of allLanguages(enumKey(e, code))) {
          const prev = owner.get(normalise(label));
          expect(prev === undefined || prev === code, `${e}: "${label}"`).toBe(true);
          owner.set(normalise(label), code);
        }
      }
    }
  });

  it('is described in the README exactly as the code defines it (npm run docs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(readmeWithSchema(readme));
  });
});
