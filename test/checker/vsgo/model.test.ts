import { describe, expect, it } from 'vitest';
import { witnessTrace } from '../../../checker/run/witness-trace.js';
import { modelClasses, PAIR_OPS, pairBounds, pairWitnesses, type PairOp, setupSteps } from '../../../checker/vsgo/model.js';
import { CONFIGS } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { allCases } from '../../../checker/vsgo/table.js';

const WRITERS: readonly PairOp[] = ['assign', 'delete', 'clear'];

describe('the spec side of the comparison with real Go', () => {
  it('reaches each of the three fatal errors for the pair Go names it after', () => {
    expect(modelClasses({ map: 'hmap', ops: ['assign', 'assign'], prefill: 0 })).toContain('fatal: concurrent map writes');
    expect(modelClasses({ map: 'hmap', ops: ['assign', 'access'], prefill: 0 })).toContain('fatal: concurrent map read and map write');
    expect(modelClasses({ map: 'hmap', ops: ['assign', 'range'], prefill: 0 })).toContain('fatal: concurrent map iteration and map write');
  });

  it('never stops len(m) beside a writer: len reads count and checks no flag', () => {
    for (const prefill of [0, 2]) expect(modelClasses({ map: 'hmap', ops: ['assign', 'len'], prefill })).toEqual(['ok']);
  });

  it('lets a read and a delete on an empty map both return before they look at the flag', () => {
    expect(modelClasses({ map: 'hmap', ops: ['access', 'delete'], prefill: 0 })).toEqual(['ok']);
    expect(modelClasses({ map: 'hmap', ops: ['access', 'delete'], prefill: 2 })).toContain('fatal: concurrent map read and map write');
  });

  it('reaches nothing but ok for any pair of sync.Map\'s operations', () => {
    for (const c of allCases(['syncmap'])) expect(modelClasses(c), `${c.ops.join(' ∥ ')} with ${c.prefill} keys`).toEqual(['ok']);
  });

  it('reaches nothing but ok for any pair of the locked maps\' operations', () => {
    for (const c of allCases(['mutex-map', 'rwmutex-map', 'sharded-map'])) expect(modelClasses(c), `${c.map}: ${c.ops.join(' ∥ ')} with ${c.prefill} keys`).toEqual(['ok']);
  });

  it('has a plain read return a value nobody stored, with no crash: the value is stored after the write window', () => {
    expect(modelClasses({ map: 'hmap', ops: ['assign', 'access'], prefill: 0 })).toContain('nonlinearizable');
  });

  it('reaches no crash, and nothing but ok, for any pair without a writer', () => {
    const readers = PAIR_OPS.filter((op) => !WRITERS.includes(op));
    for (const c of allCases().filter((x) => readers.includes(x.ops[0]) && readers.includes(x.ops[1]))) {
      expect(modelClasses(c), `${c.ops.join(' ∥ ')} with ${c.prefill} keys`).toEqual(['ok']);
    }
  });
});

describe('the spec\'s cheapest execution of a pair', () => {
  it('finds one for each class the pair reaches, and each replays to its class from the empty map', () => {
    const c = { map: 'hmap', ops: ['delete', 'clear'], prefill: 2 } as const;
    const classes = modelClasses(c);
    const found = pairWitnesses(c, new Set(classes));
    expect([...found.keys()].sort()).toEqual(classes);
    for (const [outcome, path] of found) {
      const { trace } = witnessTrace(hmapTarget(CONFIGS['go']!), CONFIGS['go']!, pairBounds(c), path);
      expect(trace.outcome).toBe(outcome);
      // The setup (goroutine 0 alone) and one operation each: every scenario names the pair last.
      expect(trace.scenario[0]!.map((op) => op.kind)).toEqual(['assign', 'assign', 'delete']);
      expect(trace.scenario[1]!.map((op) => op.kind)).toEqual(['clear']);
      expect(path.ops).toBe(4);
      expect(path.edges.slice(0, setupSteps(c)).every((e) => e.g === 0)).toBe(true);
    }
  });

  it('takes no context switch where none is needed, and at least one where two goroutines must meet', () => {
    const sequential = pairWitnesses({ map: 'hmap', ops: ['assign', 'len'], prefill: 0 }, new Set(['ok'])).get('ok')!;
    expect(sequential.switches).toBe(1);
    const fatal = pairWitnesses({ map: 'hmap', ops: ['assign', 'assign'], prefill: 0 }, new Set(['fatal: concurrent map writes'])).get('fatal: concurrent map writes')!;
    // G0 sets the flag, G1 sees it: one switch into G1 is enough.
    expect(fatal.switches).toBe(1);
    const silent = pairWitnesses({ map: 'hmap', ops: ['assign', 'assign'], prefill: 0 }, new Set(['corrupt: count equals live keys'])).get('corrupt: count equals live keys')!;
    expect(silent.switches).toBeGreaterThan(fatal.switches);
  });

  it('gives the same executions on every run', () => {
    const c = { map: 'hmap', ops: ['assign', 'range'], prefill: 2 } as const;
    const wanted = new Set(modelClasses(c));
    expect(pairWitnesses(c, wanted)).toEqual(pairWitnesses(c, wanted));
  });
});
