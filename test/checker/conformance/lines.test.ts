import { describe, expect, it } from 'vitest';
import { RunLines } from '../../../checker/conformance/lines.js';

describe('RunLines', () => {
  it('passes each line on as it comes and keeps the worst code', () => {
    const seen: string[] = [];
    const out = new RunLines((l) => seen.push(l));
    out.add('a', 0);
    out.add('b', 2);
    out.add('c', 1);
    expect(out.lines).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual(out.lines);
    expect(out.code).toBe(2);
  });
});
