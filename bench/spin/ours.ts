/** Our side of the comparison: the flag-protocol target through the explorer, with figures. */
import { performance } from 'node:perf_hooks';
import { explore } from '../../checker/explore/search.js';
import { SMALL } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type FlagState, flagProtocolTarget } from './target.js';

export interface OurResult {
  /** Distinct states stored (the explorer's visited set; see ExploreResult.states). */
  stored: number;
  /** Steps taken from explored states: every successor generated, as SPIN's stored+matched. */
  transitions: number;
  /** Distinct end states. */
  executions: number;
  seconds: number;
  /** End states per outcome class, sorted by class. */
  outcomes: Array<[cls: string, executions: number]>;
  classes: string[];
}

/**
 * Explores N goroutines × K writes each (the fixed split SPIN checks) as depth N×K over N
 * goroutines, one key, all reductions on.
 */
export function runOurs(goroutines: number, writes: number): OurResult {
  const base = flagProtocolTarget(writes);
  let transitions = 0;
  const counted: Target<FlagState> = { ...base, step: (s, g) => { transitions++; return base.step(s, g); } };
  const t0 = performance.now();
  const r = explore(counted, { cfg: SMALL, depth: goroutines * writes, goroutines, keys: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const outcomes = [...r.outcomes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { stored: r.states, transitions, executions: r.executions, seconds, outcomes, classes: outcomes.map(([c]) => c) };
}
