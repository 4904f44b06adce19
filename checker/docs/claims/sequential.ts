import type { MapConfig } from '../../../spec/config.js';
import { GO } from '../../../spec/config.js';
import { NIL, SAME_SIZE_GROW } from '../../../spec/hmap/constants.js';
import type { MState } from '../../../spec/hmap/machine.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { describeOp } from '../../../spec/describe.js';
import { runToEnd } from '../step-catalogue.js';
import type { Op } from '../../../spec/types.js';

/** The hmap fields after one operation of a sequential program. */
export interface SequentialRow {
  op: string;
  count: number;
  B: number;
  noverflow: number;
  growing: string;
}

/** Runs a one-goroutine program through the spec and reads the fields after each operation. */
export function runSequential(cfg: MapConfig, ops: Op[]): SequentialRow[] {
  const t = hmapTarget(cfg);
  let s: MState = t.init(cfg, 1);
  return ops.map((op, i) => {
    s = runToEnd(t, s, op, i);
    const h = s.h;
    const growing = h.oldbuckets === NIL ? 'no' : h.flags & SAME_SIZE_GROW ? 'same size' : 'doubling';
    return { op: describeOp(op), count: h.count, B: h.B, noverflow: h.noverflow, growing };
  });
}

/**
 * Go's real constants with as many keys as a claim needs. Key k's hash puts it in bucket
 * `bucketOf(k)` (its low bits) with a distinct top byte, so collisions are chosen, not hoped for.
 */
export function goWithKeys(name: string, description: string, bucketOf: (k: number) => number, keys: number): MapConfig {
  const hashes = Array.from({ length: keys }, (_, k) => (((0x10 + k) << 24) | bucketOf(k)) >>> 0);
  return { ...GO, name, description, hashes };
}

export function rowsTable(rows: SequentialRow[], from = 0): string[] {
  return ['| # | operation | count | B | noverflow | growing |', '|---:|---|---:|---:|---:|---|',
    ...rows.map((r, i) => ({ r, i })).slice(from).map(({ r, i }) => `| ${i + 1} | \`${r.op}\` | ${r.count} | ${r.B} | ${r.noverflow} | ${r.growing} |`)];
}
