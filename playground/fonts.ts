/**
 * The fonts a print view asks Google Fonts for, served from this machine: the playground is offline,
 * so the "Libre Barcode 128" font of the labels comes from the @fontsource/libre-barcode-128 package
 * (the same font Google serves), under the playground's own address.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The Google Fonts stylesheet address a print view links (src/fund/print.ts). */
export const GOOGLE_FONTS = /https:\/\/fonts\.googleapis\.com\/css2\?family=Libre\+Barcode\+128[^"']*/g;

/** The font file (woff2) of Libre Barcode 128, from the npm package. */
export function barcodeFontFile(): Buffer {
  const dir = path.dirname(require.resolve('@fontsource/libre-barcode-128/package.json'));
  return readFileSync(path.join(dir, 'files', 'libre-barcode-128-latin-400-normal.woff2'));
}

/** A stylesheet that declares the font at `fontUrl`, shown only once it has loaded (no fallback glyphs). */
export function barcodeFontCss(fontUrl: string): string {
  return `@font-face { font-family: 'Libre Barcode 128'; font-style: normal; font-weight: 400; font-display: block; src: url(${fontUrl}) format('woff2'); }\n`;
}

/** A print view's HTML with its Google Fonts link pointing at `cssUrl` instead. */
export function localFonts(html: string, cssUrl: string): string {
  return html.replace(GOOGLE_FONTS, cssUrl);
}
