import type { Op } from '../../types.js';
import { BODY_DELETE, BODY_NONE, BODY_STOP, BODY_STORE, NONE } from '../constants.js';
import type { Ctx } from '../ctx.js';
import type { GoFunction } from '../program.js';

/** The callback's call for the visited key, as an operation of its own (see RangeBody). */
function nestedCall(c: Ctx): void {
  const key = c.v.key!;
  switch (c.v.body) {
    case BODY_DELETE: {
      const op: Op = { kind: 'delete', key };
      return c.callNested(op, 'Delete', { key }, 'continue');
    }
    case BODY_STORE: {
      const op: Op = { kind: 'assign', key, value: c.v.value! };
      return c.callNested(op, 'Store', { key, value: c.v.value! }, 'continue');
    }
    case BODY_STOP:
      return c.ret();
    case BODY_NONE:
      return c.goto('continue');
    default:
      throw new Error(`the spec is inconsistent: Range has no callback body ${c.v.body}`);
  }
}

/**
 * m.Range(f) (map.go:327-358): if read is amended, promote dirty under mu first, so that every
 * key present at the call is in read.m; then visit read.m, loading each entry and calling f with
 * no lock held. Go's map order is random; here it is the order the keys were added to the map
 * (withKey in state.ts), a simplification that depends on the map's history, not on the keys'
 * names, so renaming keys keeps futures alike.
 */
export const RANGE: GoFunction = {
  name: 'Range', entry: 'read',
  locals: { body: 'int', value: 'value', read: 'readOnly', i: 'int', key: 'key', retValue: 'value', retOk: 'int' },
  points: {
    read: {
      line: 332, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        c.goto(c.readAmended(c.v.read) ? 'lock' : 'next');
      },
    },
    lock: {
      line: 338, text: 'm.mu.Lock() (lock)', lock: true,
      run: (c) => {
        c.lock();
        c.goto('reload');
      },
    },
    reload: {
      line: 339, text: 'read, _ = m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        c.goto(c.readAmended(c.v.read) ? 'takeDirty' : 'unlock');
      },
    },
    takeDirty: {
      line: 341, text: 'read = readOnly{m: m.dirty}', silent: true,
      run: (c) => {
        c.v.read = c.newReadOnly(c.dirtyMap(), false);
        c.goto('publish');
      },
    },
    publish: {
      line: 342, text: 'm.read.Store(read) (atomic store)',
      run: (c) => {
        c.storeRead(c.v.read!);
        c.goto('clearDirty');
      },
    },
    clearDirty: {
      line: 343, text: 'm.dirty = nil', silent: true,
      run: (c) => {
        c.setDirty(NONE);
        c.goto('resetMisses');
      },
    },
    resetMisses: {
      line: 344, text: 'm.misses = 0', silent: true,
      run: (c) => {
        c.setMisses(0);
        c.goto('unlock');
      },
    },
    unlock: {
      line: 346, text: 'm.mu.Unlock() (unlock)',
      run: (c) => {
        c.unlock();
        c.goto('next');
      },
    },
    next: {
      line: 349, text: 'for k, e := range read.m', silent: true,
      run: (c) => {
        const pair = c.readAt(c.v.read!, c.v.i!);
        if (pair === undefined) return c.ret();
        c.v.key = pair[0];
        c.call('e.load', { e: pair[1] }, 'loaded');
      },
    },
    loaded: {
      line: 350, text: 'v, ok := e.load(); if !ok { continue }', silent: true,
      run: (c) => {
        if (!c.v.retOk) return c.goto('continue');
        c.visit(c.v.key!, c.v.retValue!);
        c.goto('callback');
      },
    },
    callback: {
      line: 354, text: 'if !f(k, v) { break }', silent: true,
      run: nestedCall,
    },
    continue: {
      line: 349, text: 'for k, e := range read.m (next pair)', silent: true,
      run: (c) => {
        c.v.i = c.v.i! + 1;
        c.goto('next');
      },
    },
  },
};
