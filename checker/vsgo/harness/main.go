// The real Go side of `npm run vs-go` (checker/vsgo): two goroutines run one kind of map
// operation each on key 0, in a loop, on one fresh map per trial (holding keys 0 .. prefill-1
// first), until Go stops the program or the time is up. Whatever Go prints when it stops it ("fatal error: ...", "panic: ...") is the finding;
// the checker compares it with the outcome classes the spec reaches for the same pair.
//
// Usage: harness <op of goroutine 0> <op of goroutine 1> <prefill> <milliseconds>
// Ops: assign, access, delete, range, clear, len.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// Each goroutine's loop: i numbers its operations, so every write stores a value of its own.
func loop(op string, m map[int]int, iters, base int, start <-chan struct{}) int {
	sink := 0
	k := 0
	<-start
	for i := 0; i < iters; i++ {
		switch op {
		case "assign":
			m[k] = base + i
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
	}
	return sink
}

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
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	trials, total := 0, 0
	for time.Now().Before(deadline) {
		m := make(map[int]int)
		for k := 0; k < prefill; k++ {
			m[k] = k + 1
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		sinks := make([]int, 2)
		for g := 0; g < 2; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				sinks[g] = loop(ops[g], m, 1000, (g+1)*1_000_000, start)
			}(g)
		}
		close(start)
		wg.Wait()
		total += sinks[0] + sinks[1]
		trials++
	}
	fmt.Printf("survived %d trials (%d)\n", trials, total%7)
}
