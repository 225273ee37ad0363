// This file is the opt-in handlerclient and clienttimeout checks, on
// requests sent through a client with no Timeout.

package httpclient

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkClientCalls reports, with Handlers, http.Get and friends in HTTP
// handlers and, with Timeout, requests through a client with no Timeout
// whose context provably has no deadline.
func (c *checker) checkClientCalls() {
	if c.pass.Pkg.Path() == httpPath {
		return // http.Get and friends themselves: reported at their callers
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, ok := c.callee(call).(*types.Func)
		if !ok || c.inTest(call.Pos()) {
			continue
		}
		var clientExpr ast.Expr // nil: http.DefaultClient via a package function
		switch {
		case isPkgFunc(fn, httpPath, "Get", "Head", "Post", "PostForm"):
		case recvIs(fn, isClient) && slices.Contains([]string{"Do", "Get", "Head", "Post", "PostForm"}, fn.Name()):
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			clientExpr = sel.X
		default:
			continue
		}
		noDeadline := fn.Name() != "Do" || (len(call.Args) == 1 && c.noDeadline(call.Args[0]))
		if !noDeadline {
			continue
		}
		name := "http." + fn.Name()
		switch clientExpr.(type) {
		case nil:
		case *ast.Ident, *ast.SelectorExpr:
			name = types.ExprString(clientExpr) + "." + fn.Name()
		default:
			name = "(*http.Client)." + fn.Name()
		}
		if c.cfg.Handlers && (clientExpr == nil || c.isDefaultClient(clientExpr)) && c.inHandler(cur) {
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: "handlerclient",
				Message: fmt.Sprintf("%s in an HTTP handler goes through http.DefaultClient, which has no Timeout, without the request's context: a slow upstream holds this handler's goroutine and an upstream conn forever, even after the client hangs up; use a shared http.Client with a Timeout and http.NewRequestWithContext(r.Context(), ...)", name),
			})
			continue
		}
		if !c.cfg.Timeout {
			continue
		}
		desc := "http.DefaultClient"
		if clientExpr != nil {
			d, ok := c.zeroTimeout(clientExpr)
			if !ok {
				continue
			}
			desc = d
		}
		c.diags = append(c.diags, analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: "clienttimeout",
			Message: fmt.Sprintf("%s sends through %s, which has no Timeout, with a context that has no deadline: a server that accepts the conn and never answers holds it and this goroutine forever; set the client's Timeout or use http.NewRequestWithContext with a context that has a deadline", name, desc),
		})
	}
}

func (c *checker) isDefaultClient(e ast.Expr) bool { return c.isPkgVar(e, "DefaultClient") }

// isPkgVar reports whether e is net/http's package-level variable name.
func (c *checker) isPkgVar(e ast.Expr, name string) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == httpPath && v.Name() == name && v.Parent() == v.Pkg().Scope()
}

// inHandler reports whether cur is in a func(http.ResponseWriter,
// *http.Request), or in a closure inside one.
func (c *checker) inHandler(cur inspector.Cursor) bool {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if isHandlerSig(c.funcSig(f.Node())) {
			return true
		}
	}
	return false
}

// zeroTimeout reports whether the client e provably has no Timeout: it is
// http.DefaultClient, a literal without Timeout, or an unexported
// variable declared with one that is only ever used as a receiver (so
// nobody can set its Timeout), and describes it.
func (c *checker) zeroTimeout(e ast.Expr) (string, bool) {
	if c.isDefaultClient(e) {
		return "http.DefaultClient", true
	}
	e = ast.Unparen(e)
	desc := "a client"
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.Exported() || c.varOf(v).reassigned || isParam(v) || c.varOf(v).def == nil {
			return "", false
		}
		for _, u := range c.varOf(v).uses {
			if u.ParentEdgeKind() != edge.SelectorExpr_X {
				return "", false // passed on, returned, stored: someone may set Timeout
			}
			sel := u.Parent().Node().(*ast.SelectorExpr)
			if (sel.Sel.Name == "Timeout" || sel.Sel.Name == "Transport") && u.Parent().ParentEdgeKind() == edge.AssignStmt_Lhs {
				return "", false // configured later
			}
		}
		desc = "client " + id.Name
		e = c.varOf(v).def
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok || !isClient(c.info.TypeOf(lit)) {
		return "", false
	}
	fields, positional := keyed(lit)
	if positional {
		return "", false
	}
	if t, ok := fields["Timeout"]; ok && c.positiveOrUnknown(t) {
		return "", false
	}
	if tr, ok := fields["Transport"]; ok && !isNamed(c.info.TypeOf(tr), httpPath, "Transport") && !c.isPkgVar(tr, "DefaultTransport") {
		return "", false // a RoundTripper of its own: it may bound the request, or never dial
	}
	return desc, true
}

// noDeadline reports whether the request e provably carries a context
// with no deadline: a never-reassigned local made by http.NewRequest, or
// by http.NewRequestWithContext with context.Background() or TODO().
func (c *checker) noDeadline(e ast.Expr) bool {
	call, ok := ast.Unparen(c.through(e)).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := c.callee(call)
	switch {
	case isPkgFunc(fn, httpPath, "NewRequest"):
		return true
	case isPkgFunc(fn, httpPath, "NewRequestWithContext") && len(call.Args) > 0:
		ctx, ok := ast.Unparen(c.through(call.Args[0])).(*ast.CallExpr)
		return ok && isPkgFunc(c.callee(ctx), "context", "Background", "TODO")
	}
	return false
}
