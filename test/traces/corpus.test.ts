import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayFile } from '../../checker/replay/replay.js';
import { renderMermaid } from '../../checker/trace/mermaid.js';
import { mermaidParses } from '../checker/trace/mermaid-parse.js';

/**
 * The committed witnesses are the regression corpus: each must still replay through the spec to
 * the outcome it records, and its diagram must be exactly what the generator writes today (a
 * changed spec or generator shows up here, and the traces are regenerated on purpose).
 */
const ROOT = join(import.meta.dirname, '..', '..', 'traces');

function traceFiles(): string[] {
  const out: string[] = [];
  for (const target of readdirSync(ROOT, { withFileTypes: true })) {
    if (!target.isDirectory()) continue;
    for (const f of readdirSync(join(ROOT, target.name))) if (f.endsWith('.json')) out.push(join(target.name, f));
  }
  return out.sort();
}

const files = traceFiles();

describe('traces/', () => {
  it('holds a witness for each fatal and at least one silent failure of the plain map', () => {
    const outcomes = new Set(files.filter((f) => f.startsWith('hmap/')).map((f) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')).outcome as string));
    for (const fatal of ['concurrent map writes', 'concurrent map read and map write', 'concurrent map iteration and map write']) {
      expect(outcomes).toContain(`fatal: ${fatal}`);
    }
    expect([...outcomes].some((o) => o.startsWith('corrupt: ') || o === 'nonlinearizable')).toBe(true);
  });

  it.each(files)('%s replays to its outcome, and its diagram is current and parses', async (file) => {
    const r = replayFile(join(ROOT, file));
    if (!r.ok) throw new Error(r.error);
    expect(r.result.kind).toBe('same');
    if (r.result.kind !== 'same') return;
    expect(r.result.outcome).toBe(r.trace.outcome);
    const mmd = renderMermaid(r.result.view);
    expect(readFileSync(join(ROOT, file.replace(/\.json$/, '.mmd')), 'utf8')).toBe(mmd);
    expect(await mermaidParses(mmd)).toEqual({ ok: true });
  });
});
