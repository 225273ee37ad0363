package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/closewait/closewait/cmd/closewait/internal/checkdoc"
	"github.com/closewait/closewait/cmd/closewait/internal/sarif"
	"golang.org/x/tools/go/analysis"
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
	tests, selected := checkFlags(fs)
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
	analyzers := selected()

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
			Name: "closewait",
			// SARIF2005 (the SARIF Multitool's rule): a version starts
			// with a number.
			Version:        strings.TrimPrefix(cw, "v"),
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

// analyze loads patterns and runs analyzers on them, returning the root
// diagnostics, each once, and appending the errors, one line each, to
// errs.
func analyze(analyzers []*analysis.Analyzer, patterns []string, tests bool, errs *[]string) ([]sarif.Diagnostic, error) {
	r, err := loadAndAnalyze(analyzers, patterns, tests)
	if err != nil {
		return nil, err
	}
	*errs = append(*errs, r.errors...)
	var diags []sarif.Diagnostic
	for _, act := range r.graph.Roots {
		for _, d := range act.Diagnostics {
			diags = append(diags, sarif.Diagnostic{Analyzer: act.Analyzer, Fset: act.Package.Fset, Diagnostic: d})
		}
	}
	return diags, nil
}
