/**
 * Help inside the product: the librarian's guide in the workbook's language, in a dialog opened at
 * the section asked for — from the menu (the start), from a sidebar's Help link (its topic), or from
 * a refusal's Help link (the section that explains it).
 */
import { t } from '../messages';
import { currentLang } from '../sheets/workbook';
import { GUIDE } from './guide-text';
import { guideContents, renderGuide } from './markdown';
import { type HelpSection, isHelpSection } from './sections';

/** Menu item and google.script.run: opens the guide at `section` (a section id; anything else: the start). */
export function showHelp(section?: unknown): { ok: true; section: HelpSection | null } {
  const lang = currentLang();
  const asked = isHelpSection(section) ? section : null;
  const md = GUIDE[lang];
  const template = HtmlService.createTemplateFromFile('Help');
  // Both are built from escaped text by renderGuide; the boot data travels as JSON with "<" escaped.
  template.contentsHtml = guideContents(md);
  template.guideHtml = renderGuide(md);
  template.bootJson = JSON.stringify({ section: asked, contents: t(lang, 'help.contents') }).replace(/</g, '\\u003c');
  const html = template.evaluate().setWidth(840).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'help.title'));
  return { ok: true, section: asked };
}
