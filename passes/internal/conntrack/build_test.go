package conntrack_test

import "testing"

// TestLeanImports checks that the core's SSA build creates every import
// go/ssa asks for (namedImports) for the ways a selected function or a
// package-level variable names another package's functions and
// variables: when one is missing go/ssa panics, and the core builds
// again with every import, which Stats().Rebuilt records.
func TestLeanImports(t *testing.T) {
	src := `package p

import (
	"errors"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"time"
)

var (
	dial   = net.Dial
	errBad = errors.New("bad")
	out    = os.Stdout
)

func Serve(l net.Listener) error {
	c, err := l.Accept()
	if err != nil {
		return errBad
	}
	defer c.Close()
	names := []string{"b", "a"}
	slices.Sort(names)
	_, err = io.WriteString(c, strings.Join(names, ","))
	c.SetDeadline(time.Now().Add(time.Second))
	f := io.Copy
	_, _ = f(out, c)
	io.EOF = nil
	return err
}

func Dial(addr string) (net.Conn, error) { return dial("tcp", addr) }
`
	r := newCoreRunner()
	p, err := r.check("leanimports", src)
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := p.analyze()
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stats()
	if st.Built == 0 {
		t.Fatalf("nothing built: %+v", st)
	}
	if st.Rebuilt {
		t.Error("the lean SSA build missed an import go/ssa wanted and was done again with every import")
	}
}
