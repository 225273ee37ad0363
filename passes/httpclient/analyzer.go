// This file wires the analyzer: its Config and flags, the freshTransport
// fact, and run, which picks the files the checks look at and reports
// their findings.

package httpclient

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/closewait/closewait/internal/lean"
	"github.com/closewait/closewait/passes/internal/check"
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"github.com/closewait/closewait/passes/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Config holds the options of the httpclient analyzer.
type Config struct {
	// UnusedIgnores also reports //closewait:ignore directives for this
	// check that suppress nothing (flag -httpclient.unused-ignores).
	UnusedIgnores bool
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
	return check.New(check.Spec{
		Name:          "httpclient",
		Doc:           doc,
		UnusedIgnores: cfg.UnusedIgnores,
		// No Requires: the inspector is built in run, only for packages
		// that reach net/http. Requiring inspect.Analyzer would build one
		// for every package in the graph, as this analyzer has facts.
		FactTypes: []analysis.Fact{new(freshTransport)},
		Run:       func(pass *analysis.Pass, r *report.Reporter) (any, error) { return run(pass, c, r) },
		Flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&c.Tests, "tests", c.Tests, "also report code in _test.go files")
			fs.BoolVar(&c.Timeout, "timeout", c.Timeout, "also report requests through a client with no Timeout whose context has no deadline")
			fs.BoolVar(&c.Handlers, "handlers", c.Handlers, "also report http.Get and http.DefaultClient used in HTTP handlers")
			fs.BoolVar(&c.Idle, "idle", c.Idle, "also report http.Server literals with a header timeout but no IdleTimeout")
		},
	})
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
	httpPkg := passutil.FindImport(pass.Pkg, kn.HTTP)
	if httpPkg == nil || lean.Skipped(pass) {
		// A std package is checked only when CLOSEWAIT_STD selects it, as
		// the core does: std's behaviour is in the knowledge tables, and
		// a driver may have dropped the bodies of the others (lean).
		r.Report(pass, nil) // directives may still need checking
		return nil, nil     // nothing to report, no facts to export
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
	r.Report(pass, c.diags) // in order of file name and offset: see report.ComparePos
	return nil, nil
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
