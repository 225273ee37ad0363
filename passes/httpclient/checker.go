// This file holds the per-package state of one run (checker) and the
// index it keeps of the package: its functions with bodies (and which
// parameter receives an argument) and, on demand, the uses of the
// variables the checks ask about.

package httpclient

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checker holds the per-package state of one run.
type checker struct {
	pass *analysis.Pass
	cfg  *Config
	info *types.Info
	root inspector.Cursor

	roundTripper *types.Interface // http.RoundTripper

	files map[*token.File]bool             // the files the checks look at (httpFiles)
	vars  map[*types.Var]*varIndex         // the variables asked about so far
	decls map[*types.Func]inspector.Cursor // this package's functions with bodies

	ctors      map[*types.Func]*freshTransport // this package's constructors of fresh transports
	summaries  map[*types.Var]effects          // what this package's functions do with a parameter (summary)
	inProgress map[*types.Var]bool             // the parameters being summarised
	stores     timeoutStores                   // the server timeouts stored in the package, once asked for

	diags []analysis.Diagnostic
}

// newChecker returns the checker of pass's package, looking at files
// only, with its functions indexed.
func newChecker(pass *analysis.Pass, cfg *Config, httpPkg *types.Package, files []*ast.File) *checker {
	c := &checker{
		pass:       pass,
		cfg:        cfg,
		info:       pass.TypesInfo,
		root:       inspector.New(files).Root(),
		files:      map[*token.File]bool{},
		vars:       map[*types.Var]*varIndex{},
		decls:      map[*types.Func]inspector.Cursor{},
		ctors:      map[*types.Func]*freshTransport{},
		summaries:  map[*types.Var]effects{},
		inProgress: map[*types.Var]bool{},
	}
	if tn, ok := httpPkg.Scope().Lookup("RoundTripper").(*types.TypeName); ok {
		c.roundTripper, _ = tn.Type().Underlying().(*types.Interface)
	}
	for _, f := range files {
		c.files[pass.Fset.File(f.FileStart)] = true
	}
	c.index()
	return c
}

// index records the functions with bodies. Variables are indexed on
// demand (varOf): the checks ask about a few variables that hold HTTP
// values, and indexing every identifier of a large package up front cost
// more than the checks themselves.
func (c *checker) index() {
	for file := range c.root.Children() {
		for decl := range file.Children() {
			if fd, ok := decl.Node().(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = decl
				}
			}
		}
	}
}

// A varIndex is what the checks need to know of one variable.
type varIndex struct {
	uses       []inspector.Cursor // every use, in source order
	def        ast.Expr           // the value it is declared with, or nil
	reassigned bool               // assigned again, incremented or address taken
	elsewhere  bool               // a package-level variable also used in files the checks skip
}

// varOf returns the index of v, computing it on first use: the uses are
// the identifiers of v's scope that refer to v (of the whole package for
// package-level variables, this package's or another's).
func (c *checker) varOf(v *types.Var) *varIndex {
	if x, ok := c.vars[v]; ok {
		return x
	}
	x := new(varIndex)
	c.vars[v] = x
	if v.IsField() {
		return x // fields are not tracked as variables
	}
	x.def = c.declValue(v)
	if c.usedElsewhere(v) {
		x.elsewhere, x.reassigned = true, true
	}
	for cur := range c.scopeOf(v).Preorder((*ast.Ident)(nil)) {
		if id := cur.Node().(*ast.Ident); id.Name != v.Name() || c.info.Uses[id] != v {
			continue
		}
		x.uses = append(x.uses, cur)
		x.reassigned = x.reassigned || writes(cur)
	}
	return x
}

// declValue returns the value v is declared with, if v is declared in
// this package, or nil.
func (c *checker) declValue(v *types.Var) ast.Expr {
	cur, ok := c.declIdent(v)
	if !ok {
		return nil
	}
	switch k, idx := cur.ParentEdge(); k {
	case edge.AssignStmt_Lhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		return valueAt(as.Lhs, as.Rhs, idx)
	case edge.ValueSpec_Names:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		return valueAt(make([]ast.Expr, len(vs.Names)), vs.Values, idx)
	}
	return nil
}

// scopeOf returns the syntax in which v may be used: its scope, for a
// variable local to this package, or else the whole package.
func (c *checker) scopeOf(v *types.Var) inspector.Cursor {
	if s := v.Parent(); v.Pkg() == c.pass.Pkg && s != nil && s.Pos().IsValid() {
		if cur, ok := c.root.FindByPos(s.Pos(), s.End()); ok {
			return cur
		}
	}
	return c.root
}

// usedElsewhere reports whether v is a package-level variable used in a
// file outside the checked ones. Such uses are invisible: the checks
// must treat them as unknown uses (escapes).
func (c *checker) usedElsewhere(v *types.Var) bool {
	if v.Parent() == nil || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	for id, obj := range c.info.Uses {
		if obj == v && !c.files[c.pass.Fset.File(id.Pos())] {
			return true
		}
	}
	return false
}

// writes reports whether the use of a variable at cur may change its
// value: it is assigned, incremented, a range key or value, or its
// address is taken (&v: it may be written through the pointer).
func writes(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
		return true
	case edge.UnaryExpr_X:
		return cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND
	}
	return false
}

// setsField reports whether some use of v assigns one of its fields
// (or a field of what it points to) among fields: v.f = ...
func (c *checker) setsField(v *types.Var, fields ...string) bool {
	for _, u := range c.varOf(v).uses {
		if u.ParentEdgeKind() != edge.SelectorExpr_X {
			continue
		}
		sel := u.Parent().Node().(*ast.SelectorExpr)
		if slices.Contains(fields, sel.Sel.Name) && u.Parent().ParentEdgeKind() == edge.AssignStmt_Lhs {
			return true
		}
	}
	return false
}

// declIdent returns the cursor of the identifier that declares v, if v
// is declared in this package by a name (not a blank or unnamed one).
func (c *checker) declIdent(v *types.Var) (inspector.Cursor, bool) {
	if v.Pkg() != c.pass.Pkg || v.Name() == "" || v.Name() == "_" {
		return inspector.Cursor{}, false
	}
	cur, ok := c.root.FindByPos(v.Pos(), v.Pos()+token.Pos(len(v.Name())))
	if !ok {
		return inspector.Cursor{}, false
	}
	id, ok := cur.Node().(*ast.Ident)
	return cur, ok && c.info.Defs[id] == v
}

// valueAt returns the value assigned to lhs[idx]: rhs[idx], or, for
// v, err := f(), the call for idx 0; nil when unknown.
func valueAt(lhs, rhs []ast.Expr, idx int) ast.Expr {
	switch {
	case len(lhs) == len(rhs):
		return rhs[idx]
	case len(rhs) == 1 && idx == 0:
		if _, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
			return rhs[0]
		}
	}
	return nil
}

// paramFor returns the declaration of this package's function that call
// calls, and the parameter that receives argument idx; a nil parameter
// when there is none (another package's function, a func value, f(xs...),
// a method expression T.m(recv, args) whose indices are shifted, a
// variadic parameter).
func (c *checker) paramFor(call *ast.CallExpr, idx int) (inspector.Cursor, *types.Var) {
	fn, ok := c.callee(call).(*types.Func)
	if !ok || call.Ellipsis.IsValid() {
		return inspector.Cursor{}, nil
	}
	fn = fn.Origin()
	decl, ok := c.decls[fn]
	if !ok {
		return inspector.Cursor{}, nil
	}
	if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return inspector.Cursor{}, nil
		}
	}
	params := fn.Signature().Params()
	if idx >= params.Len() || (fn.Signature().Variadic() && idx == params.Len()-1) {
		return inspector.Cursor{}, nil
	}
	return decl, params.At(idx)
}

// report records a finding of category at n.
func (c *checker) report(n ast.Node, category, msg string) {
	c.diags = append(c.diags, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: category, Message: msg})
}
