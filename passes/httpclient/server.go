// This file is the serverheadertimeout check and its opt-in refinement,
// serveridletimeout: both judge the same server, by the same timeouts.

package httpclient

import (
	"go/ast"
	"go/types"
	"slices"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkServers reports http.Server literals (and new(http.Server)) that
// leave the request headers, or (with Idle) idle conns, unbounded, unless
// the timeout is stored later through a variable or field that holds the
// same server.
func (c *checker) checkServers() {
	if c.pass.Pkg.Path() == kn.HTTP {
		// net/http's own zero Servers (ListenAndServe, Serve, the HTTP/2
		// ServeConn defaults) are the API that listenandserve reports at
		// its callers: reporting them here says nothing actionable.
		return
	}
	for cur := range c.root.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		set, ok := c.serverSource(cur)
		if !ok || c.inTest(cur.Node().Pos()) {
			continue
		}
		header := set["ReadHeaderTimeout"] || set["ReadTimeout"]
		idle := set["IdleTimeout"] || set["ReadTimeout"]
		if header && (idle || !c.cfg.Idle) {
			continue
		}
		if cur.ParentEdgeKind() == edge.UnaryExpr_X {
			cur = cur.Parent() // &http.Server{...}
		}
		if _, isNew := cur.Node().(*ast.CallExpr); isNew && !c.served(cur) {
			continue // new(http.Server) as a zero config (a fallback BaseConfig), not a server we see run
		}
		stores := c.timeoutStores()
		roots, escaped, fixture := c.holders(cur)
		if fixture {
			continue // an httptest server: loopback, lives as long as a test
		}
		header = header || stores.any(roots, escaped, "ReadHeaderTimeout", "ReadTimeout")
		idle = idle || stores.any(roots, escaped, "IdleTimeout", "ReadTimeout")
		c.reportServer(cur.Node(), header, idle)
	}
}

// reportServer reports the server made at node, given whether it bounds
// the request headers and idle conns.
func (c *checker) reportServer(node ast.Node, header, idle bool) {
	switch {
	case !header && !idle:
		c.report(node, "serverheadertimeout", "http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout: slow or idle clients hold conns forever")
	case !header:
		c.report(node, "serverheadertimeout", "http.Server has no ReadHeaderTimeout or ReadTimeout: slow clients (slowloris) hold conns forever")
	case !idle && c.cfg.Idle:
		c.report(node, "serveridletimeout", "http.Server has no IdleTimeout or ReadTimeout: idle keep-alive conns stay open as long as clients keep them")
	}
}

// served reports whether the server made at cur is served in the same
// function: a Serve, ServeTLS, ListenAndServe or ListenAndServeTLS method
// called on it directly or through the local variable it is assigned to.
//
//	srv := new(http.Server); srv.Addr = addr; srv.ListenAndServe()
func (c *checker) served(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.SelectorExpr_X {
		return isServeCall(cur.Parent())
	}
	id, ok := assignedTo(cur).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok {
		return false
	}
	fn, ok := enclosingFunc(cur)
	if !ok {
		return false
	}
	for _, u := range c.varOf(v).uses {
		if fn.Contains(u) && u.ParentEdgeKind() == edge.SelectorExpr_X && isServeCall(u.Parent()) {
			return true
		}
	}
	return false
}

// isServeCall reports whether the selector at sel is called, and names
// one of http.Server's serve methods.
func isServeCall(sel inspector.Cursor) bool {
	name := sel.Node().(*ast.SelectorExpr).Sel.Name
	return sel.ParentEdgeKind() == edge.CallExpr_Fun && slices.Contains([]string{"Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS"}, name)
}

// serverSource reports whether cur is an http.Server literal or
// new(http.Server), and which timeouts it sets to a value that may be
// positive.
func (c *checker) serverSource(cur inspector.Cursor) (map[string]bool, bool) {
	set := map[string]bool{}
	switch n := cur.Node().(type) {
	case *ast.CompositeLit:
		if t := c.info.TypeOf(n); t == nil || !isServer(t) {
			return nil, false
		}
		if _, isPtr := types.Unalias(c.info.TypeOf(n)).(*types.Pointer); isPtr {
			return nil, false // &T{} elided in a []*http.Server literal: judged as a value
		}
		fields, positional := keyed(n)
		if positional {
			return nil, false
		}
		for _, f := range kn.ServerTimeouts() {
			if v, ok := fields[f]; ok && c.positiveOrUnknown(v) {
				set[f] = true
			}
		}
		return set, true
	case *ast.CallExpr:
		if b, ok := c.callee(n).(*types.Builtin); ok && b.Name() == "new" && len(n.Args) == 1 {
			if t := c.info.TypeOf(n.Args[0]); t != nil && isServer(t) {
				return set, true
			}
		}
	}
	return nil, false
}
