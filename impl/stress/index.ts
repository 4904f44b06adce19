export { StressPool, StressWorkerError, DEFAULT_ROUND_TIMEOUT_MS, type PoolOptions } from './pool.js';
export { type RoundLog, type LoggedOp, type LoggedError, type LoggedErrorKind, MAX_PAIRS } from './log.js';
export { DEFAULT_MIX, DEFAULT_MIX_NAME, MIXES, type OpMix, Rng, roundPrograms } from './mix.js';
export { type Program, decodeProgram, encodeProgram, OP_CODE } from './program.js';
export type { StressFault } from './types.js';
export {
  attachStressMap, createSafeMap, isSafeStressTarget, isStressTarget, type MapBuffer, SAFE_STRESS_TARGETS, type SafeMap,
  type SafeStressTarget, STRESS_TARGETS, type StressTarget,
} from './targets.js';
