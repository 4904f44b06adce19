import { describe, expect, it } from 'vitest';
import { parseCheckArgs } from '../../../checker/cli/options.js';
import { defaultWorkers } from '../../../checker/explore/parallel.js';
import { searchWorkers } from '../../../checker/run/check-target.js';

function workersFor(args: string[], target = 'hmap'): number {
  const p = parseCheckArgs(args);
  if (!p.ok) throw new Error(p.error);
  return searchWorkers({ ...p.options, target });
}

describe('searchWorkers: the threads a check searches on', () => {
  it('uses one per core from depth 4 on, or for hmap explored in full past its reach, else one', () => {
    expect(workersFor(['--depth', '3'])).toBe(1);
    expect(workersFor(['--depth', '3', '--exhaustive'])).toBe(defaultWorkers());
    expect(workersFor(['--depth', '3', '--keys', '1', '--exhaustive'])).toBe(1);
    expect(workersFor(['--depth', '3', '--exhaustive'], 'syncmap')).toBe(1);
    expect(workersFor(['--depth', '4'], 'syncmap')).toBe(defaultWorkers());
  });

  it('takes --workers as given, and one thread with --por', () => {
    expect(workersFor(['--depth', '3', '--exhaustive', '--workers', '1'])).toBe(1);
    expect(workersFor(['--depth', '2', '--workers', '2'])).toBe(2);
    expect(workersFor(['--depth', '6', '--por'])).toBe(1);
  });
});
