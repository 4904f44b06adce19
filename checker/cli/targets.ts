/**
 * The names `--target` accepts. A plain list (not a union type) so that adding 'all', 'syncmap'
 * and the guarded maps later is a one-line change here and nowhere else in the option parser.
 */
export const KNOWN_TARGETS: readonly string[] = ['syncmap', 'rwmutex-map', 'mutex-map', 'sharded-map', 'hmap'];

/** `--target all`: every known target, one after another, in KNOWN_TARGETS order. */
export const ALL_TARGETS = 'all';

/** The targets a `--target` value stands for. */
export function expandTarget(name: string): string[] {
  return name === ALL_TARGETS ? [...KNOWN_TARGETS] : [name];
}

/**
 * The targets --por applies to: those whose spec has Target.locationClass (and pendingAccess
 * when goroutines can block). With --target all, --por applies to these; syncmap is explored in full.
 */
export const POR_TARGETS: readonly string[] = ['rwmutex-map', 'mutex-map', 'sharded-map', 'hmap'];
