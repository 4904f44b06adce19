import type { MapConfig } from '../../spec/config.js';
import type { Op } from '../../spec/types.js';
import { array, fail, integer, literal, nonEmptyString, oneOf, optional, record, string, tagged, type Checked } from './check-json.js';
import type { ScheduledStep, TraceFile } from './types.js';

/** The schema of a trace file, field by field in the order of the TraceFile interface. */

const natural = integer(0);
const positive = integer(1);

const configShape = record<MapConfig>({
  name: nonEmptyString,
  description: string,
  bucketCnt: positive,
  loadFactorNum: positive,
  loadFactorDen: positive,
  initialB: natural,
  // 32-bit hashes: the spec takes tophash from the top byte.
  hashes: array(integer(0, 0xffff_ffff), { nonEmpty: true }),
});

const opShape = tagged<Op>({
  assign: record({ kind: literal('assign'), key: natural, value: natural }),
  access: record({ kind: literal('access'), key: natural }),
  delete: record({ kind: literal('delete'), key: natural }),
  range: record({ kind: literal('range'), body: optional(oneOf(['stop', 'delete', 'store'] as const)), value: optional(natural) }),
  clear: record({ kind: literal('clear') }),
  len: record({ kind: literal('len') }),
  loadOrStore: record({ kind: literal('loadOrStore'), key: natural, value: natural }),
  loadAndDelete: record({ kind: literal('loadAndDelete'), key: natural }),
});

const stepShape = record<ScheduledStep>({ g: natural, label: nonEmptyString });

const traceShape = record<TraceFile>({
  format: literal('gomapcheck-trace'),
  version: literal(1),
  specVersion: nonEmptyString,
  target: nonEmptyString,
  mutant: optional(nonEmptyString),
  shards: optional(positive),
  search: optional(record({ depth: positive, keys: positive, preemptions: optional(natural), tiers: optional(array(record({ ops: positive, preemptions: optional(natural) }))) })),
  config: configShape,
  scenario: array(array(opShape), { nonEmpty: true }),
  schedule: array(stepShape),
  outcome: nonEmptyString,
  ops: natural,
  switches: natural,
  steps: natural,
});

/** Checks the shape, then that keys index config.hashes and goroutines index the scenario. */
export function checkTrace(v: unknown): Checked<TraceFile> {
  const shaped = traceShape(v, '');
  if (!shaped.ok) return shaped;
  const trace = shaped.value;
  const keyCount = trace.config.hashes.length;
  for (const [g, program] of trace.scenario.entries()) {
    for (const [i, op] of program.entries()) {
      if ('key' in op && op.key >= keyCount) {
        return fail(`scenario[${g}][${i}].key`, `must be an integer between 0 and ${keyCount - 1} (an index into config.hashes)`);
      }
    }
  }
  const lastGoroutine = trace.scenario.length - 1;
  const stray = trace.schedule.findIndex((s) => s.g > lastGoroutine);
  if (stray >= 0) return fail(`schedule[${stray}].g`, `must be an integer between 0 and ${lastGoroutine}`);
  return shaped;
}
