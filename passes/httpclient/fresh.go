// This file finds where fresh connection pools come from: http.Transport
// literals, new(http.Transport), Clones, and constructors of fresh
// transports, this package's (exported as facts) or other packages'.

package httpclient

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/ast/edge"
)

// freshExpr reports whether e makes a new connection pool each time it
// is evaluated, and names it: an http.Transport literal or new(...)
// without keep-alives turned off, a Clone of one, or a call to a
// constructor of fresh transports (a fact, or this package's).
//
//	&http.Transport{...}
//	new(http.Transport)
//	http.DefaultTransport.(*http.Transport).Clone()
//	newTransport(...), pkg.NewClient(...)    constructors
//
// client reports a constructor's Client (holding a fresh Transport).
func (c *checker) freshExpr(e ast.Expr) (what string, client, ok bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		t := c.info.TypeOf(e)
		if t == nil || !isTransport(t) {
			return "", false, false
		}
		fields, positional := keyed(e)
		if positional {
			return "", false, false
		}
		if v, ok := fields["DisableKeepAlives"]; ok {
			if b, known := c.constValue(v); !known || constant.BoolVal(b) {
				return "", false, false // no pool to leak, or we cannot tell
			}
		}
		return typeName(t), false, true
	case *ast.CallExpr:
		if b, ok := c.callee(e).(*types.Builtin); ok && b.Name() == "new" && len(e.Args) == 1 {
			if t := c.info.TypeOf(e.Args[0]); t != nil && isTransport(t) {
				return "new(" + typeName(t) + ")", false, true
			}
			return "", false, false
		}
		fn, ok := c.callee(e).(*types.Func)
		if !ok {
			return "", false, false
		}
		if fn.Name() == "Clone" && recvIs(fn, func(t types.Type) bool { return isNamed(t, httpPath, "Transport") }) {
			return "http.Transport clone", false, true
		}
		if f := c.ctorFact(fn.Origin()); f != nil {
			if f.Client {
				return "http.Client from " + fn.Name() + " (with its own Transport)", true, true
			}
			return "http.Transport from " + fn.Name(), false, true
		}
	}
	return "", false, false
}

func (c *checker) ctorFact(fn *types.Func) *freshTransport {
	if f, ok := c.ctors[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	f := new(freshTransport)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// findCtors finds this package's constructors of fresh transports:
// functions whose every return hands back a new Transport, or a new
// Client holding a new Transport, and exports a fact for each. It
// iterates to a fixed point, since a constructor may call another.
//
//	func newTransport() *http.Transport { return &http.Transport{...} }
//	func NewClient() *http.Client { tr := newTransport(); return &http.Client{Transport: tr} }
func (c *checker) findCtors() {
	type cand struct {
		fn     *types.Func
		decl   *ast.FuncDecl
		client bool
	}
	var cands []cand
	for fn, cur := range c.decls {
		res := fn.Signature().Results()
		if res.Len() == 0 || res.Len() > 2 || (res.Len() == 2 && !isError(res.At(1).Type())) {
			continue
		}
		t := res.At(0).Type()
		switch {
		case isClient(t):
			cands = append(cands, cand{fn, cur.Node().(*ast.FuncDecl), true})
		case isTransport(t) || isNamed(t, httpPath, "RoundTripper"):
			cands = append(cands, cand{fn, cur.Node().(*ast.FuncDecl), false})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return report.ComparePos(c.pass.Fset, a.decl.Pos(), b.decl.Pos()) })
	for changed := true; changed; {
		changed = false
		for _, k := range cands {
			if c.ctors[k.fn] == nil && c.isCtor(k.decl, k.client) {
				c.ctors[k.fn] = &freshTransport{Client: k.client}
				changed = true
			}
		}
	}
	for _, k := range cands {
		if f := c.ctors[k.fn]; f != nil {
			c.pass.ExportObjectFact(k.fn, f)
		}
	}
}

// isCtor reports whether every return of decl hands back a fresh
// transport (or, with client, a client holding one), or nil.
func (c *checker) isCtor(decl *ast.FuncDecl, client bool) bool {
	fresh := 0
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false // naked return of named results: not followed
				return false
			}
			e := ast.Unparen(n.Results[0])
			if id, isID := e.(*ast.Ident); isID && c.info.Uses[id] == types.Universe.Lookup("nil") {
				return false
			}
			if c.freshValue(e, client) {
				fresh++
			} else {
				ok = false
			}
			return false
		}
		return true
	})
	return ok && fresh > 0
}

// freshValue reports whether e is a fresh transport (or, with client, a
// client literal holding one, or a client constructor's result), directly
// or through a local variable declared with one and never reassigned.
func (c *checker) freshValue(e ast.Expr, client bool) bool {
	e = c.through(e)
	if _, isClient, ok := c.freshExpr(e); ok || !client {
		return ok && isClient == client
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok || !isClient(c.info.TypeOf(lit)) {
		return false
	}
	fields, positional := keyed(lit)
	return !positional && fields["Transport"] != nil && c.freshValue(fields["Transport"], false)
}

// through returns the value a never-reassigned local variable e was
// declared with whose keep-alives are not turned off later, or e.
func (c *checker) through(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return e
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || c.varOf(v).reassigned || c.varOf(v).def == nil || v.Parent() == v.Pkg().Scope() {
		return e
	}
	for _, u := range c.varOf(v).uses {
		if k, _ := u.ParentEdge(); k != edge.SelectorExpr_X {
			continue
		}
		sel := u.Parent().Node().(*ast.SelectorExpr)
		if (sel.Sel.Name == "DisableKeepAlives" || sel.Sel.Name == "Transport") && u.Parent().ParentEdgeKind() == edge.AssignStmt_Lhs {
			return e // configured after its declaration: not a plain fresh value
		}
	}
	return c.varOf(v).def
}
