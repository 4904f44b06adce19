import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type Bounds, initialNode, type Node, successors } from './node.js';

/** A piece of a parallel search: the states leading to it, and the state to explore from (none when the way ends). */
export interface WorkItem {
  path: Array<Node<unknown>>;
  start: Node<unknown> | undefined;
}

/**
 * The work of a parallel search, cut ITEM_DEPTH scheduler choices deep, so a participant that
 * finishes early finds more to do. Every participant computes the same list.
 */
export function workItems(target: Target<unknown>, cfg: MapConfig, b: Bounds): { root: Node<unknown>; items: WorkItem[] } {
  const root = initialNode(target, cfg, b);
  const items: WorkItem[] = [];
  const cut = (path: Array<Node<unknown>>, n: Node<unknown>, levels: number): void => {
    const next = levels === 0 ? [] : successors(target, b, n);
    if (levels === 0 || next.length === 0) {
      items.push({ path, start: levels === 0 ? n : undefined });
      return;
    }
    for (const { node } of next) cut([...path, n], node, levels - 1);
  };
  for (const { node } of successors(target, b, root)) cut([], node, ITEM_DEPTH - 1);
  return { root, items };
}

/** Scheduler choices deep the work is cut: a few thousand pieces, so no single one is left to run alone at the end. */
const ITEM_DEPTH = 2;
