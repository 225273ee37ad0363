package connleak

import (
	_ "embed"

	"github.com/closewait/closewait/passes/internal/analysisdoc"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports conns that are never closed, or not closed on some
// path to the function's exit.
var Analyzer = &analysis.Analyzer{
	Name:     "connleak",
	Doc:      analysisdoc.MustExtract(doc, "connleak"),
	URL:      "https://pkg.go.dev/github.com/closewait/closewait/passes/connleak",
	Run:      run,
	Requires: []*analysis.Analyzer{conntrack.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	for _, f := range res.Findings {
		if f.Resource == conntrack.Conn && (f.Kind == conntrack.NeverClosed || f.Kind == conntrack.Leak) {
			pass.Report(leakreport.Diagnostic(pass.Fset, f))
		}
	}
	return nil, nil
}
