import type { MapConfig } from '../../spec/config.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import type { Target } from '../../spec/target.js';

/**
 * Target name → spec factory, for the explorer and the replayer alike. The CLI's list of names
 * (checker/cli/targets.ts) must name exactly these; a test checks that they agree.
 */
const FACTORIES: Readonly<Record<string, (cfg: MapConfig) => Target<unknown>>> = {
  hmap: hmapTarget,
};

/** The target called `name` under `cfg`, or undefined when there is none by that name. */
export function makeTarget(name: string, cfg: MapConfig): Target<unknown> | undefined {
  // Own-property check: 'toString' and friends are not targets.
  return Object.hasOwn(FACTORIES, name) ? FACTORIES[name]!(cfg) : undefined;
}

export function targetNames(): string[] {
  return Object.keys(FACTORIES);
}
