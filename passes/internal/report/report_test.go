package report_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/passes/closewait"
	"github.com/closewait/closewait/passes/connleak"
	"github.com/closewait/closewait/passes/internal/report"
	"github.com/closewait/closewait/passes/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestDirectives runs the suite's passes, each with its own reporter,
// over the directive and generated-file cases. analysistest fails on a
// diagnostic reported twice, so this also checks that each problem with
// a directive is reported by exactly one check.
func TestDirectives(t *testing.T) {
	a := testutil.Combined(closewait.New(closewait.Config{}), connleak.New(connleak.Config{}))
	analysistest.Run(t, testutil.TestData(), a, "suppress/directive", "suppress/generated")
}

// TestUnused checks -<check>.unused-ignores, set through the flags as a
// driver does; and that without them nothing but the suppressed
// findings' absence shows.
func TestUnused(t *testing.T) {
	cw, cl := closewait.New(closewait.Config{}), connleak.New(connleak.Config{})
	for _, a := range []*analysisFlagger{{cw.Flags.Set}, {cl.Flags.Set}} {
		if err := a.set("unused-ignores", "true"); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.Run(t, testutil.TestData(), testutil.Combined(cw, cl), "suppress/unused")

	// Off by default: the same package gets no diagnostic at all (its
	// only finding is suppressed).
	var c collector
	results := analysistest.Run(&c, testutil.TestData(), testutil.Combined(closewait.Analyzer, connleak.Analyzer), "suppress/unused")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("without the flag: unexpected diagnostic at %v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
	if closewait.Analyzer.Flags.Lookup("unused-ignores").Value.String() != "false" {
		t.Error("setting a New instance's flag changed the package-level Analyzer's")
	}
}

type analysisFlagger struct {
	set func(name, value string) error
}

// collector is an analysistest.Testing that keeps the errors instead of
// failing: the missing expectations are the point of the run.
type collector struct{ errs []string }

func (c *collector) Errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// TestChecksMatchSuite keeps report.Checks, the names directives may use,
// in step with the suite.
func TestChecksMatchSuite(t *testing.T) {
	var names []string
	for _, a := range analyzer.Suite {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	if got := report.Checks(); !slices.Equal(got, names) {
		t.Errorf("report.Checks() = %v, but analyzer.Suite has %v: run `go generate ./cmd/closewait`", got, names)
	}
}
