package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/closewait/closewait/eval/internal/score"
)

// reportInput is what the report is made of.
type reportInput struct {
	mods     []score.Module
	findings []score.Finding
	toolErrs []string
	res      score.Result
	elapsed  time.Duration
	fixed    []fixedResult
	short    bool
}

// writeReport writes the Markdown report and reports whether the run
// passes: no analyzer error, no untriaged finding, no lost real finding,
// no fixed leak that is not flagged before its fix or failed to run.
func writeReport(w io.Writer, in reportInput) bool {
	ok := true
	s := score.Summarize(in.res)
	subset := "all modules"
	if in.short {
		subset = "the -short subset"
	}
	tests := 0
	for _, f := range in.findings {
		if f.Test() {
			tests++
		}
	}
	fmt.Fprintf(w, "# closewait on the corpus\n\n")
	if len(in.mods) > 0 {
		ok = writeCorpus(w, in, s, subset, tests) && ok
	}
	ok = writeFixed(w, in.fixed) && ok
	verdict := "PASS"
	if !ok {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "Result: %s\n", verdict)
	return ok
}

// writeCorpus writes the corpus sections and reports whether they pass.
func writeCorpus(w io.Writer, in reportInput, s score.Summary, subset string, tests int) bool {
	ok := true
	fmt.Fprintf(w, "%d modules (%s), %d findings (%d in _test.go files), closewait ran %s.\n\n",
		len(in.mods), subset, len(in.findings), tests, in.elapsed.Round(time.Second))

	fmt.Fprintf(w, "## Precision\n\n")
	fmt.Fprintf(w, "Correct = real + by-rule. Real-only counts only real leaks as correct.\n\n")
	fmt.Fprintf(w, "| files | findings | real | by-rule | fp | precision | real-only |\n|---|---|---|---|---|---|---|\n")
	row := func(name string, c score.Counts) {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %s | %s |\n", name, c.Total(), c.Real, c.ByRule, c.FP,
			pct(c.Precision()), pct(c.RealPrecision()))
	}
	row("all", s.All)
	row("_test.go", s.Test)
	row("other", s.NonTest)
	fmt.Fprintf(w, "\n(untriaged findings are not counted: %d)\n\n", len(in.res.Untriaged))

	fmt.Fprintf(w, "## Findings per check\n\n| check | findings | real | by-rule | fp | untriaged | precision |\n|---|---|---|---|---|---|---|\n")
	untriagedPer := make(map[string]int)
	for _, f := range in.res.Untriaged {
		untriagedPer[f.Check]++
	}
	for _, name := range s.Checks {
		c := s.PerCheck[name]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %s |\n", name, c.Total()+untriagedPer[name], c.Real, c.ByRule, c.FP, untriagedPer[name], pct(c.Precision()))
	}
	fmt.Fprintln(w)

	if len(in.toolErrs) > 0 {
		ok = false
		fmt.Fprintf(w, "## Analyzer and load errors (fail)\n\n```\n%s\n```\n\n", strings.Join(in.toolErrs, "\n"))
	}
	fmt.Fprintf(w, "## Untriaged findings: %d\n\n", len(in.res.Untriaged))
	if len(in.res.Untriaged) > 0 {
		ok = false
		fmt.Fprintf(w, "Triage each in eval/triage.tsv (see eval/README.md). As lines to fill in (verdict and reason are left as TODO):\n\n```\n")
		for _, f := range in.res.Untriaged {
			test := "no"
			if f.Test() {
				test = "yes"
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\tTODO\t%s\tTODO\n", f.Module, f.File, f.Line, f.Check, test, score.Words(f.Message, 6))
		}
		fmt.Fprintf(w, "```\n\nMessages:\n\n")
		for _, f := range in.res.Untriaged {
			fmt.Fprintf(w, "- `%s`\n", f)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "## Lost real findings: %d\n\n", len(in.res.Lost))
	if len(in.res.Lost) > 0 {
		ok = false
		for _, e := range in.res.Lost {
			fmt.Fprintf(w, "- %s — %s\n", e, e.Reason)
		}
		fmt.Fprintln(w)
	}
	if len(in.res.Gone) > 0 {
		fmt.Fprintf(w, "## Triaged fp/by-rule findings no longer reported: %d\n\n", len(in.res.Gone))
		fmt.Fprintf(w, "Not a failure (a false positive went away); remove their lines from eval/triage.tsv.\n\n")
		for _, e := range in.res.Gone {
			fmt.Fprintf(w, "- %s — %s\n", e, e.Reason)
		}
		fmt.Fprintln(w)
	}
	return ok
}

// writeFixed writes the fixed-leak table and reports whether every leak
// whose baseline is flagged is still flagged before its fix.
func writeFixed(w io.Writer, fixed []fixedResult) bool {
	ok := true
	if len(fixed) > 0 {
		flagged, silent := 0, 0
		fmt.Fprintf(w, "## Leaks fixed upstream\n\n| module | before → after | site | check | flagged before | silent after | fix |\n|---|---|---|---|---|---|---|\n")
		for _, r := range fixed {
			b, a := yesNo(r.flagged()), yesNo(r.silent())
			if r.err != nil {
				b, a = "error", "error"
				ok = false
			} else if r.x.Flagged && !r.flagged() {
				ok = false // lost recall
			}
			if r.flagged() {
				flagged++
			}
			if r.silent() {
				silent++
			}
			fmt.Fprintf(w, "| %s | %s → %s | %s %s | %s | %s | %s | %s |\n", r.x.Module, r.x.Before, r.x.After, r.x.File, r.x.Func, r.x.Check, b, a, r.x.URL)
		}
		n := len(fixed)
		fmt.Fprintf(w, "\nRecall (flagged before the fix): %d/%d. Fix-silence (silent after it): %d/%d.\n\n", flagged, n, silent, n)
		for _, r := range fixed {
			if r.err != nil {
				fmt.Fprintf(w, "- %s: %v\n", r.x.Module, r.err)
			}
			for _, f := range r.after {
				fmt.Fprintf(w, "- still reported after the fix: `%s`\n", f)
			}
		}
		fmt.Fprintln(w)
	}
	return ok
}

func pct(p float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
