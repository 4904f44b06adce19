/** The stress runs' public surface: running them, judging rounds, and their reports. */
export { runStress, type StressHarness } from './run.js';
export { formatStressHuman, formatStressJson } from './format.js';
export { type StressOptions, StressInputError, MAX_WORKERS, DEFAULT_ROUND_OPS } from './options.js';
export type { StressReport, ClassCounts, StressExample } from './report.js';
export { classifyRound, StressBugError, type RoundVerdict, type RoundClass, SILENT } from './classify.js';
export { StressWorkerError } from '../../impl/stress/pool.js';
export { MIXES, DEFAULT_MIX_NAME } from '../../impl/stress/mix.js';
export { runSafeStress, rangeModeOf } from './safe-run.js';
export { formatSafeStressHuman, formatSafeStressJson, type SafeStressReport } from './safe-report.js';
export { judgeSafeRound, lockDefect, type SafeRoundVerdict } from './judge.js';
export { brokenFinalInvariant, judgeSyncRound } from './sync-judge.js';
export { isSafeStressTarget, SAFE_STRESS_TARGETS, STRESS_TARGETS } from '../../impl/stress/targets.js';
