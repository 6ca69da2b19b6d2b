/**
 * The message catalogue of the program: every string a librarian or a class teacher sees comes from
 * here, in Kazakh (the default), Russian or English. Each feature keeps its table beside its code;
 * they are gathered here, where the program is composed (add a feature's table to CATALOGUE).
 */
import { calendarMessages } from './calendar/messages';
import { checkMessages } from './check/messages';
import { debtorsMessages } from './debtors/messages';
import { deskMessages } from './desk/messages';
import { diagnosticsMessages } from './diagnostics/messages';
import { fundMessages } from './fund/messages';
import { fundBookMessages } from './fund/messages-books';
import { fundSchemaMessages } from './fund/messages-schema';
import { helpMessages } from './help/messages';
import { core } from './i18n/core';
import { makeCatalogue } from './i18n/translator';
import { reportMessages } from './reports/messages';
import { rolloverMessages } from './rollover/messages';
import { logMessages } from './sheets/log-messages';

const CATALOGUE = [
  core,
  deskMessages,
  debtorsMessages,
  logMessages,
  checkMessages,
  diagnosticsMessages,
  reportMessages,
  fundSchemaMessages,
  fundMessages,
  fundBookMessages,
  calendarMessages,
  helpMessages,
  rolloverMessages,
] as const;

type KeysOf<T> = T extends { en: () => Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof CATALOGUE)[number]>;

export const { t, messageKeys, allLanguages, duplicateKeys } = makeCatalogue<MessageKey>(CATALOGUE);
export { DEFAULT_LANG, isLang, LANGS, type Lang, normalise } from './i18n/translator';
