import { describe, expect, it } from 'vitest';
import { OpLayers } from '../../../checker/explore/layers.js';
import { explore, type ExploreResult } from '../../../checker/explore/search.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { rwmutexMapTarget } from '../../../spec/guarded/rwmutex-map.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Target } from '../../../spec/target.js';

describe('OpLayers', () => {
  const n = (ops: number, id: string) => ({ ops, id });

  it('gives back the lowest layer first, last in first out within it', () => {
    const l = new OpLayers<ReturnType<typeof n>>();
    for (const x of [n(1, 'a'), n(0, 'b'), n(2, 'c'), n(0, 'd'), n(1, 'e')]) l.push(x, x.ops);
    const order: string[] = [];
    for (let x = l.pop(); x; x = l.pop()) order.push(x.id);
    expect(order).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(l.peak).toBe(5);
  });

  it('unlayered, it is one stack', () => {
    const l = new OpLayers<ReturnType<typeof n>>(false);
    for (const x of [n(1, 'a'), n(0, 'b'), n(2, 'c')]) l.push(x, x.ops);
    expect([l.pop()!.id, l.pop()!.id, l.pop()!.id, l.pop()]).toEqual(['c', 'b', 'a', undefined]);
  });

  it('refuses a state below the layer it has moved past: a step never lowers the count', () => {
    const l = new OpLayers<ReturnType<typeof n>>();
    l.push(n(2, 'a'), 2);
    l.push(n(2, 'c'), 2);
    l.pop();
    expect(() => l.push(n(1, 'b'), 1)).toThrow(/came after layer 2/);
  });

  it('starts again lower down once empty: states handed over by another participant', () => {
    const l = new OpLayers<ReturnType<typeof n>>();
    l.push(n(3, 'a'), 3);
    l.pop();
    l.push(n(1, 'b'), 1);
    l.push(n(2, 'c'), 2);
    expect([l.pop()!.id, l.pop()!.id, l.pop()]).toEqual(['b', 'c', undefined]);
  });

  it('hands over the oldest half of its lowest layer, and tells how much it holds', () => {
    const l = new OpLayers<ReturnType<typeof n>>();
    for (const x of [n(1, 'a'), n(1, 'b'), n(1, 'c'), n(2, 'd')]) l.push(x, x.ops);
    expect(l.lowest()).toBe(1);
    expect(l.takeOldest(10).map((x) => x.id)).toEqual(['a', 'b']);
    expect(l.takeOldest(1).map((x) => x.id)).toEqual(['c']);
    expect(l.size).toBe(1);
    expect(l.lowest()).toBe(2);
    expect(l.pop()!.id).toBe('d');
    expect([l.lowest(), l.takeOldest(5)]).toEqual([Infinity, []]);
  });
});

// The layered search must find exactly what the plain depth-first search finds, and explore
// each state once where the plain one explores some again with more budget.
describe('the layered search against the plain depth-first one', () => {
  const cases: Array<[string, Target<unknown>, number, number | undefined]> = [
    ['hmap, one preemption', hmapTarget(SMALL) as Target<unknown>, 4, 1],
    ['syncmap', syncmapTarget(SMALL) as Target<unknown>, 3, undefined],
    ['rwmutex-map', rwmutexMapTarget(SMALL) as Target<unknown>, 4, undefined],
  ];
  it.each(cases)('%s: the same states, end states and classes; every state explored once', (_name, target, depth, preemptions) => {
    const ends = (layered: boolean): { r: ExploreResult; keys: string[] } => {
      const keys: string[] = [];
      const r = explore(target, { depth, goroutines: 2, keys: 2, cfg: SMALL, layered, ...(preemptions === undefined ? {} : { preemptions }), onEnd: (k) => keys.push(k) });
      return { r, keys: keys.sort() };
    };
    const layered = ends(true);
    const plain = ends(false);
    expect(layered.keys).toEqual(plain.keys);
    expect({ ...layered.r, explored: 0 }).toEqual({ ...plain.r, explored: 0 });
    expect(layered.r.explored).toBe(layered.r.states);
    // Here the plain search does explore some states again; a bound where it did not would prove nothing.
    expect(plain.r.explored).toBeGreaterThan(plain.r.states);
  }, 60_000);
});
