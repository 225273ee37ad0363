package conntrack

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// summarize computes the summary of fn, a function of this package with a
// body, once. It returns nil while fn's summary is being computed (a
// recursive call) and for skipped functions: callers then treat a conn
// passed to fn as escaping.
func (c *checker) summarize(fn *ssa.Function) *summary {
	if s, ok := c.sums[fn]; ok {
		return s
	}
	if c.busy[fn] {
		return nil
	}
	c.busy[fn] = true
	defer delete(c.busy, fn)
	var s *summary
	c.safely(fn, func() { s = c.computeSummary(fn) })
	c.sums[fn] = s
	return s
}

func (c *checker) computeSummary(fn *ssa.Function) *summary {
	fi := c.info(fn)
	if fi == nil {
		return nil
	}
	s := new(summary)
	if obj := funcObj(fn); obj != nil && c.noRet[obj] {
		s.NoReturn = true
	}
	results := fn.Signature.Results()
	returnsOutcome := results.Len() > 0 && (isErrorType(results.At(results.Len()-1).Type()) || isBool(results.At(results.Len()-1).Type()))
	returnsErr := results.Len() > 0 && isErrorType(results.At(results.Len()-1).Type())
	sockMixed := false // fresh results of several socket kinds
	for _, r := range fi.resources {
		if r.kind == rootSource {
			if r.counts[evEscape]+r.counts[evHandoff] == 0 && r.retIdx[0] && len(r.retIdx) == 1 && returnedOpen(c.flow(fi, r)) {
				if s.Fresh && s.Sock != r.sock {
					sockMixed = true
				}
				s.Fresh = true
				s.Kind = int(r.res)
				s.Accepted = s.Accepted || r.accept
				s.Sock = r.sock
			}
			continue
		}
		exits := c.flow(fi, r)
		var bits uint8
		for _, e := range exits {
			bits |= e.state.bits
		}
		switch {
		case len(exits) == 0:
			if r.closes() || r.escapes() {
				s.Takes = append(s.Takes, r.operand)
			} else {
				s.Borrows = append(s.Borrows, r.operand)
			}
		case bits&sLive == 0 && bits&sClosed != 0 && bits&sGone == 0:
			s.Closes = append(s.Closes, r.operand)
		case r.onlyReturned() && !r.closes():
			s.Aliases = append(s.Aliases, r.operand)
		case bits&(sGone|sClosed) != 0:
			s.Takes = append(s.Takes, r.operand)
			if returnsErr && liveOnlyOnErr(exits) {
				s.TakesOnNil = append(s.TakesOnNil, r.operand)
			}
		default:
			s.Borrows = append(s.Borrows, r.operand)
		}
		if returnsOutcome && r.counts[evRead]+r.counts[evDrain] > 0 {
			s.Reads = append(s.Reads, r.operand)
		}
		if r.counts[evDeadline] > 0 {
			s.Deadlines = append(s.Deadlines, r.operand)
		}
	}
	if sockMixed {
		s.Sock = StreamSocket
	}
	if s.Fresh {
		s.Methods = c.boxedMethods(fn)
	}
	if !s.Fresh {
		s.Sock = StreamSocket
	} else if _, ok := typeSocket(results.At(0).Type()); ok {
		s.Sock = StreamSocket // the result's type says it
	}
	s.NilErr = alwaysNilErr(fn)
	for _, ops := range [][]int{s.Closes, s.Takes, s.TakesOnNil, s.Borrows, s.Reads, s.Aliases, s.Deadlines} {
		slices.Sort(ops)
	}
	return s
}

// onlyReturned reports whether the only way ownership of r leaves the
// function is being returned as result 0.
func (r *resource) onlyReturned() bool {
	return r.counts[evEscape]+r.counts[evHandoff] == 0 && r.counts[evReturn] > 0 && r.retIdx[0] && len(r.retIdx) == 1
}

// exportFacts exports the summaries of this package's declared functions,
// so that callers in other packages know what they do with conns.
func (c *checker) exportFacts() {
	for _, fn := range c.funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil {
			continue // function literals cannot be called from elsewhere
		}
		s := c.summarize(fn)
		if s == nil {
			if c.noRet[obj] {
				continue // already exported
			}
			continue
		}
		if c.noRet[obj] {
			s.NoReturn = true
		}
		if !s.empty() {
			c.pass.ExportObjectFact(obj, s)
		}
	}
}

// opKey names an operand of a function.
type opKey struct {
	fn *ssa.Function
	op int
}

// ownership says why a function owns one of its operands.
type ownership struct {
	goroutine bool // every use of the function hands the conn over with a go statement
	handler   bool // a handler: returns nothing, reads the conn, closes it on some paths
	accepted  bool // goroutine: every conn handed over was accepted by a listener
	deadline  bool // goroutine: some caller set a read deadline before handing it over
}

// ownedOperands decides which parameters and free variables are owned by
// their function, so that leaks of them are reported there:
//
//   - go handle(c) and go func(){ ... c ... }(), when the caller hands c
//     over cleanly (it neither closes nor otherwise shares it) and the
//     function is not also called directly: the goroutine is the owner.
//   - func handle(c net.Conn) with no results, which reads c and closes it
//     on some paths, and is never called directly in this package: a
//     handler that took responsibility for c. Only read failures are
//     reported for these (the CLOSE_WAIT bug), as the caller is unseen.
//     A method with results is such a handler of its receiver when it
//     closes the receiver's conn on a normal exit (evidence.go).
func (c *checker) ownedOperands() map[opKey]ownership {
	direct := make(map[*ssa.Function]bool) // called or used other than by go
	for _, fn := range c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				markDirectRefs(instr, direct)
			}
		}
	}
	clean := make(map[opKey]bool)
	accepted := make(map[opKey]bool)
	deadline := make(map[opKey]bool)
	for _, fn := range c.funcs {
		fi := c.info(fn)
		if fi == nil {
			continue
		}
		for _, r := range fi.resources {
			for _, h := range r.goes {
				k := opKey{h.target, h.operand}
				prev, seen := accepted[k]
				accepted[k] = r.accept && (prev || !seen)
				deadline[k] = deadline[k] || r.counts[evDeadline] > 0
			}
			// Clean: made here, handed to exactly one goroutine, and
			// neither closed nor shared otherwise by the caller.
			ok := r.kind == rootSource && !r.closes() && r.counts[evEscape]+r.counts[evReturn] == 0 &&
				r.counts[evHandoff] == 1
			for _, h := range r.goes {
				k := opKey{h.target, h.operand}
				if prev, seen := clean[k]; seen {
					ok = ok && prev
				}
				clean[k] = ok
			}
		}
	}
	owned := make(map[opKey]ownership)
	goTarget := make(map[*ssa.Function]bool)
	for k, ok := range clean {
		goTarget[k.fn] = true
		if ok && !direct[k.fn] {
			owned[k] = ownership{goroutine: true, accepted: accepted[k], deadline: deadline[k]}
		}
	}
	for _, fn := range c.funcs {
		// The handler rule is for declared functions whose callers are
		// out of sight. Function literals and go targets have all their
		// uses here, and the go-statement rule above decides for them
		// (a literal run as `go func(c net.Conn){...}(conns[i])` may
		// share c with another goroutine).
		hasResults := fn.Signature.Results().Len() > 0
		if fn.Parent() != nil || goTarget[fn] || direct[fn] || (hasResults && fn.Signature.Recv() == nil) {
			continue
		}
		fi := c.info(fn)
		if fi == nil {
			continue
		}
		for _, r := range fi.resources {
			k := opKey{fn, r.operand}
			if _, ok := owned[k]; ok || r.kind != rootParam {
				continue
			}
			if hasResults && (r.operand != 0 || !c.closesOnNormalExit(fi, r)) {
				continue // a method's results may hand the conn's fate to its caller
			}
			if r.closes() && r.counts[evRead]+r.counts[evDrain] > 0 {
				owned[k] = ownership{handler: true}
			}
		}
	}
	return owned
}

// markDirectRefs marks functions that instr uses other than as the callee
// of a go statement or as the body of a closure.
func markDirectRefs(instr ssa.Instruction, direct map[*ssa.Function]bool) {
	var callValue ssa.Value
	_, isGo := instr.(*ssa.Go)
	if ci, ok := instr.(ssa.CallInstruction); ok {
		callValue = ci.Common().Value
	}
	_, isClosure := instr.(*ssa.MakeClosure)
	for i, op := range instr.Operands(nil) {
		fn, ok := (*op).(*ssa.Function)
		if !ok {
			continue
		}
		if isClosure && i == 0 {
			continue // MakeClosure.Fn: uses of the closure are followed separately
		}
		if isGo && ssa.Value(fn) == callValue {
			continue
		}
		direct[fn] = true
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		if fn, ok := mc.Fn.(*ssa.Function); ok {
			for _, ref := range *mc.Referrers() {
				if g, ok := ref.(*ssa.Go); !ok || g.Call.Value != mc {
					direct[fn] = true
				}
			}
		}
	}
}

// returnedOpen reports whether a source's resource, which the function
// returns, is still open on some return: not when every return runs a
// deferred close of it (a helper that reads and closes the body, then
// returns the response for its status and headers).
func returnedOpen(exits []exit) bool {
	for _, e := range exits {
		if e.state.bits&sGone != 0 {
			return true
		}
	}
	return false
}
