package analyzer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/closewait/closewait/analyzer"
)

// TestNogoShape checks what Bazel's nogo (README, "Bazel nogo") needs of
// each check package, and what running analyzers concurrently needs: the
// package passes/<check> exports `var Analyzer`, declares no init
// function and no package-level variable other than Analyzer and its
// //go:embed'ded doc (read-only), so nothing is shared between analyzer
// instances or runs. Every check of the suite is such a package, and
// every such package is in the suite.
func TestNogoShape(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("..", "passes"))
	if err != nil {
		t.Fatal(err)
	}
	var checks []string
	for _, d := range dirs {
		if d.IsDir() && d.Name() != "internal" {
			checks = append(checks, d.Name())
		}
	}
	if got := names(analyzer.Suite); !slices.Equal(got, checks) {
		t.Errorf("suite %v, check packages %v: want the same", got, checks)
	}
	for _, check := range checks {
		for _, problem := range nogoProblems(t, filepath.Join("..", "passes", check)) {
			t.Errorf("passes/%s: %s", check, problem)
		}
	}
}

// nogoProblems parses the non-test Go files of the package in dir and
// returns what keeps it from the nogo shape.
func nogoProblems(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	hasAnalyzer := false
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil && decl.Name.Name == "init" {
					problems = append(problems, fset.Position(decl.Pos()).String()+": func init")
				}
			case *ast.GenDecl:
				if decl.Tok != token.VAR {
					continue
				}
				for _, spec := range decl.Specs {
					vs := spec.(*ast.ValueSpec)
					for _, id := range vs.Names {
						switch {
						case id.Name == "Analyzer":
							hasAnalyzer = true
						case isEmbedded(decl, vs):
						default:
							problems = append(problems, fset.Position(id.Pos()).String()+": package-level var "+id.Name)
						}
					}
				}
			}
		}
	}
	if !hasAnalyzer {
		problems = append(problems, "no package-level var Analyzer")
	}
	return problems
}

// isEmbedded reports whether vs, in decl, is a string filled by a
// //go:embed directive: constant data, not state.
func isEmbedded(decl *ast.GenDecl, vs *ast.ValueSpec) bool {
	for _, cg := range []*ast.CommentGroup{decl.Doc, vs.Doc} {
		if cg == nil {
			continue
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:embed ") {
				id, ok := vs.Type.(*ast.Ident)
				return ok && id.Name == "string" && vs.Values == nil
			}
		}
	}
	return false
}
