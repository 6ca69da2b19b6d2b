import { t, messageKeys } from '../src/messages';
const re = new RegExp(process.argv[2]);
for (const k of messageKeys().filter((k) => re.test(k))) console.log(`${k}\n  en ${t('en', k as never)}\n  ru ${t('ru', k as never)}\n  kk ${t('kk', k as never)}`);
