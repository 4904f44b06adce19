import type { BoundTier } from '../explore/bound.js';
import type { OutcomeClass } from '../../spec/types.js';

/** The minimal witness of one outcome class, as reported. */
export interface WitnessReport {
  outcome: OutcomeClass;
  /** Path of the trace JSON, relative to the working directory, e.g. 'traces/hmap/fatal-concurrent-map-writes-1a2b3c4d.json'. */
  trace: string;
  ops: number;
  switches: number;
  steps: number;
}

/** What one target's check found. */
export interface TargetReport {
  target: string;
  /** The sharded map's shard count (sharded-map only). */
  shards?: number;
  /** Present when this target was context-bounded (asked for, or chosen for hmap past its reach). */
  preemptions?: number;
  /** With a context bound: its grades for shorter executions (checker/explore/bound.ts). */
  tiers?: readonly BoundTier[];
  /** 'holds' unless an execution the target's contract covers went wrong. */
  contract: 'holds' | 'broken';
  /** Scenarios covered (every program tuple with at most depth operations in total). */
  scenarios: number;
  /** Finished executions explored (distinct end states; see docs/performance.md). */
  executions: number;
  /** Distinct states visited. */
  states: number;
  seconds: number;
  /**
   * The process's peak resident memory when this target was done, in MiB (it covers everything
   * the process did before too). Like seconds, a measurement: it varies from run to run.
   */
  peakMemoryMiB?: number;
  /** Executions per outcome class; classes sorted by name. */
  outcomes: Record<OutcomeClass, number>;
  witnesses: WitnessReport[];
  /** Present when the contract is broken: one line per breach, in human words. */
  breaches?: string[];
}

/** The whole `--json` object (version 1 of the output schema). */
export interface RunReport {
  version: 1;
  depth: number;
  config: string;
  goroutines: number;
  keys: number;
  /** Present when the run was context-bounded (--preemptions): it is then not exhaustive. */
  preemptions?: number;
  /** With --preemptions, --tiers: grades for shorter executions. */
  tiers?: readonly BoundTier[];
  targets: TargetReport[];
}
