package conntrack

import (
	"go/ast"
	"go/types"
	"os"
	"runtime"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// splitMin is the size, in bytes of source, of the selected bodies above
// which the core builds a package's SSA as two halves on two goroutines
// (buildSplit). Below it the second program's set-up costs more than the
// halving saves: about 1 MiB of bodies takes go/ssa 0.3 s to build.
const splitMin = 1 << 20

// splitWanted reports whether the selected bodies of the package should
// be built in two halves. CLOSEWAIT_SSA=split asks for it on every
// package with two selected declarations (for the test that the split
// build finds what a single one does), CLOSEWAIT_SSA=single never.
func splitWanted(selected map[*ast.FuncDecl]bool) bool {
	switch os.Getenv("CLOSEWAIT_SSA") {
	case "single":
		return false
	case "split":
		return len(selected) >= 2
	}
	if runtime.GOMAXPROCS(0) < 2 {
		return false
	}
	size := 0
	for fd := range selected {
		if fd.Body != nil {
			size += int(fd.Body.End() - fd.Body.Pos())
		}
	}
	return size >= splitMin
}

// halve partitions the selected declarations into two sets of about the
// same body size, in source order: deterministic, so that a run builds
// what the last one did.
func halve(files []*ast.File, selected map[*ast.FuncDecl]bool) [2]map[*ast.FuncDecl]bool {
	halves := [2]map[*ast.FuncDecl]bool{make(map[*ast.FuncDecl]bool), make(map[*ast.FuncDecl]bool)}
	var sizes [2]int
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !selected[fd] {
				continue
			}
			i := 0
			if sizes[1] < sizes[0] {
				i = 1
			}
			halves[i][fd] = true
			if fd.Body != nil {
				sizes[i] += int(fd.Body.End() - fd.Body.Pos())
			}
		}
	}
	return halves
}

// twins relates the two programs of a split build. Each declaration of
// the package has its body in one of them (the first, for those built
// in neither); every other package is taken from the first.
type twins struct {
	progs  [2]*ssa.Program
	second map[*types.Func]bool // this package's functions whose body is in progs[1]
}

// function returns the twin of fn that the analysis must see: for a
// declared function or method, the one of the program that holds its
// body; for any other function (literals, wrappers, instances), fn.
func (t *twins) function(fn *ssa.Function) *ssa.Function {
	if t == nil || fn.Parent() != nil || fn.Synthetic != "" {
		return fn
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return fn
	}
	want := t.progs[0]
	if t.second[obj] {
		want = t.progs[1]
	}
	if fn.Prog == want {
		return fn
	}
	if twin := want.FuncValue(obj); twin != nil {
		return twin
	}
	return fn
}

// origin returns the generic function of the instance fn, or nil (as
// fn.Origin does): the twin with the body.
func (t *twins) origin(fn *ssa.Function) *ssa.Function {
	o := fn.Origin()
	if o == nil {
		return nil
	}
	return t.function(o)
}

// global returns the first program's twin of g.
func (t *twins) global(g *ssa.Global) *ssa.Global {
	if t == nil || g.Pkg == nil || g.Pkg.Prog == t.progs[0] {
		return g
	}
	if p := t.progs[0].Package(g.Pkg.Pkg); p != nil {
		if twin := p.Var(g.Name()); twin != nil {
			return twin
		}
	}
	return g
}

// relink makes fn refer to the functions and globals
// that the analysis sees (function, global) instead of their own
// program's: a call from one half into the other then reaches the body.
// Declared functions and globals have no referrers, so only operands
// change.
func (t *twins) relink(fn *ssa.Function) {
	var rands []*ssa.Value
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			rands = in.Operands(rands[:0])
			for _, r := range rands {
				switch v := (*r).(type) {
				case *ssa.Function:
					if twin := t.function(v); twin != v {
						*r = twin
					}
				case *ssa.Global:
					if twin := t.global(v); twin != v {
						*r = twin
					}
				}
			}
		}
	}
}

// buildSplit builds the selected bodies of the package in two programs
// at once, half in each, and relinks them so that the analysis sees one
// package: go/ssa builds one package on one goroutine, and a large test
// package selected almost whole (nats-server's server.test: 8621
// functions, 83% selected) would otherwise keep the other core idle. It
// returns the source functions as buildSSA does, or nil if either build
// failed (the caller then builds the usual way).
func buildSplit(pass *analysis.Pass, noReturn func(*types.Func) bool, selected map[*ast.FuncDecl]bool) ([]*ssa.Function, *twins) {
	halves := halve(pass.Files, selected)
	imports := namedImports(pass, selected) // both programs get all of them: globals are taken from the first
	t := &twins{second: make(map[*types.Func]bool)}
	var wg sync.WaitGroup
	for i, half := range halves {
		files, info := withoutBodies(pass.Files, pass.TypesInfo, half)
		wg.Go(func() { t.progs[i] = buildWith(pass, noReturn, imports, files, info) })
	}
	wg.Wait()
	if t.progs[0] == nil || t.progs[1] == nil {
		return nil, nil
	}
	for fd := range halves[1] {
		if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			t.second[obj] = true
		}
	}
	funcs := sourceFuncs(pass, selected, func(fd *ast.FuncDecl) *ssa.Program {
		if halves[1][fd] {
			return t.progs[1]
		}
		return t.progs[0]
	})
	for _, fn := range funcs { // literals included
		t.relink(fn)
	}
	return funcs, t
}

// samePkg reports whether a and b belong to the same package: by its
// types, as in a split build the two halves have an ssa.Package each.
func samePkg(a, b *ssa.Function) bool {
	return a.Pkg != nil && b.Pkg != nil && a.Pkg.Pkg == b.Pkg.Pkg
}
