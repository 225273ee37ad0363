// This file finds the requests that the opt-in handlerclient and
// clienttimeout checks judge: requests sent through an http.Client, or
// through http.DefaultClient by net/http's package functions, with no
// deadline of their own.

package httpclient

import (
	"go/ast"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ast/inspector"
)

// A clientCall is a request sent through a client, whose context
// provably has no deadline: http.Get and friends, or a Client's Get,
// Head, Post, PostForm, or Do with such a request.
type clientCall struct {
	cur    inspector.Cursor // the call
	client ast.Expr         // the client; nil for http.DefaultClient through a package function
	name   string           // the call as messages name it: http.Get, c.Do, ...
}

// checkClientCalls reports, with Handlers, http.Get and friends in HTTP
// handlers and, with Timeout, requests through a client with no Timeout
// whose context provably has no deadline.
func (c *checker) checkClientCalls() {
	if c.pass.Pkg.Path() == kn.HTTP {
		return // http.Get and friends themselves: reported at their callers
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		cc, ok := c.clientCall(cur)
		if !ok {
			continue
		}
		if c.cfg.Handlers && c.checkHandlerClient(cc) {
			continue // one finding a call: the handler's is the more telling
		}
		if c.cfg.Timeout {
			c.checkClientTimeout(cc)
		}
	}
}

// clientCall reports whether the call at cur is a request, outside the
// skipped test files, that carries no deadline of its own, and describes
// it.
func (c *checker) clientCall(cur inspector.Cursor) (clientCall, bool) {
	call := cur.Node().(*ast.CallExpr)
	fn, ok := c.callee(call).(*types.Func)
	if !ok || c.inTest(call.Pos()) {
		return clientCall{}, false
	}
	var client ast.Expr
	switch {
	case passutil.IsPkgFunc(fn, kn.HTTP) && kn.IsDefaultClientFunc(fn.Name()):
	case recvIs(fn, isClient) && kn.IsClientRequestMethod(fn.Name()):
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return clientCall{}, false
		}
		client = sel.X
	default:
		return clientCall{}, false
	}
	if fn.Name() == "Do" && (len(call.Args) != 1 || !c.noDeadline(call.Args[0])) {
		return clientCall{}, false
	}
	return clientCall{cur: cur, client: client, name: callName(client, fn.Name())}, true
}

// callName names a call of method through client (nil: a package
// function of net/http) in messages.
func callName(client ast.Expr, method string) string {
	switch client.(type) {
	case nil:
		return "http." + method
	case *ast.Ident, *ast.SelectorExpr:
		return types.ExprString(client) + "." + method
	}
	return "(*http.Client)." + method
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
	case passutil.IsPkgFunc(fn, kn.HTTP, kn.NewRequest):
		return true
	case passutil.IsPkgFunc(fn, kn.HTTP, kn.NewRequestWithContext) && len(call.Args) > 0:
		ctx, ok := ast.Unparen(c.through(call.Args[0])).(*ast.CallExpr)
		return ok && passutil.IsPkgFunc(c.callee(ctx), "context", "Background", "TODO")
	}
	return false
}

// isDefaultClient reports whether e is http.DefaultClient.
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
	return ok && v.Pkg() != nil && v.Pkg().Path() == kn.HTTP && v.Name() == name && v.Parent() == v.Pkg().Scope()
}
