import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMermaidText } from '../../../checker/trace/mermaid-escape.js';
import { renderMermaid } from '../../../checker/trace/mermaid.js';
import { labelText } from './arbitraries.js';
import { viewWithLabel } from './fixtures.js';
import { mermaidDisplayedTexts, mermaidParses } from './mermaid-parse.js';

/** Labels short enough that the diagram shows them whole (longer ones are cut, tested in mermaid.test.ts). */
const uncappedText = labelText.filter((s) => [...s].length <= 100);

/** What a reader should see for `s`: one line, no lone surrogates, no edge whitespace (Mermaid trims). */
function expectedDisplay(s: string): string {
  return s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
    .trim();
}

describe('escapeMermaidText', () => {
  it('replaces the characters Mermaid gives meaning to by entity codes', () => {
    expect(escapeMermaidText('h.flags &^= hashWriting; #x')).toBe('h.flags #38;^= hashWriting#59; #35;x');
    expect(escapeMermaidText('%%{init}%% <br> -->> "q"')).toBe('#37;#37;#123;init#125;#37;#37; #60;br#62; --#62;#62; #34;q#34;');
    expect(escapeMermaidText('a\nb\r\nc')).toBe('a b  c');
  });

  it('leaves plain text and other Unicode alone', () => {
    expect(escapeMermaidText('m[k0] = v1 · flags 0→4 — ok')).toBe('m[k0] = v1 · flags 0→4 — ok');
  });

  it('output has no line breaks and, outside entity codes, none of the characters it replaces', () => {
    fc.assert(
      fc.property(labelText, (s) => {
        const e = escapeMermaidText(s);
        expect(e.replace(/#\d+;/g, '')).not.toMatch(/[\n\r\u2028\u2029#;:%<>&"{}]/);
      }),
      { numRuns: 500 },
    );
  });

  it('any label gives a diagram mermaid parses, showing the label as written', async () => {
    await fc.assert(
      fc.asyncProperty(uncappedText, uncappedText, async (label, detail) => {
        const view = viewWithLabel(label, { detail, reads: ['flags'], writes: ['flags'], returns: { kind: 'none' } });
        const diagram = renderMermaid(view);
        expect(await mermaidParses(diagram)).toEqual({ ok: true });
        const shown = await mermaidDisplayedTexts(diagram);
        const parts = ['m[k0] = v1', label, 'map.go:1', detail].filter((p) => p !== '');
        expect(shown).toContain(expectedDisplay(parts.join(' · ')));
      }),
      { numRuns: 250 },
    );
  });
});
