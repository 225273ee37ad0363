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
