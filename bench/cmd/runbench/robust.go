//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/closewait/closewait/internal/drivejson"
)

// crashRE matches what a crash of a tool or an analyzer prints: a Go
// panic and its goroutine dump, or the checker's wrapping of a panic or a
// bad result.
var crashRE = regexp.MustCompile(`(?m)^panic: |^goroutine \d+ \[|internal error`)

// robustRow is the outcome of the robustness runs on one target.
type robustRow struct {
	target    target
	textCode  int
	jsonCode  int
	crashed   bool
	identical bool
	errors    []string       // analyzer errors from -json: "package analyzer: error"
	raw       map[string]int // diagnostics per analyzer, as -json lists them
	unique    map[string]int // the same, without duplicates (a file in a package and its test variant)
	skipped   []string       // functions the core skipped
	vet       *vetRow        // the go vet runs, if asked for
	wall      float64        // seconds, text run
	rss       int64          // bytes, text run
}

// robustness runs the suite over each target: once in text mode (exit
// status, crashes), twice with -json, the second time with GOMAXPROCS=16
// (byte-identical output, analyzer
// errors, diagnostics per analyzer), and, with -skipped, once in process
// to list the functions the core skipped. It writes a Markdown table and
// returns an error if a check failed.
func robustness(w *bytes.Buffer, e *env, targets []target, cfg config) error {
	fmt.Fprintf(w, "## Robustness\n\n")
	w.WriteString(machine(e))
	fmt.Fprintf(w, "- load average (1/5/15 min) at start: %s\n\n", loadavg())

	var failures []error
	fail := func(format string, args ...any) { failures = append(failures, fmt.Errorf(format, args...)) }
	var rows []robustRow
	names := suiteNames() // and any other analyzer that reports
	for _, t := range targets {
		row := robustRow{target: t, raw: make(map[string]int), unique: make(map[string]int)}
		progress("robust: closewait %s", t.pattern)
		text, err := e.measure(t, "closewait", t.pattern)
		if err != nil {
			return err
		}
		row.textCode, row.wall, row.rss = text.code, text.wall.Seconds(), text.maxRSS
		if text.code != 0 && text.code != 3 {
			fail("closewait %s: exit status %d, want 0 or 3:\n%s", t.pattern, text.code, tail(text.stderr, 30))
		}

		var outs [2][]byte
		for k := range outs {
			progress("robust: closewait -json %s (%d/2)", t.pattern, k+1)
			rt := t
			if k == 1 {
				// Another schedule: the driver parses files and analyses
				// packages concurrently, and output that depends on the
				// order they finish in differs far more often between
				// different GOMAXPROCS than between two equal runs.
				rt.env = append(slices.Clone(t.env), "GOMAXPROCS=16")
			}
			s, err := e.measure(rt, "closewait", "-json", t.pattern)
			if err != nil {
				return err
			}
			if s.code != 0 {
				fail("closewait -json %s: exit status %d:\n%s", t.pattern, s.code, tail(s.stderr, 30))
			}
			row.jsonCode = s.code
			outs[k] = s.stdout
			row.crashed = row.crashed || crashRE.Match(s.stderr)
		}
		row.crashed = row.crashed || crashRE.Match(text.stderr) || crashRE.Match(text.stdout)
		if row.crashed {
			fail("closewait %s crashed:\n%s", t.pattern, tail(text.stderr, 40))
		}
		row.identical = bytes.Equal(outs[0], outs[1])
		if !row.identical {
			fail("closewait -json %s: two runs differ", t.pattern)
		}
		if err := countJSON(outs[0], &row); err != nil {
			fail("closewait -json %s: %v", t.pattern, err)
		}
		if len(row.errors) > 0 {
			fail("closewait -json %s: analyzer errors:\n%s", t.pattern, strings.Join(row.errors, "\n"))
		}

		if slices.Contains(strings.Split(cfg.vet, ","), t.name) {
			v, err := vetCheck(e, t, append(slices.Clone(text.stdout), text.stderr...))
			if err != nil {
				fail("%v", err)
			} else {
				row.vet = &v
				if len(v.missing)+len(v.extra) > 0 {
					fail("go vet -vettool=closewait %s: findings differ from the standalone run's:\nonly standalone:\n%s\nonly go vet:\n%s",
						t.pattern, strings.Join(v.missing, "\n"), strings.Join(v.extra, "\n"))
				}
			}
		}

		if cfg.skipped {
			progress("robust: in-process run for skipped functions on %s", t.pattern)
			rep, err := e.child(t, "suite", false)
			if err != nil {
				return err
			}
			row.skipped = rep.Skipped
			for _, s := range rep.Skipped {
				if strings.Contains(s, "internal error") {
					fail("the core recovered from a crash: %s", s)
				}
			}
		}
		for a := range row.raw {
			if !slices.Contains(names, a) {
				names = append(names, a)
			}
		}
		rows = append(rows, row)
	}
	slices.Sort(names)

	fmt.Fprintf(w, "Exit status of the text run (0: no findings, 3: findings, 1: errors), crashes (panics, internal errors), analyzer errors and whether two `-json` runs (the second with GOMAXPROCS=16) print identical bytes; then the findings per analyzer as the text output prints them (duplicates between a package and its test variant removed), with the count of `-json` entries in parentheses.\n\n")
	header := []string{"target", "exit", "crashes", "analyzer errors", "-json identical"}
	for _, n := range names {
		header = append(header, n)
	}
	header = append(header, "total", "skipped functions", "wall, peak RSS (text run)")
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat("---|", len(header)))
	for _, r := range rows {
		cells := []string{"`" + r.target.pattern + "`", fmt.Sprint(r.textCode), yesNo(r.crashed, "**yes**", "none"),
			fmt.Sprint(len(r.errors)), yesNo(r.identical, "yes", "**no**")}
		total, totalRaw := 0, 0
		for _, n := range names {
			cells = append(cells, fmt.Sprintf("%d (%d)", r.unique[n], r.raw[n]))
			total += r.unique[n]
			totalRaw += r.raw[n]
		}
		skipped := "not run"
		if cfg.skipped {
			skipped = fmt.Sprint(len(r.skipped))
		}
		cells = append(cells, fmt.Sprintf("%d (%d)", total, totalRaw), skipped, seconds(r.wall)+", "+mib(float64(r.rss)))
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	for _, r := range rows {
		for _, s := range r.skipped {
			fmt.Fprintf(w, "\n- skipped in `%s`: %s", r.target.pattern, s)
		}
	}
	vetTable(w, rows)
	fmt.Fprintf(w, "\n- load average at end: %s\n\n", loadavg())
	return errors.Join(failures...)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// countJSON fills row's diagnostics and errors from the checker's -json
// output: {"package ID": {"analyzer": [diagnostic...] | {"error": "..."}}}.
func countJSON(out []byte, row *robustRow) error {
	diags, errs, err := drivejson.Parse(out)
	if err != nil {
		return err
	}
	row.errors = append(row.errors, errs...)
	slices.Sort(row.errors)
	type key struct{ posn, message string }
	seen := make(map[string]map[key]bool)
	for _, d := range diags {
		if seen[d.Analyzer] == nil {
			seen[d.Analyzer] = make(map[key]bool)
		}
		row.raw[d.Analyzer]++
		seen[d.Analyzer][key{d.Posn, d.Message}] = true
	}
	for name, keys := range seen {
		row.unique[name] = len(keys)
	}
	return nil
}
