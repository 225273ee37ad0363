// This file is the serverheadertimeout check and its opt-in refinement,
// serveridletimeout: both judge the same server, by the same timeouts.

package httpclient

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

var serverTimeouts = []string{"ReadHeaderTimeout", "ReadTimeout", "IdleTimeout"}

// checkServers reports http.Server literals (and new(http.Server)) that
// leave the request headers, or (with Idle) idle conns, unbounded, unless
// the timeout is stored later through a variable or field that holds the
// same server.
func (c *checker) checkServers() {
	if c.pass.Pkg.Path() == httpPath {
		// net/http's own zero Servers (ListenAndServe, Serve, the HTTP/2
		// ServeConn defaults) are the API that listenandserve reports at
		// its callers: reporting them here says nothing actionable.
		return
	}
	var stores map[root]map[string]bool
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
		node := cur.Node()
		if cur.ParentEdgeKind() == edge.UnaryExpr_X {
			cur = cur.Parent()
			node = cur.Node()
		}
		if _, isNew := node.(*ast.CallExpr); isNew && !c.served(cur) {
			continue // new(http.Server) as a zero config (a fallback BaseConfig), not a server we see run
		}
		if stores == nil {
			stores = c.serverStores()
		}
		roots, escaped, fixture := c.holders(cur)
		if fixture {
			continue // an httptest server: loopback, lives as long as a test
		}
		stored := func(fields ...string) bool {
			for _, f := range fields {
				for _, r := range roots {
					if stores[r][f] {
						return true
					}
				}
				if escaped && stores[nil][f] {
					return true
				}
			}
			return false
		}
		header = header || stored("ReadHeaderTimeout", "ReadTimeout")
		idle = idle || stored("IdleTimeout", "ReadTimeout")
		switch {
		case !header && !idle:
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos: node.Pos(), End: node.End(), Category: "serverheadertimeout",
				Message: "http.Server has no ReadHeaderTimeout, ReadTimeout or IdleTimeout: a client that sends its headers slowly (slowloris) or keeps its conn idle holds the conn, its fd and a goroutine forever; set ReadHeaderTimeout and IdleTimeout",
			})
		case !header:
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos: node.Pos(), End: node.End(), Category: "serverheadertimeout",
				Message: "http.Server has no ReadHeaderTimeout or ReadTimeout: a client that sends its headers slowly (slowloris) holds the conn, its fd and a goroutine forever; set ReadHeaderTimeout",
			})
		case !idle && c.cfg.Idle:
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos: node.Pos(), End: node.End(), Category: "serveridletimeout",
				Message: "http.Server has no IdleTimeout or ReadTimeout: an idle keep-alive conn is held open, with its fd and a goroutine, for as long as the client keeps it; set IdleTimeout",
			})
		}
	}
}

// served reports whether the server made at cur is served in the same
// function: a Serve, ServeTLS, ListenAndServe or ListenAndServeTLS method
// called on it directly or through the local variable it is assigned to.
//
//	srv := new(http.Server); srv.Addr = addr; srv.ListenAndServe()
func (c *checker) served(cur inspector.Cursor) bool {
	isServe := func(sel inspector.Cursor) bool {
		name := sel.Node().(*ast.SelectorExpr).Sel.Name
		return sel.ParentEdgeKind() == edge.CallExpr_Fun && slices.Contains([]string{"Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS"}, name)
	}
	k, idx := cur.ParentEdge()
	switch k {
	case edge.SelectorExpr_X:
		return isServe(cur.Parent())
	case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
		var lhs ast.Expr
		switch p := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			if len(p.Lhs) == len(p.Rhs) {
				lhs = p.Lhs[idx]
			}
		case *ast.ValueSpec:
			if len(p.Names) == len(p.Values) {
				lhs = p.Names[idx]
			}
		}
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := c.info.ObjectOf(id).(*types.Var)
		if !ok {
			return false
		}
		fn, ok := enclosingFunc(cur)
		for _, u := range c.varOf(v).uses {
			if ok && fn.Contains(u) && u.ParentEdgeKind() == edge.SelectorExpr_X && isServe(u.Parent()) {
				return true
			}
		}
	}
	return false
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
		for _, f := range serverTimeouts {
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
