package linger_test

import (
	"testing"

	"github.com/closewait/closewait/passes/internal/testutil"
	"github.com/closewait/closewait/passes/linger"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestLinger(t *testing.T) {
	testutil.Messages(t, "linger", analysistest.Run(t, analysistest.TestData(), linger.Analyzer, "linger/abortive", "linger/intests"))
}

func TestPositive(t *testing.T) {
	a := linger.New(linger.Config{Positive: true})
	testutil.Messages(t, "linger-positive", analysistest.Run(t, analysistest.TestData(), a, "linger/positive"))
}

// TestFlag checks that the flag sets the instance's own configuration and
// not the package's default analyzer.
func TestFlag(t *testing.T) {
	a := linger.New(linger.Config{})
	if err := a.Flags.Set("positive", "true"); err != nil {
		t.Fatal(err)
	}
	if linger.Analyzer.Flags.Lookup("positive").Value.String() != "false" {
		t.Error("setting a flag on one instance changed the default analyzer")
	}
	analysistest.Run(t, analysistest.TestData(), a, "linger/positive")
}
