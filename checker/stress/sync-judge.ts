/**
 * How one stress round of sync.Map is judged. sync.Map promises linearizability, with its Range
 * judged by the Range rule (spec/syncmap/target.ts: range 'contract'), so as for the locked maps
 * any round that is not linearizable, or threw, or left the map in a state its invariants forbid,
 * is a violation.
 */
import { contentsOf, type PImage, type SyncMapImage } from '../../impl/syncmap/image.js';
import type { RoundLog } from '../../impl/stress/log.js';
import { EXPUNGED, NONE, P_NIL } from '../../spec/syncmap/constants.js';
import { STATE_INVARIANTS } from '../../spec/syncmap/invariants.js';
import type { GoMap, Mem, ReadOnly } from '../../spec/syncmap/state.js';
import { roundHistory } from './history.js';
import { linearizableVerdict, type SafeRoundVerdict, thrownViolation } from './judge.js';

export function judgeSyncRound(log: RoundLog, image: SyncMapImage, keys: number): SafeRoundVerdict {
  const history = roundHistory(log);
  const thrown = thrownViolation(log, history, 'syncmap');
  if (thrown) return thrown;
  const broken = brokenFinalInvariant(image);
  if (broken) return { class: 'violation', detail: `final map: ${broken} does not hold`, excerpt: [] };
  return linearizableVerdict(log, history, [...contentsOf(image)], keys, 'contract', 'syncmap');
}

/**
 * The first of the spec's state invariants (spec/syncmap/invariants.ts) the quiet map breaks: mu
 * free, I3, I4, I5, I6. I2 (read.m and dirty are different maps) cannot fail here: the image does
 * not say which tables are the same one, so imageMem gives each its own. The transition
 * invariants (I1, I7, I8) are about steps, which a free run does not observe.
 */
export function brokenFinalInvariant(image: SyncMapImage): string | undefined {
  const mem = imageMem(image);
  return STATE_INVARIANTS.find((inv) => !inv.holds(mem))?.name;
}

/**
 * The image as the spec's memory: read.m is map 0 and dirty the next, each entry of its own,
 * except that a dirty entry `shared` with read.m is read.m's very entry, as in Go. A value's box
 * becomes the value itself (the spec names a pointer by its value): stress stores only values
 * ≥ 1, which the spec cannot mistake for nil (0) or expunged (-1).
 */
export function imageMem(image: SyncMapImage): Mem {
  const entries: number[] = [];
  const entry = (p: PImage): number => entries.push(p === 'nil' ? P_NIL : p === 'expunged' ? EXPUNGED : p.value) - 1;
  const maps: GoMap[] = [];
  const readOnlys: ReadOnly[] = [];
  const inRead = new Map<number, number>();
  let read = NONE;
  if (image.read) {
    let m = NONE;
    if (image.read.m) {
      m = maps.push(image.read.m.map(([k, p]) => {
        const e = entry(p);
        inRead.set(k, e);
        return [k, e] as const;
      })) - 1;
    }
    read = readOnlys.push({ m, amended: image.read.amended }) - 1;
  }
  const dirty = image.dirty ? maps.push(image.dirty.map(([k, p, shared]) => [k, (shared ? inRead.get(k) : undefined) ?? entry(p)] as const)) - 1 : NONE;
  return { read, dirty, misses: image.misses, mu: image.locked ? 0 : NONE, readOnlys, maps, entries };
}
