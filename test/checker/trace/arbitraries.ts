/** fast-check generators of valid trace files, and of strings that stress Mermaid's syntax. */
import fc from 'fast-check';
import type { MapConfig } from '../../../spec/config.js';
import type { Op } from '../../../spec/types.js';
import type { TraceFile } from '../../../checker/trace/types.js';

/** Any single UTF-16 code unit, so lone surrogates turn up too. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Any text, including lone surrogates, control characters and astral code points. */
export const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: codeUnit }));

/** Text made of pieces that mean something to Mermaid, Markdown or HTML. */
const MERMAID_PIECES = [
  '#', ';', ':', '%%', '%%{init: {"theme": "dark"}}%%', '%%{wrap}%%', '%%{init}%%', '-->>', '->>', '-x', '--)', '<br>', '<br/>', '<b>', '<a href="x">', '\n', '\r', '\r\n',
  '\u2028', 'end', 'opt', 'style', 'classDef', 'wrap:', 'nowrap:', '&lt;', '&amp;', '#59;', '#35;', 'ﬂ°°', '¶ß',
  '@{', '}', '{', '"', "'", '`', '\\', 'Note over A', 'participant', ' as ', ',', '&^=', 'h.flags ^= hashWriting',
  ' ', 'a', 'k0', '\u0000', '\t', '---', '\uD800', '→', '—',
];
export const mermaidHostileText = fc.string({ unit: fc.constantFrom(...MERMAID_PIECES), maxLength: 12 });

export const labelText = fc.oneof(anyText, mermaidHostileText);
const nonEmptyText = labelText.filter((s) => s !== '');

const nat = fc.nat({ max: 1000 });

function opArb(keyCount: number): fc.Arbitrary<Op> {
  const key = fc.nat({ max: keyCount - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant('assign' as const), key, value: nat }),
    fc.record({ kind: fc.constant('access' as const), key }),
    fc.record({ kind: fc.constant('delete' as const), key }),
    fc.constantFrom<Op>({ kind: 'range' }, { kind: 'clear' }, { kind: 'len' }),
    fc.record({ kind: fc.constant('loadOrStore' as const), key, value: nat }),
    fc.record({ kind: fc.constant('loadAndDelete' as const), key }),
    fc.record({ kind: fc.constant('range' as const), body: fc.constantFrom('stop' as const, 'delete' as const, 'store' as const), value: nat }),
  );
}

const configArb = (keyCount: number): fc.Arbitrary<MapConfig> =>
  fc.record({
    name: nonEmptyText,
    description: labelText,
    bucketCnt: fc.integer({ min: 1, max: 8 }),
    loadFactorNum: fc.integer({ min: 1, max: 13 }),
    loadFactorDen: fc.integer({ min: 1, max: 4 }),
    initialB: fc.nat({ max: 4 }),
    hashes: fc.array(fc.nat({ max: 0xffff_ffff }), { minLength: keyCount, maxLength: keyCount }),
  });

export const traceArb: fc.Arbitrary<TraceFile> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
  .chain(([keyCount, goroutines]) =>
    fc.record({
      format: fc.constant('gomapcheck-trace' as const),
      version: fc.constant(1 as const),
      specVersion: nonEmptyText,
      target: nonEmptyText,
      config: configArb(keyCount),
      scenario: fc.array(fc.array(opArb(keyCount), { maxLength: 3 }), { minLength: goroutines, maxLength: goroutines }),
      schedule: fc.array(
        fc.record({ g: fc.nat({ max: goroutines - 1 }), label: nonEmptyText }),
        { maxLength: 8 },
      ),
      outcome: nonEmptyText,
      ops: nat,
      switches: nat,
      steps: nat,
      search: fc.tuple(
        fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.option(nat, { nil: undefined }),
        fc.array(fc.record({ ops: fc.integer({ min: 1, max: 9 }), preemptions: nat }, { requiredKeys: ['ops'] }), { maxLength: 2 }),
      )
        // Tiers come only with a context bound.
        .map(([depth, keys, preemptions, tiers]) => ({ depth, keys, ...(preemptions === undefined ? {} : { preemptions, ...(tiers.length === 0 ? {} : { tiers }) }) })),
    }, { requiredKeys: ['format', 'version', 'specVersion', 'target', 'config', 'scenario', 'schedule', 'outcome', 'ops', 'switches', 'steps'] }),
  );
