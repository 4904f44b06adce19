import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrace, serializeTrace } from '../../../checker/trace/io.js';
import { traceFileBase } from '../../../checker/trace/slug.js';
import { makeDirectories, writeTraceFiles } from '../../../checker/trace/write.js';
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

describe('makeDirectories', () => {
  it('creates every missing parent, and leaves an existing directory as it is', () => {
    const root = tempDir();
    const deep = join(root, 'a', 'b', 'c');
    makeDirectories(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    writeFileSync(join(deep, 'kept'), 'x');
    makeDirectories(deep);
    makeDirectories(root);
    expect(readFileSync(join(deep, 'kept'), 'utf8')).toBe('x');
  });

  it('throws the error of the first directory it cannot make', () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'in the way');
    expect(() => makeDirectories(join(file, 'x', 'y'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  // In a child process with a time limit: Node's own recursive mkdir never returned here, and a
  // test that spins in a system call cannot be stopped by the test runner's timeout.
  it.skipIf(!existsSync('/proc/self'))('fails at once under a parent that takes no new entries (/proc)', () => {
    const module = pathToFileURL(join(import.meta.dirname, '../../../checker/trace/write.ts')).href;
    const script = `import(${JSON.stringify(module)}).then((m) => { try { m.makeDirectories('/proc/gomapcheck-none/x'); console.log('made'); } catch (e) { console.log(e.code); } });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe('ENOENT');
  });
});
