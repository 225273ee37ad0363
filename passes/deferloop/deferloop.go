package deferloop

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/closewait/closewait/passes/internal/check"
	"github.com/closewait/closewait/passes/internal/conntrack"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/leakreport"
	"github.com/closewait/closewait/passes/internal/passutil"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

//go:embed doc.go
var doc string

// Config holds the options of the deferloop analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -deferloop.unused-ignores).
	UnusedIgnores bool
	// Tests also reports defers in _test.go files, where a table-driven
	// loop that closes everything at the end of the test is common and
	// bounded.
	Tests bool
}

// Analyzer reports deferred closes inside loops.
var Analyzer = New(Config{})

// New returns a deferloop analyzer with its own copy of cfg; its flags
// set that copy.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	return check.New(check.Spec{
		Name:          "deferloop",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		Requires:      []*analysis.Analyzer{conntrack.Analyzer},
		Run:           func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Tests, "tests", c.Tests, "also report defers in _test.go files")
		},
	})
}

func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	res := pass.ResultOf[conntrack.Analyzer].(*conntrack.Result)
	var diags []analysis.Diagnostic
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				d, ok := instr.(*ssa.Defer)
				if !ok || !d.Pos().IsValid() {
					continue
				}
				if !cfg.Tests && passutil.InTestFile(pass.Fset, d.Pos()) {
					continue
				}
				// The loop first: describing the deferred call asks
				// the type checker for method sets, and most defers
				// are not in a loop.
				inLoop := conntrack.InLoop(b)
				if d.DeferStack != nil {
					inLoop = continuesIteration(b)
				}
				if !inLoop {
					continue
				}
				what, ok := closedResource(res, d)
				if !ok {
					continue
				}
				diags = append(diags, diagnostic(pass, d, what))
			}
		}
	}
	r.Report(pass, diags)
	return nil, nil
}

// continuesIteration reports whether, in the body of a range-over-func
// loop (a function the iterator calls per element, returning true to go
// on), some path from b reaches a return of anything but a constant
// false: the loop may run again while the defer waits. A body that
// returns false after the defer (a return or break in the loop) ends the
// loop, and the defer runs right after.
func continuesIteration(b *ssa.BasicBlock) bool {
	return conntrack.AnyReachable(b, func(x *ssa.BasicBlock) bool {
		ret, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return)
		if !ok {
			return false
		}
		if len(ret.Results) != 1 {
			return true
		}
		k, ok := ret.Results[0].(*ssa.Const)
		return !ok || k.Value == nil || constant.BoolVal(k.Value)
	})
}

// closedResource reports whether the deferred call closes a conn,
// listener, file or response body, and describes it.
//
//	defer c.Close()                 Close on such a value
//	defer resp.Body.Close()         t1 = &resp.Body; t2 = *t1; defer invoke t2.Close()
//	defer func() { c.Close() }()    a literal whose summary closes its capture
//	defer closeConn(c)              a helper whose summary closes its argument
func closedResource(res *conntrack.Result, d *ssa.Defer) (string, bool) {
	obj, ops := conntrack.Callee(d.Common())
	if obj != nil && obj.Name() == "Close" && obj.Signature().Recv() != nil && len(ops) > 0 {
		return describeIn(res, ops[0])
	}
	for _, op := range ops {
		if what, ok := describeIn(res, op); ok && res.Closes(d.Common(), op) {
			return what, true
		}
	}
	return "", false
}

// describeIn is describe, except that an *os.File counts only when it
// is a socket's dup: made by a call that the core tracks as one (File()
// of a conn or listener, or a helper known to return such a dup). A
// regular file deferred in a loop holds an fd a little longer, no socket:
// that is other linters' business (gocritic's deferInLoop, revive's
// defer), and reporting it here would bury the socket findings.
func describeIn(res *conntrack.Result, v ssa.Value) (string, bool) {
	what, ok := describe(v)
	if !ok || what != "file" {
		return what, ok
	}
	call := sourceCall(v, map[ssa.Value]bool{})
	if call == nil {
		return "", false
	}
	for _, cn := range res.Conns() {
		if cn.Resource == conntrack.Dup && cn.Pos == call.Pos() && cn.From == conntrack.Made {
			return "socket dup", true
		}
	}
	return "", false
}

// sourceCall returns the call whose result v is, through extracts and
// phis whose edges all come from the same call; nil if there is none.
func sourceCall(v ssa.Value, seen map[ssa.Value]bool) *ssa.Call {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Call:
		return v
	case *ssa.Extract:
		return sourceCall(v.Tuple, seen)
	case *ssa.Phi:
		var found *ssa.Call
		for _, e := range v.Edges {
			if _, isConst := e.(*ssa.Const); isConst {
				continue // nil on the path where it was not made
			}
			c := sourceCall(e, seen)
			if c == nil || (found != nil && c != found) {
				if c == nil && seen[e] {
					continue // the loop's own back edge
				}
				return nil
			}
			found = c
		}
		return found
	}
	return nil
}

// describe names v if it is a conn, listener, file or body.
func describe(v ssa.Value) (string, bool) {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok && passutil.IsNamed(fa.X.Type(), kn.HTTP, kn.ResponseType) {
			return "response body", true
		}
		if _, ok := load.X.(*ssa.FreeVar); ok {
			return describe(load.X)
		}
	}
	t := v.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if passutil.IsNamed(t, kn.OS, kn.FileType) {
			return "file", true
		}
		t = p.Elem()
	}
	switch {
	case passutil.Implements(t, kn.Net, kn.ConnType), passutil.Implements(types.NewPointer(t), kn.Net, kn.ConnType) && !types.IsInterface(t):
		return leakreport.WordsFor(conntrack.SocketOf(t)).Noun, true
	case passutil.Implements(t, kn.Net, kn.ListenerType):
		return leakreport.WordsFor(conntrack.ListenerSocket).Noun, true
	case passutil.Implements(t, kn.Net, kn.PacketConnType):
		return leakreport.WordsFor(conntrack.PacketSocket).Noun, true
	case passutil.IsNamed(v.Type(), kn.OS, kn.FileType):
		return "file", true
	}
	return "", false
}

func diagnostic(pass *analysis.Pass, d *ssa.Defer, what string) analysis.Diagnostic {
	diag := analysis.Diagnostic{
		Pos:      d.Pos(),
		Category: "deferloop",
		Message:  fmt.Sprintf("deferred close of a %s in a loop runs only when the function returns: one stays open per iteration", what),
	}
	if fix, ok := wrapFix(pass, d.Pos()); ok {
		diag.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return diag
}

// wrapFix wraps the body of the innermost loop around pos in a function
// literal, when the body has no return, break, continue, goto or label.
func wrapFix(pass *analysis.Pass, pos token.Pos) (analysis.SuggestedFix, bool) {
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	var body *ast.BlockStmt
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return analysis.SuggestedFix{}, false // no loop in this function
		case *ast.ForStmt:
			body = n.Body
		case *ast.RangeStmt:
			body = n.Body
		}
		if body != nil {
			break
		}
	}
	if body == nil || len(body.List) == 0 || !wrappable(body) {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(body.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	start, end := tf.Offset(body.Lbrace)+1, tf.Offset(body.Rbrace)
	inner := bytes.TrimRight(src[start:end], " \t")
	indent := lineIndent(src, tf.Offset(body.List[0].Pos()))
	outer := indent[:max(len(indent)-1, 0)]
	var buf bytes.Buffer
	buf.WriteString("\n" + indent + "func() {")
	for _, line := range bytes.Split(bytes.TrimPrefix(inner, []byte("\n")), []byte("\n")) {
		buf.WriteString("\n")
		if len(bytes.TrimSpace(line)) > 0 {
			buf.WriteString("\t")
			buf.Write(line)
		}
	}
	buf.WriteString(indent + "}()\n" + outer)
	return analysis.SuggestedFix{
		Message:   "Move the loop body into a function literal so the defer runs every iteration",
		TextEdits: []analysis.TextEdit{{Pos: body.Lbrace + 1, End: body.Rbrace, NewText: buf.Bytes()}},
	}, true
}

// wrappable reports whether body means the same inside a function
// literal: no return, break, continue, goto or label outside nested
// function literals (a break or continue inside a nested loop, switch or
// select is fine).
func wrappable(body *ast.BlockStmt) bool {
	ok := true
	var walk func(n ast.Node, inner bool) bool
	walk = func(n ast.Node, inner bool) bool {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == nil || m == n {
				return ok
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.LabeledStmt:
				ok = false
			case *ast.BranchStmt:
				if m.Tok == token.GOTO || m.Label != nil || !inner {
					ok = false
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true)
				return false
			}
			return ok
		})
		return ok
	}
	return walk(body, false)
}

// lineIndent returns the leading whitespace of the line holding offset.
func lineIndent(src []byte, offset int) string {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}
