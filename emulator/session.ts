/**
 * Session: who runs the script, in which time zone and locale. The active and the effective user are
 * the same person here (a script run by its owner from the sheet or from the owner's trigger).
 */
import { createHash } from 'node:crypto';
import type { Env } from './core';

export interface SessionOptions {
  /** getActiveUserLocale(); the real value is a language code such as "en" or "kk". Default "kk". */
  locale?: string;
  /** The e-mail getActiveUser() returns; "" mirrors a consumer account that cannot see the user. */
  activeUserEmail?: string;
}

export interface EmuUser {
  getEmail(): string;
  /** Deprecated in Apps Script but still present. */
  getUserLoginId(): string;
  toString(): string;
}

function makeUser(env: Env, email: string): EmuUser {
  return {
    getEmail: () => {
      env.counters.call('User.getEmail');
      return email;
    },
    getUserLoginId: () => {
      env.counters.call('User.getUserLoginId');
      return email;
    },
    toString: () => email,
  };
}

export function createSession(env: Env, opts: SessionOptions = {}) {
  const state = { locale: opts.locale ?? 'kk' };
  const activeEmail = () => opts.activeUserEmail ?? env.userEmail;
  const Session = {
    getActiveUser(): EmuUser {
      env.counters.call('Session.getActiveUser');
      return makeUser(env, activeEmail());
    },
    getEffectiveUser(): EmuUser {
      env.counters.call('Session.getEffectiveUser');
      return makeUser(env, env.userEmail);
    },
    getScriptTimeZone(): string {
      env.counters.call('Session.getScriptTimeZone');
      return env.timeZone;
    },
    getActiveUserLocale(): string {
      env.counters.call('Session.getActiveUserLocale');
      return state.locale;
    },
    /** Stable for one user of one script (real keys rotate every 30 days). */
    getTemporaryActiveUserKey(): string {
      env.counters.call('Session.getTemporaryActiveUserKey');
      return createHash('sha256').update(`tmp-key:${env.userEmail}`).digest('base64url').slice(0, 43);
    },
  };
  return {
    Session,
    /** The user's locale (uncounted, for tests). */
    locale: () => state.locale,
    setLocale(locale: string) {
      state.locale = locale;
    },
  };
}
