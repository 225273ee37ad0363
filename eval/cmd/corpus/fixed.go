package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/closewait/closewait/eval/internal/score"
)

// fixedResult is what the tool said about one leak fixed upstream.
type fixedResult struct {
	x             score.Fixed
	before, after []score.Finding // findings of the check in the function
	err           error
}

// flagged reports whether the leak was found before its fix.
func (r fixedResult) flagged() bool { return r.err == nil && len(r.before) > 0 }

// silent reports whether nothing is found there after the fix.
func (r fixedResult) silent() bool { return r.err == nil && len(r.after) == 0 }

// fixedRunner runs the tool on the packages of fixed leaks, once per
// module, version and package (entries often share them).
type fixedRunner struct {
	tool, tmp string
	runs      map[string]pkgRun // by module@version and package
}

// pkgRun is one run of the tool on one package at one version.
type pkgRun struct {
	findings []score.Finding
	modDir   string
	err      error
}

func newFixedRunner(tool, tmp string) *fixedRunner {
	return &fixedRunner{tool: tool, tmp: tmp, runs: make(map[string]pkgRun)}
}

// check runs the tool on x's package at both versions.
func (fr *fixedRunner) check(x score.Fixed) fixedResult {
	r := fixedResult{x: x}
	r.before, r.err = fr.findingsInFunc(x, x.Before)
	if r.err == nil {
		r.after, r.err = fr.findingsInFunc(x, x.After)
	}
	return r
}

// findingsInFunc returns the findings of x.Check in x.Func at version.
func (fr *fixedRunner) findingsInFunc(x score.Fixed, version string) ([]score.Finding, error) {
	key := x.Module + "@" + version
	id := key + " " + x.PkgPath()
	run, ok := fr.runs[id]
	if !ok {
		run.findings, run.modDir, run.err = runFixedPkg(fr.tool, fr.tmp, x, version)
		fr.runs[id] = run
	}
	if run.err != nil {
		return nil, run.err
	}
	src, err := os.ReadFile(filepath.Join(run.modDir, filepath.FromSlash(x.File)))
	if err != nil {
		return nil, err
	}
	first, last, err := score.FuncLines(x.File, src, x.Func)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", key, err)
	}
	return score.InFunc(run.findings, x.File, x.Check, first, last), nil
}

// runFixedPkg makes a module of its own that requires x.Module at
// version, fills its go.sum through the module proxy, and runs the tool
// on x's package (tests included); it returns the findings and the
// module's directory.
func runFixedPkg(tool, tmp string, x score.Fixed, version string) ([]score.Finding, string, error) {
	key := x.Module + "@" + version
	dir := filepath.Join(tmp, "fixed", strings.NewReplacer("/", "_", "@", "_").Replace(key))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	gomod := fmt.Sprintf("module closewait.eval/fixed\n\ngo 1.26.0\n\nrequire %s %s\n", x.Module, version)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return nil, "", err
	}
	pkg := x.PkgPath()
	if out, err := command(dir, []string{"GOFLAGS=-mod=mod"}, "go", "list", "-e", "-deps", "-test", pkg).CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("go list %s: %v\n%s", key, err, tail(out, 10))
	}
	modDir, err := download(dir, key)
	if err != nil {
		return nil, "", err
	}
	out, errOut, _, err := runTool(tool, dir, []string{pkg})
	if err != nil {
		return nil, "", fmt.Errorf("closewait %s: %v\n%s", key, err, tail(errOut, 10))
	}
	fs, _, err := score.ParseJSON(out, []score.ModuleDir{{Key: key, Dir: modDir}})
	return fs, modDir, err
}
