/**
 * The saved layout of a large school: a property value holds at most 9 KB (bytes, and a Cyrillic
 * letter takes two), so the classes' list — 160 classes with their teachers' names in Kazakh — is
 * kept in chunks of bytes, and a desk scan stays one search and one read instead of rebuilding the
 * layout from every sheet at each execution.
 */
import { describe, expect, it } from 'vitest';
import { seedLyceum } from '../support/desk-fixture';
import { addRows, libraryRuntime } from '../support/library';

describe('the saved layout of a school with many classes', () => {
  it('is kept in chunks under 9 KB each, so a scan costs what it costs at the lyceum', () => {
    const rt = libraryRuntime();
    seedLyceum(rt);
    const letters = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШ';
    addRows(
      rt,
      'classes',
      Array.from({ length: 160 }, (_, i) => ({
        class: `${5 + (i % 7)}${letters[Math.floor(i / 7)]}`,
        grade: 5 + (i % 7),
        teacher: `Сейітқалиқызы Гүлжазира Жақсылыққызы ${i}`,
        email: `class${i}@lyceum92.kz`,
      })),
    );
    rt.call('deskFindReader', '00123');
    const saved = rt.properties.dump('document');
    const values = Object.entries(saved).filter(([k]) => k.startsWith('library.layout.'));
    expect(values.some(([k]) => k.startsWith('library.layout.1.classes#1'))).toBe(true);
    for (const [key, value] of values)
      expect(new TextEncoder().encode(value).length, key).toBeLessThanOrEqual(9 * 1024);
    rt.counters.reset();
    rt.call('deskFindReader', '00123');
    expect(rt.counters.spreadsheetTotal()).toBeLessThanOrEqual(2);
  });
});
