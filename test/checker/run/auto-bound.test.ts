import { describe, expect, it } from 'vitest';
import { parseCheckArgs } from '../../../checker/cli/options.js';
import { HMAP_AUTO_PREEMPTIONS, targetOptions } from '../../../checker/run/auto-bound.js';

function optionsFor(args: string[]) {
  const p = parseCheckArgs(args);
  if (!p.ok) throw new Error(p.error);
  return p.options;
}

function notesOf(args: string[], target = 'hmap') {
  const notes: string[] = [];
  const o = targetOptions(optionsFor(args), target, (line) => notes.push(line));
  return { o, notes };
}

describe('targetOptions: hmap past its exhaustive reach', () => {
  it('leaves hmap exhaustive, without a note, at depth 2 and at depth 3 with one key', () => {
    for (const args of [['--depth', '2'], ['--depth', '3', '--keys', '1']]) {
      const { o, notes } = notesOf(args);
      expect(o.preemptions).toBeUndefined();
      expect(notes).toEqual([]);
    }
  });

  it('bounds hmap past them to one preemption, its exhaustive reach in full and three operations with two, and says so in one line', () => {
    const { o, notes } = notesOf(['--depth', '6']);
    expect(o).toMatchObject({ preemptions: HMAP_AUTO_PREEMPTIONS, tiers: [{ ops: 2 }, { ops: 3, preemptions: 2 }] });
    expect(notes).toEqual(['gomapcheck: note: hmap at depth 6 with 2 keys is beyond exhaustive reach (docs/performance.md): checking it BOUNDED to 1 preemption (up to 2 operations in full, up to 3 operations with 2 preemptions), which covers every race-free execution but not every racy one (the exhaustive --depth 3 --keys 1, some seconds, reaches more silent corruptions); --preemptions P [--tiers ...] chooses the bound, --exhaustive insists']);
    // One key: its exhaustive reach is three operations; the rest with one preemption.
    const one = notesOf(['--depth', '4', '--keys', '1']);
    expect(one.o).toMatchObject({ preemptions: HMAP_AUTO_PREEMPTIONS, tiers: [{ ops: 3 }] });
    expect(one.notes[0]).toContain('BOUNDED to 1 preemption (up to 3 operations in full), which covers every race-free execution but not every racy one (--preemptions 2 reaches more racy interleavings)');
    // At depth 3 the three-operation grade is the whole bound.
    expect(notesOf(['--depth', '3']).o).toMatchObject({ preemptions: 2, tiers: [{ ops: 2 }] });
  });

  it('explores it in full with --exhaustive, saying what that costs', () => {
    const { o, notes } = notesOf(['--depth', '3', '--exhaustive']);
    expect(o.preemptions).toBeUndefined();
    expect(notes).toEqual(['gomapcheck: note: hmap at depth 3 with 2 keys is beyond exhaustive reach on 2 cores (docs/performance.md); --exhaustive: exploring it all anyway (minutes at depth 3 with two keys; deeper, hours and possibly more memory than the machine has)']);
  });

  it('keeps the bound the user chose, and bounds no other target', () => {
    expect(notesOf(['--depth', '6', '--preemptions', '2'])).toMatchObject({ o: { preemptions: 2 }, notes: [] });
    expect(notesOf(['--depth', '6', '--preemptions', '2']).o.tiers).toBeUndefined();
    expect(notesOf(['--depth', '6', '--preemptions', '0', '--tiers', '3'])).toMatchObject({ o: { preemptions: 0, tiers: [{ ops: 3 }] }, notes: [] });
    expect(notesOf(['--depth', '6'], 'syncmap')).toMatchObject({ notes: [] });
    expect(notesOf(['--depth', '6'], 'syncmap').o.preemptions).toBeUndefined();
  });
});
