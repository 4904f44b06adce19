import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MapConfig } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node, outcomeOf } from '../../explore/node.js';
import type { MinimalPath, WitnessPath } from '../../explore/witness.js';
import { renderMermaid } from '../../trace/mermaid.js';
import type { TraceFile } from '../../trace/types.js';
import { writeTraceFiles } from '../../trace/write.js';
import { witnessTrace } from '../../run/witness-trace.js';
import { narrate } from '../explanations.js';

/** A witness written for a claim: where its files are (relative to docs/) and what it shows. */
export interface WrittenWitness {
  json: string;
  svg: string;
  mmdText: string;
  trace: TraceFile;
  narrative: string;
}

/** The same target, offering only some of its operations (a claim about writers asks about writers). */
export function restricted<S>(target: Target<S>, keep: (op: Op) => boolean): Target<S> {
  return { ...target, alphabet: (keys, value) => target.alphabet(keys, value).filter(keep) };
}

/**
 * Extends a path that stops in the middle of an execution to its end, the busy goroutines
 * running in order without starting anything new, so it becomes a trace with an outcome.
 */
export function completed<S>(target: Target<S>, cfg: MapConfig, b: Bounds, path: MinimalPath): WitnessPath {
  let node: Node<S> = initialNode(target, cfg, b);
  for (const edge of path.edges) node = applyEdge(target, b, node, edge).node;
  const edges: Edge[] = [...path.edges];
  while (!isEnd(target, b, node)) {
    const g = [...Array(b.goroutines).keys()].find((x) => !target.idle(node.s, x) && target.enabled(node.s, x));
    if (g === undefined) throw new Error('an execution cannot be completed: no goroutine can move');
    const edge = { g, op: null };
    node = applyEdge(target, b, node, edge).node;
    edges.push(edge);
  }
  let switches = 0;
  for (let i = 1; i < edges.length; i++) if (edges[i]!.g !== edges[i - 1]!.g) switches++;
  return { outcome: outcomeOf(node), edges, ops: path.ops, switches, steps: edges.length };
}

/** Writes a witness into `dir` (under docs/) and returns what the claims page shows of it. */
export function writeWitness<S>(target: Target<S>, cfg: MapConfig, b: Bounds, path: WitnessPath, dir: string, docs: string, minimal = true, variant?: string): WrittenWitness {
  const { trace, view } = witnessTrace(target, cfg, b, path, variant);
  const mmdText = renderMermaid(view);
  const files = writeTraceFiles(dir, trace, mmdText);
  return {
    json: relative(docs, files.json),
    svg: relative(docs, files.mmd.replace(/\.mmd$/, '.svg')),
    mmdText, trace, narrative: narrate(view, minimal),
  };
}

export const claimsDir = (docs: string): string => join(docs, 'claims');

/**
 * Removes from the claims' directory every trace (.json, .mmd, .svg) the claims page no longer
 * links: a witness that changed (a smaller one found, a tie broken another way) is written under a
 * new name, and the old files would stay behind, replayable but shown nowhere. Only files named
 * as witnesses are touched. Returns the names removed.
 */
export function pruneClaimFiles(dir: string, page: string): string[] {
  const linked = new Set([...page.matchAll(/claims\/([\w.-]+)\.json/g)].map((m) => m[1]!));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^([\w.-]+-[0-9a-f]{8})\.(json|mmd|svg)$/.exec(name);
    if (!m || linked.has(m[1]!)) continue;
    rmSync(join(dir, name));
    removed.push(name);
  }
  return removed.sort();
}
