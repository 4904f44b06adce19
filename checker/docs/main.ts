/**
 * `npm run docs`: regenerates the generated pages of docs/ from the spec and the committed
 * traces, then renders every diagram (.mmd) under traces/ and docs/ to SVG in one batch.
 * CI runs it and fails when the committed files differ from what it writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { replayFile } from '../replay/replay.js';
import { renderMermaid } from '../trace/mermaid.js';
import { join } from 'node:path';
import { runMain } from '../cli/errors.js';
import { ARCHITECTURE_DIAGRAM, architecturePage } from './architecture-page.js';
import { hmapPage } from './hmap-page.js';
import { syncmapPage } from './syncmap-page.js';
import { traceFormatPage } from './trace-format-page.js';
import { claimsDir } from './claims/evidence.js';
import { hmapClaims } from './claims/hmap-claims.js';
import { syncmapClaims } from './claims/syncmap-claims.js';
import { guardedClaims } from './claims/guarded-claims.js';

/** Depth of the exhaustive runs behind the safe targets' claims: seconds, not minutes, per docs build. */
const CLAIMS_DEPTH = 4;
import { claimsPage } from './claims/page.js';
import { TRACE_SCHEMA } from '../trace/schema.js';
import { renderSvgs } from './render-svg.js';
import { DOCS, filesUnder, ROOT, TRACES, witnesses } from './witnesses.js';

async function main(argv: string[]): Promise<number> {
  const svg = !argv.includes('--no-svg');
  const redrawn = redrawTraceDiagrams();
  const hmap = witnesses('hmap');
  writeFileSync(join(DOCS, 'hmap.md'), hmapPage(hmap));
  const mutants = witnesses('mutants').map((w) => ({ trace: w.view.trace, json: w.json }));
  writeFileSync(join(DOCS, 'syncmap.md'), syncmapPage(CLAIMS_DEPTH, mutants));
  const example = smallest(hmap);
  writeFileSync(join(DOCS, 'trace-format.md'), traceFormatPage(example.view.trace, example.json.replace(/^\.\.\//, '')));
  writeFileSync(join(DOCS, 'trace.schema.json'), `${JSON.stringify(TRACE_SCHEMA, null, 2)}\n`);
  mkdirSync(join(DOCS, 'diagrams'), { recursive: true });
  writeFileSync(join(DOCS, 'diagrams', 'architecture.mmd'), ARCHITECTURE_DIAGRAM);
  writeFileSync(join(DOCS, 'architecture.md'), architecturePage(ROOT, 'diagrams/architecture.svg'));
  const claims = [...hmapClaims(claimsDir(DOCS), DOCS), ...syncmapClaims(claimsDir(DOCS), DOCS, CLAIMS_DEPTH), ...guardedClaims(claimsDir(DOCS), DOCS, CLAIMS_DEPTH)];
  writeFileSync(join(DOCS, 'claims.md'), claimsPage(claims));
  const diagrams = [...filesUnder(TRACES, '.mmd'), ...filesUnder(DOCS, '.mmd')];
  if (svg) renderSvgs(diagrams, join(ROOT, 'node_modules', '.bin', 'mmdc'));
  process.stdout.write(`docs: redrew ${redrawn} trace diagrams; wrote docs/hmap.md, syncmap.md, trace-format.md, trace.schema.json, architecture.md, claims.md${svg ? `, rendered ${diagrams.length} diagrams to SVG` : ''}\n`);
  return 0;
}

await runMain(() => main(process.argv.slice(2)));

/** The example for the format page: the smallest fatal witness (short, and a real finding). */
function smallest(ws: ReturnType<typeof witnesses>): ReturnType<typeof witnesses>[number] {
  const fatal = ws.filter((w) => w.view.trace.outcome.startsWith('fatal: '));
  const pool = fatal.length > 0 ? fatal : ws;
  return pool.reduce((a, b) => (b.view.trace.steps < a.view.trace.steps || (b.view.trace.steps === a.view.trace.steps && b.json < a.json) ? b : a));
}

/**
 * A trace's diagram is derived from its JSON: redraw every committed one with the current
 * generator (a changed description of a result, say), so traces/ never holds a stale .mmd.
 */
function redrawTraceDiagrams(): number {
  let changed = 0;
  for (const file of filesUnder(TRACES, '.json')) {
    const r = replayFile(file);
    if (!r.ok) throw new Error(r.error);
    if (r.result.kind !== 'same') throw new Error(`${file} no longer replays to its outcome: regenerate it with npm run check`);
    const mmd = file.replace(/\.json$/, '.mmd');
    const text = renderMermaid(r.result.view);
    if (readOr(mmd) !== text) {
      writeFileSync(mmd, text);
      changed++;
    }
  }
  return changed;
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
