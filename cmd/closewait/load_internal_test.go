package main

import (
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestTrimmedErrors checks when the driver loads again whole: only when
// a package the lean parser trimmed has errors; the errors of the
// others (a root's, a dependency parsed whole) are the user's to see.
func TestTrimmedErrors(t *testing.T) {
	pkg := func(file string, errs ...packages.Error) *packages.Package {
		return &packages.Package{ID: file, CompiledGoFiles: []string{file}, Errors: errs, Imports: map[string]*packages.Package{}}
	}
	trimmed := func(file string) bool { return file == "/lean/x.go" }
	broken := packages.Error{Msg: "x.go:1:1: undefined: y", Kind: packages.TypeError}
	for _, tc := range []struct {
		name string
		root *packages.Package
		dep  *packages.Package
		want bool
	}{
		{"clean trimmed dependency", pkg("/m/p.go"), pkg("/lean/x.go"), false},
		{"broken trimmed dependency", pkg("/m/p.go"), pkg("/lean/x.go", broken), true},
		{"broken whole dependency", pkg("/m/p.go"), pkg("/whole/x.go", broken), false},
		{"broken root", pkg("/m/p.go", broken), nil, false},
	} {
		if tc.dep != nil {
			tc.root.Imports["dep"] = tc.dep
		}
		if got := trimmedErrors([]*packages.Package{tc.root}, trimmed); got != tc.want {
			t.Errorf("%s: trimmedErrors = %v, want %v", tc.name, got, tc.want)
		}
	}
}
