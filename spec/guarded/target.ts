import type { MapConfig } from '../config.js';
import { IDLE } from '../hmap/machine.js';
import { makeHmap } from '../hmap/state.js';
import type { Target } from '../target.js';
import type { Op } from '../types.js';
import { KeyText, keysInterchangeable } from '../hmap/keys.js';
import { encodeGuarded } from './encode.js';
import { brokenGuarded } from './invariants.js';
import { enabledGuarded, nextLabelGuarded, pendingGuarded, privateGuarded, startGuarded, stepGuarded } from './machine.js';
import { rememberingPlans, type Scheme } from './plan.js';
import { type GuardedState, IDLE_G, withAt } from './state.js';

/** What tells one guarded target from another; the machinery is shared. */
export interface GuardedSpec<L> {
  name: string;
  specVersion: string;
  range: 'snapshot' | 'contract';
  alphabet(keys: number, value: number): Op[];
  scheme: Scheme<L>;
}

/** A plain Go map (or several) guarded by locks, as a target whose every execution must end ok. */
export function guardedTarget<L>(cfg: MapConfig, spec: GuardedSpec<L>): Target<GuardedState<L>> {
  const scheme = rememberingPlans(spec.scheme);
  return {
    name: spec.name,
    specVersion: spec.specVersion,
    contract: 'always',
    range: spec.range,
    alphabet: spec.alphabet,
    init: (c, goroutines) => {
      const map = { h: makeHmap(c.initialB, c.bucketCnt), gs: new Array(goroutines).fill(IDLE) };
      return {
        locks: new Array<L>(scheme.shards).fill(scheme.lock.zero),
        maps: new Array(scheme.shards).fill(map),
        gs: new Array(goroutines).fill(IDLE_G),
      };
    },
    idle: (s, g) => s.gs[g]!.op === null,
    start: (s, g, op, opIndex) => startGuarded(cfg, scheme, s, g, op, opIndex),
    enabled: (s, g) => enabledGuarded(scheme, s, g),
    step: (s, g, detail) => stepGuarded(cfg, scheme, s, g, detail),
    nextLabel: (s, g) => nextLabelGuarded(scheme, s, g),
    broken: (s) => brokenGuarded(cfg, scheme, s),
    encode: (s, values, order, keys) => encodeGuarded(scheme, s, values, order, keys && new KeyText(cfg, keys)),
    // One map under one lock: keys are as interchangeable as in the plain map. Shards are picked
    // by key, and len, clear and range go through them in order, so a sharded map's keys are not.
    ...(scheme.shards === 1 ? { keySymmetric: (keys: number) => keysInterchangeable(cfg, keys) } : {}),
    halt: (s) => ({ locks: s.locks, maps: s.maps.map((m) => ({ h: m.h, gs: m.gs.map(() => IDLE) })), gs: s.gs.map(() => IDLE_G) }),
    // Map locations carry the shard's prefix before the bucket id: 's1:b3.key[0]' -> 's1:b.key[0]'.
    locationClass: (loc) => loc.replace(SHARD_BUCKET_ID, '$1b.'),
    pendingAccess: (s, g) => pendingGuarded(scheme, s, g),
    privateStep: (s, g, info) => privateGuarded(scheme, s, g, info),
    // A private run touches only g's own state and the maps' memory, and whether a step is
    // private depends on those and the locks (which no private step changes). The hmap machine's
    // step reads only the memory and the stepping goroutine's own slot, so of each shard's map
    // only the memory and g's slot are in the key, and only those are taken from the run's end:
    // run starts that differ in what the other goroutines hold share one walk (each part apart,
    // since most run starts share some of them with earlier states).
    runKey: (s, g) => ({ shared: [s.locks, ...s.maps.map((m) => m.h)], own: [g, ...s.maps.map((m) => m.gs[g]), s.gs[g]] }),
    spliceRun: (s, g, end) => ({
      locks: s.locks,
      maps: s.maps.map((m, i) => {
        const e = end.maps[i]!;
        return m === e ? m : { h: e.h, gs: withAt(m.gs, g, e.gs[g]!) };
      }),
      gs: withAt(s.gs, g, end.gs[g]!),
    }),
  };
}

const SHARD_BUCKET_ID = /^([^.]*:)?b\d+\./;
