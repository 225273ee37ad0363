package conntrack

// This file handles callees whose error result is nil at every return
// (a constructor that cannot fail, kept error-returning for its API):
// the caller's `if err != nil` branch on that error runs in no execution,
// so a conn dropped there is no leak.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// alwaysNilErr reports whether fn's last result is an error that every
// return gives as the constant nil.
func alwaysNilErr(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	if res.Len() == 0 || !isErrorType(res.At(res.Len()-1).Type()) || len(fn.Blocks) == 0 {
		return false
	}
	n := 0
	for ret := range returns(fn) {
		if len(ret.Results) != res.Len() || !isNil(ret.Results[len(ret.Results)-1]) {
			return false
		}
		n++
	}
	return n > 0
}

// nilErrConds returns the branch conditions of fn that compare with nil
// the error of a call whose summary says it is always nil, mapped to the
// successor no execution takes.
func (c *checker) nilErrConds(fn *ssa.Function) map[*ssa.BasicBlock]int {
	var out map[*ssa.BasicBlock]int
	for _, b := range fn.Blocks {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		bin, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
			continue
		}
		x := bin.X
		if isNil(x) {
			x = bin.Y
		} else if !isNil(bin.Y) {
			continue
		}
		ex, ok := x.(*ssa.Extract)
		if !ok {
			continue
		}
		call, ok := ex.Tuple.(*ssa.Call)
		if !ok || ex.Index != call.Common().Signature().Results().Len()-1 {
			continue
		}
		s := c.summaryOf(c.resolve(call.Common()))
		if s == nil || !s.NilErr {
			continue
		}
		if out == nil {
			out = make(map[*ssa.BasicBlock]int)
		}
		// err != nil is false: successor 0 never runs; err == nil is
		// true: successor 1 never runs.
		if bin.Op == token.NEQ {
			out[b] = 0
		} else {
			out[b] = 1
		}
	}
	return out
}

// neverTaken returns, once per function, the successors that no
// execution takes because they test an always-nil error, and the
// implicit defaults of enum switches (enumswitch.go).
func (fi *funcInfo) neverTaken(c *checker) map[*ssa.BasicBlock]int {
	if !fi.neverDone {
		fi.never, fi.neverDone = c.enumDefaults(fi.fn, c.nilErrConds(fi.fn)), true
	}
	return fi.never
}
