import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../../checker/trace/trace-shape.js';
import { fitsTraceSchema } from '../../../checker/trace/validate.js';
import { traceArb } from './arbitraries.js';
import { sampleTrace } from './fixtures.js';

/** The JSON Schema and the hand-written reader must accept and reject the same files. */
describe('the trace JSON Schema', () => {
  it('accepts every committed trace', () => {
    const root = join(import.meta.dirname, '..', '..', '..', 'traces');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fitsTraceSchema(JSON.parse(readFileSync(join(root, f), 'utf8')))).toEqual({ ok: true });
  });

  it('accepts whatever the reader accepts (1000 generated traces)', () => {
    fc.assert(fc.property(traceArb, (t) => {
      const json = JSON.parse(JSON.stringify(t));
      expect(checkTrace(json).ok).toBe(true);
      expect(fitsTraceSchema(json)).toEqual({ ok: true });
    }), { numRuns: 1000 });
  });

  // Damage that is about shape (what a schema can say), applied at a random place.
  const damages: Array<[string, (t: Record<string, any>) => void]> = [
    ['a missing field', (t) => delete t.outcome],
    ['an extra field', (t) => (t.extra = 1)],
    ['a wrong format', (t) => (t.format = 'other')],
    ['a wrong version', (t) => (t.version = 2)],
    ['a negative count', (t) => (t.steps = -1)],
    ['a fractional count', (t) => (t.ops = 1.5)],
    ['an unknown op kind', (t) => (t.scenario[0][0] = { kind: 'swap', key: 0 })],
    ['an op field of the wrong type', (t) => (t.scenario[0][0].key = '0')],
    ['an unknown range body', (t) => (t.scenario[0][0] = { kind: 'range', body: 'twice' })],
    ['an empty label', (t) => (t.schedule[0].label = '')],
    ['an empty scenario', (t) => (t.scenario = [])],
    ['a hash over 32 bits', (t) => (t.config.hashes[0] = 2 ** 32)],
    ['a bucketCnt of 0', (t) => (t.config.bucketCnt = 0)],
    ['an empty mutant name', (t) => (t.mutant = '')],
  ];

  it.each(damages)('rejects %s, as the reader does', (_name, damage) => {
    const t = JSON.parse(JSON.stringify(sampleTrace()));
    damage(t);
    expect(checkTrace(t).ok).toBe(false);
    expect(fitsTraceSchema(t).ok).toBe(false);
  });
});
