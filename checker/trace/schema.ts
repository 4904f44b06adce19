/**
 * The trace file format as a JSON Schema (draft 2020-12): shipped as docs/trace.schema.json and
 * used by the replayer to validate every file it reads. The hand-written reader in
 * trace-shape.ts then gives the one-line message a user sees; a test keeps the two in agreement.
 */
const natural = { type: 'integer', minimum: 0 } as const;
const key = natural;

const op = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'assign' }, key, value: natural }, required: ['kind', 'key', 'value'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'access' }, key }, required: ['kind', 'key'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'delete' }, key }, required: ['kind', 'key'], additionalProperties: false },
    {
      type: 'object',
      properties: { kind: { const: 'range' }, body: { enum: ['stop', 'delete', 'store'] }, value: natural },
      required: ['kind'], additionalProperties: false,
    },
    { type: 'object', properties: { kind: { const: 'clear' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'len' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'loadOrStore' }, key, value: natural }, required: ['kind', 'key', 'value'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'loadAndDelete' }, key }, required: ['kind', 'key'], additionalProperties: false },
  ],
} as const;

export const TRACE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'gomapcheck-trace-v1',
  title: 'gomapcheck trace, version 1',
  description: 'A counterexample as a replayable artifact: which spec and configuration, the scenario, the schedule of step labels, and the outcome it reaches.',
  type: 'object',
  properties: {
    format: { const: 'gomapcheck-trace' },
    version: { const: 1 },
    specVersion: { type: 'string', minLength: 1, description: 'the spec that produced it, e.g. hmap/go1.19.8/1' },
    target: { type: 'string', minLength: 1, description: 'hmap, syncmap, rwmutex-map, mutex-map, sharded-map' },
    mutant: { type: 'string', minLength: 1, description: 'present for a named variant of the target: a sync.Map mutant (--mutants) or a misuse of the RWMutex map' },
    shards: { type: 'integer', minimum: 1, description: 'present for a sharded-map trace whose shard count is not the default 2 (--shards)' },
    search: {
      type: 'object',
      properties: { depth: { type: 'integer', minimum: 1 }, keys: { type: 'integer', minimum: 1 }, preemptions: natural,
        tiers: {
          type: 'array',
          items: {
            type: 'object',
            properties: { ops: { type: 'integer', minimum: 1 }, preemptions: natural },
            required: ['ops'],
            additionalProperties: false,
          },
          description: 'grades of the bound for shorter executions (--tiers): those of at most ops operations took at most preemptions preemptions, any number when it is absent',
        },
      },
      required: ['depth', 'keys'],
      dependentRequired: { tiers: ['preemptions'] },
      additionalProperties: false,
      description: 'the bounds of the search that found the witness (--depth, --keys, and --preemptions when it was context-bounded, with its --tiers when it had them): ops, switches and steps are the fewest among executions within them',
    },
    config: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        bucketCnt: { type: 'integer', minimum: 1 },
        loadFactorNum: { type: 'integer', minimum: 1 },
        loadFactorDen: { type: 'integer', minimum: 1 },
        initialB: natural,
        hashes: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 0xffffffff }, minItems: 1, description: 'hashes[k] is the 32-bit hash of key k' },
      },
      required: ['name', 'description', 'bucketCnt', 'loadFactorNum', 'loadFactorDen', 'initialB', 'hashes'],
      additionalProperties: false,
    },
    scenario: { type: 'array', items: { type: 'array', items: op }, minItems: 1, description: "one program per goroutine" },
    schedule: {
      type: 'array',
      items: {
        type: 'object',
        properties: { g: natural, label: { type: 'string', minLength: 1 } },
        required: ['g', 'label'], additionalProperties: false,
      },
      description: 'the steps in the order they ran: goroutine and the label the spec must offer there',
    },
    outcome: { type: 'string', minLength: 1 },
    ops: natural,
    switches: natural,
    steps: natural,
  },
  required: ['format', 'version', 'specVersion', 'target', 'config', 'scenario', 'schedule', 'outcome', 'ops', 'switches', 'steps'],
  additionalProperties: false,
} as const;
