package main

import (
	"flag"
	"strings"

	"github.com/closewait/closewait/analyzer"
	"golang.org/x/tools/go/analysis"
)

// checkFlags registers on fs the flags every closewait driver takes:
// -test, -<check> to choose checks and -<check>.<flag> for each check's
// options (bound to the analyzers of analyzer.Suite). It returns
// -test's value and a function that applies the -<check> flags after
// parsing.
func checkFlags(fs *flag.FlagSet) (tests *bool, selected func() []*analysis.Analyzer) {
	tests = fs.Bool("test", true, "also analyze test files")
	enabled := make(map[string]*bool)
	for _, a := range analyzer.Suite {
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		enabled[a.Name] = fs.Bool(a.Name, false, "enable "+a.Name+": "+title)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return tests, func() []*analysis.Analyzer { return selectAnalyzers(fs, enabled) }
}

// selectAnalyzers applies the -<check> flags as multichecker does: if
// any is true, only those run; otherwise all but those set to false.
func selectAnalyzers(fs *flag.FlagSet, enabled map[string]*bool) []*analysis.Analyzer {
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) {
		if _, ok := enabled[f.Name]; ok {
			set[f.Name] = true
		}
	})
	anyTrue := false
	for name := range set {
		anyTrue = anyTrue || *enabled[name]
	}
	var out []*analysis.Analyzer
	for _, a := range analyzer.Suite {
		on := !set[a.Name] || *enabled[a.Name]
		if anyTrue {
			on = set[a.Name] && *enabled[a.Name]
		}
		if on {
			out = append(out, a)
		}
	}
	return out
}
