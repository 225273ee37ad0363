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

// checkFixed runs the tool on x's package at both versions.
func checkFixed(tool, tmp string, x score.Fixed) fixedResult {
	r := fixedResult{x: x}
	r.before, r.err = findingsInFunc(tool, tmp, x, x.Before)
	if r.err == nil {
		r.after, r.err = findingsInFunc(tool, tmp, x, x.After)
	}
	return r
}

// findingsInFunc makes a module of its own that requires x.Module at
// version, fills its go.sum through the module proxy, runs the tool on
// x's package (tests included) and returns the findings of x.Check in
// x.Func.
func findingsInFunc(tool, tmp string, x score.Fixed, version string) ([]score.Finding, error) {
	key := x.Module + "@" + version
	dir := filepath.Join(tmp, "fixed", strings.NewReplacer("/", "_", "@", "_").Replace(key))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	gomod := fmt.Sprintf("module closewait.eval/fixed\n\ngo 1.26.0\n\nrequire %s %s\n", x.Module, version)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return nil, err
	}
	pkg := x.PkgPath()
	if out, err := command(dir, []string{"GOFLAGS=-mod=mod"}, "go", "list", "-e", "-deps", "-test", pkg).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", key, err, tail(out, 10))
	}
	modDir, err := download(dir, key)
	if err != nil {
		return nil, err
	}
	out, errOut, _, err := runTool(tool, dir, []string{pkg})
	if err != nil {
		return nil, fmt.Errorf("closewait %s: %v\n%s", key, err, tail(errOut, 10))
	}
	fs, _, err := score.ParseJSON(out, []score.ModuleDir{{Key: key, Dir: modDir}})
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(filepath.Join(modDir, filepath.FromSlash(x.File)))
	if err != nil {
		return nil, err
	}
	first, last, err := score.FuncLines(x.File, src, x.Func)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", key, err)
	}
	return score.InFunc(fs, x.File, x.Check, first, last), nil
}
