import { describe, expect, it } from 'vitest';
import type { PairCase } from '../../../checker/vsgo/model.js';
import { allCases, compareCases, coverage, explainSeen, formatRows, type Row, rowsJson } from '../../../checker/vsgo/table.js';

describe('the comparison table', () => {
  it('covers every unordered pair of each map\'s operations, on an empty map and on one with two keys', () => {
    const cases = allCases();
    // The plain map's six operations, then sync.Map's four (it has no clear or len), on both maps.
    expect(cases.filter((c) => c.map === 'hmap')).toHaveLength(2 * (6 * 7) / 2);
    expect(cases.filter((c) => c.map === 'syncmap')).toHaveLength(2 * (4 * 5) / 2);
    expect(new Set(cases.map((c) => `${c.map}/${[...c.ops].sort().join()}/${c.prefill}`)).size).toBe(cases.length);
    expect(allCases(['syncmap']).every((c) => c.map === 'syncmap')).toBe(true);
    // The locked maps have all six, as the plain map has.
    expect(allCases(['sharded-map'])).toHaveLength(2 * (6 * 7) / 2);
  });

  const row = (c: PairCase, model: string[], go: Array<[string, number]>, agrees = true, remarks: string[] = []): Row => ({ case: c, model, go: new Map(go), agrees, remarks });
  const rows = [
    row({ map: 'hmap', ops: ['assign', 'access'], prefill: 0 }, ['fatal: concurrent map read and map write', 'ok'], [['ok', 1], ['fatal: concurrent map read and map write', 2]]),
    row({ map: 'hmap', ops: ['clear', 'clear'], prefill: 2 }, ['fatal: concurrent map writes', 'ok'], [['ok', 3]]),
    row({ map: 'hmap', ops: ['len', 'len'], prefill: 0 }, ['ok'], [['throw: bad map state', 1]], false, ['Go: throw: bad map state, which the spec never reaches for this pair']),
    row({ map: 'syncmap', ops: ['assign', 'range'], prefill: 2 }, ['ok'], [['ok', 3]]),
  ];

  it('counts the pairs for which Go showed an outcome the spec reaches besides ok, among those with one', () => {
    expect(coverage(rows)).toEqual({ pairs: 2, shown: 1 });
  });

  it('prints each pair with both sides, its remarks and the verdict', () => {
    const text = formatRows(rows, 3, 100);
    expect(text).toContain('agree   assign ∥ access, empty map\n        spec: fatal: concurrent map read and map write, ok\n        Go:   fatal: concurrent map read and map write ×2, ok ×1\n');
    expect(text).toContain('DIFFER  len ∥ len, empty map\n');
    expect(text).toContain('        Go: throw: bad map state, which the spec never reaches for this pair\n');
    expect(text).toContain('1 of 4 pairs differ\n');
    expect(text).toContain('agree   sync.Map Store ∥ Range, 2 keys in the map\n');
    expect(formatRows(rows.slice(0, 1), 1, 10)).toContain('all 1 pair agree');
    expect(text).toContain('clear ∥ clear, 2 keys in the map');
    expect(text).toMatch(/of the 2 pairs for which the spec reaches an outcome besides ok, Go showed one of them for 1 /);
  });

  it('tells, with --explain, how the spec reaches each outcome Go showed, and only those', () => {
    const c: PairCase = { map: 'hmap', ops: ['delete', 'clear'], prefill: 2 };
    const seen = new Map([['corrupt: count equals live keys', 1], ['ok', 2]]);
    const [row] = compareCases([c], () => seen, true);
    expect([...row!.explained!.keys()]).toEqual(['corrupt: count equals live keys']);
    const how = row!.explained!.get('corrupt: count equals live keys')!;
    expect(how).toMatch(/^Scenario: G0: m\[k0\] = v1, m\[k1\] = v2, delete\(m, k0\) ‖ G1: mapclear\(m\)\. Steps 1-(\d+) are G0 filling the map alone\. Flag changes: step (\d+) /);
    // The flag changes told start after the setup's steps.
    const [, setup, firstChange] = /Steps 1-(\d+) .* Flag changes: step (\d+) /.exec(how)!;
    expect(Number(firstChange)).toBeGreaterThan(Number(setup));
    expect(how).toMatch(/the invariant "count equals live keys" no longer holds\. 4 operations, \d+ context switches, \d+ steps: no interleaving of this pair has fewer switches\.$/);
    expect(formatRows([row!], 1, 10)).toContain(`        how the spec gets to corrupt: count equals live keys: ${how}\n`);
    expect(explainSeen({ map: 'hmap', ops: ['assign', 'access'], prefill: 0 }, ['fatal: concurrent map read and map write']).get('fatal: concurrent map read and map write')).toMatch(/the program stops: fatal: concurrent map read and map write\./);
  });

  it('gives the same comparison as one JSON object with --json', () => {
    const json = JSON.parse(rowsJson(rows, 3, 100, 'go1.19.8')) as { version: number; agree: boolean; coverage: unknown; runs: number; ms: number; pairs: Array<Record<string, unknown>> };
    expect(json).toMatchObject({ version: 1, go: 'go1.19.8', config: 'go', runs: 3, ms: 100, agree: false, coverage: { pairs: 2, shown: 1 } });
    expect(json.pairs).toHaveLength(rows.length);
    expect(json.pairs[0]).toEqual({
      map: 'hmap', ops: ['assign', 'access'], prefill: 0, spec: ['fatal: concurrent map read and map write', 'ok'],
      observed: { 'fatal: concurrent map read and map write': 2, ok: 1 }, agrees: true, remarks: [],
    });
    expect(json.pairs[2]).toMatchObject({ agrees: false, remarks: ['Go: throw: bad map state, which the spec never reaches for this pair'] });
  });
});
