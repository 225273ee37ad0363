package deferloop_test

import (
	"testing"

	"github.com/closewait/closewait/passes/deferloop"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestDeferLoop(t *testing.T) {
	testutil.Messages(t, "deferloop", analysistest.Run(t, analysistest.TestData(), deferloop.Analyzer, "deferloop/loops"))
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), deferloop.Analyzer, "deferloop/fix")
}
