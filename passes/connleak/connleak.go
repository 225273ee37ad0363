package connleak

import (
	_ "embed"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports conns that are never closed, or not closed on some
// path to the function's exit.
var Analyzer = New(Config{})

// Config configures an instance of the analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -connleak.unused-ignores).
	UnusedIgnores bool
}

// New returns an instance of the analyzer with its own configuration,
// which its flags set.
func New(cfg Config) *analysis.Analyzer {
	return check.New(check.Spec{
		Name:          "connleak",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           run,
	})
}

func run(pass *analysis.Pass, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, f := range res.Findings() {
		// A packet socket or a listener has no peer whose close it could
		// miss: an exit after a failed read is a plain leak, reported here.
		peerless := f.Kind == conntrack.ReadFailure && !conntrack.PeerCloses(f.Sock)
		if f.Resource == conntrack.Conn && (f.Kind == conntrack.NeverClosed || f.Kind == conntrack.Leak || peerless) {
			diags = append(diags, leakreport.Diagnostic(pass.Fset, f))
		}
	}
	r.Report(pass, diags)
	return nil, nil
}
