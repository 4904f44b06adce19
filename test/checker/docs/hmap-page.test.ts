import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meaningOf } from '../../../checker/docs/explanations.js';
import { hmapPage } from '../../../checker/docs/hmap-page.js';
import { staticSteps } from '../../../checker/docs/step-catalogue.js';
import { DOCS, witnesses } from '../../../checker/docs/witnesses.js';

const page = hmapPage(witnesses('hmap'));

describe('docs/hmap.md', () => {
  it('is exactly what the generator writes now (run npm run docs after changing the spec or traces)', () => {
    expect(readFileSync(join(DOCS, 'hmap.md'), 'utf8')).toBe(page);
  });

  it('is the same text every time it is generated', () => {
    expect(hmapPage(witnesses('hmap'))).toBe(page);
  });

  it('has a section with an explanation and the diagram for every outcome class in traces/hmap', () => {
    const ws = witnesses('hmap');
    for (const outcome of new Set(ws.map((w) => w.view.trace.outcome))) {
      expect(page).toContain(`### \`${outcome}\``);
      expect(meaningOf(outcome)).not.toBe('');
    }
    // Each section embeds one witness diagram verbatim.
    const embedded = page.split('```mermaid\n').slice(1).map((b) => b.slice(0, b.indexOf('\n```')));
    expect(embedded).toHaveLength(new Set(ws.map((w) => w.view.trace.outcome)).size);
    for (const d of embedded) expect(ws.some((w) => w.mmdText.trimEnd() === d)).toBe(true);
  });

  it("lists every step of the Go functions the write path reaches, with its Go line", () => {
    for (const fn of ['mapassign', 'hashGrow', 'evacuate', 'growWork', 'advanceEvacuationMark']) {
      for (const { label, goLine } of staticSteps().get(fn) ?? []) {
        expect(page).toContain(`| \`${label.replace(/\|/g, '\\|')}\` | ${goLine} |`);
      }
    }
  });
});
