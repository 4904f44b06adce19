import { join, resolve } from 'node:path';
import { CONFIGS } from '../../spec/config.js';
import { MUTANTS } from '../../spec/syncmap/mutants.js';
import type { Mutant } from '../../spec/syncmap/patch.js';
import { syncmapTarget } from '../../spec/syncmap/target.js';
import type { CheckOptions } from '../cli/options.js';
import type { Bounds } from '../explore/node.js';
import { explore } from '../explore/search.js';
import { BREACH, findWitnesses } from '../explore/witness.js';
import type { CheckIo } from './check-target.js';
import { saveWitness } from './save-witness.js';
import { witnessTrace } from './witness-trace.js';

/** What the self-test found for one mutant. */
export interface MutantReport {
  name: string;
  description: string;
  status: 'killed' | 'survived';
  /** Killed: the smallest depth at which some execution broke the contract, and its minimal witness. */
  depth?: number;
  outcome?: string;
  trace?: string;
  ops?: number;
  switches?: number;
  steps?: number;
}

/**
 * The mutation self-test (`--mutants`): each mutant of the sync.Map spec is checked at depth 1,
 * 2, ... up to `--depth`; the first depth at which an execution breaks the safe contract kills
 * it, and that depth's minimal breaking execution is written to `<traces>/mutants/`. A survivor
 * means the checker cannot tell that bug from Go: a hole in the verifiers or the bounds.
 */
export function checkMutants(options: CheckOptions, io: CheckIo, mutants: readonly Mutant[] = MUTANTS): MutantReport[] {
  const cfg = CONFIGS[options.config]!;
  const dir = join(resolve(io.cwd, options.traces), 'mutants');
  return mutants.map((m) => {
    const target = syncmapTarget(cfg, m);
    for (let depth = 1; depth <= options.depth; depth++) {
      const bounds: Bounds = { depth, goroutines: options.goroutines, keys: options.keys };
      if (!explore(target, { ...bounds, cfg }).breached) continue;
      const path = findWitnesses(target, cfg, bounds, new Set([BREACH])).get(BREACH);
      if (!path) throw new Error(`the witness search found no breaking execution of mutant ${m.name} although the explorer did`);
      const { view } = witnessTrace(target, cfg, bounds, path, m.name);
      const trace = saveWitness(dir, view, options.write, io.cwd);
      return { name: m.name, description: m.description, status: 'killed', depth, outcome: path.outcome, trace, ops: path.ops, switches: path.switches, steps: path.steps };
    }
    return { name: m.name, description: m.description, status: 'survived' };
  });
}
