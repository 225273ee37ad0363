// This file finds the roots an http.Server literal is held in (the
// variables, fields and parameters it is stored in), so that the stores
// through them count for it, and whether it leaves our sight.

package httpclient

import (
	"go/ast"
	"go/token"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

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
			if f := c.keyField(parent.Node().(*ast.KeyValueExpr)); f != nil {
				return []root{f}, false, isFixture(f)
			}
		case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
			if lhs := assignedTo(cur); lhs != nil {
				return c.holdersOf(lhs)
			}
		case edge.SelectorExpr_X:
			return nil, false, false // (&http.Server{...}).ListenAndServe()
		case edge.CallExpr_Args:
			if _, p := c.paramFor(parent.Node().(*ast.CallExpr), idx); p != nil {
				return []root{p}, false, false // run(&http.Server{...}): matches run's stores
			}
		}
		return nil, true, false
	}
}

// holdersOf returns the roots of a server stored into lhs; for a variable,
// also the places the variable is then stored in.
func (c *checker) holdersOf(lhs ast.Expr) (roots []root, escaped, fixture bool) {
	if c.isFixtureField(lhs) {
		return nil, false, true
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
		more, esc, fix := c.storedAt(u)
		roots = append(roots, more...)
		escaped = escaped || esc
		fixture = fixture || fix
	}
	return roots, escaped, fixture
}

// storedAt returns where the use u of a variable holding a server stores
// the server (v or &v), whether the server leaves our sight there, and
// whether it becomes an httptest fixture.
//
//	other := srv; s.srv = srv; T{srv: srv}; run(srv)    stored
//	return srv; []*http.Server{srv}; ch <- srv          escaped
func (c *checker) storedAt(u inspector.Cursor) (roots []root, escaped, fixture bool) {
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
			return nil, true, false
		}
		lhs := as.Lhs[idx]
		if r := c.rootOf(lhs); r != nil {
			return []root{r}, false, c.isFixtureField(lhs)
		}
		return nil, true, c.isFixtureField(lhs)
	case edge.KeyValueExpr_Value:
		if f := c.keyField(parent.Node().(*ast.KeyValueExpr)); f != nil {
			return []root{f}, false, isFixture(f)
		}
		return nil, true, false
	case edge.CallExpr_Args:
		if _, p := c.paramFor(parent.Node().(*ast.CallExpr), idx); p != nil {
			// An interface parameter is followed no further than a type
			// assertion.
			return []root{p}, !isServer(p.Type()), false
		}
		return nil, true, false
	case edge.ReturnStmt_Results, edge.CompositeLit_Elts, edge.SendStmt_Value:
		return nil, true, false
	}
	return nil, false, false
}

// isFixture reports whether f is httptest.Server's Config.
func isFixture(f *types.Var) bool {
	return f.Name() == "Config" && f.Pkg() != nil && f.Pkg().Path() == kn.HTTPTest
}

// isFixtureField reports whether e selects httptest.Server's Config.
func (c *checker) isFixtureField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.info.Selections[sel]
	if !ok {
		return false
	}
	f, isVar := s.Obj().(*types.Var)
	return isVar && isFixture(f)
}
