/**
 * A plan's table as the librarian pastes it: "number | title | date | responsible" rows, cells split
 * by tabs (from Word or Sheets) or by "|" (as the plan's text has them), with heading lines, a header
 * row ("р/с | Іс-шара | Мерзімі | Жауапты"), a "Резерв" line, blank lines, and numbering that skips or
 * starts again under another heading. Every numbered row is an item; which of them are dated events
 * is for the caller to decide with parseWrittenDate. Pure.
 */

export interface PlanItem {
  /** 1-based line of the pasted text. */
  line: number;
  /** The plan's own number of the row, as written (it may skip or restart). */
  number: number | null;
  title: string;
  /** The date cell as written ("08.09.25", "10.11-02.12", "Жыл бойы"). */
  written: string;
  responsible: string;
  /** The heading the row stands under (the last heading line above it), or ''. */
  section: string;
}

export interface SkippedLine {
  line: number;
  text: string;
  kind: 'heading' | 'header' | 'reserve' | 'other';
}

export interface ParsedPlan {
  items: PlanItem[];
  skipped: SkippedLine[];
}

/** Cells of a pasted line: tab-separated when it has tabs, else split at "|"; trailing empty cells dropped. */
function cells(line: string): string[] {
  const parts = (line.includes('\t') ? line.split('\t') : line.split('|')).map((c) => c.trim());
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** A cell that reads like a date or a date range ("08.09.25", "10.11-02.12", "25.08.2025ж."). */
export const looksLikeDate = (s: string) => /^\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b/.test(s.trim());

const HEADER = /^(р\/с|№|n|no\.?|#|nr)$/iu;
const RESERVE = /^(резерв|reserve|запас)$/iu;

/** Parses the pasted text of a plan's table. */
export function parsePlanTable(text: string): ParsedPlan {
  const items: PlanItem[] = [];
  const skipped: SkippedLine[] = [];
  let section = '';
  String(text ?? '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const c = cells(raw);
      if (c.length === 0 || c.every((x) => x === '')) return;
      const first = c[0].replace(/[.)]$/, '');
      if (/^\d{1,3}$/.test(first) && c.length >= 2) {
        // The date is the first cell after the title that reads like one; the responsible, what follows.
        const rest = c.slice(1);
        let d = rest.findIndex((x, j) => j > 0 && looksLikeDate(x));
        if (d < 0) d = rest.length >= 3 ? 1 : -1;
        const title = (d > 0 ? rest.slice(0, d) : rest.slice(0, 1)).join(' ').trim();
        const written = d > 0 ? rest[d] : '';
        const responsible =
          d > 0
            ? rest
                .slice(d + 1)
                .join(' ')
                .trim()
            : rest.slice(1).join(' ').trim();
        items.push({ line, number: Number(first), title, written, responsible, section });
        return;
      }
      if (HEADER.test(first)) skipped.push({ line, text: raw.trim(), kind: 'header' });
      else if (RESERVE.test(first)) skipped.push({ line, text: raw.trim(), kind: 'reserve' });
      else if (c.length === 1) {
        // "(Оқуға құштар мектеп, Балалар кітапханасы)" under a heading belongs to it.
        section = c[0].startsWith('(') && section ? `${section} ${c[0]}` : c[0];
        skipped.push({ line, text: raw.trim(), kind: 'heading' });
      } else skipped.push({ line, text: raw.trim(), kind: 'other' });
    });
  return { items, skipped };
}
