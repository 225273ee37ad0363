//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// pairRuns are the measured runs of both tools on one target.
type pairRuns struct {
	suite, floor []sample
}

// benchmark runs the cold-run benchmark, then the split and the scaling
// benchmarks, writing Markdown to w. It returns an error if a tool
// failed.
func benchmark(w *bytes.Buffer, e *env, targets []target, cfg config) error {
	fmt.Fprintf(w, "## Cold runs: suite vs ssafloor\n\n")
	w.WriteString(machine(e))
	fmt.Fprintf(w, "- load average (1/5/15 min) at start: %s\n", loadavg())

	var failures []error
	check := func(t target, tool string, s sample, okCodes ...int) {
		if !slices.Contains(okCodes, s.code) {
			failures = append(failures, fmt.Errorf("%s on %s: exit status %d:\n%s", tool, t.pattern, s.code, tail(s.stderr, 20)))
		}
		if crashRE.Match(s.stderr) || crashRE.Match(s.stdout) {
			failures = append(failures, fmt.Errorf("%s on %s crashed:\n%s", tool, t.pattern, tail(s.stderr, 40)))
		}
	}

	if cfg.warmup {
		for _, t := range targets {
			progress("warm-up: ssafloor %s", t.pattern)
			s, err := e.measure(t, "ssafloor", t.pattern)
			if err != nil {
				return err
			}
			check(t, "ssafloor", s, 0)
		}
	}

	runs := make([]pairRuns, len(targets))
	for r := range cfg.runs {
		for i, t := range targets {
			// Alternate which tool goes first, so that neither always
			// runs right after the other's page-cache and CPU-frequency
			// effects.
			order := []string{"closewait", "ssafloor"}
			if (r+i)%2 == 1 {
				order = []string{"ssafloor", "closewait"}
			}
			for _, tool := range order {
				progress("run %d/%d: %s %s", r+1, cfg.runs, tool, t.pattern)
				s, err := e.measure(t, tool, t.pattern)
				if err != nil {
					return err
				}
				s.stdout, s.stderr = trimOutput(s.stdout), trimOutput(s.stderr)
				if tool == "closewait" {
					check(t, tool, s, 0, 3)
					runs[i].suite = append(runs[i].suite, s)
				} else {
					check(t, tool, s, 0)
					runs[i].floor = append(runs[i].floor, s)
				}
			}
		}
	}
	fmt.Fprintf(w, "- load average at end of the runs: %s\n", loadavg())
	fmt.Fprintf(w, "- %d interleaved runs of each tool per target; medians, and the suite/floor ratio of each pair of runs as median (min–max)\n\n", cfg.runs)

	w.WriteString("| target | packages (roots / loaded) | suite wall | floor wall | wall ratio | suite CPU | floor CPU | CPU ratio | suite peak RSS | floor peak RSS | RSS ratio | verdict |\n")
	w.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for i, t := range targets {
		roots, loaded, err := e.countPackages(t.pattern)
		if err != nil {
			return err
		}
		p := runs[i]
		get := func(ss []sample, f func(sample) float64) []float64 {
			var out []float64
			for _, s := range ss {
				out = append(out, f(s))
			}
			return out
		}
		wall := func(s sample) float64 { return s.wall.Seconds() }
		cpu := func(s sample) float64 { return s.cpu.Seconds() }
		rss := func(s sample) float64 { return float64(s.maxRSS) }
		ratios := func(f func(sample) float64) []float64 {
			var out []float64
			for k := range p.suite {
				out = append(out, f(p.suite[k])/f(p.floor[k]))
			}
			return out
		}
		fmt.Fprintf(w, "| `%s` | %d / %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			t.pattern, roots, loaded,
			seconds(median(get(p.suite, wall))), seconds(median(get(p.floor, wall))), ratioCell(ratios(wall)),
			seconds(median(get(p.suite, cpu))), seconds(median(get(p.floor, cpu))), ratioCell(ratios(cpu)),
			mib(median(get(p.suite, rss))), mib(median(get(p.floor, rss))), ratioCell(ratios(rss)),
			verdict(median(ratios(wall)), median(ratios(rss))))
	}
	fmt.Fprintf(w, "\nVerdict: the bar is a median wall ratio and a median peak-RSS ratio of at most %.1f (issue 16).\n\n", bar)

	if cfg.split {
		if err := split(w, e, targets); err != nil {
			return err
		}
	}
	if cfg.scaling {
		if err := scaling(w, e, cfg.benchArg); err != nil {
			return err
		}
	}
	return errors.Join(failures...)
}

// bar is the ratio to the floor the suite must stay at or below, on
// wall time and on peak RSS (issue 16).
const bar = 0.8

// verdict is the one-line verdict on a target's median ratios.
func verdict(wall, rss float64) string {
	switch {
	case wall <= bar && rss <= bar:
		return fmt.Sprintf("below the floor: wall and peak ≤ %.1f", bar)
	case wall <= bar:
		return fmt.Sprintf("wall ≤ %.1f; peak %.2f above the bar", bar, rss)
	case rss <= bar:
		return fmt.Sprintf("peak ≤ %.1f; wall %.2f above the bar", bar, wall)
	}
	return fmt.Sprintf("not met: wall %.2f, peak %.2f", wall, rss)
}

// trimOutput keeps the end of a tool's output: enough to diagnose a
// failure, without holding every finding of every run in memory.
func trimOutput(b []byte) []byte {
	const keep = 64 << 10
	if len(b) > keep {
		return b[len(b)-keep:]
	}
	return b
}

// split runs the in-process timing child for both tools on each target
// and writes the per-analyzer time split.
func split(w io.Writer, e *env, targets []target) error {
	fmt.Fprintf(w, "## Per-analyzer time split\n\n")
	fmt.Fprintf(w, "One run per tool and target of `runbench -child`, which loads the packages as the driver does (go/packages, LoadAllSyntax, tests included) and runs checker.Analyze with Sequential set, so that each action's Duration is its own work. Seconds summed over all packages, dependencies included; \"load\" is go list, parsing and type-checking (in parallel); the live heap is measured after a GC at the end, while the driver still holds every action's result.\n\n")
	type row struct {
		suite, floor childReport
	}
	rows := make([]row, len(targets))
	var suiteNames, floorNames []string
	for i, t := range targets {
		for _, which := range []string{"suite", "floor"} {
			progress("split: %s %s", which, t.pattern)
			rep, err := e.child(t, which, true)
			if err != nil {
				return err
			}
			if which == "suite" {
				rows[i].suite = rep
			} else {
				rows[i].floor = rep
			}
		}
		for _, a := range rows[i].suite.Analyzers {
			if !slices.Contains(suiteNames, a.Name) {
				suiteNames = append(suiteNames, a.Name)
			}
		}
		for _, a := range rows[i].floor.Analyzers {
			if !slices.Contains(floorNames, a.Name) {
				floorNames = append(floorNames, a.Name)
			}
		}
	}
	slices.Sort(suiteNames)
	slices.Sort(floorNames)
	header := []string{"target", "suite: load"}
	for _, n := range suiteNames {
		header = append(header, n)
	}
	header = append(header, "suite analysis", "floor: load")
	for _, n := range floorNames {
		header = append(header, n)
	}
	header = append(header, "floor analysis", "live heap at end: suite / floor")
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat("---|", len(header)))
	for i, t := range targets {
		cells := []string{"`" + t.pattern + "`", fmt.Sprintf("%.1f", rows[i].suite.LoadSeconds)}
		for _, n := range suiteNames {
			cells = append(cells, fmt.Sprintf("%.2f", rows[i].suite.seconds(n)))
		}
		cells = append(cells, fmt.Sprintf("%.1f", rows[i].suite.AnalysisSeconds), fmt.Sprintf("%.1f", rows[i].floor.LoadSeconds))
		for _, n := range floorNames {
			cells = append(cells, fmt.Sprintf("%.2f", rows[i].floor.seconds(n)))
		}
		cells = append(cells, fmt.Sprintf("%.1f", rows[i].floor.AnalysisSeconds),
			fmt.Sprintf("%.0f / %.0f MiB", rows[i].suite.LiveHeapMiB, rows[i].floor.LiveHeapMiB))
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintln(w)
	phases(w, targets, func(i int) (childReport, childReport) { return rows[i].suite, rows[i].floor })
	return nil
}

// phases writes, from the split runs, where each tool's time goes: load
// and type-check, SSA, the core's dataflow, the checks' reports, and
// the share of functions the core gave SSA.
func phases(w io.Writer, targets []target, row func(int) (suite, floor childReport)) {
	fmt.Fprintf(w, "### Time per phase\n\n")
	fmt.Fprintf(w, "From the same sequential runs. Suite: \"SSA\" is the core choosing the functions that can touch a resource and building SSA for them; \"dataflow\" the core's tracking, summaries and facts; \"report\" the checks and the other analyzers (conntrack's own bookkeeping outside these two phases is in \"report\" too). Floor: \"SSA\" is buildssa, \"other\" ctrlflow and the rest. \"functions given SSA\": declared functions with a body given one by the core, over those in the packages it analyses (those that can reach package net, outside generated code and std); \"packages built in halves\": those whose selected bodies (1 MiB of source or more) the core built as two halves at once. The SSA time of those is wall time, not CPU.\n\n")
	fmt.Fprintf(w, "| target | suite: load | SSA | dataflow | report | functions given SSA | packages built in halves | floor: load | SSA | other |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for i, t := range targets {
		suite, floor := row(i)
		var other float64
		for _, a := range suite.Analyzers {
			other += a.Seconds
		}
		report := other - suite.Core.SSA - suite.Core.Dataflow
		var floorOther float64
		for _, a := range floor.Analyzers {
			if a.Name != "buildssa" {
				floorOther += a.Seconds
			}
		}
		fmt.Fprintf(w, "| `%s` | %.1f s | %.2f s | %.2f s | %.2f s | %.0f%% (%d / %d) | %d | %.1f s | %.2f s | %.2f s |\n",
			t.pattern, suite.LoadSeconds, suite.Core.SSA, suite.Core.Dataflow, report,
			suite.Core.share(), suite.Core.Built, suite.Core.Decls, suite.Core.Split,
			floor.LoadSeconds, floor.seconds("buildssa"), floorOther)
	}
	fmt.Fprintln(w)
}
