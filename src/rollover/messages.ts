/** Messages of the year-end rollover (src/rollover): the menu item, the confirmation, refusals, the Log. */
import { defineMessages } from '../i18n/define';

export const rolloverMessages = defineMessages({
  en: () => ({
    'menu.rollover': 'Year-end rollover…',
    'rollover.title': 'Year-end rollover',
    'rollover.confirm':
      'Close the school year {year}?\n\n• {up} pupils move up a grade (class 7А becomes 8А; the Classes sheet moves {classes} classes with them);\n• {graduates} pupils of the last grade graduate: marked left on 31 July, their class kept with the year of graduation (11А becomes 11А (2026)), so their records stay valid;\n• {loans} returned loans issued and returned before {before} move to the archive spreadsheet (its id goes to Settings, archiveId); open, lost and replaced loans stay.\n\nAdd the new fifth-grade classes to the Classes sheet afterwards. Go on?',
    'rollover.confirmResume':
      'The rollover of the school year {year} was stopped before it ended. Finish it now? Still to do: {up} pupils to move up, {graduates} to graduate, {classes} classes, {loans} loans to archive.',
    'rollover.cancelled': 'Nothing was changed.',
    'rollover.partial':
      'The rollover is not finished yet ({archived} loans archived in this run; Apps Script stops a run after 6 minutes). Choose Year-end rollover again to go on: nothing is lost or done twice.',
    'rollover.done':
      'The school year is closed. Add the new classes (the fifth grade) to the Classes sheet; the statistics of past years read the archive when they need it.',
    'rollover.notSummer':
      'The year-end rollover is done in summer, after the school year ends: the one of {year} from {from} to {to}.',
    'rollover.alreadyDone':
      'The school year {year} is already closed: its pupils were moved up and its old loans archived. The next rollover is next summer.',
    'rollover.archiveMissing':
      'The archive spreadsheet (Settings, archiveId {id}) cannot be opened. Share it with this account, or put its right id in Settings.',
    'rollover.archiveName': '{library}: archive of loans',
    'rollover.col.archived': 'Archived',
    'log.rollover': 'Year-end rollover',
    'log.rollover.details':
      'School year {year} closed: {up} pupils moved up a grade, {graduates} graduated, {loans} returned loans moved to the archive.',
    'setting.maxGrade': 'The last grade: its pupils graduate at the year-end rollover',
    'setting.archiveAfterYears': 'School years of returned loans kept on the Loans sheet; older ones go to the archive',
    'setting.archiveId':
      'The archive spreadsheet of old loans (the year-end rollover creates it and writes its id here)',
  }),
  kk: () => ({
    'menu.rollover': 'Оқу жылын жабу…',
    'rollover.title': 'Оқу жылын жабу',
    'rollover.confirm':
      '{year} оқу жылы жабылсын ба?\n\n• {up} оқушы келесі сыныпқа көшеді (7А сыныбы 8А болады; Сыныптар парағында {classes} сынып бірге көшеді);\n• соңғы сыныптың {graduates} оқушысы бітіреді: 31 шілдеде кетті деп белгіленеді, сыныбы бітірген жылымен сақталады (11А → 11А (2026)), сондықтан олардың жазбалары дұрыс қалады;\n• {before} дейін берілген және қайтарылған {loans} кітап беру жазбасы мұрағат кестесіне көшеді (оның идентификаторы Баптауларда, archiveId); ашық, жоғалған және ауыстырылған жазбалар қалады.\n\nКейін жаңа бесінші сыныптарды Сыныптар парағына қосыңыз. Жалғастыру керек пе?',
    'rollover.confirmResume':
      '{year} оқу жылын жабу аяқталмай тоқтап қалды. Қазір аяқтау керек пе? Қалғаны: {up} оқушыны көшіру, {graduates} оқушыны бітіру, {classes} сынып, {loans} жазбаны мұрағатқа көшіру.',
    'rollover.cancelled': 'Ешнәрсе өзгертілмеді.',
    'rollover.partial':
      'Оқу жылын жабу әлі аяқталған жоқ (бұл жолы {archived} жазба мұрағатқа көшті; Apps Script орындауды 6 минуттан кейін тоқтатады). Жалғастыру үшін «Оқу жылын жабу» пунктін қайта таңдаңыз: ештеңе жоғалмайды және екі рет жасалмайды.',
    'rollover.done':
      'Оқу жылы жабылды. Жаңа сыныптарды (бесінші сыныптар) Сыныптар парағына қосыңыз; өткен жылдардың статистикасы қажет болса мұрағатты оқиды.',
    'rollover.notSummer':
      'Оқу жылын жабу жазда, оқу жылы аяқталғаннан кейін жасалады: {year} оқу жылы үшін {from} бастап {to} дейін.',
    'rollover.alreadyDone':
      '{year} оқу жылы жабылған: оқушылары көшірілді, ескі жазбалары мұрағатқа көшті. Келесі жабу — келесі жазда.',
    'rollover.archiveMissing':
      'Мұрағат кестесін (Баптаулар, archiveId {id}) ашу мүмкін емес. Оны осы аккаунтпен бөлісіңіз немесе Баптауларға дұрыс идентификаторын жазыңыз.',
    'rollover.archiveName': '{library}: кітап беру мұрағаты',
    'rollover.col.archived': 'Мұрағатқа көшті',
    'log.rollover': 'Оқу жылын жабу',
    'log.rollover.details':
      '{year} оқу жылы жабылды: {up} оқушы келесі сыныпқа көшті, {graduates} оқушы бітірді, қайтарылған {loans} жазба мұрағатқа көшті.',
    'setting.maxGrade': 'Соңғы сынып: оның оқушылары оқу жылын жабу кезінде бітіреді',
    'setting.archiveAfterYears': 'Кітап беру парағында сақталатын оқу жылдары; ескілері мұрағатқа көшеді',
    'setting.archiveId': 'Ескі жазбалардың мұрағат кестесі (оқу жылын жабу оны құрып, идентификаторын осында жазады)',
  }),
  ru: () => ({
    'menu.rollover': 'Закрыть учебный год…',
    'rollover.title': 'Закрытие учебного года',
    'rollover.confirm':
      'Закрыть {year} учебный год?\n\n• {up} учеников переходят в следующий класс (7А становится 8А; лист «Классы» переводит вместе с ними {classes} классов);\n• {graduates} учеников последнего класса выпускаются: отмечены выбывшими 31 июля, класс сохраняется с годом выпуска (11А → 11А (2026)), так что их записи остаются верными;\n• {loans} закрытых выдач, выданных и возвращённых до {before}, переносятся в таблицу-архив (её id в Настройках, archiveId); открытые, утерянные и заменённые выдачи остаются.\n\nПотом добавьте новые пятые классы на лист «Классы». Продолжить?',
    'rollover.confirmResume':
      'Закрытие {year} учебного года было прервано. Завершить сейчас? Осталось: перевести {up} учеников, выпустить {graduates}, {classes} классов, перенести в архив {loans} выдач.',
    'rollover.cancelled': 'Ничего не изменено.',
    'rollover.partial':
      'Закрытие года ещё не завершено (в этот раз в архив перенесено {archived} выдач; Apps Script останавливает выполнение через 6 минут). Выберите «Закрыть учебный год» ещё раз: ничего не потеряется и не повторится.',
    'rollover.done':
      'Учебный год закрыт. Добавьте новые классы (пятые) на лист «Классы»; статистика прошлых лет при необходимости читает архив.',
    'rollover.notSummer': 'Учебный год закрывают летом, после его окончания: {year} — с {from} по {to}.',
    'rollover.alreadyDone':
      '{year} учебный год уже закрыт: ученики переведены, старые выдачи в архиве. Следующее закрытие — следующим летом.',
    'rollover.archiveMissing':
      'Таблицу-архив (Настройки, archiveId {id}) не удаётся открыть. Откройте к ней доступ этому аккаунту или впишите в Настройки её верный id.',
    'rollover.archiveName': '{library}: архив выдач',
    'rollover.col.archived': 'В архиве с',
    'log.rollover': 'Закрытие учебного года',
    'log.rollover.details':
      '{year} учебный год закрыт: {up} учеников переведены в следующий класс, {graduates} выпущены, {loans} закрытых выдач перенесены в архив.',
    'setting.maxGrade': 'Последний класс: его ученики выпускаются при закрытии учебного года',
    'setting.archiveAfterYears':
      'Сколько учебных лет закрытых выдач хранить на листе «Выдачи»; более старые уходят в архив',
    'setting.archiveId': 'Таблица-архив старых выдач (закрытие учебного года создаёт её и записывает сюда её id)',
  }),
});
