import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrace, serializeTrace } from '../../../checker/trace/io.js';
import { traceFileBase } from '../../../checker/trace/slug.js';
import { writeTraceFiles } from '../../../checker/trace/write.js';
import { sampleTrace } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'gomapcheck-trace-'));
  dirs.push(d);
  return d;
}

describe('writeTraceFiles', () => {
  it('creates the directory and writes <base>.json and <base>.mmd, leaving no temp files', () => {
    const dir = join(tempDir(), 'traces', 'hmap');
    const trace = sampleTrace();
    const paths = writeTraceFiles(dir, trace, 'sequenceDiagram\n');
    const base = traceFileBase(trace);
    expect(paths).toEqual({ json: join(dir, `${base}.json`), mmd: join(dir, `${base}.mmd`) });
    expect(readdirSync(dir).sort()).toEqual([`${base}.json`, `${base}.mmd`]);
    expect(readFileSync(paths.json, 'utf8')).toBe(serializeTrace(trace));
    expect(parseTrace(readFileSync(paths.json, 'utf8'), paths.json)).toEqual({ ok: true, trace });
    expect(readFileSync(paths.mmd, 'utf8')).toBe('sequenceDiagram\n');
  });

  it('replaces an earlier write of the same execution', () => {
    const dir = tempDir();
    writeTraceFiles(dir, sampleTrace(), 'old\n');
    const paths = writeTraceFiles(dir, { ...sampleTrace(), steps: 1 }, 'new\n');
    expect(readdirSync(dir)).toHaveLength(2);
    expect(readFileSync(paths.mmd, 'utf8')).toBe('new\n');
  });
});
