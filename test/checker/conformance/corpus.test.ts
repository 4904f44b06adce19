/** The helper behind `--conformance`: which files it covers, and the exit code it gives. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceFiles, conformFiles } from '../../../checker/conformance/corpus.js';
import { mermaidParses } from '../trace/mermaid-parse.js';

const TRACES = join(import.meta.dirname, '..', '..', '..', 'traces');

describe('conformance over files', () => {
  it('covers the plain map traces, sorted, and nothing else', () => {
    const files = conformanceFiles(TRACES);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith(join(TRACES, 'hmap')) && f.endsWith('.json'))).toBe(true);
    expect([...files].sort()).toEqual(files);
    expect(conformanceFiles(join(TRACES, 'no-such-dir'))).toEqual([]);
  });

  it('gives 0 when every file conforms, 2 for a file it cannot read, with a line each', async () => {
    const ok = conformanceFiles(TRACES).find((f) => f.includes('/ok-'))!;
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const seen: string[] = [];
    const first = await conformFiles([ok], {}, (l) => seen.push(l));
    expect(first.code).toBe(0);
    expect(seen).toEqual(first.lines);
    const both = await conformFiles([ok, bad, join(dir, 'missing.json')]);
    expect(both.code).toBe(2);
    expect(both.lines[1]).toMatch(/bad\.json: not valid JSON/);
    expect(both.lines[2]).toMatch(/missing\.json: cannot read the file/);
  });
});

describe('a diverging run', () => {
  it('leaves the trace and a diagram that marks where the implementation parted', async () => {
    const writes = conformanceFiles(TRACES).find((f) => f.includes('/fatal-concurrent-map-writes-'))!;
    const dir = mkdtempSync(join(tmpdir(), 'divergences-'));
    const r = await conformFiles([writes], { divergences: dir, faults: [{ afterSteps: 1, kind: 'mislabel' }] });
    expect(r.code).toBe(1);
    const written = /divergence written: (\S+) and (\S+)$/.exec(r.lines[1]!);
    expect(written).not.toBeNull();
    expect(readFileSync(written![1]!, 'utf8')).toBe(readFileSync(writes, 'utf8'));
    const mmd = readFileSync(written![2]!, 'utf8');
    // The mark sits after step 1's arrow and before step 2's.
    // Mermaid-escaped: ':' is #58; and '"' is #34;.
    const mark = mmd.indexOf('implementation parted from the spec before step 2#58; G0 should stand at #34;mapassign#58; h.flags ^= hashWriting (load)#34;');
    const arrows = [...mmd.matchAll(/^ {2,4}G\d-?->>/gm)].map((m) => m.index!);
    expect(mark).toBeGreaterThan(arrows[0]!);
    expect(mark).toBeLessThan(arrows[1]!);
    expect(mmd).toContain("the spec's outcome#58; fatal#58; concurrent map writes");
    expect(await mermaidParses(mmd)).toEqual({ ok: true });
  });

  it('writes nothing when every trace conforms, or when no directory is given', async () => {
    const ok = conformanceFiles(TRACES).find((f) => f.includes('/ok-'))!;
    const dir = mkdtempSync(join(tmpdir(), 'divergences-'));
    expect((await conformFiles([ok], { divergences: dir })).lines).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
