import type { KeyNamer } from '../canon.js';
import { type MapConfig, tophashOf } from '../config.js';
import { MIN_TOPHASH } from './constants.js';

/**
 * Whether keys 0..keys-1 are interchangeable in a map of this configuration. The map uses a key's
 * hash in three ways: its low B bits pick the bucket, bit B (at a doubling) the X or Y half, and
 * its top byte the tophash, which is only compared for equality, with other tophashes and with
 * the marks below minTopHash. When the keys' hashes agree below the top byte (no B in reach comes
 * near 24 bits) and their tophashes all differ, renaming keys together with their tophashes maps
 * the map's executions onto its executions. SMALL and GO: k0 and k1 (0x1a000000, 0x2b000000)
 * are; with k2 (0x3c000004, another bucket from B = 3 on) they are not.
 */
export function keysInterchangeable(cfg: MapConfig, keys: number): boolean {
  const hashes = cfg.hashes.slice(0, keys);
  if (hashes.length < keys) return false;
  const low = (h: number): number => h & 0xffffff;
  const tops = new Set(hashes.map((h) => tophashOf(h, MIN_TOPHASH)));
  return hashes.every((h) => low(h) === low(hashes[0]!)) && tops.size === keys;
}

/**
 * How the plain map's encoding writes keys and what stands for them under key symmetry: a key
 * by its name, a tophash of a key by that key's name (a mark below minTopHash as it is), and
 * ZERO_KEY (an empty cell's key, or what a racy read found there) as it is.
 */
export class KeyText {
  constructor(private readonly cfg: MapConfig, private readonly keys: KeyNamer) {}

  key(k: number): string {
    return k < 0 ? String(k) : `k${this.keys.name(k)}`;
  }

  top(t: number): string {
    if (t < MIN_TOPHASH) return String(t);
    for (let k = 0; k < this.keys.keys; k++) if (tophashOf(this.cfg.hashes[k]!, MIN_TOPHASH) === t) return `t${this.keys.name(k)}`;
    throw new Error(`the spec is inconsistent: tophash ${t} belongs to no key below ${this.keys.keys}`);
  }
}

/** A key as an encoding writes it: by its name under key symmetry (`keys`), else as it is. */
export function keyText(k: number, keys: KeyText | undefined): string | number {
  return keys ? keys.key(k) : k;
}
