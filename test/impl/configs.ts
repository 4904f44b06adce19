/**
 * Configurations for the implementation's tests: the spec's own 'small' and 'go' constants, over
 * the spec tests' key sets that reach growth, overflow chains and same-size grows sequentially.
 */
import { GO, type MapConfig, SMALL } from '../../spec/config.js';
import { COLLIDE, GO_MANY } from '../spec/configs.js';
import { BALANCED, FILLING, type OpMix, seededHashes } from '../spec/run.js';

/** SMALL's constants over 12 keys: doubling grows up to B = 6 and overflow chains. */
export const SMALL_MANY: MapConfig = { ...SMALL, name: 'small-many', description: 'SMALL, 12 seeded keys', hashes: seededHashes(12, 5) };

export interface Case {
  cfg: MapConfig;
  mix: OpMix;
  maxLength: number;
}

/** Each configuration with an op mix that fills it enough to grow. */
export const CASES: readonly Case[] = [
  { cfg: SMALL, mix: BALANCED, maxLength: 40 },
  { cfg: SMALL_MANY, mix: FILLING, maxLength: 60 },
  { cfg: GO, mix: BALANCED, maxLength: 30 },
  { cfg: GO_MANY, mix: FILLING, maxLength: 80 },
  { cfg: COLLIDE, mix: BALANCED, maxLength: 60 },
];
