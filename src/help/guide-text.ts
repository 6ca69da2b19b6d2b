/**
 * The librarian's guide in each language: docs/guide/<lang>.md, bundled into Code.js as text by the
 * build (one source for the repository's guide and the in-product Help).
 */
import en from '../../docs/guide/en.md';
import kk from '../../docs/guide/kk.md';
import ru from '../../docs/guide/ru.md';
import type { Lang } from '../messages';

export const GUIDE: Readonly<Record<Lang, string>> = { kk, ru, en };
