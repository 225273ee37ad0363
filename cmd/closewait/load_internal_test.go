package main

import (
	"go/build"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestTrimmedErrors checks when the driver loads again whole: only when
// a std package it may have trimmed (one the patterns did not name) has
// errors; a root's own errors are the user's to see.
func TestTrimmedErrors(t *testing.T) {
	std := func(path string, errs ...packages.Error) *packages.Package {
		file := filepath.Join(build.Default.GOROOT, "src", path, "x.go")
		return &packages.Package{ID: path, PkgPath: path, CompiledGoFiles: []string{file}, Errors: errs, Imports: map[string]*packages.Package{}}
	}
	broken := packages.Error{Msg: "x.go:1:1: undefined: y", Kind: packages.TypeError}
	user := &packages.Package{ID: "m/p", PkgPath: "m/p", CompiledGoFiles: []string{"/home/u/m/p/p.go"}, Imports: map[string]*packages.Package{}}
	clean, bad := std("fmt"), std("net", broken)
	for _, tc := range []struct {
		name  string
		roots []*packages.Package
		dep   *packages.Package
		want  bool
	}{
		{"clean std dependency", []*packages.Package{user}, clean, false},
		{"broken std dependency", []*packages.Package{user}, bad, true},
		{"broken std root", []*packages.Package{bad}, nil, false},
	} {
		for _, r := range tc.roots {
			clear(r.Imports)
			if tc.dep != nil {
				r.Imports[tc.dep.PkgPath] = tc.dep
			}
		}
		if got := trimmedErrors(tc.roots); got != tc.want {
			t.Errorf("%s: trimmedErrors = %v, want %v", tc.name, got, tc.want)
		}
	}
}
