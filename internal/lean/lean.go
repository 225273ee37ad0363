// Package lean says what of the dependencies' syntax the closewait suite
// reads, so that a driver that loads every package from source can
// parse the rest lean.
//
// Of two kinds of dependency the suite reads only the API (types, from
// the type checker) and the bodies of the functions that may never
// return, from which the core learns its no-return facts (a logging
// helper that ends in os.Exit, testing's FailNow):
//
//   - the std packages CLOSEWAIT_STD does not select: std's behaviour is
//     in the knowledge tables (Skipped);
//   - the packages that cannot reach package net: no conn, listener or
//     body can pass through them, and httpclient needs net/http.
//
// Type-checking their other bodies, and keeping the syntax and type
// information in memory until the run ends, is the largest cost a run
// pays for code it never looks at. Parser drops those bodies for the
// packages of these kinds that it can identify (std, and the module
// cache), unless the run's patterns name them.
//
// The rules here are the ones the analyzers apply: the core and
// httpclient call Skipped to leave a std package alone, and the core's
// no-return search considers only the declarations MayNotReturn keeps.
// A driver that trims by this package therefore finds and exports
// exactly what it would have with whole files; TestLeanLoad and
// `runbench -equiv` compare the two.
package lean

import (
	"go/ast"
	"go/build"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Skipped reports whether the package of pass is a std package that no
// check analyses: one CLOSEWAIT_STD does not select.
func Skipped(pass *analysis.Pass) bool {
	return isStd(pass) && !StdSelected(pass.Pkg.Path(), os.Getenv("CLOSEWAIT_STD"))
}

// StdSelected reports whether the std package path is to be analysed,
// by the value env of CLOSEWAIT_STD: empty, none; "1", all of std (its
// packages then also export facts for each other); otherwise a
// comma-separated list of package patterns as the go command spells
// them ("net/http/..." is net/http and the packages below it), which
// are analysed as user code is, with the rest of std known from the
// tables. An external test package (net/http_test) goes with its
// package.
func StdSelected(path, env string) bool {
	switch env {
	case "":
		return false
	case "1":
		return true
	}
	path = strings.TrimSuffix(path, "_test")
	for pat := range strings.SplitSeq(env, ",") {
		if matchPattern(strings.TrimSpace(pat), path) {
			return true
		}
	}
	return false
}

// matchPattern reports whether the package path matches pat: pat
// itself, "pat/..." for pat and the packages below it, or "std" and
// "..." for every package.
func matchPattern(pat, path string) bool {
	if prefix, ok := strings.CutSuffix(pat, "/..."); ok {
		return path == prefix || strings.HasPrefix(path, prefix+"/")
	}
	return pat == path || pat == "std" || pat == "..."
}

// isStd reports whether the package under analysis belongs to the
// standard library: its files live under GOROOT/src.
func isStd(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return false
	}
	return inGOROOT(pass.Fset.File(pass.Files[0].FileStart).Name())
}

// inGOROOT reports whether the file lives under GOROOT/src, as the files
// of std packages do.
func inGOROOT(filename string) bool {
	_, ok := strings.CutPrefix(filename, goRootSrc())
	return ok
}

// goRootSrc returns GOROOT/src with a trailing separator.
func goRootSrc() string {
	return filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
}

// MayNotReturn reports whether fd's body may never complete normally by
// its shape: it has no return statement (outside function literals) and
// its last statement is a call, a `for` without condition, a `select`,
// or a block that ends in one of those. The core's no-return search
// looks only at such declarations; whether one never returns then
// depends on what it calls.
func MayNotReturn(fd *ast.FuncDecl) bool {
	if fd.Body == nil || len(fd.Body.List) == 0 || !endShape(fd.Body.List[len(fd.Body.List)-1]) {
		return false
	}
	return !hasReturn(fd.Body)
}

// endShape reports whether stmt is a statement that may never complete
// normally, by its kind alone.
func endShape(stmt ast.Stmt) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		_, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok
	case *ast.ForStmt:
		return s.Cond == nil
	case *ast.SelectStmt:
		return true
	case *ast.BlockStmt:
		return len(s.List) > 0 && endShape(s.List[len(s.List)-1])
	}
	return false
}

// hasReturn reports whether body contains a return statement outside
// nested function literals.
func hasReturn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			found = true
		case *ast.FuncLit:
			return false // its returns are its own
		}
		return !found
	})
	return found
}
