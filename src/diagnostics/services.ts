/**
 * The other services, as far as one execution can see them: a lock taken twice, the mail quota's
 * report, the limits of the document properties and cache, the trigger limit, the Ui at the sheet.
 * Nothing here sends an email or keeps a property, cache entry or trigger past its case.
 */
import { batchGetValues, quotedSheet } from '../sheets/sheets-api';
import { KEY_PREFIX, LEFTOVER_TRIGGER_HANDLER } from './scratch';
import { type Case, type Observed, thrown } from './types';

/** Apps Script's limits as its quotas page and the Cache reference give them. */
const PROPERTY_VALUE_BYTES = 9 * 1024;
const CACHE_KEY_CHARS = 250;
const CACHE_VALUE_BYTES = 100 * 1024;
const TRIGGERS_PER_USER = 20;
/** The most recipients a day any account may email (Workspace; a consumer account has 100). */
const MAIL_QUOTA_CEILING = 1500;

export const SERVICE_CASES: Case[] = [
  {
    // The desk reads a scattered class this way (src/sheets/sheets-api.ts): text stays text, numbers
    // and booleans come as they are, a date as its serial number on the spreadsheet's clock, trailing
    // blanks are left out, a blank range has no values, and the ranges come back in the order asked.
    id: 'sheetsBatchGet',
    where: 'execution',
    expected: { values: [[], [['000123', 3, 45901, true]], [['', 'x']]] },
    run(ctx) {
      const sheet = ctx.newSheet();
      sheet.getRange('A1').setNumberFormat('@');
      sheet.getRange('A1:F1').setValues([['000123', 3, '2025-09-01', true, '', '']]);
      sheet.getRange('B2').setValue('x');
      const name = quotedSheet(sheet.getName());
      const got = batchGetValues(ctx.ss.getId(), [`${name}!A5:F9`, `${name}!A1:F1`, `${name}!A2:F2`]);
      return { values: got as Observed };
    },
  },
  {
    id: 'lockNested',
    where: 'execution',
    expected: { first: true, again: true, firstHasItAfterOneRelease: false },
    run(ctx) {
      const first = LockService.getDocumentLock();
      const again = LockService.getDocumentLock();
      ctx.onCleanup(() => first.releaseLock());
      // A librarian's action may hold the lock for a moment: wait for it as the actions do.
      const gotFirst = first.tryLock(10_000);
      const gotAgain = again.tryLock(0);
      again.releaseLock();
      return { first: gotFirst, again: gotAgain, firstHasItAfterOneRelease: first.hasLock() };
    },
  },
  {
    id: 'mailQuota',
    where: 'execution',
    expected: { type: 'number', whole: true, withinLimits: true },
    run() {
      const q = MailApp.getRemainingDailyQuota();
      return { type: typeof q, whole: Number.isInteger(q), withinLimits: q >= 0 && q <= MAIL_QUOTA_CEILING };
    },
  },
  {
    id: 'propertyLimit',
    where: 'execution',
    expected: {
      error: 'You have exceeded the property storage quota. Please remove some properties and try again.',
      stored: null,
      atTheLimit: 'stored',
    },
    run(ctx) {
      const props = PropertiesService.getDocumentProperties();
      const big = `${KEY_PREFIX}big`;
      const fits = `${KEY_PREFIX}fits`;
      ctx.onCleanup(() => {
        props.deleteProperty(big);
        props.deleteProperty(fits);
      });
      const error = thrown(() => props.setProperty(big, 'x'.repeat(PROPERTY_VALUE_BYTES + 1)));
      props.setProperty(fits, 'x'.repeat(PROPERTY_VALUE_BYTES));
      return {
        error,
        stored: props.getProperty(big),
        atTheLimit: props.getProperty(fits) === null ? null : 'stored',
      };
    },
  },
  {
    id: 'cacheLimits',
    where: 'execution',
    expected: {
      longKey: 'Argument too large: key',
      bigValue: 'Argument too large: value',
      atTheLimits: 'stored',
    },
    run(ctx) {
      const cache = CacheService.getDocumentCache();
      if (!cache) return 'no document cache';
      const fits = KEY_PREFIX.padEnd(CACHE_KEY_CHARS, 'k');
      const big = `${KEY_PREFIX}big`;
      // Each on its own: should Google keep what the emulator refuses, it is removed all the same.
      ctx.onCleanup(() => cache.remove(fits));
      ctx.onCleanup(() => cache.remove(big));
      const longKey = thrown(() => cache.put(`${fits}k`, 'x', 60));
      if (longKey === null) ctx.onCleanup(() => cache.remove(`${fits}k`));
      const bigValue = thrown(() => cache.put(big, 'x'.repeat(CACHE_VALUE_BYTES + 1), 60));
      cache.put(fits, 'x'.repeat(CACHE_VALUE_BYTES), 60);
      return { longKey, bigValue, atTheLimits: cache.get(fits) === null ? null : 'stored' };
    },
  },
  {
    id: 'triggerLimit',
    where: 'execution',
    expected: {
      installedWhenRefused: TRIGGERS_PER_USER,
      refusal: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    },
    run(ctx) {
      const made: GoogleAppsScript.Script.Trigger[] = [];
      ctx.onCleanup(() => {
        for (const t of made) ScriptApp.deleteTrigger(t);
      });
      // Far ahead, never due while the case runs; a trigger left behind removes itself when it fires.
      const later = new Date(Date.now() + 30 * 86_400_000);
      let refusal: string | null = null;
      for (let i = 0; i <= TRIGGERS_PER_USER && refusal === null; i++) {
        refusal = thrown(() =>
          made.push(ScriptApp.newTrigger(LEFTOVER_TRIGGER_HANDLER).timeBased().at(later).create()),
        );
      }
      return { installedWhenRefused: ScriptApp.getProjectTriggers().length, refusal };
    },
  },
  {
    id: 'uiAtTheSheet',
    where: 'execution',
    expected: { getUi: 'returned' },
    run() {
      return { getUi: thrown(() => SpreadsheetApp.getUi()) ?? 'returned' };
    },
  },
];
