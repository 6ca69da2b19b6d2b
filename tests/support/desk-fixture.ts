/**
 * A small lyceum for desk tests: two classes, pupils (one who left), a teacher, a catalogue with
 * fiction, reference and textbooks, copies (one lost, one written off), and the closed days of
 * December 2026 – January 2027.
 */
import type { Runtime } from '../../emulator';
import { fixtureInto } from './capture';
import { addRows } from './library';

export const day = (d: string) => new Date(`${d}T00:00:00+05:00`);

/** A runtime nobody has touched yet: one sheet, no properties, no triggers, no mail. */
function untouched(rt: Runtime): boolean {
  return (
    rt.spreadsheet.getSheets().length === 1 &&
    Object.keys(rt.properties.dump('document')).length === 0 &&
    rt.triggers.list().length === 0 &&
    rt.mail.outbox.length === 0
  );
}

/**
 * Seeds the lyceum: an untouched runtime gets a copy of the one seeded before with the same time zone,
 * locale and user (sheets, properties, triggers, caches and clock) instead of running Setup and the
 * pastes again, which took half of a desk test's time.
 */
export function seedLyceum(rt: Runtime): void {
  if (!untouched(rt)) {
    sowLyceum(rt);
    return;
  }
  const key = [
    'lyceum',
    rt.spreadsheet.timeZone,
    rt.session.locale(),
    rt.env.userEmail,
    rt.spreadsheet.getSheets()[0].getName(),
  ];
  fixtureInto(rt, JSON.stringify(key), sowLyceum);
}

function sowLyceum(rt: Runtime): void {
  rt.call('setUpWorkbook');
  addRows(rt, 'classes', [
    { class: '7А', grade: 7, teacher: 'Ахметова Гүлнар', email: 'gulnar@lyceum92.kz', language: 'kk' },
    { class: '10Б', grade: 10, teacher: 'Петрова Ирина', email: 'irina@lyceum92.kz', language: 'ru' },
  ]);
  addRows(rt, 'readers', [
    { code: '00123', name: 'Әлиева Аружан', category: 'оқушы', class: '7А', status: 'белсенді' },
    { code: '00124', name: 'Бекова Дана', category: 'оқушы', class: '7А', status: 'белсенді' },
    { code: '00125', name: 'Жақсылықов Ерлан', category: 'оқушы', class: '7А', status: 'белсенді' },
    { code: '00201', name: 'Серікбаев Нұрлан', category: 'оқушы', class: '10Б', status: 'белсенді' },
    {
      code: '00202',
      name: 'Омарова Айгерім',
      category: 'оқушы',
      class: '10Б',
      status: 'шығып кеткен',
      left: day('2026-06-01'),
    },
    { code: 'T001', name: 'Исагулова Айнур', category: 'мұғалім', class: '', status: 'белсенді' },
  ]);
  addRows(rt, 'titles', [
    { titleId: 'F1', kind: 'көркем әдебиет', author: 'Абай Құнанбайұлы', title: 'Қара сөздер' },
    { titleId: 'F2', kind: 'көркем әдебиет', author: 'Мұхтар Әуезов', title: 'Абай жолы' },
    { titleId: 'R1', kind: 'анықтамалық', author: '', title: 'Қазақ энциклопедиясы' },
    { titleId: 'T7M', kind: 'оқулық', author: 'Әбілқасымова А.', title: 'Алгебра 7', grade: 7, subject: 'Алгебра' },
    { titleId: 'T7K', kind: 'оқулық', author: 'Ермекова Т.', title: 'Қазақ тілі 7', grade: 7, subject: 'Қазақ тілі' },
  ]);
  const copy = (inventory: string, titleId: string, status = 'қорда') => ({
    inventory,
    titleId,
    status,
    condition: 'жақсы',
    received: day('2025-08-20'),
    price: 2500,
  });
  addRows(rt, 'copies', [
    copy('000101', 'F1'),
    copy('000102', 'F1'),
    copy('000103', 'F2'),
    copy('000104', 'F2'),
    copy('000105', 'F2'),
    copy('000106', 'F2'),
    copy('000107', 'F2'),
    copy('000201', 'R1'),
    copy('000301', 'F1', 'жоғалған'),
    copy('000302', 'F1', 'есептен шығарылған'),
    // Three Algebra 7 and two Kazakh 7 textbooks for a class of three: Kazakh is one short.
    copy('700001', 'T7M'),
    copy('700002', 'T7M'),
    copy('700003', 'T7M'),
    copy('700101', 'T7K'),
    copy('700102', 'T7K'),
  ]);
  addRows(rt, 'schedule', [
    { from: day('2026-12-16'), to: day('2026-12-17'), kind: 'мереке', note: 'Тәуелсіздік күні' },
    { from: day('2027-01-01'), to: day('2027-01-02'), kind: 'мереке', note: 'Жаңа жыл' },
    { from: day('2027-01-07'), to: day('2027-01-07'), kind: 'мереке', note: 'Рождество' },
  ]);
  rt.ui.log.length = 0;
}
