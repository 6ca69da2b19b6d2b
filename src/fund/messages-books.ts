/** The fund's books (КСУ, inventory book) and its Log sentences, in the three languages. */
import { defineMessages } from '../i18n/define';

export const fundBookMessages = defineMessages({
  en: () => ({
    'fund.ksu.prompt': 'The summary accounting book of which year? (this year when empty)',
    'fund.ksu.part1': '1. Receipts',
    'fund.ksu.part2': '2. Withdrawals',
    'fund.ksu.part3': '3. Totals',
    'fund.ksu.check': 'Check against the Copies sheet',
    'fund.ksu.totalYear': 'Total for {year}',
    'fund.ksu.actApproved': 'act {act}, approved',
    'fund.ksu.actDraft': 'act {act}, draft',
    'fund.ksu.heldStart': 'Held on {date}',
    'fund.ksu.received': 'Received in {year}',
    'fund.ksu.withdrawn': 'Withdrawn in {year}',
    'fund.ksu.heldEnd': 'Held on {date}',
    'fund.ksu.copiesHeld': 'The Copies sheet: held on {date}',
    'fund.ksu.agrees': 'The book agrees with the Copies sheet.',
    'fund.ksu.difference': 'Difference',
    'fund.ksu.diff.record':
      'Record {record}: the book has {bookCopies} copies for {bookSum}; the Copies sheet has {sheetCopies} copies for {sheetSum} with this record.',
    'fund.ksu.diff.act':
      'Act {act}: the act lists {bookCopies} copies for {bookSum}; the Copies sheet has {sheetCopies} copies for {sheetSum} written off by it.',
    'fund.ksu.diff.held':
      '{kind}, held on {date}: the book {bookCopies} copies for {bookSum}; the Copies sheet {sheetCopies} copies for {sheetSum}.',
    'fund.ksu.diff.noRecord':
      '{count} copies for {sum} have no receipt record ({sample}): take them onto the books or record their arrival.',
    'fund.ksu.diff.unknownRecord':
      '{count} copies carry receipt record {record}, which the Receipts sheet does not hold ({sample}).',
    'fund.ksu.diff.unknownAct':
      '{count} copies are written off by act {act}, which is not on the Acts sheet or is cancelled ({sample}).',
    'fund.ksu.diff.interrupted': '{what} was interrupted and is not counted; the next fund action completes it.',
    'fund.ksu.done': 'The summary accounting book for {year} is built; it agrees with the Copies sheet.',
    'fund.ksu.doneDifferences':
      'The summary accounting book for {year} is built. It differs from the Copies sheet in {count} points; the first: {first}',
    'fund.book.done': 'The inventory book is rebuilt: {lines} lines.',
    'fund.book.receipt': 'record {record}: {source}, {document}',
    'fund.book.act': 'act {act} of {date}',
    'log.arrival': 'Arrival',
    'log.arrival.details':
      'Record {record}: {source}, {document}; {titles} titles, {copies} copies for {sum}; numbers {numbers}.',
    'log.arrivalCompleted': 'Arrival completed',
    'log.arrivalCompleted.details': 'Receipt record {record}, interrupted, is complete.',
    'log.balance': 'Fund onto the books',
    'log.balance.details': 'Record {record}: {copies} copies for {sum}, held on {date}.',
    'log.writeOff': 'Write-off act',
    'log.writeOff.details': 'Act {act} of {date}: {copies} copies for {sum}.',
    'log.actApproved': 'Act approved',
    'log.actApproved.details': 'Act {act}.',
    'log.actCancelled': 'Act cancelled',
    'log.actCancelled.details': 'Act {act}: {copies} copies restored.',
    'log.actCompleted': 'Act completed',
    'log.actCompleted.details': 'Act {act}, interrupted, is complete.',
    'log.stocktakeOpen': 'Stocktake opened',
    'log.stocktakeOpen.details': 'Stocktake {id}: {expected} copies expected, {onLoan} on loan.',
    'log.stocktakeClose': 'Stocktake closed',
    'log.stocktakeClose.details':
      'Stocktake {id}: found {found} of {expected}, on loan {onLoan}, missing {missing}, not in the fund {unknown}, in the wrong section {misplaced}.',
    'log.raid': 'Raid',
    'log.raid.details': '{kind}, {class}: {count} copies checked, {replace} to replace.',
  }),
  kk: () => ({
    'fund.ksu.prompt': 'Қай жылдың жиынтық есеп кітабы? (бос болса — биылғы)',
    'fund.ksu.part1': '1. Түсім',
    'fund.ksu.part2': '2. Есептен шығару',
    'fund.ksu.part3': '3. Қорытынды',
    'fund.ksu.check': '«Даналар» парағымен салыстыру',
    'fund.ksu.totalYear': '{year} жылғы барлығы',
    'fund.ksu.actApproved': '{act} акт, бекітілген',
    'fund.ksu.actDraft': '{act} акт, жоба',
    'fund.ksu.heldStart': '{date} күнгі қор',
    'fund.ksu.received': '{year} жылы түсті',
    'fund.ksu.withdrawn': '{year} жылы есептен шығарылды',
    'fund.ksu.heldEnd': '{date} күнгі қор',
    'fund.ksu.copiesHeld': '«Даналар» парағы: {date} күнгі қор',
    'fund.ksu.agrees': 'Кітап «Даналар» парағымен сәйкес.',
    'fund.ksu.difference': 'Айырма',
    'fund.ksu.diff.record':
      '{record} жазба: кітапта {bookSum} сомасына {bookCopies} дана; «Даналар» парағында осы жазбамен {sheetSum} сомасына {sheetCopies} дана.',
    'fund.ksu.diff.act':
      '{act} акт: актіде {bookSum} сомасына {bookCopies} дана; «Даналар» парағында ол есептен шығарған {sheetSum} сомасына {sheetCopies} дана.',
    'fund.ksu.diff.held':
      '{kind}, {date} күнгі қор: кітапта {bookSum} сомасына {bookCopies} дана; «Даналар» парағында {sheetSum} сомасына {sheetCopies} дана.',
    'fund.ksu.diff.noRecord':
      '{sum} сомасына {count} дананың түсім жазбасы жоқ ({sample}): оларды есепке алыңыз не түсімін жазыңыз.',
    'fund.ksu.diff.unknownRecord':
      '{count} данада {record} түсім жазбасы тұр, ал «Түсімдер» парағында ол жоқ ({sample}).',
    'fund.ksu.diff.unknownAct':
      '{count} дана {act} актпен есептен шығарылған, ал ол «Актілер» парағында жоқ не күші жойылған ({sample}).',
    'fund.ksu.diff.interrupted': '{what} үзіліп қалды және саналмады; қордағы келесі әрекет оны аяқтайды.',
    'fund.ksu.done': '{year} жылғы жиынтық есеп кітабы құрылды; ол «Даналар» парағымен сәйкес.',
    'fund.ksu.doneDifferences':
      '{year} жылғы жиынтық есеп кітабы құрылды. Оның «Даналар» парағынан {count} айырмасы бар; біріншісі: {first}',
    'fund.book.done': 'Инвентарлық кітап қайта құрылды: {lines} жол.',
    'fund.book.receipt': '{record} жазба: {source}, {document}',
    'fund.book.act': '{date} күнгі {act} акт',
    'log.arrival': 'Түсім',
    'log.arrival.details':
      '{record} жазба: {source}, {document}; {titles} басылым, {sum} сомасына {copies} дана; нөмірлері {numbers}.',
    'log.arrivalCompleted': 'Түсім аяқталды',
    'log.arrivalCompleted.details': 'Үзілген {record} түсім жазбасы толық жазылды.',
    'log.balance': 'Қор есепке алынды',
    'log.balance.details': '{record} жазба: {date} күнгі {sum} сомасына {copies} дана.',
    'log.writeOff': 'Есептен шығару актісі',
    'log.writeOff.details': '{date} күнгі {act} акт: {sum} сомасына {copies} дана.',
    'log.actApproved': 'Акт бекітілді',
    'log.actApproved.details': '{act} акт.',
    'log.actCancelled': 'Акттің күші жойылды',
    'log.actCancelled.details': '{act} акт: {copies} дана қалпына келтірілді.',
    'log.actCompleted': 'Акт аяқталды',
    'log.actCompleted.details': 'Үзілген {act} акт толық жазылды.',
    'log.stocktakeOpen': 'Түгендеу ашылды',
    'log.stocktakeOpen.details': '{id} түгендеу: {expected} дана күтіледі, оқырманда {onLoan}.',
    'log.stocktakeClose': 'Түгендеу жабылды',
    'log.stocktakeClose.details':
      '{id} түгендеу: {expected} дананың {found} данасы табылды, оқырманда {onLoan}, жоқ {missing}, қорда жоқ {unknown}, басқа бөлімде {misplaced}.',
    'log.raid': 'Рейд',
    'log.raid.details': '{kind}, {class}: {count} дана тексерілді, {replace} дананы ауыстыру керек.',
  }),
  ru: () => ({
    'fund.ksu.prompt': 'Книга суммарного учёта за какой год? (пусто — за текущий)',
    'fund.ksu.part1': '1. Поступление',
    'fund.ksu.part2': '2. Выбытие',
    'fund.ksu.part3': '3. Итоги движения',
    'fund.ksu.check': 'Сверка с листом «Экземпляры»',
    'fund.ksu.totalYear': 'Итого за {year}',
    'fund.ksu.actApproved': 'акт {act}, утверждён',
    'fund.ksu.actDraft': 'акт {act}, проект',
    'fund.ksu.heldStart': 'Состоит на {date}',
    'fund.ksu.received': 'Поступило за {year}',
    'fund.ksu.withdrawn': 'Выбыло за {year}',
    'fund.ksu.heldEnd': 'Состоит на {date}',
    'fund.ksu.copiesHeld': 'Лист «Экземпляры»: состоит на {date}',
    'fund.ksu.agrees': 'Книга сходится с листом «Экземпляры».',
    'fund.ksu.difference': 'Расхождение',
    'fund.ksu.diff.record':
      'Запись {record}: в книге {bookCopies} экз. на {bookSum}; на листе «Экземпляры» с этой записью {sheetCopies} экз. на {sheetSum}.',
    'fund.ksu.diff.act':
      'Акт {act}: в акте {bookCopies} экз. на {bookSum}; на листе «Экземпляры» им списано {sheetCopies} экз. на {sheetSum}.',
    'fund.ksu.diff.held':
      '{kind}, состоит на {date}: по книге {bookCopies} экз. на {bookSum}; по листу «Экземпляры» {sheetCopies} экз. на {sheetSum}.',
    'fund.ksu.diff.noRecord':
      'У {count} экз. на {sum} нет записи КСУ ({sample}): поставьте их на учёт или запишите их поступление.',
    'fund.ksu.diff.unknownRecord':
      'У {count} экз. указана запись КСУ {record}, которой нет на листе «Поступления» ({sample}).',
    'fund.ksu.diff.unknownAct':
      '{count} экз. списаны актом {act}, которого нет на листе «Акты списания» или он отменён ({sample}).',
    'fund.ksu.diff.interrupted': '{what} прервано и не учтено; следующее действие с фондом его завершит.',
    'fund.ksu.done': 'Книга суммарного учёта за {year} составлена; она сходится с листом «Экземпляры».',
    'fund.ksu.doneDifferences':
      'Книга суммарного учёта за {year} составлена. Расхождений с листом «Экземпляры»: {count}; первое: {first}',
    'fund.book.done': 'Инвентарная книга составлена заново: строк {lines}.',
    'fund.book.receipt': 'запись {record}: {source}, {document}',
    'fund.book.act': 'акт {act} от {date}',
    'log.arrival': 'Поступление',
    'log.arrival.details':
      'Запись {record}: {source}, {document}; изданий {titles}, {copies} экз. на {sum}; номера {numbers}.',
    'log.arrivalCompleted': 'Поступление завершено',
    'log.arrivalCompleted.details': 'Прерванная запись КСУ {record} записана полностью.',
    'log.balance': 'Фонд поставлен на учёт',
    'log.balance.details': 'Запись {record}: {copies} экз. на {sum} по состоянию на {date}.',
    'log.writeOff': 'Акт списания',
    'log.writeOff.details': 'Акт {act} от {date}: {copies} экз. на {sum}.',
    'log.actApproved': 'Акт утверждён',
    'log.actApproved.details': 'Акт {act}.',
    'log.actCancelled': 'Акт отменён',
    'log.actCancelled.details': 'Акт {act}: восстановлено экземпляров {copies}.',
    'log.actCompleted': 'Акт завершён',
    'log.actCompleted.details': 'Прерванный акт {act} записан полностью.',
    'log.stocktakeOpen': 'Инвентаризация открыта',
    'log.stocktakeOpen.details': 'Инвентаризация {id}: ожидается {expected} экз., на руках {onLoan}.',
    'log.stocktakeClose': 'Инвентаризация закрыта',
    'log.stocktakeClose.details':
      'Инвентаризация {id}: найдено {found} из {expected}, на руках {onLoan}, отсутствует {missing}, нет в фонде {unknown}, не в своём разделе {misplaced}.',
    'log.raid': 'Рейд',
    'log.raid.details': '{kind}, {class}: проверено {count} экз., заменить {replace}.',
  }),
});
