/**
 * The reductions that decide what the search expands and stores: private steps (expand), runs of
 * single choices (settle) and the monitor keeping only its roots. Each must keep exactly the end
 * states of the search without it, key for key, on targets whose goroutines take locks,
 * including the misused RWMutex whose executions deadlock. Keying crashed states by their
 * memory (crashKey) merges end states, so it must keep every end state that did not crash, key
 * for key, and every class.
 */
import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS, AloneChoice, expand, initialNode, type Reductions, successors } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { SMALL } from '../../../spec/config.js';
import { RWMUTEX_MISUSES } from '../../../spec/guarded/index.js';
import type { Target } from '../../../spec/target.js';

interface Run {
  states: number;
  ends: string[];
  /** The end states that did not crash. */
  uncrashed: string[];
  crashed: number;
  classes: string[];
  breached: boolean;
}

function run(target: Target<unknown>, depth: number, reductions: Reductions): Run {
  const ends: string[] = [];
  const uncrashed: string[] = [];
  const r = explore(target, {
    depth, goroutines: 2, keys: 2, cfg: SMALL, reductions,
    onEnd: (k, _outcome, crashed) => {
      ends.push(k);
      if (!crashed) uncrashed.push(k);
    },
  });
  expect(r.executions).toBe(ends.length);
  return {
    states: r.states, ends: ends.sort(), uncrashed: uncrashed.sort(), crashed: ends.length - uncrashed.length,
    classes: [...r.outcomes.keys()].sort(), breached: r.breached,
  };
}

const OFF: Reductions = { ...ALL_REDUCTIONS, chains: false, privateSteps: false, monitorRoots: false, deadAtCrash: false };

const CASES: Array<{ name: string; target: Target<unknown>; depth: number }> = [
  ...['mutex-map', 'rwmutex-map', 'sharded-map'].map((name) => ({ name, target: makeTarget(name, SMALL)!, depth: 3 })),
  ...RWMUTEX_MISUSES.map((m) => ({ name: `rwmutex-map/${m.name}`, target: makeTarget('rwmutex-map', SMALL, m.name)!, depth: 3 })),
];

describe.each(CASES)('$name at depth $depth', ({ target, depth }) => {
  const without = run(target, depth, OFF);

  // A crash can stop operations midway, and the monitor's explanations of those are part of a
  // crashed state's key unless deadAtCrash drops it: keeping only the roots merges such
  // crashed states too. Every execution that ends with each goroutine idle ends with nothing
  // pending, where the roots are every explanation, so those end states stay exactly the same.
  it.each([
    ['private steps', { ...OFF, privateSteps: true }, 'every end state'],
    ['runs of single choices', { ...OFF, chains: true }, 'every end state'],
    ['monitor roots', { ...OFF, monitorRoots: true }, 'the end states that did not crash'],
    ['all of them', ALL_REDUCTIONS, 'the end states that did not crash'],
  ] as const)('%s: %s key for key, no more crashed ones, the same classes and verdict, fewer states stored', (_name, reductions, same) => {
    const reduced = run(target, depth, reductions);
    if (same === 'every end state') expect(reduced.ends).toEqual(without.ends);
    expect(reduced.uncrashed).toEqual(without.uncrashed);
    expect(reduced.crashed).toBeLessThanOrEqual(without.crashed);
    expect(reduced.classes).toEqual(without.classes);
    expect(reduced.breached).toBe(without.breached);
    expect(reduced.states).toBeLessThan(without.states);
  });
});

describe('reusing the end of a run of private steps (Target.runKey)', () => {
  it.each(['mutex-map', 'rwmutex-map', 'sharded-map'])('%s: exactly the states, end states and classes of walking every run', (name) => {
    const target = makeTarget(name, SMALL)!;
    let spliced = 0;
    const counted: Target<unknown> = { ...target, spliceRun: (s, g, end) => (spliced++, target.spliceRun!(s, g, end)) };
    const { runKey: _k, spliceRun: _s, ...walking } = target;
    const reused = run(counted, 3, ALL_REDUCTIONS);
    const walked = run(walking, 3, ALL_REDUCTIONS);
    expect(spliced).toBeGreaterThan(0);
    expect(reused).toEqual(walked);
  });
});

describe('reusing the end of a run of the plain map (Target.runKey, no private steps)', () => {
  // Runs arise where the other goroutine is idle with no operation left, or, under a context
  // bound, where switching to it would be one preemption too many. A monitor that has failed
  // changes no more at a return, which once let a run swallow the returning step.
  it.each([
    { depth: 2, goroutines: 2, keys: 2 },
    { depth: 3, goroutines: 2, keys: 2, preemptions: 1 },
    { depth: 2, goroutines: 3, keys: 1 },
  ])('exactly the states, end states and classes of walking every run: %o', (bounds) => {
    const target = makeTarget('hmap', SMALL)!;
    let spliced = 0;
    const counted: Target<unknown> = { ...target, spliceRun: (s, g, end) => (spliced++, target.spliceRun!(s, g, end)) };
    const { runKey: _k, spliceRun: _s, ...walking } = target;
    const search = (t: Target<unknown>) => {
      const ends: string[] = [];
      const r = explore(t, { ...bounds, cfg: SMALL, onEnd: (k) => ends.push(k) });
      return { states: r.states, outcomes: [...r.outcomes].sort(), breached: r.breached, ends: ends.sort() };
    };
    const reused = search(counted);
    expect(spliced).toBeGreaterThan(0);
    expect(reused).toEqual(search(walking));
  });
});

describe('a crashed state keyed by its memory (deadAtCrash)', () => {
  // The plain map crashes in most racy executions; the misused RWMutexes deadlock.
  const cases: Array<{ name: string; target: Target<unknown>; depth: number }> = [
    { name: 'hmap', target: makeTarget('hmap', SMALL)!, depth: 2 },
    ...RWMUTEX_MISUSES.map((m) => ({ name: `rwmutex-map/${m.name}`, target: makeTarget('rwmutex-map', SMALL, m.name)!, depth: 3 })),
  ];

  it.each(cases)('$name: the same end states that did not crash, the same classes and verdict, fewer crashed ones', ({ target, depth }) => {
    const whole = run(target, depth, { ...ALL_REDUCTIONS, deadAtCrash: false });
    const halted = run(target, depth, ALL_REDUCTIONS);
    expect(halted.uncrashed).toEqual(whole.uncrashed);
    expect(halted.classes).toEqual(whole.classes);
    expect(halted.breached).toBe(whole.breached);
    expect(whole.crashed).toBeGreaterThan(0);
    expect(halted.crashed).toBeLessThan(whole.crashed);
    expect(halted.states).toBeLessThan(whole.states);
  });
});

it('the misused RWMutex still deadlocks with both reductions on, so the comparison above covers a crash', () => {
  const classes = RWMUTEX_MISUSES.flatMap((m) => run(makeTarget('rwmutex-map', SMALL, m.name)!, 3, ALL_REDUCTIONS).classes);
  expect(classes.some((c) => c.includes('deadlock'))).toBe(true);
});

describe('expand', () => {
  const target = makeTarget('mutex-map', SMALL)!;
  const b = { depth: 2, goroutines: 2, keys: 2 };

  /**
   * The state after goroutine 0 starts `m[k0] = v` and takes steps until it is inside the map
   * code, with goroutine 1 idle and free to start any operation.
   */
  function insideCriticalSection() {
    let n = initialNode(target, SMALL, b);
    n = successors(target, b, n).find((x) => x.edge.g === 0 && x.edge.op?.kind === 'assign')!.node;
    while (!/^mapassign/.test(target.nextLabel(n.s, 0) ?? '')) n = successors(target, b, n).find((x) => x.edge.g === 0)!.node;
    return n;
  }

  it('takes a step inside a critical section alone', () => {
    const n = insideCriticalSection();
    expect(successors(target, b, n).length).toBeGreaterThan(1);
    const only = expand(target, b, n, ALL_REDUCTIONS);
    expect(only.map((x) => x.edge)).toEqual([{ g: 0, op: null }]);
  });

  it('explores every successor when the reduction is off, or under a context bound', () => {
    const n = insideCriticalSection();
    const all = successors(target, b, n).map((x) => x.edge);
    expect(expand(target, b, n, { ...ALL_REDUCTIONS, privateSteps: false }).map((x) => x.edge)).toEqual(all);
    expect(expand(target, { ...b, preemptions: 1 }, { ...n, preempted: 0 }, ALL_REDUCTIONS).length).toBeGreaterThan(1);
  });
});

describe('the private step taken alone', () => {
  it('is the one whose label sorts first, whatever order they are offered in', () => {
    for (const order of [['b', 'a', 'c'], ['c', 'b', 'a'], ['a', 'c', 'b']]) {
      const choice = new AloneChoice<string>();
      for (const label of order) choice.offer(`step ${label}`, label);
      expect(choice.chosen).toBe('step a');
      expect(choice.offered).toBe(3);
    }
  });

  it('is none on a tie for the first label, and none when nothing was offered', () => {
    const tie = new AloneChoice<number>();
    tie.offer(0, 'lock');
    tie.offer(1, 'lock');
    expect(tie.chosen).toBeUndefined();
    const later = new AloneChoice<number>();
    later.offer(0, 'b');
    later.offer(1, 'b');
    later.offer(2, 'a');
    expect(later.chosen).toBe(2);
    expect(new AloneChoice<number>().chosen).toBeUndefined();
  });
});
