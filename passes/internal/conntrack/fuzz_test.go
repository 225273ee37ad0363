package conntrack_test

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/closewait/closewait/passes/internal/conntrack"
)

// FuzzCore turns the fuzz input into a small well-typed Go program about
// conns (dials and accepts, reads, branches, loops, defers, goroutines,
// closures, calls between the generated functions, returns, closes,
// escapes), type-checks it, and runs the core on it twice. It fails if the
// core panics (a recovered panic shows up in Result.Skipped), skips a
// function, takes longer than a few seconds, reports findings out of
// order or at invalid positions, or gives two different results.
//
// Run it with: go test -run '^$' -fuzz FuzzCore -fuzztime 30s ./passes/internal/conntrack
func FuzzCore(f *testing.F) {
	// The seed corpus is in testdata/fuzz/FuzzCore: hand-made programs
	// (readerr_loop, goroutine_handler, ...) and inputs the fuzzer found.
	f.Add([]byte{})
	r := newCoreRunner()
	f.Fuzz(func(t *testing.T, data []byte) {
		src := genProgram(data)
		p, err := r.check("fuzz/p", src)
		if err != nil {
			t.Fatalf("generated program does not type-check: %v\n%s", err, numbered(src))
		}
		first := analyzeWithin(t, p, src)
		second := analyzeWithin(t, p, src)
		if first != second {
			t.Fatalf("two runs differ:\n%s\n---\n%s\n%s", first, second, numbered(src))
		}
	})
}

// analyzeWithin runs the core on p with a time limit and returns a
// printout of its findings and facts, after checking their invariants.
func analyzeWithin(t *testing.T, p *checked, src string) string {
	t.Helper()
	type outcome struct {
		res   *conntrack.Result
		facts string
		err   error
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o.err = fmt.Errorf("panic: %v", r)
			}
			done <- o
		}()
		res, facts, err := p.analyze()
		if err != nil {
			o.err = err
			return
		}
		var objs []types.Object
		for obj := range facts {
			objs = append(objs, obj)
		}
		slices.SortFunc(objs, func(a, b types.Object) int { return int(a.Pos() - b.Pos()) })
		enc, err := encodeFacts(objs, facts)
		if err != nil {
			o.err = err
			return
		}
		var sb strings.Builder
		for _, obj := range objs {
			fmt.Fprintf(&sb, "fact %s: %v\n", obj.Name(), facts[obj])
		}
		fmt.Fprintf(&sb, "%d bytes of gob\n", len(enc))
		o.res, o.facts = res, sb.String()
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("the core did not finish within 20s on:\n%s", numbered(src))
	}
	if o.err != nil {
		t.Fatalf("%v on:\n%s", o.err, numbered(src))
	}
	for _, s := range o.res.Skipped() {
		t.Errorf("skipped %s: %s", s.Func, s.Reason)
	}
	var sb strings.Builder
	for i, fd := range o.res.Findings() {
		if !fd.Pos.IsValid() || fd.End < fd.Pos {
			t.Errorf("finding %d has an invalid range [%d, %d)", i, fd.Pos, fd.End)
		}
		if i > 0 && o.res.Findings()[i-1].Pos > fd.Pos {
			t.Errorf("findings out of order: %d after %d", fd.Pos, o.res.Findings()[i-1].Pos)
		}
		fmt.Fprintf(&sb, "%v kind=%d conn=%q origin=%q read=%q\n", p.fset.Position(fd.Pos), fd.Kind, fd.Conn, fd.Origin, fd.Read)
	}
	if t.Failed() {
		t.FailNow()
	}
	return sb.String() + o.facts
}

// numbered returns src with line numbers, for failure messages.
func numbered(src string) string {
	var sb strings.Builder
	for i, line := range strings.Split(src, "\n") {
		fmt.Fprintf(&sb, "%4d  %s\n", i+1, line)
	}
	return sb.String()
}

// Limits that keep each generated program small and each run fast.
const (
	genMaxFuncs = 3
	genMaxStmts = 48 // statements per program
	genMaxDepth = 4  // nesting of blocks
	genConnVars = 3  // conn variables per function: c0 (parameter), c1, c2
)

// progGen builds a program from fuzz bytes. Once the bytes run out every
// choice is 0, which ends each block, so generation always terminates.
type progGen struct {
	data  []byte
	sb    strings.Builder
	nfunc int
	stmts int
	tmp   int // counter for fresh variable names
}

// genProgram returns a well-typed program built from data.
func genProgram(data []byte) string {
	g := &progGen{data: data}
	g.nfunc = 1 + int(g.next())%genMaxFuncs
	g.sb.WriteString(`package p

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"time"
)

var (
	_ = bufio.NewReader
	_ = tls.Client
	_ = errors.Is
	_ = io.EOF
	_ = os.Exit
	_ = time.Second
)

// sink is where conns escape to.
var sink net.Conn

func use(...any) {}
`)
	for i := range g.nfunc {
		fmt.Fprintf(&g.sb, "\nfunc f%d(c0 net.Conn, ln net.Listener, addr string, x int) (net.Conn, error) {\n", i)
		g.sb.WriteString("\tvar c1, c2 net.Conn\n\tvar n int\n\tvar err error\n\tbuf := make([]byte, 64)\n\tuse(c1, c2, n, err, buf)\n")
		g.block(1, blockCtx{results: true})
		g.sb.WriteString("\treturn nil, err\n}\n")
	}
	g.sb.WriteString("\nfunc main() {\n\tln, _ := net.Listen(\"tcp\", \"127.0.0.1:0\")\n\tf0(nil, ln, \"127.0.0.1:1\", 3)\n}\n")
	return strings.Replace(g.sb.String(), "package p", "package main", 1)
}

func (g *progGen) next() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

// pick returns a choice in [0, n).
func (g *progGen) pick(n int) int { return int(g.next()) % n }

// conn returns the name of a conn variable.
func (g *progGen) conn() string { return fmt.Sprintf("c%d", g.pick(genConnVars)) }

// fresh returns a new variable name with the given prefix.
func (g *progGen) fresh(prefix string) string {
	g.tmp++
	return fmt.Sprintf("%s%d", prefix, g.tmp)
}

// blockCtx says what statements are legal where a block is generated.
type blockCtx struct {
	results bool // in f<i>, whose returns carry (net.Conn, error)
	loop    bool // continue is legal
	brk     bool // break is legal (loop, switch or select)
}

func (g *progGen) line(depth int, format string, args ...any) {
	g.sb.WriteString(strings.Repeat("\t", depth))
	fmt.Fprintf(&g.sb, format, args...)
	g.sb.WriteByte('\n')
}

// block emits up to 7 statements at the given depth.
func (g *progGen) block(depth int, ctx blockCtx) {
	n := g.pick(8)
	for range n {
		if g.stmts >= genMaxStmts {
			return
		}
		g.stmts++
		g.stmt(depth, ctx)
	}
}

// ret returns a return statement legal in ctx.
func (g *progGen) ret(ctx blockCtx) string {
	if !ctx.results {
		return "return"
	}
	switch g.pick(4) {
	case 0:
		return "return nil, err"
	case 1:
		return "return " + g.conn() + ", nil"
	case 2:
		return "return nil, nil"
	}
	return "return " + g.conn() + ", err"
}

// nested emits a nested block unless the depth limit is reached.
func (g *progGen) nested(depth int, ctx blockCtx) {
	if depth < genMaxDepth {
		g.block(depth+1, ctx)
	}
}

// stmt emits one statement chosen by the next byte.
func (g *progGen) stmt(d int, ctx blockCtx) {
	fn := func() int { return g.pick(g.nfunc) }
	switch g.pick(40) {
	case 0:
		g.line(d, "%s, err = net.Dial(\"tcp\", addr)", g.conn())
	case 1:
		g.line(d, "%s, err = ln.Accept()", g.conn())
	case 2:
		g.line(d, "%s, err = net.DialTimeout(\"tcp\", addr, time.Second)", g.conn())
	case 3:
		g.line(d, "if err != nil {")
		g.line(d+1, "%s", g.ret(ctx))
		g.line(d, "}")
	case 4:
		g.line(d, "if err != nil {")
		g.nested(d, ctx)
		g.line(d, "}")
	case 5:
		g.line(d, "n, err = %s.Read(buf)", g.conn())
	case 6:
		g.line(d, "n, err = io.ReadFull(%s, buf)", g.conn())
	case 7:
		sc := g.fresh("sc")
		g.line(d, "%s := bufio.NewScanner(%s)", sc, g.conn())
		g.line(d, "for %s.Scan() {", sc)
		g.nested(d, blockCtx{results: ctx.results, loop: true, brk: true})
		g.line(d, "}")
		g.line(d, "err = %s.Err()", sc)
	case 8:
		br := g.fresh("br")
		g.line(d, "%s := bufio.NewReader(%s)", br, g.conn())
		g.line(d, "_, err = %s.ReadString('\\n')", br)
	case 9:
		g.line(d, "_, err = io.Copy(io.Discard, %s)", g.conn())
	case 10:
		g.line(d, "%s.Close()", g.conn())
	case 11:
		g.line(d, "err = %s.Close()", g.conn())
	case 12:
		g.line(d, "defer %s.Close()", g.conn())
	case 13:
		g.line(d, "defer func() {")
		g.line(d+1, "if %s != nil {", g.conn())
		g.line(d+2, "%s.Close()", g.conn())
		g.line(d+1, "}")
		g.line(d, "}()")
	case 14:
		g.line(d, "go func() {")
		g.nested(d, blockCtx{})
		g.line(d, "}()")
	case 15:
		g.line(d, "go f%d(%s, ln, addr, x)", fn(), g.conn())
	case 16:
		g.line(d, "_, err = f%d(%s, ln, addr, x)", fn(), g.conn())
	case 17:
		g.line(d, "%s, err = f%d(nil, ln, addr, x)", g.conn(), fn())
	case 18:
		g.line(d, "%s", g.ret(ctx))
	case 19:
		g.line(d, "if x > %d {", g.pick(4))
		g.nested(d, ctx)
		g.line(d, "} else {")
		g.nested(d, ctx)
		g.line(d, "}")
	case 20:
		i := g.fresh("i")
		g.line(d, "for %s := 0; %s < x; %s++ {", i, i, i)
		g.nested(d, blockCtx{results: ctx.results, loop: true, brk: true})
		g.line(d, "}")
	case 21:
		g.line(d, "for {")
		g.nested(d, blockCtx{results: ctx.results, loop: true, brk: true})
		g.line(d, "}")
	case 22:
		g.line(d, "for range x {")
		g.nested(d, blockCtx{results: ctx.results, loop: true, brk: true})
		g.line(d, "}")
	case 23:
		g.line(d, "switch x {")
		for k := range 1 + g.pick(3) {
			g.line(d, "case %d:", k)
			g.nested(d, blockCtx{results: ctx.results, loop: ctx.loop, brk: true})
		}
		g.line(d, "default:")
		g.nested(d, blockCtx{results: ctx.results, loop: ctx.loop, brk: true})
		g.line(d, "}")
	case 24:
		g.line(d, "select {")
		g.line(d, "case <-time.After(time.Second):")
		g.nested(d, blockCtx{results: ctx.results, loop: ctx.loop, brk: true})
		g.line(d, "default:")
		g.nested(d, blockCtx{results: ctx.results, loop: ctx.loop, brk: true})
		g.line(d, "}")
	case 25:
		g.line(d, "if n == 0 {")
		g.nested(d, ctx)
		g.line(d, "}")
	case 26:
		g.line(d, "if errors.Is(err, io.EOF) {")
		g.nested(d, ctx)
		g.line(d, "}")
	case 27:
		g.line(d, "if err == io.EOF {")
		g.nested(d, ctx)
		g.line(d, "}")
	case 28:
		g.line(d, "sink = %s", g.conn())
	case 29:
		g.line(d, "%s = nil", g.conn())
	case 30:
		g.line(d, "%s = %s", g.conn(), g.conn())
	case 31:
		if g.pick(2) == 0 {
			g.line(d, "panic(err)")
		} else {
			g.line(d, "os.Exit(1)")
		}
	case 32:
		switch {
		case ctx.loop && g.pick(2) == 0:
			g.line(d, "continue")
		case ctx.brk:
			g.line(d, "break")
		default:
			g.line(d, "n++")
		}
	case 33:
		g.line(d, "%s.SetReadDeadline(time.Now().Add(time.Second))", g.conn())
	case 34:
		g.line(d, "_, err = %s.Write(buf)", g.conn())
	case 35:
		tc := g.fresh("tc")
		g.line(d, "if %s, ok := %s.(*net.TCPConn); ok {", tc, g.conn())
		g.line(d+1, "%s.CloseWrite()", tc)
		g.line(d, "}")
	case 36:
		g.line(d, "func() {")
		g.nested(d, blockCtx{})
		g.line(d, "}()")
	case 37:
		c := g.conn()
		g.line(d, "%s = tls.Client(%s, nil)", c, c)
	case 38:
		m := g.fresh("m")
		g.line(d, "%s := map[int]net.Conn{0: %s}", m, g.conn())
		g.line(d, "use(%s)", m)
	case 39:
		g.line(d, "if %s != nil {", g.conn())
		g.nested(d, ctx)
		g.line(d, "}")
	}
}
