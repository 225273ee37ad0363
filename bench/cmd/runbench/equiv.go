//go:build unix

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/closewait/closewait/bench"
	"github.com/closewait/closewait/internal/lean"
	"golang.org/x/tools/go/packages"
)

// equivReport is what `runbench -child equiv` prints: how many
// diagnostics and facts selective (single and split) and full SSA
// share, and those only one of them produced; the same for the lean and the whole load.
type equivReport struct {
	Same     int
	Diff     []string
	LeanSame int
	LeanDiff []string
	Seconds  float64
}

// runEquiv loads the packages of args[1:] as the driver does and
// compares the suite's findings and facts with selective SSA (built
// whole and in halves) and full SSA,
// then with std parsed lean (as the driver does) and whole.
func runEquiv(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: runbench -child equiv -- true pattern...")
	}
	start := time.Now()
	patterns := args[1:]
	cfg := packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true}
	load := cfg
	if lp := lean.NewParser(patterns); lp != nil {
		load.ParseFile = lp.ParseFile
	}
	pkgs, err := packages.Load(&load, patterns...)
	if err != nil {
		return err
	}
	diff, same, err := bench.CompareSSA(pkgs)
	if err != nil {
		return err
	}
	pkgs = nil // the lean comparison loads twice more
	leanDiff, leanSame, err := bench.CompareLoad(cfg, patterns)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "\t")
	return enc.Encode(equivReport{Same: same, Diff: diff, LeanSame: leanSame, LeanDiff: leanDiff, Seconds: time.Since(start).Seconds()})
}

// equivalence runs the comparison on each target and writes a table; it
// fails if a target's findings or facts differ.
func equivalence(w io.Writer, e *env, targets []target) error {
	fmt.Fprintf(w, "## Selective vs full SSA, lean vs whole load\n\n")
	fmt.Fprintf(w, "`runbench -equiv`: per target, one in-process load as the driver does it (tests included, std parsed lean), the suite run three times, with selective SSA, with selective SSA built in two halves in every package (`CLOSEWAIT_SSA=split`) and with `CLOSEWAIT_SSA=full`; then two more loads, std parsed lean and whole (`CLOSEWAIT_LOAD=full`), the suite run on each. Every diagnostic (position, message, related positions, fixes) and every fact the core exports, in every package of the graph, compared.\n\n")
	fmt.Fprintf(w, "| target | SSA: identical lines | differing | load: identical lines | differing | time |\n|---|---|---|---|---|---|\n")
	var failed []string
	for _, t := range targets {
		progress("equiv: %s", t.pattern)
		var rep equivReport
		if err := e.childJSON(t, "equiv", &rep); err != nil {
			return err
		}
		fmt.Fprintf(w, "| `%s` | %d | %d | %d | %d | %.0f s |\n", t.pattern, rep.Same, len(rep.Diff), rep.LeanSame, len(rep.LeanDiff), rep.Seconds)
		for _, d := range append(rep.Diff, rep.LeanDiff...) {
			failed = append(failed, t.pattern+": "+d)
		}
	}
	fmt.Fprintln(w)
	if len(failed) > 0 {
		for _, d := range failed {
			fmt.Fprintf(w, "- %s\n", d)
		}
		return fmt.Errorf("selective and full SSA, or lean and whole loads, differ on %d lines", len(failed))
	}
	return nil
}
