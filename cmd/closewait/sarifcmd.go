package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/cmd/closewait/internal/checkdoc"
	"github.com/closewait/closewait/cmd/closewait/internal/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

const sarifUsage = `usage: closewait sarif [flags] packages...

Runs the closewait checks on the packages and writes the findings as a
SARIF 2.1.0 log, with one rule per check, for GitHub code scanning and
other SARIF viewers. File locations are relative to the current
directory (run it from the repository root). Findings do not change the
exit status: it is 0 when the log was written and the packages loaded
and analysed, 1 otherwise (the log is still written, with the errors as
notifications), 2 on bad usage.

Flags:
`

// sarifMain implements `closewait sarif`: it loads the packages with
// go/packages, runs the suite with the checker package (as multichecker
// does), and converts the diagnostics, whose exact positions, related
// positions and fixes go into the log.
func sarifMain(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("closewait sarif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the log to this file instead of standard output")
	tests := fs.Bool("test", true, "also analyze test files")
	enabled := make(map[string]*bool)
	for _, a := range analyzer.Suite {
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		enabled[a.Name] = fs.Bool(a.Name, false, "enable "+a.Name+": "+title)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		fmt.Fprint(stderr, sarifUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	analyzers := selectAnalyzers(fs, enabled)

	var errs []string
	diags, err := analyze(analyzers, fs.Args(), *tests, &errs)
	if err != nil {
		errs = append(errs, err.Error())
	}
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, "closewait sarif:", err)
		return 1
	}
	cw, _ := versions()
	b := &sarif.Builder{
		Tool: sarif.ToolComponent{
			Name:           "closewait",
			Version:        cw,
			InformationURI: "https://" + modulePath,
		},
		Root:         root,
		ReadFile:     os.ReadFile,
		HelpMarkdown: checkdoc.Help,
	}
	if v, ok := strings.CutPrefix(cw, "v"); ok {
		b.Tool.SemanticVersion = v
	}
	data, err := json.MarshalIndent(b.Log(analyzers, diags, errs), "", "  ")
	if err != nil {
		fmt.Fprintln(stderr, "closewait sarif:", err)
		return 1
	}
	data = append(data, '\n')
	if *out == "" {
		_, err = stdout.Write(data)
	} else {
		err = os.WriteFile(*out, data, 0o666)
	}
	if err != nil {
		fmt.Fprintln(stderr, "closewait sarif:", err)
		return 1
	}
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	if len(errs) > 0 {
		return 1
	}
	return 0
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

// analyze loads patterns and runs analyzers on them, returning the root
// diagnostics and appending package and analyzer errors to errs, in a
// deterministic order.
func analyze(analyzers []*analysis.Analyzer, patterns []string, tests bool, errs *[]string) ([]sarif.Diagnostic, error) {
	if len(analyzers) == 0 {
		return nil, errors.New("no check enabled")
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			*errs = append(*errs, e.Error())
		}
	})
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var diags []sarif.Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			*errs = append(*errs, fmt.Sprintf("%s: %v", act, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			diags = append(diags, sarif.Diagnostic{Analyzer: act.Analyzer, Fset: act.Package.Fset, Diagnostic: d})
		}
	}
	slices.Sort(*errs)
	*errs = slices.Compact(*errs)
	return diags, nil
}
