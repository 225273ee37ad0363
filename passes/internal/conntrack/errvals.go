package conntrack

// This file follows values through memory cells (the loads a store
// reaches) and finds the values that hold a source's error, and the
// comparisons and calls that test it: what pairs a nil conn with a
// non-nil error.

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// errorResult returns the value of the last result of call if it is an
// error, else nil.
func errorResult(call *ssa.Call) ssa.Value {
	tup, ok := call.Type().(*types.Tuple)
	if !ok {
		if isErrorType(call.Type()) {
			return call
		}
		return nil
	}
	last := tup.Len() - 1
	if last < 1 || !isErrorType(tup.At(last).Type()) {
		return nil
	}
	return resultValue(call, last)
}

// errAliases returns the values that hold a source's error: the error
// itself, its loads (see withLoads), and the phis that merge it with the
// errors of other sources (`if tls { c, err = tls.Dial(...) } else { c,
// err = net.Dial(...) }; if err != nil`). On a path through the other
// source, this conn is not made yet, so its state is unaffected.
func errAliases(v ssa.Value) []ssa.Value {
	seen := map[ssa.Value]bool{}
	var out []ssa.Value
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		out = append(out, v)
		for _, w := range withLoads(v)[1:] {
			visit(w)
		}
		for _, ref := range *v.Referrers() {
			switch u := ref.(type) {
			case *ssa.Phi:
				visit(u)
			case *ssa.Store:
				// err of the enclosing function, assigned in a closure:
				// resp, err = rt.RoundTrip(req); if err != nil {...}
				if _, ok := u.Addr.(*ssa.FreeVar); ok && u.Val == v {
					for _, w := range loadsReached(u) {
						visit(w)
					}
				}
			}
		}
	}
	visit(v)
	return out
}

// isErrValueCmp reports whether b compares err with a non-nil value
// (err == ErrClosed): where they are equal, err is not nil.
func isErrValueCmp(b *ssa.BinOp, err ssa.Value) bool {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return false
	}
	other := b.Y
	if b.Y == err {
		other = b.X
	} else if b.X != err {
		return false
	}
	return !isNil(other)
}

// isErrorsIsAs reports whether call is errors.Is(err, ...) or
// errors.As(err, ...): where it is true, err is not nil.
func isErrorsIsAs(call *ssa.Call, err ssa.Value) bool {
	fn, ok := call.Common().Value.(*ssa.Function)
	if !ok || fn.Object() == nil || len(call.Common().Args) != 2 || call.Common().Args[0] != err {
		return false
	}
	name := fn.Object().(*types.Func).FullName()
	return name == "errors.Is" || name == "errors.As"
}

// withLoads returns v and the loads that may read v back from a local
// variable it was stored to: loads reachable from the store along the CFG
// with no other store to the variable in between. The error of
// `c, err := net.Dial(...)` goes through memory when err is a named result
// whose address is taken, or a variable captured by a closure:
//
//	t1 = extract t0 #1
//	*err = t1
//	...
//	t2 = *err
//	t3 = t2 != nil
func withLoads(v ssa.Value) []ssa.Value {
	vals := []ssa.Value{v}
	for _, ref := range *v.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != v {
			continue
		}
		if _, ok := st.Addr.(*ssa.Alloc); !ok {
			continue
		}
		vals = append(vals, loadsReached(st)...)
	}
	return vals
}

// loadsReached returns the loads of st's address that st's value may
// reach: a forward walk over the CFG that stops at other stores to the
// address.
func loadsReached(st *ssa.Store) []ssa.Value {
	var loads []ssa.Value
	// scan walks b from instruction i and reports whether the value
	// survives to the end of b.
	scan := func(b *ssa.BasicBlock, i int) bool {
		for ; i < len(b.Instrs); i++ {
			switch u := b.Instrs[i].(type) {
			case *ssa.Store:
				if u.Addr == st.Addr {
					return false
				}
			case *ssa.UnOp:
				if u.Op == token.MUL && u.X == st.Addr {
					loads = append(loads, u)
				}
			}
		}
		return true
	}
	start := st.Block()
	if !scan(start, slices.Index(start.Instrs, ssa.Instruction(st))+1) {
		return loads
	}
	walkFrom(start, func(b *ssa.BasicBlock) walkStep {
		if b == start || !scan(b, 0) {
			return walkPrune // back at the store: it is stored again
		}
		return walkOn
	})
	return loads
}
