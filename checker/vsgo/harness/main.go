// The real Go side of `npm run vs-go` (checker/vsgo). Trial after trial, two goroutines run one
// map operation each on key 0, at the same moment, on a fresh map holding keys 0 .. prefill-1,
// until Go stops the program, a trial ends in a way no correct map allows, or the time is up.
//
// What Go prints when it stops the program ("fatal error: ...", "panic: ...") is a finding. So
// is a trial whose map, once both operations are done, breaks one of the spec's invariants that
// Go code can see, or whose results no order of the two operations explains: this program prints
// it as "silent: corrupt: <the spec's name for it> (...)" or "silent: nonlinearizable (...)"
// and exits 3. The checker compares the findings with the outcome classes the spec reaches.
//
// Usage: harness <map> <op of goroutine 0> <op of goroutine 1> <prefill> <milliseconds>
// Maps, by the checker's target names: hmap (the plain map), syncmap (sync.Map), mutex-map and
// rwmutex-map (a map under a sync.Mutex or sync.RWMutex), sharded-map (two such, key k in shard
// k mod 2). Ops: assign, access, delete, range, clear, len (sync.Map: the first four, as Store,
// Load, Delete and Range).
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The map under test, either kind; each method is one operation, run as the spec runs it.
type target interface {
	run(op string, value int) string
	contents() string
	broken() string
}

// The plain map. Its methods are never inlined: Go 1.19 compiles the clear loop into one
// mapclear call only in a function of its own; inlined into a caller it stayed a range loop
// calling mapiternext and mapdelete (seen with -gcflags=-S), and Go then printed the iteration's
// fatal error for a clear, which the spec models as mapclear.
type plain map[int]int

//go:noinline
func (m plain) run(op string, value int) string {
	k := 0
	switch op {
	case "assign":
		m[k] = value
	case "access":
		v, ok := m[k]
		return fmt.Sprintf("%d,%t", v, ok)
	case "delete":
		delete(m, k)
	case "range":
		var pairs []string
		for k, v := range m {
			pairs = append(pairs, fmt.Sprintf("%d:%d", k, v))
		}
		sort.Strings(pairs)
		return strings.Join(pairs, " ")
	case "clear":
		for k := range m {
			delete(m, k)
		}
	case "len":
		return strconv.Itoa(len(m))
	}
	return ""
}

func (m plain) contents() string {
	return m.run("range", 0)
}

// The first of the spec's invariants that the map, now quiet, visibly breaks ("" when none):
// its count against the keys a range yields, a key yielded twice, a yielded key that a lookup
// cannot find. Names as spec/hmap/invariants.ts has them.
func (m plain) broken() string {
	yielded := map[int]int{}
	n := 0
	for k := range m {
		yielded[k]++
		n++
	}
	if n != len(m) {
		return fmt.Sprintf("corrupt: count equals live keys (len %d, range yields %d keys)", len(m), n)
	}
	for k, times := range yielded {
		if times > 1 {
			return fmt.Sprintf("corrupt: no key twice (range yields key %d %d times)", k, times)
		}
		if _, ok := m[k]; !ok {
			return fmt.Sprintf("corrupt: every key reachable from its bucket (range yields key %d, a lookup misses it)", k)
		}
	}
	return ""
}

type syncMap struct{ m *sync.Map }

//go:noinline
func (s syncMap) run(op string, value int) string {
	k := 0
	switch op {
	case "assign":
		s.m.Store(k, value)
	case "access":
		v, ok := s.m.Load(k)
		if !ok {
			return "0,false"
		}
		return fmt.Sprintf("%d,true", v)
	case "delete":
		s.m.Delete(k)
	case "range":
		var pairs []string
		s.m.Range(func(k, v any) bool {
			pairs = append(pairs, fmt.Sprintf("%d:%d", k, v))
			return true
		})
		sort.Strings(pairs)
		return strings.Join(pairs, " ")
	}
	return ""
}

func (s syncMap) contents() string {
	return s.run("range", 0)
}

func (s syncMap) broken() string {
	return ""
}

// A plain map under a lock: Mutex for every operation, or RWMutex with readers sharing it.
type locked struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	read bool // whether the RWMutex guards (readers share it) rather than the Mutex
	m    plain
}

func (l *locked) run(op string, value int) string {
	reader := op == "access" || op == "range" || op == "len"
	switch {
	case !l.read:
		l.mu.Lock()
		defer l.mu.Unlock()
	case reader:
		l.rw.RLock()
		defer l.rw.RUnlock()
	default:
		l.rw.Lock()
		defer l.rw.Unlock()
	}
	return l.m.run(op, value)
}

func (l *locked) contents() string { return l.m.contents() }
func (l *locked) broken() string   { return l.m.broken() }

// Two RWMutex-guarded shards, key k in shard k mod 2 (as the spec's shardOf puts keys 0 and 1).
// A range, a clear and a len visit the shards one after the other, as the spec's do: no snapshot
// across shards.
type sharded [2]*locked

func (s sharded) run(op string, value int) string {
	switch op {
	case "assign", "access", "delete":
		return s[0].run(op, value) // the ops run on key 0
	case "range":
		var parts []string
		for _, shard := range s {
			if r := shard.run("range", 0); r != "" {
				parts = append(parts, r)
			}
		}
		pairs := strings.Fields(strings.Join(parts, " "))
		sort.Strings(pairs)
		return strings.Join(pairs, " ")
	case "clear":
		for _, shard := range s {
			shard.run("clear", 0)
		}
	case "len":
		n := 0
		for _, shard := range s {
			v, _ := strconv.Atoi(shard.run("len", 0))
			n += v
		}
		return strconv.Itoa(n)
	}
	return ""
}

func (s sharded) contents() string { return s.run("range", 0) }

func (s sharded) broken() string {
	for _, shard := range s {
		if b := shard.broken(); b != "" {
			return b
		}
	}
	return ""
}

func fresh(kind string, prefill int) target {
	switch kind {
	case "mutex-map", "rwmutex-map":
		l := &locked{read: kind == "rwmutex-map", m: plain{}}
		for k := 0; k < prefill; k++ {
			l.m[k] = k + 1
		}
		return l
	case "sharded-map":
		s := sharded{{read: true, m: plain{}}, {read: true, m: plain{}}}
		for k := 0; k < prefill; k++ {
			s[k%2].m[k] = k + 1
		}
		return s
	}
	if kind == "syncmap" {
		s := syncMap{&sync.Map{}}
		for k := 0; k < prefill; k++ {
			s.m.Store(k, k+1)
		}
		return s
	}
	m := plain{}
	for k := 0; k < prefill; k++ {
		m[k] = k + 1
	}
	return m
}

// Whether the two operations, one after the other in some order on a fresh map, give the same
// results and the same final contents: a correct map's concurrent pair always does. Both orders
// are tried, since two operations that ran at the same time may take effect in either.
func explained(kind string, ops [2]string, prefill int, results [2]string, final string) bool {
	if kind == "sharded-map" {
		return explainedByShards(ops, prefill, results, final)
	}
	for _, first := range []int{0, 1} {
		m := fresh(kind, prefill)
		var got [2]string
		got[first] = m.run(ops[first], prefill+1+first)
		got[1-first] = m.run(ops[1-first], prefill+1+(1-first))
		if got == results && m.contents() == final {
			return true
		}
	}
	return false
}

// The sharded map's range, clear and len visit the shards one after the other, so each shard may
// see the two operations in its own order: every choice of order per shard is tried, each
// operation's result put together from its parts as the operation puts it together.
func explainedByShards(ops [2]string, prefill int, results [2]string, final string) bool {
	for choice := 0; choice < 4; choice++ {
		s := fresh("sharded-map", prefill).(sharded)
		var parts [2][2]string // parts[operation][shard]
		for sh := 0; sh < 2; sh++ {
			first := (choice >> sh) & 1
			for _, g := range []int{first, 1 - first} {
				parts[g][sh] = s.runOnShard(sh, ops[g], prefill+1+g)
			}
		}
		got := [2]string{joinParts(ops[0], parts[0]), joinParts(ops[1], parts[1])}
		if got == results && s.contents() == final {
			return true
		}
	}
	return false
}

// Operation op's part on one shard: all of a range, clear or len's; a keyed operation (key 0)
// has its part on shard 0 only.
func (s sharded) runOnShard(sh int, op string, value int) string {
	switch op {
	case "assign", "access", "delete":
		if sh != 0 {
			return ""
		}
	}
	return s[sh].run(op, value)
}

func joinParts(op string, parts [2]string) string {
	switch op {
	case "assign", "access", "delete":
		return parts[0]
	case "range":
		pairs := strings.Fields(parts[0] + " " + parts[1])
		sort.Strings(pairs)
		return strings.Join(pairs, " ")
	case "len":
		a, _ := strconv.Atoi(parts[0])
		b, _ := strconv.Atoi(parts[1])
		return strconv.Itoa(a + b)
	}
	return ""
}

// A few spins of a different length before each operation, so that the two operations meet at
// every offset rather than always the same one (xorshift: cheap, and no lock as math/rand has).
type jitter uint32

func (j *jitter) spin() int {
	x := uint32(*j)
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	*j = jitter(x)
	s := 0
	for i := uint32(0); i < x%64; i++ {
		s += int(i)
	}
	return s
}

// The trial both goroutines are to run (the main goroutine raises it), the last trial the second
// goroutine finished, and the trial's map. The atomics order every access to the map.
var trial, finished atomic.Int64
var current target

func usage(text string) {
	fmt.Fprintln(os.Stderr, "harness: "+text)
	os.Exit(64)
}

func main() {
	if len(os.Args) != 6 {
		usage("usage: harness <map> <op0> <op1> <prefill> <milliseconds>")
	}
	kind := os.Args[1]
	switch kind {
	case "hmap", "syncmap", "mutex-map", "rwmutex-map", "sharded-map":
	default:
		usage(fmt.Sprintf("unknown map %q (hmap, syncmap, mutex-map, rwmutex-map or sharded-map)", kind))
	}
	ops := [2]string{os.Args[2], os.Args[3]}
	for _, op := range ops {
		switch op {
		case "assign", "access", "delete", "range":
		case "clear", "len":
			if kind == "syncmap" {
				usage(fmt.Sprintf("sync.Map has no %s in Go 1.19", op))
			}
		default:
			usage(fmt.Sprintf("unknown op %q", op))
		}
	}
	prefill, err1 := strconv.Atoi(os.Args[4])
	ms, err2 := strconv.Atoi(os.Args[5])
	if err1 != nil || err2 != nil || prefill < 0 || ms < 1 {
		usage("prefill and milliseconds must be whole numbers (milliseconds at least 1)")
	}

	// Two goroutines that spin rather than block, one per P (run with GOMAXPROCS=2): a goroutine
	// woken from a channel starts microseconds late, and operations of some tens of nanoseconds
	// would then hardly ever overlap.
	var results [2]string
	go func() {
		j := jitter(2463534242)
		for t := int64(1); ; t++ {
			for trial.Load() < t {
			}
			j.spin()
			results[1] = current.run(ops[1], prefill+2)
			finished.Store(t)
		}
	}()
	j := jitter(88172645)
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	t := int64(0)
	for time.Now().Before(deadline) {
		t++
		m := fresh(kind, prefill)
		current = m
		trial.Store(t)
		j.spin()
		results[0] = m.run(ops[0], prefill+1)
		for finished.Load() < t {
		}
		if b := m.broken(); b != "" {
			fmt.Fprintf(os.Stderr, "silent: %s, trial %d\n", b, t)
			os.Exit(3)
		}
		if final := m.contents(); !explained(kind, ops, prefill, results, final) {
			fmt.Fprintf(os.Stderr, "silent: nonlinearizable (results %q and %q, then %q), trial %d\n", results[0], results[1], final, t)
			os.Exit(3)
		}
	}
	fmt.Printf("survived %d trials\n", t)
}
