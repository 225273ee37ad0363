package filedup

import (
	_ "embed"
	"fmt"
	"go/token"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports File() dups of sockets that are not closed.
var Analyzer = New(Config{})

// Config configures an instance of the filedup analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -filedup.unused-ignores).
	UnusedIgnores bool
}

// New returns an instance of the analyzer with its own reporter state,
// which its flags set.
func New(cfg Config) *analysis.Analyzer {
	return check.New(check.Spec{
		Name:          "filedup",
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
		if f.Resource != conntrack.Dup {
			continue
		}
		if f.Origin == kn.NewFile && !f.Socket {
			continue // a plain file: not a socket dup
		}
		diags = append(diags, diagnostic(pass.Fset, f))
	}
	r.Report(pass, diags)
	return nil, nil
}

func diagnostic(fset *token.FileSet, f conntrack.Finding) analysis.Diagnostic {
	name := "the *os.File"
	if f.Conn != "" {
		name = "the *os.File " + f.Conn
	}
	what := fmt.Sprintf("%s from %s is a dup of the socket", name, f.Origin)
	why := "the socket outlives the conn's Close, CLOSE_WAIT once the peer closes"
	if f.Origin == kn.NewFile || f.From != conntrack.Made {
		what = fmt.Sprintf("%s handed to net.FileConn/FileListener is dup'ed by it", name)
		why = "the socket outlives the Close of the conn made from it"
	}
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End}
	if f.Kind == conntrack.NeverClosed {
		d.Category = "neverclosed"
		d.Message = fmt.Sprintf("%s and is never closed: %s", what, why)
	} else {
		d.Category = "exitpath"
		d.Message = fmt.Sprintf("%s and is not closed on this path: %s", what, why)
		d.Related = []analysis.RelatedInformation{{Pos: f.SourcePos, Message: "the dup is made here"}}
	}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.Fix}
	}
	return d
}
