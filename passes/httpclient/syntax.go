// This file holds the helpers on syntax that the checks share: callees,
// enclosing functions, constant values, assignments and keyed composite
// literals.

package httpclient

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// callee returns the function, method, builtin or variable that call
// calls, or nil.
func (c *checker) callee(call *ast.CallExpr) types.Object {
	return typeutil.Callee(c.info, call)
}

// inTest reports whether pos is in a _test.go file that the checks skip
// (without Config.Tests).
func (c *checker) inTest(pos token.Pos) bool {
	return !c.cfg.Tests && passutil.InTestFile(c.pass.Fset, pos)
}

// funcSig returns the signature of fn, a FuncDecl or FuncLit.
func (c *checker) funcSig(fn ast.Node) *types.Signature {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := c.info.Defs[fn.Name].(*types.Func); ok {
			return obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ := c.info.TypeOf(fn).(*types.Signature)
		return sig
	}
	return nil
}

// enclosingFunc returns the innermost FuncDecl or FuncLit around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fn != cur {
			return fn, true
		}
	}
	return inspector.Cursor{}, false
}

// constValue returns e's constant value, if any.
func (c *checker) constValue(e ast.Expr) (constant.Value, bool) {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil {
		return nil, false
	}
	return tv.Value, true
}

// positiveOrUnknown reports whether the duration e may be positive: a
// constant must be, anything else (a variable, a config field) is
// assumed to be.
func (c *checker) positiveOrUnknown(e ast.Expr) bool {
	v, ok := c.constValue(e)
	if !ok {
		return true
	}
	return v.Kind() == constant.Int && constant.Sign(v) > 0
}

// isFalse reports whether the boolean e is the constant false.
func (c *checker) isFalse(e ast.Expr) bool {
	v, known := c.constValue(e)
	return known && !constant.BoolVal(v)
}

// keyed returns the values of lit's keyed fields by name; positional
// reports a literal with positional fields.
func keyed(lit *ast.CompositeLit) (fields map[string]ast.Expr, positional bool) {
	fields = map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, true
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			fields[id.Name] = kv.Value
		}
	}
	return fields, false
}

// unaddr returns e without parentheses and without a leading &.
func unaddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return ast.Unparen(u.X)
	}
	return e
}

// clientLit returns the keyed fields of e, if e is an http.Client
// literal (or &http.Client{...}) with no positional fields.
func (c *checker) clientLit(e ast.Expr) (map[string]ast.Expr, bool) {
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok || !isClient(c.info.TypeOf(lit)) {
		return nil, false
	}
	fields, positional := keyed(lit)
	return fields, !positional
}

// assignedTo returns what the value at cur is assigned to, in an
// assignment or a var declaration with as many values as names, or nil.
func assignedTo(cur inspector.Cursor) ast.Expr {
	switch k, idx := cur.ParentEdge(); k {
	case edge.AssignStmt_Rhs:
		if as := cur.Parent().Node().(*ast.AssignStmt); len(as.Lhs) == len(as.Rhs) {
			return as.Lhs[idx]
		}
	case edge.ValueSpec_Values:
		if vs := cur.Parent().Node().(*ast.ValueSpec); len(vs.Names) == len(vs.Values) {
			return vs.Names[idx]
		}
	}
	return nil
}

// keyField returns the field that kv, an element of a struct literal,
// sets, or nil.
func (c *checker) keyField(kv *ast.KeyValueExpr) *types.Var {
	key, _ := kv.Key.(*ast.Ident)
	if f, ok := c.info.Uses[key].(*types.Var); key != nil && ok && f.IsField() {
		return f
	}
	return nil
}
