package lean

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
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
	Trim(f)
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
	Trim(f)
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
		{[]string{"./..."}, false},
		{[]string{"/abs/dir"}, false},
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
	t.Setenv("CLOSEWAIT_STD", "crypto/tls")
	p := NewParser([]string{"net/http/..."})
	for path, whole := range map[string]bool{"net/http": true, "net/http/httptest": true, "crypto/tls": true, "net": false, "fmt": false} {
		if got := p.whole(path); got != whole {
			t.Errorf("whole(%q) = %v, want %v", path, got, whole)
		}
	}
}
