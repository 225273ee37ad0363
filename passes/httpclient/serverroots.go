// This file matches an http.Server with the timeouts stored into it after
// its literal: the roots (variables, fields, parameters) a server is held
// in, and the timeout fields stored through each root in the package.

package httpclient

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// root identifies where an http.Server lives, so that a literal and a
// later srv.ReadHeaderTimeout = ... store can be matched: a variable (a
// local, a global) or a struct field (s.srv, any s). nil is the wildcard:
// a store through a parameter, an index, a call, a promoted field.
type root = types.Object

// serverStores returns, per root, the timeout fields stored through it
// anywhere in the package (SetKeepAlivesEnabled(false) counts as an idle
// timeout: there are no idle conns).
func (c *checker) serverStores() map[root]map[string]bool {
	stores := map[root]map[string]bool{}
	add := func(r root, field string) {
		if stores[r] == nil {
			stores[r] = map[string]bool{}
		}
		stores[r][field] = true
	}
	for cur := range c.root.Preorder((*ast.SelectorExpr)(nil)) {
		sel := cur.Node().(*ast.SelectorExpr)
		s, ok := c.info.Selections[sel]
		if !ok {
			continue
		}
		switch {
		case s.Kind() == types.FieldVal && isServerField(s.Obj()) && slices.Contains(serverTimeouts, sel.Sel.Name):
			if cur.ParentEdgeKind() != edge.AssignStmt_Lhs {
				continue
			}
			if len(s.Index()) > 1 {
				add(nil, sel.Sel.Name) // promoted through an embedded Server
				continue
			}
			r := c.rootOf(sel.X)
			add(r, sel.Sel.Name)
			if c.mayHoldAnyServer(r) {
				add(nil, sel.Sel.Name) // through a parameter, a type assertion...: any server passed in
			}
		case s.Kind() == types.MethodVal && sel.Sel.Name == "SetKeepAlivesEnabled" && isServer(s.Recv()) && cur.ParentEdgeKind() == edge.CallExpr_Fun:
			call := cur.Parent().Node().(*ast.CallExpr)
			if len(call.Args) == 1 {
				if v, known := c.constValue(call.Args[0]); known && !constant.BoolVal(v) {
					r := c.rootOf(sel.X)
					add(r, "IdleTimeout")
					if c.mayHoldAnyServer(r) {
						add(nil, "IdleTimeout")
					}
				}
			}
		}
	}
	return stores
}

func isServerField(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == httpPath && slices.Contains(serverTimeouts, v.Name())
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

// holders returns the roots an http.Server literal is kept in, whether
// it leaves our sight (returned, passed to a function, which may set its
// fields), and whether it is an httptest fixture.
//
//	srv := &http.Server{...}        root srv, and whatever srv is then stored in
//	s.srv = &http.Server{...}       root field srv
//	ts.Config = &http.Server{...}   httptest fixture
func (c *checker) holders(cur inspector.Cursor) (roots []root, escaped, fixture bool) {
	for {
		parent := cur.Parent()
		k, idx := cur.ParentEdge()
		switch k {
		case edge.ParenExpr_X:
			cur = parent
			continue
		case edge.UnaryExpr_X:
			if parent.Node().(*ast.UnaryExpr).Op == token.AND {
				cur = parent
				continue
			}
		case edge.KeyValueExpr_Value:
			key, ok := parent.Node().(*ast.KeyValueExpr).Key.(*ast.Ident)
			if f, isVar := c.info.Uses[key].(*types.Var); ok && isVar && f.IsField() {
				return []root{f}, false, isFixture(f)
			}
		case edge.AssignStmt_Rhs:
			as := parent.Node().(*ast.AssignStmt)
			if len(as.Lhs) == len(as.Rhs) {
				return c.holdersOf(as.Lhs[idx])
			}
		case edge.ValueSpec_Values:
			vs := parent.Node().(*ast.ValueSpec)
			if len(vs.Names) == len(vs.Values) {
				return c.holdersOf(vs.Names[idx])
			}
		case edge.SelectorExpr_X:
			return nil, false, false // (&http.Server{...}).ListenAndServe()
		case edge.CallExpr_Args:
			if p := c.paramFor(parent.Node().(*ast.CallExpr), idx); p != nil {
				return []root{p}, false, false // run(&http.Server{...}): matches run's stores
			}
		}
		return nil, true, false
	}
}

// holdersOf returns the roots of a server stored into lhs; for a variable,
// also the places the variable is then stored in.
func (c *checker) holdersOf(lhs ast.Expr) (roots []root, escaped, fixture bool) {
	if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok {
			if f, isVar := s.Obj().(*types.Var); isVar && isFixture(f) {
				return nil, false, true
			}
		}
	}
	r := c.rootOf(lhs)
	if r == nil {
		return nil, true, false
	}
	roots = []root{r}
	v, ok := r.(*types.Var)
	if !ok || v.IsField() {
		return roots, false, false
	}
	if c.varOf(v).elsewhere {
		return roots, true, false // used in a file the checks skip
	}
	for _, u := range c.varOf(v).uses {
		k, idx := u.ParentEdge()
		parent := u.Parent()
		if k == edge.UnaryExpr_X && parent.Node().(*ast.UnaryExpr).Op == token.AND {
			k, idx = parent.ParentEdge()
			parent = parent.Parent()
		}
		switch k {
		case edge.AssignStmt_Rhs:
			as := parent.Node().(*ast.AssignStmt)
			if len(as.Lhs) != len(as.Rhs) {
				escaped = true
				continue
			}
			if r2 := c.rootOf(as.Lhs[idx]); r2 != nil {
				roots = append(roots, r2)
			} else {
				escaped = true
			}
			if sel, ok := ast.Unparen(as.Lhs[idx]).(*ast.SelectorExpr); ok {
				if s, ok := c.info.Selections[sel]; ok {
					if f, isVar := s.Obj().(*types.Var); isVar && isFixture(f) {
						fixture = true
					}
				}
			}
		case edge.KeyValueExpr_Value:
			key, _ := parent.Node().(*ast.KeyValueExpr).Key.(*ast.Ident)
			if f, isVar := c.info.Uses[key].(*types.Var); key != nil && isVar && f.IsField() {
				roots = append(roots, f)
				fixture = fixture || isFixture(f)
			} else {
				escaped = true
			}
		case edge.CallExpr_Args:
			if p := c.paramFor(parent.Node().(*ast.CallExpr), idx); p != nil {
				roots = append(roots, p)
				if !isServer(p.Type()) {
					escaped = true // an interface parameter: followed no further than a type assertion
				}
			} else {
				escaped = true
			}
		case edge.ReturnStmt_Results, edge.CompositeLit_Elts, edge.SendStmt_Value:
			escaped = true
		}
	}
	return roots, escaped, fixture
}

// paramFor returns the parameter of this package's function that
// receives argument idx of call, or nil.
func (c *checker) paramFor(call *ast.CallExpr, idx int) *types.Var {
	fn, ok := c.callee(call).(*types.Func)
	if !ok || call.Ellipsis.IsValid() {
		return nil
	}
	fn = fn.Origin()
	if _, ok := c.decls[fn]; !ok {
		return nil
	}
	if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return nil
		}
	}
	params := fn.Signature().Params()
	if idx >= params.Len() || (fn.Signature().Variadic() && idx == params.Len()-1) {
		return nil
	}
	return params.At(idx)
}

func isFixture(f *types.Var) bool {
	if f.Name() != "Config" || f.Pkg() == nil || f.Pkg().Path() != "net/http/httptest" {
		return false
	}
	return true
}
