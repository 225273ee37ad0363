package closewait

import (
	_ "embed"
	"flag"
	"fmt"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports conns that are not closed on a path where a read of
// them fails or hits EOF.
var Analyzer = New(Config{})

// Config configures an instance of the analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -closewait.unused-ignores).
	UnusedIgnores bool

	// Skipped also reports each function of the package that the core
	// did not analyse (flag -closewait.skipped): over its per-function
	// budget, or after an internal error it recovered from. Every check
	// built on the core is silent about such a function, and this says
	// so instead of leaving a clean result ambiguous.
	Skipped bool
}

// New returns an instance of the analyzer with its own configuration,
// which its flags set.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	return check.New(check.Spec{
		Name:          "closewait",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Skipped, "skipped", c.Skipped, "also report functions the core did not analyse (over its budget, or after an internal error)")
		},
	})
}

func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, f := range res.Findings() {
		if f.Resource == conntrack.Conn && f.Kind == conntrack.ReadFailure && conntrack.PeerCloses(f.Sock) {
			diags = append(diags, leakreport.Diagnostic(pass.Fset, f))
		}
	}
	if cfg.Skipped {
		for _, s := range res.Skipped() {
			diags = append(diags, analysis.Diagnostic{
				Pos:      s.Pos,
				Category: "skipped",
				Message:  fmt.Sprintf("%s was not analysed (%s): the checks built on the core report nothing in it", s.Func, s.Reason),
			})
		}
	}
	r.Report(pass, diags)
	return nil, nil
}
