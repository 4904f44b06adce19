import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrace, serializeTrace } from '../../../checker/trace/io.js';
import { traceArb } from './arbitraries.js';
import { sampleTrace } from './fixtures.js';

const SOURCE = 'traces/x.json';

/** The sample trace as plain JSON, changed by `edit`, then parsed. */
function parseEdited(edit: (t: Record<string, any>) => void): ReturnType<typeof parseTrace> {
  const json = JSON.parse(serializeTrace(sampleTrace())) as Record<string, any>;
  edit(json);
  return parseTrace(JSON.stringify(json), SOURCE);
}

describe('serializeTrace', () => {
  it('writes keys in interface order, one line per op and per scheduled step, and a final newline', () => {
    const text = serializeTrace(sampleTrace());
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "format": "gomapcheck-trace",');
    expect(lines.filter((l) => /^ {2}"\w+":/.test(l)).map((l) => l.trim().split('"')[1])).toEqual([
      'format', 'version', 'specVersion', 'target', 'config', 'scenario', 'schedule', 'outcome', 'ops', 'switches', 'steps',
    ]);
    expect(lines).toContain('      {"kind": "assign", "key": 0, "value": 1}');
    expect(lines).toContain('    {"g": 0, "label": "mapassign: h.flags ^= hashWriting (store)"},');
    expect(lines).toContain(`    "hashes": [${0x1a000000}, ${0x2b000000}]`);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('does not depend on the key order of the objects it is given', () => {
    const t = sampleTrace();
    const reordered = JSON.parse(JSON.stringify(t, Object.keys(t).reverse().concat(['kind', 'value', 'key', 'label', 'g']).concat(Object.keys(t.config))));
    expect(Object.keys(reordered)[0]).toBe('steps');
    expect(serializeTrace(reordered)).toBe(serializeTrace(t));
  });

  it('round-trips through parseTrace for any valid trace', () => {
    fc.assert(
      fc.property(traceArb, (t) => {
        const parsed = parseTrace(serializeTrace(t), SOURCE);
        expect(parsed).toEqual({ ok: true, trace: t });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTrace', () => {
  it('accepts a well-formed trace', () => {
    expect(parseTrace(serializeTrace(sampleTrace()), SOURCE)).toEqual({ ok: true, trace: sampleTrace() });
  });

  it('reports text that is not JSON', () => {
    const r = parseTrace('{"format": ', SOURCE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^traces\/x\.json: not valid JSON \(.+\)$/);
  });

  it.each<[string, (t: Record<string, any>) => void, string]>([
    ['an empty object', (t) => Object.keys(t).forEach((k) => delete t[k]), 'format is missing'],
    ['another format', (t) => (t.format = 'other'), 'format must be "gomapcheck-trace"'],
    ['another version', (t) => (t.version = 2), 'version must be 1'],
    ['an empty spec version', (t) => (t.specVersion = ''), 'specVersion must be a non-empty string'],
    ['a missing target', (t) => delete t.target, 'target is missing'],
    ['a config that is an array', (t) => (t.config = []), 'config must be an object'],
    ['a string where a number goes', (t) => (t.config.bucketCnt = '1'), 'config.bucketCnt must be a positive integer'],
    ['a zero denominator', (t) => (t.config.loadFactorDen = 0), 'config.loadFactorDen must be a positive integer'],
    ['a fractional B', (t) => (t.config.initialB = 1.5), 'config.initialB must be a non-negative integer'],
    ['a hash too wide', (t) => (t.config.hashes[1] = 2 ** 32), 'config.hashes[1] must be an integer between 0 and 4294967295'],
    ['no hashes', (t) => (t.config.hashes = []), 'config.hashes must not be empty'],
    ['an unknown config field', (t) => (t.config.hashs = []), 'config.hashs is not a known field'],
    ['no goroutines', (t) => (t.scenario = []), 'scenario must not be empty'],
    ['a program that is not an array', (t) => (t.scenario[1] = {}), 'scenario[1] must be an array'],
    ['an unknown op kind', (t) => (t.scenario[0][0].kind = 'store'), 'scenario[0][0].kind must be one of "assign", "access", "delete", "range", "clear", "len", "loadOrStore", "loadAndDelete"'],
    ['a range body that is not one of the three', (t) => (t.scenario[0][0] = { kind: 'range', body: 'twice' }), 'scenario[0][0].body must be one of "stop", "delete", "store"'],
    ['an op without its key', (t) => delete t.scenario[1][0].key, 'scenario[1][0].key is missing'],
    ['a negative value', (t) => (t.scenario[0][0].value = -1), 'scenario[0][0].value must be a non-negative integer'],
    ['an op with an extra field', (t) => (t.scenario[1][0].value = 3), 'scenario[1][0].value is not a known field'],
    ['a key with no hash', (t) => (t.scenario[1][0].key = 2), 'scenario[1][0].key must be an integer between 0 and 1 (an index into config.hashes)'],
    ['a goroutine out of range', (t) => (t.schedule[3].g = 2), 'schedule[3].g must be an integer between 0 and 1'],
    ['a negative goroutine', (t) => (t.schedule[3].g = -1), 'schedule[3].g must be a non-negative integer'],
    ['an empty label', (t) => (t.schedule[0].label = ''), 'schedule[0].label must be a non-empty string'],
    ['a null step', (t) => (t.schedule[2] = null), 'schedule[2] must be an object'],
    ['an outcome that is not a string', (t) => (t.outcome = 3), 'outcome must be a non-empty string'],
    ['negative ops', (t) => (t.ops = -1), 'ops must be a non-negative integer'],
    ['fractional steps', (t) => (t.steps = 0.5), 'steps must be a non-negative integer'],
    ['a negative context bound', (t) => (t.search = { depth: 2, keys: 1, preemptions: -1 }), 'search.preemptions must be a non-negative integer'],
    ['grades without a context bound', (t) => (t.search = { depth: 3, keys: 1, tiers: [{ ops: 2 }] }), 'search must have property preemptions when property tiers is present'],
    ['a grade of no operations', (t) => (t.search = { depth: 3, keys: 1, preemptions: 0, tiers: [{ ops: 0 }] }), 'search.tiers[0].ops must be a positive integer'],
    ['a search without depth', (t) => (t.search = { keys: 1 }), 'search.depth is missing'],
    ['an unknown top-level field', (t) => (t.diagram = 'x'), 'diagram is not a known field'],
    ['an unknown field that is not a name', (t) => (t['a\nb'] = 1), '["a\\nb"] is not a known field'],
  ])('rejects %s with one line naming the field', (_what, edit, message) => {
    const r = parseEdited(edit);
    expect(r).toEqual({ ok: false, error: `${SOURCE}: ${message}` });
    if (!r.ok) expect(r.error).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it('reports a top level that is not an object', () => {
    expect(parseTrace('[1]', SOURCE)).toEqual({ ok: false, error: `${SOURCE}: the trace must be an object` });
    expect(parseTrace('null', SOURCE)).toEqual({ ok: false, error: `${SOURCE}: the trace must be an object` });
  });

  it('names the first bad field when there are several', () => {
    const r = parseEdited((t) => {
      t.schedule[0].g = 'x';
      t.config.name = 7;
    });
    expect(r).toEqual({ ok: false, error: `${SOURCE}: config.name must be a non-empty string` });
  });
});
