import { REFUSAL_SECTION } from '../src/help/sections';
import { t, type Lang, type MessageKey } from '../src/messages';
const lang = process.argv[2] as Lang;
let last = '';
for (const [k, sec] of Object.entries(REFUSAL_SECTION)) {
  if (sec !== last) { console.log(`\n### ${sec}`); last = sec; }
  const tpl = t(lang, k as MessageKey);
  const params = Object.fromEntries([...tpl.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '…']));
  console.log(`- «${t(lang, k as MessageKey, params)}»`);
}
