/**
 * The README's pictures are committed: a screenshot a section shows but `npm run screenshots` never
 * wrote into docs/ (test-results/ is git-ignored) would be a broken image on a fresh clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the README', () => {
  it('shows only pictures that are in the repository', () => {
    const readme = readFileSync('README.md', 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(pictures.length).toBeGreaterThan(5);
    for (const p of pictures) expect(existsSync(p), p).toBe(true);
  });
});
