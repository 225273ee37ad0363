// This file is the tracking engine of the transportperrequest check: it
// follows one pool through one function, from its source through the
// local variables, clients and wrappers that carry it, to what is done
// with it (a request sent, a release, an escape), with summaries of what
// this package's functions do with a parameter.

package httpclient

import (
	"go/ast"
	"go/token"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// effects is what a function does with a value that carries a pool.
type effects uint8

const (
	send    effects = 1 << iota // a request goes through it
	release                     // CloseIdleConnections, or keep-alives turned off
	escape                      // returned, stored, captured, passed on: not ours to judge
)

// tracker follows one pool through one function: the source expression,
// then every local variable it is assigned to (directly, or wrapped in a
// Client or a RoundTripper).
type tracker struct {
	c     *checker
	fn    inspector.Cursor // the FuncDecl or FuncLit whose locals we follow
	depth int              // how many parameter summaries deep
	vars  map[*types.Var]bool
	queue []*types.Var
	eff   effects
	sends []inspector.Cursor // where requests go through it, in fn
}

// maxSummaryDepth bounds how deep summaries of parameters nest: a pool
// passed to a helper that passes it to a helper... further is an escape.
const maxSummaryDepth = 3

// track follows the pools made at start, or held by vars, through fn,
// depth summaries deep, and returns the tracker with what fn does with
// them. It stops at the first escape.
func (c *checker) track(fn inspector.Cursor, start []inspector.Cursor, vars []*types.Var, depth int) *tracker {
	t := &tracker{c: c, fn: fn, depth: depth, vars: map[*types.Var]bool{}}
	for _, s := range start {
		t.note(t.from(s), s)
	}
	for _, v := range vars {
		t.addVar(v)
	}
	for len(t.queue) > 0 && t.eff&escape == 0 {
		v := t.queue[0]
		t.queue = t.queue[1:]
		if c.varOf(v).elsewhere {
			t.eff |= escape // used in a file the checks skip
			break
		}
		for _, u := range c.varOf(v).uses {
			if !t.fn.Contains(u) {
				t.eff |= escape // used by another function: captured or global
				break
			}
			t.use(u)
		}
	}
	return t
}

// note records effects e, of the use at.
func (t *tracker) note(e effects, at inspector.Cursor) {
	t.eff |= e
	if e&send != 0 {
		t.sends = append(t.sends, at)
	}
}

// addVar follows v too, if it is not followed yet.
func (t *tracker) addVar(v *types.Var) {
	if !t.vars[v] {
		t.vars[v] = true
		t.queue = append(t.queue, v)
	}
}

// use classifies one use of a tracked variable. A use inside a nested
// func literal that is not called on the spot (go f(), defer f(), f())
// means the closure holds the pool: only a release counts there.
func (t *tracker) use(u inspector.Cursor) {
	if k, _ := u.ParentEdge(); k == edge.AssignStmt_Lhs {
		return // v = other: the new value is judged on its own
	}
	e := t.from(u)
	if lit, ok := t.nestedLit(u); ok && lit.ParentEdgeKind() != edge.CallExpr_Fun {
		switch {
		case e&release != 0:
			e = release
		case e != 0:
			e = escape
		}
	}
	t.note(e, u)
}

// nestedLit returns the outermost func literal around u inside t.fn.
func (t *tracker) nestedLit(u inspector.Cursor) (inspector.Cursor, bool) {
	var outer inspector.Cursor
	found := false
	for f := range u.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if f == t.fn {
			break
		}
		outer, found = f, true
	}
	return outer, found
}

// from climbs from an expression that carries the pool to what is done
// with it.
//
//	(&http.Client{Transport: X}).Get(u)      through a literal to a method call: send
//	c := &http.Client{Transport: X}          into a local variable: followed
//	return X / s.f = X / f(X)                escape (unless f is known or summarised)
func (t *tracker) from(cur inspector.Cursor) effects {
	for {
		parent := cur.Parent()
		k, idx := cur.ParentEdge()
		switch k {
		case edge.ParenExpr_X, edge.CompositeLit_Elts, edge.TypeAssertExpr_X:
			cur = parent
		case edge.UnaryExpr_X:
			if parent.Node().(*ast.UnaryExpr).Op != token.AND {
				return escape
			}
			cur = parent
		case edge.KeyValueExpr_Value:
			cur = parent.Parent() // the composite literal
		case edge.SelectorExpr_X:
			return t.selector(parent)
		case edge.CallExpr_Args:
			e, climb := t.arg(parent.Node().(*ast.CallExpr), idx)
			if !climb {
				return e
			}
			cur = parent
		case edge.AssignStmt_Rhs:
			return t.assign(parent.Node().(*ast.AssignStmt), idx)
		case edge.ValueSpec_Values:
			vs := parent.Node().(*ast.ValueSpec)
			if idx >= len(vs.Names) {
				return escape
			}
			return t.define(vs.Names[idx])
		case edge.ExprStmt_X:
			return 0
		default:
			return escape
		}
	}
}

// assign follows a pool that as assigns, as its value idx, into what it
// is assigned to.
func (t *tracker) assign(as *ast.AssignStmt, idx int) effects {
	if as.Tok != token.DEFINE && as.Tok != token.ASSIGN {
		return escape
	}
	lhs := as.Lhs
	if len(lhs) != len(as.Rhs) {
		if idx != 0 {
			return escape
		}
		lhs = lhs[:1] // v, err := wrap(x)
	}
	return t.define(lhs[idx])
}

// define follows a pool into the variable lhs, if it is a plain local
// variable of t.fn.
func (t *tracker) define(lhs ast.Expr) effects {
	if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
		return t.defineField(sel)
	}
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return escape // stored in an element or through a pointer
	}
	if id.Name == "_" {
		return 0
	}
	v, ok := t.c.info.ObjectOf(id).(*types.Var)
	if !ok || !t.local(v) {
		return escape // a global, a named result, or a captured variable
	}
	t.addVar(v)
	return 0
}

// defineField follows a pool stored as the Transport of a local client
// (c.Transport = tr) into that client; any other field store is an
// escape.
func (t *tracker) defineField(sel *ast.SelectorExpr) effects {
	s, ok := t.c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 || sel.Sel.Name != "Transport" || !isClient(s.Recv()) {
		return escape
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return escape
	}
	v, ok := t.c.info.Uses[id].(*types.Var)
	if !ok || !t.local(v) {
		return escape
	}
	t.addVar(v)
	return 0
}

// local reports whether v is declared in t.fn, and is not a named result.
func (t *tracker) local(v *types.Var) bool {
	fn := t.fn.Node()
	if v.Pos() < fn.Pos() || v.Pos() >= fn.End() {
		return false
	}
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	return ft.Results == nil || v.Pos() < ft.Results.Pos() || v.Pos() >= ft.Results.End()
}

// selector classifies x.Sel where x carries the pool.
func (t *tracker) selector(selCur inspector.Cursor) effects {
	sel := selCur.Node().(*ast.SelectorExpr)
	s, ok := t.c.info.Selections[sel]
	if !ok {
		return escape
	}
	switch s.Kind() {
	case types.MethodVal:
		if selCur.ParentEdgeKind() != edge.CallExpr_Fun {
			return escape // a method value: called who knows when
		}
		return t.c.methodEffect(s.Obj().(*types.Func))
	case types.FieldVal:
		return t.c.fieldEffect(selCur, s)
	}
	return escape
}

// fieldEffect is what the field selection s at selCur, x.f where x
// carries the pool, does with it.
func (c *checker) fieldEffect(selCur inspector.Cursor, s *types.Selection) effects {
	field := s.Obj().(*types.Var)
	if k, idx := selCur.ParentEdge(); k == edge.AssignStmt_Lhs {
		as := selCur.Parent().Node().(*ast.AssignStmt)
		if field.Name() == "DisableKeepAlives" && len(as.Lhs) == len(as.Rhs) && !c.isFalse(as.Rhs[idx]) {
			return release // keep-alives off (or unknown): no pool to leak
		}
		return 0 // configuring it: tr.TLSClientConfig = ..., c.Timeout = ...
	}
	recv := s.Recv()
	if isClient(recv) || isTransport(recv) {
		if field.Name() == "Transport" {
			return escape // c.Transport read: an alias we do not follow
		}
		return 0
	}
	return escape // a field of a wrapper: it may hand the pool on
}

// methodEffect is what calling method fn on a pool does.
func (c *checker) methodEffect(fn *types.Func) effects {
	switch {
	case kn.IsClientRequestMethod(fn.Name()):
		if recvIs(fn, isClient) {
			return send
		}
	case fn.Name() == "RoundTrip":
		return send
	case fn.Name() == "CloseIdleConnections":
		return release
	}
	if recvIs(fn, isClient) || recvIs(fn, isTransport) {
		return 0 // Clone, RegisterProtocol, CancelRequest, ...
	}
	return escape // a wrapper's own method
}

// arg classifies a pool passed as argument idx of call. climb is true
// when the call's result carries the pool on (a conversion, or a wrapper
// that returns a RoundTripper or a Client).
func (t *tracker) arg(call *ast.CallExpr, idx int) (e effects, climb bool) {
	if tv, ok := t.c.info.Types[call.Fun]; ok && tv.IsType() {
		return 0, true // http.RoundTripper(tr)
	}
	fn, ok := t.c.callee(call).(*types.Func)
	if !ok {
		return escape, false // a builtin (append) or a func value
	}
	fn = fn.Origin()
	if passutil.IsPkgFunc(fn, kn.HTTP2) && kn.IsHTTP2Configure(fn.Name()) {
		return 0, false // adds HTTP/2 to the same pool
	}
	if t.c.wrapsPool(fn) {
		return 0, true // otelhttp.NewTransport(tr), &http.Client{...} helpers
	}
	decl, p := t.c.paramFor(call, idx)
	if p == nil {
		return escape, false // another package's function, f(xs...), T.m(recv, args), ...
	}
	return t.c.summary(decl, p, t.depth+1), false
}

// wrapsPool reports whether fn looks like a wrapper whose result carries
// its argument's pool: it returns a RoundTripper or a Client (and maybe an
// error). A wrapper that also stored its argument somewhere would hide a
// pool from us; we accept that for the common decorators.
func (c *checker) wrapsPool(fn *types.Func) bool {
	t := mainResult(fn.Signature())
	if t == nil {
		return false
	}
	if fn.Signature().Recv() != nil {
		return false // a method: may keep its argument in the receiver
	}
	if isClient(t) || isTransport(t) {
		return true
	}
	return c.roundTripper != nil && (types.Implements(t, c.roundTripper) || types.Implements(types.NewPointer(t), c.roundTripper))
}

// summary returns what the function declared at decl (of this package)
// does with its parameter p: fetch(client, url) sends through it and
// drops it.
func (c *checker) summary(decl inspector.Cursor, p *types.Var, depth int) effects {
	if e, ok := c.summaries[p]; ok {
		return e
	}
	if c.inProgress[p] || depth > maxSummaryDepth {
		return escape
	}
	c.inProgress[p] = true
	sub := c.track(decl, nil, []*types.Var{p}, depth)
	delete(c.inProgress, p)
	e := sub.eff
	if e&escape != 0 {
		e = escape
	}
	c.summaries[p] = e
	return e
}
