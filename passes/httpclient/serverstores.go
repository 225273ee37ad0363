// This file finds the server timeouts stored after a literal, anywhere in
// the package (srv.ReadHeaderTimeout = ...), by the root they are stored
// through: a variable, a field, or, for a store that may reach any server,
// the wildcard.

package httpclient

import (
	"go/ast"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// root identifies where an http.Server lives, so that a literal and a
// later srv.ReadHeaderTimeout = ... store can be matched: a variable (a
// local, a global) or a struct field (s.srv, any s). nil is the wildcard:
// a store through a parameter, an index, a call, a promoted field.
type root = types.Object

// timeoutStores holds, per root, the timeout fields stored through it.
type timeoutStores map[root]map[string]bool

// add records a store of field through r.
func (s timeoutStores) add(r root, field string) {
	if s[r] == nil {
		s[r] = map[string]bool{}
	}
	s[r][field] = true
}

// any reports whether one of fields is stored through one of roots, or,
// for a server that escaped, through the wildcard root.
func (s timeoutStores) any(roots []root, escaped bool, fields ...string) bool {
	for _, f := range fields {
		for _, r := range roots {
			if s[r][f] {
				return true
			}
		}
		if escaped && s[nil][f] {
			return true
		}
	}
	return false
}

// timeoutStores returns the timeout fields stored in the package,
// computing them on first use.
func (c *checker) timeoutStores() timeoutStores {
	if c.stores == nil {
		c.stores = c.serverStores()
	}
	return c.stores
}

// serverStores returns, per root, the timeout fields stored through it
// anywhere in the package (SetKeepAlivesEnabled(false) counts as an idle
// timeout: there are no idle conns). A store through a root that may hold
// any server counts for the wildcard root too.
func (c *checker) serverStores() timeoutStores {
	stores := timeoutStores{}
	for cur := range c.root.Preorder((*ast.SelectorExpr)(nil)) {
		r, field, ok := c.timeoutStore(cur)
		if !ok {
			continue
		}
		stores.add(r, field)
		if c.mayHoldAnyServer(r) {
			stores.add(nil, field) // through a parameter, a type assertion...: any server passed in
		}
	}
	return stores
}

// timeoutStore reports whether the selector at cur stores a timeout into
// a server, which one, and through which root (nil when the field is
// promoted through an embedded Server):
//
//	srv.ReadHeaderTimeout = ...
//	srv.SetKeepAlivesEnabled(false)    IdleTimeout: there are no idle conns
func (c *checker) timeoutStore(cur inspector.Cursor) (r root, field string, ok bool) {
	sel := cur.Node().(*ast.SelectorExpr)
	s, ok := c.info.Selections[sel]
	if !ok {
		return nil, "", false
	}
	switch {
	case s.Kind() == types.FieldVal && isServerField(s.Obj()):
		if cur.ParentEdgeKind() != edge.AssignStmt_Lhs {
			return nil, "", false
		}
		if len(s.Index()) > 1 {
			return nil, sel.Sel.Name, true // promoted through an embedded Server
		}
		return c.rootOf(sel.X), sel.Sel.Name, true
	case s.Kind() == types.MethodVal && sel.Sel.Name == "SetKeepAlivesEnabled" && isServer(s.Recv()) && cur.ParentEdgeKind() == edge.CallExpr_Fun:
		call := cur.Parent().Node().(*ast.CallExpr)
		if len(call.Args) == 1 && c.isFalse(call.Args[0]) {
			return c.rootOf(sel.X), "IdleTimeout", true
		}
	}
	return nil, "", false
}

// isServerField reports whether obj is one of http.Server's timeout
// fields (knowledge.ServerTimeouts).
func isServerField(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == kn.HTTP && kn.IsServerTimeout(v.Name())
}

// mayHoldAnyServer reports whether a store through root r may configure
// a server made elsewhere: r is a parameter, or a local variable not
// declared with a server literal or new(http.Server) (a type assertion, a
// call's result, an element of a map or slice, ...).
func (c *checker) mayHoldAnyServer(r root) bool {
	v, ok := r.(*types.Var)
	if !ok || v.IsField() || v.Pkg() != c.pass.Pkg {
		return false
	}
	if isParam(v) {
		return true
	}
	if v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return false // a package-level variable is a root of its own
	}
	switch def := unaddr(c.varOf(v).def).(type) {
	case *ast.CompositeLit:
		return false
	case *ast.CallExpr:
		if id, ok := ast.Unparen(def.Fun).(*ast.Ident); ok && c.info.Uses[id] == types.Universe.Lookup("new") {
			return false
		}
	}
	return true
}

// rootOf returns the root of the server expression e, or nil (wildcard).
// A parameter is a root of its own: it matches the servers passed to its
// function.
func (c *checker) rootOf(e ast.Expr) root {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := c.info.ObjectOf(e).(*types.Var)
		if !ok {
			return nil
		}
		return v
	case *ast.SelectorExpr:
		if s, ok := c.info.Selections[e]; ok {
			if s.Kind() != types.FieldVal || len(s.Index()) > 1 {
				return nil
			}
			return s.Obj()
		}
		return c.info.Uses[e.Sel] // pkg.Var
	case *ast.StarExpr:
		return c.rootOf(e.X)
	}
	return nil
}
