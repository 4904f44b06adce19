import { readFileSync } from 'node:fs';
import { readProblem } from '../cli/errors.js';
import { array, boolean, dictionary, integer, literal, nonEmptyString, number, optional, record, string } from '../trace/check-json.js';
import { PARTIAL_VERSION, type PartialReport, type PartialTarget } from './shard.js';

const natural = integer(0);
const positive = integer(1);

const tiersShape = array(record({ ops: positive, preemptions: optional(natural) }));

const targetShape = record<PartialTarget>({
  target: nonEmptyString,
  preemptions: optional(natural),
  tiers: optional(tiersShape),
  seconds: number,
  breached: boolean,
  visited: string,
  ends: dictionary(string),
});

const partialShape = record<PartialReport>({
  format: literal('gomapcheck-shard'),
  version: literal(PARTIAL_VERSION),
  shard: record({ index: positive, count: positive }),
  run: record<PartialReport['run']>({
    target: nonEmptyString, depth: positive, goroutines: positive, keys: positive, config: nonEmptyString,
    preemptions: optional(natural), tiers: optional(tiersShape), exhaustive: boolean, shards: optional(positive),
  }),
  targets: array(targetShape, { nonEmpty: true }),
});

/**
 * Reads a partial report written by `--shard i/n`, or says in one line why it is not one (the
 * first field that is wrong, by path). Whether the shards fit together is checkShards's.
 */
export function readPartial(file: string): { ok: true; part: PartialReport } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${readProblem(e)}` };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: `${file} is not JSON (a partial report is what --shard i/n prints)` };
  }
  const not = (why: string) => ({ ok: false as const, error: `${file} is not a shard's partial report: ${why}` });
  // Checked first, so another kind of file (a trace, a report) is named as such, not by its first odd field.
  if (typeof v !== 'object' || v === null || (v as { format?: unknown }).format !== 'gomapcheck-shard') return not('format is not "gomapcheck-shard"');
  const version = (v as { version?: unknown }).version;
  if (typeof version === 'number' && version < PARTIAL_VERSION) return not(`it is of version ${version}, written by an earlier gomapcheck whose state fingerprints differ; run every shard again with this one`);
  const r = partialShape(v, '');
  if (!r.ok) return not(`${r.path} ${r.problem}`);
  if (r.value.shard.index > r.value.shard.count) return not('shard.index must not be greater than shard.count');
  return { ok: true, part: r.value };
}
