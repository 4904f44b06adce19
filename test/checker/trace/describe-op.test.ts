import { describe, expect, it } from 'vitest';
import { describeOp, describeResult, describeScenario } from '../../../checker/trace/describe-op.js';

describe('describeOp', () => {
  it.each([
    [{ kind: 'assign', key: 0, value: 3 }, 'm[k0] = v3'],
    [{ kind: 'access', key: 1 }, 'v, ok := m[k1]'],
    [{ kind: 'delete', key: 0 }, 'delete(m, k0)'],
    [{ kind: 'range' }, 'for k, v := range m'],
    [{ kind: 'clear' }, 'mapclear(m)'],
    [{ kind: 'len' }, 'len(m)'],
  ] as const)('%j → %s', (op, text) => {
    expect(describeOp(op)).toBe(text);
  });
});

describe('describeResult', () => {
  it.each([
    [{ kind: 'value', value: 3, ok: true }, '(v3, true)'],
    [{ kind: 'value', value: 0, ok: false }, '(0, false)'],
    // Not what Go returns for an absent key; printed as is so the anomaly shows.
    [{ kind: 'value', value: 2, ok: false }, '(v2, false)'],
    [{ kind: 'len', n: 2 }, '2'],
    [{ kind: 'pairs', pairs: [[0, 1], [1, 2]] }, '[k0:v1 k1:v2]'],
    [{ kind: 'pairs', pairs: [] }, '[]'],
    [{ kind: 'none' }, '—'],
  ] as const)('%j → %s', (r, text) => {
    expect(describeResult(r as Parameters<typeof describeResult>[0])).toBe(text);
  });
});

describe('describeScenario', () => {
  it('lists each goroutine program on one line', () => {
    expect(
      describeScenario([[{ kind: 'assign', key: 0, value: 1 }, { kind: 'len' }], [{ kind: 'delete', key: 0 }], []]),
    ).toBe('G0: m[k0] = v1, len(m); G1: delete(m, k0); G2: (no operations)');
  });
});
