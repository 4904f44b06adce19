import { isDeepStrictEqual } from 'node:util';
import type { Hmap } from '../../spec/hmap/state.js';
import { contentsOf } from './image.js';
import type { FinalPart } from './verdict.js';

/**
 * The first part in which the implementation's final map differs from the spec's: B, count and
 * flags, then the abstract contents (live pairs), then the rest of the memory, bucket by bucket
 * (both allocate in the same order along a schedule, so even bucket ids must agree).
 */
export function finalDifference(spec: Hmap, impl: Hmap): { part: FinalPart; expected: string; actual: string } | undefined {
  for (const part of ['B', 'count', 'flags'] as const) {
    if (spec[part] !== impl[part]) return { part, expected: String(spec[part]), actual: String(impl[part]) };
  }
  const want = contentsOf(spec);
  const got = contentsOf(impl);
  if (!isDeepStrictEqual(want, got)) return { part: 'contents', expected: showPairs(want), actual: showPairs(got) };
  const where = memoryDifference(spec, impl);
  return where === undefined ? undefined : { part: 'memory', ...where };
}

function showPairs(pairs: Array<[number, number]>): string {
  return `map[${pairs.map(([k, v]) => `k${k}:v${v}`).join(' ')}]`;
}

function memoryDifference(spec: Hmap, impl: Hmap): { expected: string; actual: string } | undefined {
  for (const f of ['noverflow', 'buckets', 'oldbuckets', 'nevacuate', 'extraOverflow', 'extraOldoverflow'] as const) {
    if (spec[f] !== impl[f]) return { expected: `${f}=${spec[f]}`, actual: `${f}=${impl[f]}` };
  }
  if (!isDeepStrictEqual(spec.allocations, impl.allocations)) {
    return { expected: `allocations ${JSON.stringify(spec.allocations)}`, actual: `allocations ${JSON.stringify(impl.allocations)}` };
  }
  for (const [id, b] of spec.heap.entries()) {
    const other = impl.heap[id];
    if (!isDeepStrictEqual(b, other)) return { expected: `b${id} ${JSON.stringify(b)}`, actual: `b${id} ${JSON.stringify(other)}` };
  }
  return undefined;
}
