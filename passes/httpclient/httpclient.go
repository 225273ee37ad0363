package httpclient

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/closewait/closewait/passes/internal/analysisdoc"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var doc string

// Config holds the options of the httpclient analyzer.
type Config struct {
	// Tests also reports code in _test.go files, whose transports and
	// servers live as long as one test.
	Tests bool
	// Timeout reports requests sent through a client with no Timeout
	// when their context provably has no deadline (opt-in).
	Timeout bool
	// Handlers reports http.Get and friends (http.DefaultClient) called
	// from HTTP handlers (opt-in).
	Handlers bool
	// Idle reports http.Server literals that bound the request headers
	// but not idle keep-alive conns (opt-in).
	Idle bool
}

// Analyzer reports HTTP transports created per request and servers with
// no timeouts.
var Analyzer = New(Config{})

// New returns an httpclient analyzer with its own copy of cfg; its flags
// set that copy, never shared state.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	r := &report.Reporter{Check: "httpclient"}
	a := &analysis.Analyzer{
		Name: "httpclient",
		Doc:  analysisdoc.MustExtract(doc, "httpclient"),
		URL:  "https://pkg.go.dev/github.com/closewait/closewait/passes/httpclient",
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, c, r) },
		// No Requires: the inspector is built in run, only for packages
		// that reach net/http. Requiring inspect.Analyzer would build one
		// for every package in the graph, as this analyzer has facts.
		FactTypes: []analysis.Fact{new(freshTransport)},
	}
	a.Flags.BoolVar(&c.Tests, "tests", c.Tests, "also report code in _test.go files")
	a.Flags.BoolVar(&c.Timeout, "timeout", c.Timeout, "also report requests through a client with no Timeout whose context has no deadline")
	a.Flags.BoolVar(&c.Handlers, "handlers", c.Handlers, "also report http.Get and http.DefaultClient used in HTTP handlers")
	a.Flags.BoolVar(&c.Idle, "idle", c.Idle, "also report http.Server literals with a header timeout but no IdleTimeout")
	r.RegisterFlags(&a.Flags)
	return a
}

// freshTransport is the fact that a function returns a new http.Transport
// on every call or, with Client, an http.Client with its own new
// Transport: a caller that makes one per request strands a pool per
// request.
type freshTransport struct {
	Client bool
}

// AFact marks freshTransport as an analysis fact.
func (*freshTransport) AFact() {}

func (f *freshTransport) String() string {
	if f.Client {
		return "freshTransport(client)"
	}
	return "freshTransport"
}

const (
	httpPath  = "net/http"
	http2Path = "golang.org/x/net/http2"
)

// run works on the syntax tree and types, not on SSA. Everything the
// checks judge is visible in one function's syntax: a composite literal,
// the local variable it is assigned to, and that variable's uses (method
// calls, field stores, being returned, stored or passed on). Following the
// uses of a local *types.Var is the approach of vet's lostcancel and of
// x/tools' sqlrowserr: any use we do not understand is an escape, and an
// escape silences the report, which is the precision we want. SSA would
// add alias precision that these idioms do not need, would tie the pass
// to conntrack.Result.Funcs, and would lose the syntax the server checks
// need anyway (srv.ReadHeaderTimeout = ... stores anywhere in the package,
// keyed fields present or absent in a literal). A variable's uses are
// found on demand, in its scope only, so the cost is a few walks over
// the package plus, per tracked variable, one over its scope.
func run(pass *analysis.Pass, cfg *Config, r *report.Reporter) (any, error) {
	httpPkg := findImport(pass.Pkg, httpPath)
	if httpPkg == nil {
		r.Report(pass, nil) // directives may still need checking
		return nil, nil     // no path to net/http: nothing to report, no facts to export
	}
	files := httpFiles(pass, httpPkg)
	if len(files) == 0 {
		// Reaching net/http through imports is not enough: a package
		// that names nothing of net/http and calls no transport
		// constructor (by fact) can neither leak a pool nor build one.
		r.Report(pass, nil)
		return nil, nil
	}
	c := newChecker(pass, cfg, httpPkg, files)
	c.findCtors()
	c.checkTransports()
	c.checkServers()
	c.checkPackageServe()
	if cfg.Timeout || cfg.Handlers {
		c.checkClientCalls()
	}
	slices.SortStableFunc(c.diags, func(a, b analysis.Diagnostic) int {
		if a.Pos != b.Pos {
			return int(a.Pos - b.Pos)
		}
		return strings.Compare(a.Category, b.Category)
	})
	r.Report(pass, c.diags)
	return nil, nil
}

// findImport returns the package of path among pkg's transitive imports
// (pkg itself included), or nil.
func findImport(pkg *types.Package, path string) *types.Package {
	seen := map[*types.Package]bool{}
	stack := []*types.Package{pkg}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.Path() == path {
			return p
		}
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				stack = append(stack, imp)
			}
		}
	}
	return nil
}

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

// isParam reports whether v is a parameter or a receiver.
func isParam(v *types.Var) bool {
	return v.Kind() == types.ParamVar || v.Kind() == types.RecvVar
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

// ---- types ----

func namedObj(t types.Type) *types.TypeName {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// isNamed reports whether t, or what t points to, is the named type
// path.name.
func isNamed(t types.Type, path, name string) bool {
	obj := namedObj(t)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == path && obj.Name() == name
}

func isTransport(t types.Type) bool {
	return isNamed(t, httpPath, "Transport") || isNamed(t, http2Path, "Transport")
}

func isClient(t types.Type) bool { return isNamed(t, httpPath, "Client") }

func isServer(t types.Type) bool { return isNamed(t, httpPath, "Server") }

// typeName returns "http.Transport" or "http2.Transport" for t.
func typeName(t types.Type) string {
	obj := namedObj(t)
	if obj == nil || obj.Pkg() == nil {
		return "transport"
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

// isPkgFunc reports whether obj is the package-level function path.name
// for one of names.
func isPkgFunc(obj types.Object, path string, names ...string) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Signature().Recv() == nil && slices.Contains(names, fn.Name())
}

// recvIs reports whether method fn's receiver satisfies is.
func recvIs(fn *types.Func, is func(types.Type) bool) bool {
	recv := fn.Signature().Recv()
	return recv != nil && is(recv.Type())
}

func (c *checker) callee(call *ast.CallExpr) types.Object {
	return typeutil.Callee(c.info, call)
}

func (c *checker) inTest(pos token.Pos) bool {
	return !c.cfg.Tests && strings.HasSuffix(c.pass.Fset.Position(pos).Filename, "_test.go")
}

// isHandlerSig reports whether sig is func(http.ResponseWriter, *http.Request).
func isHandlerSig(sig *types.Signature) bool {
	if sig == nil || sig.Params().Len() != 2 {
		return false
	}
	_, isPtr := types.Unalias(sig.Params().At(1).Type()).(*types.Pointer)
	return isNamed(sig.Params().At(0).Type(), httpPath, "ResponseWriter") && isPtr &&
		isNamed(sig.Params().At(1).Type(), httpPath, "Request")
}

// funcSig returns the signature of fn, a FuncDecl or FuncLit.
func (c *checker) funcSig(fn ast.Node) *types.Signature {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := c.info.Defs[fn.Name].(*types.Func); ok {
			return obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ := c.info.TypeOf(fn).(*types.Signature)
		return sig
	}
	return nil
}

// enclosingFunc returns the innermost FuncDecl or FuncLit around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fn != cur {
			return fn, true
		}
	}
	return inspector.Cursor{}, false
}

// constValue returns e's constant value, if any.
func (c *checker) constValue(e ast.Expr) (constant.Value, bool) {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil {
		return nil, false
	}
	return tv.Value, true
}

// positiveOrUnknown reports whether the duration e may be positive: a
// constant must be, anything else (a variable, a config field) is
// assumed to be.
func (c *checker) positiveOrUnknown(e ast.Expr) bool {
	v, ok := c.constValue(e)
	if !ok {
		return true
	}
	return v.Kind() == constant.Int && constant.Sign(v) > 0
}

// keyed returns the values of lit's keyed fields by name; positional
// reports a literal with positional fields.
func keyed(lit *ast.CompositeLit) (fields map[string]ast.Expr, positional bool) {
	fields = map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, true
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			fields[id.Name] = kv.Value
		}
	}
	return fields, false
}

// ---- fresh transports: sources and constructors ----

// freshExpr reports whether e makes a new connection pool each time it
// is evaluated, and names it: an http.Transport literal or new(...)
// without keep-alives turned off, a Clone of one, or a call to a
// constructor of fresh transports (a fact, or this package's).
//
//	&http.Transport{...}
//	new(http.Transport)
//	http.DefaultTransport.(*http.Transport).Clone()
//	newTransport(...), pkg.NewClient(...)    constructors
//
// client reports a constructor's Client (holding a fresh Transport).
func (c *checker) freshExpr(e ast.Expr) (what string, client, ok bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		t := c.info.TypeOf(e)
		if t == nil || !isTransport(t) {
			return "", false, false
		}
		fields, positional := keyed(e)
		if positional {
			return "", false, false
		}
		if v, ok := fields["DisableKeepAlives"]; ok {
			if b, known := c.constValue(v); !known || constant.BoolVal(b) {
				return "", false, false // no pool to leak, or we cannot tell
			}
		}
		return typeName(t), false, true
	case *ast.CallExpr:
		if b, ok := c.callee(e).(*types.Builtin); ok && b.Name() == "new" && len(e.Args) == 1 {
			if t := c.info.TypeOf(e.Args[0]); t != nil && isTransport(t) {
				return "new(" + typeName(t) + ")", false, true
			}
			return "", false, false
		}
		fn, ok := c.callee(e).(*types.Func)
		if !ok {
			return "", false, false
		}
		if fn.Name() == "Clone" && recvIs(fn, func(t types.Type) bool { return isNamed(t, httpPath, "Transport") }) {
			return "http.Transport clone", false, true
		}
		if f := c.ctorFact(fn.Origin()); f != nil {
			if f.Client {
				return "http.Client from " + fn.Name() + " (with its own Transport)", true, true
			}
			return "http.Transport from " + fn.Name(), false, true
		}
	}
	return "", false, false
}

func (c *checker) ctorFact(fn *types.Func) *freshTransport {
	if f, ok := c.ctors[fn]; ok {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	f := new(freshTransport)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// findCtors finds this package's constructors of fresh transports:
// functions whose every return hands back a new Transport, or a new
// Client holding a new Transport, and exports a fact for each. It
// iterates to a fixed point, since a constructor may call another.
//
//	func newTransport() *http.Transport { return &http.Transport{...} }
//	func NewClient() *http.Client { tr := newTransport(); return &http.Client{Transport: tr} }
func (c *checker) findCtors() {
	type cand struct {
		fn     *types.Func
		decl   *ast.FuncDecl
		client bool
	}
	var cands []cand
	for fn, cur := range c.decls {
		res := fn.Signature().Results()
		if res.Len() == 0 || res.Len() > 2 || (res.Len() == 2 && !isError(res.At(1).Type())) {
			continue
		}
		t := res.At(0).Type()
		switch {
		case isClient(t):
			cands = append(cands, cand{fn, cur.Node().(*ast.FuncDecl), true})
		case isTransport(t) || isNamed(t, httpPath, "RoundTripper"):
			cands = append(cands, cand{fn, cur.Node().(*ast.FuncDecl), false})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return report.ComparePos(c.pass.Fset, a.decl.Pos(), b.decl.Pos()) })
	for changed := true; changed; {
		changed = false
		for _, k := range cands {
			if c.ctors[k.fn] == nil && c.isCtor(k.decl, k.client) {
				c.ctors[k.fn] = &freshTransport{Client: k.client}
				changed = true
			}
		}
	}
	for _, k := range cands {
		if f := c.ctors[k.fn]; f != nil {
			c.pass.ExportObjectFact(k.fn, f)
		}
	}
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isCtor reports whether every return of decl hands back a fresh
// transport (or, with client, a client holding one), or nil.
func (c *checker) isCtor(decl *ast.FuncDecl, client bool) bool {
	fresh := 0
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false // naked return of named results: not followed
				return false
			}
			e := ast.Unparen(n.Results[0])
			if id, isID := e.(*ast.Ident); isID && c.info.Uses[id] == types.Universe.Lookup("nil") {
				return false
			}
			if c.freshValue(e, client) {
				fresh++
			} else {
				ok = false
			}
			return false
		}
		return true
	})
	return ok && fresh > 0
}

// freshValue reports whether e is a fresh transport (or, with client, a
// client literal holding one, or a client constructor's result), directly
// or through a local variable declared with one and never reassigned.
func (c *checker) freshValue(e ast.Expr, client bool) bool {
	e = c.through(e)
	if _, isClient, ok := c.freshExpr(e); ok || !client {
		return ok && isClient == client
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok || !isClient(c.info.TypeOf(lit)) {
		return false
	}
	fields, positional := keyed(lit)
	return !positional && fields["Transport"] != nil && c.freshValue(fields["Transport"], false)
}

// through returns the value a never-reassigned local variable e was
// declared with whose keep-alives are not turned off later, or e.
func (c *checker) through(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return e
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || c.varOf(v).reassigned || c.varOf(v).def == nil || v.Parent() == v.Pkg().Scope() {
		return e
	}
	for _, u := range c.varOf(v).uses {
		if k, _ := u.ParentEdge(); k != edge.SelectorExpr_X {
			continue
		}
		sel := u.Parent().Node().(*ast.SelectorExpr)
		if (sel.Sel.Name == "DisableKeepAlives" || sel.Sel.Name == "Transport") && u.Parent().ParentEdgeKind() == edge.AssignStmt_Lhs {
			return e // configured after its declaration: not a plain fresh value
		}
	}
	return c.varOf(v).def
}

func unaddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return ast.Unparen(u.X)
	}
	return e
}

// ---- tracking what a function does with a pool ----

// effects is what a function does with a value that carries a pool.
type effects uint8

const (
	send    effects = 1 << iota // a request goes through it
	release                     // CloseIdleConnections, or keep-alives turned off
	escape                      // returned, stored, captured, passed on: not ours to judge
)

// tracker follows one pool through one function: the source expression,
// then every local variable it is assigned to (directly, or wrapped in a
// Client or a RoundTripper).
type tracker struct {
	c     *checker
	fn    inspector.Cursor // the FuncDecl or FuncLit whose locals we follow
	depth int              // how many parameter summaries deep
	vars  map[*types.Var]bool
	queue []*types.Var
	eff   effects
	sends []inspector.Cursor // where requests go through it, in fn
}

const maxSummaryDepth = 3

func (c *checker) track(fn inspector.Cursor, start []inspector.Cursor, vars []*types.Var, depth int) *tracker {
	t := &tracker{c: c, fn: fn, depth: depth, vars: map[*types.Var]bool{}}
	for _, s := range start {
		t.note(t.from(s), s)
	}
	for _, v := range vars {
		t.addVar(v)
	}
	for len(t.queue) > 0 && t.eff&escape == 0 {
		v := t.queue[0]
		t.queue = t.queue[1:]
		if c.varOf(v).elsewhere {
			t.eff |= escape // used in a file the checks skip
			break
		}
		for _, u := range c.varOf(v).uses {
			if !t.fn.Contains(u) {
				t.eff |= escape // used by another function: captured or global
				break
			}
			t.use(u)
		}
	}
	return t
}

func (t *tracker) note(e effects, at inspector.Cursor) {
	t.eff |= e
	if e&send != 0 {
		t.sends = append(t.sends, at)
	}
}

func (t *tracker) addVar(v *types.Var) {
	if !t.vars[v] {
		t.vars[v] = true
		t.queue = append(t.queue, v)
	}
}

// use classifies one use of a tracked variable. A use inside a nested
// func literal that is not called on the spot (go f(), defer f(), f())
// means the closure holds the pool: only a release counts there.
func (t *tracker) use(u inspector.Cursor) {
	if k, _ := u.ParentEdge(); k == edge.AssignStmt_Lhs {
		return // v = other: the new value is judged on its own
	}
	e := t.from(u)
	if lit, ok := t.nestedLit(u); ok && lit.ParentEdgeKind() != edge.CallExpr_Fun {
		switch {
		case e&release != 0:
			e = release
		case e != 0:
			e = escape
		}
	}
	t.note(e, u)
}

// nestedLit returns the outermost func literal around u inside t.fn.
func (t *tracker) nestedLit(u inspector.Cursor) (inspector.Cursor, bool) {
	var outer inspector.Cursor
	found := false
	for f := range u.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if f == t.fn {
			break
		}
		outer, found = f, true
	}
	return outer, found
}

// from climbs from an expression that carries the pool to what is done
// with it.
//
//	(&http.Client{Transport: X}).Get(u)      through a literal to a method call: send
//	c := &http.Client{Transport: X}          into a local variable: followed
//	return X / s.f = X / f(X)                escape (unless f is known or summarised)
func (t *tracker) from(cur inspector.Cursor) effects {
	for {
		parent := cur.Parent()
		k, idx := cur.ParentEdge()
		switch k {
		case edge.ParenExpr_X, edge.CompositeLit_Elts, edge.TypeAssertExpr_X:
			cur = parent
		case edge.UnaryExpr_X:
			if parent.Node().(*ast.UnaryExpr).Op != token.AND {
				return escape
			}
			cur = parent
		case edge.KeyValueExpr_Value:
			cur = parent.Parent() // the composite literal
		case edge.SelectorExpr_X:
			return t.selector(parent)
		case edge.CallExpr_Args:
			next, e, climb := t.arg(parent, idx)
			if !climb {
				return e
			}
			cur = next
		case edge.AssignStmt_Rhs:
			as := parent.Node().(*ast.AssignStmt)
			if as.Tok != token.DEFINE && as.Tok != token.ASSIGN {
				return escape
			}
			lhs := as.Lhs
			if len(lhs) != len(as.Rhs) {
				if idx != 0 {
					return escape
				}
				lhs = lhs[:1] // v, err := wrap(x)
			}
			return t.define(lhs[idx])
		case edge.ValueSpec_Values:
			vs := parent.Node().(*ast.ValueSpec)
			if idx >= len(vs.Names) {
				return escape
			}
			return t.define(vs.Names[idx])
		case edge.ExprStmt_X:
			return 0
		default:
			return escape
		}
	}
}

// define follows a pool into the variable lhs, if it is a plain local
// variable of t.fn.
func (t *tracker) define(lhs ast.Expr) effects {
	if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
		return t.defineField(sel)
	}
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return escape // stored in an element or through a pointer
	}
	if id.Name == "_" {
		return 0
	}
	v, ok := t.c.info.ObjectOf(id).(*types.Var)
	if !ok || !t.local(v) {
		return escape // a global, a named result, or a captured variable
	}
	t.addVar(v)
	return 0
}

// defineField follows a pool stored as the Transport of a local client
// (c.Transport = tr) into that client; any other field store is an
// escape.
func (t *tracker) defineField(sel *ast.SelectorExpr) effects {
	s, ok := t.c.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 || sel.Sel.Name != "Transport" || !isClient(s.Recv()) {
		return escape
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return escape
	}
	v, ok := t.c.info.Uses[id].(*types.Var)
	if !ok || !t.local(v) {
		return escape
	}
	t.addVar(v)
	return 0
}

// local reports whether v is declared in t.fn, and is not a named result.
func (t *tracker) local(v *types.Var) bool {
	fn := t.fn.Node()
	if v.Pos() < fn.Pos() || v.Pos() >= fn.End() {
		return false
	}
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	return ft.Results == nil || v.Pos() < ft.Results.Pos() || v.Pos() >= ft.Results.End()
}

// selector classifies x.Sel where x carries the pool.
func (t *tracker) selector(selCur inspector.Cursor) effects {
	sel := selCur.Node().(*ast.SelectorExpr)
	s, ok := t.c.info.Selections[sel]
	if !ok {
		return escape
	}
	k, idx := selCur.ParentEdge()
	switch s.Kind() {
	case types.MethodVal:
		if k != edge.CallExpr_Fun {
			return escape // a method value: called who knows when
		}
		return t.c.methodEffect(s.Obj().(*types.Func))
	case types.FieldVal:
		field := s.Obj().(*types.Var)
		if k == edge.AssignStmt_Lhs {
			as := selCur.Parent().Node().(*ast.AssignStmt)
			if field.Name() == "DisableKeepAlives" && len(as.Lhs) == len(as.Rhs) {
				if v, known := t.c.constValue(as.Rhs[idx]); known && !constant.BoolVal(v) {
					return 0
				}
				return release // keep-alives off (or unknown): no pool to leak
			}
			return 0 // configuring it: tr.TLSClientConfig = ..., c.Timeout = ...
		}
		recv := s.Recv()
		if isClient(recv) || isTransport(recv) {
			if field.Name() == "Transport" {
				return escape // c.Transport read: an alias we do not follow
			}
			return 0
		}
		return escape // a field of a wrapper: it may hand the pool on
	}
	return escape
}

// methodEffect is what calling method fn on a pool does.
func (c *checker) methodEffect(fn *types.Func) effects {
	switch fn.Name() {
	case "Do", "Get", "Head", "Post", "PostForm":
		if recvIs(fn, isClient) {
			return send
		}
	case "RoundTrip":
		return send
	case "CloseIdleConnections":
		return release
	}
	if recvIs(fn, isClient) || recvIs(fn, isTransport) {
		return 0 // Clone, RegisterProtocol, CancelRequest, ...
	}
	return escape // a wrapper's own method
}

// arg classifies a pool passed as argument idx of call. climb is true
// when the call's result carries the pool on (a conversion, or a wrapper
// that returns a RoundTripper or a Client).
func (t *tracker) arg(callCur inspector.Cursor, idx int) (next inspector.Cursor, e effects, climb bool) {
	call := callCur.Node().(*ast.CallExpr)
	if tv, ok := t.c.info.Types[call.Fun]; ok && tv.IsType() {
		return callCur, 0, true // http.RoundTripper(tr)
	}
	fn, ok := t.c.callee(call).(*types.Func)
	if !ok {
		return callCur, escape, false // a builtin (append) or a func value
	}
	fn = fn.Origin()
	if isPkgFunc(fn, http2Path, "ConfigureTransport", "ConfigureTransports") {
		return callCur, 0, false // adds HTTP/2 to the same pool
	}
	if t.c.wrapsPool(fn) {
		return callCur, 0, true // otelhttp.NewTransport(tr), &http.Client{...} helpers
	}
	cur, ok := t.c.decls[fn]
	if !ok || call.Ellipsis.IsValid() {
		return callCur, escape, false
	}
	if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel {
		if s, ok := t.c.info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return callCur, escape, false // T.m(recv, args): indices shifted
		}
	}
	return callCur, t.c.summary(fn, cur, idx, t.depth+1), false
}

// wrapsPool reports whether fn looks like a wrapper whose result carries
// its argument's pool: it returns a RoundTripper or a Client (and maybe an
// error). A wrapper that also stored its argument somewhere would hide a
// pool from us; we accept that for the common decorators.
func (c *checker) wrapsPool(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 || res.Len() > 2 || (res.Len() == 2 && !isError(res.At(1).Type())) {
		return false
	}
	if fn.Signature().Recv() != nil {
		return false // a method: may keep its argument in the receiver
	}
	t := res.At(0).Type()
	if isClient(t) || isTransport(t) {
		return true
	}
	return c.roundTripper != nil && (types.Implements(t, c.roundTripper) || types.Implements(types.NewPointer(t), c.roundTripper))
}

// summary returns what fn (of this package) does with its parameter idx:
// fetch(client, url) sends through it and drops it.
func (c *checker) summary(fn *types.Func, decl inspector.Cursor, idx, depth int) effects {
	sig := fn.Signature()
	if idx >= sig.Params().Len() || (sig.Variadic() && idx == sig.Params().Len()-1) {
		return escape
	}
	key := paramKey{fn, idx}
	if e, ok := c.summaries[key]; ok {
		return e
	}
	if c.inProgress[key] || depth > maxSummaryDepth {
		return escape
	}
	c.inProgress[key] = true
	sub := c.track(decl, nil, []*types.Var{sig.Params().At(idx)}, depth)
	delete(c.inProgress, key)
	e := sub.eff
	if e&escape != 0 {
		e = escape
	}
	c.summaries[key] = e
	return e
}

// ---- the transportperrequest check ----

// checkTransports reports fresh pools that a function sends a request
// through and then drops.
func (c *checker) checkTransports() {
	for cur := range c.root.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		what, _, ok := c.freshExpr(cur.Node().(ast.Expr))
		if !ok || c.inTest(cur.Node().Pos()) {
			continue
		}
		fn, ok := enclosingFunc(cur)
		if !ok {
			continue // a package-level variable: built once
		}
		loop, inLoop := loopAround(cur, fn)
		if !inLoop && !c.perRequest(fn) {
			continue // main, init, sync.Once: runs once
		}
		t := c.track(fn, []inspector.Cursor{cur}, nil, 0)
		if t.eff&(escape|release) != 0 || len(t.sends) == 0 {
			continue
		}
		if !inLoop && allBatched(t.sends, cur, fn) {
			continue // one pool reused by a loop of requests: a session, not per request
		}
		c.reportTransport(cur, what, loop, inLoop, t.sends[0])
	}
}

func (c *checker) reportTransport(cur inspector.Cursor, what string, loop inspector.Cursor, inLoop bool, sent inspector.Cursor) {
	node := cur.Node()
	if k, _ := cur.ParentEdge(); k == edge.UnaryExpr_X {
		node = cur.Parent().Node() // &http.Transport{...}
	}
	const consequence = "strands its own pool of idle keep-alive conns (an fd and two goroutines each, until the server or IdleConnTimeout closes them) and dials anew next time (TIME_WAIT churn, ephemeral port exhaustion)"
	var msg string
	if inLoop {
		msg = fmt.Sprintf("%s is created in a loop and dropped after a request: every iteration %s; create it once, before the loop, and reuse it", what, consequence)
	} else {
		msg = fmt.Sprintf("%s is created per call and dropped after a request: every call %s; create it once and reuse it, or call CloseIdleConnections when done", what, consequence)
	}
	d := analysis.Diagnostic{
		Pos: node.Pos(), End: node.End(), Category: "transportperrequest", Message: msg,
		Related: []analysis.RelatedInformation{{Pos: sent.Node().Pos(), End: sent.Node().End(), Message: "request sent here"}},
	}
	if inLoop {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: loop.Node().Pos(), Message: "the loop"})
	}
	c.diags = append(c.diags, d)
}

// loopAround returns the innermost for or range statement inside fn
// whose body holds cur.
func loopAround(cur, fn inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur; c != fn; c = c.Parent() {
		switch c.ParentEdgeKind() {
		case edge.ForStmt_Body, edge.RangeStmt_Body:
			return c.Parent(), true
		}
	}
	return inspector.Cursor{}, false
}

// allBatched reports whether every send is inside a loop (in fn) that
// does not hold src: the function builds one client and reuses it for a
// batch of requests.
func allBatched(sends []inspector.Cursor, src, fn inspector.Cursor) bool {
	for _, s := range sends {
		batched := false
		for c := s; c != fn && !batched; c = c.Parent() {
			switch c.ParentEdgeKind() {
			case edge.ForStmt_Body, edge.RangeStmt_Body:
				batched = !c.Parent().Contains(src)
			}
		}
		if !batched {
			return false
		}
	}
	return true
}

// perRequest reports whether fn may run once per request, as far as
// syntax shows: not main or init, not a func literal handed to sync.Once
// and friends, and, in package main (whose functions mostly run once),
// only HTTP handlers and the closures inside them.
func (c *checker) perRequest(fn inspector.Cursor) bool {
	for f := range fn.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if isHandlerSig(c.funcSig(f.Node())) {
			return true
		}
		if c.runsOnce(f) {
			return false // or a closure inside a function that runs once
		}
	}
	return c.pass.Pkg.Name() != "main"
}

// runsOnce reports whether fn runs once per process (or per test): init,
// main.main, a Test, Benchmark, Example or Fuzz function, or a func
// literal handed to sync.Once.Do, sync.OnceFunc, OnceValue or OnceValues.
func (c *checker) runsOnce(fn inspector.Cursor) bool {
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		if n.Recv != nil {
			return false
		}
		name := n.Name.Name
		if name == "init" || (name == "main" && c.pass.Pkg.Name() == "main") {
			return true
		}
		return strings.HasSuffix(c.pass.Fset.Position(n.Pos()).Filename, "_test.go") &&
			slices.ContainsFunc([]string{"Test", "Benchmark", "Example", "Fuzz"}, func(p string) bool { return strings.HasPrefix(name, p) })
	case *ast.FuncLit:
		if fn.ParentEdgeKind() != edge.CallExpr_Args {
			return false
		}
		callee, ok := c.callee(fn.Parent().Node().(*ast.CallExpr)).(*types.Func)
		if !ok || callee.Pkg() == nil || callee.Pkg().Path() != "sync" {
			return false
		}
		return callee.Name() == "Do" || strings.HasPrefix(callee.Name(), "Once")
	}
	return false
}

// ---- the server checks ----

var serverTimeouts = []string{"ReadHeaderTimeout", "ReadTimeout", "IdleTimeout"}

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

// checkPackageServe reports http.ListenAndServe, ListenAndServeTLS,
// Serve and ServeTLS, called or used as values: they serve with a zero
// http.Server, which has no timeouts and cannot be given any.
func (c *checker) checkPackageServe() {
	for cur := range c.root.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		obj := c.info.Uses[id]
		if !isPkgFunc(obj, httpPath, "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") || c.inTest(id.Pos()) {
			continue
		}
		var node ast.Node = id
		if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			node = cur.Parent().Node()
		}
		c.diags = append(c.diags, analysis.Diagnostic{
			Pos: node.Pos(), End: node.End(), Category: "listenandserve",
			Message: fmt.Sprintf("http.%s serves with a zero http.Server, which has no timeouts: a client that sends its headers slowly (slowloris) or keeps its conn idle holds the conn, its fd and a goroutine forever; use an http.Server with ReadHeaderTimeout and IdleTimeout and call its %s method", obj.Name(), obj.Name()),
		})
	}
}

// ---- the opt-in client checks ----

// checkClientCalls reports, with Handlers, http.Get and friends in HTTP
// handlers and, with Timeout, requests through a client with no Timeout
// whose context provably has no deadline.
func (c *checker) checkClientCalls() {
	if c.pass.Pkg.Path() == httpPath {
		return // http.Get and friends themselves: reported at their callers
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, ok := c.callee(call).(*types.Func)
		if !ok || c.inTest(call.Pos()) {
			continue
		}
		var clientExpr ast.Expr // nil: http.DefaultClient via a package function
		switch {
		case isPkgFunc(fn, httpPath, "Get", "Head", "Post", "PostForm"):
		case recvIs(fn, isClient) && slices.Contains([]string{"Do", "Get", "Head", "Post", "PostForm"}, fn.Name()):
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			clientExpr = sel.X
		default:
			continue
		}
		noDeadline := fn.Name() != "Do" || (len(call.Args) == 1 && c.noDeadline(call.Args[0]))
		if !noDeadline {
			continue
		}
		name := "http." + fn.Name()
		switch clientExpr.(type) {
		case nil:
		case *ast.Ident, *ast.SelectorExpr:
			name = types.ExprString(clientExpr) + "." + fn.Name()
		default:
			name = "(*http.Client)." + fn.Name()
		}
		if c.cfg.Handlers && (clientExpr == nil || c.isDefaultClient(clientExpr)) && c.inHandler(cur) {
			c.diags = append(c.diags, analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: "handlerclient",
				Message: fmt.Sprintf("%s in an HTTP handler goes through http.DefaultClient, which has no Timeout, without the request's context: a slow upstream holds this handler's goroutine and an upstream conn forever, even after the client hangs up; use a shared http.Client with a Timeout and http.NewRequestWithContext(r.Context(), ...)", name),
			})
			continue
		}
		if !c.cfg.Timeout {
			continue
		}
		desc := "http.DefaultClient"
		if clientExpr != nil {
			d, ok := c.zeroTimeout(clientExpr)
			if !ok {
				continue
			}
			desc = d
		}
		c.diags = append(c.diags, analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: "clienttimeout",
			Message: fmt.Sprintf("%s sends through %s, which has no Timeout, with a context that has no deadline: a server that accepts the conn and never answers holds it and this goroutine forever; set the client's Timeout or use http.NewRequestWithContext with a context that has a deadline", name, desc),
		})
	}
}

func (c *checker) isDefaultClient(e ast.Expr) bool { return c.isPkgVar(e, "DefaultClient") }

// isPkgVar reports whether e is net/http's package-level variable name.
func (c *checker) isPkgVar(e ast.Expr, name string) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == httpPath && v.Name() == name && v.Parent() == v.Pkg().Scope()
}

// inHandler reports whether cur is in a func(http.ResponseWriter,
// *http.Request), or in a closure inside one.
func (c *checker) inHandler(cur inspector.Cursor) bool {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if isHandlerSig(c.funcSig(f.Node())) {
			return true
		}
	}
	return false
}

// zeroTimeout reports whether the client e provably has no Timeout: it is
// http.DefaultClient, a literal without Timeout, or an unexported
// variable declared with one that is only ever used as a receiver (so
// nobody can set its Timeout), and describes it.
func (c *checker) zeroTimeout(e ast.Expr) (string, bool) {
	if c.isDefaultClient(e) {
		return "http.DefaultClient", true
	}
	e = ast.Unparen(e)
	desc := "a client"
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.Exported() || c.varOf(v).reassigned || isParam(v) || c.varOf(v).def == nil {
			return "", false
		}
		for _, u := range c.varOf(v).uses {
			if u.ParentEdgeKind() != edge.SelectorExpr_X {
				return "", false // passed on, returned, stored: someone may set Timeout
			}
			sel := u.Parent().Node().(*ast.SelectorExpr)
			if (sel.Sel.Name == "Timeout" || sel.Sel.Name == "Transport") && u.Parent().ParentEdgeKind() == edge.AssignStmt_Lhs {
				return "", false // configured later
			}
		}
		desc = "client " + id.Name
		e = c.varOf(v).def
	}
	lit, ok := unaddr(e).(*ast.CompositeLit)
	if !ok || !isClient(c.info.TypeOf(lit)) {
		return "", false
	}
	fields, positional := keyed(lit)
	if positional {
		return "", false
	}
	if t, ok := fields["Timeout"]; ok && c.positiveOrUnknown(t) {
		return "", false
	}
	if tr, ok := fields["Transport"]; ok && !isNamed(c.info.TypeOf(tr), httpPath, "Transport") && !c.isPkgVar(tr, "DefaultTransport") {
		return "", false // a RoundTripper of its own: it may bound the request, or never dial
	}
	return desc, true
}

// noDeadline reports whether the request e provably carries a context
// with no deadline: a never-reassigned local made by http.NewRequest, or
// by http.NewRequestWithContext with context.Background() or TODO().
func (c *checker) noDeadline(e ast.Expr) bool {
	call, ok := ast.Unparen(c.through(e)).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := c.callee(call)
	switch {
	case isPkgFunc(fn, httpPath, "NewRequest"):
		return true
	case isPkgFunc(fn, httpPath, "NewRequestWithContext") && len(call.Args) > 0:
		ctx, ok := ast.Unparen(c.through(call.Args[0])).(*ast.CallExpr)
		return ok && isPkgFunc(c.callee(ctx), "context", "Background", "TODO")
	}
	return false
}

// httpFiles returns the files of the package that refer to an object of
// net/http or call a function known by fact to return a fresh transport
// or client, in the order of pass.Files. The checks look only at these:
// every value they track starts as an http.Transport, Client or Server
// literal, a call of net/http or a fact-known constructor, and every
// setting they look for (Timeout, ReadHeaderTimeout, ...) is a field or
// method of net/http. A use in another file (a helper whose parameter is
// an interface of another package, say) is a call to a function the
// checks cannot see, which they treat as an escape: a missed report,
// never a false one. Large packages that use net/http in a few files
// (a server's monitoring endpoint) then cost a few files.
func httpFiles(pass *analysis.Pass, httpPkg *types.Package) []*ast.File {
	marked := make(map[*token.File]bool)
	fresh := make(map[*types.Func]bool)
	for id, obj := range pass.TypesInfo.Uses {
		ok := obj.Pkg() == httpPkg
		if fn, isFunc := obj.(*types.Func); !ok && isFunc && fn.Pkg() != nil && fn.Pkg() != pass.Pkg {
			known, seen := fresh[fn]
			if !seen {
				known = pass.ImportObjectFact(fn, new(freshTransport))
				fresh[fn] = known
			}
			ok = known
		}
		if ok {
			marked[pass.Fset.File(id.Pos())] = true
		}
	}
	var files []*ast.File
	for _, f := range pass.Files {
		if marked[pass.Fset.File(f.FileStart)] {
			files = append(files, f)
		}
	}
	return files
}
