import { EXPUNGED, P_NIL } from './constants.js';
import { lookupDirty, lookupRead, missedAmended } from './fns/shared.js';
import type { Mutant } from './patch.js';

/**
 * Plausible bugs in sync.Map, each a patch to the function table (so the spec itself has no
 * mutant branches). Each is killed by some execution of at most 6 operations on 2 goroutines and
 * 2 keys: test/spec/syncmap/mutants.test.ts records which, at what depth, with what outcome.
 * Left out because no execution of the alphabet tells them from Go: LoadAndDelete without
 * delete(m.dirty, key) only leaks the entry (the bug behind TestIssue40999); an unexpunge done
 * as load-then-store under mu cannot race, since only mu holders write or clear `expunged`; and
 * a Range that calls f with mu held only deadlocks on a callback that takes mu, which Delete and
 * Store of a key of read.m never do (the TestMapRangeNestedCall port catches that one).
 */
export const MUTANTS: readonly Mutant[] = [
  {
    name: 'load-no-recheck',
    description: 'Load takes mu after a miss in an amended read.m but does not load m.read again (map.go:118-119): '
      + 'if dirty was promoted while it waited, it looks in the nil dirty, misses a present key, and its miss promotes a nil map.',
    patches: [{
      fn: 'Load', pc: 'lock',
      replace: { line: 114, text: 'm.mu.Lock() (lock)', lock: true, run: (c) => { c.lock(); c.goto('checkDirty'); } },
    }],
  },
  {
    name: 'promote-keeps-misses',
    description: 'missLocked promotes dirty but forgets misses = 0 (map.go:367): the count of the old dirty carries over.',
    patches: [{
      fn: 'missLocked', pc: 'resetMisses',
      replace: { line: 367, text: '(m.misses = 0 left out)', silent: true, run: (c) => c.ret() },
    }],
  },
  {
    name: 'expunge-skips-cas',
    description: 'tryExpungeLocked reports a nil entry as expunged without the CAS nil→expunged (map.go:387): '
      + 'dirtyLocked leaves it out of dirty while it stays nil, so a later lock-free Store revives a key dirty does not have.',
    patches: [{
      fn: 'e.tryExpungeLocked', pc: 'loop',
      replace: {
        line: 386, text: 'if p == nil { return true }', silent: true,
        run: (c) => c.ret({ retOk: c.v.p === P_NIL || c.v.p === EXPUNGED ? 1 : 0 }),
      },
    }],
  },
  {
    name: 'unexpunge-forgets-dirty',
    description: 'Store unexpunges an entry of read.m but does not put it back into dirty (map.go:156): '
      + 'the value lives only in read.m and is lost at the next promotion.',
    patches: [{
      fn: 'Store', pc: 'unexpunged',
      replace: { line: 153, text: 'if e.unexpungeLocked() { (m.dirty[key] = e left out) }', silent: true, run: (c) => c.goto('storeLocked') },
    }],
  },
  {
    name: 'unexpunge-without-cas',
    description: 'unexpungeLocked clears e.p with a store and reports it was expunged, as if holding mu made the CAS needless (map.go:194): '
      + 'a live entry met in read.m after a promotion is wiped, and is then put into a nil dirty map.',
    patches: [{
      fn: 'e.unexpungeLocked', pc: 'cas',
      replace: {
        line: 194, text: 'atomic.StorePointer(&e.p, nil); return true (atomic store)',
        run: (c) => { c.storeP(c.v.e!, P_NIL); c.ret({ retOk: 1 }); },
      },
    }],
  },
  {
    name: 'trystore-ignores-expunged',
    description: 'tryStore does not check for expunged (map.go:180) and CASes a value over it without mu: '
      + 'the entry is in read.m only, so the value is lost at the next promotion.',
    patches: [{
      fn: 'e.tryStore', pc: 'load',
      replace: { line: 179, text: 'p := atomic.LoadPointer(&e.p) (atomic load)', run: (c) => { c.v.p = c.loadP(c.v.e!); c.goto('cas'); } },
    }],
  },
  {
    name: 'load-misses-before-dirty-lookup',
    description: 'Load calls missLocked before it reads m.dirty[key] (map.go:121 and 125 swapped): '
      + 'when the miss promotes, dirty is already nil and the key just promoted is reported absent.',
    patches: [
      {
        fn: 'Load', pc: 'checkDirty',
        replace: {
          line: 125, text: 'if !ok && read.amended { m.missLocked(); e, ok = m.dirty[key] }', silent: true,
          run: (c) => (missedAmended(c) ? c.call('missLocked', {}, 'lateDirty') : c.goto('unlock')),
        },
      },
      {
        fn: 'Load', pc: 'lateDirty',
        add: { line: 121, text: 'e, ok = m.dirty[key]', silent: true, run: (c) => { lookupDirty(c); c.goto('unlock'); } },
      },
    ],
  },
  {
    name: 'store-new-key-no-amend',
    description: 'Store makes dirty for the first new key but does not store readOnly{m: read.m, amended: true} (map.go:166): '
      + 'Load never looks in dirty, so the new key is invisible until something else promotes.',
    patches: [{
      fn: 'Store', pc: 'amend',
      replace: { line: 166, text: '(m.read.Store(readOnly{m: read.m, amended: true}) left out)', silent: true, run: (c) => c.goto('addNew') },
    }],
  },
  {
    name: 'range-no-promote',
    description: 'Range iterates the read.m it loaded even when it is amended (map.go:333-347 left out): keys only dirty holds are not visited.',
    patches: [{
      fn: 'Range', pc: 'read',
      replace: { line: 332, text: 'read, _ := m.read.Load().(readOnly) (atomic load)', run: (c) => { c.v.read = c.loadRead(); c.goto('next'); } },
    }],
  },
  {
    name: 'range-promote-keeps-dirty',
    description: 'Range promotes dirty to read but does not set m.dirty = nil (map.go:343): '
      + 'the published read.m is still dirty, and the next write to dirty changes it.',
    patches: [{
      fn: 'Range', pc: 'clearDirty',
      replace: { line: 343, text: '(m.dirty = nil left out)', silent: true, run: (c) => c.goto('resetMisses') },
    }],
  },
  {
    name: 'load-dirty-without-lock',
    description: 'Load re-reads m.read and looks in dirty without taking mu (map.go:114 and 127 left out), '
      + 'trusting the second read: missLocked then changes misses, dirty and read unlocked.',
    patches: [
      {
        fn: 'Load', pc: 'read',
        replace: {
          line: 111, text: 'read, _ := m.read.Load().(readOnly) (atomic load)',
          run: (c) => {
            c.v.read = c.loadRead();
            lookupRead(c);
            c.goto(missedAmended(c) ? 'reload' : 'found');
          },
        },
      },
      { fn: 'Load', pc: 'unlock', replace: { line: 127, text: '(m.mu.Unlock() left out)', silent: true, run: (c) => c.goto('found') } },
    ],
  },
  {
    name: 'delete-without-cas',
    description: 'e.delete stores nil after its load instead of a CAS from the loaded value (map.go:310): '
      + 'a Store between the two is wiped out, and LoadAndDelete returns the older value.',
    patches: [{
      fn: 'e.delete', pc: 'cas',
      replace: {
        line: 310, text: 'atomic.StorePointer(&e.p, nil) (atomic store)',
        run: (c) => { c.storeP(c.v.e!, P_NIL); c.ret({ retValue: c.v.p!, retOk: 1 }); },
      },
    }],
  },
  {
    name: 'store-unlocks-early',
    description: 'Store releases mu before it adds the new entry to dirty (map.go:168 and 170 swapped): '
      + 'the write to dirty races with every other holder of mu.',
    patches: [
      { fn: 'Store', pc: 'addNew', replace: { line: 168, text: 'm.mu.Unlock() moved up', silent: true, run: (c) => c.goto('unlockEarly') } },
      { fn: 'Store', pc: 'unlockEarly', add: { line: 170, text: 'm.mu.Unlock() (unlock)', run: (c) => { c.unlock(); c.goto('addLate'); } } },
      {
        fn: 'Store', pc: 'addLate',
        add: { line: 168, text: 'm.dirty[key] = newEntry(value)', silent: true, run: (c) => { c.dirtySet(c.v.key!, c.newEntry(c.v.value!)); c.ret(); } },
      },
    ],
  },
];
