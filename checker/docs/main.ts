/**
 * `npm run docs`: regenerates the generated pages of docs/ from the spec and the committed
 * traces, then renders every diagram (.mmd) under traces/ and docs/ to SVG in one batch.
 * CI runs it and fails when the committed files differ from what it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain, UsageError } from '../cli/errors.js';
import { TRACE_SCHEMA } from '../trace/schema.js';
import { ARCHITECTURE_DIAGRAM, architecturePage } from './architecture-page.js';
import { claimsDir, pruneClaimFiles } from './claims/evidence.js';
import { guardedClaims } from './claims/guarded-claims.js';
import { hmapClaims } from './claims/hmap-claims.js';
import { claimsPage } from './claims/page.js';
import { syncmapClaims } from './claims/syncmap-claims.js';
import { hmapPage } from './hmap-page.js';
import { renderSvgs } from './render-svg.js';
import { syncmapPage } from './syncmap-page.js';
import { traceFormatPage } from './trace-format-page.js';
import { DOCS, filesUnder, redrawDiagrams, ROOT, TRACES, traceDirs, witnesses } from './witnesses.js';

/** Depth of the exhaustive runs behind the safe targets' claims: seconds, not minutes, per docs build. */
const CLAIMS_DEPTH = 4;

async function main(argv: string[]): Promise<number> {
  // One flag only: anything else would be ignored while every page is rewritten.
  const other = argv.find((a) => a !== '--no-svg');
  if (other !== undefined) throw new UsageError(`npm run docs takes only --no-svg (got ${JSON.stringify(other)})`);
  const svg = !argv.includes('--no-svg');
  const byTarget = new Map(traceDirs().map((dir) => [dir, witnesses(dir)]));
  const redrawn = redrawDiagrams([...byTarget.values()].flat());
  const hmap = byTarget.get('hmap') ?? [];
  writeFileSync(join(DOCS, 'hmap.md'), hmapPage(hmap));
  const mutants = (byTarget.get('mutants') ?? []).map((w) => ({ trace: w.view.trace, json: w.json }));
  writeFileSync(join(DOCS, 'syncmap.md'), syncmapPage(CLAIMS_DEPTH, mutants));
  const example = smallest(hmap);
  writeFileSync(join(DOCS, 'trace-format.md'), traceFormatPage(example.view.trace, example.json.replace(/^\.\.\//, '')));
  writeFileSync(join(DOCS, 'trace.schema.json'), `${JSON.stringify(TRACE_SCHEMA, null, 2)}\n`);
  mkdirSync(join(DOCS, 'diagrams'), { recursive: true });
  writeFileSync(join(DOCS, 'diagrams', 'architecture.mmd'), ARCHITECTURE_DIAGRAM);
  writeFileSync(join(DOCS, 'architecture.md'), architecturePage(ROOT, 'diagrams/architecture.svg'));
  const claims = [...hmapClaims(claimsDir(DOCS), DOCS), ...syncmapClaims(claimsDir(DOCS), DOCS, CLAIMS_DEPTH), ...guardedClaims(claimsDir(DOCS), DOCS, CLAIMS_DEPTH)];
  const page = claimsPage(claims);
  writeFileSync(join(DOCS, 'claims.md'), page);
  const pruned = pruneClaimFiles(claimsDir(DOCS), page);
  const diagrams = [...filesUnder(TRACES, '.mmd'), ...filesUnder(DOCS, '.mmd')];
  if (svg) renderSvgs(diagrams, join(ROOT, 'node_modules', '.bin', 'mmdc'));
  process.stdout.write(`docs: redrew ${redrawn} trace diagrams; wrote docs/hmap.md, syncmap.md, trace-format.md, trace.schema.json, architecture.md, claims.md${pruned.length > 0 ? `; removed ${pruned.length} claim files no longer linked` : ''}${svg ? `, rendered ${diagrams.length} diagrams to SVG` : ''}\n`);
  return 0;
}

await runMain(() => main(process.argv.slice(2)));

/** The example for the format page: the smallest fatal witness (short, and a real finding). */
function smallest(ws: ReturnType<typeof witnesses>): ReturnType<typeof witnesses>[number] {
  const fatal = ws.filter((w) => w.view.trace.outcome.startsWith('fatal: '));
  const pool = fatal.length > 0 ? fatal : ws;
  return pool.reduce((a, b) => (b.view.trace.steps < a.view.trace.steps || (b.view.trace.steps === a.view.trace.steps && b.json < a.json) ? b : a));
}
