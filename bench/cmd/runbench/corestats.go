//go:build unix

package main

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
)

// coreStats sums, over the packages of a run, what the core's Stats say:
// the declared functions it saw and gave SSA, and its time in choosing
// and building them (SSA) and in the dataflow and facts.
type coreStats struct {
	Decls, Built    int
	SSA, Dataflow   float64 // seconds
	Packages, Empty int     // conntrack actions; those that built nothing
	Rebuilt         int     // packages whose lean SSA build fell back to all imports
	Split           int     // packages built in two halves at once
}

// add adds the Stats of one core Result, read by reflection (the core
// is in passes/internal, which this command cannot import).
func (s *coreStats) add(result any) {
	st, ok := callMethod(result, "Stats")
	if !ok || st.Kind() != reflect.Struct {
		return
	}
	s.Packages++
	num := func(name string) int64 {
		f := st.FieldByName(name)
		if f.IsValid() && f.CanInt() {
			return f.Int()
		}
		return 0
	}
	decls := int(num("Decls"))
	s.Decls += decls
	s.Built += int(num("Built"))
	s.SSA += time.Duration(num("SSA")).Seconds()
	s.Dataflow += time.Duration(num("Dataflow")).Seconds()
	if decls == 0 {
		s.Empty++
	}
	if f := st.FieldByName("Rebuilt"); f.IsValid() && f.Kind() == reflect.Bool && f.Bool() {
		s.Rebuilt++
	}
	if f := st.FieldByName("Split"); f.IsValid() && f.Kind() == reflect.Bool && f.Bool() {
		s.Split++
	}
}

// share is the fraction of declared functions given SSA, in percent.
func (s coreStats) share() float64 {
	if s.Decls == 0 {
		return 0
	}
	return 100 * float64(s.Built) / float64(s.Decls)
}

// probe collects the core's result on every package. The checker keeps
// the results of root actions only, and the core is never a root: the
// probe is an analyzer that requires it and declares a fact type, so
// that the checker runs it wherever the core runs, dependencies
// included, and hands it the core's result there.
type probe struct {
	analyzer *analysis.Analyzer
	mu       sync.Mutex
	results  []probed
}

// probed is the core's result on one package.
type probed struct {
	pkg    string
	result any
}

// probeFact is the probe's fact type; no fact is ever exported.
type probeFact struct{}

func (*probeFact) AFact() {}

// newCoreProbe returns a probe of the analyzer named conntrack that the
// suite's analyzers require, or nil if none does.
func newCoreProbe(suite []*analysis.Analyzer) *probe {
	var core *analysis.Analyzer
	for _, a := range suite {
		for _, req := range a.Requires {
			if req.Name == "conntrack" {
				core = req
			}
		}
	}
	if core == nil {
		return nil
	}
	p := new(probe)
	p.analyzer = &analysis.Analyzer{
		Name:      "coreprobe",
		Doc:       "collect the core's result on every package (runbench)",
		Requires:  []*analysis.Analyzer{core},
		FactTypes: []analysis.Fact{new(probeFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.results = append(p.results, probed{pass.Pkg.Path(), pass.ResultOf[core]})
			return nil, nil
		},
	}
	return p
}

// collected returns the results collected, ordered by package path.
func (p *probe) collected() []probed {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := slices.Clone(p.results)
	slices.SortStableFunc(out, func(a, b probed) int { return strings.Compare(a.pkg, b.pkg) })
	return out
}
