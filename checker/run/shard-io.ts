import { readFileSync } from 'node:fs';
import type { PartialReport, PartialTarget } from './shard.js';

/**
 * Reads a partial report written by `--shard i/n`, or says in one line why it is not one.
 * Only the shape is checked here; whether the shards fit together is checkShards's.
 */
export function readPartial(file: string): { ok: true; part: PartialReport } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: `${file} is not JSON (a partial report is what --shard i/n prints)` };
  }
  const why = shapeError(v);
  return why ? { ok: false, error: `${file} is not a shard's partial report: ${why}` } : { ok: true, part: v as PartialReport };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): boolean => Number.isSafeInteger(v) && (v as number) >= min;

function shapeError(v: unknown): string | undefined {
  if (!isObject(v) || v['format'] !== 'gomapcheck-shard') return 'format is not "gomapcheck-shard"';
  if (v['version'] !== 1) return `version ${JSON.stringify(v['version'])} is not 1`;
  const shard = v['shard'];
  if (!isObject(shard) || !isCount(shard['count'], 1) || !isCount(shard['index'], 1) || (shard['index'] as number) > (shard['count'] as number)) {
    return 'shard must be { index, count } with 1 ≤ index ≤ count';
  }
  const run = v['run'];
  if (!isObject(run) || typeof run['target'] !== 'string' || typeof run['config'] !== 'string' || !isCount(run['depth'], 1)
    || !isCount(run['goroutines'], 1) || !isCount(run['keys'], 1) || typeof run['exhaustive'] !== 'boolean') return 'run is incomplete';
  const targets = v['targets'];
  if (!Array.isArray(targets) || targets.length === 0) return 'targets is empty';
  for (const [i, t] of targets.entries()) if (!targetShapeOk(t)) return `targets[${i}] is incomplete`;
  return undefined;
}

function targetShapeOk(t: unknown): t is PartialTarget {
  return isObject(t) && typeof t['target'] === 'string' && typeof t['seconds'] === 'number' && typeof t['breached'] === 'boolean'
    && typeof t['visited'] === 'string' && isObject(t['ends']) && Object.values(t['ends']).every((e) => typeof e === 'string')
    && (t['preemptions'] === undefined || isCount(t['preemptions'], 0));
}
