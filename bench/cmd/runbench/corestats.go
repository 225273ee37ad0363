//go:build unix

package main

import (
	"reflect"
	"time"
)

// coreStats sums, over the packages of a run, what the core's Stats say:
// the declared functions it saw and gave SSA, and its time in choosing
// and building them (SSA) and in the dataflow and facts.
type coreStats struct {
	Decls, Built    int
	SSA, Dataflow   float64 // seconds
	Packages, Empty int     // conntrack actions; those that built nothing
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
}

// share is the fraction of declared functions given SSA, in percent.
func (s coreStats) share() float64 {
	if s.Decls == 0 {
		return 0
	}
	return 100 * float64(s.Built) / float64(s.Decls)
}
