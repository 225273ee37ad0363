package closewait_test

import (
	"testing"

	"github.com/closewait/closewait/passes/closewait"
	"github.com/closewait/closewait/passes/connleak"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestReadErr(t *testing.T) {
	a := testutil.Combined(closewait.Analyzer, connleak.Analyzer)
	analysistest.Run(t, testutil.TestData(), a, "closewait/readerr")
}
