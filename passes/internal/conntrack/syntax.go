package conntrack

// This file holds the core's syntax lookups: from an SSA position back to
// the file, the enclosing nodes, the call, the return statement and the
// assignment the checks report on.

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// file returns the syntax tree that holds pos.
func (c *checker) file(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// path returns the syntax nodes enclosing pos, innermost first, the file
// last. It finds the top-level declaration by binary search and walks
// only that one: astutil.PathEnclosingInterval lists and sorts every
// declaration of the file at each call, quadratic over a generated file
// with thousands of functions.
func (c *checker) path(pos token.Pos) []ast.Node {
	f := c.file(pos)
	if f == nil || !pos.IsValid() {
		return nil
	}
	i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > pos })
	if i == len(f.Decls) || f.Decls[i].Pos() > pos {
		return []ast.Node{f}
	}
	var path []ast.Node
	ast.Inspect(f.Decls[i], func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		path = append(path, n)
		return true
	})
	slices.Reverse(path)
	return append(path, f)
}

// callExpr returns the call expression whose left parenthesis is at lparen
// (go/ssa positions calls there).
func (c *checker) callExpr(lparen token.Pos) *ast.CallExpr {
	for _, n := range c.path(lparen) {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			return call
		}
	}
	return nil
}

func (c *checker) returnStmt(pos token.Pos) *ast.ReturnStmt {
	for _, n := range c.path(pos) {
		if ret, ok := n.(*ast.ReturnStmt); ok && ret.Return == pos {
			return ret
		}
	}
	return nil
}

// varName returns the name of the variable the source's conn is assigned
// to (`c, err := net.Dial(...)` gives "c"), or "".
func (c *checker) varName(fn *ssa.Function, r *resource) string {
	if r.call == nil {
		return ""
	}
	if lhs := c.lhsOf(r.call.Pos()); lhs != nil {
		return types.ExprString(lhs)
	}
	return ""
}

// lhsOf returns the left-hand operand that receives the conn of the call
// at lparen (see assignOf), or nil when there is none or it is blank.
func (c *checker) lhsOf(lparen token.Pos) ast.Expr {
	as, idx := c.assignOf(lparen)
	if as == nil || idx >= len(as.Lhs) {
		return nil
	}
	if id, ok := as.Lhs[idx].(*ast.Ident); ok && id.Name == "_" {
		return nil
	}
	return as.Lhs[idx]
}

// assignOf returns the assignment whose right-hand side is the call at
// lparen, and the index of the left-hand operand receiving the conn.
func (c *checker) assignOf(lparen token.Pos) (*ast.AssignStmt, int) {
	path := c.path(lparen)
	for i, n := range path {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Lparen != lparen || i+1 >= len(path) {
			continue
		}
		as, ok := path[i+1].(*ast.AssignStmt)
		if !ok {
			return nil, 0
		}
		if len(as.Rhs) == 1 {
			return as, 0
		}
		for j, rhs := range as.Rhs {
			if rhs == call {
				return as, j
			}
		}
	}
	return nil, 0
}
