/** The helper behind `--conformance`: which files it covers, and the exit code it gives. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceFiles, conformFiles } from '../../../checker/conformance/corpus.js';

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
