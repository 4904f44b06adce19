import { describe, expect, it } from 'vitest';
import { replayVerdict } from '../../../checker/replay/verdict.js';
import type { ExecutionView } from '../../../checker/trace/types.js';

const view = {} as ExecutionView; // the verdict never looks at it

describe('replayVerdict', () => {
  it('gives one line and an exit code per kind of result', () => {
    expect(replayVerdict('t.json', { kind: 'same', outcome: 'ok', view })).toEqual({ line: 'replay t.json: reproduces ok', code: 0 });
    expect(replayVerdict('t.json', { kind: 'different', expected: 'ok', actual: 'nonlinearizable', view }))
      .toEqual({ line: 'replay t.json: expected ok, got nonlinearizable', code: 1 });
    expect(replayVerdict('t.json', { kind: 'diverged', step: 2, expected: 'a (load)', actual: 'b (store)', reason: 'x' }))
      .toEqual({ line: 'replay t.json: diverged at step 3: expected "a (load)", got "b (store)"', code: 1 });
    expect(replayVerdict('t.json', { kind: 'unfinished', reason: 'G1 never started len(m)', view }))
      .toEqual({ line: 'replay t.json: unfinished: the schedule ends while G1 never started len(m)', code: 1 });
    expect(replayVerdict('t.json', { kind: 'invalid', reason: 'unknown target "x" (known: hmap)' }))
      .toEqual({ line: 'replay t.json: unknown target "x" (known: hmap)', code: 2 });
  });

  it('says why there was no label, and which spec versions differ', () => {
    const r = replayVerdict('t.json', {
      kind: 'diverged', step: 0, expected: 'a', actual: undefined, reason: 'G1 is blocked',
      specVersions: { trace: 'hmap/old', checker: 'hmap/new' },
    });
    expect(r.line).toBe('replay t.json: diverged at step 1: expected "a", got nothing (G1 is blocked) (trace from spec hmap/old, checker has hmap/new)');
  });
});
