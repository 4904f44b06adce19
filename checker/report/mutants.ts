import type { MutantReport } from '../run/mutants.js';

/** The `--mutants` run as a whole (its own JSON shape: `mode: "mutants"`). */
export interface MutantsRun {
  version: 1;
  depth: number;
  config: string;
  goroutines: number;
  keys: number;
  mutants: MutantReport[];
}

export function formatMutantsJson(run: MutantsRun): string {
  const mutants = run.mutants.map((m) => {
    const out: Record<string, unknown> = { name: m.name, status: m.status };
    if (m.status === 'killed') Object.assign(out, { depth: m.depth, outcome: m.outcome, trace: m.trace, ops: m.ops, switches: m.switches, steps: m.steps });
    out['description'] = m.description;
    return out;
  });
  const killed = run.mutants.filter((m) => m.status === 'killed').length;
  return `${JSON.stringify({ version: run.version, mode: 'mutants', depth: run.depth, config: run.config, goroutines: run.goroutines, keys: run.keys, killed, survived: run.mutants.length - killed, mutants }, null, 2)}\n`;
}

export function formatMutantsHuman(run: MutantsRun): string {
  const killed = run.mutants.filter((m) => m.status === 'killed').length;
  const width = Math.max(...run.mutants.map((m) => m.name.length), 6);
  const lines = [
    `syncmap mutants: ${killed} of ${run.mutants.length} killed  (up to depth ${run.depth}, ${run.goroutines} goroutines, ${run.keys} keys)`,
    '',
    ...run.mutants.map((m) => (m.status === 'killed'
      ? `  ${m.name.padEnd(width)}  killed at depth ${m.depth}: ${m.outcome}  ${m.trace}`
      : `  ${m.name.padEnd(width)}  SURVIVED: no execution up to depth ${run.depth} tells it from Go`)),
  ];
  return `${lines.join('\n')}\n`;
}
