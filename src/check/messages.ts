/** Messages of Check the workbook: each problem, where it is and what to do about it. */
import { defineMessages } from '../i18n/define';

export const checkMessages = defineMessages({
  en: () => ({
    'check.ok': 'The workbook is in order: no problems found.',
    'check.found': 'Problems found: {count}. Each line says where, what and what to do.',
    'check.more': '…and {count} more: put these right and check again.',
    'check.where': '{sheet}, row {row}',
    'check.col.where': 'Where',
    'check.col.what': 'What',
    'check.col.fix': 'What to do',
    'check.classUnknown': '{name}: class “{class}” is not on the Classes sheet.',
    'check.fix.classUnknown': 'Add the class to Classes (with its teacher), or correct the spelling here.',
    'check.classClash': 'Class “{class}” matches several Classes rows spelled alike: {classes}.',
    'check.fix.classClash': 'Keep one row per class on Classes (Latin and Cyrillic letters look alike: 7A and 7А).',
    'check.duplicateCode': 'Code {code} is also in row {first}.',
    'check.fix.duplicateCode': 'Give one of them a new code: the desk cannot tell them apart.',
    'check.codeAsNumber': 'Code {code} is stored as a number: its leading zeros may be lost.',
    'check.fix.codeAsNumber':
      'Run Set up workbook (the column becomes plain text), then retype the code as it is printed.',
    'check.notADate': '“{column}” holds “{value}”, not a date.',
    'check.fix.notADate': 'Type the date as dd.mm.yyyy.',
    'check.settingNotUsed': 'Setting “{key}” is “{value}”: the library cannot use this value.',
    'check.fix.settingNotUsed':
      'Write it as the note beside it says ({note}). Until then the library goes by what it can read of it, or by the default “{default}”.',
    'check.loanTwice': 'Copy {inventory} has a second open loan (the first is in row {first}).',
    'check.fix.loanTwice': 'Close the wrong loan: fill in its return date and set its status to returned.',
    'check.loanReaderMissing': 'Loan {loanId}: reader {reader} is not on the Readers sheet.',
    'check.fix.loanReaderMissing':
      'Put the reader back (readers who left stay on the sheet, marked left), or correct the code.',
    'check.loanCopyMissing': 'Loan {loanId}: copy {inventory} is not on the Copies sheet.',
    'check.fix.loanCopyMissing':
      'Put the copy back (written-off copies stay on the sheet, marked), or correct the number.',
    'check.copyWithoutLoan':
      'Copy {inventory} is marked on loan to {reader}, but no open loan on the Loans sheet says so.',
    'check.fix.copyWithoutLoan':
      'If the book is on the shelf, return it at the desk (it is taken back and the Log says so).',
    'check.loanCopyDisagree':
      "Copy {inventory}: the open loan in row {loanRow} is to {reader}, but the copy's row says otherwise.",
    'check.fix.loanCopyDisagree': 'Return the copy at the desk and issue it again to whoever holds it.',
    'check.holdingsDiffer': '{name}: the “On loan” record lists {recorded} books, the Copies sheet {copies}.',
    'check.fix.holdingsDiffer': 'Run Set up workbook: it rebuilds the record from the Copies sheet.',
    'check.holdingsUnreadable': '{name}: the “On loan” record was edited by hand and cannot be read.',
    'check.fix.holdingsUnreadable': 'Run Set up workbook: it rebuilds the record from the Copies sheet.',
  }),
  kk: () => ({
    'check.ok': 'Кесте ретті: ешқандай мәселе табылмады.',
    'check.found': 'Табылған мәселе: {count}. Әр жолда қайда, не болғаны және не істеу керегі жазылған.',
    'check.more': '…және тағы {count}: осыларды түзетіп, қайта тексеріңіз.',
    'check.where': '{sheet}, {row}-жол',
    'check.col.where': 'Қайда',
    'check.col.what': 'Не',
    'check.col.fix': 'Не істеу керек',
    'check.classUnknown': '{name}: «{class}» сыныбы «Сыныптар» парағында жоқ.',
    'check.fix.classUnknown': 'Сыныпты «Сыныптар» парағына (жетекшісімен) қосыңыз немесе мұнда жазылуын түзетіңіз.',
    'check.classClash': '«{class}» сыныбы ұқсас жазылған бірнеше жолға сәйкес келеді: {classes}.',
    'check.fix.classClash':
      '«Сыныптар» парағында әр сыныпқа бір жол қалдырыңыз (латын мен кирилл әріптері ұқсас: 7A және 7А).',
    'check.duplicateCode': '{code} коды {first}-жолда да бар.',
    'check.fix.duplicateCode': 'Біреуіне жаңа код беріңіз: үстел оларды ажырата алмайды.',
    'check.codeAsNumber': '{code} коды сан ретінде сақталған: алдыңғы нөлдері жоғалуы мүмкін.',
    'check.fix.codeAsNumber':
      'Кестені баптауды іске қосыңыз (баған мәтінге айналады), содан кейін кодты басылғандай қайта теріңіз.',
    'check.notADate': '«{column}» бағанында күн емес, «{value}» тұр.',
    'check.fix.notADate': 'Күнді кк.аа.жжжж түрінде теріңіз.',
    'check.settingNotUsed': '«{key}» баптауында «{value}» тұр: кітапхана бұл мәнді қолдана алмайды.',
    'check.fix.settingNotUsed':
      'Жанындағы түсініктемеде айтылғандай жазыңыз ({note}). Оған дейін кітапхана одан оқи алғанын, болмаса әдепкі «{default}» мәнін қолданады.',
    'check.loanTwice': '{inventory} данасының екінші ашық берісі бар (біріншісі {first}-жолда).',
    'check.fix.loanTwice': 'Қате берісті жабыңыз: қайтарылған күнін толтырып, күйін «қайтарылды» етіңіз.',
    'check.loanReaderMissing': '{loanId} берісі: {reader} оқырманы «Оқырмандар» парағында жоқ.',
    'check.fix.loanReaderMissing':
      'Оқырманды қайта қосыңыз (шыққан оқырмандар парақта «шығып кеткен» деп қалады) немесе кодты түзетіңіз.',
    'check.loanCopyMissing': '{loanId} берісі: {inventory} данасы «Даналар» парағында жоқ.',
    'check.fix.loanCopyMissing':
      'Дананы қайта қосыңыз (есептен шығарылғандар парақта белгімен қалады) немесе нөмірін түзетіңіз.',
    'check.copyWithoutLoan':
      '{inventory} данасы {reader} оқырманында деп белгіленген, бірақ «Берілген кітаптар» парағында ашық беріс жоқ.',
    'check.fix.copyWithoutLoan': 'Кітап сөреде болса, оны үстелде қайтарыңыз (қайтарылып, журналға жазылады).',
    'check.loanCopyDisagree':
      '{inventory} данасы: {loanRow}-жолдағы ашық беріс {reader} оқырманына, ал дана жолы басқаны көрсетеді.',
    'check.fix.loanCopyDisagree': 'Дананы үстелде қайтарып, кімде болса, соған қайта беріңіз.',
    'check.holdingsDiffer': '{name}: «Қолындағы кітаптар» жазбасында {recorded} кітап, «Даналар» парағында {copies}.',
    'check.fix.holdingsDiffer': 'Кестені баптауды іске қосыңыз: ол жазбаны «Даналар» парағы бойынша қайта құрады.',
    'check.holdingsUnreadable': '{name}: «Қолындағы кітаптар» жазбасы қолмен өзгертілген, оны оқу мүмкін емес.',
    'check.fix.holdingsUnreadable': 'Кестені баптауды іске қосыңыз: ол жазбаны «Даналар» парағы бойынша қайта құрады.',
  }),
  ru: () => ({
    'check.ok': 'В таблице порядок: проблем не найдено.',
    'check.found': 'Найдено проблем: {count}. В каждой строке — где, что и что сделать.',
    'check.more': '…и ещё {count}: исправьте эти и проверьте снова.',
    'check.where': '{sheet}, строка {row}',
    'check.col.where': 'Где',
    'check.col.what': 'Что',
    'check.col.fix': 'Что сделать',
    'check.classUnknown': '{name}: класса «{class}» нет на листе «Классы».',
    'check.fix.classUnknown': 'Добавьте класс на лист «Классы» (с руководителем) или исправьте написание здесь.',
    'check.classClash': 'Класс «{class}» совпадает с несколькими похожими строками «Классов»: {classes}.',
    'check.fix.classClash':
      'Оставьте на листе «Классы» одну строку на класс (латинские и кириллические буквы похожи: 7A и 7А).',
    'check.duplicateCode': 'Код {code} есть и в строке {first}.',
    'check.fix.duplicateCode': 'Дайте одному из них новый код: выдача не может их различить.',
    'check.codeAsNumber': 'Код {code} хранится как число: ведущие нули могут теряться.',
    'check.fix.codeAsNumber':
      'Запустите настройку таблицы (столбец станет текстовым) и введите код заново, как он напечатан.',
    'check.notADate': 'В столбце «{column}» не дата, а «{value}».',
    'check.fix.notADate': 'Введите дату в виде дд.мм.гггг.',
    'check.settingNotUsed': 'В настройке «{key}» стоит «{value}»: это значение библиотека использовать не может.',
    'check.fix.settingNotUsed':
      'Запишите так, как сказано в пояснении рядом ({note}). До тех пор библиотека берёт то, что может из него прочесть, или значение по умолчанию «{default}».',
    'check.loanTwice': 'У экземпляра {inventory} вторая открытая выдача (первая в строке {first}).',
    'check.fix.loanTwice': 'Закройте ошибочную выдачу: заполните дату возврата и поставьте статус «возвращено».',
    'check.loanReaderMissing': 'Выдача {loanId}: читателя {reader} нет на листе «Читатели».',
    'check.fix.loanReaderMissing': 'Верните читателя (выбывшие остаются на листе с отметкой) или исправьте код.',
    'check.loanCopyMissing': 'Выдача {loanId}: экземпляра {inventory} нет на листе «Экземпляры».',
    'check.fix.loanCopyMissing': 'Верните экземпляр (списанные остаются на листе с отметкой) или исправьте номер.',
    'check.copyWithoutLoan':
      'Экземпляр {inventory} отмечен как выданный ({reader}), но открытой выдачи на листе «Выдачи» нет.',
    'check.fix.copyWithoutLoan': 'Если книга на полке, оформите возврат на выдаче (он будет записан в журнал).',
    'check.loanCopyDisagree':
      'Экземпляр {inventory}: открытая выдача в строке {loanRow} — {reader}, а строка экземпляра говорит иное.',
    'check.fix.loanCopyDisagree': 'Оформите возврат и выдайте экземпляр заново тому, у кого он на руках.',
    'check.holdingsDiffer': '{name}: в записи «На руках» книг {recorded}, на листе «Экземпляры» — {copies}.',
    'check.fix.holdingsDiffer': 'Запустите настройку таблицы: она восстановит запись по листу «Экземпляры».',
    'check.holdingsUnreadable': '{name}: запись «На руках» изменена вручную и не читается.',
    'check.fix.holdingsUnreadable': 'Запустите настройку таблицы: она восстановит запись по листу «Экземпляры».',
  }),
});
