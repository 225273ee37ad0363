// Package architecture_test checks the layering that ARCHITECTURE.md
// describes: which packages of the module may import which. It reads the
// import clauses of every non-test Go file, so it runs in milliseconds and
// needs no build.
package architecture_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/closewait/closewait"

// floor returns the floor of a package of the module (by its directory,
// relative to the module root) and whether it is a check. Floors are
// those of ARCHITECTURE.md: a package may import only packages of the
// module on lower floors, and a check no other check.
func floor(dir string) (n int, check bool) {
	switch {
	case dir == "passes/internal/knowledge", dir == "passes/internal/passutil",
		dir == "passes/internal/analysisdoc", dir == "passes/internal/report":
		return 1, false
	case dir == "passes/internal/conntrack":
		return 2, false
	case strings.HasPrefix(dir, "passes/internal/"):
		return 3, false // leakreport, testutil: wording and test setup over the core
	case strings.HasPrefix(dir, "passes/"):
		return 4, true
	case dir == "analyzer":
		return 5, false
	case dir == "sockstate", strings.HasPrefix(dir, "sockstate/"):
		return 1, false // the runtime companion stands apart from the checks
	case strings.HasPrefix(dir, "internal/"):
		return 1, false // helpers of the tools (drivejson)
	case strings.HasPrefix(dir, "examples/"):
		return 2, false // examples may use sockstate only
	}
	return 6, false // cmd, bench, scripts: drivers and tools
}

func TestLayers(t *testing.T) {
	imports := moduleImports(t)
	if len(imports["passes/internal/conntrack"]) == 0 || len(imports["analyzer"]) == 0 {
		t.Fatalf("found no imports of the core or the suite: is the test run from the module root?")
	}
	dirs := make([]string, 0, len(imports))
	for dir := range imports {
		dirs = append(dirs, dir)
	}
	slices.Sort(dirs)
	for _, dir := range dirs {
		from, fromCheck := floor(dir)
		for _, imp := range imports[dir] {
			to, toCheck := floor(imp)
			switch {
			case fromCheck && toCheck:
				t.Errorf("%s imports %s: a check must not import another check (share through passes/internal)", dir, imp)
			case to > from, to == from && !sameTool(dir, imp):
				t.Errorf("%s (floor %d) imports %s (floor %d): a package may import only lower floors", dir, from, imp, to)
			}
		}
	}
}

// sameTool reports whether a and b are parts of one tool outside passes/
// (cmd/closewait and its internal packages, bench and its commands,
// sockstate and sockcmd), which may import each other on their floor.
func sameTool(a, b string) bool {
	ra, _, _ := strings.Cut(a, "/")
	rb, _, _ := strings.Cut(b, "/")
	return ra == rb && ra != "passes"
}

// TestFloorTable checks that the rules above can fail: the core importing
// a check, or a check importing another, is refused.
func TestFloorTable(t *testing.T) {
	core, _ := floor("passes/internal/conntrack")
	check, isCheck := floor("passes/closewait")
	kn, _ := floor("passes/internal/knowledge")
	if !isCheck || check <= core || core <= kn {
		t.Errorf("floors: knowledge %d, core %d, check %d (check=%v)", kn, core, check, isCheck)
	}
	if sameTool("passes/internal/knowledge", "passes/internal/report") || !sameTool("cmd/closewait", "cmd/closewait/internal/sarif") {
		t.Error("sameTool: packages of passes/ are never one tool; cmd/closewait's are")
	}
	if s, _ := floor("sockstate"); s >= check {
		t.Errorf("sockstate floor %d must be below the checks' %d", s, check)
	}
}

// moduleImports maps each package directory of the module (relative to
// the root) to the module packages its non-test files import.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	out := make(map[string][]string)
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); p != "." && err == nil {
				return filepath.SkipDir // another module (bench/targets)
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		for _, spec := range f.Imports {
			ip, _ := strconv.Unquote(spec.Path.Value)
			if rel, ok := strings.CutPrefix(ip, module+"/"); ok && !slices.Contains(out[dir], rel) {
				out[dir] = append(out[dir], rel)
			}
		}
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
