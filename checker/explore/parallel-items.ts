import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { ALL_REDUCTIONS, type Bounds, expand, initialNode, isChain, type Node } from './node.js';

/**
 * A piece of a parallel search: the states leading to it, and the state to explore from (none
 * when the way ends). Each comes with whether it is an entry: a successor of a state with a
 * choice, which the search stores on sight (see `settle` in node.ts).
 */
export interface WorkItem {
  path: Array<{ node: Node<unknown>; entry: boolean }>;
  start: { node: Node<unknown>; entry: boolean } | undefined;
}

/**
 * The work of a parallel search, cut ITEM_DEPTH scheduler choices deep, so a participant that
 * finishes early finds more to do. Every participant computes the same list.
 */
export function workItems(target: Target<unknown>, cfg: MapConfig, b: Bounds): { root: Node<unknown>; items: WorkItem[] } {
  const root = initialNode(target, cfg, b);
  const items: WorkItem[] = [];
  const cut = (path: WorkItem['path'], n: Node<unknown>, entry: boolean, levels: number): void => {
    if (levels === 0) {
      items.push({ path, start: { node: n, entry } });
      return;
    }
    const next = expand(target, b, n, ALL_REDUCTIONS);
    if (next.length === 0) items.push({ path: [...path, { node: n, entry }], start: undefined });
    for (const { node } of next) cut([...path, { node: n, entry }], node, !isChain(next), levels - 1);
  };
  for (const { node } of expand(target, b, root, ALL_REDUCTIONS)) cut([], node, true, ITEM_DEPTH - 1);
  return { root, items };
}

/** Scheduler choices deep the work is cut: a few thousand pieces, so no single one is left to run alone at the end. */
const ITEM_DEPTH = 2;
