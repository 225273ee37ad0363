package httpbody

import (
	_ "embed"
	"flag"
	"fmt"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Config holds the options of the httpbody analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -httpbody.unused-ignores).
	UnusedIgnores bool
	// Drain also reports bodies closed but never read in the function.
	Drain bool
	// Strict also reports bodies read to EOF but never closed: the
	// Transport reuses their connection at EOF, so no socket leaks, but
	// the http package's contract says to close them.
	Strict bool
}

// Analyzer reports HTTP response bodies not closed on some path.
var Analyzer = New(Config{})

// New returns an httpbody analyzer with its own copy of cfg; its flags set
// that copy.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	return check.New(check.Spec{
		Name:          "httpbody",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Drain, "drain", c.Drain, "also report bodies closed but never read (the connection cannot be reused)")
			fs.BoolVar(&c.Strict, "strict", c.Strict, "also report bodies read to EOF but never closed (no socket leaks, but the contract is broken)")
		},
	})
}

func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, f := range res.Findings() {
		if f.Resource == conntrack.Body && (f.Kind != conntrack.ReadFailure || cfg.Strict) {
			diags = append(diags, diagnostic(f))
		}
	}
	if cfg.Drain {
		for _, r := range res.Conns() {
			if r.Resource == conntrack.Body && r.Closes && !r.Escapes && !r.FirstRead.IsValid() && r.From == conntrack.Made {
				name := r.Name
				if name == "" {
					name = "the response"
				}
				diags = append(diags, analysis.Diagnostic{
					Pos: r.Pos, Category: "undrained",
					Message: fmt.Sprintf("body of %s is closed without being read to EOF: its conn is not reused", name),
				})
			}
		}
	}
	r.Report(pass, diags)
	return nil, nil
}

// diagnostic words a body leak in one line; why it matters and how to
// fix it are in the check's doc.
func diagnostic(f conntrack.Finding) analysis.Diagnostic {
	what := "the response body"
	if f.Conn != "" {
		what = fmt.Sprintf("the body of %s", f.Conn)
	}
	if f.From != conntrack.Made {
		if f.Goroutine {
			what += " (owned by this goroutine)"
		}
	} else {
		what = fmt.Sprintf("%s from %s", what, f.Origin)
	}
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End}
	const why = "its conn is not reused, CLOSE_WAIT once the server closes"
	if f.Kind == conntrack.ReadFailure {
		d.Category = "unclosed"
		d.Message = fmt.Sprintf("%s is read to EOF but not closed on this path: Close is still required", what)
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.SourcePos, Message: "the response is received here"})
	} else if f.Kind == conntrack.NeverClosed {
		d.Category = "neverclosed"
		d.Message = fmt.Sprintf("%s is never closed: %s", what, why)
	} else {
		d.Category = "exitpath"
		d.Message = fmt.Sprintf("%s is not closed on this path: %s", what, why)
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.SourcePos, Message: "the response is received here"})
	}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.Fix}
	}
	return d
}
