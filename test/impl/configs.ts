/**
 * Configurations for the implementation's tests: the spec's own 'small' and 'go' constants, over
 * the spec tests' key sets that reach growth, overflow chains and same-size grows sequentially.
 */
import { GO, type MapConfig, SMALL } from '../../spec/config.js';
import { COLLIDE, GO_MANY, SMALL_MANY } from '../../spec/wide-configs.js';
import { BALANCED, FILLING, type OpMix } from '../spec/run.js';

export { SMALL_MANY };

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
