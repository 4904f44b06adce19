import { EXPUNGED, isValue, P_NIL } from '../constants.js';
import type { GoFunction } from '../program.js';

/**
 * The methods of *entry (map.go:135-141, 177-202, 247-272, 304-314, 384-393). Each loop is a
 * `goto` back to its load; every access to e.p is one step.
 */

/** e.load() (135-141): (value, ok); nil and expunged both read as absent. */
export const ENTRY_LOAD: GoFunction = {
  name: 'e.load', entry: 'load',
  locals: { e: 'entry', p: 'value' },
  points: {
    load: {
      line: 136, text: 'p := atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        const p = c.loadP(c.v.e!);
        c.ret(isValue(p) ? { retValue: p, retOk: 1 } : { retValue: 0, retOk: 0 });
      },
    },
  },
};

/** e.tryStore(&value) (177-187): loop { load; expunged → false; CAS p→value → true }. */
export const TRY_STORE: GoFunction = {
  name: 'e.tryStore', entry: 'load',
  locals: { e: 'entry', value: 'value', p: 'value' },
  points: {
    load: {
      line: 179, text: 'p := atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        if (c.v.p === EXPUNGED) c.ret({ retOk: 0 });
        else c.goto('cas');
      },
    },
    cas: {
      line: 183, text: 'atomic.CompareAndSwapPointer(&e.p, p, unsafe.Pointer(i)) (atomic CAS)',
      run: (c) => (c.casP(c.v.e!, c.v.p!, c.v.value!) ? c.ret({ retOk: 1 }) : c.goto('load')),
    },
  },
};

/** e.unexpungeLocked() (193-195): CAS expunged→nil; whether it was expunged. */
export const UNEXPUNGE_LOCKED: GoFunction = {
  name: 'e.unexpungeLocked', entry: 'cas',
  locals: { e: 'entry' },
  points: {
    cas: {
      line: 194, text: 'return atomic.CompareAndSwapPointer(&e.p, expunged, nil) (atomic CAS)',
      run: (c) => c.ret({ retOk: c.casP(c.v.e!, EXPUNGED, P_NIL) ? 1 : 0 }),
    },
  },
};

/** e.storeLocked(&value) (200-202): the caller knows e is not expunged. */
export const STORE_LOCKED: GoFunction = {
  name: 'e.storeLocked', entry: 'store',
  locals: { e: 'entry', value: 'value' },
  points: {
    store: {
      line: 201, text: 'atomic.StorePointer(&e.p, unsafe.Pointer(i)) (atomic store)',
      run: (c) => {
        c.storeP(c.v.e!, c.v.value!);
        c.ret();
      },
    },
  },
};

/**
 * e.tryLoadOrStore(value) (247-272): (actual, loaded, ok). Expunged → ok false; a value → loaded;
 * nil → loop { CAS nil→value → stored; reload: expunged → fail, a value → loaded }.
 */
export const TRY_LOAD_OR_STORE: GoFunction = {
  name: 'e.tryLoadOrStore', entry: 'load',
  locals: { e: 'entry', value: 'value', p: 'value' },
  points: {
    load: {
      line: 248, text: 'p := atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        c.goto('check');
      },
    },
    check: {
      line: 249, text: 'if p == expunged / if p != nil', silent: true,
      run: (c) => {
        const p = c.v.p!;
        if (p === EXPUNGED) c.ret({ retValue: 0, retLoaded: 0, retOk: 0 });
        else if (isValue(p)) c.ret({ retValue: p, retLoaded: 1, retOk: 1 });
        else c.goto('cas');
      },
    },
    cas: {
      line: 261, text: 'atomic.CompareAndSwapPointer(&e.p, nil, unsafe.Pointer(&ic)) (atomic CAS)',
      run: (c) => {
        if (c.casP(c.v.e!, P_NIL, c.v.value!)) c.ret({ retValue: c.v.value!, retLoaded: 0, retOk: 1 });
        else c.goto('reload');
      },
    },
    reload: {
      line: 264, text: 'p = atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        c.goto('check');
      },
    },
  },
};

/** e.delete() (304-314): loop { load; nil or expunged → (nil, false); CAS p→nil → (p, true) }. */
export const ENTRY_DELETE: GoFunction = {
  name: 'e.delete', entry: 'load',
  locals: { e: 'entry', p: 'value' },
  points: {
    load: {
      line: 306, text: 'p := atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        if (isValue(c.v.p)) c.goto('cas');
        else c.ret({ retValue: 0, retOk: 0 });
      },
    },
    cas: {
      line: 310, text: 'atomic.CompareAndSwapPointer(&e.p, p, nil) (atomic CAS)',
      run: (c) => (c.casP(c.v.e!, c.v.p!, P_NIL) ? c.ret({ retValue: c.v.p!, retOk: 1 }) : c.goto('load')),
    },
  },
};

/** e.tryExpungeLocked() (384-393): while p is nil, try CAS nil→expunged; whether it is expunged. */
export const TRY_EXPUNGE_LOCKED: GoFunction = {
  name: 'e.tryExpungeLocked', entry: 'load',
  locals: { e: 'entry', p: 'value' },
  points: {
    load: {
      line: 385, text: 'p := atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        c.goto('loop');
      },
    },
    loop: {
      line: 386, text: 'for p == nil', silent: true,
      run: (c) => (c.v.p === P_NIL ? c.goto('cas') : c.ret({ retOk: c.v.p === EXPUNGED ? 1 : 0 })),
    },
    cas: {
      line: 387, text: 'atomic.CompareAndSwapPointer(&e.p, nil, expunged) (atomic CAS)',
      run: (c) => (c.casP(c.v.e!, P_NIL, EXPUNGED) ? c.ret({ retOk: 1 }) : c.goto('reload')),
    },
    reload: {
      line: 390, text: 'p = atomic.LoadPointer(&e.p) (atomic load)',
      run: (c) => {
        c.v.p = c.loadP(c.v.e!);
        c.goto('loop');
      },
    },
  },
};
