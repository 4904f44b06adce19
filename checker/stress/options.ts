/**
 * What runStress accepts, and the checks that turn a bad value into ONE line saying what to do.
 * StressInputError is a UsageError, so the CLI prints it and exits 2 with no extra wiring.
 */
import { CONFIGS, DEFAULT_CONFIG, type MapConfig } from '../../spec/config.js';
import { DEFAULT_MIX_NAME, MIXES, type OpMix } from '../../impl/stress/mix.js';
import { UsageError } from '../cli/errors.js';

export interface StressOptions {
  /** Only the plain map so far: the safe targets have no shared-memory implementation yet. */
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
  /** A name of impl/stress/mix.ts's MIXES (default 'balanced'). */
  mix?: string;
}

export interface ResolvedStressOptions {
  target: 'hmap';
  ops: number;
  workers: number;
  seed: number;
  keys: number;
  config: MapConfig;
  roundOps: number;
  mixName: string;
  mix: OpMix;
}

export const MAX_WORKERS = 8;
export const DEFAULT_ROUND_OPS = 200;
/** The offline verifier's search grows with the operations it must order; past this a round is too long to check. */
export const MAX_ROUND_OPS = 10_000;
const MAX_OPS = 1e12;

export class StressInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'StressInputError';
  }
}

export function resolveStressOptions(o: StressOptions): ResolvedStressOptions {
  if (o.target !== 'hmap') {
    throw new StressInputError(`stress mode covers only the plain map so far: use --target hmap (got "${o.target}")`);
  }
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
  const mix = Object.hasOwn(MIXES, mixName) ? MIXES[mixName] : undefined;
  if (!mix) throw new StressInputError(`unknown mix "${mixName}" (known: ${Object.keys(MIXES).join(', ')})`);
  return { target: 'hmap', ops, workers, seed, keys, config, roundOps, mixName, mix };
}

function whole(name: string, value: number | undefined, fallback: number | undefined, min: number, max: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === MAX_OPS ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new StressInputError(`--${name} must be a whole number ${range} (got ${value === undefined ? 'nothing' : String(value)})`);
  }
  return value;
}
