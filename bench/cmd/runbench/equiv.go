//go:build unix

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/closewait/closewait/bench"
	"golang.org/x/tools/go/packages"
)

// equivReport is what `runbench -child equiv` prints: how many
// diagnostics and facts selective and full SSA share, and those only
// one of them produced.
type equivReport struct {
	Same    int
	Diff    []string
	Seconds float64
}

// runEquiv loads the packages of args[1:] as the driver does and
// compares the suite's findings and facts with selective and full SSA.
func runEquiv(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: runbench -child equiv -- true pattern...")
	}
	start := time.Now()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true}
	pkgs, err := packages.Load(cfg, args[1:]...)
	if err != nil {
		return err
	}
	diff, same, err := bench.CompareSSA(pkgs)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "\t")
	return enc.Encode(equivReport{Same: same, Diff: diff, Seconds: time.Since(start).Seconds()})
}

// equivalence runs the comparison on each target and writes a table; it
// fails if a target's findings or facts differ.
func equivalence(w io.Writer, e *env, targets []target) error {
	fmt.Fprintf(w, "## Selective vs full SSA\n\n")
	fmt.Fprintf(w, "`runbench -equiv`: per target, one in-process load (tests included), the suite run twice, with selective SSA and with `CLOSEWAIT_SSA=full`; every diagnostic (position, message, related positions, fixes) and every fact the core exports compared.\n\n")
	fmt.Fprintf(w, "| target | identical lines | differing | time |\n|---|---|---|---|\n")
	var failed []string
	for _, t := range targets {
		progress("equiv: %s", t.pattern)
		var rep equivReport
		if err := e.childJSON(t, "equiv", &rep); err != nil {
			return err
		}
		fmt.Fprintf(w, "| `%s` | %d | %d | %.0f s |\n", t.pattern, rep.Same, len(rep.Diff), rep.Seconds)
		for _, d := range rep.Diff {
			failed = append(failed, t.pattern+": "+d)
		}
	}
	fmt.Fprintln(w)
	if len(failed) > 0 {
		for _, d := range failed {
			fmt.Fprintf(w, "- %s\n", d)
		}
		return fmt.Errorf("selective and full SSA differ on %d lines", len(failed))
	}
	return nil
}
