package reconnect

import (
	_ "embed"
	"fmt"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports conns overwritten while they may be open.
var Analyzer = New(Config{})

// Config configures an instance of the reconnect analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -reconnect.unused-ignores).
	UnusedIgnores bool
}

// New returns an instance of the analyzer with its own reporter state,
// which its flags set.
func New(cfg Config) *analysis.Analyzer {
	return check.New(check.Spec{
		Name:          "reconnect",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           run,
	})
}

func run(pass *analysis.Pass, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, ow := range res.Overwrites() { // sorted by position
		if !ow.Pos.IsValid() {
			continue
		}
		if ow.Field {
			diags = append(diags, analysis.Diagnostic{
				Pos: ow.Pos, Category: "field",
				Message: fmt.Sprintf("%s is given a new conn without closing the old one: %s", ow.Name, leakreport.WordsFor(conntrack.StreamSocket).Held),
			})
			continue
		}
		name := "the conn"
		if ow.Name != "" {
			name = ow.Name
		}
		w := leakreport.WordsFor(ow.Sock)
		d := analysis.Diagnostic{
			Pos: ow.Pos, Category: "local",
			Message: fmt.Sprintf("%s is overwritten by a new %s while the old one may be open: %s", name, w.Noun, w.Held),
		}
		if ow.Again {
			d.Category = "again"
			d.Message = fmt.Sprintf("%s is made again by the next iteration while the last one may be open: %s", name, w.Held)
		}
		if ow.OldPos.IsValid() && ow.OldPos != ow.Pos {
			d.Related = []analysis.RelatedInformation{{Pos: ow.OldPos, Message: "the lost " + w.Noun + " is made here"}}
		}
		diags = append(diags, d)
	}
	r.Report(pass, diags)
	return nil, nil
}
