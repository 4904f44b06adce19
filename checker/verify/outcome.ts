import {
  corruptClass, type Crash, crashClass, OUTCOME_NONLINEARIZABLE, OUTCOME_OK, type OutcomeClass,
} from '../../spec/types.js';

/** What the verifiers found about one finished execution. */
export interface Verdicts {
  crash: Crash | undefined;
  /** First structural invariant broken at a quiescent point. */
  broken: string | undefined;
  linearizable: boolean;
}

/**
 * Exactly one outcome class per execution, by precedence: a crash ends the program and is what a
 * user sees; otherwise broken structure, then wrong results, then ok.
 */
export function classify(v: Verdicts): OutcomeClass {
  if (v.crash) return crashClass(v.crash);
  if (v.broken) return corruptClass(v.broken);
  if (!v.linearizable) return OUTCOME_NONLINEARIZABLE;
  return OUTCOME_OK;
}
