package conntrack

// This file holds the method's own evidence of owning its receiver's
// conn: a method that closes the conn on its normal exit (a return whose
// error says success, or `return x.conn.Close()`) owns it, so its early
// returns after a failed read leave the conn to nobody.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// closesOnNormalExit reports whether r, a receiver of fi's function, is
// closed on every path to some return that reports success: its error
// result is nil, or is the error of closing r.
func (c *checker) closesOnNormalExit(fi *funcInfo, r *resource) bool {
	closedAt := make(map[token.Pos]bool)
	for _, e := range c.flow(fi, r) {
		if e.state.bits == sClosed {
			closedAt[e.pos] = true
		}
	}
	if len(closedAt) == 0 {
		return false
	}
	for ret := range returns(fi.fn) {
		if len(ret.Results) == 0 {
			continue
		}
		pos := ret.Pos()
		if !pos.IsValid() {
			pos = bodyEnd(fi.fn)
		}
		if !closedAt[pos] {
			continue
		}
		last := ret.Results[len(ret.Results)-1]
		if !isErrorType(last.Type()) {
			continue
		}
		if isNil(last) {
			return true
		}
		if call, ok := last.(*ssa.Call); ok {
			for _, ev := range r.events[call] {
				if ev.kind == evClose {
					return true
				}
			}
		}
	}
	return false
}
