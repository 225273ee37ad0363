package conntrack

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/closewait/closewait/internal/lean"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds SSA for the package under analysis and returns its source
// functions (declarations and, depth first, their function literals) in
// source order. If selected is not nil, only the declarations it holds
// get a body (see selectFuncs); the others are built as functions without
// one, as for a declaration implemented in assembly, and are left out of
// the result. It reports whether it had to build again with every import
// (see buildWith). A large selection is built in two halves at once
// (buildSplit); t relates them then, and is nil otherwise.
//
// We build SSA ourselves instead of requiring buildssa: buildssa requires
// ctrlflow, which builds a CFG for every function of every package in the
// import graph. closewait needs SSA only for packages that can touch conns,
// and knows no-return functions from its own facts and tables.
func buildSSA(pass *analysis.Pass, noReturn func(*types.Func) bool, selected map[*ast.FuncDecl]bool) (funcs []*ssa.Function, t *twins, rebuilt bool) {
	if selected != nil && splitWanted(selected) {
		if funcs, t := buildSplit(pass, noReturn, selected); funcs != nil {
			return funcs, t, false
		}
	}
	files, info := pass.Files, pass.TypesInfo
	var prog *ssa.Program
	if selected != nil {
		files, info = withoutBodies(pass.Files, pass.TypesInfo, selected)
		prog = buildWith(pass, noReturn, namedImports(pass, selected), files, info)
	}
	if prog == nil {
		rebuilt = selected != nil
		prog = ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
		prog.SetNoReturn(noReturn)
		for _, p := range pass.Pkg.Imports() {
			prog.CreatePackage(p, nil, nil, true)
		}
		prog.CreatePackage(pass.Pkg, files, info, false).Build()
	}
	return sourceFuncs(pass, selected, func(*ast.FuncDecl) *ssa.Program { return prog }), nil, rebuilt
}

// sourceFuncs returns the functions of the declarations selected holds
// (all if nil) and, depth first, their function literals, in source
// order, each from the program progOf says holds its body.
func sourceFuncs(pass *analysis.Pass, selected map[*ast.FuncDecl]bool, progOf func(*ast.FuncDecl) *ssa.Program) (funcs []*ssa.Function) {
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || (selected != nil && !selected[fd]) {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue // type information may be incomplete
			}
			if f := progOf(fd).FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	return funcs
}

// buildWith builds the package's SSA from files and info, creating, of
// its imports, only those given: the packages whose functions or
// variables the code it builds names (namedImports). Creating a package
// makes a member for every object of its scope, which cost, for every
// package, about as much as building the functions it analyses. The
// package initializer is built bare (no calls of the imports'
// initializers), as nothing reads it. It returns nil if go/ssa still
// wanted a package it was not given (it panics then), so that the
// caller builds again with every import.
func buildWith(pass *analysis.Pass, noReturn func(*types.Func) bool, imports []*types.Package, files []*ast.File, info *types.Info) (prog *ssa.Program) {
	defer func() {
		if recover() != nil {
			prog = nil
		}
	}()
	prog = ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(noReturn)
	for _, p := range imports {
		prog.CreatePackage(p, nil, nil, true)
	}
	prog.CreatePackage(pass.Pkg, files, info, false).Build()
	return prog
}

// namedImports returns, in import order, the other packages whose
// package-level functions and variables the selected declarations and
// the package's variable declarations name: those go/ssa looks up as
// members when it builds them.
func namedImports(pass *analysis.Pass, selected map[*ast.FuncDecl]bool) []*types.Package {
	// The spans of the selected bodies and of the variable
	// declarations, in source order: one pass over Uses, keeping the
	// other packages' package-level functions and variables used inside
	// a span, is much cheaper than walking those bodies.
	var spans [][2]token.Pos
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if selected[d] && d.Body != nil {
					spans = append(spans, [2]token.Pos{d.Body.Pos(), d.Body.End()})
				}
			case *ast.GenDecl:
				if d.Tok == token.VAR {
					spans = append(spans, [2]token.Pos{d.Pos(), d.End()})
				}
			}
		}
	}
	slices.SortFunc(spans, func(a, b [2]token.Pos) int { return int(a[0]) - int(b[0]) })
	inSpan := func(pos token.Pos) bool {
		i, found := slices.BinarySearchFunc(spans, pos, func(s [2]token.Pos, p token.Pos) int { return int(s[0]) - int(p) })
		if found {
			return true
		}
		return i > 0 && pos < spans[i-1][1]
	}
	named := make(map[*types.Package]bool)
	for id, obj := range pass.TypesInfo.Uses {
		switch obj.(type) {
		case *types.Func, *types.Var:
		default:
			continue
		}
		p := obj.Pkg()
		if p == nil || p == pass.Pkg || named[p] || obj.Parent() != p.Scope() || !inSpan(id.Pos()) {
			continue
		}
		named[p] = true
	}
	var out []*types.Package
	seen := make(map[*types.Package]bool)
	var add func(ps []*types.Package)
	add = func(ps []*types.Package) {
		for _, p := range ps {
			if named[p] && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	add(pass.Pkg.Imports())
	// A name can belong to a package that is not a direct import (an
	// alias's target, a dot import): add those too, sorted by path.
	var rest []*types.Package
	for p := range named {
		if !seen[p] {
			rest = append(rest, p)
		}
	}
	slices.SortFunc(rest, func(a, b *types.Package) int { return strings.Compare(a.Path(), b.Path()) })
	return append(out, rest...)
}

// countDecls returns the number of declared functions with a body and
// how many of them selected holds (all if selected is nil).
func countDecls(files []*ast.File, selected map[*ast.FuncDecl]bool) (decls, built int) {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				decls++
				if selected == nil || selected[fd] {
					built++
				}
			}
		}
	}
	return decls, built
}

// withoutBodies returns shallow copies of the files in which the
// declarations with a body that selected does not hold have none, and a
// copy of info that knows the copies' Go versions (go/ssa looks them up
// by file). The syntax and the type information are shared, never
// changed: other analyzers read them concurrently.
func withoutBodies(files []*ast.File, info *types.Info, selected map[*ast.FuncDecl]bool) ([]*ast.File, *types.Info) {
	out := make([]*ast.File, len(files))
	var versions map[*ast.File]string
	for i, f := range files {
		out[i] = f
		var decls []ast.Decl
		for j, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || selected[fd] {
				continue
			}
			if decls == nil {
				decls = slices.Clone(f.Decls)
			}
			bare := *fd
			bare.Body = nil
			decls[j] = &bare
		}
		if decls == nil {
			continue
		}
		cp := *f
		cp.Decls = decls
		out[i] = &cp
		if info.FileVersions != nil {
			if versions == nil {
				versions = maps.Clone(info.FileVersions)
			}
			if v, ok := info.FileVersions[f]; ok {
				versions[&cp] = v
			}
		}
	}
	if versions == nil {
		return out, info
	}
	cp := *info
	cp.FileVersions = versions
	return out, &cp
}

// canTouchConns reports whether pkg can hold a net.Conn: whether it imports
// package net, directly or through its imports. Through export data, an
// imported package lists the packages its API refers to, which is exactly
// what matters: a package whose API never mentions a conn cannot hand one
// out.
func canTouchConns(pkg *types.Package) *types.Package {
	return passutil.FindImport(pkg, kn.Net)
}

// astNoReturn computes, from syntax alone, the functions of the package that
// never return: their body has no return statement and ends in a call that
// never returns, a panic, `select {}`, or a `for` loop without condition and
// without break. It is cheap enough to run on every package, so no-return
// facts exist for logging helpers in packages that never touch a conn.
func astNoReturn(pass *analysis.Pass, known func(*types.Func) bool) map[*types.Func]bool {
	type decl struct {
		obj  *types.Func
		body *ast.BlockStmt
	}
	var decls []decl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !lean.MayNotReturn(fd) {
				continue // a driver may have dropped the body (lean.Trim)
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			decls = append(decls, decl{obj, fd.Body})
		}
	}
	result := make(map[*types.Func]bool)
	isNoReturn := func(obj *types.Func) bool { return result[obj] || known(obj) }
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			if result[d.obj] {
				continue
			}
			if endsNoReturn(pass.TypesInfo, d.body.List[len(d.body.List)-1], isNoReturn) {
				result[d.obj] = true
				changed = true
			}
		}
	}
	return result
}

// endsNoReturn reports whether executing stmt never completes normally.
func endsNoReturn(info *types.Info, stmt ast.Stmt, noReturn func(*types.Func) bool) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "panic"
			}
		}
		fn := calleeFunc(info, call)
		return fn != nil && noReturn(fn)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body)
	case *ast.SelectStmt:
		return len(s.Body.List) == 0
	case *ast.BlockStmt:
		return len(s.List) > 0 && endsNoReturn(info, s.List[len(s.List)-1], noReturn)
	}
	return false
}

// hasBreak reports whether body contains a break or goto statement
// (conservatively, at any depth outside function literals).
func hasBreak(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BranchStmt:
			if n.Tok == token.BREAK || n.Tok == token.GOTO {
				found = true
			}
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// calleeFunc returns the function or method statically called by call, or
// nil.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	case *ast.IndexExpr: // generic instantiation f[T](...)
		if x, ok := fun.X.(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	if fn != nil {
		fn = fn.Origin()
	}
	return fn
}

// connInterface returns the interface net.Conn as pkg sees it. When pkg
// reaches net only through other packages, its net may be partial: the
// go vet driver (unitchecker) imports from export data, where an
// indirectly imported package holds just the objects that the imported
// APIs mention, so Conn may be missing although types that implement it
// are visible (a library's conn type whose methods name net.Addr and
// time.Time, never net.Conn). The interface is then rebuilt from
// net.Addr and time.Time: method sets match by name and signature, so
// the rebuilt interface has the same implementations. Without net.Addr
// (or time.Time) no visible method can match LocalAddr (or SetDeadline),
// so nothing in pkg can be a conn, and the result is an interface that
// nothing implements.
func connInterface(pkg, netPkg *types.Package) *types.Interface {
	if tn, ok := netPkg.Scope().Lookup("Conn").(*types.TypeName); ok {
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			return iface
		}
	}
	addr, _ := netPkg.Scope().Lookup("Addr").(*types.TypeName)
	var timeT *types.TypeName
	if tp := passutil.FindImport(pkg, kn.Time); tp != nil {
		timeT, _ = tp.Scope().Lookup("Time").(*types.TypeName)
	}
	if addr == nil || timeT == nil {
		// A method no type can have: Go identifiers cannot contain '#'.
		never := types.NewFunc(token.NoPos, nil, "#", types.NewSignatureType(nil, nil, nil, nil, nil, false))
		return types.NewInterfaceType([]*types.Func{never}, nil).Complete()
	}
	errT := types.Universe.Lookup("error").Type()
	tuple := func(ts ...types.Type) *types.Tuple {
		vars := make([]*types.Var, len(ts))
		for i, t := range ts {
			vars[i] = types.NewParam(token.NoPos, nil, "", t)
		}
		return types.NewTuple(vars...)
	}
	method := func(name string, params, results *types.Tuple) *types.Func {
		return types.NewFunc(token.NoPos, nil, name, types.NewSignatureType(nil, nil, nil, params, results, false))
	}
	bytes := types.NewSlice(types.Typ[types.Byte])
	ms := []*types.Func{
		method("Read", tuple(bytes), tuple(types.Typ[types.Int], errT)),
		method("Write", tuple(bytes), tuple(types.Typ[types.Int], errT)),
		method("Close", nil, tuple(errT)),
		method("LocalAddr", nil, tuple(addr.Type())),
		method("RemoteAddr", nil, tuple(addr.Type())),
		method("SetDeadline", tuple(timeT.Type()), tuple(errT)),
		method("SetReadDeadline", tuple(timeT.Type()), tuple(errT)),
		method("SetWriteDeadline", tuple(timeT.Type()), tuple(errT)),
	}
	return types.NewInterfaceType(ms, nil).Complete()
}
