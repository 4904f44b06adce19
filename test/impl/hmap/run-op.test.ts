import { describe, expect, it } from 'vitest';
import { runOp } from '../../../impl/hmap/run-op.js';
import { SharedGoMap } from '../../../impl/hmap/map.js';
import { SMALL } from '../../../spec/config.js';

describe('runOp', () => {
  it('runs each plain-map operation and gives its result in the checker’s terms', () => {
    const m = SharedGoMap.create(SMALL);
    expect(runOp(m, { kind: 'assign', key: 0, value: 5 }, 'the plain map')).toEqual({ kind: 'none' });
    expect(runOp(m, { kind: 'access', key: 0 }, 'the plain map')).toEqual({ kind: 'value', value: 5, ok: true });
    expect(runOp(m, { kind: 'len' }, 'the plain map')).toEqual({ kind: 'len', n: 1 });
    expect(runOp(m, { kind: 'range' }, 'the plain map')).toEqual({ kind: 'pairs', pairs: [[0, 5]] });
    expect(runOp(m, { kind: 'delete', key: 0 }, 'the plain map')).toEqual({ kind: 'none' });
    expect(runOp(m, { kind: 'clear' }, 'the plain map')).toEqual({ kind: 'none' });
  });

  it('names the map in the error for what only sync.Map has', () => {
    const m = SharedGoMap.create(SMALL);
    expect(() => runOp(m, { kind: 'loadAndDelete', key: 0 }, 'a guarded map')).toThrow("a guarded map has no loadAndDelete operation (it is sync.Map's)");
    expect(() => runOp(m, { kind: 'range', body: 'stop' }, 'the plain map')).toThrow(`the plain map's range has no callback (body "stop")`);
  });
});
