package conntrack_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"github.com/closewait/closewait/passes/internal/conntrack"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// coreRunner runs the core on generated single-file packages without
// go/packages: it parses and type-checks the source against the export
// data of the standard library, builds an analysis.Pass the way the
// checker does, and calls the analyzer's Run (and its requirements').
// One runner imports each std package once, so that the fuzzer and the
// benchmarks pay for the program under test, not for loading net.
//
// Facts of imported packages are absent, as for a standard library
// without facts: the core takes std's behaviour from its tables.
type coreRunner struct {
	mu   sync.Mutex // go/importer's importers are not safe for concurrent use
	fset *token.FileSet
	imp  types.Importer
}

func newCoreRunner() *coreRunner {
	fset := token.NewFileSet()
	return &coreRunner{fset: fset, imp: importer.ForCompiler(fset, "gc", nil)}
}

// analyzeSource type-checks src as the package path and runs the core
// on it, failing t if either step fails.
func analyzeSource(t *testing.T, path, src string) (*checked, *conntrack.Result) {
	t.Helper()
	p, err := newCoreRunner().check(path, src)
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := p.analyze()
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

// checked is a parsed and type-checked package, ready to analyse any
// number of times.
type checked struct {
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// check parses and type-checks src as the only file of package path.
func (r *coreRunner) check(path, src string) (*checked, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := parser.ParseFile(r.fset, path+"/gen.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{
		Importer:  r.imp,
		Sizes:     types.SizesFor("gc", runtime.GOARCH),
		GoVersion: "go1.26",
	}
	pkg, err := conf.Check(path, r.fset, []*ast.File{f}, info)
	if err != nil {
		return nil, err
	}
	return &checked{fset: r.fset, files: []*ast.File{f}, pkg: pkg, info: info}, nil
}

// analyze runs the core over p and returns its result and the facts it
// exported.
func (p *checked) analyze() (*conntrack.Result, map[types.Object][]analysis.Fact, error) {
	facts := make(map[types.Object][]analysis.Fact)
	results := make(map[*analysis.Analyzer]any)
	var run func(a *analysis.Analyzer) error
	run = func(a *analysis.Analyzer) error {
		if _, done := results[a]; done {
			return nil
		}
		inputs := make(map[*analysis.Analyzer]any)
		for _, req := range a.Requires {
			if err := run(req); err != nil {
				return err
			}
			inputs[req] = results[req]
		}
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       p.fset,
			Files:      p.files,
			Pkg:        p.pkg,
			TypesInfo:  p.info,
			TypesSizes: types.SizesFor("gc", runtime.GOARCH),
			Module:     &analysis.Module{},
			ResultOf:   inputs,
			Report: func(d analysis.Diagnostic) {
				panic(fmt.Sprintf("%s reported a diagnostic; the core must report nothing: %s", a.Name, d.Message))
			},
			ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
				if obj.Pkg() != p.pkg {
					panic(fmt.Sprintf("%s exported a fact for %s of another package", a.Name, obj))
				}
				facts[obj] = append(facts[obj], fact)
			},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
			ReadFile:          os.ReadFile,
		}
		res, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("%s: %v", a.Name, err)
		}
		if got := reflect.TypeOf(res); got != a.ResultType {
			return fmt.Errorf("%s returned a %v, want %v", a.Name, got, a.ResultType)
		}
		results[a] = res
		return nil
	}
	if err := run(conntrack.Analyzer); err != nil {
		return nil, nil, err
	}
	return results[conntrack.Analyzer].(*conntrack.Result), facts, nil
}

// encodeFacts gob-encodes every fact, in the order of objs, as the
// drivers serialize facts between packages.
func encodeFacts(objs []types.Object, facts map[types.Object][]analysis.Fact) ([]byte, error) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for _, obj := range objs {
		for _, f := range facts[obj] {
			if err := enc.Encode(f); err != nil {
				return nil, fmt.Errorf("fact %v of %s: %v", f, obj, err)
			}
		}
	}
	return buf.Bytes(), nil
}

// buildSSA builds SSA for p as the core does (and as buildssa would):
// the floor under the core's own work.
func (p *checked) buildSSA() *ssa.Package {
	prog := ssa.NewProgram(p.fset, ssa.BuilderMode(0))
	for _, imp := range p.pkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	pkg := prog.CreatePackage(p.pkg, p.files, p.info, false)
	pkg.Build()
	return pkg
}

// blocks returns the number of SSA basic blocks of each function of p
// (literals included) by name: "work", "work$1".
func (p *checked) blocks() map[string]int {
	counts := make(map[string]int)
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		counts[fn.Name()] = len(fn.Blocks)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	pkg := p.buildSSA()
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Function:
			add(m)
		case *ssa.Type:
			// Methods, by "T.M": those of T and of *T.
			mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(m.Type()))
			for i := range mset.Len() {
				if fn := pkg.Prog.MethodValue(mset.At(i)); fn != nil && fn.Pkg == pkg {
					counts[m.Name()+"."+fn.Name()] = len(fn.Blocks)
					for _, anon := range fn.AnonFuncs {
						add(anon)
					}
				}
			}
		}
	}
	return counts
}
