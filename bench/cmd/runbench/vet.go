package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// vetRow is what the go vet check measured on one target.
type vetRow struct {
	cold, warm time.Duration
	findings   int      // distinct findings of the cold go vet run
	missing    []string // findings of the standalone run that go vet lacks
	extra      []string // findings of go vet that the standalone run lacks
}

// vetCheck runs the suite over t through go vet -vettool, the way most
// users run it, twice with a GOCACHE of its own: cold (go vet compiles the
// dependencies and runs the tool on every package, passing facts through
// files), then warm (go vet must replay its cache and run nothing). It
// fails if the tool crashed or failed on a package, and returns the
// difference between go vet's findings and those of the standalone text
// run (standalone), which must be none: both drivers run the same
// analyzers on the same packages.
func vetCheck(e *env, t target, standalone []byte) (vetRow, error) {
	var row vetRow
	cache, err := os.MkdirTemp("", "runbench-gocache")
	if err != nil {
		return row, err
	}
	defer os.RemoveAll(cache)
	vet := func() ([]byte, time.Duration, error) {
		cmd := exec.Command("go", "vet", "-vettool="+e.tool("closewait"), t.pattern)
		cmd.Dir = e.targets
		cmd.Env = append(append(slices.Clone(e.vars), t.env...), "GOCACHE="+cache)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		d := time.Since(start)
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			return nil, d, err
		}
		return out.Bytes(), d, nil
	}
	progress("robust: go vet -vettool=closewait %s (cold, fresh GOCACHE)", t.pattern)
	out, d, err := vet()
	if err != nil {
		return row, err
	}
	row.cold = d
	if crashRE.Match(out) || bytes.Contains(out, []byte("closewait: exit status")) {
		return row, fmt.Errorf("go vet -vettool=closewait %s: the tool failed:\n%s", t.pattern, tail(out, 40))
	}
	progress("robust: go vet -vettool=closewait %s (warm)", t.pattern)
	if _, row.warm, err = vet(); err != nil {
		return row, err
	}

	got, want := findingLines(out, e.targets), findingLines(standalone, e.targets)
	row.findings = len(got)
	for _, f := range want {
		if _, ok := slices.BinarySearch(got, f); !ok {
			row.missing = append(row.missing, f)
		}
	}
	for _, f := range got {
		if _, ok := slices.BinarySearch(want, f); !ok {
			row.extra = append(row.extra, f)
		}
	}
	return row, nil
}

// findingLines returns the distinct findings in a driver's text output,
// sorted, as "file:line:col: message" with absolute file names (go vet
// prints them relative to its directory dir). Related-location lines
// (message starting with a tab), package headers and other lines are
// dropped.
func findingLines(out []byte, dir string) []string {
	var lines []string
	for line := range strings.SplitSeq(string(out), "\n") {
		file, rest, ok := strings.Cut(line, ".go:")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		pos, msg, ok := strings.Cut(rest, ": ")
		if !ok || strings.HasPrefix(msg, "\t") {
			continue
		}
		file += ".go"
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		lines = append(lines, file+":"+pos+": "+msg)
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// vetTable writes the go vet runs of rows, if any.
func vetTable(w *bytes.Buffer, rows []robustRow) {
	var vetted []robustRow
	for _, r := range rows {
		if r.vet != nil {
			vetted = append(vetted, r)
		}
	}
	if len(vetted) == 0 {
		return
	}
	fmt.Fprintf(w, "\n\nThrough `go vet -vettool=closewait`: a cold run with a fresh GOCACHE (go vet compiles the dependencies, then runs the tool on every package), then a warm rerun (go vet replays its cache). Findings are the distinct primary positions and messages; \"same\" compares them with the standalone text run's.\n\n")
	fmt.Fprintf(w, "| target | cold wall | warm wall | findings | same as standalone |\n|---|---|---|---|---|\n")
	for _, r := range vetted {
		v := r.vet
		same := "yes"
		if len(v.missing)+len(v.extra) > 0 {
			same = fmt.Sprintf("**no** (%d only standalone, %d only go vet)", len(v.missing), len(v.extra))
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %d | %s |\n", r.target.pattern, seconds(v.cold.Seconds()), fmt.Sprintf("%.2f s", v.warm.Seconds()), v.findings, same)
	}
}
