package conntrack

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/closewait/closewait/internal/lean"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer tracks conns over SSA and computes, once per package, every leak
// that the closewait suite reports. It reports nothing itself: passes
// require it and read its *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "conntrack",
	Doc:        "track net.Conn values over SSA for the closewait suite (reports nothing)",
	URL:        "https://pkg.go.dev/github.com/closewait/closewait/passes/internal/conntrack",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(summary), new(ownerFact)},
}

// ResourceKind says what a tracked value is, and so which pass reports it.
type ResourceKind int

// The kinds of resource the core tracks.
const (
	Conn ResourceKind = iota + 1 // a net.Conn (closewait, connleak, deadline)
	Body                         // an *http.Response whose Body must be closed (httpbody)
	Dup                          // an *os.File dup of a socket from File() (filedup)
)

// resourceOf maps what the knowledge tables say a call returns to the
// kind the core tracks, if it returns a fresh resource at all.
func resourceOf(r kn.Resource) (ResourceKind, bool) {
	switch r {
	case kn.Conn:
		return Conn, true
	case kn.Body:
		return Body, true
	case kn.Dup:
		return Dup, true
	}
	return 0, false
}

// Provenance says how a function came to own a resource.
type Provenance uint8

// The ways a function comes to own a resource.
const (
	// Made: a call in the function made it (a source: Dial, Accept,
	// Get, a constructor whose fact says it returns a fresh one).
	Made Provenance = iota + 1
	// Param: it is a parameter of the function (a goroutine's, or a
	// handler's that owns it).
	Param
	// Captured: it is a variable the function literal captured.
	Captured
	// Taken: the function took it out of a container that owned it
	// (delete(m, k) after m[k], sync.Map's LoadAndDelete); Origin names
	// the container.
	Taken
)

// Kind classifies a leak.
type Kind int

// The kinds of leak, from the most to the least specific.
const (
	// ReadFailure: the conn is open on a path where a read failed or hit
	// EOF, i.e. after the peer may have closed: the CLOSE_WAIT bug.
	ReadFailure Kind = iota + 1
	// NeverClosed: nothing ever closes the conn or takes it over.
	NeverClosed
	// Leak: the conn is open at some other exit.
	Leak
)

// Finding is one leaking conn.
type Finding struct {
	Kind Kind
	// Resource is what leaks: a conn, a response body, a socket dup.
	Resource ResourceKind
	// Pos and End delimit where to report: the leaking exit, or the
	// source for a conn that is never closed.
	Pos, End token.Pos
	// Conn names the conn as the source code does ("c", "s.conn" is never
	// used: fields escape), or describes it ("the conn").
	Conn string
	// From says how the function came to own the conn.
	From Provenance
	// Origin names the call that made the conn ("net.Dial", "Accept");
	// "" unless From is Made.
	Origin string
	// Holds names the conn fields of an owning struct that leaks (a
	// fresh one from a constructor): "conn", "rd, wr"; "" otherwise.
	Holds string
	// SourcePos is where the conn was made or handed over.
	SourcePos token.Pos
	// ReadPos is the failing read (ReadFailure only).
	ReadPos token.Pos
	// Read names the failing read ("c.Read", "io.ReadFull").
	Read string
	// ExitPos is the leaking exit; ExitIsEnd reports that it is the end of
	// the function body rather than a return statement.
	ExitPos   token.Pos
	ExitIsEnd bool
	// Goroutine reports that the function is run by a go statement.
	Goroutine bool
	// Socket reports a file that reached net.FileConn, net.FileListener
	// or net.FilePacketConn (Dup only).
	Socket bool
	// Sock is the kind of socket (Conn only): a stream conn, a packet
	// socket, a listener.
	Sock Socket
	// ByRule reports a source found by the name-and-type rule (a Dial*
	// method of an interface, a func-typed DialContext field) rather than
	// by the tables or a fact.
	ByRule bool
	// Fix, if not nil, closes the conn and is safe to apply.
	Fix *analysis.SuggestedFix
}

// Skip records a function the core did not analyse, and why.
type Skip struct {
	Func   string
	Pos    token.Pos
	Reason string
}

// ConnInfo describes one conn a function owns, for checks that need more
// than its leaks (deadline).
type ConnInfo struct {
	// Resource is what is tracked: a conn, a response, a socket dup.
	Resource ResourceKind
	// Sock is the kind of socket (Conn only).
	Sock Socket
	// Closes reports that the function closes it (or defers its close)
	// on some path.
	Closes bool
	Pos    token.Pos // where it is made, or the parameter
	Name   string    // the variable holding it, or ""
	From   Provenance
	Origin string // the call that made it ("net.Dial", "Accept"); "" unless From is Made
	// Accepted reports a server-side conn: accepted by a TCP listener, or
	// handed to this goroutine by code that accepted it.
	Accepted bool
	// Goroutine reports a parameter or captured variable of a goroutine
	// that owns the conn.
	Goroutine bool
	// FirstRead is the first read of the conn (NoPos if none), Read its
	// name.
	FirstRead token.Pos
	Read      string
	// Deadline reports that a read deadline is set on the conn: here, in
	// a helper (fact), or by the caller before handing it over.
	Deadline bool
	// Escapes reports that ownership may leave the function.
	Escapes bool
}

// Result is what the core computed for one package. It is shared by
// every pass of the package, which may run concurrently: it is never
// changed once built, and its accessors return copies.
type Result struct {
	funcs      []*ssa.Function
	findings   []Finding
	overwrites []Overwrite
	conns      []ConnInfo
	skipped    []Skip
	stats      Stats

	closes func(*ssa.CallCommon, ssa.Value) bool
}

// Funcs returns the package's functions in SSA form, literals included,
// in source order; nil if the package cannot reach package net.
func (r *Result) Funcs() []*ssa.Function { return slices.Clone(r.funcs) }

// Findings returns the leaks found, sorted by position.
func (r *Result) Findings() []Finding { return slices.Clone(r.findings) }

// Overwrites returns the conns lost by overwriting their variable or
// field while they may be open, sorted by position.
func (r *Result) Overwrites() []Overwrite { return slices.Clone(r.overwrites) }

// Conns returns the conns owned by functions of the package, sorted by
// position.
func (r *Result) Conns() []ConnInfo { return slices.Clone(r.conns) }

// Skipped returns the functions that exceeded the budget or crashed the
// analysis. It is empty on well-formed code of reasonable size.
func (r *Result) Skipped() []Skip { return slices.Clone(r.skipped) }

// Stats says what the core built for one package, and what it cost.
type Stats struct {
	// Decls counts the declared functions with a body; Built, those
	// given SSA (all of them with CLOSEWAIT_SSA=full). Both are 0 in a
	// package that cannot reach package net, generated code, and std
	// outside CLOSEWAIT_STD.
	Decls, Built int
	// Rebuilt reports that building SSA with only the imports the
	// selected code names failed, and was done again with all of them.
	Rebuilt bool
	// Split reports that the selected functions were built in two
	// halves at once (buildSplit).
	Split bool
	// SSA is the time spent choosing the functions and building them;
	// Dataflow, the time spent tracking resources and computing facts.
	SSA, Dataflow time.Duration
}

// Stats returns what the core built for the package.
func (r *Result) Stats() Stats { return r.stats }

// maxWork bounds the dataflow work per function: blocks times tracked
// values. Above it a function is skipped and recorded.
const maxWork = 2_000_000

func run(pass *analysis.Pass) (any, error) {
	res := new(Result)
	known := memoNoReturn(pass)
	noRet := astNoReturn(pass, known)
	for obj := range noRet {
		if obj.Pkg() == pass.Pkg {
			pass.ExportObjectFact(obj, &summary{NoReturn: true})
		}
	}
	netPkg := canTouchConns(pass.Pkg)
	if netPkg == nil {
		return res, nil // no conn can reach this package
	}
	if allGenerated(pass) {
		// Generated code (protobuf and gRPC stubs, bundles): its findings
		// are never reported, and its helpers are not where conns are
		// handled. Its no-return facts are exported above.
		return res, nil
	}
	if lean.Skipped(pass) {
		// The standard library's behaviour is in the knowledge tables:
		// building SSA for it as a dependency of every package would cost
		// more than the whole analysis of most programs. CLOSEWAIT_STD
		// selects std packages to check as if they were user code.
		return res, nil
	}
	netConn := connInterface(pass.Pkg, netPkg)
	c := &checker{
		pass:     pass,
		netConn:  netConn,
		sums:     make(map[*ssa.Function]*summary),
		busy:     make(map[*ssa.Function]bool),
		infos:    make(map[*ssa.Function]*funcInfo),
		noRet:    noRet,
		known:    known,
		names:    make(map[*types.Func]string),
		connLike: make(map[types.Type]bool),
		skipped:  make(map[*ssa.Function]string),
		findings: nil,
	}
	// Imported owning types are known from facts before the selection
	// asks; this package's own are learnt from the SSA built for it.
	c.imported = make(map[*types.TypeName]*ownerFact)
	start := time.Now()
	var selected map[*ast.FuncDecl]bool
	if !fullSSA() {
		selected = selectFuncs(pass, c.isConnLike)
	}
	funcs, twins, rebuilt := buildSSA(pass, func(obj *types.Func) bool { return noRet[obj] || known(obj) }, selected)
	res.stats.Rebuilt = rebuilt
	res.stats.Split = twins != nil
	c.funcs, c.twins = funcs, twins
	res.stats.Decls, res.stats.Built = countDecls(pass.Files, selected)
	res.stats.SSA = time.Since(start)
	start = time.Now()
	c.owners = c.learnOwners()
	clear(c.connLike) // this package's owning types are known from here on
	c.check()
	c.exportFacts()
	c.exportOwners()
	res.stats.Dataflow = time.Since(start)
	res.funcs = funcs
	var mu sync.Mutex // passes that share this result may run concurrently
	res.closes = func(common *ssa.CallCommon, v ssa.Value) bool {
		mu.Lock()
		defer mu.Unlock()
		ce := c.resolve(common)
		i := operandIndex(ce, v)
		return i >= 0 && c.effect(ce, i).role == kn.Close
	}
	res.findings = c.findings
	res.conns = c.conns
	res.overwrites = c.overwritten
	slices.SortFunc(res.overwrites, func(a, b Overwrite) int { return report.ComparePos(pass.Fset, a.Pos, b.Pos) })
	slices.SortFunc(res.conns, func(a, b ConnInfo) int { return report.ComparePos(pass.Fset, a.Pos, b.Pos) })
	slices.SortFunc(res.findings, func(a, b Finding) int { return report.ComparePos(pass.Fset, a.Pos, b.Pos) })
	for _, fn := range funcs {
		if why, ok := c.skipped[fn]; ok {
			res.skipped = append(res.skipped, Skip{Func: fn.String(), Pos: fn.Pos(), Reason: why})
		}
	}
	return res, nil
}

// memoNoReturn returns knownNoReturn for the pass, remembering each
// answer: the no-return search asks again on every round of its fixpoint,
// and a fact's import allocates. The halves of a split build (split.go)
// ask from two goroutines.
func memoNoReturn(pass *analysis.Pass) func(*types.Func) bool {
	var mu sync.Mutex
	memo := make(map[*types.Func]bool)
	return func(obj *types.Func) bool {
		mu.Lock()
		defer mu.Unlock()
		v, ok := memo[obj]
		if !ok {
			v = knownNoReturn(pass, obj)
			memo[obj] = v
		}
		return v
	}
}

// knownNoReturn reports whether obj is known, from the tables or from a
// fact, never to return.
func knownNoReturn(pass *analysis.Pass, obj *types.Func) bool {
	if kn.MayNotReturn(obj.Name()) && kn.NoReturn(obj.FullName()) { // FullName allocates: most names never match
		return true
	}
	if obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
		return false
	}
	var s summary
	return pass.ImportObjectFact(obj, &s) && s.NoReturn
}

// checker holds the state of one package's analysis. Nothing in it
// outlives the pass.
type checker struct {
	pass    *analysis.Pass
	netConn *types.Interface
	funcs   []*ssa.Function
	twins   *twins                 // the two programs of a split build, or nil
	noRet   map[*types.Func]bool   // this package's functions that never return
	known   func(*types.Func) bool // other functions known never to return (memoNoReturn)
	names   map[*types.Func]string // FullName by function, for the knowledge tables (key)

	// connLike memoizes isConnLike by type identity (a cache only). Its
	// answers depend on owners, so it is cleared once they are learnt.
	connLike map[types.Type]bool

	sums  map[*ssa.Function]*summary // computed summaries of this package's functions
	busy  map[*ssa.Function]bool     // summaries in progress (recursion)
	infos map[*ssa.Function]*funcInfo

	skipped     map[*ssa.Function]string
	findings    []Finding
	conns       []ConnInfo
	overwritten []Overwrite

	owners     map[*types.TypeName]*ownerFact // owning types declared here (owner.go)
	imported   map[*types.TypeName]*ownerFact // owning types of other packages, nil if not
	declared   map[*types.Func]*ssa.Function  // this package's declared functions by object (devirt.go), built on demand
	memChans   map[*types.Var]bool            // channel fields that this package sends in-memory conns into (container.go), built on demand
	funcFields map[*types.Var]*ssa.Function   // the one function a func-valued field holds (funcfield.go), nil if unknown
	connElems  map[types.Type]bool            // isConn by type (container.go); types compared by identity, so a cache only
}

// check analyses every function: it computes the resources of each, decides
// which parameters and free variables are owned (handed over by a go
// statement, or handlers that close on some paths), then runs the
// dataflow for each owned resource and records leaks.
func (c *checker) check() {
	for _, fn := range c.funcs {
		c.info(fn)
	}
	owned := c.ownedOperands()
	c.overwritten = append(c.overwritten, c.fieldOverwrites(c.closedFields())...)
	for _, fn := range c.funcs {
		fi := c.info(fn)
		if fi == nil {
			continue
		}
		c.safely(fn, func() {
			c.overwritten = append(c.overwritten, c.overwrites(fi)...)
			for _, r := range fi.resources {
				o, isOwned := owned[opKey{fn, r.operand}]
				if r.kind != rootSource && !isOwned {
					continue
				}
				c.report(fi, r, o)
				c.describe(r, o)
			}
		})
	}
}

// safely runs f, turning a panic into a recorded skip of fn, so that one
// malformed or unexpected function never stops the analysis of the others.
func (c *checker) safely(fn *ssa.Function, f func()) {
	defer func() {
		if r := recover(); r != nil {
			c.skipped[fn] = fmt.Sprintf("internal error: %v", r)
		}
	}()
	f()
}

// funcInfo is what the core knows about one function.
type funcInfo struct {
	fn        *ssa.Function
	resources []*resource
	kills     map[ssa.Instruction]bool // calls that never return, found late (interface methods)
	never     map[*ssa.BasicBlock]int  // successors no execution takes (nilerr.go), once computed
	neverDone bool
}

// info returns the resources of fn, computing them once. It returns nil
// for functions without a body and for skipped functions.
func (c *checker) info(fn *ssa.Function) *funcInfo {
	if fi, ok := c.infos[fn]; ok {
		return fi
	}
	c.infos[fn] = nil // recursion guard: callers see "unknown"
	if len(fn.Blocks) == 0 {
		return nil
	}
	if _, skip := c.skipped[fn]; skip {
		return nil
	}
	var fi *funcInfo
	c.safely(fn, func() {
		fi = c.buildInfo(fn)
	})
	c.infos[fn] = fi
	return fi
}

// isConnLike reports whether values of type t can be tracked as a conn
// operand: conns, types with a Close method (a helper that closes an
// io.Closer closes conns too), and interfaces or type parameters that a
// conn satisfies (io.Reader, io.Writer, any), so that helpers taking them
// get a summary instead of making every conn passed to them escape.
func (c *checker) isConnLike(t types.Type) bool {
	v, ok := c.connLike[t]
	if !ok {
		v = c.computeConnLike(t)
		c.connLike[t] = v
	}
	return v
}

func (c *checker) computeConnLike(t types.Type) bool {
	if types.Implements(t, c.netConn) || hasCloseMethod(t) || isResponse(t) || c.isOwner(t) {
		return true
	}
	switch u := t.(type) {
	case *types.TypeParam:
		iface, ok := u.Constraint().Underlying().(*types.Interface)
		return ok && iface.IsMethodSet() && types.Implements(c.netConn, iface)
	case *types.Alias, *types.Named:
		iface, ok := u.Underlying().(*types.Interface)
		return ok && types.Implements(c.netConn, iface)
	case *types.Interface:
		return types.Implements(c.netConn, u)
	}
	return false
}

// hasCloseMethod reports whether t has a method Close() error.
func hasCloseMethod(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Close")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && isErrorType(sig.Results().At(0).Type())
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isResponse reports whether t is *net/http.Response.
func isResponse(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == kn.HTTP && named.Obj().Name() == kn.ResponseType
}

// kindOf returns the kind of resource a parameter of type t holds.
func (c *checker) kindOf(t types.Type) ResourceKind {
	switch {
	case isResponse(t):
		return Body
	case types.Implements(t, c.netConn):
		return Conn
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		if named, ok := types.Unalias(p.Elem()).(*types.Named); ok && named.Obj().Pkg() != nil &&
			named.Obj().Pkg().Path() == "os" && named.Obj().Name() == "File" {
			return Dup
		}
	}
	return Conn
}

// Closes reports whether the call common closes its operand v on every
// path (a helper or function literal whose summary says so).
func (r *Result) Closes(common *ssa.CallCommon, v ssa.Value) bool {
	if r.closes == nil {
		return false
	}
	return r.closes(common, v)
}

// allGenerated reports whether every file of the package is generated.
func allGenerated(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if !report.IsGenerated(f) {
			return false
		}
	}
	return len(pass.Files) > 0
}
