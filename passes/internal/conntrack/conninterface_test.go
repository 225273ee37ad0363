package conntrack

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// checkSources type-checks the packages of srcs (path to source) in
// order, each importing the ones before it.
func checkSources(t *testing.T, srcs [][2]string) map[string]*types.Package {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := make(map[string]*types.Package)
	imp := importerFunc(func(path string) (*types.Package, error) { return pkgs[path], nil })
	for _, ps := range srcs {
		f, err := parser.ParseFile(fset, ps[0]+".go", ps[1], 0)
		if err != nil {
			t.Fatal(err)
		}
		p, err := (&types.Config{Importer: imp}).Check(ps[0], fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[ps[0]] = p
	}
	return pkgs
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// TestConnInterfacePartialNet checks the interface the core uses for
// net.Conn when the package's view of net lacks Conn, as under go vet
// for packages that reach net only through other packages' export data
// (it crashed the core on grpc before).
func TestConnInterfacePartialNet(t *testing.T) {
	const lib = `package lib
import ("net"; "time")
type Conn struct{}
func (*Conn) Read([]byte) (int, error) { return 0, nil }
func (*Conn) Write([]byte) (int, error) { return 0, nil }
func (*Conn) Close() error { return nil }
func (*Conn) LocalAddr() net.Addr { return nil }
func (*Conn) RemoteAddr() net.Addr { return nil }
func (*Conn) SetDeadline(time.Time) error { return nil }
func (*Conn) SetReadDeadline(time.Time) error { return nil }
func (*Conn) SetWriteDeadline(time.Time) error { return nil }
type Half struct{ Conn }
func (*Half) SetWriteDeadline() {}
`
	const user = `package user
import "lib"
var C *lib.Conn
`
	pkgs := checkSources(t, [][2]string{
		{"time", "package time\ntype Time struct{}"},
		{"net", "package net\ntype Addr interface{ Network() string; String() string }"},
		{"lib", lib},
		{"user", user},
	})
	iface := connInterface(pkgs["user"], pkgs["net"])
	conn := types.NewPointer(pkgs["lib"].Scope().Lookup("Conn").Type())
	half := types.NewPointer(pkgs["lib"].Scope().Lookup("Half").Type())
	if !types.Implements(conn, iface) {
		t.Errorf("*lib.Conn does not implement the rebuilt net.Conn %v", iface)
	}
	if types.Implements(half, iface) {
		t.Errorf("*lib.Half (SetWriteDeadline of another signature) implements the rebuilt net.Conn")
	}
	if iface.NumMethods() != 8 {
		t.Errorf("rebuilt net.Conn has %d methods, want 8", iface.NumMethods())
	}

	// Without net.Addr no visible type can implement net.Conn.
	noAddr := checkSources(t, [][2]string{
		{"time", "package time\ntype Time struct{}"},
		{"net", "package net\ntype IP []byte"},
		{"user", "package user\nimport \"net\"\nvar IP net.IP"},
	})
	never := connInterface(noAddr["user"], noAddr["net"])
	if types.Implements(conn, never) {
		t.Errorf("*lib.Conn implements the interface used when net.Addr is absent")
	}
	if !types.Implements(never, types.NewInterfaceType(nil, nil).Complete()) {
		t.Errorf("the interface used when net.Addr is absent does not implement any")
	}

	// With Conn present, it is used as it is.
	full := checkSources(t, [][2]string{
		{"net", "package net\ntype Conn interface{ Close() error }"},
	})
	if got, want := connInterface(full["net"], full["net"]), full["net"].Scope().Lookup("Conn").Type().Underlying(); got != want {
		t.Errorf("connInterface = %v, want net.Conn itself", got)
	}
}
