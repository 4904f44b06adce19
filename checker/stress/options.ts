/**
 * What runStress accepts, and the checks that turn a bad value into ONE line saying what to do.
 * StressInputError is a UsageError, so the CLI prints it and exits 2 with no extra wiring.
 */
import { CONFIGS, DEFAULT_CONFIG, type MapConfig } from '../../spec/config.js';
import { DEFAULT_MIX_NAME, mixesFor, type OpMix } from '../../impl/stress/mix.js';
import { isStressTarget, STRESS_TARGETS, type StressTarget } from '../../impl/stress/targets.js';
import { DEFAULT_SHARDS } from '../../spec/guarded/sharded-map.js';
import { UsageError } from '../cli/errors.js';

export interface StressOptions {
  /** One of STRESS_TARGETS: the plain map, or a safe alternative (the locked maps, sync.Map). */
  target: string;
  /** Operations in total, over all workers and rounds. */
  ops: number;
  /** Free-running workers (default 2). */
  workers?: number;
  /** Seeds the op mix (default 1). */
  seed?: number;
  /** Distinct keys (default 4, at most the configuration's hash table). */
  keys?: number;
  /** A name of spec/config.ts's CONFIGS (default 'small'). */
  config?: string;
  /** Operations per round, all workers together, each round on a fresh map (default 200). */
  roundOps?: number;
  /** A name of the target's mixes, impl/stress/mix.ts mixesFor (default 'balanced'). */
  mix?: string;
  /** sharded-map only: its shard count (default the spec's, 2). */
  shards?: number;
}

export interface ResolvedStressOptions {
  target: StressTarget;
  ops: number;
  workers: number;
  seed: number;
  keys: number;
  config: MapConfig;
  roundOps: number;
  mixName: string;
  mix: OpMix;
  /** Present exactly for sharded-map. */
  shards?: number;
}

export const MAX_WORKERS = 8;
export const DEFAULT_ROUND_OPS = 200;
/** The offline verifier's search grows with the operations it must order; past this a round is too long to check. */
export const MAX_ROUND_OPS = 10_000;
const MAX_OPS = 1e12;
/** Shards cost nothing at run time; past this the shard choice (a hash's top byte) spreads no further. */
export const MAX_STRESS_SHARDS = 16;

export class StressInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'StressInputError';
  }
}

export function resolveStressOptions(o: StressOptions): ResolvedStressOptions {
  if (!isStressTarget(o.target)) throw new StressInputError(`unknown stress target "${o.target}" (known: ${STRESS_TARGETS.join(', ')})`);
  const target = o.target;
  if (o.shards !== undefined && target !== 'sharded-map') throw new StressInputError(`--shards applies to sharded-map only, not ${target}`);
  const ops = whole('ops', o.ops, undefined, 1, MAX_OPS);
  const workers = whole('workers', o.workers, 2, 1, MAX_WORKERS);
  const seed = whole('seed', o.seed, 1, 0, 2 ** 32 - 1);
  const roundOps = whole('round-ops', o.roundOps, DEFAULT_ROUND_OPS, 1, MAX_ROUND_OPS);
  const name = o.config ?? DEFAULT_CONFIG;
  // Own-property check: 'toString' and friends are not configurations.
  const config = Object.hasOwn(CONFIGS, name) ? CONFIGS[name] : undefined;
  if (!config) throw new StressInputError(`unknown config "${name}" (known: ${Object.keys(CONFIGS).join(', ')})`);
  // Each key needs its own entry in the hash table; there is no hash function to fall back on.
  const hashes = config.hashes.length;
  const keys = whole('keys', o.keys, Math.min(4, hashes), 1, hashes);
  const mixName = o.mix ?? DEFAULT_MIX_NAME;
  // sync.Map has mixes of its own, by the same names: it has no clear or len, and more operations.
  const mixes = mixesFor(target);
  const mix = Object.hasOwn(mixes, mixName) ? mixes[mixName] : undefined;
  if (!mix) throw new StressInputError(`unknown mix "${mixName}" (known: ${Object.keys(mixes).join(', ')})`);
  const resolved: ResolvedStressOptions = { target, ops, workers, seed, keys, config, roundOps, mixName, mix };
  if (target === 'sharded-map') resolved.shards = whole('shards', o.shards, DEFAULT_SHARDS, 1, MAX_STRESS_SHARDS);
  return resolved;
}

function whole(name: string, value: number | undefined, fallback: number | undefined, min: number, max: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === MAX_OPS ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new StressInputError(`--${name} must be a whole number ${range} (got ${value === undefined ? 'nothing' : String(value)})`);
  }
  return value;
}
