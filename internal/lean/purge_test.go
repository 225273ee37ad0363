package lean

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"testing"
)

func TestPurge(t *testing.T) {
	src := []byte(`package p

import "fmt"

type S[T any] struct{ t T }

var x bool

func a() int { return 1 }
func b() { fmt.Println() }
func c() int { f := func() int { return 1 }; return f() }
func (s *S[T]) d() int { return 0 }
func e[T any]() int { return 0 }
func init() { if x { return } }
func g() struct{ x int } {
	return struct{ x int }{}
}
func h(cb interface{ M() }) int { return 2 }
func (s S[T]) i() {}
func asm()
func j() (int, error) {
	s := "}"
	return len(s), nil
}

var v = func() int { return 3 }
`)
	out := purge(src)
	if len(out) != len(src) || bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
		t.Fatalf("purge moved text: %d bytes and %d lines, want %d and %d", len(out), bytes.Count(out, []byte("\n")), len(src), bytes.Count(src, []byte("\n")))
	}
	for i := range src {
		if (src[i] == '\n') != (out[i] == '\n') {
			t.Fatalf("purge moved a newline at offset %d", i)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", out, 0)
	if err != nil {
		t.Fatalf("purged source does not parse: %v\n%s", err, out)
	}
	blanked := make(map[string]bool)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			blanked[fd.Name.Name] = len(fd.Body.List) == 0
		}
	}
	// a, g, h and j return and hold no function literal; b does not
	// return (it may be MayNotReturn's), c holds a literal, d and e are
	// generic, init must keep its body, i was empty to begin with.
	want := map[string]bool{"a": true, "b": false, "c": false, "d": false, "e": false, "init": false, "g": true, "h": true, "i": true, "j": true}
	if !maps.Equal(blanked, want) {
		t.Errorf("bodies blanked: %v, want %v", blanked, want)
	}
	if !bytes.Contains(out, []byte("var v = func() int { return 3 }")) {
		t.Error("a function literal outside any declaration was blanked")
	}
}

func TestPurgeLeavesAlone(t *testing.T) {
	for name, src := range map[string]string{
		"line directive":        "package p\n\nfunc a() int {\n//line x.go:10\n\treturn 1\n}\n",
		"dot import":            "package p\n\nimport . \"strings\"\n\nfunc a() string { return ToUpper(\"\") }\n",
		"dot import in a group": "package p\n\nimport (\n\t\"fmt\"\n\t. \"strings\"\n)\n\nfunc a() string { return fmt.Sprint(ToUpper(\"\")) }\n",
		"bad token":             "package p\n\nfunc a() int { return 1 }\n\nvar s = '\x00\n",
	} {
		if out := purge([]byte(src)); !bytes.Equal(out, []byte(src)) {
			t.Errorf("%s: purge changed the source:\n%s", name, out)
		}
	}
}
