import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../checker/cli/errors.js';
import { saveWitness } from '../../../checker/run/save-witness.js';
import { traceFileBase } from '../../../checker/trace/slug.js';
import { sampleView } from '../trace/fixtures.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gomapcheck-save-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const base = traceFileBase(sampleView().trace);

describe('saveWitness', () => {
  it('writes the trace and its diagram and reports the path relative to the working directory', () => {
    const shown = saveWitness(join(root, 'traces', 'hmap'), sampleView(), true, root);
    expect(shown).toBe(join('traces', 'hmap', `${base}.json`));
    expect(readdirSync(join(root, 'traces', 'hmap')).sort()).toEqual([`${base}.json`, `${base}.mmd`]);
  });

  it('keeps a path outside the working directory absolute', () => {
    const dir = join(root, 'out');
    expect(saveWitness(dir, sampleView(), true, join(root, 'elsewhere'))).toBe(join(dir, `${base}.json`));
  });

  it('writes nothing, not even the directory, under --no-write', () => {
    const shown = saveWitness(join(root, 'traces'), sampleView(), false, root);
    expect(shown).toBe(join('traces', `${base}.json`));
    expect(existsSync(join(root, 'traces'))).toBe(false);
  });

  it('leaves other files alone and replaces only the same witness', () => {
    const dir = join(root, 'traces');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, `${base}.json`), 'stale');
    saveWitness(dir, sampleView(), true, root);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, `${base}.json`), 'utf8')).toMatch(/gomapcheck-trace/);
    expect(readdirSync(dir).sort()).toEqual([`${base}.json`, `${base}.mmd`, 'notes.txt']);
  });

  it('refuses, as a user error, a file where the directory should be', () => {
    const file = join(root, 'traces');
    writeFileSync(file, 'not a directory');
    expect(() => saveWitness(file, sampleView(), true, root)).toThrow(UsageError);
    expect(() => saveWitness(join(file, 'hmap'), sampleView(), true, root)).toThrow(UsageError);
    // In words, not the errno code.
    expect(() => saveWitness(join(file, 'hmap'), sampleView(), true, root))
      .toThrow(/^cannot write witness traces under .*traces\/hmap: a part of the path is not a directory; choose another --traces or pass --no-write$/);
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('refuses, as a user error, a directory that cannot be made (a dangling link in the way)', () => {
    const link = join(root, 'traces');
    symlinkSync(join(root, 'gone'), link);
    expect(() => saveWitness(join(link, 'hmap'), sampleView(), true, root)).toThrow(/cannot write witness traces under .*traces\/hmap: no such directory \(create it first\); choose another --traces or pass --no-write$/);
  });
});
