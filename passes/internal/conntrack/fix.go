package conntrack

// This file synthesises the suggested fixes: a deferred close after the
// source's error check, or in a goroutine that owns its parameter.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// fix returns a fix that closes the conn, when one is safe:
//
//	c, err := net.Dial(...)
//	if err != nil {
//		return err
//	}
//	defer c.Close()      <- inserted
//
// Safe means: the conn never leaves the function (a defer would close a
// conn that someone else now owns), the function closes it nowhere (the
// defer would close it twice on the paths that already do; the right
// edit is a close on the leaking path, which is the user's call), the
// variable holds no other conn (a defer evaluates c.Close's receiver at
// once, so it would close only the first of several conns assigned to
// c), the source is not in a loop (a defer there is the deferloop bug),
// the conn is a standard library conn, and the error check right after
// the source guards the nil conn.
//
// When the function does close the conn elsewhere, the fix (if any) is
// pathCloseFix's instead: a close on the leaking path. e is the exit of
// the finding, nil if unknown.
func (c *checker) fix(fi *funcInfo, r *resource, o ownership, e *exit) *analysis.SuggestedFix {
	if r.escapes() || r.taken || r.name == "" || strings.ContainsAny(r.name, ".[]()*") {
		return nil
	}
	if r.closes() {
		return c.pathCloseFix(fi, r, e)
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
	connID, ok := as.Lhs[0].(*ast.Ident)
	if !ok || !c.assignedOnce(fi.fn.Syntax(), c.pass.TypesInfo.ObjectOf(connID), 1) {
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

// pathCloseFix returns a fix that closes the conn right before e, the
// return where it leaks, for a function that closes it on its other
// paths:
//
//	if _, err := io.ReadFull(c, hdr); err != nil {
//		c.Close()    <- inserted
//		return err
//	}
//
// Only when that closes it exactly once: the conn is open on every path
// reaching e (not merely on some), the variable holds this conn only and
// is the one in scope at the return, and the returned values do not use
// it (they are evaluated after the inserted close).
func (c *checker) pathCloseFix(fi *funcInfo, r *resource, e *exit) *analysis.SuggestedFix {
	if e == nil || e.isEnd || e.state.bits&^sLive != 0 || !(isStdConn(r.value) || isResponse(r.value.Type())) {
		return nil
	}
	ret := c.returnStmt(e.pos)
	if ret == nil {
		return nil
	}
	obj := c.connObject(fi, r)
	if obj == nil || !c.assignedOnce(fi.fn.Syntax(), obj, map[rootKind]int{rootSource: 1, rootParam: 0}[r.kind]) {
		return nil
	}
	if path := c.path(ret.Pos()); len(path) < 2 {
		return nil
	} else if _, labeled := path[1].(*ast.LabeledStmt); labeled {
		return nil
	}
	if scope := c.pass.Pkg.Scope().Innermost(ret.Pos()); scope == nil {
		return nil
	} else if _, inScope := scope.LookupParent(r.name, ret.Pos()); inScope != obj {
		return nil // another variable of that name is in scope there
	}
	uses := false
	ast.Inspect(ret, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == obj {
			uses = true
		}
		return !uses
	})
	if uses {
		return nil
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(ret.Pos()).Column-1)
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Insert %s before this return", closeExpr(r)),
		TextEdits: []analysis.TextEdit{{Pos: ret.Pos(), End: ret.Pos(), NewText: []byte(closeExpr(r) + "\n" + indent)}},
	}
}

// connObject returns the variable that holds r in its function: the
// parameter, or the variable a source's result is assigned to; or nil.
func (c *checker) connObject(fi *funcInfo, r *resource) types.Object {
	switch r.kind {
	case rootParam:
		return c.paramObject(fi, r)
	case rootSource:
		as, _ := c.assignOf(r.call.Pos())
		if as == nil || len(as.Lhs) == 0 {
			return nil
		}
		if id, ok := as.Lhs[0].(*ast.Ident); ok {
			return c.pass.TypesInfo.ObjectOf(id)
		}
	}
	return nil
}

// exitAt returns the exit of exits at pos, or nil.
func exitAt(exits []exit, pos token.Pos) *exit {
	for i := range exits {
		if exits[i].pos == pos {
			return &exits[i]
		}
	}
	return nil
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
	if !c.assignedOnce(body, c.paramObject(fi, r), 0) {
		return nil // the parameter is given another conn: which would the defer close?
	}
	indent := strings.Repeat("\t", c.pass.Fset.Position(body.List[0].Pos()).Column-1)
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Insert defer %s.Close() at the top of the goroutine", r.name),
		TextEdits: []analysis.TextEdit{{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte(fmt.Sprintf("\n%sdefer %s.Close()", indent, r.name))}},
	}
}

// assignedOnce reports whether obj, a local variable, is assigned
// exactly want times within root (counting its definition), and its
// address is never taken (an assignment through a pointer would be
// invisible here). A nil obj or root is never assigned once.
func (c *checker) assignedOnce(root ast.Node, obj types.Object, want int) bool {
	if root == nil || obj == nil {
		return false
	}
	n, addressed := 0, false
	ast.Inspect(root, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.AssignStmt:
			for _, lhs := range node.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == obj {
					n++
				}
			}
		case *ast.ValueSpec:
			for _, id := range node.Names {
				if c.pass.TypesInfo.ObjectOf(id) == obj {
					n++
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{node.Key, node.Value} {
				if id, ok := e.(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == obj {
					n++
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(node.X).(*ast.Ident); ok && node.Op == token.AND && c.pass.TypesInfo.ObjectOf(id) == obj {
				addressed = true
			}
		}
		return true
	})
	return n == want && !addressed
}

// paramObject returns the variable of the parameter r tracks, or nil.
func (c *checker) paramObject(fi *funcInfo, r *resource) types.Object {
	p, ok := r.value.(*ssa.Parameter)
	if !ok {
		return nil
	}
	return p.Object()
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

// closeExpr returns the expression that closes r: "c.Close()", or
// "resp.Body.Close()" for a response.
func closeExpr(r *resource) string {
	if r.res == Body {
		return r.name + ".Body.Close()"
	}
	return r.name + ".Close()"
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
