package conntrack

import (
	"go/ast"
	"go/types"
	"os"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/analysis"
)

// fullSSA reports whether CLOSEWAIT_SSA asks for SSA of every function
// ("full"), for the test that selective and full SSA find the same, and
// for debugging a suspected miss of the selection.
func fullSSA() bool { return os.Getenv("CLOSEWAIT_SSA") == "full" }

// selectFuncs decides, from the type-checked syntax alone, which declared
// functions of the package can create, receive, store or close a
// resource, and so need SSA and the dataflow. The others get no SSA body:
// nothing they do can change a finding or a fact.
//
// A function is selected when
//
//  1. its signature or body mentions a value whose type can be or hold a
//     resource (holds: conns, closers, bodies, interfaces with a conn's
//     methods, structs, containers and func types over them);
//  2. one of its parameters (the receiver included) can be tracked
//     (isConnLike: also any, io.Reader, type parameters a conn
//     satisfies): the core computes a summary for it, exported as a
//     fact, and may find the function owns what it is handed;
//  3. it calls a source (the knowledge tables, or a fact saying the
//     result is fresh), or a call the tables describe without a conn in
//     sight (SO_LINGER through syscall);
//  4. it refers to a selected function of the package that has a
//     trackable parameter or result: its summary, a go statement or a
//     direct call decide who owns that parameter, and a trackable
//     result may be a fresh resource without a resource type.
//
// Function literals go with the declaration that holds them. The rule
// errs on the side of building: a function selected for nothing costs
// time, a function wrongly left out could cost a finding.
func selectFuncs(pass *analysis.Pass, connLike func(types.Type) bool) map[*ast.FuncDecl]bool {
	s := &selector{
		pass:     pass,
		connLike: connLike,
		memo:     make(map[types.Type]bool),
		busy:     make(map[types.Type]bool),
	}
	type decl struct {
		fd    *ast.FuncDecl
		relay bool
	}
	byObj := make(map[*types.Func]*decl)
	var decls []*decl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			dc := &decl{fd: fd}
			if obj != nil {
				dc.relay = s.relays(obj.Signature())
				byObj[obj] = dc
			}
			decls = append(decls, dc)
		}
	}
	selected := make(map[*ast.FuncDecl]bool)
	refBy := make(map[*ast.FuncDecl][]*ast.FuncDecl) // selected relays' unselected referrers
	var refs []*types.Func
	for _, dc := range decls {
		refs = refs[:0]
		if s.needs(dc.fd, &refs) {
			selected[dc.fd] = true
			continue
		}
		for _, obj := range refs {
			if g := byObj[obj]; g != nil && g.relay {
				refBy[g.fd] = append(refBy[g.fd], dc.fd)
			}
		}
	}
	// Rule 4, to a fixpoint: a referrer selected because of a relay may
	// be a relay itself.
	var work []*ast.FuncDecl
	for _, dc := range decls {
		if selected[dc.fd] && dc.relay {
			work = append(work, dc.fd)
		}
	}
	relay := make(map[*ast.FuncDecl]bool)
	for _, dc := range decls {
		relay[dc.fd] = dc.relay
	}
	for len(work) > 0 {
		g := work[len(work)-1]
		work = work[:len(work)-1]
		for _, f := range refBy[g] {
			if !selected[f] {
				selected[f] = true
				if relay[f] {
					work = append(work, f)
				}
			}
		}
	}
	return selected
}

// selector holds the memo of one package's selection.
type selector struct {
	pass     *analysis.Pass
	connLike func(types.Type) bool
	memo     map[types.Type]bool // holdsResource, decided
	busy     map[types.Type]bool // holdsResource, in progress (recursive types)
	pending  []types.Type        // "false" answers that depended on a busy type
	depth    int
}

// relays reports whether a function of this signature has an operand
// or result the core can track although its type need not name a
// resource (rule 2, and the results of rule 4).
func (s *selector) relays(sig *types.Signature) bool {
	if r := sig.Recv(); r != nil && s.connLike(r.Type()) {
		return true
	}
	for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tup.Variables() {
			if s.connLike(v.Type()) {
				return true
			}
		}
	}
	return false
}

// needs reports whether fd must be built (rules 1 to 3), and otherwise
// appends to refs the functions of this package it refers to.
func (s *selector) needs(fd *ast.FuncDecl, refs *[]*types.Func) bool {
	info := s.pass.TypesInfo
	if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
		sig := obj.Signature()
		if r := sig.Recv(); r != nil && (s.connLike(r.Type()) || s.holds(r.Type())) {
			return true
		}
		for v := range sig.Params().Variables() {
			if s.connLike(v.Type()) || s.holds(v.Type()) {
				return true
			}
		}
		if s.holds(sig.Results()) {
			return true
		}
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool { return s.visit(n, refs, &found) })
	return found
}

// visit is the body walk of needs for one node: it sets *found if the
// node's value can hold a resource, records references to the package's
// functions, and says whether to go on into the node's children.
func (s *selector) visit(n ast.Node, refs *[]*types.Func, found *bool) bool {
	if *found {
		return false
	}
	info := s.pass.TypesInfo
	switch n := n.(type) {
	case *ast.CallExpr:
		if s.holdsExpr(n) {
			*found = true
			return false
		}
		if fn := calleeFunc(info, n); fn != nil {
			// The callee's own signature says nothing about this
			// function's values: its arguments and result do.
			if s.isSourceCall(fn, refs) {
				*found = true
				return false
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if _, isPkg := info.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
					ast.Inspect(sel.X, func(m ast.Node) bool { return s.visit(m, refs, found) })
				}
			}
			for _, arg := range n.Args {
				ast.Inspect(arg, func(m ast.Node) bool { return s.visit(m, refs, found) })
			}
			return false
		}
	case *ast.Ident:
		switch obj := info.ObjectOf(n).(type) {
		case *types.Var:
			if s.holds(obj.Type()) {
				*found = true
			}
		case *types.Func:
			if obj.Pkg() == s.pass.Pkg {
				*refs = append(*refs, obj.Origin())
			}
			if s.holds(obj.Type()) { // a function value: a callback, a dialer
				*found = true
			}
		}
		return false
	case *ast.FuncLit:
		// Its parameters are Defs, visited as idents; its signature's
		// unnamed parameters are type expressions, visited below.
	case ast.Expr:
		if s.holdsExpr(n) {
			*found = true
			return false
		}
	}
	return true
}

// identOf returns x as an identifier, or nil.
func identOf(x ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(x).(*ast.Ident)
	return id
}

// holdsExpr reports whether the value of e can hold a resource.
func (s *selector) holdsExpr(e ast.Expr) bool {
	tv, ok := s.pass.TypesInfo.Types[e]
	return ok && tv.Type != nil && s.holds(tv.Type)
}

// isSourceCall reports whether a call of fn can make a resource or is
// described by the tables (rule 3); it records fn in refs if it belongs
// to this package (rule 4).
func (s *selector) isSourceCall(fn *types.Func, refs *[]*types.Func) bool {
	pkg := fn.Pkg()
	if pkg == s.pass.Pkg {
		*refs = append(*refs, fn)
		return false
	}
	if pkg == nil {
		return false
	}
	if kn.IsSockoptPackage(pkg.Path()) && fn.Name() == kn.SetsockoptLinger {
		return true
	}
	if f, ok := kn.LookupFunc(fn.FullName()); ok && f.Returns != kn.NoResource {
		return true
	}
	var sum summary
	return s.pass.ImportObjectFact(fn, &sum) && sum.Fresh
}

// holds reports whether a value of type t can be or hold a resource: a
// type with a Close method (conns, listeners, files, bodies, clients,
// owning structs), an interface with one of a conn's methods (io.Reader,
// io.Writer, net.Conn), or a struct, pointer, container, tuple or
// function type over such a type; another package's struct counts by its
// exported and embedded fields only. Recursive types are answered by a
// memo that records a "no" only once it no longer depends on a type
// still being decided.
func (s *selector) holds(t types.Type) bool {
	if t == nil {
		return false
	}
	if v, ok := s.memo[t]; ok {
		return v
	}
	if s.busy[t] {
		s.pending = append(s.pending, nil) // marks the answers above as tentative
		return false
	}
	s.busy[t] = true
	s.depth++
	mark := len(s.pending)
	v := s.compute(t)
	s.depth--
	delete(s.busy, t)
	switch {
	case v || len(s.pending) == mark:
		s.memo[t] = v
	default:
		s.pending = append(s.pending, t)
	}
	if s.depth == 0 {
		if !v {
			// Nothing reached from t holds a resource: the tentative
			// answers were right.
			for _, p := range s.pending {
				if p != nil {
					s.memo[p] = false
				}
			}
		}
		s.pending = s.pending[:0]
	}
	return v
}

func (s *selector) compute(t types.Type) bool {
	switch t := t.(type) {
	case *types.Alias:
		return s.holds(types.Unalias(t))
	case *types.Basic:
		return false
	case *types.Pointer:
		return s.holds(t.Elem())
	case *types.Slice:
		return s.holds(t.Elem())
	case *types.Array:
		return s.holds(t.Elem())
	case *types.Chan:
		return s.holds(t.Elem())
	case *types.Map:
		return s.holds(t.Key()) || s.holds(t.Elem())
	case *types.Tuple:
		for v := range t.Variables() {
			if s.holds(v.Type()) {
				return true
			}
		}
		return false
	case *types.Signature:
		return s.holds(t.Params()) || s.holds(t.Results())
	case *types.Struct:
		for f := range t.Fields() {
			if s.holds(f.Type()) {
				return true
			}
		}
		return false
	case *types.Interface:
		for m := range t.Methods() {
			if _, ok := kn.ConnMethod(m.Name()); ok {
				return true
			}
		}
		for term := range typeTerms(t) {
			if s.holds(term) {
				return true
			}
		}
		return false
	case *types.TypeParam:
		return s.holds(t.Constraint())
	case *types.Named:
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Close"); obj != nil {
			if _, ok := obj.(*types.Func); ok {
				return true
			}
		}
		if s.connLike(t) {
			return true
		}
		if st, ok := t.Underlying().(*types.Struct); ok && t.Obj().Pkg() != s.pass.Pkg {
			// Another package's struct: what its unexported fields hold
			// never reaches this package's values except through its
			// methods, whose calls are judged by their operands and
			// results (a *testing.T holds an io.Writer; a test does not
			// hold a resource by having one).
			for f := range st.Fields() {
				if (f.Exported() || f.Embedded()) && s.holds(f.Type()) {
					return true
				}
			}
			return false
		}
		return s.holds(t.Underlying())
	}
	return true // a type this rule does not know: build
}

// typeTerms yields the types of the union terms embedded in a
// constraint interface (interface{ *net.TCPConn | *net.UnixConn }).
func typeTerms(iface *types.Interface) func(yield func(types.Type) bool) {
	return func(yield func(types.Type) bool) {
		for e := range iface.EmbeddedTypes() {
			u, ok := e.(*types.Union)
			if !ok {
				if !yield(e) {
					return
				}
				continue
			}
			for i := range u.Len() {
				if !yield(u.Term(i).Type()) {
					return
				}
			}
		}
	}
}
