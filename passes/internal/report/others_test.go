package report_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/closewait/closewait/passes/connleak"
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

// TestTestsFlag sets -tests=false on a check that has no -tests flag of
// its own (connleak): the reporter drops its findings in _test.go files
// only. With the default, the test file's finding is reported too.
func TestTestsFlag(t *testing.T) {
	a := connleak.New(connleak.Config{})
	f := a.Flags.Lookup("tests")
	if f == nil || f.DefValue != "true" {
		t.Fatalf("connleak has no -tests flag defaulting to true: %v", f)
	}
	if err := a.Flags.Set("tests", "false"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "suppress/testfiles")

	var c collector
	analysistest.Run(&c, analysistest.TestData(), connleak.New(connleak.Config{}), "suppress/testfiles")
	if !slices.ContainsFunc(c.errs, func(e string) bool {
		return strings.Contains(e, "x_test.go") && strings.Contains(e, "unexpected diagnostic")
	}) {
		t.Errorf("with -tests=true (the default), the finding in x_test.go should be reported: %q", c.errs)
	}
}
