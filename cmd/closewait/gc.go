package main

import (
	"os"
	"runtime/debug"
)

// batchGCPercent is the garbage collector's target for a standalone or
// SARIF run: the heap may grow to 2.5 times what was live after the last
// collection, instead of the default twice.
//
// A run is one batch job: it loads and type-checks every package, most
// of which stays live to the end, then builds SSA. With the default
// target the collector marks that growing heap again and again (on
// nats-server, 5.9 s of 23 s of CPU, the last two cycles alone 4.3 s of
// it); at 150 the late cycles at 0.9 and 1.3 GB of heap become one. The
// peak grows little, as the last collection comes later in the run
// (BENCHMARKS.md, "Allocation and the collector target"). The Go compiler raises its own
// starting heap for the same reason.
const batchGCPercent = 150

// tuneGC sets the collector's target for a batch run, unless the user
// chose one with GOGC (GOGC=100 restores Go's default).
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(batchGCPercent)
}
