import type { Op } from '../../spec/types.js';
import { checkTrace } from './trace-shape.js';
import { fitsTraceSchema } from './validate.js';
import type { SearchBounds, TraceFile } from './types.js';
import { tierFields } from '../explore/bound.js';

export type ParsedTrace = { ok: true; trace: TraceFile } | { ok: false; error: string };

/** Reads a trace file's text; `source` (usually its path) starts the one-line error. */
export function parseTrace(text: string, source: string): ParsedTrace {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${source}: not valid JSON (${oneLine(e instanceof Error ? e.message : String(e))})` };
  }
  // The schema (docs/trace.schema.json) decides; the hand-written reader says why in our words
  // and adds what a schema cannot say (keys that index config.hashes, goroutines in range).
  const schema = fitsTraceSchema(json);
  const checked = checkTrace(json);
  if (!checked.ok) return { ok: false, error: oneLine(`${source}: ${checked.path || 'the trace'} ${checked.problem}`) };
  if (!schema.ok) return { ok: false, error: oneLine(`${source}: ${schema.problem}`) };
  return { ok: true, trace: checked.value };
}

/**
 * The file text: keys in the order of the TraceFile interface, two-space indent, but one line per
 * operation and per scheduled step, so a diff of two traces reads as a diff of two schedules.
 */
export function serializeTrace(t: TraceFile): string {
  const c = t.config;
  const config = [
    `"name": ${json(c.name)}`,
    `"description": ${json(c.description)}`,
    `"bucketCnt": ${c.bucketCnt}`,
    `"loadFactorNum": ${c.loadFactorNum}`,
    `"loadFactorDen": ${c.loadFactorDen}`,
    `"initialB": ${c.initialB}`,
    `"hashes": [${c.hashes.join(', ')}]`,
  ];
  const scenario = t.scenario.map((program) => block(program.map(inlineOp), '[', ']', 6));
  const schedule = t.schedule.map((s) => `{"g": ${s.g}, "label": ${json(s.label)}}`);
  const fields = [
    `"format": ${json(t.format)}`,
    `"version": ${t.version}`,
    `"specVersion": ${json(t.specVersion)}`,
    `"target": ${json(t.target)}`,
    ...(t.mutant === undefined ? [] : [`"mutant": ${json(t.mutant)}`]),
    ...(t.shards === undefined ? [] : [`"shards": ${t.shards}`]),
    ...(t.search === undefined ? [] : [`"search": ${inlineSearch(t.search)}`]),
    `"config": ${block(config, '{', '}', 4)}`,
    `"scenario": ${block(scenario, '[', ']', 4)}`,
    `"schedule": ${block(schedule, '[', ']', 4)}`,
    `"outcome": ${json(t.outcome)}`,
    `"ops": ${t.ops}`,
    `"switches": ${t.switches}`,
    `"steps": ${t.steps}`,
  ];
  return `${block(fields, '{', '}', 2)}\n`;
}

/** The search's bounds on one line, fields in a fixed order, as ops are. */
function inlineSearch(s: SearchBounds): string {
  const preemptions = s.preemptions === undefined ? '' : `, "preemptions": ${s.preemptions}`;
  const tiers = s.tiers === undefined ? '' : `, "tiers": [${tierFields(s.tiers).map((fields) => `{${fields.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`).join(', ')}]`;
  return `{"depth": ${s.depth}, "keys": ${s.keys}${preemptions}${tiers}}`;
}

/** Ops are written with their fields in a fixed order, whatever order the object was built in. */
function inlineOp(op: Op): string {
  switch (op.kind) {
    case 'assign':
      return `{"kind": "assign", "key": ${op.key}, "value": ${op.value}}`;
    case 'loadOrStore':
      return `{"kind": "loadOrStore", "key": ${op.key}, "value": ${op.value}}`;
    case 'access':
    case 'delete':
    case 'loadAndDelete':
      return `{"kind": ${json(op.kind)}, "key": ${op.key}}`;
    case 'range': {
      const body = op.body === undefined ? '' : `, "body": ${json(op.body)}`;
      const value = op.value === undefined ? '' : `, "value": ${op.value}`;
      return `{"kind": "range"${body}${value}}`;
    }
    case 'clear':
    case 'len':
      return `{"kind": ${json(op.kind)}}`;
  }
}

/** Lines indented by `indent`, with the closing bracket back at the enclosing level. */
function block(lines: string[], open: string, close: string, indent: number): string {
  if (lines.length === 0) return `${open}${close}`;
  const pad = ' '.repeat(indent);
  return `${open}\n${lines.map((l) => pad + l).join(',\n')}\n${' '.repeat(indent - 2)}${close}`;
}

const json = (s: string): string => JSON.stringify(s);
/** The error contract is one line, whatever a key or the JSON parser's message contains. */
const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
