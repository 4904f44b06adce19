// The real Go side of `npm run vs-go` (checker/vsgo). Trial after trial, two goroutines run one
// map operation each on key 0, at the same moment, on a fresh map holding keys 0 .. prefill-1,
// until Go stops the program, a trial leaves the map visibly broken, or the time is up.
//
// What Go prints when it stops the program ("fatal error: ...", "panic: ...") is a finding. So
// is a map that, once both operations are done, breaks one of the spec's invariants that Go code
// can see: this program prints it as "silent: corrupt: <the spec's name for it> ..." and exits 3.
// The checker compares the findings with the outcome classes the spec reaches for the same pair.
//
// Usage: harness <op of goroutine 0> <op of goroutine 1> <prefill> <milliseconds>
// Ops: assign, access, delete, range, clear, len.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

// One goroutine's operation; value is its own, so its write is told apart from the other's.
// Never inlined: Go 1.19 compiles the clear loop below into one mapclear call only in run's own
// body; inlined into its callers it stayed a range loop calling mapiternext and mapdelete
// (measured with -gcflags=-S), and Go then printed the iteration's fatal error for a clear.
//
//go:noinline
func run(op string, m map[int]int, value int) int {
	sink := 0
	k := 0
	switch op {
	case "assign":
		m[k] = value
	case "access":
		if v, ok := m[k]; ok {
			sink += v
		}
	case "delete":
		delete(m, k)
	case "range":
		for k, v := range m {
			sink += k + v
		}
	case "clear":
		// The loop the compiler turns into one mapclear call.
		for k := range m {
			delete(m, k)
		}
	case "len":
		sink += len(m)
	}
	return sink
}

// The first of the spec's invariants that the map, now quiet, visibly breaks ("" when none):
// its count against the keys a range yields, a key yielded twice, a yielded key that a lookup
// cannot find. Names as spec/hmap/invariants.ts has them.
func broken(m map[int]int) string {
	yielded := map[int]int{}
	n := 0
	for k := range m {
		yielded[k]++
		n++
	}
	if n != len(m) {
		return fmt.Sprintf("count equals live keys (len %d, range yields %d keys)", len(m), n)
	}
	for k, times := range yielded {
		if times > 1 {
			return fmt.Sprintf("no key twice (range yields key %d %d times)", k, times)
		}
		if _, ok := m[k]; !ok {
			return fmt.Sprintf("every key reachable from its bucket (range yields key %d, a lookup misses it)", k)
		}
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
var current map[int]int

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: harness <op0> <op1> <prefill> <milliseconds>")
		os.Exit(64)
	}
	ops := os.Args[1:3]
	for _, op := range ops {
		switch op {
		case "assign", "access", "delete", "range", "clear", "len":
		default:
			fmt.Fprintf(os.Stderr, "harness: unknown op %q\n", op)
			os.Exit(64)
		}
	}
	prefill, err1 := strconv.Atoi(os.Args[3])
	ms, err2 := strconv.Atoi(os.Args[4])
	if err1 != nil || err2 != nil || prefill < 0 || ms < 1 {
		fmt.Fprintln(os.Stderr, "harness: prefill and milliseconds must be whole numbers (milliseconds at least 1)")
		os.Exit(64)
	}

	// Two goroutines that spin rather than block, one per P (run with GOMAXPROCS=2): a goroutine
	// woken from a channel starts microseconds late, and operations of some tens of nanoseconds
	// would then hardly ever overlap.
	sinks := [2]int{}
	go func() {
		j := jitter(2463534242)
		for t := int64(1); ; t++ {
			for trial.Load() < t {
			}
			sinks[1] += j.spin() + run(ops[1], current, prefill+2)
			finished.Store(t)
		}
	}()
	j := jitter(88172645)
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	t := int64(0)
	for time.Now().Before(deadline) {
		t++
		m := make(map[int]int)
		for k := 0; k < prefill; k++ {
			m[k] = k + 1
		}
		current = m
		trial.Store(t)
		sinks[0] += j.spin() + run(ops[0], m, prefill+1)
		for finished.Load() < t {
		}
		if b := broken(m); b != "" {
			fmt.Fprintf(os.Stderr, "silent: corrupt: %s, trial %d\n", b, t)
			os.Exit(3)
		}
	}
	fmt.Printf("survived %d trials (%d)\n", t, (sinks[0]+sinks[1])%7)
}
