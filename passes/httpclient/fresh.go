// This file finds where fresh connection pools come from: http.Transport
// literals, new(http.Transport), Clones, and constructors of fresh
// transports, this package's (exported as facts) or other packages'.

package httpclient

import (
	"go/ast"
	"go/types"
	"slices"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"github.com/closewait/closewait/passes/internal/report"
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
	switch e := unaddr(e).(type) {
	case *ast.CompositeLit:
		what, ok = c.freshLit(e)
		return what, false, ok
	case *ast.CallExpr:
		return c.freshCall(e)
	}
	return "", false, false
}

// freshLit reports whether lit is an http.Transport literal with
// keep-alives on, and names its type.
func (c *checker) freshLit(lit *ast.CompositeLit) (what string, ok bool) {
	t := c.info.TypeOf(lit)
	if t == nil || !isTransport(t) {
		return "", false
	}
	fields, positional := keyed(lit)
	if positional {
		return "", false
	}
	if v, ok := fields["DisableKeepAlives"]; ok && !c.isFalse(v) {
		return "", false // no pool to leak, or we cannot tell
	}
	return typeName(t), true
}

// freshCall is freshExpr for a call: new(http.Transport), a Clone, or a
// constructor.
func (c *checker) freshCall(call *ast.CallExpr) (what string, client, ok bool) {
	if b, ok := c.callee(call).(*types.Builtin); ok && b.Name() == "new" && len(call.Args) == 1 {
		if t := c.info.TypeOf(call.Args[0]); t != nil && isTransport(t) {
			return "new(" + typeName(t) + ")", false, true
		}
		return "", false, false
	}
	fn, ok := c.callee(call).(*types.Func)
	if !ok {
		return "", false, false
	}
	if fn.Name() == "Clone" && recvIs(fn, func(t types.Type) bool { return passutil.IsNamed(t, kn.HTTP, "Transport") }) {
		return "http.Transport clone", false, true
	}
	if f := c.ctorFact(fn.Origin()); f != nil {
		if f.Client {
			return "http.Client from " + fn.Name() + " (with its own Transport)", true, true
		}
		return "http.Transport from " + fn.Name(), false, true
	}
	return "", false, false
}

// ctorFact returns what fn is known to construct: this package's
// constructors as found so far (findCtors), other packages' by fact; nil
// for a function that is no constructor of fresh transports.
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
	cands := c.ctorCandidates()
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

// A ctorCandidate is a function of this package that may be a
// constructor of fresh transports, judging by its result.
type ctorCandidate struct {
	fn     *types.Func
	decl   *ast.FuncDecl
	client bool // it returns an http.Client, not a Transport or RoundTripper
}

// ctorCandidates returns, in source order, this package's functions that
// return an http.Client, an http.Transport or an http.RoundTripper (and
// maybe an error).
func (c *checker) ctorCandidates() []ctorCandidate {
	var cands []ctorCandidate
	for fn, cur := range c.decls {
		t := mainResult(fn.Signature())
		switch {
		case t == nil:
		case isClient(t):
			cands = append(cands, ctorCandidate{fn, cur.Node().(*ast.FuncDecl), true})
		case isTransport(t) || passutil.IsNamed(t, kn.HTTP, "RoundTripper"):
			cands = append(cands, ctorCandidate{fn, cur.Node().(*ast.FuncDecl), false})
		}
	}
	slices.SortFunc(cands, func(a, b ctorCandidate) int {
		return report.ComparePos(c.pass.Fset, a.decl.Pos(), b.decl.Pos())
	})
	return cands
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
	fields, ok := c.clientLit(e)
	return ok && fields["Transport"] != nil && c.freshValue(fields["Transport"], false)
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
	if c.setsField(v, "DisableKeepAlives", "Transport") {
		return e // configured after its declaration: not a plain fresh value
	}
	return c.varOf(v).def
}
