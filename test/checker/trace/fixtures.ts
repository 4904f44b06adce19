/** Hand-built traces and replayed views for the trace tests; independent of spec/hmap on purpose. */
import type { StepInfo } from '../../../spec/types.js';
import type { ExecutionView, TraceFile } from '../../../checker/trace/types.js';

export function sampleTrace(): TraceFile {
  return {
    format: 'gomapcheck-trace',
    version: 1,
    specVersion: 'hmap-test-1',
    target: 'hmap',
    config: {
      name: 'small',
      description: 'test configuration',
      bucketCnt: 1,
      loadFactorNum: 1,
      loadFactorDen: 4,
      initialB: 2,
      hashes: [0x1a000000, 0x2b000000],
    },
    scenario: [[{ kind: 'assign', key: 0, value: 1 }], [{ kind: 'access', key: 1 }]],
    schedule: SAMPLE_STEPS.map((s) => ({ g: s.goroutine, label: s.label })),
    outcome: 'fatal: concurrent map writes',
    ops: 2,
    switches: 1,
    steps: SAMPLE_STEPS.length,
  };
}

const assign = { goroutine: 0, opIndex: 0, op: 'm[k0] = v1', access: 'plain' } as const;
const access = { goroutine: 1, opIndex: 0, op: 'v, ok := m[k1]', access: 'plain' } as const;

/** A plausible mapassign in G0 then a reader in G1 that trips over it (made-up lines and labels). */
export const SAMPLE_STEPS: StepInfo[] = [
  { ...assign, call: true, label: 'mapassign: if h.flags&hashWriting != 0 (load)', goLine: 'map.go:595', reads: ['flags'], writes: [], detail: 'flags = 0' },
  { ...assign, label: 'mapassign: h.flags ^= hashWriting (store)', goLine: 'map.go:601', reads: ['flags'], writes: ['flags'], detail: 'flags 0→4' },
  { ...assign, label: 'mapassign: hash := t.hasher(key, uintptr(h.hash0))', goLine: 'map.go:598', reads: [], writes: [], detail: '' },
  { ...assign, label: 'mapassign: *inserti = top; typedmemmove(t.key, insertk, key) (store)', goLine: 'map.go:667', reads: ['b3.tophash[0]'], writes: ['b3.tophash[0]', 'b3.key[0]', 'b3.elem[0]'], detail: 'b3[0] = k0' },
  { ...assign, label: 'mapassign: h.count++ (store)', goLine: 'map.go:670', reads: ['count'], writes: ['count'], detail: 'count 0→1', returns: { kind: 'none' } },
  { ...access, call: true, access: 'atomic', label: 'mapaccess2: if h.flags&hashWriting != 0 (load)', goLine: 'map.go:413', reads: ['flags'], writes: [], detail: 'flags = 4', crash: { kind: 'fatal', message: 'concurrent map read and map write' } },
];

export function sampleView(): ExecutionView {
  return {
    trace: sampleTrace(),
    steps: SAMPLE_STEPS,
    brokenInvariant: { afterStep: 3, name: 'count equals live keys' },
    nonlinearizable: { atStep: 4, op: 'm[k0] = v1' },
  };
}

/** The smallest view: one goroutine, one step that touches nothing. */
export function viewWithLabel(label: string, overrides: Partial<StepInfo> = {}): ExecutionView {
  const step: StepInfo = { ...assign, label, goLine: 'map.go:1', reads: [], writes: [], detail: '', ...overrides };
  const trace = { ...sampleTrace(), scenario: [[{ kind: 'assign', key: 0, value: 1 }]], schedule: [{ g: 0, label }] } as TraceFile;
  return { trace, steps: [step] };
}
