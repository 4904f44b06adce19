import { describe, expect, it } from 'vitest';
import { AccessSets, conflicts, footprintOf, sameMemory } from '../../../checker/explore/footprint.js';
import type { StepInfo } from '../../../spec/types.js';

const fp = (reads: string[], writes: string[], all = false) => ({ reads, writes, all });
const noHeapIds = (loc: string): string => loc.replace(/^b\d+\./, 'b.');

describe('conflicts', () => {
  it('two reads commute; a write conflicts with a read or a write of the same location', () => {
    expect(conflicts(fp(['flags'], []), fp(['flags'], []))).toBe(false);
    expect(conflicts(fp(['flags'], []), fp([], ['flags']))).toBe(true);
    expect(conflicts(fp([], ['count']), fp([], ['count']))).toBe(true);
    expect(conflicts(fp([], ['count']), fp(['flags'], ['B']))).toBe(false);
  });

  it('a whole-bucket write meets every cell of that bucket only', () => {
    expect(sameMemory('b3.*', 'b3.tophash[0]')).toBe(true);
    expect(sameMemory('b3.key[1]', 'b3.*')).toBe(true);
    expect(sameMemory('b3.*', 'b30.key[1]')).toBe(false);
    expect(conflicts(fp([], ['b3.*']), fp(['b3.elem[0]'], []))).toBe(true);
  });

  it('a crash conflicts with everything', () => {
    expect(conflicts(fp([], [], true), fp([], []))).toBe(true);
  });
});

describe('footprintOf', () => {
  const info = (extra: Partial<StepInfo>): StepInfo => ({
    goroutine: 0, opIndex: 0, op: 'm[k0] = v1', label: 'x', goLine: 'map.go:1', reads: ['flags'], writes: [], access: 'plain', detail: '', ...extra,
  });
  it('adds the history to calls and returns and the budget to starts', () => {
    expect(footprintOf({ g: 0, op: { kind: 'len' } }, info({ call: true }), false).writes).toEqual(['@H', '@OPS']);
    expect(footprintOf({ g: 0, op: null }, info({ returns: { kind: 'none' } }), false).writes).toEqual(['@H']);
    expect(footprintOf({ g: 0, op: null }, info({}), true).all).toBe(true);
  });
});

describe('AccessSets', () => {
  it('remembers accesses without heap ids, so another execution’s bucket ids still conflict', () => {
    const sets = new AccessSets(noHeapIds);
    const s = sets.add(0, fp(['flags'], ['b3.tophash[0]']));
    expect(sets.conflicts(sets.footprintId(fp(['b7.tophash[0]'], [])), s)).toBe(true);
    expect(sets.conflicts(sets.footprintId(fp(['flags'], [])), s)).toBe(false);
    expect(sets.conflicts(sets.footprintId(fp([], ['flags'])), s)).toBe(true);
    expect(sets.conflicts(sets.footprintId(fp(['count'], [])), 0)).toBe(false);
  });

  it('interns: equal sets share an id, union is idempotent', () => {
    const sets = new AccessSets(noHeapIds);
    const a = sets.add(0, fp(['flags'], []));
    const b = sets.add(0, fp(['count'], []));
    expect(sets.add(0, fp(['flags'], []))).toBe(a);
    const ab = sets.union(a, b);
    expect(sets.union(ab, a)).toBe(ab);
    expect(sets.union(b, a)).toBe(ab);
  });
});
