import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayFile } from '../../../checker/replay/replay.js';
import { checkMutants } from '../../../checker/run/mutants.js';
import type { CheckOptions } from '../../../checker/cli/options.js';
import { MUTANTS } from '../../../spec/syncmap/mutants.js';

const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-mutants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (depth: number): CheckOptions => ({
  depth, goroutines: 2, keys: 2, target: 'syncmap', config: 'small', json: false, traces: 'traces', write: true, help: false, mutants: true, conformance: false, por: false, exhaustive: false,
});
const io = { stderr: { write: () => true, isTTY: false }, cwd: dir };

describe('checkMutants', () => {
  const quick = MUTANTS.find((m) => m.name === 'store-unlocks-early')!;
  const unchanged = { name: 'no-change', description: 'Go as it is: no patch at all.', patches: [] };
  const [killed, survived] = checkMutants(options(2), io, [quick, unchanged]);

  it('kills a mutant at the first depth where an execution breaks the contract', () => {
    expect(killed).toMatchObject({ name: 'store-unlocks-early', status: 'killed', depth: 1 });
    expect(killed!.outcome).not.toBe('ok');
  });

  it('writes the killing execution as a mutant trace that replays to the same outcome', () => {
    const file = join(dir, killed!.trace!);
    expect(killed!.trace).toMatch(/^traces\/mutants\//);
    expect(JSON.parse(readFileSync(file, 'utf8')).mutant).toBe('store-unlocks-early');
    const r = replayFile(file);
    if (!r.ok) throw new Error(r.error);
    expect(r.result).toMatchObject({ kind: 'same', outcome: killed!.outcome });
  });

  it('lets a "mutant" that changes nothing survive: the checker does not cry wolf', () => {
    expect(survived).toEqual({ name: 'no-change', description: unchanged.description, status: 'survived' });
  });
});
