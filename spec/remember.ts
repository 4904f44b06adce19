/**
 * What `make` gives for `key`, made once per key and kept while the key lives: for texts and
 * tables the specs derive from objects that never change (a point, an operation, a bucket).
 */
export function remembered<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}
