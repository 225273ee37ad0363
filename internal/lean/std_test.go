package lean

import (
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestTrimStd loads net/http, testing and log with every std package in
// their import graph trimmed, and whole, and checks that each package
// type-checks without error to the same API: every package-level object
// and every method of every named type.
func TestTrimStd(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the import graph of net/http twice")
	}
	t.Setenv("CLOSEWAIT_LOAD", "")
	t.Setenv("CLOSEWAIT_STD", "")
	patterns := []string{"net/http", "testing", "log"}
	load := func(lean bool) map[string]*packages.Package {
		cfg := &packages.Config{Mode: packages.LoadAllSyntax}
		if lean {
			cfg.ParseFile = NewParser([]string{"example.com/none"}).ParseFile
		}
		pkgs, err := packages.Load(cfg, patterns...)
		if err != nil {
			t.Fatal(err)
		}
		all := make(map[string]*packages.Package)
		for p := range packages.Postorder(pkgs) {
			all[p.PkgPath] = p
		}
		return all
	}
	whole, trimmed := load(false), load(true)
	if len(whole) < 100 || len(trimmed) != len(whole) {
		t.Fatalf("loaded %d packages whole and %d trimmed, want the same (over 100)", len(whole), len(trimmed))
	}
	apis := 0
	for path, w := range whole {
		tr := trimmed[path]
		for _, e := range tr.Errors {
			t.Errorf("%s, trimmed: %v", path, e)
		}
		if got, want := api(tr.Types), api(w.Types); !slices.Equal(got, want) {
			t.Errorf("%s: the trimmed package's API differs from the whole one's", path)
			continue
		}
		apis++
	}
	t.Logf("%d std packages type-check trimmed to the API they have whole", apis)
}

// api lists the package-level objects of pkg and the methods of its
// named types, as strings.
func api(pkg *types.Package) []string {
	var out []string
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		out = append(out, types.ObjectString(obj, nil))
		if tn, ok := obj.(*types.TypeName); ok {
			if named, ok := tn.Type().(*types.Named); ok {
				for m := range named.Methods() {
					out = append(out, types.ObjectString(m, nil))
				}
			}
		}
	}
	return out
}
