package conntrack_test

import (
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
)

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
	_, res := analyzeSource(t, "leanimports", src)
	st := res.Stats()
	if st.Built == 0 {
		t.Fatalf("nothing built: %+v", st)
	}
	if st.Rebuilt {
		t.Error("the lean SSA build missed an import go/ssa wanted and was done again with every import")
	}
}

// TestSplitBuild checks the build of one package in two halves
// (buildSplit, forced here by CLOSEWAIT_SSA=split): every call and
// reference reaches the twin that holds the body, so a summary computed
// in one half decides a finding in the other. Use hands its conn to
// finish, which closes it; Leak hands its conn to keep, which does not:
// each pair straddles the halves, and without the relinking both calls
// would reach a body-less function, whose conn escapes, and nothing
// would be found.
func TestSplitBuild(t *testing.T) {
	t.Setenv("CLOSEWAIT_SSA", "split")
	src := `package p

import "net"

var last net.Conn

func Remember(c net.Conn) { last = c }

func Forget() { last.Close() }

func Use(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return finish(c)
}

func finish(c net.Conn) error { return c.Close() }

func Leak(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return keep(c)
}

func keep(c net.Conn) error {
	_, err := c.Write(nil)
	return err
}
`
	p, res := analyzeSource(t, "split", src)
	if !res.Stats().Split {
		t.Fatalf("not built in two halves: %+v", res.Stats())
	}
	var got []string
	for _, f := range res.Findings() {
		got = append(got, p.fset.Position(f.Pos).String())
	}
	if want := []string{"split/gen.go:22:12"}; !slices.Equal(got, want) {
		t.Errorf("findings at %v, want %v (the conn Leak dials)", got, want)
	}
	// Every function and global an instruction names is the one the
	// analysis sees: the declared functions from the program holding
	// their body, the globals from the first program.
	funcs := res.Funcs()
	progs := make(map[*ssa.Program]bool)
	byObj := make(map[types.Object]*ssa.Function)
	for _, fn := range funcs {
		progs[fn.Prog] = true
		if fn.Parent() == nil {
			byObj[fn.Object()] = fn
		}
	}
	if len(progs) != 2 {
		t.Fatalf("the functions come from %d programs, want 2", len(progs))
	}
	var globals []*ssa.Global
	users := make(map[*ssa.Program]bool) // the programs of the functions naming last
	var rands []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				for _, r := range in.Operands(rands[:0]) {
					switch v := (*r).(type) {
					case *ssa.Function:
						if want := byObj[v.Object()]; want != nil && v != want {
							t.Errorf("%s: %s names %s of the other half", fn, in, v)
						}
					case *ssa.Global:
						globals = append(globals, v)
						users[fn.Prog] = true
					}
				}
			}
		}
	}
	if len(users) != 2 {
		t.Fatalf("last is named from %d programs, want 2", len(users))
	}
	for _, g := range globals[1:] {
		if g != globals[0] {
			t.Errorf("two twins of %s are named", g)
		}
	}
}
