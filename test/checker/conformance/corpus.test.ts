/** The helper behind `--conformance`: which files it covers, and the exit code it gives. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMING_TARGETS, conformanceFiles, conformFiles } from '../../../checker/conformance/corpus.js';
import { mermaidParses } from '../trace/mermaid-parse.js';

const TRACES = join(import.meta.dirname, '..', '..', '..', 'traces');

describe('conformance over files', () => {
  it('covers the traces of every map with a real implementation, target by target, sorted, and nothing else', () => {
    expect(CONFORMING_TARGETS).toEqual(['hmap', 'syncmap', 'mutex-map', 'rwmutex-map', 'sharded-map']);
    const files = conformanceFiles(TRACES);
    const of = (target: string) => files.filter((f) => f.startsWith(join(TRACES, target) + sep));
    for (const t of CONFORMING_TARGETS) expect(of(t).length).toBeGreaterThan(0);
    expect(files).toEqual(CONFORMING_TARGETS.flatMap((t) => of(t).sort()));
    expect(files.every((f) => f.endsWith('.json'))).toBe(true);
    expect(conformanceFiles(join(TRACES, 'no-such-dir'))).toEqual([]);
    // --target narrows it to that target's traces.
    expect(conformanceFiles(TRACES, ['mutex-map'])).toEqual(of('mutex-map').sort());
    expect(conformanceFiles(TRACES, ['syncmap', 'hmap'])).toEqual([...of('hmap').sort(), ...of('syncmap').sort()]);
  });

  it('skips a mutant trace filed under a target with a line that says so, and gives 0 for it', async () => {
    // A sync.Map mutant's witness, as if someone had filed it under traces/syncmap/.
    const mutant = readdirSync(join(TRACES, 'mutants')).find((f) => f.endsWith('.json'))!;
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    mkdirSync(join(dir, 'syncmap'));
    copyFileSync(join(TRACES, 'mutants', mutant), join(dir, 'syncmap', mutant));
    const files = conformanceFiles(dir);
    expect(files).toEqual([join(dir, 'syncmap', mutant)]);
    const r = await conformFiles(files);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^conformance .*: skipped: a mutant trace \(from a deliberately broken spec\).*\(mutant "[a-z-]+"\)$/);
    expect(r.verdicts).toEqual([{ file: files[0], verdict: undefined, skipped: expect.stringContaining('mutant') }]);
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
    expect(both.lines[2]).toMatch(/missing\.json: cannot read the file \(no such file\)$/);
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
