package bench_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// brokenDir is the module of broken packages, relative to this package.
const brokenDir = "../testdata/broken"

// brokenPkgs returns the packages of testdata/broken that cannot be
// loaded, and where their error is.
func brokenPkgs() map[string]string {
	return map[string]string{
		"typeerr":       "typeerr/typeerr.go:10:",
		"missingimport": "missingimport/missingimport.go:7:",
		"cgoerr":        "cgoerr/cgoerr.go:11:",
		"unparsable":    "unparsable/unparsable.go:7:",
	}
}

// crashRE matches what a crash of the command or of an analyzer prints.
var crashRE = regexp.MustCompile(`panic:|goroutine \d+ \[|internal error`)

// runClosewait runs bin with args in the broken module, offline, and
// returns its combined output and exit status.
func runClosewait(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.FromSlash(brokenDir)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=1")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("closewait %s: %v", strings.Join(args, " "), err)
		}
		code = exit.ExitCode()
	}
	if crashRE.MatchString(o.String() + e.String()) {
		t.Errorf("closewait %s crashed:\n%s%s", strings.Join(args, " "), o.String(), e.String())
	}
	return o.String(), e.String(), code
}

// TestBrokenInput runs the command on testdata/broken, a module where
// some packages have type errors, a missing import, a cgo error or a
// syntax error, and others are fine (one uses cgo, one generics). The
// command must name each broken package, still report the findings of
// the others, exit 1 (errors) and never crash; run on one broken package
// alone it must do the same.
func TestBrokenInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/closewait and runs it 8 times (~10s)")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler: the cgo packages cannot be loaded as intended")
	}
	bin := filepath.Join(t.TempDir(), "closewait")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/closewait").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	t.Run("text", func(t *testing.T) {
		_, stderr, code := runClosewait(t, bin, "./...")
		if code != 1 {
			t.Errorf("exit status %d, want 1 (package errors)", code)
		}
		for pkg, where := range brokenPkgs() {
			if !strings.Contains(stderr, where) {
				t.Errorf("output does not locate the error of %s at %s", pkg, where)
			}
			if !strings.Contains(stderr, "conntrack@example.com/broken/"+pkg) {
				t.Errorf("output does not name package example.com/broken/%s", pkg)
			}
		}
		for _, want := range []string{
			"good/good.go:16:3: conn c from net.Dial (line 9) is not closed on this path after c.Read fails",
			"generics/generics.go:56:4: conn c (owned by this goroutine) is not closed on this path after c.Read fails",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("the finding %q of a well-formed package is missing", want)
			}
		}
		if t.Failed() {
			t.Logf("output:\n%s", stderr)
		}
	})

	t.Run("json", func(t *testing.T) {
		stdout, stderr, code := runClosewait(t, bin, "-json", "./...")
		if code != 1 {
			t.Errorf("exit status %d, want 1 (package errors)", code)
		}
		// {"package ID": {"analyzer": [diagnostics] or {"error": "..."}}}
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
			t.Fatalf("-json output does not parse: %v\n%s\n%s", err, stdout, stderr)
		}
		errs := make(map[string]int)  // package -> analyzers that failed
		diags := make(map[string]int) // package -> diagnostics
		for pkg, byAnalyzer := range tree {
			for _, raw := range byAnalyzer {
				var list []json.RawMessage
				if json.Unmarshal(raw, &list) == nil {
					diags[pkg] += len(list)
					continue
				}
				errs[pkg]++
			}
		}
		for pkg := range brokenPkgs() {
			if errs["example.com/broken/"+pkg] == 0 {
				t.Errorf("-json has no error for example.com/broken/%s", pkg)
			}
		}
		for _, pkg := range []string{"good", "generics", "cgo"} {
			if n := errs["example.com/broken/"+pkg]; n > 0 {
				t.Errorf("-json has %d analyzer errors for the well-formed example.com/broken/%s", n, pkg)
			}
		}
		for _, pkg := range []string{"good", "generics"} {
			if diags["example.com/broken/"+pkg] == 0 {
				t.Errorf("-json has no diagnostics for example.com/broken/%s", pkg)
			}
		}
		// TODO(bench): the leak in cgo/cgo.go is not reported. go/packages
		// gives analyzers the files cmd/cgo writes, which carry its "Code
		// generated ... DO NOT EDIT." header (their positions map back to
		// cgo.go through //line directives), so the core skips a package
		// whose files all use cgo, and passes/internal/report drops findings
		// in any cgo file. Require the finding once that is fixed.
		if diags["example.com/broken/cgo"] == 0 {
			t.Logf("known issue: the leak in cgo/cgo.go is not reported (files that use cgo are treated as generated)")
		}
	})

	for _, pkg := range []string{"typeerr", "missingimport", "cgoerr", "unparsable", "cgo", "generics"} {
		t.Run("alone/"+pkg, func(t *testing.T) {
			_, stderr, code := runClosewait(t, bin, "./"+pkg)
			want := 1
			if _, broken := brokenPkgs()[pkg]; !broken {
				want = 0 // or 3: findings
			}
			if code != want && !(want == 0 && code == 3) {
				t.Errorf("exit status %d, want %d\n%s", code, want, stderr)
			}
			if want == 1 && !strings.Contains(stderr, fmt.Sprintf("conntrack@example.com/broken/%s", pkg)) {
				t.Errorf("output does not name package example.com/broken/%s:\n%s", pkg, stderr)
			}
		})
	}
}
