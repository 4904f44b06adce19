/**
 * The names `--target` accepts. A plain list (not a union type) so that adding 'all', 'syncmap'
 * and the guarded maps later is a one-line change here and nowhere else in the option parser.
 */
export const KNOWN_TARGETS: readonly string[] = ['hmap'];
