import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFile } from '../replay/replay.js';
import { renderMermaid } from '../trace/mermaid.js';
import type { PageWitness } from './hmap-page.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DOCS = join(ROOT, 'docs');
export const TRACES = join(ROOT, 'traces');

export function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}

/**
 * Every committed witness of a target, replayed (a trace that no longer replays stops the build).
 * `mmdText` is the diagram the generator draws for it now: a trace's diagram is derived from its
 * JSON, so this, not the file on disk, is what pages embed and what redrawDiagrams writes.
 */
export function witnesses(target: string): PageWitness[] {
  return filesUnder(join(TRACES, target), '.json').map((file) => {
    const r = replayFile(file);
    if (!r.ok) throw new Error(r.error);
    if (r.result.kind !== 'same') throw new Error(`${relative(ROOT, file)} no longer replays to its outcome: regenerate it with npm run check`);
    const mmd = file.replace(/\.json$/, '.mmd');
    return { view: r.result.view, json: relative(DOCS, file), mmd: relative(DOCS, mmd), mmdText: renderMermaid(r.result.view) };
  });
}

/** Writes each witness's diagram where the file on disk differs (a changed generator, say); returns how many. */
export function redrawDiagrams(ws: readonly PageWitness[]): number {
  let changed = 0;
  for (const w of ws) {
    const path = join(DOCS, w.mmd);
    if (readOr(path) !== w.mmdText) {
      writeFileSync(path, w.mmdText);
      changed++;
    }
  }
  return changed;
}

/** Every target directory under traces/ (hmap, syncmap, mutants, ...). */
export function traceDirs(): string[] {
  return readdirSync(TRACES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
