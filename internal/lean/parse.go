package lean

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A Parser parses Go files for a driver's run on some package patterns:
// whole, as go/packages does by default, except the files of std
// packages no check analyses and no pattern names, whose function bodies
// it drops unless MayNotReturn keeps them.
type Parser struct {
	src      string   // GOROOT/src with a trailing separator
	patterns []string // the run's package patterns
	std      string   // CLOSEWAIT_STD
}

// NewParser returns the parser for a run on patterns, or nil if every
// file is to be parsed whole: CLOSEWAIT_LOAD=full asks for it (the
// equivalence test compares the two), CLOSEWAIT_STD=1 selects all of
// std, or a pattern may match std packages this cannot tell from their
// import paths (a relative or absolute directory, "all", "std", "cmd",
// a "..." inside a pattern).
func NewParser(patterns []string) *Parser {
	std := os.Getenv("CLOSEWAIT_STD")
	if os.Getenv("CLOSEWAIT_LOAD") == "full" || std == "1" {
		return nil
	}
	for _, p := range patterns {
		if p == "all" || p == "std" || p == "cmd" || p == "..." || strings.HasPrefix(p, ".") ||
			filepath.IsAbs(p) || strings.Contains(strings.TrimSuffix(p, "/..."), "...") {
			return nil
		}
	}
	return &Parser{src: goRootSrc(), patterns: patterns, std: std}
}

// whole reports whether the files of the std package path are parsed
// whole: a check analyses it, or a pattern names it (a root, which every
// check reports on).
func (p *Parser) whole(path string) bool {
	if StdSelected(path, p.std) {
		return true
	}
	for _, pat := range p.patterns {
		if matchPattern(pat, path) {
			return true
		}
	}
	return false
}

// ParseFile is a go/packages Config.ParseFile. It parses as go/packages
// does by default, except that in a std package no check analyses and
// no pattern names it drops the bodies MayNotReturn does not keep
// (Trim).
func (p *Parser) ParseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	const mode = parser.AllErrors | parser.ParseComments // the go/packages default
	rel, ok := strings.CutPrefix(filename, p.src)
	if !ok || p.whole(filepath.ToSlash(filepath.Dir(rel))) {
		return parser.ParseFile(fset, filename, src, mode)
	}
	f, err := parser.ParseFile(fset, filename, src, mode|parser.SkipObjectResolution)
	if err == nil {
		Trim(f)
	}
	return f, err
}

// Trim drops the bodies of f's function declarations that MayNotReturn
// does not keep (generic ones excepted, which must have one), and makes blank the imports that only those bodies
// used, which the type checker would otherwise report unused. The file
// then type-checks to the same API. A file with a dot import is left
// whole: which of its identifiers the import supplies cannot be told
// from syntax.
func Trim(f *ast.File) {
	for _, imp := range f.Imports {
		if imp.Name != nil && imp.Name.Name == "." {
			return
		}
	}
	trimmed := false
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || MayNotReturn(fd) || generic(fd) {
			continue
		}
		trimmed = true
		if fd.Recv == nil && fd.Name.Name == "init" {
			fd.Body = &ast.BlockStmt{Lbrace: fd.Body.Lbrace, Rbrace: fd.Body.Rbrace} // an init must have a body
		} else {
			fd.Body = nil // as for a function implemented in assembly
		}
	}
	if !trimmed {
		return
	}
	used := make(map[string]bool) // the X of every x.f left in the file
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil || path == "C" {
			continue
		}
		var name string
		if imp.Name != nil {
			name = imp.Name.Name
		} else {
			name = stdName(path)
		}
		if name == "_" || !token.IsIdentifier(name) || used[name] {
			continue
		}
		imp.Name = &ast.Ident{NamePos: imp.Path.Pos(), Name: "_"}
	}
}

// generic reports whether fd declares a generic function or a method of
// a generic type, which the type checker requires to have a body.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// stdName returns the name the std package of the import path declares:
// its last element, or the one before a major-version suffix
// (math/rand/v2). The few std packages named otherwise are internal
// ones no trimmed file imports; a guess that is not an identifier (a
// version such as v1.0.0) leaves the import alone.
func stdName(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return elems[len(elems)-2]
	}
	return last
}
