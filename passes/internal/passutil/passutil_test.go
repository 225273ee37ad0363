package passutil

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const src = `package p

import "net"

type T struct{}

func (T) Read([]byte) (int, error) { return 0, nil }

var (
	c  net.Conn
	pc *net.TCPConn
	t  T
	d  net.Dialer
)
`

func check(t *testing.T) (*token.FileSet, *types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p_test.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fset, pkg
}

func TestQueries(t *testing.T) {
	fset, pkg := check(t)
	typ := func(name string) types.Type { return pkg.Scope().Lookup(name).Type() }
	if !InTestFile(fset, pkg.Scope().Lookup("c").Pos()) {
		t.Error("InTestFile(p_test.go) = false")
	}
	if !IsNamed(typ("pc"), "net", "TCPConn") || IsNamed(typ("pc"), "net", "Conn") {
		t.Error("IsNamed on *net.TCPConn")
	}
	if got := QualifiedName(typ("d")); got != "net.Dialer" {
		t.Errorf("QualifiedName = %q", got)
	}
	if !Implements(typ("pc"), "net", "Conn") || Implements(typ("t"), "net", "Conn") {
		t.Error("Implements net.Conn")
	}
	if FindImport(pkg, "net") == nil || FindImport(pkg, "net/http") != nil {
		t.Error("FindImport")
	}
	if FindImport(pkg, "syscall") == nil || ImportsDirectly(pkg, "syscall") || !ImportsDirectly(pkg, "net") {
		t.Error("FindImport is transitive, ImportsDirectly is not")
	}
	dial := FindImport(pkg, "net").Scope().Lookup("Dial")
	if !IsPkgFunc(dial, "net") || !IsPkgFunc(dial, "net", "Listen", "Dial") || IsPkgFunc(dial, "net", "Listen") {
		t.Error("IsPkgFunc")
	}
}
