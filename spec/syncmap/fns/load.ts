import type { GoFunction } from '../program.js';
import { lookupDirty, lookupRead, missedAmended } from './shared.js';

/**
 * m.Load(key) (map.go:110-133): read.m first; on a miss in an amended map, look again under mu
 * and then in dirty, counting a miss; then e.load().
 */
export const LOAD: GoFunction = {
  name: 'Load', entry: 'read',
  locals: { key: 'key', read: 'readOnly', e: 'entry', ok: 'int', retValue: 'value', retOk: 'int' },
  points: {
    read: {
      line: 111, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto(missedAmended(c) ? 'lock' : 'found');
      },
    },
    lock: {
      line: 114, text: 'm.mu.Lock() (lock)', lock: true,
      run: (c) => {
        c.lock();
        c.goto('reload');
      },
    },
    reload: {
      // Re-read: dirty may have been promoted while this goroutine waited for mu.
      line: 118, text: 'read, _ = m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto('checkDirty');
      },
    },
    checkDirty: {
      line: 120, text: 'if !ok && read.amended { e, ok = m.dirty[key]; m.missLocked() }', silent: true,
      run: (c) => {
        if (!missedAmended(c)) return c.goto('unlock');
        lookupDirty(c);
        c.call('missLocked', {}, 'unlock');
      },
    },
    unlock: {
      line: 127, text: 'm.mu.Unlock() (unlock)',
      run: (c) => {
        c.unlock();
        c.goto('found');
      },
    },
    found: {
      line: 129, text: 'if !ok { return nil, false }; return e.load()', silent: true,
      run: (c) => (c.v.ok ? c.call('e.load', { e: c.v.e! }, 'done') : c.ret({ retValue: 0, retOk: 0 })),
    },
    done: {
      line: 132, text: 'return e.load()', silent: true,
      run: (c) => c.ret({ retValue: c.v.retValue!, retOk: c.v.retOk! }),
    },
  },
};

/**
 * m.LoadAndDelete(key) (map.go:276-297): as Load, but a key found only in dirty is deleted from
 * it (285) before the miss is counted; then e.delete().
 */
export const LOAD_AND_DELETE: GoFunction = {
  name: 'LoadAndDelete', entry: 'read',
  locals: { key: 'key', read: 'readOnly', e: 'entry', ok: 'int', retValue: 'value', retOk: 'int' },
  points: {
    read: {
      line: 277, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto(missedAmended(c) ? 'lock' : 'found');
      },
    },
    lock: {
      line: 280, text: 'm.mu.Lock() (lock)', lock: true,
      run: (c) => {
        c.lock();
        c.goto('reload');
      },
    },
    reload: {
      line: 281, text: 'read, _ = m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto('checkDirty');
      },
    },
    checkDirty: {
      line: 283, text: 'if !ok && read.amended { e, ok = m.dirty[key] }', silent: true,
      run: (c) => {
        if (!missedAmended(c)) return c.goto('unlock');
        lookupDirty(c);
        c.goto('deleteDirty');
      },
    },
    deleteDirty: {
      line: 285, text: 'delete(m.dirty, key); m.missLocked()', silent: true,
      run: (c) => {
        c.dirtyDelete(c.v.key!);
        c.call('missLocked', {}, 'unlock');
      },
    },
    unlock: {
      line: 291, text: 'm.mu.Unlock() (unlock)',
      run: (c) => {
        c.unlock();
        c.goto('found');
      },
    },
    found: {
      line: 293, text: 'if ok { return e.delete() }; return nil, false', silent: true,
      run: (c) => (c.v.ok ? c.call('e.delete', { e: c.v.e! }, 'done') : c.ret({ retValue: 0, retOk: 0 })),
    },
    done: {
      line: 294, text: 'return e.delete()', silent: true,
      run: (c) => c.ret({ retValue: c.v.retValue!, retOk: c.v.retOk! }),
    },
  },
};

/** m.Delete(key) (map.go:300-302): LoadAndDelete with the results dropped. */
export const DELETE: GoFunction = {
  name: 'Delete', entry: 'call',
  locals: { key: 'key', retValue: 'value', retOk: 'int' },
  points: {
    call: {
      line: 301, text: 'm.LoadAndDelete(key)', silent: true,
      run: (c) => c.call('LoadAndDelete', { key: c.v.key! }, 'done'),
    },
    done: { line: 302, text: '}', silent: true, run: (c) => c.ret() },
  },
};
