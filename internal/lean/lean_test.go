package lean

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestStdSelected(t *testing.T) {
	for _, tc := range []struct {
		path, env string
		want      bool
	}{
		{"net/http", "", false},
		{"net/http", "1", true},
		{"crypto/tls", "1", true},
		{"net/http", "net/http/...", true},
		{"net/http/httputil", "net/http/...", true},
		{"net/http_test", "net/http/...", true},
		{"net/httpx", "net/http/...", false},
		{"net", "net/http/...", false},
		{"crypto/tls", "net/...,crypto/tls", true},
		{"crypto/x509", "net/...,crypto/tls", false},
		{"net", " net ", true},
		{"os", "std", true},
	} {
		if got := StdSelected(tc.path, tc.env); got != tc.want {
			t.Errorf("StdSelected(%q, %q) = %v, want %v", tc.path, tc.env, got, tc.want)
		}
	}
}

func TestMayNotReturn(t *testing.T) {
	src := `package p

func empty() {}
func endsInCall() { println(); f() }
func endsInPanic() { panic(0) }
func forever() { for {} }
func blocks() { select {} }
func nested() { { g() } }
func returns() { if x { return }; f() }
func litReturns() { go func() { return }(); f() }
func endsInAssign() { x = 1 }
func endsInIf() { if x { f() } }
func endsInLoop() { for x { f() } }
func asm()
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"endsInCall": true, "endsInPanic": true, "forever": true, "blocks": true,
		"nested": true, "litReturns": true,
	}
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		if got := MayNotReturn(fd); got != want[fd.Name.Name] {
			t.Errorf("MayNotReturn(%s) = %v, want %v", fd.Name.Name, got, want[fd.Name.Name])
		}
	}
}

func TestTrim(t *testing.T) {
	src := `package p

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	str "strings"
	_ "unsafe"
)

type T struct{ r io.Reader }

var errX = errors.New("x")

func init() { errX = fmt.Errorf("y") }

func (t *T) Read(b []byte) (int, error) { return t.r.Read(b) }
func Join(a []string) string { return str.Join(a, ",") }
func N() int { return rand.IntN(3) }
func Fatal(msg string) { fmt.Println(msg); panic(msg) }
func Map[K comparable, V any](m map[K]V) int { return len(m) }
func (s *Set[E]) Len() int { return len(s.m) }

type Set[E comparable] struct{ m map[E]bool }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	Trim(f, stdName)
	bodies := make(map[string]bool)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			bodies[fd.Name.Name] = fd.Body != nil && len(fd.Body.List) > 0
		}
	}
	want := map[string]bool{"init": false, "Read": false, "Join": false, "N": false, "Fatal": true, "Map": true, "Len": true}
	if !maps.Equal(bodies, want) {
		t.Errorf("bodies kept: %v, want %v", bodies, want)
	}
	names := make(map[string]string)
	for _, imp := range f.Imports {
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[imp.Path.Value] = name
	}
	// errors (a variable's initializer), io (a field) and fmt (Fatal's
	// body) are still used; strings and rand were used only by dropped
	// bodies.
	wantNames := map[string]string{`"errors"`: "", `"fmt"`: "", `"io"`: "", `"math/rand/v2"`: "_", `"strings"`: "_", `"unsafe"`: "_"}
	if !maps.Equal(names, wantNames) {
		t.Errorf("import names after Trim: %v, want %v", names, wantNames)
	}
	for _, fd := range f.Decls {
		if fd, ok := fd.(*ast.FuncDecl); ok && fd.Name.Name == "init" && fd.Body == nil {
			t.Error("init lost its body: the type checker requires one")
		}
	}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{f}, nil); err != nil {
		t.Errorf("trimmed file does not type-check: %v", err)
	}
}

func TestTrimDotImport(t *testing.T) {
	src := "package p\n\nimport . \"strings\"\n\nfunc J(a []string) string { return Join(a, \",\") }\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	Trim(f, stdName)
	if f.Decls[1].(*ast.FuncDecl).Body == nil {
		t.Error("a file with a dot import lost a body: the import would be unused")
	}
}

func TestNewParser(t *testing.T) {
	t.Setenv("CLOSEWAIT_LOAD", "")
	t.Setenv("CLOSEWAIT_STD", "")
	for _, tc := range []struct {
		patterns []string
		lean     bool
	}{
		{[]string{"example.com/m/..."}, true},
		{[]string{"net/http/..."}, true},
		{[]string{"./..."}, true},
		{[]string{"/abs/dir"}, true},
		{[]string{"std"}, false},
		{[]string{"all"}, false},
		{[]string{"net/.../http"}, false},
	} {
		if got := NewParser(tc.patterns) != nil; got != tc.lean {
			t.Errorf("NewParser(%q) lean = %v, want %v", tc.patterns, got, tc.lean)
		}
	}
	t.Setenv("CLOSEWAIT_LOAD", "full")
	if NewParser([]string{"example.com/m"}) != nil {
		t.Error("CLOSEWAIT_LOAD=full: want no lean parser")
	}
	t.Setenv("CLOSEWAIT_LOAD", "")
	t.Setenv("CLOSEWAIT_STD", "1")
	if NewParser([]string{"example.com/m"}) != nil {
		t.Error("CLOSEWAIT_STD=1: want no lean parser")
	}
	t.Setenv("CLOSEWAIT_STD", "")
	p := NewParser([]string{"net/http/...", "/src/m/...", "/src/one"})
	for _, tc := range []struct {
		dir, path string
		root      bool
	}{
		{"/go/src/net/http", "net/http", true},
		{"/go/src/net/http/httptest", "net/http/httptest", true},
		{"/go/src/net", "net", false},
		{"/src/m", "", true},
		{"/src/m/sub", "", true},
		{"/src/mx", "example.com/mx", false},
		{"/src/one", "", true},
		{"/src/one/sub", "example.com/one/sub", false},
		{"/elsewhere", "", true}, // import path unknown: maybe a root
	} {
		if got := p.root(tc.dir, tc.path); got != tc.root {
			t.Errorf("root(%q, %q) = %v, want %v", tc.dir, tc.path, got, tc.root)
		}
	}
}

func TestModulePath(t *testing.T) {
	for rel, want := range map[string]string{
		"github.com/!burnt!sushi/toml@v1.0.0/internal":     "github.com/BurntSushi/toml/internal",
		"google.golang.org/grpc@v1.85.0":                   "google.golang.org/grpc",
		"github.com/nats-io/nats-server/v2@v2.15.2/server": "github.com/nats-io/nats-server/v2/server",
		"cache/download/golang.org/x/net/@v":               "",
		"github.com/x/y":                                   "",
		"github.com/!x!!/y@v1.0.0":                         "",
	} {
		if got := modulePath(rel); got != want {
			t.Errorf("modulePath(%q) = %q, want %q", rel, got, want)
		}
	}
}

// TestReach checks the decision for packages of the module cache: a
// package is trimmed only if every import of its non-test files, of any
// build tag, is a package parsed before it that cannot reach net.
func TestReach(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("CLOSEWAIT_LOAD", "")
	t.Setenv("CLOSEWAIT_STD", "")
	files := map[string]string{
		"example.com/a@v1.0.0/a.go":         "package a\n\nfunc A() int { return 1 }\n",
		"example.com/c@v1.0.0/c.go":         "package c\n\nimport \"example.com/a\"\n\nfunc C() int { return a.A() }\n",
		"example.com/c@v1.0.0/c_test.go":    "package c\n\nimport \"net\"\n\nvar _ net.Conn\n",
		"example.com/n@v1.0.0/n.go":         "package n\n\nimport \"net\"\n\nvar _ net.Conn\n",
		"example.com/u@v1.0.0/u.go":         "package u\n\nimport \"example.com/unseen\"\n\nvar _ = unseen.X\n",
		"example.com/w@v1.0.0/w_windows.go": "//go:build windows\n\npackage w\n\nimport \"example.com/n\"\n\nvar _ = n.X\n",
		"example.com/w@v1.0.0/w.go":         "package w\n\nfunc W() int { return 2 }\n",
		"example.com/root@v1.0.0/r.go":      "package root\n\nimport \"example.com/a\"\n\nfunc R() int { return a.A() }\n",
		"example.com/root@v1.0.0/sub/s.go":  "package sub\n\nfunc S() int { return 3 }\n",
		"example.com/!upper@v1.0.0/up.go":   "package up\n\nimport \"example.com/a\"\n\nfunc U() int { return a.A() }\n",
	}
	for name, src := range files {
		path := filepath.Join(cache, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := NewParser([]string{"example.com/root/..."})
	parse := func(name string) *ast.File {
		path := filepath.Join(cache, filepath.FromSlash(name))
		f, err := p.ParseFile(token.NewFileSet(), path, []byte(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// In load order: a package after the ones it imports. Package net
	// comes first, as it would in a load of n.
	netFile := filepath.Join(goRootSrc(), "net", "net.go")
	src, err := os.ReadFile(netFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ParseFile(token.NewFileSet(), netFile, src); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		lean bool
	}{
		{"example.com/a@v1.0.0/a.go", true},
		{"example.com/c@v1.0.0/c.go", true},         // its test file's net does not count
		{"example.com/n@v1.0.0/n.go", false},        // imports net
		{"example.com/u@v1.0.0/u.go", false},        // imports a package never parsed
		{"example.com/w@v1.0.0/w.go", false},        // a windows file imports n
		{"example.com/root@v1.0.0/r.go", false},     // named by the patterns
		{"example.com/root@v1.0.0/sub/s.go", false}, // so is this
		{"example.com/!upper@v1.0.0/up.go", true},   // example.com/Upper
	} {
		f := parse(tc.file)
		if got := p.dirs[filepath.Dir(filepath.Join(cache, filepath.FromSlash(tc.file)))].lean; got != tc.lean {
			t.Errorf("%s: lean %v, want %v", tc.file, got, tc.lean)
		}
		if fd, ok := f.Decls[len(f.Decls)-1].(*ast.FuncDecl); ok && (fd.Body == nil) != tc.lean {
			t.Errorf("%s: body of %s dropped: %v, want %v", tc.file, fd.Name.Name, fd.Body == nil, tc.lean)
		}
	}
	if d := p.byPath["example.com/Upper"]; d == nil || d.name != "up" {
		t.Errorf("example.com/Upper not recorded by its import path and name: %+v", d)
	}
}

func TestTrimmed(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("CLOSEWAIT_LOAD", "")
	t.Setenv("CLOSEWAIT_STD", "")
	dir := filepath.Join(cache, "example.com", "a@v1.0.0")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := []byte("package a\n\nfunc A() int { return 1 }\n")
	file := filepath.Join(dir, "a.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	p := NewParser([]string{"example.com/root/..."})
	if p.Trimmed(file) {
		t.Error("Trimmed before the file was parsed")
	}
	if _, err := p.ParseFile(token.NewFileSet(), file, src); err != nil {
		t.Fatal(err)
	}
	if !p.Trimmed(file) {
		t.Error("a module-cache package that cannot reach net: not trimmed")
	}
}
