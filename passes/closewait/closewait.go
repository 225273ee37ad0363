package closewait

import (
	_ "embed"

	"github.com/closewait/closewait/passes/internal/analysisdoc"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports conns that are not closed on a path where a read of
// them fails or hits EOF.
var Analyzer = &analysis.Analyzer{
	Name:     "closewait",
	Doc:      analysisdoc.MustExtract(doc, "closewait"),
	URL:      "https://pkg.go.dev/github.com/closewait/closewait/passes/closewait",
	Run:      run,
	Requires: []*analysis.Analyzer{conntrack.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	for _, f := range res.Findings {
		if f.Resource == conntrack.Conn && f.Kind == conntrack.ReadFailure {
			pass.Report(leakreport.Diagnostic(pass.Fset, f))
		}
	}
	return nil, nil
}
