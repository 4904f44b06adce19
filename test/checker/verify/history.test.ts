import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node, successors } from '../../../checker/explore/node.js';
import { replayFile } from '../../../checker/replay/replay.js';
import { historyEvents, historyFromSteps } from '../../../checker/verify/history.js';
import { checkLinearizable } from '../../../checker/verify/linearizability.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { MState } from '../../../spec/hmap/machine.js';
import { describeOp } from '../../../spec/describe.js';
import type { Op, Scenario, StepInfo } from '../../../spec/types.js';
import { del, got, NONE, pairs, range, store } from './helpers.js';

/** A step with only the fields historyFromSteps reads set. */
const step = (goroutine: number, extra: Partial<StepInfo> = {}): StepInfo => ({
  goroutine, opIndex: 0, op: '', label: '', goLine: '', reads: [], writes: [], access: 'plain', detail: '', ...extra,
});

describe('historyFromSteps', () => {
  it('takes top-level operations from the scenario and nested ones from the steps, on slot G+g', () => {
    const scenario: Scenario = [[range('delete'), store(1, 5)], [store(0, 2)]];
    const steps = [
      step(0, { call: true }),
      step(1, { call: true, returns: NONE }), // one step: called and returned
      step(0, { nestedCall: del(0) }),
      step(0, { nestedReturns: NONE }),
      step(0, { returns: pairs([0, 2]) }),
      step(0, { call: true }),
    ];
    expect(historyFromSteps(steps, scenario)).toEqual([
      { id: 0, slot: 0, op: range('delete'), call: 0, ret: 5, result: pairs([0, 2]) },
      { id: 1, slot: 1, op: store(0, 2), call: 1, ret: 2, result: NONE },
      { id: 2, slot: 2, op: del(0), call: 3, ret: 4, result: NONE },
      { id: 3, slot: 0, op: store(1, 5), call: 6 }, // never returned
    ]);
  });

  it('says so when the execution and the scenario do not fit', () => {
    expect(() => historyFromSteps([step(0, { call: true })], [[]])).toThrow(/no operation 0 for goroutine 0/);
    expect(() => historyFromSteps([step(0, { returns: NONE })], [[store(0, 1)]])).toThrow(/no operation in progress/);
  });
});

describe('historyEvents', () => {
  it('lists calls and returns by position, an operation\'s call before its return', () => {
    const h = [
      { id: 0, slot: 0, op: store(0, 1), call: 0, ret: 2, result: NONE },
      { id: 1, slot: 1, op: { kind: 'access', key: 0 } as Op, call: 1, ret: 3, result: got(1) },
      { id: 2, slot: 1, op: store(0, 2), call: 4 },
    ];
    expect(historyEvents(h).map((e) => `${e.kind}${e.id}`)).toEqual(['call0', 'call1', 'return0', 'return1', 'call2']);
  });
});

/**
 * Real executions of the hmap spec, scheduled at random: the history the explorer's own monitor
 * judged, rebuilt from the recorded steps, gets the same verdict from the offline verifier.
 */
describe('on real hmap executions', () => {
  const target = hmapTarget(SMALL);
  const b: Bounds = { depth: 4, goroutines: 2, keys: 2 };

  function execute(choices: readonly number[]): { node: Node<MState>; steps: StepInfo[]; scenario: Scenario } {
    let node = initialNode(target, SMALL, b);
    const steps: StepInfo[] = [];
    const scenario: Op[][] = [[], []];
    for (let i = 0; !isEnd(target, b, node) || node.ops === 0; i++) {
      const next = successors(target, b, node);
      if (next.length === 0) break;
      const edge: Edge = next[(choices[i] ?? 0) % next.length]!.edge;
      if (edge.op) scenario[edge.g]!.push(edge.op);
      const r = applyEdge(target, b, node, edge);
      steps.push(r.info);
      node = r.node;
    }
    return { node, steps, scenario };
  }

  it('random schedules: the offline verdict is the monitor\'s', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 200 }), (choices) => {
        const { node, steps, scenario } = execute(choices);
        const v = checkLinearizable(historyFromSteps(steps, scenario), { keys: b.keys });
        expect(v.verdict).toBe(node.mon.failed ? 'nonlinearizable' : 'ok');
      }),
      { numRuns: 200 },
    );
  });

  // Random schedules rarely lose a write before something crashes; the corpus has executions that do.
  const ROOT = join(import.meta.dirname, '..', '..', '..', 'traces', 'hmap');
  const corpus = readdirSync(ROOT).filter((f) => f.endsWith('.json')).sort();

  it.each(corpus)('the committed trace %s: the offline verdict is the monitor\'s', (file) => {
    const r = replayFile(join(ROOT, file));
    if (!r.ok) throw new Error(r.error);
    if (r.result.kind !== 'same') throw new Error(`the trace no longer replays: ${r.result.kind}`);
    const { view } = r.result;
    const v = checkLinearizable(historyFromSteps(view.steps, view.trace.scenario), { keys: view.trace.config.hashes.length });
    expect(v.verdict).toBe(view.nonlinearizable ? 'nonlinearizable' : 'ok');
  });

  it('the nonlinearizable witness: both name the same operation', () => {
    const file = corpus.find((f) => f.startsWith('nonlinearizable-'))!;
    const r = replayFile(join(ROOT, file));
    if (!r.ok || r.result.kind !== 'same') throw new Error('the nonlinearizable witness no longer replays');
    const { view } = r.result;
    const v = checkLinearizable(historyFromSteps(view.steps, view.trace.scenario));
    expect(v.verdict).toBe('nonlinearizable');
    if (v.verdict === 'nonlinearizable') expect(describeOp(v.op.op)).toBe(view.nonlinearizable!.op);
  });
});
