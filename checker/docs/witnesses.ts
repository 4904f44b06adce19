import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayFile } from '../replay/replay.js';
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

/** Every committed witness of a target, replayed (a trace that no longer replays stops the build). */
export function witnesses(target: string): PageWitness[] {
  return filesUnder(join(TRACES, target), '.json').map((file) => {
    const r = replayFile(file);
    if (!r.ok) throw new Error(r.error);
    if (r.result.kind !== 'same') throw new Error(`${relative(ROOT, file)} no longer replays to its outcome: regenerate the traces`);
    const mmd = file.replace(/\.json$/, '.mmd');
    return { view: r.result.view, json: relative(DOCS, file), mmd: relative(DOCS, mmd), mmdText: readFileSync(mmd, 'utf8') };
  });
}
