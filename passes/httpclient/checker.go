// This file holds the per-package state of one run (checker) and the
// index it keeps of the package: its functions with bodies and, on
// demand, the uses of the variables the checks ask about.

package httpclient

import (
	"go/ast"
	"go/token"
	"go/types"

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
	summaries  map[paramKey]effects
	inProgress map[paramKey]bool

	diags []analysis.Diagnostic
}

type paramKey struct {
	fn  *types.Func
	idx int
}

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
		summaries:  map[paramKey]effects{},
		inProgress: map[paramKey]bool{},
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
	local := v.Pkg() == c.pass.Pkg
	if cur, ok := c.declIdent(v); ok {
		switch k, idx := cur.ParentEdge(); k {
		case edge.AssignStmt_Lhs:
			as := cur.Parent().Node().(*ast.AssignStmt)
			x.def = valueAt(as.Lhs, as.Rhs, idx)
		case edge.ValueSpec_Names:
			vs := cur.Parent().Node().(*ast.ValueSpec)
			x.def = valueAt(make([]ast.Expr, len(vs.Names)), vs.Values, idx)
		}
	}
	within := c.root
	if s := v.Parent(); local && s != nil && s.Pos().IsValid() {
		if cur, ok := c.root.FindByPos(s.Pos(), s.End()); ok {
			within = cur
		}
	}
	if v.Parent() != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		// Uses in files outside the checked ones are invisible: the
		// checks must treat them as unknown uses (escapes).
		for id, obj := range c.info.Uses {
			if obj == v && !c.files[c.pass.Fset.File(id.Pos())] {
				x.elsewhere, x.reassigned = true, true
				break
			}
		}
	}
	for cur := range within.Preorder((*ast.Ident)(nil)) {
		if id := cur.Node().(*ast.Ident); id.Name != v.Name() || c.info.Uses[id] != v {
			continue
		}
		x.uses = append(x.uses, cur)
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
			x.reassigned = true
		case edge.UnaryExpr_X:
			if cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				x.reassigned = true // &v: may be written through the pointer
			}
		}
	}
	return x
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
