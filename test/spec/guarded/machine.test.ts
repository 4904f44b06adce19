/**
 * What privateGuarded rests on: under a read lock, readers of the plain map write nothing but
 * READER_WRITES, so a reader's step that writes nothing and reads none of those is private.
 * Every interleaving of up to 4 operations of the RWMutex map is run with the reductions that
 * use privateStep switched off, and every step of a reader inside the map is checked.
 */
import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { SMALL } from '../../../spec/config.js';
import { READER_WRITES } from '../../../spec/guarded/machine.js';
import { isReader } from '../../../spec/guarded/plan.js';
import { rwmutexMapTarget, shardedMapTarget } from '../../../spec/guarded/index.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Target } from '../../../spec/target.js';
import { inMap } from './drive.js';

type T = Target<GuardedState<unknown>>;

/** The target, recording every location a reader inside a shard's map writes. */
function recording(t: T, written: Set<string>, prefixOf: (loc: string) => string): T {
  return {
    ...t,
    step: (s, g) => {
      const r = t.step(s, g);
      const op = s.gs[g]!.op;
      const mapStep = s.maps.some((_, shard) => inMap(s, g, shard));
      if (op && isReader(op) && mapStep) for (const w of r.info.writes) written.add(w.slice(prefixOf(w).length));
      return r;
    },
  };
}

describe('readers under a read lock', () => {
  it.each([
    ['rwmutex-map', rwmutexMapTarget(SMALL) as T, (_: string): string => ''],
    ['sharded-map', shardedMapTarget(SMALL) as T, (w: string): string => /^s\d+:/.exec(w)?.[0] ?? ''],
  ] as const)('%s: write only what READER_WRITES lists, and do write it', (_name, target, prefixOf) => {
    const written = new Set<string>();
    explore(recording(target, written, prefixOf), {
      depth: 4, goroutines: 2, keys: 2, cfg: SMALL, reductions: { ...ALL_REDUCTIONS, privateSteps: false, chains: false },
    });
    for (const w of written) expect(READER_WRITES).toContain(w);
    // The iterator flags at least: a check that records nothing would pass the line above.
    expect(written).toContain('flags');
  });
});
