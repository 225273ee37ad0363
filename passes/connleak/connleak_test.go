package connleak_test

import (
	"testing"

	"github.com/closewait/closewait/passes/closewait"
	"github.com/closewait/closewait/passes/connleak"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestConnLeak(t *testing.T) {
	a := testutil.Combined(closewait.Analyzer, connleak.Analyzer)
	testutil.Messages(t, "connleak", analysistest.Run(t, analysistest.TestData(), a, "connleak/paths", "connleak/kinds", "connleak/ruledial", "connleak/fixedkinds", "connleak/escapes", "connleak/asserts", "connleak/goreader", "connleak/owners", "connleak/modules", "connleak/pipes", "connleak/containers", "connleak/handoff", "connleak/holders", "connleak/funcfields"))
}

// TestOwnerFacts checks the owning-type facts the core exports: the
// closing methods are learnt from the method bodies.
func TestOwnerFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), conntrack.Analyzer, "connleak/ownerlib", "connleak/handlerlib", "connleak/holderlib")
}

func TestSuggestedFix(t *testing.T) {
	a := testutil.Combined(closewait.Analyzer, connleak.Analyzer)
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), a, "connleak/fix")
}
