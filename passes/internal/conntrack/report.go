package conntrack

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// report runs the dataflow for one owned resource and records at most one
// finding for it: the most specific kind, at the first leaking exit.
func (c *checker) report(fi *funcInfo, r *resource, o ownership) {
	fn := fi.fn
	if r.kind == rootSource && isMainMain(fn) {
		return // returning from main ends the process, which closes every socket
	}
	exits := c.flow(fi, r)
	var failed, leaked []exit
	for _, e := range exits {
		if r.res == Body {
			// A body read to EOF (or to an error) has already given its
			// connection back to the Transport: not closing it breaks
			// the contract but leaks no socket. Such exits are reported
			// as ReadFailure, which httpbody shows only when strict.
			if e.state.bits&sOpen != 0 {
				leaked = append(leaked, e)
			} else if e.state.bits&sFailed != 0 {
				failed = append(failed, e)
			}
			continue
		}
		if e.state.bits&sFailed != 0 {
			failed = append(failed, e)
		}
		if e.state.bits&sLive != 0 {
			leaked = append(leaked, e)
		}
	}
	if r.res == Body && len(leaked) > 0 {
		failed = nil // an undrained exit is the finding
	}
	byPos := func(a, b exit) int { return int(a.pos - b.pos) }
	slices.SortFunc(failed, byPos)
	slices.SortFunc(leaked, byPos)
	f := Finding{Conn: r.name, From: r.provenance(), Goroutine: o.goroutine, Resource: r.res, Socket: r.socket}
	if r.kind == rootSource {
		f.SourcePos, f.Origin = r.call.Pos(), r.origin
	} else {
		f.SourcePos = r.value.Pos()
	}
	switch {
	case len(failed) > 0:
		e := failed[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = ReadFailure, e.pos, e.isEnd
		if e.state.read != nil {
			f.ReadPos, f.Read = e.state.read.pos, e.state.read.name
		}
	case o.handler || len(leaked) == 0:
		return
	case r.kind == rootSource && r.name == "" && !r.closes() && !r.escapes() && passutil.InTestFile(c.pass.Fset, r.call.Pos()):
		return // `_, err := net.Dial(...)` in a test expects the call to fail
	case r.res == Body && !r.closes() && !r.escapes() && r.counts[evDrain] == 0:
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = NeverClosed, e.pos, e.isEnd
	case r.kind == rootSource && !r.closes() && !r.escapes():
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = NeverClosed, e.pos, e.isEnd
	default:
		e := leaked[0]
		f.Kind, f.ExitPos, f.ExitIsEnd = Leak, e.pos, e.isEnd
	}
	f.Pos, f.End = f.ExitPos, f.ExitPos
	if f.Kind == NeverClosed {
		f.Pos, f.End = r.call.Pos(), r.call.Pos()
		if ce := c.callExpr(r.call.Pos()); ce != nil {
			f.Pos, f.End = ce.Pos(), ce.End()
		}
	} else if ret := c.returnStmt(f.ExitPos); ret != nil {
		f.End = ret.End()
	} else {
		f.End = f.Pos + 1
	}
	if !f.Pos.IsValid() {
		return // synthetic code: nowhere to report
	}
	f.Fix = c.fix(fi, r, o)
	c.findings = append(c.findings, f)
}

func isMainMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil &&
		fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}

// file returns the syntax tree that holds pos.
func (c *checker) file(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// path returns the syntax nodes enclosing pos, innermost first, the file
// last. It finds the top-level declaration by binary search and walks
// only that one: astutil.PathEnclosingInterval lists and sorts every
// declaration of the file at each call, quadratic over a generated file
// with thousands of functions.
func (c *checker) path(pos token.Pos) []ast.Node {
	f := c.file(pos)
	if f == nil || !pos.IsValid() {
		return nil
	}
	i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > pos })
	if i == len(f.Decls) || f.Decls[i].Pos() > pos {
		return []ast.Node{f}
	}
	var path []ast.Node
	ast.Inspect(f.Decls[i], func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		path = append(path, n)
		return true
	})
	slices.Reverse(path)
	return append(path, f)
}

// callExpr returns the call expression whose left parenthesis is at lparen
// (go/ssa positions calls there).
func (c *checker) callExpr(lparen token.Pos) *ast.CallExpr {
	for _, n := range c.path(lparen) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			return call
		}
	}
	return nil
}

func (c *checker) returnStmt(pos token.Pos) *ast.ReturnStmt {
	for _, n := range c.path(pos) {
		if ret, ok := n.(*ast.ReturnStmt); ok && ret.Return == pos {
			return ret
		}
	}
	return nil
}

// varName returns the name of the variable the source's conn is assigned
// to (`c, err := net.Dial(...)` gives "c"), or "".
func (c *checker) varName(fn *ssa.Function, r *resource) string {
	if r.call == nil {
		return ""
	}
	as, idx := c.assignOf(r.call.Pos())
	if as == nil || idx >= len(as.Lhs) {
		return ""
	}
	if id, ok := as.Lhs[idx].(*ast.Ident); ok && id.Name == "_" {
		return ""
	}
	return types.ExprString(as.Lhs[idx])
}

// assignOf returns the assignment whose right-hand side is the call at
// lparen, and the index of the left-hand operand receiving the conn.
func (c *checker) assignOf(lparen token.Pos) (*ast.AssignStmt, int) {
	path := c.path(lparen)
	for i, n := range path {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Lparen != lparen || i+1 >= len(path) {
			continue
		}
		as, ok := path[i+1].(*ast.AssignStmt)
		if !ok {
			return nil, 0
		}
		if len(as.Rhs) == 1 {
			return as, 0
		}
		for j, rhs := range as.Rhs {
			if rhs == call {
				return as, j
			}
		}
	}
	return nil, 0
}

// fix returns a fix that closes the conn, when one is safe:
//
//	c, err := net.Dial(...)
//	if err != nil {
//		return err
//	}
//	defer c.Close()      <- inserted
//
// Safe means: the conn never leaves the function (a defer would close a
// conn that someone else now owns), the source is not in a loop (a defer
// there is the deferloop bug), the conn is a standard library conn (a
// second Close of it is harmless), and the error check right after the
// source guards the nil conn.
func (c *checker) fix(fi *funcInfo, r *resource, o ownership) *analysis.SuggestedFix {
	if r.escapes() || r.name == "" || strings.ContainsAny(r.name, ".[]()*") {
		return nil
	}
	if r.kind != rootSource {
		return c.paramFix(fi, r, o)
	}
	if InLoop(r.call.Block()) || !(isStdConn(r.value) || isResponse(r.value.Type())) {
		return nil
	}
	as, _ := c.assignOf(r.call.Pos())
	if as == nil || len(as.Lhs) != 2 {
		return nil
	}
	errID, ok := as.Lhs[1].(*ast.Ident)
	if !ok || errID.Name == "_" {
		return nil
	}
	ifs := nextIfErr(c.path(as.Pos()), as, errID.Name)
	if ifs == nil {
		return nil
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(ifs.Pos()).Column-1)
	text := fmt.Sprintf("\n%sdefer %s", indent, closeExpr(r))
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Insert defer %s after the error check", closeExpr(r)),
		TextEdits: []analysis.TextEdit{{Pos: ifs.End(), End: ifs.End(), NewText: []byte(text)}},
	}
}

// paramFix closes a conn that a goroutine owns at the top of its body.
func (c *checker) paramFix(fi *funcInfo, r *resource, o ownership) *analysis.SuggestedFix {
	if !o.goroutine || r.kind != rootParam || !isStdConn(r.value) {
		return nil
	}
	var body *ast.BlockStmt
	switch syn := fi.fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = syn.Body
	case *ast.FuncLit:
		body = syn.Body
	}
	if body == nil || len(body.List) == 0 {
		return nil
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(body.List[0].Pos()).Column-1)
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Insert defer %s.Close() at the top of the goroutine", r.name),
		TextEdits: []analysis.TextEdit{{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte(fmt.Sprintf("\n%sdefer %s.Close()", indent, r.name))}},
	}
}

// nextIfErr returns the statement after as in its block if it is
// `if err != nil { ... }` ending in a return.
func nextIfErr(path []ast.Node, as *ast.AssignStmt, errName string) *ast.IfStmt {
	for _, n := range path {
		block, ok := n.(*ast.BlockStmt)
		if !ok {
			continue
		}
		for i, stmt := range block.List {
			if stmt != as || i+1 >= len(block.List) {
				continue
			}
			ifs, ok := block.List[i+1].(*ast.IfStmt)
			if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
				return nil
			}
			cond, ok := ifs.Cond.(*ast.BinaryExpr)
			if !ok || cond.Op != token.NEQ {
				return nil
			}
			x, ok1 := cond.X.(*ast.Ident)
			y, ok2 := cond.Y.(*ast.Ident)
			if !ok1 || !ok2 || x.Name != errName || y.Name != "nil" {
				return nil
			}
			if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
				return nil
			}
			return ifs
		}
		return nil
	}
	return nil
}

// InLoop reports whether b is on a cycle of its function's CFG: control
// can come back to it, as in the next iteration of a loop.
func InLoop(b *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := slices.Clone(b.Succs)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			stack = append(stack, x.Succs...)
		}
	}
	return false
}

// isStdConn reports whether v's static type is a conn type of the
// standard library (net.Conn, *net.TCPConn, *tls.Conn, ...), whose Close
// may safely run twice.
func isStdConn(v ssa.Value) bool {
	if v == nil {
		return false
	}
	t := types.Unalias(v.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	return kn.IsConnPackage(named.Obj().Pkg().Path())
}

// describe records r in the package's list of owned conns.
func (c *checker) describe(r *resource, o ownership) {
	cn := ConnInfo{
		Resource:  r.res,
		Closes:    r.closes(),
		Name:      r.name,
		From:      r.provenance(),
		Accepted:  r.accept || (o.goroutine && o.accepted),
		Goroutine: o.goroutine,
		Deadline:  r.counts[evDeadline] > 0 || o.deadline,
		Escapes:   r.escapes(),
	}
	if r.kind == rootSource {
		cn.Pos, cn.Origin = r.call.Pos(), r.origin
	} else {
		cn.Pos = r.value.Pos()
	}
	for _, instr := range r.order {
		for _, ev := range r.events[instr] {
			if (ev.kind == evRead || ev.kind == evDrain) && ev.read != nil &&
				(!cn.FirstRead.IsValid() || ev.read.pos < cn.FirstRead) {
				cn.FirstRead, cn.Read = ev.read.pos, ev.read.name
			}
		}
	}
	if cn.Pos.IsValid() {
		c.conns = append(c.conns, cn)
	}
}

// closeExpr returns the expression that closes r: "c.Close()", or
// "resp.Body.Close()" for a response.
func closeExpr(r *resource) string {
	if r.res == Body {
		return r.name + ".Body.Close()"
	}
	return r.name + ".Close()"
}
