package report_test

import (
	"testing"

	"github.com/closewait/closewait/passes/deferloop"
	"github.com/closewait/closewait/passes/httpbody"
	"github.com/closewait/closewait/passes/internal/testutil"
	"github.com/closewait/closewait/passes/linger"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestOtherChecks runs passes other than closewait and connleak over
// directives naming them: each suppresses only with its reason.
func TestOtherChecks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testutil.Combined(linger.Analyzer, httpbody.Analyzer, deferloop.Analyzer), "suppress/otherchecks")
}
