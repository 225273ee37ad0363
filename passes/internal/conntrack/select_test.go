package conntrack_test

import (
	"go/ast"
	"slices"
	"strings"
	"testing"
)

// selectSrc holds, for TestSelect, functions that must get SSA (named
// sel*) and functions that must not (named skip*): the selection is by
// the types of the values a function mentions, its parameters, its
// calls, and its references to selected functions of the package.
const selectSrc = `package p

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
)

// A conn, a closer, a body, a reader: each a resource or a view of one.
func selParam(c net.Conn) {}
func selDial(addr string) { net.Dial("tcp", addr) }
func selLocal() { var c net.Conn; _ = c }
func selCloser(x interface{ Close() error }) {}
func selBody(r *http.Response) {}
func selReader(r io.Reader) { _ = r }
func selAssert(v any) { _ = v.(io.Closer) }

// Owning structs, containers and func types over a conn.
type inner struct{ c net.Conn }
type outer struct{ in *inner }
type node struct {
	next *node
	conns map[string][]net.Conn
}
type dialer struct{ dial func(string) (net.Conn, error) }

func selOwner(o outer) {}
func selRecursive(n *node) {}
func (d *dialer) selFuncField() { _ = d }
func selCallback() { f := func(c net.Conn) {}; _ = f }
func selLiteralOnly() { go func() { net.Dial("tcp", "x") }() }

// Parameters the core tracks although their type names no resource:
// summaries of them become facts.
func selAny(v any) { fmt.Println(v) }
func selGeneric[T any](x T) {}

// Callers of a selected function with such an operand: their calls,
// go statements and direct references decide who owns it.
func selCallsAny() { selAny(1) }
func selRefersAny() { f := selAny; _ = f }
func selGoAny() { go selAny(2) }

// A trackable result: the caller may get a fresh conn as an io.Reader...
func selFreshReader() (io.Reader, error) { return net.Dial("tcp", "x") }
func selCallsFreshReader() { selFreshReader() }

// ... and through a chain of callers with trackable results.
func selFreshAny() any { r, _ := selFreshReader(); return r }
func selCallsFreshAny() { _ = selFreshAny() }

// SO_LINGER without a conn in sight is linger's business.
func selSockopt(fd int) {
	syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 1})
}

// No resource can pass through these.
func skipStrings(s string) string { return strings.ToUpper(s) + fmt.Sprint(len(s)) }
func skipBuilder() string { var b strings.Builder; b.WriteString("x"); return b.String() }
func skipErr(err error) error { return fmt.Errorf("wrap: %w", err) }
func skipInts(xs []int) (n int) { for _, x := range xs { n += x }; return }
func skipCallsDialer() { dialInside(3) }
func dialInside(n int) { for range n { c, _ := net.Dial("tcp", "x"); c.Close() } }
func skipCallsSelParam() { fmt.Println("no conn here") }
func skipVariadic(args ...any) { _ = args }

// Another package's struct holds a resource only through its exported
// fields: what its unexported ones hold never reaches this code except
// through its methods, whose calls are judged by their operands and
// results (a *testing.T has an io.Writer inside, a *bufio.Reader its
// io.Reader). The reader is a view of a conn only where the conn is.
func skipBufio(b *bufio.Reader) string { s, _ := b.ReadString('\n'); return s }
func selBufioWrap(c net.Conn) *bufio.Reader { return bufio.NewReader(c) }
func selBufioRequest(r *http.Request) { _ = r }
func skipCallsVariadic() { skipVariadic("a", 1) }
`

// TestSelect checks which functions the core gives SSA, by their names.
func TestSelect(t *testing.T) {
	t.Setenv("CLOSEWAIT_SSA", "") // not full
	p, res := analyzeSource(t, "sel/p", selectSrc)
	var built []string
	for _, fn := range res.Funcs() {
		if fn.Parent() == nil {
			built = append(built, fn.Name())
		}
	}
	var want, unwanted []string
	for _, fd := range p.files[0].Decls {
		name := declName(fd)
		switch {
		case strings.HasPrefix(name, "sel"):
			want = append(want, name)
		case strings.HasPrefix(name, "skip"):
			unwanted = append(unwanted, name)
		}
	}
	for _, name := range want {
		if !slices.Contains(built, name) {
			t.Errorf("%s: no SSA, want it built", name)
		}
	}
	for _, name := range unwanted {
		if slices.Contains(built, name) {
			t.Errorf("%s: built, want no SSA", name)
		}
	}
	st := res.Stats()
	if st.Built != len(built) || st.Decls <= st.Built || st.Built < len(want) {
		t.Errorf("Stats: %d of %d built; Funcs lists %d", st.Built, st.Decls, len(built))
	}
}

// declName is the name of a function declaration, "" for other decls.
func declName(d ast.Decl) string {
	fd, ok := d.(*ast.FuncDecl)
	if !ok {
		return ""
	}
	return fd.Name.Name
}
