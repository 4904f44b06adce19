/** The stress workers and their programs and logs: the public surface. */
export { StressPool, StressWorkerError, DEFAULT_ROUND_TIMEOUT_MS, type PoolOptions } from './pool.js';
export { type RoundLog, type LoggedOp, type LoggedError, type LoggedErrorKind, MAX_PAIRS, type NestedOp } from './log.js';
export { DEFAULT_MIX, DEFAULT_MIX_NAME, type MixKind, MIXES, mixesFor, type OpMix, Rng, roundPrograms, SYNCMAP_MIXES } from './mix.js';
export { type Program, decodeProgram, encodeProgram, OP_CODE } from './program.js';
export type { StressFault } from './types.js';
export {
  attachStressMap, attachSyncStressMap, createSafeMap, type GuardedStressTarget, isSafeStressTarget, isStressTarget, type MapBuffer, SAFE_STRESS_TARGETS, type SafeMap,
  type SafeStressTarget, STRESS_TARGETS, type StressTarget,
} from './targets.js';
