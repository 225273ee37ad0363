package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestTuneGC: a run raises the collector's target to batchGCPercent,
// but never overrides a GOGC the user set.
func TestTuneGC(t *testing.T) {
	orig := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(orig) })

	t.Setenv("GOGC", "100")
	tuneGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100 set, the target is %d, want 100 (the user's)", got)
	}

	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	tuneGC()
	if got := debug.SetGCPercent(100); got != batchGCPercent {
		t.Errorf("with GOGC unset, the target is %d, want %d", got, batchGCPercent)
	}
}
