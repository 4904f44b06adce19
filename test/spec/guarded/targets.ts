/** The three guarded targets under one name each, for tests that run over all of them. */
import type { MapConfig } from '../../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../../spec/guarded/index.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Target } from '../../../spec/target.js';

export type GuardedTarget = Target<GuardedState<unknown>>;

/**
 * The entries checker/run/targets.ts needs to offer these targets (it is not ours to edit); kept
 * here so the type checker shows they fit its factory type as they are.
 */
export const CHECKER_FACTORIES: Readonly<Record<string, (cfg: MapConfig) => Target<unknown>>> = {
  'rwmutex-map': rwmutexMapTarget,
  'mutex-map': mutexMapTarget,
  'sharded-map': (cfg) => shardedMapTarget(cfg),
};

export interface TargetCase {
  name: string;
  make(cfg: MapConfig): GuardedTarget;
  /** Labels a guarded operation may begin and end with (its lock's fast paths and releases). */
  firstLabels: RegExp;
  lastLabels: RegExp;
}

export const TARGETS: readonly TargetCase[] = [
  {
    name: 'mutex-map', make: (cfg) => mutexMapTarget(cfg) as GuardedTarget,
    firstLabels: /^Lock: atomic\.CompareAndSwapInt32/, lastLabels: /^Unlock: atomic\.AddInt32\(&m\.state/,
  },
  {
    name: 'rwmutex-map', make: (cfg) => rwmutexMapTarget(cfg) as GuardedTarget,
    firstLabels: /^(RLock: atomic\.AddInt32|Lock: atomic\.CompareAndSwapInt32)/,
    lastLabels: /^(RUnlock: atomic\.AddInt32|Unlock: atomic\.AddInt32\(&m\.state)/,
  },
  {
    name: 'sharded-map', make: (cfg) => shardedMapTarget(cfg) as GuardedTarget,
    firstLabels: /^(RLock: atomic\.AddInt32|Lock: atomic\.CompareAndSwapInt32)/,
    lastLabels: /^(RUnlock: atomic\.AddInt32|Unlock: atomic\.AddInt32\(&m\.state)/,
  },
];

/** The case called `name`. */
export function targetCase(name: string): TargetCase {
  const tc = TARGETS.find((x) => x.name === name);
  if (!tc) throw new Error(`no target case ${name}`);
  return tc;
}
