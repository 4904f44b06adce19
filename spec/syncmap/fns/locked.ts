import { NONE } from '../constants.js';
import type { GoFunction } from '../program.js';

/**
 * The two helpers called with mu held (map.go:360-382). Their plain accesses to dirty and misses
 * run as part of the step before them.
 */

/** m.missLocked() (360-368): count a miss; once misses reach len(dirty), promote dirty to read. */
export const MISS_LOCKED: GoFunction = {
  name: 'missLocked', entry: 'count',
  locals: {},
  points: {
    count: {
      line: 361, text: 'm.misses++; if m.misses < len(m.dirty)', silent: true,
      run: (c) => {
        if (c.addMiss() < c.dirtyLen()) c.ret();
        else c.goto('promote');
      },
    },
    promote: {
      line: 365, text: 'm.read.Store(readOnly{m: m.dirty}) (atomic store)',
      run: (c) => {
        c.storeRead(c.newReadOnly(c.dirtyMap(), false));
        c.goto('clearDirty');
      },
    },
    clearDirty: {
      line: 366, text: 'm.dirty = nil', silent: true,
      run: (c) => {
        c.setDirty(NONE);
        c.goto('resetMisses');
      },
    },
    resetMisses: {
      line: 367, text: 'm.misses = 0', silent: true,
      run: (c) => {
        c.setMisses(0);
        c.ret();
      },
    },
  },
};

/**
 * m.dirtyLocked() (370-382): if dirty is nil, make it a copy of read.m without the deleted
 * entries, which tryExpungeLocked marks expunged. Go ranges over read.m in random order; the
 * copy goes in read.m's own order here (the order its keys were added, see withKey), so dirty
 * starts out in that order too.
 */
export const DIRTY_LOCKED: GoFunction = {
  name: 'dirtyLocked', entry: 'check',
  locals: { read: 'readOnly', i: 'int', key: 'key', e: 'entry', retOk: 'int' },
  points: {
    check: {
      line: 371, text: 'if m.dirty != nil', silent: true,
      run: (c) => (c.dirtyMap() !== NONE ? c.ret() : c.goto('read')),
    },
    read: {
      line: 375, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        c.v.i = 0;
        c.goto('make');
      },
    },
    make: {
      line: 376, text: 'm.dirty = make(map[any]*entry, len(read.m))', silent: true,
      run: (c) => {
        c.setDirty(c.makeMap());
        c.goto('next');
      },
    },
    next: {
      line: 377, text: 'for k, e := range read.m', silent: true,
      run: (c) => {
        const pair = c.readAt(c.v.read!, c.v.i!);
        if (pair === undefined) return c.ret();
        [c.v.key, c.v.e] = pair;
        c.call('e.tryExpungeLocked', { e: pair[1] }, 'copy');
      },
    },
    copy: {
      line: 378, text: 'if !e.tryExpungeLocked() { m.dirty[k] = e }', silent: true,
      run: (c) => {
        if (!c.v.retOk) c.dirtySet(c.v.key!, c.v.e!);
        c.v.i = c.v.i! + 1;
        c.goto('next');
      },
    },
  },
};
