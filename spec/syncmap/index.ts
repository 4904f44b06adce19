/**
 * Go 1.19's sync.Map as a checker target: the public face of spec/syncmap. The rest of the
 * directory is the interpreter and the Go functions it runs.
 */
export { syncmapAlphabet, syncmapTarget, SYNCMAP_SPEC_VERSION } from './target.js';
export { MUTANTS } from './mutants.js';
export { applyPatches, type Mutant, mutate, type Patch } from './patch.js';
export { brokenInvariant, STATE_INVARIANTS, TRANSITION_INVARIANTS } from './invariants.js';
export { contents } from './contents.js';
export { SYNCMAP_FUNCTIONS } from './functions.js';
export type { SyncMapState } from './state.js';
