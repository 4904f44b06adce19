import type { BoundTier } from '../explore/bound.js';
import type { MapConfig } from '../../spec/config.js';
import type { OutcomeClass, Scenario } from '../../spec/types.js';

/** One scheduled step in a trace: which goroutine ran, and the label the spec expects it to run. */
export interface ScheduledStep {
  g: number;
  label: string;
}

/**
 * A counterexample as a replayable artifact (STYLE.md lesson 8). The diagram is derived from it
 * by replaying it through the spec, never the other way round.
 */
export interface TraceFile {
  format: 'gomapcheck-trace';
  version: 1;
  /** Which spec produced it; a replay under another spec version may diverge, and says where. */
  specVersion: string;
  /** 'hmap' now; later 'syncmap', 'rwmutex-map', ... */
  target: string;
  /** Set for a named variant of the target: a sync.Map mutant (`--mutants`) or a misuse of the RWMutex map. */
  mutant?: string;
  /** The sharded map's shard count, when not its default (`--shards`). */
  shards?: number;
  /**
   * The bounds of the search that found this witness: at most `depth` operations over `keys`
   * keys (by as many goroutines as the scenario has), and at most `preemptions` preemptions when
   * the search was context-bounded (with its `tiers`, grades for shorter executions, when it had
   * them). Its measures are the fewest among the executions within
   * these bounds, not among all: a deeper search, or one with more keys, may find a smaller one.
   */
  search?: SearchBounds;
  config: MapConfig;
  scenario: Scenario;
  schedule: ScheduledStep[];
  outcome: OutcomeClass;
  /** The witness measures the checker minimised, in this order. */
  ops: number;
  switches: number;
  steps: number;
}

export interface SearchBounds {
  depth: number;
  keys: number;
  preemptions?: number;
  tiers?: readonly BoundTier[];
}

/** A trace replayed through the spec: what the diagram generator and the HTML report draw. */
export interface ExecutionView {
  trace: TraceFile;
  /** Every step as the spec ran it, in schedule order (same length as trace.schedule). */
  steps: import('../../spec/types.js').StepInfo[];
  /** Set when a structural invariant was first seen broken: after which step (index), and its name. */
  brokenInvariant?: { afterStep: number; name: string };
  /** Set when the history cannot be linearized: the step that returned the operation that cannot be placed. */
  nonlinearizable?: { atStep: number; op: string };
}
