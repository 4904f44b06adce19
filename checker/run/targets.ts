import type { MapConfig } from '../../spec/config.js';
import { mutexMapTarget, RWMUTEX_MISUSES, rwmutexMapTarget, rwmutexMisuseTarget, shardedMapTarget } from '../../spec/guarded/index.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import { MUTANTS } from '../../spec/syncmap/mutants.js';
import { syncmapTarget } from '../../spec/syncmap/target.js';
import type { Target } from '../../spec/target.js';

/**
 * Target name → spec factory, for the explorer and the replayer alike. The CLI's list of names
 * (checker/cli/targets.ts) must name exactly these, in this order; a test checks that they agree.
 */
const FACTORIES: Readonly<Record<string, (cfg: MapConfig, shards?: number) => Target<unknown>>> = {
  // The safe targets first: `--target all` prints each as it finishes, and hmap takes longest.
  syncmap: (cfg) => syncmapTarget(cfg),
  'rwmutex-map': rwmutexMapTarget,
  'mutex-map': mutexMapTarget,
  'sharded-map': (cfg, shards) => shardedMapTarget(cfg, shards),
  hmap: (cfg) => hmapTarget(cfg),
};

/**
 * The target called `name` under `cfg`, or a named variant of it when `mutant` names one (a
 * sync.Map mutant, or a misuse of the RWMutex map), or undefined when there is no such thing.
 * `shards` (the sharded map's shard count; its default when absent) only fits 'sharded-map'.
 */
export function makeTarget(name: string, cfg: MapConfig, mutant?: string, shards?: number): Target<unknown> | undefined {
  // Own-property check: 'toString' and friends are not targets.
  if (!Object.hasOwn(FACTORIES, name)) return undefined;
  if (shards !== undefined && (name !== SHARDED || shards < 1)) return undefined;
  if (mutant === undefined) return FACTORIES[name]!(cfg, shards);
  if (name === 'rwmutex-map') {
    const misuse = RWMUTEX_MISUSES.find((x) => x.name === mutant);
    return misuse ? (rwmutexMisuseTarget(cfg, misuse) as Target<unknown>) : undefined;
  }
  const m = name === 'syncmap' ? MUTANTS.find((x) => x.name === mutant) : undefined;
  return m ? (syncmapTarget(cfg, m) as Target<unknown>) : undefined;
}

/** The one target --shards applies to. */
export const SHARDED = 'sharded-map';

export function targetNames(): string[] {
  return Object.keys(FACTORIES);
}
