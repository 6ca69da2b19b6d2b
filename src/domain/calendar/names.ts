/**
 * Persons' names in titles: the Kazakh genitive ("Абай Құнанбайұлының"), the Russian spelling and
 * genitive ("Абая Кунанбайулы"), a Latin spelling for English ("Abai Qunanbaiuly"), and finding a
 * person in a plan's title ("Шоқан Шыңғысұлы Уалихановтың туғанына 190 жыл" is Шоқан Шыңғысұлы
 * Уәлиханов, spelled otherwise). Pure.
 */

/** A name without its parenthesised parts ("Абай (Ибраһим) Құнанбайұлы" → "Абай Құнанбайұлы"). */
export function shortName(name: string): string {
  return String(name ?? '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const VOWELS = 'аәеёиоөуұүыіэюя';
const FRONT = 'әеиөүіэ';
const BACK = 'аоұыя';

/** Whether a Kazakh word takes front (-нің) or back (-ның) endings: its last clear vowel decides. */
function isFront(word: string): boolean {
  let w = word.toLowerCase();
  // Russian surname suffixes follow the root: Жұбанов → Жұбан-, Әуезов → Әуез-.
  w = w.replace(/(ов|ев|ёв)$/u, '');
  for (let i = w.length - 1; i >= 0; i--) {
    if (FRONT.includes(w[i])) return true;
    if (BACK.includes(w[i])) return false;
  }
  return false;
}

/** The Kazakh genitive of a word: -ның/-нің after vowels and м н ң, -дың/-дің after л р у й з ж, else -тың/-тің. */
export function kazakhGenitiveWord(word: string): string {
  const last = word.slice(-1).toLowerCase();
  const front = isFront(word);
  const stem = VOWELS.includes(last) || 'мнң'.includes(last) ? 'н' : 'лруйзж'.includes(last) ? 'д' : 'т';
  return `${word}${stem}${front ? 'ің' : 'ың'}`;
}

/** A person's name in the Kazakh genitive, as a title puts it: the last word takes the ending. */
export function kazakhGenitive(name: string): string {
  const words = shortName(name).split(' ');
  if (words.length === 0 || words[0] === '') return name;
  words[words.length - 1] = kazakhGenitiveWord(words[words.length - 1]);
  return words.join(' ');
}

const TO_RUSSIAN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

/** Kazakh letters written with Russian ones: "Құнанбайұлы" → "Кунанбайулы". */
export function russianSpelling(name: string): string {
  return [...name]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const r = TO_RUSSIAN[lower];
      return r === undefined ? ch : ch === lower ? r : r.toUpperCase();
    })
    .join('');
}

const FEMALE_END = /(кызы|ова|ева|ёва|ина|ская)$/u;

function russianGenitiveWord(word: string, female: boolean): string {
  const lower = word.toLowerCase();
  if (/(улы|кызы)$/u.test(lower)) return word;
  if (female) {
    if (/(ова|ева|ёва|ина)$/u.test(lower)) return `${word.slice(0, -1)}ой`;
    if (/ская$/u.test(lower)) return `${word.slice(0, -2)}ой`;
    if (/[гкхжшщч]а$/u.test(lower)) return `${word.slice(0, -1)}и`;
    if (/а$/u.test(lower)) return `${word.slice(0, -1)}ы`;
    if (/я$/u.test(lower)) return `${word.slice(0, -1)}и`;
    return word;
  }
  if (/ский$/u.test(lower)) return `${word.slice(0, -2)}ого`;
  if (/[йь]$/u.test(lower)) return `${word.slice(0, -1)}я`;
  if (/[гкхжшщч]а$/u.test(lower)) return `${word.slice(0, -1)}и`;
  if (/а$/u.test(lower)) return `${word.slice(0, -1)}ы`;
  if (/я$/u.test(lower)) return `${word.slice(0, -1)}и`;
  if (/[аеёиоуыэюя]$/u.test(lower)) return word;
  return `${word}а`;
}

/**
 * A person's name in Russian, in the genitive ("со дня рождения Абая Кунанбайулы"). Gender comes from
 * the patronymic or the surname (-қызы, -ова: a woman); a name that tells neither is read as a man's.
 */
export function russianGenitive(name: string): string {
  const words = russianSpelling(shortName(name)).split(' ');
  const female =
    words.some((w) => FEMALE_END.test(w.toLowerCase())) && !words.some((w) => /улы$/u.test(w.toLowerCase()));
  return words.map((w) => russianGenitiveWord(w, female)).join(' ');
}

const LATIN: Record<string, string> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'kh',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  і: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A Kazakh name in Latin letters for English text, as English sources spell them ("Abai Qunanbaiuly"). */
export function latinSpelling(name: string): string {
  return shortName(name)
    .split(' ')
    .map((w) => {
      const out = [...w.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
      return out.charAt(0).toUpperCase() + out.slice(1);
    })
    .join(' ');
}

/** A word folded for comparing spellings: lower case, Kazakh letters as their nearest Russian ones. */
function fold(word: string): string {
  return russianSpelling(word.toLowerCase()).replace(/ё/g, 'е');
}

const words = (s: string) =>
  fold(String(s ?? ''))
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);

/** One word is the other with an ending ("уалихановтың" is "уәлиханов" + "тың"), both long enough to tell. */
const sameWord = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));

/**
 * Whether a title (or a Persons cell) names the person: the first and the last word of the person's
 * name (without its parenthesised parts) each appear in it, with or without endings.
 */
export function namesPerson(text: string, person: string): boolean {
  const p = words(shortName(person));
  if (p.length === 0) return false;
  const t = words(text);
  const has = (w: string) => t.some((x) => sameWord(x, w));
  return has(p[0]) && has(p[p.length - 1]);
}

/** The person of `persons` a title names, when exactly one is named. */
export function personInTitle(title: string, persons: readonly string[]): string | null {
  const found = persons.filter((p) => namesPerson(title, p));
  return found.length === 1 ? found[0] : null;
}
