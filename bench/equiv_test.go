package bench_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/closewait/closewait/bench"
	"golang.org/x/tools/go/packages"
)

// TestSelectiveSSA checks that building SSA only for the functions the
// core selects changes nothing: over the testdata of every check (all
// their positive and negative idioms, in one GOPATH-mode load as
// analysistest does it), the suite's diagnostics, fixes and exported
// facts are the same as with CLOSEWAIT_SSA=full, and so are they when
// every package is built in two halves (CLOSEWAIT_SSA=split, which the
// default does only for large packages). The bench targets get
// the same comparison from `runbench -equiv`.
func TestSelectiveSSA(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the testdata of every check and the standard library from source")
	}
	cfg, patterns := testdataLoad(t)
	pkgs, err := packages.Load(&cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 50 {
		t.Fatalf("loaded %d packages from %v, want the testdata of every check", len(pkgs), patterns)
	}
	diff, same, err := bench.CompareSSA(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, diff, same)
	t.Logf("%d packages, %d diagnostics and facts identical with selective, split and full SSA", len(pkgs), same)
}

// testdataLoad returns the configuration and patterns that load the
// testdata of every check in one GOPATH-mode load, as analysistest does.
func testdataLoad(t *testing.T) (packages.Config, []string) {
	t.Helper()
	dirs, err := filepath.Glob("../passes/*/testdata")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	var gopath []string
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			t.Fatal(err)
		}
		gopath = append(gopath, abs)
	}
	cfg := packages.Config{
		Mode:  packages.LoadAllSyntax,
		Tests: true,
		Dir:   gopath[0],
		Env:   append(os.Environ(), "GOPATH="+strings.Join(gopath, string(os.PathListSeparator)), "GO111MODULE=off", "GOPROXY=off", "GOFLAGS=", "GOWORK=off"),
	}
	var patterns []string
	for _, d := range gopath {
		entries, err := os.ReadDir(filepath.Join(d, "src"))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				patterns = append(patterns, e.Name()+"/...")
			}
		}
	}
	return cfg, patterns
}

// TestLeanLoad checks that the driver's lean parsing of the std
// packages no check analyses (internal/lean) changes nothing: over the
// testdata of every check, which import much of std (net/http, testing,
// log, crypto/tls) and rely on its no-return facts, the suite's
// diagnostics, fixes and facts, in every package of the graph, are the
// same as with every file parsed whole. The bench targets get the same
// comparison from `runbench -equiv`.
func TestLeanLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the testdata of every check and the standard library from source, twice")
	}
	t.Setenv("CLOSEWAIT_STD", "")
	t.Setenv("CLOSEWAIT_LOAD", "")
	cfg, patterns := testdataLoad(t)
	diff, same, err := bench.CompareLoad(cfg, patterns)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, diff, same)
	t.Logf("%d diagnostics and facts identical with lean and whole std files", same)
}

// checkSame fails t for each line only one of two runs produced, and if
// the runs had too few lines in common for the comparison to mean
// anything.
func checkSame(t *testing.T, diff []string, same int) {
	t.Helper()
	for _, d := range diff {
		t.Error(d)
	}
	if same < 500 {
		t.Errorf("only %d diagnostics and facts in common: the comparison compared nothing", same)
	}
}
