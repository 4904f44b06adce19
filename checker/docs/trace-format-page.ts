import { serializeTrace } from '../trace/io.js';
import { TRACE_SCHEMA } from '../trace/schema.js';
import type { TraceFile } from '../trace/types.js';
import { GENERATED } from './hmap-page.js';

/** docs/trace-format.md: the trace schema field by field, an example, and how replay answers. */
export function traceFormatPage(example: TraceFile, exampleFile: string): string {
  const props = TRACE_SCHEMA.properties as Record<string, { description?: string; type?: string; const?: unknown }>;
  const required = new Set<string>(TRACE_SCHEMA.required);
  const rows = Object.entries(props).map(([name, p]) => {
    const kind = p.const !== undefined ? `always ${JSON.stringify(p.const)}` : p.type ?? 'one of the shapes below';
    return `| \`${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${kind} | ${p.description ?? ''} |`;
  });
  const ops = [
    ['assign', '`key`, `value`', '`m[k] = v` / `m.Store(k, v)`'],
    ['access', '`key`', '`v, ok := m[k]` / `m.Load(k)`'],
    ['delete', '`key`', '`delete(m, k)` / `m.Delete(k)`'],
    ['range', '`body`? (`stop`, `delete`, `store`), `value`?', '`for k, v := range m` / `m.Range(f)`'],
    ['clear', '', 'the clear loop (mapclear)'],
    ['len', '', '`len(m)`'],
    ['loadOrStore', '`key`, `value`', '`m.LoadOrStore(k, v)`'],
    ['loadAndDelete', '`key`', '`m.LoadAndDelete(k)`'],
  ];
  return `${[
    GENERATED, '', '# Trace format', '',
    'A trace is a counterexample as a replayable artifact: which spec and configuration, the scenario, the schedule as the step labels each goroutine ran, and the outcome it reaches. The checker writes one per witness as `traces/<target>/<outcome>-<hash>.json`, with its Mermaid diagram beside it (`.mmd`, and `.svg` once `npm run docs` has rendered it). The hash covers the execution (target, spec version, configuration, scenario, schedule), so the same execution always gets the same name.', '',
    'The format is fixed by a JSON Schema, [trace.schema.json](trace.schema.json); the replayer validates every file against it before it runs anything.', '',
    '## Fields', '', '| field | required | type | meaning |', '|---|---|---|---|', ...rows, '',
    '## Operations in `scenario`', '', '| kind | fields | Go |', '|---|---|---|', ...ops.map(([k, f, g]) => `| \`${k}\` | ${f} | ${g} |`), '',
    'Keys index `config.hashes`; values are unique per operation (0 is Go\'s zero value, "absent").', '',
    `## Example: [${exampleFile}](../${exampleFile})`, '', '```json', serializeTrace(example).trimEnd(), '```', '',
    '## Replay', '', '```sh', `npm run check -- --replay ${exampleFile}`, '```', '',
    'The replayer runs the schedule through the current spec, checking at each entry that goroutine `g` is offered exactly `label`, and answers in one line:', '',
    '| answer | exit code | meaning |', '|---|---:|---|',
    '| `reproduces <outcome>` | 0 | the schedule ran as written and ended in the recorded outcome |',
    '| `expected <outcome>, got <other>` | 1 | it ran as written but ended otherwise |',
    '| `diverged at step N: expected "<label>", got "<label>"` | 1 | the spec offers another step there (after a spec change the spec versions are named) |',
    '| `unfinished: ...` | 1 | the schedule ends while operations are still running or not started |',
    '| one line on stderr | 2 | the file cannot be read, is not JSON, or does not fit the schema |',
  ].join('\n')}\n`;
}
