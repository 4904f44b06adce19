import { NIL } from '../constants.js';
import type { GoFunction } from '../program.js';

/** `v, ok := m[k]`: mapaccess2 returns where the elem is; the caller then reads it. */
export const ACCESS: GoFunction = {
  name: 'v, ok := m[k]', file: 'map.go', entry: 'call', pointerVars: ['retb'], keyVars: ['key'],
  points: {
    call: { line: 456, text: 'mapaccess2(t, h, &k)', silent: true, run: (c) => c.call('mapaccess2', { key: c.v.key! }, 'returned') },
    returned: {
      line: 514, text: 'return unsafe.Pointer(&zeroVal[0]), false', silent: true,
      run: (c) => (c.v.retb === NIL ? c.finish({ kind: 'value', value: 0, ok: false }) : c.goto('deref')),
    },
    deref: {
      fn: 'mapaccess2', line: 510, text: 'return e, true; caller reads *e (load)',
      run: (c) => {
        const value = c.load({ cell: 'elem', bucket: c.v.retb!, i: c.v.reti! });
        c.finish({ kind: 'value', value, ok: true });
      },
    },
  },
};

/** `len(m)`: compiled inline as one load of h.count, hmap's first field (map.go:117). */
export const LEN: GoFunction = {
  name: 'len', file: 'map.go', entry: 'count', pointerVars: [],
  points: {
    count: {
      line: 117, text: 'len(m) reads h.count (load)',
      run: (c) => c.finish({ kind: 'len', n: c.load({ field: 'count' }) }),
    },
  },
};
