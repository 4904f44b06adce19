import { afterEach, describe, expect, it, vi } from 'vitest';
import { helpText, parseCheckArgs, type CheckOptions } from '../../../checker/cli/options.js';
import { KNOWN_TARGETS } from '../../../checker/cli/targets.js';
import { CONFIGS, DEFAULT_CONFIG } from '../../../spec/config.js';

function options(argv: string[]): CheckOptions {
  const result = parseCheckArgs(argv);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(argv)} to parse, got: ${result.error}`);
  return result.options;
}

function error(argv: string[]): string {
  const result = parseCheckArgs(argv);
  if (result.ok) throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
  return result.error;
}

describe('parseCheckArgs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('has the documented defaults', () => {
    expect(options([])).toEqual({
      depth: 6,
      goroutines: 2,
      keys: 2,
      target: 'all',
      config: DEFAULT_CONFIG,
      json: false,
      traces: 'traces',
      write: true,
      help: false,
      mutants: false,
      conformance: false,
      por: false,
      exhaustive: false,
    });
  });

  it('reads every option, in both --flag value and --flag=value forms', () => {
    const o = options([
      '--depth', '4', '--goroutines=3', '--keys', '3', '--target', 'hmap', '--config', 'go',
      '--json', '--traces', 'out', '--no-write', '--por',
    ]);
    expect(o).toEqual({
      depth: 4, goroutines: 3, keys: 3, target: 'hmap', config: 'go', json: true,
      traces: 'out', write: false, help: false, mutants: false, conformance: false, por: true, exhaustive: false,
    });
    expect(options(['--replay=t.json']).replay).toBe('t.json');
    expect(options(['--mutants', '--target', 'syncmap', '--depth=3'])).toMatchObject({ mutants: true, target: 'syncmap', depth: 3 });
    // --conformance with an explicit --depth: every schedule up to that depth.
    expect(options(['--conformance', '--depth', '4', '--no-write'])).toMatchObject({ conformance: true, everySchedule: { depth: 4 }, write: false });
  });

  it('accepts every known target and config', () => {
    for (const target of KNOWN_TARGETS) expect(options(['--target', target]).target).toBe(target);
    for (const config of Object.keys(CONFIGS)) expect(options(['--config', config]).config).toBe(config);
  });

  it('allows as many keys as the config has hashes', () => {
    const n = CONFIGS[DEFAULT_CONFIG]!.hashes.length;
    expect(options(['--keys', String(n)]).keys).toBe(n);
  });

  it('turns --help into a flag, whatever else is on the line', () => {
    expect(options(['--help']).help).toBe(true);
    expect(options(['-h', '--depth', '0']).help).toBe(true);
  });

  it.each([
    [['--depth', 'abc'], 'gomapcheck: --depth must be a whole number ≥ 1 (got "abc")'],
    [['--depth', '0'], 'gomapcheck: --depth must be a whole number ≥ 1 (got "0")'],
    [['--depth', '2.5'], 'gomapcheck: --depth must be a whole number ≥ 1 (got "2.5")'],
    [['--depth', '-1'], 'gomapcheck: --depth must be a whole number ≥ 1 (got "-1")'],
    [['--depth', '1e3'], 'gomapcheck: --depth must be a whole number ≥ 1 (got "1e3")'],
    [['--goroutines', '5'], 'gomapcheck: --goroutines must be a whole number from 1 to 4 (got "5")'],
    [['--goroutines', '0'], 'gomapcheck: --goroutines must be a whole number from 1 to 4 (got "0")'],
    [['--keys', 'x'], 'gomapcheck: --keys must be a whole number ≥ 1 (got "x")'],
    [['--target', 'foo'], 'gomapcheck: unknown target "foo" (known: syncmap, rwmutex-map, mutex-map, sharded-map, hmap, all)'],
    [['--frob'], 'gomapcheck: unknown option --frob (see --help)'],
  ])('rejects %j with a message saying what is wrong', (argv, message) => {
    expect(error(argv)).toBe(message);
  });

  it('says how many hashes the config has when --keys asks for more', () => {
    const n = CONFIGS[DEFAULT_CONFIG]!.hashes.length;
    const message = error(['--keys', String(n + 1)]);
    expect(message).toContain(`it has ${n}`);
    expect(message).toContain(`--keys ${n} or fewer`);
  });

  it('lists the known configs, and is not fooled by Object.prototype names', () => {
    for (const name of ['nope', 'toString', '__proto__']) {
      expect(error(['--config', name])).toBe(
        `gomapcheck: unknown config "${name}" (known: ${Object.keys(CONFIGS).join(', ')})`,
      );
    }
  });

  it.each([
    [['--frob']],
    [['--dept', '3']],
    [['--depth']],
    [['6']],
    [['--depth', '3', 'extra']],
    [['--json=yes']],
    [['-x']],
    [['--traces', '']],
    [['--replay', '']],
    [['--keys', '99']],
    [['--depth', '99999999999999999999']],
  ])('gives ONE line starting with "gomapcheck: " for %j, without exiting or printing', (argv) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit called');
    });
    const stderr = vi.spyOn(process.stderr, 'write');
    const stdout = vi.spyOn(process.stdout, 'write');
    const message = error(argv);
    expect(message.startsWith('gomapcheck: ')).toBe(true);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/^gomapcheck: (gomapcheck|error)/);
    expect(exit).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
  });

  it('suggests the option a typo was probably meant to be', () => {
    expect(error(['--dept', '3'])).toBe('gomapcheck: unknown option --dept (did you mean --depth? see --help)');
  });

  it('names the flag that lacks a value, and the stray argument', () => {
    expect(error(['--depth'])).toBe('gomapcheck: option --depth needs a value (see --help)');
    expect(error(['6'])).toContain('unexpected argument "6"');
  });

  it('reads a context bound, and has none unless asked', () => {
    expect(options(['--preemptions', '2']).preemptions).toBe(2);
    expect(options(['--preemptions=0']).preemptions).toBe(0);
    expect(options([]).preemptions).toBeUndefined();
  });

  it.each(['-1', '1.5', 'two', '255'])('rejects --preemptions %s in one line', (p) => {
    expect(error(['--preemptions', p])).toMatch(/^gomapcheck: --preemptions must be a whole number from 0 to 254 \(got "/);
  });

  it('reads --tiers with a context bound only, each grade below the depth and wider than the next', () => {
    expect(options(['--depth', '5', '--preemptions', '1', '--tiers', '2,3:2'])).toMatchObject({ preemptions: 1, tiers: [{ ops: 2 }, { ops: 3, preemptions: 2 }] });
    expect(options(['--preemptions', '0', '--tiers', '4:1']).tiers).toEqual([{ ops: 4, preemptions: 1 }]);
    expect(options(['--preemptions', '1']).tiers).toBeUndefined();
    expect(error(['--tiers', '2'])).toBe('gomapcheck: --tiers widens a context bound for shorter executions: give --preemptions too');
    for (const bad of ['x', '2,', '0', '2:', '2:x', '-1']) {
      expect(error(['--preemptions', '1', '--tiers', bad])).toBe(`gomapcheck: --tiers takes OPS or OPS:PREEMPTIONS, comma-separated, e.g. 2,3:2 (got "${bad}")`);
    }
    expect(error(['--preemptions', '1', '--tiers', '3:255'])).toBe('gomapcheck: --tiers: at most 254 preemptions in a tier (got "3:255")');
    expect(error(['--depth', '4', '--preemptions', '1', '--tiers', '4'])).toBe('gomapcheck: --tiers: a tier of 4 operations reaches --depth 4: every execution in full is the search without --preemptions');
    expect(error(['--depth', '4', '--preemptions', '1', '--tiers', '5:2'])).toBe('gomapcheck: --tiers: a tier of 5 operations reaches --depth 4: give --preemptions 2 instead');
    expect(error(['--preemptions', '1', '--tiers', '3:2,2'])).toBe('gomapcheck: --tiers: tiers go by operations ascending (3 then 2)');
    expect(error(['--preemptions', '2', '--tiers', '3:2'])).toBe('gomapcheck: --tiers: a tier of 3 operations with 2 preemptions adds nothing to --preemptions 2');
    expect(error(['--preemptions', '1', '--tiers', '2:3,3'])).toBe('gomapcheck: --tiers: only the first tier may be in full (3 operations in full after 2)');
    expect(error(['--preemptions', '1', '--tiers', '2:2,3:2'])).toBe('gomapcheck: --tiers: a tier of 3 operations with 2 preemptions takes in the one of 2 with 2');
  });

  it('takes --shards for the sharded map, checked, and says when it does not apply', () => {
    expect(options(['--target', 'sharded-map', '--shards', '3']).shards).toBe(3);
    expect(options(['--shards', '1']).shards).toBe(1);
    expect(options([]).shards).toBeUndefined();
    expect(error(['--shards', '0'])).toBe('gomapcheck: --shards must be a whole number from 1 to 4 (got "0")');
    expect(error(['--target', 'syncmap', '--shards', '2'])).toBe('gomapcheck: --shards applies to sharded-map only, not syncmap');
  });

  it('takes --por for hmap and for all targets, and says why elsewhere', () => {
    expect(options(['--por', '--target', 'hmap']).por).toBe(true);
    expect(options(['--por']).por).toBe(true);
    expect(options([]).por).toBe(false);
    expect(options(['--por', '--target', 'mutex-map']).por).toBe(true);
    expect(error(['--por', '--target', 'syncmap'])).toBe('gomapcheck: --por supports rwmutex-map, mutex-map, sharded-map, hmap only, not syncmap');
    expect(error(['--por', '--preemptions', '1'])).toMatch(/^gomapcheck: --por and --preemptions do not combine/);
  });

  it('reads --report FILE, and says what to give when it is empty', () => {
    expect(options(['--report', 'out/r.html']).report).toBe('out/r.html');
    expect(options([]).report).toBeUndefined();
    expect(error(['--report='])).toBe('gomapcheck: --report needs a file name, e.g. --report report.html');
  });

  it('collects the stress flags only with --stress, and refuses them without it', () => {
    expect(options(['--stress', '--ops', '50', '--workers', '3', '--seed', '7', '--mix', 'read-mostly']).stress)
      .toEqual({ ops: '50', workers: '3', seed: '7', mix: 'read-mostly' });
    expect(options([]).stress).toBeUndefined();
    expect(error(['--ops', '50'])).toBe('gomapcheck: --ops and --mix belong to --stress (add --stress)');
  });

  it('takes --workers for a check too, checked, and not with --por or --shard', () => {
    expect(options(['--workers', '2']).workers).toBe(2);
    expect(options(['--stress', '--workers', '3']).workers).toBeUndefined();
    expect(options([]).workers).toBeUndefined();
    expect(error(['--workers', '0'])).toBe('gomapcheck: --workers must be a whole number from 1 to 64 (got "0")');
    expect(error(['--workers', '2', '--por'])).toBe('gomapcheck: --workers splits the plain search; it combines with neither --por nor --shard');
  });

  it('does not carry options over from one parse to the next', () => {
    options(['--depth', '3', '--no-write']);
    expect(options([])).toMatchObject({ depth: 6, write: true });
  });
});

describe('helpText', () => {
  it('lists every option', () => {
    const text = helpText();
    for (const flag of [
      '--depth', '--goroutines', '--keys', '--target', '--config', '--json', '--replay', '--traces', '--no-write', '--help', '--preemptions', '--tiers', '--report', '--mutants', '--conformance', '--stress', '--ops', '--workers', '--seed', '--mix',
    ]) {
      expect(text).toContain(flag);
    }
    expect(text).toMatch(/^Usage: gomapcheck/);
  });
});

describe('sampling flags', () => {
  it('asks --conformance for every schedule only when --depth is given, and not with --sample', () => {
    expect(options(['--conformance', '--depth', '3']).everySchedule).toEqual({ depth: 3 });
    // Without --depth the committed traces run, as before; --sample keeps --depth for its walks.
    expect(options(['--conformance']).everySchedule).toBeUndefined();
    expect(options(['--conformance', '--sample', '2', '--depth', '3']).everySchedule).toBeUndefined();
    expect(options(['--depth', '3']).everySchedule).toBeUndefined();
    expect(helpText()).toContain('with --depth n, every schedule up to depth n');
  });

  it('collects --sample with its seed and depth only under --conformance, with their defaults', () => {
    expect(options(['--conformance', '--sample', '50']).sample).toEqual({ n: 50, seed: 1, depth: 4 });
    // --depth means the sampled scenarios' size here; its own default (6) is not used.
    expect(options(['--conformance', '--sample', '3', '--seed', '7', '--depth', '2']).sample).toEqual({ n: 3, seed: 7, depth: 2 });
    expect(options(['--conformance']).sample).toBeUndefined();
    expect(helpText()).toContain('--sample <n>');
  });

  it('refuses bad sampling input with one line each', () => {
    expect(error(['--sample', '5'])).toBe('gomapcheck: --sample belongs to --conformance (add --conformance)');
    expect(error(['--conformance', '--sample', '0'])).toBe('gomapcheck: --sample must be a whole number ≥ 1 (got "0")');
    expect(error(['--conformance', '--sample', '2.5'])).toBe('gomapcheck: --sample must be a whole number ≥ 1 (got "2.5")');
    expect(error(['--conformance', '--sample', '5', '--seed', '-1'])).toBe('gomapcheck: --seed must be a whole number from 0 to 4294967295 (got "-1")');
    expect(error(['--conformance', '--sample', '5', '--seed', '4294967296'])).toMatch(/^gomapcheck: --seed must be a whole number from 0 to 4294967295/);
    expect(error(['--seed', '3'])).toBe('gomapcheck: --seed belongs to --stress or to --conformance --sample (add one of them)');
    expect(error(['--conformance', '--seed', '3'])).toBe('gomapcheck: --seed belongs to --stress or to --conformance --sample (add one of them)');
    // --stress keeps its own seed.
    expect(options(['--stress', '--seed', '3']).stress).toEqual({ seed: '3' });
  });
});
