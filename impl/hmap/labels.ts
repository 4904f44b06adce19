/**
 * The scheduling points of the implementation: before every shared access that the spec has as a
 * step, the implementation calls its hook with that step's label, '<go function>: <statement>
 * (<access>)'. The strings are written out here, not taken from the spec's tables, so that the
 * conformance tests really compare two independent texts.
 */

const label = (fn: string, text: string): string => `${fn}: ${text}`;

/** The racy open and close of a write window, the same in mapassign, mapdelete and mapclear. */
function writeWindow(fn: string) {
  return {
    checkWriting: label(fn, 'if h.flags&hashWriting != 0 (load)'),
    toggleLoad: label(fn, 'h.flags ^= hashWriting (load)'),
    toggleStore: label(fn, 'h.flags ^= hashWriting (store)'),
    endCheck: label(fn, 'if h.flags&hashWriting == 0 (load)'),
    clearLoad: label(fn, 'h.flags &^= hashWriting (load)'),
    clearStore: label(fn, 'h.flags &^= hashWriting (store)'),
  };
}

export type WriteWindowLabels = ReturnType<typeof writeWindow>;

export const ASSIGN = {
  ...writeWindow('mapassign'),
  bucketsNil: label('mapassign', 'if h.buckets == nil (load)'),
  allocBuckets: label('mapassign', 'h.buckets = newobject(t.bucket) (store)'),
  again: label('mapassign', 'bucket := hash & bucketMask(h.B) (load)'),
  growing: label('mapassign', 'if h.growing() (load oldbuckets)'),
  bucketLoad: label('mapassign', 'b := h.buckets + bucket (load)'),
  tophash: label('mapassign', 'if b.tophash[i] != top (load)'),
  key: label('mapassign', 'if !t.key.equal(key, k) (load key)'),
  overflow: label('mapassign', 'ovf := b.overflow(t) (load)'),
  notFound: label('mapassign', 'if !h.growing() && ... (load oldbuckets)'),
  loadCount: label('mapassign', 'overLoadFactor(h.count+1, h.B) (load count)'),
  loadB: label('mapassign', 'overLoadFactor(h.count+1, h.B) (load B)'),
  loadNoverflow: label('mapassign', 'tooManyOverflowBuckets(h.noverflow, h.B) (load noverflow)'),
  storeKey: label('mapassign', 'typedmemmove(t.key, insertk, key) (store)'),
  storeTophash: label('mapassign', '*inserti = top (store)'),
  countLoad: label('mapassign', 'h.count++ (load)'),
  countStore: label('mapassign', 'h.count++ (store)'),
  // `m[k] = v` is `*mapassign(t, h, &k) = v`: the caller's store, after the window closed.
  storeValue: label('mapassign', 'return elem; caller stores *elem = v (store)'),
};

/** mapaccess2 and mapaccessK (the iterator's re-lookup) share their shape. */
function lookup(fn: string) {
  return {
    count: label(fn, 'if h == nil || h.count == 0 (load)'),
    loadKey: label(fn, 'hash := t.hasher(key, uintptr(h.hash0)) (load key)'),
    flags: label(fn, 'if h.flags&hashWriting != 0 (load)'),
    B: label(fn, 'm := bucketMask(h.B) (load)'),
    buckets: label(fn, 'b := h.buckets + hash&m (load)'),
    oldbuckets: label(fn, 'if c := h.oldbuckets; c != nil (load)'),
    sameSize: label(fn, 'if !h.sameSizeGrow() (load flags)'),
    oldTophash: label(fn, 'if !evacuated(oldb) (load oldb.tophash[0])'),
    tophash: label(fn, 'if b.tophash[i] != top (load)'),
    key: label(fn, 'if t.key.equal(key, k) (load key)'),
    overflow: label(fn, 'b = b.overflow(t) (load)'),
  };
}

export type LookupLabels = ReturnType<typeof lookup>;

export const ACCESS2 = lookup('mapaccess2');
export const ACCESS_K = lookup('mapaccessK');
/** `v, ok := m[k]`: the caller reads the elem mapaccess2 pointed at. */
export const ACCESS_DEREF = label('mapaccess2', 'return e, true; caller reads *e (load)');
/** `len(m)`: one load of h.count, inlined by the compiler. */
export const LEN = label('len', 'len(m) reads h.count (load)');

export const DELETE = {
  count: label('mapdelete', 'if h == nil || h.count == 0 (load)'),
  ...writeWindow('mapdelete'),
  B: label('mapdelete', 'bucket := hash & bucketMask(h.B) (load)'),
  growing: label('mapdelete', 'if h.growing() (load oldbuckets)'),
  bucketLoad: label('mapdelete', 'b := h.buckets + bucket (load)'),
  tophash: label('mapdelete', 'if b.tophash[i] != top (load)'),
  key: label('mapdelete', 'if !t.key.equal(key, k2) (load key)'),
  overflow: label('mapdelete', 'b = b.overflow(t) (load)'),
  clearElem: label('mapdelete', 'memclrNoHeapPointers(e, t.elem.size) (store)'),
  emptyOne: label('mapdelete', 'b.tophash[i] = emptyOne (store)'),
  lastOverflow: label('mapdelete', 'if b.overflow(t) != nil (load)'),
  lastOverflowTop: label('mapdelete', 'b.overflow(t).tophash[0] != emptyRest (load)'),
  nextCell: label('mapdelete', 'if b.tophash[i+1] != emptyRest (load)'),
  markRest: label('mapdelete', 'b.tophash[i] = emptyRest (store)'),
  findPrev: label('mapdelete', 'for b = bOrig; b.overflow(t) != c; b = b.overflow(t) (load)'),
  restCheck: label('mapdelete', 'if b.tophash[i] != emptyOne (load)'),
  countLoad: label('mapdelete', 'h.count-- (load)'),
  countStore: label('mapdelete', 'h.count-- (store)'),
};

export const CLEAR = {
  count: label('mapclear', 'if h == nil || h.count == 0 (load)'),
  ...writeWindow('mapclear'),
  sameLoad: label('mapclear', 'h.flags &^= sameSizeGrow (load)'),
  sameStore: label('mapclear', 'h.flags &^= sameSizeGrow (store)'),
  oldbuckets: label('mapclear', 'h.oldbuckets = nil (store)'),
  nevacuate: label('mapclear', 'h.nevacuate = 0 (store)'),
  noverflow: label('mapclear', 'h.noverflow = 0 (store)'),
  count0: label('mapclear', 'h.count = 0 (store)'),
  extraOverflow: label('mapclear', '*h.extra = mapextra{}: overflow (store)'),
  extraOld: label('mapclear', '*h.extra = mapextra{}: oldoverflow (store)'),
  B: label('mapclear', 'makeBucketArray(t, h.B, h.buckets) (load B)'),
  buckets: label('mapclear', 'makeBucketArray(t, h.B, h.buckets) (load buckets)'),
  clear: label('mapclear', 'makeBucketArray: memclr bucket (store)'),
};

export const HASH_GROW = {
  count: label('hashGrow', 'if !overLoadFactor(h.count+1, h.B) (load count)'),
  B: label('hashGrow', 'if !overLoadFactor(h.count+1, h.B) (load B)'),
  sameLoad: label('hashGrow', 'h.flags |= sameSizeGrow (load)'),
  sameStore: label('hashGrow', 'h.flags |= sameSizeGrow (store)'),
  oldbuckets: label('hashGrow', 'oldbuckets := h.buckets (load)'),
  makeArray: label('hashGrow', 'makeBucketArray(t, h.B+bigger, nil) (load B)'),
  flags: label('hashGrow', 'flags := h.flags &^ (iterator | oldIterator) (load)'),
  BLoad: label('hashGrow', 'h.B += bigger (load)'),
  BStore: label('hashGrow', 'h.B += bigger (store)'),
  storeFlags: label('hashGrow', 'h.flags = flags (store)'),
  storeOld: label('hashGrow', 'h.oldbuckets = oldbuckets (store)'),
  storeNew: label('hashGrow', 'h.buckets = newbuckets (store)'),
  storeNevacuate: label('hashGrow', 'h.nevacuate = 0 (store)'),
  storeNoverflow: label('hashGrow', 'h.noverflow = 0 (store)'),
  extraOverflow: label('hashGrow', 'if h.extra != nil && h.extra.overflow != nil (load)'),
  extraOld: label('hashGrow', 'if h.extra.oldoverflow != nil (load)'),
  promoteOld: label('hashGrow', 'h.extra.oldoverflow = h.extra.overflow (store)'),
  dropOverflow: label('hashGrow', 'h.extra.overflow = nil (store)'),
};

export const GROW_WORK = {
  B: label('growWork', 'oldbucketmask(): oldB := h.B (load)'),
  sameSize: label('growWork', 'oldbucketmask(): if !h.sameSizeGrow() (load flags)'),
  growing: label('growWork', 'if h.growing() (load oldbuckets)'),
  nevacuate: label('growWork', 'evacuate(t, h, h.nevacuate) (load)'),
};

export const NEW_OVERFLOW = {
  B: label('newoverflow', 'incrnoverflow: if h.B < 16 (load)'),
  incLoad: label('newoverflow', 'incrnoverflow: h.noverflow++ (load)'),
  incStore: label('newoverflow', 'incrnoverflow: h.noverflow++ (store)'),
  createOverflow: label('newoverflow', 'createOverflow: if h.extra.overflow == nil (load)'),
  newList: label('newoverflow', 'createOverflow: h.extra.overflow = new([]*bmap) (store)'),
  link: label('newoverflow', 'b.setoverflow(t, ovf) (store)'),
};

export const EVACUATE = {
  oldbuckets: label('evacuate', 'b := h.oldbuckets + oldbucket (load)'),
  B: label('evacuate', 'newbit := h.noldbuckets(): oldB := h.B (load)'),
  sameSizeNewbit: label('evacuate', 'newbit := h.noldbuckets(): if !h.sameSizeGrow() (load flags)'),
  evacuated: label('evacuate', 'if !evacuated(b) (load b.tophash[0])'),
  xBuckets: label('evacuate', 'x.b = h.buckets + oldbucket (load)'),
  ySameSize: label('evacuate', 'if !h.sameSizeGrow() (load flags)'),
  tophash: label('evacuate', 'top := b.tophash[i] (load)'),
  markEmpty: label('evacuate', 'b.tophash[i] = evacuatedEmpty (store)'),
  sameSizeCell: label('evacuate', 'if !h.sameSizeGrow() (load flags)'),
  hashKey: label('evacuate', 'hash := t.hasher(k2, uintptr(h.hash0)) (load key)'),
  iteratorCheck: label('evacuate', 'if h.flags&iterator != 0 && !t.reflexivekey() (load flags)'),
  markMoved: label('evacuate', 'b.tophash[i] = evacuatedX + useY (store)'),
  dstTophash: label('evacuate', 'dst.b.tophash[dst.i] = top (store)'),
  keyLoad: label('evacuate', 'typedmemmove(t.key, dst.k, k) (load)'),
  keyStore: label('evacuate', 'typedmemmove(t.key, dst.k, k) (store)'),
  elemLoad: label('evacuate', 'typedmemmove(t.elem, dst.e, e) (load)'),
  elemStore: label('evacuate', 'typedmemmove(t.elem, dst.e, e) (store)'),
  overflow: label('evacuate', 'b = b.overflow(t) (load)'),
  unlinkCheck: label('evacuate', 'if h.flags&oldIterator == 0 && t.bucket.ptrdata != 0 (load flags)'),
  mark: label('evacuate', 'if oldbucket == h.nevacuate (load)'),
};

export const ADVANCE_MARK = {
  incLoad: label('advanceEvacuationMark', 'h.nevacuate++ (load)'),
  incStore: label('advanceEvacuationMark', 'h.nevacuate++ (store)'),
  loop: label('advanceEvacuationMark', 'for h.nevacuate != stop (load)'),
  oldbuckets: label('advanceEvacuationMark', 'bucketEvacuated: b := h.oldbuckets + bucket (load)'),
  evacuated: label('advanceEvacuationMark', 'bucketEvacuated: evacuated(b) (load b.tophash[0])'),
  // The loop's `h.nevacuate++` reuses the condition's load: only the store is a new access.
  step: label('advanceEvacuationMark', 'h.nevacuate++ (store)'),
  dropOld: label('advanceEvacuationMark', 'h.oldbuckets = nil (store)'),
  dropOldOverflow: label('advanceEvacuationMark', 'h.extra.oldoverflow = nil (store)'),
  sameLoad: label('advanceEvacuationMark', 'h.flags &^= sameSizeGrow (load)'),
  sameStore: label('advanceEvacuationMark', 'h.flags &^= sameSizeGrow (store)'),
};

/** `for k, v := range m {}`: mapiterinit, mapiternext, and the loop body's two loads. */
export const RANGE = {
  count: label('mapiterinit', 'if h == nil || h.count == 0 (load)'),
  B: label('mapiterinit', 'it.B = h.B (load)'),
  buckets: label('mapiterinit', 'it.buckets = h.buckets (load)'),
  createOverflow: label('mapiterinit', 'createOverflow: if h.extra.overflow == nil (load)'),
  newList: label('mapiterinit', 'createOverflow: h.extra.overflow = new([]*bmap) (store)'),
  oldOverflow: label('mapiterinit', 'it.oldoverflow = h.extra.oldoverflow (load)'),
  flags: label('mapiterinit', 'if old := h.flags; old&(iterator|oldIterator) != iterator|oldIterator (load)'),
  or8: label('mapiterinit', 'atomic.Or8(&h.flags, iterator|oldIterator) (atomic)'),
  next: label('mapiternext', 'if h.flags&hashWriting != 0 (load)'),
  growing: label('mapiternext', 'if h.growing() && it.B == h.B (load oldbuckets)'),
  growingB: label('mapiternext', 'if h.growing() && it.B == h.B (load B)'),
  oldmaskB: label('mapiternext', 'oldbucket := bucket & it.h.oldbucketmask(): h.B (load)'),
  oldmaskFlags: label('mapiternext', 'oldbucketmask(): if !h.sameSizeGrow() (load flags)'),
  oldb: label('mapiternext', 'b = h.oldbuckets + oldbucket (load)'),
  oldEvacuated: label('mapiternext', 'if !evacuated(b) (load b.tophash[0])'),
  cellTophash: label('mapiternext', 'if isEmpty(b.tophash[offi]) || b.tophash[offi] == evacuatedEmpty (load)'),
  checkSameSize: label('mapiternext', 'if checkBucket != noCheck && !h.sameSizeGrow() (load flags)'),
  checkHash: label('mapiternext', 'hash := t.hasher(k, uintptr(h.hash0)) (load key)'),
  bodyKey: label('range body', 'k := *it.key (load)'),
  bodyElem: label('range body', 'v := *it.elem (load)'),
  overflow: label('mapiternext', 'b = b.overflow(t) (load)'),
};

/**
 * Every label, once each, in a fixed order: the index is the label's id on the wire between a
 * controlled worker and its controller (a number per step instead of a string).
 */
export const HMAP_LABELS: readonly string[] = [...new Set([
  ...Object.values(ASSIGN), ...Object.values(ACCESS2), ACCESS_DEREF, ...Object.values(ACCESS_K), LEN,
  ...Object.values(DELETE), ...Object.values(CLEAR), ...Object.values(HASH_GROW), ...Object.values(GROW_WORK),
  ...Object.values(NEW_OVERFLOW), ...Object.values(EVACUATE), ...Object.values(ADVANCE_MARK), ...Object.values(RANGE),
])];
