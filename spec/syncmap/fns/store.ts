import type { GoFunction } from '../program.js';
import { lookupDirty, lookupRead, markAmended } from './shared.js';

/**
 * m.Store(key, value) (map.go:144-171): tryStore on read.m's entry without the lock; otherwise,
 * under mu: unexpunge the entry of read.m (putting it back into dirty), or store into dirty's
 * entry, or add a new entry to dirty (first making dirty and marking read amended). Store never
 * counts a miss.
 */
export const STORE: GoFunction = {
  name: 'Store', entry: 'read',
  locals: { key: 'key', value: 'value', read: 'readOnly', e: 'entry', ok: 'int', retOk: 'int' },
  points: {
    read: {
      line: 145, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        if (c.v.ok) c.call('e.tryStore', { e: c.v.e!, value: c.v.value! }, 'tried');
        else c.goto('lock');
      },
    },
    tried: {
      line: 146, text: 'if e, ok := read.m[key]; ok && e.tryStore(&value) { return }', silent: true,
      run: (c) => (c.v.retOk ? c.ret() : c.goto('lock')),
    },
    lock: {
      line: 150, text: 'm.mu.Lock() (lock)', lock: true,
      run: (c) => {
        c.lock();
        c.goto('reload');
      },
    },
    reload: {
      line: 151, text: 'read, _ = m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto(c.v.ok ? 'unexpunge' : 'inDirty');
      },
    },
    unexpunge: {
      line: 153, text: 'if e.unexpungeLocked()', silent: true,
      run: (c) => c.call('e.unexpungeLocked', { e: c.v.e! }, 'unexpunged'),
    },
    unexpunged: {
      line: 153, text: 'if e.unexpungeLocked() { m.dirty[key] = e }', silent: true,
      run: (c) => c.goto(c.v.retOk ? 'addToDirty' : 'storeLocked'),
    },
    addToDirty: {
      // It was expunged, so dirty is not nil and lacks this key.
      line: 156, text: 'm.dirty[key] = e', silent: true,
      run: (c) => {
        c.dirtySet(c.v.key!, c.v.e!);
        c.goto('storeLocked');
      },
    },
    storeLocked: {
      line: 158, text: 'e.storeLocked(&value)', silent: true,
      run: (c) => c.call('e.storeLocked', { e: c.v.e!, value: c.v.value! }, 'unlock'),
    },
    inDirty: {
      line: 159, text: 'else if e, ok := m.dirty[key]; ok { e.storeLocked(&value) }', silent: true,
      run: (c) => {
        lookupDirty(c);
        if (c.v.ok) c.call('e.storeLocked', { e: c.v.e!, value: c.v.value! }, 'unlock');
        else c.goto('newKey');
      },
    },
    newKey: {
      line: 162, text: 'if !read.amended { m.dirtyLocked() }', silent: true,
      run: (c) => (c.readAmended(c.v.read!) ? c.goto('addNew') : c.call('dirtyLocked', {}, 'amend')),
    },
    amend: {
      line: 166, text: 'm.read.Store(readOnly{m: read.m, amended: true}) (atomic store)',
      run: (c) => {
        markAmended(c);
        c.goto('addNew');
      },
    },
    addNew: {
      line: 168, text: 'm.dirty[key] = newEntry(value)', silent: true,
      run: (c) => {
        c.dirtySet(c.v.key!, c.newEntry(c.v.value!));
        c.goto('unlock');
      },
    },
    unlock: {
      line: 170, text: 'm.mu.Unlock() (unlock)',
      run: (c) => {
        c.unlock();
        c.ret();
      },
    },
  },
};

/**
 * m.LoadOrStore(key, value) (map.go:207-240): Store's shape, with tryLoadOrStore in place of
 * tryStore and storeLocked; a hit in dirty counts a miss (226). Returns (actual, loaded).
 */
export const LOAD_OR_STORE: GoFunction = {
  name: 'LoadOrStore', entry: 'read',
  locals: {
    key: 'key', value: 'value', read: 'readOnly', e: 'entry', ok: 'int',
    retValue: 'value', retLoaded: 'int', retOk: 'int',
  },
  points: {
    read: {
      line: 209, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        if (c.v.ok) c.call('e.tryLoadOrStore', { e: c.v.e!, value: c.v.value! }, 'tried');
        else c.goto('lock');
      },
    },
    tried: {
      line: 212, text: 'if ok { return actual, loaded }', silent: true,
      run: (c) => (c.v.retOk ? c.ret({ retValue: c.v.retValue!, retOk: c.v.retLoaded! }) : c.goto('lock')),
    },
    lock: {
      line: 217, text: 'm.mu.Lock() (lock)', lock: true,
      run: (c) => {
        c.lock();
        c.goto('reload');
      },
    },
    reload: {
      line: 218, text: 'read, _ = m.read.Load().(readOnly) (atomic load)',
      run: (c) => {
        c.v.read = c.loadRead();
        lookupRead(c);
        c.goto(c.v.ok ? 'unexpunge' : 'inDirty');
      },
    },
    unexpunge: {
      line: 220, text: 'if e.unexpungeLocked()', silent: true,
      run: (c) => c.call('e.unexpungeLocked', { e: c.v.e! }, 'unexpunged'),
    },
    unexpunged: {
      line: 220, text: 'if e.unexpungeLocked() { m.dirty[key] = e }', silent: true,
      run: (c) => c.goto(c.v.retOk ? 'addToDirty' : 'tryLocked'),
    },
    addToDirty: {
      line: 221, text: 'm.dirty[key] = e', silent: true,
      run: (c) => {
        c.dirtySet(c.v.key!, c.v.e!);
        c.goto('tryLocked');
      },
    },
    tryLocked: {
      line: 223, text: 'actual, loaded, _ = e.tryLoadOrStore(value)', silent: true,
      run: (c) => c.call('e.tryLoadOrStore', { e: c.v.e!, value: c.v.value! }, 'unlock'),
    },
    inDirty: {
      line: 224, text: 'else if e, ok := m.dirty[key]; ok { actual, loaded, _ = e.tryLoadOrStore(value) }', silent: true,
      run: (c) => {
        lookupDirty(c);
        if (c.v.ok) c.call('e.tryLoadOrStore', { e: c.v.e!, value: c.v.value! }, 'miss');
        else c.goto('newKey');
      },
    },
    miss: {
      line: 226, text: 'm.missLocked()', silent: true,
      run: (c) => c.call('missLocked', {}, 'unlock'),
    },
    newKey: {
      line: 228, text: 'if !read.amended { m.dirtyLocked() }', silent: true,
      run: (c) => (c.readAmended(c.v.read!) ? c.goto('addNew') : c.call('dirtyLocked', {}, 'amend')),
    },
    amend: {
      line: 232, text: 'm.read.Store(readOnly{m: read.m, amended: true}) (atomic store)',
      run: (c) => {
        markAmended(c);
        c.goto('addNew');
      },
    },
    addNew: {
      line: 234, text: 'm.dirty[key] = newEntry(value); actual, loaded = value, false', silent: true,
      run: (c) => {
        c.dirtySet(c.v.key!, c.newEntry(c.v.value!));
        c.v.retValue = c.v.value!;
        c.v.retLoaded = 0;
        c.goto('unlock');
      },
    },
    unlock: {
      line: 237, text: 'm.mu.Unlock() (unlock)',
      run: (c) => {
        c.unlock();
        c.ret({ retValue: c.v.retValue!, retOk: c.v.retLoaded! });
      },
    },
  },
};
