package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/closewait/closewait/internal/lean"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A run is the suite applied to the packages of some patterns, with the
// errors a user must see, each on one line: the packages' own errors
// (syntax, types, a missing package, a bad pattern) and the analyzers'
// real errors, but none of the cascade the x/tools driver prints after a
// package error ("failed prerequisites: conntrack@p", "analysis skipped
// due to errors in package"), which names internal analyzers and says
// nothing new.
type run struct {
	graph  *checker.Graph // nil if nothing could be analysed
	errors []string       // one line each, deduplicated, in load order
	// broken holds the root packages that were not analysed because of
	// their errors or their dependencies', with their first error.
	broken map[*packages.Package]string
}

// loadAndAnalyze loads patterns (with their tests if tests) and runs
// analyzers on them. It returns an error only when nothing could be
// loaded at all; the errors of individual packages are in the run.
func loadAndAnalyze(analyzers []*analysis.Analyzer, patterns []string, tests bool) (*run, error) {
	if len(analyzers) == 0 {
		return nil, errors.New("no check enabled")
	}
	tuneGC()
	pkgs, err := load(patterns, tests)
	if err != nil {
		return nil, errors.New(oneLine(err.Error()))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	r := &run{broken: make(map[*packages.Package]string)}
	for p := range packages.Postorder(pkgs) {
		for _, e := range primaryErrors(p) {
			r.addError(packageError(e))
		}
		if p.Module != nil && p.Module.Error != nil {
			r.addError(oneLine(p.Module.Error.Err))
		}
	}
	for _, p := range pkgs {
		if first := firstError(p); first != "" {
			r.broken[p] = first
		}
	}
	r.graph, err = checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, errors.New(oneLine(err.Error()))
	}
	r.dropCascade()
	r.dedupe()
	for act := range r.graph.All() {
		if act.Err != nil {
			r.addError(fmt.Sprintf("closewait: %s on %s: %s", act.Analyzer.Name, act.Package.PkgPath, oneLine(act.Err.Error())))
		}
	}
	return r, nil
}

// load loads the packages of patterns and every package they import,
// with syntax and types, as x/tools' drivers do, but parses the
// dependencies no check analyses lean (lean.Parser: std packages
// outside CLOSEWAIT_STD, module-cache packages that cannot reach net),
// keeping their API and the bodies the suite reads. Should a lean
// package not type-check (a file the trimming did not foresee), it
// loads everything again whole, so that a run never fails or differs
// because of the trimming.
func load(patterns []string, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: tests,
	}
	lp := lean.NewParser(patterns)
	if lp != nil {
		cfg.ParseFile = lp.ParseFile
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil || lp == nil || !trimmedErrors(pkgs, lp.Trimmed) {
		return pkgs, err
	}
	cfg.ParseFile = nil
	return packages.Load(cfg, patterns...)
}

// trimmedErrors reports whether a package the lean parser trimmed has
// errors.
func trimmedErrors(pkgs []*packages.Package, trimmed func(filename string) bool) bool {
	for p := range packages.Postorder(pkgs) {
		if len(p.Errors) > 0 && slices.ContainsFunc(p.CompiledGoFiles, trimmed) {
			return true
		}
	}
	return false
}

func (r *run) addError(line string) {
	if !slices.Contains(r.errors, line) {
		r.errors = append(r.errors, line)
	}
}

// dropCascade clears the errors of actions that only repeat a package
// error: the analysis was skipped because the package (or one it
// imports) has errors, or a required analyzer was.
func (r *run) dropCascade() {
	for act := range r.graph.All() {
		if act.Err == nil {
			continue
		}
		msg := act.Err.Error()
		if strings.HasPrefix(msg, "failed prerequisites") || act.Package.IllTyped && strings.HasPrefix(msg, "analysis skipped due to errors in package") {
			act.Err = nil
		}
	}
}

// dedupe drops from the root actions the diagnostics an earlier root
// already has: a package and its test variant analyse the same non-test
// files, so both report their findings. The key is the one the x/tools
// text output dedupes on: position, end, analyzer and message.
func (r *run) dedupe() {
	type key struct {
		posn, end string
		analyzer  *analysis.Analyzer
		message   string
	}
	seen := make(map[key]bool)
	for _, act := range r.graph.Roots {
		kept := act.Diagnostics[:0:0]
		for _, d := range act.Diagnostics {
			fset := act.Package.Fset
			k := key{fset.Position(d.Pos).String(), fset.Position(d.End).String(), act.Analyzer, d.Message}
			if !seen[k] {
				seen[k] = true
				kept = append(kept, d)
			}
		}
		act.Diagnostics = kept
	}
}

// diagnostics returns how many diagnostics the root actions have.
func (r *run) diagnostics() int {
	n := 0
	for _, act := range r.graph.Roots {
		n += len(act.Diagnostics)
	}
	return n
}

// primaryErrors returns p's errors without the type errors that follow
// from a syntax, list or cgo error (an undefined name after a parse
// error, "could not import C"), which the go command does not print
// either.
func primaryErrors(p *packages.Package) []packages.Error {
	var other []packages.Error
	for _, e := range p.Errors {
		if e.Kind != packages.TypeError {
			other = append(other, e)
		}
	}
	if len(other) > 0 {
		return other
	}
	var out []packages.Error
	for _, e := range p.Errors {
		if path, ok := importFailure(e.Msg); ok {
			if imp := p.Imports[path]; imp != nil && len(imp.Errors) > 0 {
				continue // the import's own error says it
			}
		}
		out = append(out, e)
	}
	return out
}

// importFailure returns the path in a type error "could not import
// <path> (<why>)".
func importFailure(msg string) (path string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "could not import ")
	if !ok {
		return "", false
	}
	path, _, ok = strings.Cut(rest, " ")
	return path, ok
}

// packageError returns e on one line: "file:line:col: message" for an
// error with a position, "closewait: message" for one without (a missing
// package, a bad pattern).
func packageError(e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		// A cgo error reads "# pkg\nfile:line:col: message".
		if head, rest, ok := strings.Cut(e.Msg, "\n"); ok && strings.HasPrefix(head, "# ") {
			return oneLine(rest)
		}
		return "closewait: " + oneLine(e.Msg)
	}
	return e.Pos + ": " + oneLine(e.Msg)
}

// firstError returns the first error of p or of a package it imports, or
// "" if there is none.
func firstError(p *packages.Package) string {
	for q := range packages.Postorder([]*packages.Package{p}) {
		if errs := primaryErrors(q); len(errs) > 0 {
			return packageError(errs[0])
		}
	}
	return ""
}

// oneLine joins the lines of msg with single spaces.
func oneLine(msg string) string {
	return strings.Join(strings.Fields(msg), " ")
}
