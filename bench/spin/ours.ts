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
 * goroutines, one key, all reductions on. The search runs once untimed, so V8 has compiled it
 * (as SPIN's pan is compiled before it is timed), then `runs` times timed; `seconds` is their median.
 */
export function runOurs(goroutines: number, writes: number, runs = TIMED_RUNS): OurResult {
  const base = flagProtocolTarget(writes);
  let transitions = 0;
  const counted: Target<FlagState> = { ...base, step: (s, g, detail) => { transitions++; return base.step(s, g, detail); } };
  const search = () => explore(counted, { cfg: SMALL, depth: goroutines * writes, goroutines, keys: 1 });
  let r = search();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    transitions = 0;
    const t0 = performance.now();
    r = search();
    times.push((performance.now() - t0) / 1000);
  }
  const outcomes = [...r.outcomes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { stored: r.states, transitions, executions: r.executions, seconds: median(times), outcomes, classes: outcomes.map(([c]) => c) };
}

/** Timed runs on each side of the comparison; the median is reported. */
export const TIMED_RUNS = 3;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
