// Package check builds the analyzer of one closewait check, so that every
// check has the same shape: the name, the Doc cut from its doc.go, the
// URL of its package, a reporter of its own (suppressions, ordering, the
// -NAME.unused-ignores flag) and its own flags. A pass states only what is
// its own, in a Spec.
package check

import (
	"flag"

	"github.com/closewait/closewait/passes/internal/analysisdoc"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Spec is what one check says about itself.
type Spec struct {
	// Name is the check's name: the analyzer's name, its flag prefix,
	// and the name //closewait:ignore directives use.
	Name string
	// Doc is the source of the check's doc.go, from which the
	// analyzer's Doc is cut.
	Doc string
	// UnusedIgnores is the default of -NAME.unused-ignores: also report
	// ignore directives for this check that suppress nothing.
	UnusedIgnores bool
	// Requires and FactTypes are the analyzer's.
	Requires  []*analysis.Analyzer
	FactTypes []analysis.Fact
	// Run analyses one package and reports through r.
	Run func(pass *analysis.Pass, r *report.Reporter) (any, error)
	// Flags, if not nil, registers the check's own options.
	Flags func(fs *flag.FlagSet)
}

// New returns a fresh analyzer for s, with its own reporter whose state
// its flags set: instances never share configuration.
func New(s Spec) *analysis.Analyzer {
	r := &report.Reporter{Check: s.Name, Unused: s.UnusedIgnores}
	a := &analysis.Analyzer{
		Name:      s.Name,
		Doc:       analysisdoc.MustExtract(s.Doc, s.Name),
		URL:       "https://pkg.go.dev/github.com/closewait/closewait/passes/" + s.Name,
		Run:       func(pass *analysis.Pass) (any, error) { return s.Run(pass, r) },
		Requires:  s.Requires,
		FactTypes: s.FactTypes,
	}
	if s.Flags != nil {
		s.Flags(&a.Flags)
	}
	if a.Flags.Lookup("tests") == nil {
		r.RegisterTestsFlag(&a.Flags) // every check has -<check>.tests
	}
	r.RegisterFlags(&a.Flags)
	return a
}
