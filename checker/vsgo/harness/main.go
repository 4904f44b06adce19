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
// Usage: harness <plain|sync> <op of goroutine 0> <op of goroutine 1> <prefill> <milliseconds>
// Ops: assign, access, delete, range, clear, len (sync.Map: the first four, as Store, Load,
// Delete and Range).
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

func fresh(kind string, prefill int) target {
	if kind == "sync" {
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
		usage("usage: harness <plain|sync> <op0> <op1> <prefill> <milliseconds>")
	}
	kind := os.Args[1]
	if kind != "plain" && kind != "sync" {
		usage(fmt.Sprintf("unknown map %q (plain or sync)", kind))
	}
	ops := [2]string{os.Args[2], os.Args[3]}
	for _, op := range ops {
		switch op {
		case "assign", "access", "delete", "range":
		case "clear", "len":
			if kind == "sync" {
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
