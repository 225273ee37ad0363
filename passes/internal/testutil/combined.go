// Package testutil holds what several passes' tests really share: an
// analyzer that runs passes together over one testdata package. Each
// test finds its packages with analysistest.TestData, in the testdata
// directory beside it.
package testutil

import (
	"github.com/closewait/closewait/passes/internal/conntrack"
	"golang.org/x/tools/go/analysis"
)

// Combined returns an analyzer that runs the Run functions of passes, all
// of which must require only the core, on one pass: a testdata package
// can then hold the `// want` lines of closewait and connleak together,
// and a diagnostic from either that nobody wants fails the test.
func Combined(passes ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "combined",
		Doc:      "the given closewait passes, for tests",
		Requires: []*analysis.Analyzer{conntrack.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			for _, a := range passes {
				if _, err := a.Run(pass); err != nil {
					return nil, err
				}
			}
			return nil, nil
		},
	}
}
