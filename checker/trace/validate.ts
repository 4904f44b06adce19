import Ajv2020Module from 'ajv/dist/2020.js';
import { TRACE_SCHEMA } from './schema.js';

// ajv is CommonJS: under NodeNext its class arrives on the default export's `default`.
const Ajv = (Ajv2020Module as unknown as { default: typeof Ajv2020Module.default }).default;
const validator = new Ajv({ strict: true, allErrors: false }).compile(TRACE_SCHEMA);

/** Whether `json` fits docs/trace.schema.json; the first problem as one line when it does not. */
export function fitsTraceSchema(json: unknown): { ok: true } | { ok: false; problem: string } {
  if (validator(json)) return { ok: true };
  const e = validator.errors?.[0];
  const where = e?.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the trace';
  return { ok: false, problem: `${where} ${e?.message ?? 'does not fit the trace schema'}` };
}
