import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { KNOWN_TARGETS } from '../../../checker/cli/targets.js';
import { makeTarget, targetNames } from '../../../checker/run/targets.js';

describe('makeTarget', () => {
  it('knows exactly the targets the CLI accepts', () => {
    expect(targetNames()).toEqual([...KNOWN_TARGETS]);
  });

  it('builds a target under its own name, and nothing for other names', () => {
    expect(makeTarget('hmap', SMALL)?.name).toBe('hmap');
    expect(makeTarget('nope', SMALL)).toBeUndefined();
    expect(makeTarget('toString', SMALL)).toBeUndefined();
  });
});
