package bench

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"slices"

	"github.com/closewait/closewait/analyzer"
	"github.com/closewait/closewait/internal/lean"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Findings runs the suite over pkgs and returns what it concluded, one
// sorted line per diagnostic (position, analyzer, message, the related
// positions and the fixes' edits) and per fact the core exported for an
// object of the package it analysed. Two runs that return the same lines
// agree on everything a user or a dependent package can see.
func Findings(pkgs []*packages.Package) ([]string, error) {
	graph, err := checker.Analyze(analyzer.Suite, pkgs, &checker.Options{Sequential: true})
	if err != nil {
		return nil, err
	}
	var lines []string
	for act := range graph.All() {
		if act.Err != nil {
			lines = append(lines, fmt.Sprintf("error %s: %v", act, act.Err))
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			line := fmt.Sprintf("%s: %s: %s", fset.Position(d.Pos), act.Analyzer.Name, d.Message)
			for _, r := range d.Related {
				line += fmt.Sprintf(" [related %s: %s]", fset.Position(r.Pos), r.Message)
			}
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					line += fmt.Sprintf(" [fix %s-%s %q]", fset.Position(e.Pos), fset.Position(e.End), e.NewText)
				}
			}
			lines = append(lines, line)
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() != act.Package.Types {
				continue // imported from a dependency, listed there
			}
			lines = append(lines, fmt.Sprintf("fact %s: %s: %s: %s", act.Analyzer.Name, fset.Position(f.Object.Pos()), f.Object, f.Fact))
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines), nil // a file shared by a package and its test variant
}

// CompareSSA runs the suite over pkgs with selective SSA (the default),
// with selective SSA built in two halves in every package
// (CLOSEWAIT_SSA=split, which the default does only for large ones) and
// with CLOSEWAIT_SSA=full, and returns the lines of Findings that a
// selective run and the full one do not share, each prefixed
// "selective only: ", "split only: " or "full only: ", and the number of
// lines a selective run shares with the full one (the smaller of the two
// counts; all three runs' lines when nothing differs). It changes the environment while it runs:
// not for concurrent use.
func CompareSSA(pkgs []*packages.Package) (diff []string, same int, err error) {
	old, had := os.LookupEnv("CLOSEWAIT_SSA")
	defer func() {
		if had {
			os.Setenv("CLOSEWAIT_SSA", old)
		} else {
			os.Unsetenv("CLOSEWAIT_SSA")
		}
	}()
	var runs [3][]string
	for i, mode := range []string{"", "split", "full"} {
		os.Setenv("CLOSEWAIT_SSA", mode)
		if runs[i], err = Findings(pkgs); err != nil {
			return nil, 0, err
		}
	}
	diff, same = diffLines(runs[0], runs[2], "selective", "full")
	splitDiff, splitSame := diffLines(runs[1], runs[2], "split", "full")
	return append(diff, splitDiff...), min(same, splitSame), nil
}

// diffLines compares two sorted lists of lines: it returns the lines
// only one of them holds, each prefixed with its list's name and
// " only: ", and the number of lines both hold.
func diffLines(a, b []string, aName, bName string) (diff []string, same int) {
	for _, l := range a {
		if _, found := slices.BinarySearch(b, l); !found {
			diff = append(diff, aName+" only: "+l)
		} else {
			same++
		}
	}
	for _, l := range b {
		if _, found := slices.BinarySearch(a, l); !found {
			diff = append(diff, bName+" only: "+l)
		}
	}
	return diff, same
}

// CompareLoad loads patterns with cfg twice, as the driver does (std
// packages no check analyses parsed lean, lean.Parser) and whole (as
// CLOSEWAIT_LOAD=full asks), runs the suite over each, and returns the
// lines of Findings that only one of the two produced, each prefixed
// "lean only: " or "whole only: ", and the number of lines both
// produced. cfg.ParseFile is ignored.
func CompareLoad(cfg packages.Config, patterns []string) (diff []string, same int, err error) {
	lp := lean.NewParser(patterns)
	if lp == nil {
		return nil, 0, fmt.Errorf("patterns %v: the driver loads them whole, there is nothing to compare", patterns)
	}
	run := func(parse func(*token.FileSet, string, []byte) (*ast.File, error)) ([]string, error) {
		c := cfg
		c.ParseFile = parse
		pkgs, err := packages.Load(&c, patterns...)
		if err != nil {
			return nil, err
		}
		return Findings(pkgs)
	}
	leanLines, err := run(lp.ParseFile)
	if err != nil {
		return nil, 0, err
	}
	wholeLines, err := run(nil)
	if err != nil {
		return nil, 0, err
	}
	diff, same = diffLines(leanLines, wholeLines, "lean", "whole")
	return diff, same, nil
}
