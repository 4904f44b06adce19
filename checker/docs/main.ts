/**
 * `npm run docs`: regenerates the generated pages of docs/ from the spec and the committed
 * traces, then renders every diagram (.mmd) under traces/ and docs/ to SVG in one batch.
 * CI runs it and fails when the committed files differ from what it writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from '../cli/errors.js';
import { hmapPage } from './hmap-page.js';
import { renderSvgs } from './render-svg.js';
import { DOCS, filesUnder, ROOT, TRACES, witnesses } from './witnesses.js';

async function main(argv: string[]): Promise<number> {
  const svg = !argv.includes('--no-svg');
  writeFileSync(join(DOCS, 'hmap.md'), hmapPage(witnesses('hmap')));
  const diagrams = [...filesUnder(TRACES, '.mmd'), ...filesUnder(DOCS, '.mmd')];
  if (svg) renderSvgs(diagrams, join(ROOT, 'node_modules', '.bin', 'mmdc'));
  process.stdout.write(`docs: wrote docs/hmap.md${svg ? `, rendered ${diagrams.length} diagrams to SVG` : ''}\n`);
  return 0;
}

await runMain(() => main(process.argv.slice(2)));
