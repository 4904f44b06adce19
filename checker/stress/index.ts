export { runStress, type StressHarness } from './run.js';
export { formatStressHuman, formatStressJson } from './format.js';
export { type StressOptions, StressInputError, MAX_WORKERS, DEFAULT_ROUND_OPS } from './options.js';
export type { StressReport, ClassCounts, StressExample } from './report.js';
export { classifyRound, StressBugError, type RoundVerdict, type RoundClass, SILENT } from './classify.js';
export { StressWorkerError } from '../../impl/stress/pool.js';
export { MIXES, DEFAULT_MIX_NAME } from '../../impl/stress/mix.js';
