package lean

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A Parser parses Go files for a driver's run on some package patterns:
// whole, as go/packages does by default, except the files of the
// packages no check analyses, whose function bodies it drops unless
// MayNotReturn keeps them (Trim). Those are the dependencies (never a
// package the patterns name) that are
//
//   - std packages CLOSEWAIT_STD does not select (see Skipped), or
//   - packages of the module cache that cannot reach package net: the
//     core learns only their no-return functions, and httpclient, which
//     needs net/http, leaves them alone.
//
// Whether a package can reach net is decided when its first file is
// parsed, which go/packages does only once every package it imports has
// been loaded (and so parsed here): from the imports of all its non-test
// files, whatever their build tags, each of which must be a package
// already parsed that cannot reach net. A std import never loaded is a
// file of another build tag's (every import of an actual file was
// loaded first) and does not count; any other unknown import counts as
// reaching net, and the package is parsed whole.
//
// A Parser holds the state of one load; it is safe for the concurrent
// calls go/packages makes.
type Parser struct {
	src      string   // GOROOT/src with a trailing separator
	modCache string   // GOMODCACHE with a trailing separator, or ""
	patterns []string // the run's import-path patterns
	rootDirs []string // the directories the run's directory patterns name ("dir/..." ends in a separator)
	std      string   // CLOSEWAIT_STD

	mu     sync.Mutex
	dirs   map[string]*dirInfo // by directory
	byPath map[string]*dirInfo // by import path, once known
}

// dirInfo is what the Parser knows of the package in one directory.
type dirInfo struct {
	once    sync.Once
	path    string   // import path, "" if unknown (neither std nor the module cache)
	std     bool     // under GOROOT/src
	name    string   // package name, from a non-test file
	imports []string // of its non-test files, all build tags
	lean    bool     // its files are trimmed
	reach   int8     // reaches net: 0 unknown yet, 1 no, 2 yes; 3 being decided
}

// NewParser returns the parser for a run on patterns, or nil if every
// file is to be parsed whole: CLOSEWAIT_LOAD=full asks for it (the
// equivalence test compares the two), CLOSEWAIT_STD=1 selects all of
// std, or a pattern may match packages this cannot tell by import path
// or directory ("all", "std", "cmd", a "..." inside a pattern).
func NewParser(patterns []string) *Parser {
	std := os.Getenv("CLOSEWAIT_STD")
	if os.Getenv("CLOSEWAIT_LOAD") == "full" || std == "1" {
		return nil
	}
	p := &Parser{src: goRootSrc(), modCache: modCache(), std: std, dirs: make(map[string]*dirInfo), byPath: make(map[string]*dirInfo)}
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	for _, pat := range patterns {
		if pat == "all" || pat == "std" || pat == "cmd" || pat == "..." || strings.Contains(strings.TrimSuffix(pat, "/..."), "...") {
			return nil
		}
		if !strings.HasPrefix(pat, ".") && !filepath.IsAbs(pat) {
			p.patterns = append(p.patterns, pat)
			continue
		}
		dir, tree := strings.CutSuffix(pat, "/...")
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cwd, dir)
		}
		dir = filepath.Clean(dir)
		if tree {
			dir += string(filepath.Separator)
		}
		p.rootDirs = append(p.rootDirs, dir)
	}
	return p
}

// modCache returns GOMODCACHE with a trailing separator, as the go
// command defaults it, or "" if it cannot tell.
func modCache() string {
	dir := os.Getenv("GOMODCACHE")
	if dir == "" {
		gopath := filepath.SplitList(build.Default.GOPATH)
		if len(gopath) == 0 || gopath[0] == "" {
			return ""
		}
		dir = filepath.Join(gopath[0], "pkg", "mod")
	}
	return filepath.Clean(dir) + string(filepath.Separator)
}

// root reports whether the package in dir, of import path path ("" if
// unknown), may be one the run's patterns name.
func (p *Parser) root(dir, path string) bool {
	for _, d := range p.rootDirs {
		if dir == d || strings.HasSuffix(d, string(filepath.Separator)) && strings.HasPrefix(dir+string(filepath.Separator), d) {
			return true
		}
	}
	if path == "" {
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
// does by default (without object resolution), except the files of the
// packages no check analyses, which it trims (see Parser).
func (p *Parser) ParseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	// The go/packages default, without the syntactic object resolution
	// (ast.Object) that go/packages keeps for old callers and that
	// neither the type checker, go/ssa nor any check reads.
	const mode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
	d := p.dir(filepath.Dir(filename), filename, src)
	if !d.lean {
		return parser.ParseFile(fset, filename, src, mode)
	}
	f, err := parser.ParseFile(fset, filename, src, mode)
	if err == nil {
		Trim(f, func(path string) string { return p.name(path, d.std) })
	}
	return f, err
}

// Trimmed reports whether the file was parsed lean: a driver that finds
// errors in such a package loads again whole (the trimming did not
// foresee something), so that a run never fails because of it.
func (p *Parser) Trimmed(filename string) bool {
	p.mu.Lock()
	d := p.dirs[filepath.Dir(filename)]
	p.mu.Unlock()
	return d != nil && d.lean
}

// dir returns what is known of the package in dir, deciding it on the
// first call, with filename and src one of its files.
func (p *Parser) dir(dir, filename string, src []byte) *dirInfo {
	p.mu.Lock()
	d := p.dirs[dir]
	if d == nil {
		d = new(dirInfo)
		p.dirs[dir] = d
	}
	p.mu.Unlock()
	d.once.Do(func() { p.decide(d, dir, filename, src) })
	return d
}

// decide fills in d, the package in dir.
func (p *Parser) decide(d *dirInfo, dir, filename string, src []byte) {
	if rel, ok := strings.CutPrefix(dir+string(filepath.Separator), p.src); ok {
		d.std = true
		d.path = strings.TrimSuffix(filepath.ToSlash(rel), "/")
	} else if rel, ok := strings.CutPrefix(dir+string(filepath.Separator), p.modCache); ok && p.modCache != "" {
		d.path = modulePath(strings.TrimSuffix(filepath.ToSlash(rel), "/"))
	}
	d.name, d.imports = p.header(dir, filename, src)
	if d.path != "" {
		p.mu.Lock()
		if p.byPath[d.path] == nil {
			p.byPath[d.path] = d
		}
		p.mu.Unlock()
	}
	switch {
	case p.root(dir, d.path) || d.name == "":
	case d.std:
		d.lean = !StdSelected(d.path, p.std)
	default:
		d.lean = !p.reaches(d)
	}
}

// header returns the package name and the imports of the non-test Go
// files in dir, of every build tag, that declare that package (not a
// generator's package main beside it); filename and src are one of the
// package's files, already read, whose clause gives the name (that of
// an external test's package without "_test"). The name is "" if a file
// cannot be read or parsed.
func (p *Parser) header(dir, filename string, src []byte) (name string, imports []string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.PackageClauseOnly)
	if err != nil {
		return "", nil
	}
	name = f.Name.Name
	if strings.HasSuffix(filename, "_test.go") {
		name = strings.TrimSuffix(name, "_test")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", nil
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		full := filepath.Join(dir, n)
		var text any
		if full == filename {
			text = src
		}
		f, err := parser.ParseFile(fset, full, text, parser.ImportsOnly)
		if err != nil {
			return "", nil
		}
		if f.Name.Name != name {
			continue
		}
		for _, imp := range f.Imports {
			if path, err := strconv.Unquote(imp.Path.Value); err == nil && !slices.Contains(imports, path) {
				imports = append(imports, path)
			}
		}
	}
	return name, imports
}

// reaches reports whether the package d can reach package net: it is
// net, or one of its imports can, or one is not known. An import of a
// std package that was never loaded is one of another build tag's file
// only, and does not count.
func (p *Parser) reaches(d *dirInfo) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.reachesLocked(d)
}

func (p *Parser) reachesLocked(d *dirInfo) bool {
	switch d.reach {
	case 1:
		return false
	case 2, 3:
		return true // a cycle through files of other build tags: say yes
	}
	d.reach = 3
	yes := d.path == "" || d.path == "net" || d.name == ""
	for _, imp := range d.imports {
		if yes {
			break
		}
		if imp == "C" || imp == "unsafe" {
			continue
		}
		q := p.byPath[imp]
		if q == nil && d.std {
			q = p.byPath["vendor/"+imp] // std's copies of golang.org/x
		}
		switch {
		case q != nil:
			yes = p.reachesLocked(q)
		case d.std || isStdPath(imp):
			// A std package, not loaded: only a file of another build
			// tag imports it, as every package an actual file imports
			// was loaded, and so parsed here, before this one.
		default:
			yes = true // maybe a package whose import path was not known
		}
	}
	d.reach = 1
	if yes {
		d.reach = 2
	}
	return yes
}

// isStdPath reports whether the import path is one of std's: its first
// element has no dot.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// name returns the name the package of the import path declares, if a
// file of it was parsed here, and otherwise, in a std file, the one
// stdName guesses; "" if it cannot tell.
func (p *Parser) name(path string, std bool) string {
	p.mu.Lock()
	d := p.byPath[path]
	p.mu.Unlock()
	if d != nil && d.name != "" {
		return d.name
	}
	if std {
		return stdName(path)
	}
	return ""
}

// modulePath returns the import path of a directory of the module cache,
// given relative to it: "github.com/!burnt!sushi/toml@v1.0.0/internal"
// is "github.com/BurntSushi/toml/internal". It returns "" if rel is not
// inside a module's directory (cache/download, say).
func modulePath(rel string) string {
	elems := strings.Split(rel, "/")
	for i, e := range elems {
		mod, _, ok := strings.Cut(e, "@")
		if !ok {
			continue
		}
		path := strings.Join(append(slices.Clone(elems[:i]), mod), "/")
		if rest := elems[i+1:]; len(rest) > 0 {
			path += "/" + strings.Join(rest, "/")
		}
		if path, ok := unescape(path); ok && !strings.HasPrefix(path, "cache/") {
			return path
		}
		return ""
	}
	return ""
}

// unescape undoes the module cache's case encoding ("!x" for "X").
func unescape(path string) (string, bool) {
	var b strings.Builder
	bang := false
	for _, r := range path {
		switch {
		case bang:
			if r < 'a' || r > 'z' {
				return "", false
			}
			b.WriteRune(r - 'a' + 'A')
			bang = false
		case r == '!':
			bang = true
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), !bang
}

// Trim drops the bodies of f's function declarations that MayNotReturn
// does not keep (generic ones excepted, which must have one), and makes blank the imports that only those bodies
// used, which the type checker would otherwise report unused; name
// returns the name an import path's package declares. The file then
// type-checks to the same API. A file with a dot import, or an import
// whose name is not known, is left whole: which of its imports the
// dropped bodies alone used could not be told.
func Trim(f *ast.File, name func(path string) string) {
	names, ok := importNames(f, name)
	if !ok {
		return
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
	for i, imp := range f.Imports {
		if names[i] != "_" && !used[names[i]] {
			imp.Name = &ast.Ident{NamePos: imp.Path.Pos(), Name: "_"}
		}
	}
}

// importNames returns the name each import of f binds ("_" for cgo's
// "C"), with name giving the name an import path's package declares,
// and whether Trim can work on f: it has no dot import, and every name
// is known.
func importNames(f *ast.File, name func(path string) string) ([]string, bool) {
	names := make([]string, len(f.Imports))
	for i, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		switch {
		case err != nil:
			return nil, false
		case imp.Name != nil && imp.Name.Name == ".":
			return nil, false
		case imp.Name != nil:
			names[i] = imp.Name.Name
		case path == "C":
			names[i] = "_" // cgo's, never reported unused
		default:
			names[i] = name(path)
			if !token.IsIdentifier(names[i]) {
				return nil, false
			}
		}
	}
	return names, true
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

// stdName guesses the name the std package of the import path declares,
// for a std import no file of which was parsed (a vendored path): its
// last element, or the one before a major-version suffix (math/rand/v2).
func stdName(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return elems[len(elems)-2]
	}
	return last
}
