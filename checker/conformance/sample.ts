import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type Bounds, type Edge, initialNode, outcomeOf, successors } from '../explore/node.js';
import { witnessTrace } from '../run/witness-trace.js';
import type { TraceFile } from '../trace/types.js';
import { conformanceTarget } from './targets.js';

/** What one target's sampled schedules are drawn from. */
export interface SampleSpec {
  /** How many schedules. */
  n: number;
  seed: number;
  /** Most operations per scenario, all goroutines together. */
  depth: number;
  goroutines: number;
  keys: number;
  config: MapConfig;
  /** The sharded map's shard count (its default when absent); ignored by the other targets. */
  shards?: number;
}

/**
 * A seeded generator of floats in [0, 1) (mulberry32): small, fast, and the same sequence on every
 * machine, which is all sampling needs. Salted with the target's name, so that each target draws
 * its own schedules, the same whether it is sampled alone (--target) or with the others.
 */
export function seededRandom(seed: number, salt: string): () => number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(xs: readonly T[], random: () => number): T => xs[Math.floor(random() * xs.length)]!;

/**
 * One random execution of the spec, as a replayable trace: from the initial state, a random
 * successor at each point until there is none (every operation of the depth has run, or the
 * execution crashed). The goroutine is drawn first, then its choice: drawn from all successors
 * at once, an idle goroutine (one successor per operation of the alphabet) would nearly always
 * win over one in the middle of an operation (one successor), and operations would seldom overlap
 * for long. The path is turned into a trace by witnessTrace, as the search's witnesses are, so
 * its labels are the ones a replay checks against.
 */
export function sampleTrace<S>(target: Target<S>, cfg: MapConfig, b: Bounds, random: () => number, shards?: number): TraceFile {
  let node = initialNode(target, cfg, b);
  const edges: Edge[] = [];
  let switches = 0;
  for (;;) {
    const next = successors(target, b, node);
    if (next.length === 0) break;
    const g = pick([...new Set(next.map((x) => x.edge.g))], random);
    const chosen = pick(next.filter((x) => x.edge.g === g), random);
    if (edges.length > 0 && edges.at(-1)!.g !== g) switches++;
    edges.push(chosen.edge);
    node = chosen.node;
  }
  const path = { outcome: outcomeOf(node), edges, ops: node.ops, switches, steps: edges.length };
  return witnessTrace(target, cfg, b, path, undefined, shards).trace;
}

/** The `n` sampled schedules of a conforming target: the same ones for the same seed, every time. */
export function sampleSchedules(targetName: string, spec: SampleSpec): TraceFile[] {
  const t = conformanceTarget(targetName);
  if (!t) throw new Error(`no conformance target "${targetName}"`);
  const shards = targetName === 'sharded-map' ? spec.shards : undefined;
  const target = t.spec(spec.config, shards);
  const b: Bounds = { depth: spec.depth, goroutines: spec.goroutines, keys: spec.keys };
  const random = seededRandom(spec.seed, targetName);
  return Array.from({ length: spec.n }, () => sampleTrace(target, spec.config, b, random, shards));
}
