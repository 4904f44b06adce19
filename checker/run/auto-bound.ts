import { type BoundTier, boundWords, type ContextBound, contextBound } from '../explore/bound.js';
import type { CheckOptions } from '../cli/options.js';
import { plural } from '../report/numbers.js';

/**
 * Whether the exhaustive hmap check finishes in a minute or so on 2 cores at these bounds
 * (measured in docs/performance.md: depth 2 in a second, depth 3 with one key in a quarter of a
 * minute; depth 3 with two keys explores its 3.9 million states in 45-80 s, but its witness
 * search then takes about four minutes and up to 5 GiB; depth 4 with one key explores 5.4 million
 * states in a minute on two workers, and its witness search was never run to the end).
 */
function hmapExhaustiveInReach(o: CheckOptions): boolean {
  return o.depth <= hmapFullReach(o);
}

/** The most operations hmap is explored in full with on these keys: 3 with one key, else 2. */
function hmapFullReach(o: CheckOptions): number {
  return o.keys === 1 ? 3 : 2;
}

/** Whether `target` under these options is hmap past its exhaustive reach, with no bound chosen. */
function hmapPastReach(o: CheckOptions, target: string): boolean {
  return target === 'hmap' && o.preemptions === undefined && !hmapExhaustiveInReach(o);
}

/** Whether these options insist on exploring hmap in full past its reach: a long search, whatever the depth. */
export function exhaustivePastReach(o: CheckOptions): boolean {
  return o.exhaustive === true && hmapPastReach(o, o.target);
}

/**
 * The context bound hmap gets past its exhaustive reach unless the user chose one (or insisted on
 * --exhaustive): one preemption for long executions, more for short ones, where the racy
 * interleavings that corrupt the map need many switches inside two or three operations:
 * executions of as many operations as the exhaustive search finishes with in full (so every class
 * the exhaustive depth 2, or depth 3 with one key, reaches is reported at every depth past it),
 * and, with two keys or more, executions of 3 operations with 2 preemptions, which reach `throw:
 * bad map state` and the bucket accesses outside their allocation (depth 3 under 2 preemptions is
 * some 28,000 states). Depth 6 with two keys takes about 6 s. A race-free execution needs no
 * preemption, so the contract verdict covers every race-free execution.
 */
export const HMAP_AUTO_PREEMPTIONS = 1;

/** hmap's automatic bound at these options' depth: grades that reach the depth become the bound itself. */
function hmapAutoBound(o: CheckOptions): ContextBound & { preemptions: number } {
  const grades: BoundTier[] = [{ ops: hmapFullReach(o) }, ...(o.keys === 1 ? [] : [{ ops: 3, preemptions: 2 }])];
  const tiers = grades.filter((t) => t.ops < o.depth);
  // Past its reach the depth exceeds the in-full grade, so a grade left out has a limit.
  const reaching = grades.find((t) => t.ops >= o.depth)?.preemptions;
  return { preemptions: Math.max(HMAP_AUTO_PREEMPTIONS, reaching ?? 0), tiers };
}

/**
 * The options one target of the run is checked with: the run's, narrowed to the target, with
 * hmap's automatic context bound where it applies. `note` gets the one line that says so.
 */
export function targetOptions(options: CheckOptions, target: string, note: (line: string) => void): CheckOptions {
  let bound = contextBound(options);
  if (hmapPastReach(options, target)) {
    const where = `hmap at depth ${options.depth} with ${plural(options.keys, 'key')}`;
    if (options.exhaustive) {
      note(`gomapcheck: note: ${where} is beyond exhaustive reach on 2 cores (docs/performance.md); --exhaustive: exploring it all anyway (minutes at depth 3 with two keys; deeper, hours and possibly more memory than the machine has)`);
    } else {
      bound = hmapAutoBound(options);
      // Where to look for what the bound leaves out: a run of seconds while one is left.
      const more = options.keys > 1 ? 'the exhaustive --depth 3 --keys 1, some seconds, reaches more silent corruptions' : '--preemptions 2 reaches more racy interleavings';
      note(`gomapcheck: note: ${where} is beyond exhaustive reach (docs/performance.md): checking it ${boundWords(bound)}, which covers every race-free execution but not every racy one (${more}); --preemptions P [--tiers ...] chooses the bound, --exhaustive insists`);
    }
  }
  const { preemptions: _p, tiers: _t, ...rest } = options;
  return { ...rest, target, ...bound };
}
