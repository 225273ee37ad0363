package conntrack

import (
	"go/ast"
	"go/constant"
	"go/token"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ssa"
)

// States of one tracked conn on one path. A block's state is the set of
// states its paths can be in, so the lattice has 2^7 elements and the
// dataflow is linear in the number of blocks: no path enumeration.
const (
	sUnborn  uint8 = 1 << iota // not made yet on this path
	sOpen                      // open, owned by this function
	sFailed                    // open, and a read failed or hit EOF
	sClosed                    // closed, or its close deferred
	sGone                      // ownership left the function
	sDead                      // nil: its source failed on this path
	sPending                   // handed to a callee that takes it only if its error is nil (TakesOnNil)

	sLive = sOpen | sFailed
)

// pathState is the state set at one program point, with a witness for
// sFailed: the read that failed.
type pathState struct {
	bits uint8
	read *readSite
}

func (s pathState) merge(t pathState) pathState {
	s.bits |= t.bits
	if s.read == nil {
		s.read = t.read
	}
	return s
}

// move replaces the states in from by to.
func (s pathState) move(from, to uint8) pathState {
	if s.bits&from != 0 {
		s.bits = s.bits&^from | to
	}
	return s
}

// exit is one way out of a function and the states the conn can be in
// there.
type exit struct {
	pos   token.Pos
	isEnd bool // falls off the end of the body: pos is its closing brace
	state pathState
	ret   *ssa.Return
}

// flow runs the forward dataflow of r over fi's function and returns its
// exits (returns; panics and calls that never return are not exits).
func (c *checker) flow(fi *funcInfo, r *resource) []exit {
	if !r.flowed {
		// Summaries and reports both need the exits of an owned
		// parameter; its events never change once tracked.
		r.exits, _ = c.flowProbe(fi, r, nil)
		r.flowed = true
	}
	return r.exits
}

// flowProbe is flow that also returns the states r can be in just before
// each instruction of probes.
func (c *checker) flowProbe(fi *funcInfo, r *resource, probes map[ssa.Instruction]bool) ([]exit, map[ssa.Instruction]uint8) {
	before := make(map[ssa.Instruction]uint8)
	fn := fi.fn
	in := make([]pathState, len(fn.Blocks))
	seen := make([]bool, len(fn.Blocks))
	start := pathState{bits: sUnborn}
	if r.kind != rootSource {
		start.bits = sOpen
	}
	exits := make(map[*ssa.Return]exit)
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	in[0], seen[0] = start, true
	queued := make([]bool, len(fn.Blocks))
	queued[0] = true
	never := fi.neverTaken(c)
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		queued[b.Index] = false
		out, alive := c.transfer(fi, r, b, in[b.Index], exits, probes, before)
		if !alive {
			continue
		}
		for i, succ := range b.Succs {
			if k, ok := never[b]; ok && k == i {
				continue // `err != nil` on an error that is always nil
			}
			s := r.edge(b, i, out)
			if s.bits == 0 {
				continue
			}
			old := in[succ.Index]
			nw := old.merge(s)
			if seen[succ.Index] && nw.bits == old.bits && (nw.read == old.read) {
				continue
			}
			in[succ.Index], seen[succ.Index] = nw, true
			if !queued[succ.Index] {
				queued[succ.Index] = true
				queue = append(queue, succ)
			}
		}
	}
	var list []exit
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if e, ok := exits[ret]; ok {
				list = append(list, e)
			}
		}
	}
	return list, before
}

// transfer applies the instructions of b to state s. It records the state
// at b's return, if any, and reports whether the path survives the block.
func (c *checker) transfer(fi *funcInfo, r *resource, b *ssa.BasicBlock, s pathState, exits map[*ssa.Return]exit,
	probes map[ssa.Instruction]bool, before map[ssa.Instruction]uint8) (pathState, bool) {
	for _, instr := range b.Instrs {
		if fi.kills[instr] {
			return s, false // t.Fatal and friends through an interface
		}
		if probes[instr] {
			before[instr] |= s.bits
		}
		if r.call != nil && instr == ssa.Instruction(r.call) {
			if r.taken {
				// Taken out of its container: owned from here on,
				// unless this path closed or handed it on already.
				s = s.move(sUnborn, sOpen)
			} else {
				s = pathState{bits: sOpen}
			}
		}
		for _, ev := range r.events[instr] {
			switch ev.kind {
			case evClose, evDeferClose:
				s = s.move(r.liveOrHeld()|sPending, sClosed)
			case evEscape, evReturn, evHandoff:
				if ev.onNil {
					s = s.move(r.liveOrHeld(), sPending)
				} else {
					s = s.move(r.liveOrHeld()|sPending, sGone)
				}
			case evDead:
				s = s.move(sLive|sUnborn, sDead)
			case evDrain:
				if s.bits&sOpen != 0 {
					s = s.move(sOpen, sFailed)
					if s.read == nil {
						s.read = ev.read
					}
				}
			}
		}
		if ret, ok := instr.(*ssa.Return); ok {
			// A pending conn leaks on this exit when the callee's error,
			// which says it was not taken, is what the function returns.
			to := sGone
			for _, v := range ret.Results {
				if r.pendErr[v] {
					to = sOpen
				}
			}
			s = s.move(sPending, to)
			e := exit{pos: ret.Pos(), state: s, ret: ret}
			if !e.pos.IsValid() {
				e.pos, e.isEnd = bodyEnd(fi.fn), true
			}
			exits[ret] = e
		}
	}
	return s, true
}

// bodyEnd returns the position of the closing brace of fn's body.
func bodyEnd(fn *ssa.Function) token.Pos {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return fn.Pos()
}

// edge returns the state flowing along the i'th successor edge of b,
// refining s by b's branch condition: on the edge where the conn is nil,
// or its source's error is non-nil, the conn is dead; on the edge where a
// read of it failed, it is failed.
func (r *resource) edge(b *ssa.BasicBlock, i int, s pathState) pathState {
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return s
	}
	if v, ok := constCond(ifInstr.Cond); ok && v != (i == 0) {
		return pathState{} // an edge no execution takes
	}
	if bin, ok := ifInstr.Cond.(*ssa.BinOp); ok && s.bits&sPending != 0 {
		for v := range r.pendErr {
			if isNilCmp(bin, v) {
				if i == eqSucc(bin) { // the error is nil
					s = s.move(sPending, sGone)
				} else {
					s = s.move(sPending, sOpen)
				}
				break
			}
		}
	}
	succ, kind, site := r.classify(ifInstr.Cond)
	if kind == 0 || succ != i {
		return s
	}
	switch kind {
	case edgeDead:
		return s.move(sLive|sUnborn, sDead)
	case edgeFailed:
		if r.res == Body {
			// A failed read of a body (a JSON syntax error) does not
			// drain it: only a drain hands the connection back.
			return s
		}
		if s.bits&sOpen != 0 {
			s = s.move(sOpen, sFailed)
			if s.read == nil {
				s.read = site
			}
		}
	}
	return s
}

type edgeKind int

const (
	edgeDead   edgeKind = iota + 1 // the conn is nil on this edge
	edgeFailed                     // a read of the conn failed on this edge
)

// classify tells which successor of `if cond` is special for r, and how.
// The shapes recognised (and their negations):
//
//	c == nil, c != nil          where c is the conn         -> dead
//	err != nil, err == nil      where err is its source's    -> dead
//	err == ErrX, errors.Is(err, X), errors.As(err, &t)       -> dead
//	err != nil, err == io.EOF   where err is a read's error  -> failed
//	errors.Is(err, io.EOF)                                   -> failed
//	assert.NoError(t, err), assert.Error(t, err)  its source's -> dead
//	!sc.Scan()                  a read's bool                -> failed
//	!ok                         v, ok := m[k] of a taken conn -> dead
//	n == 0, n <= 0              a read's count               -> failed
func (r *resource) classify(cond ssa.Value) (succ int, kind edgeKind, site *readSite) {
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		succ, kind, site = r.classify(not.X)
		return 1 - succ, kind, site
	}
	if r.okVal != nil && cond == r.okVal {
		return 1, edgeDead, nil // v, ok := m[k] with !ok: there was no conn
	}
	if r.errIs[cond] {
		return 0, edgeDead, nil // errors.Is(err, ErrX): err is not nil
	}
	if r.errOK[cond] {
		return 1, edgeDead, nil // assert.NoError(t, err) is false: err is not nil
	}
	if o, ok := r.reads[cond]; ok {
		switch o.flavor {
		case flOK:
			return 1, edgeFailed, o.site
		case flIsEOF:
			return 0, edgeFailed, o.site
		}
	}
	bin, ok := cond.(*ssa.BinOp)
	if !ok {
		return 0, 0, nil
	}
	eq := eqSucc(bin) // the successor where X == Y
	switch {
	case r.nilCmp[bin]:
		return eq, edgeDead, nil
	case r.errCmp[bin]:
		return 1 - eq, edgeDead, nil
	case r.errIs[bin]:
		return eq, edgeDead, nil // err == ErrX: err is not nil
	}
	x, y := bin.X, bin.Y
	o, ok := r.reads[x]
	if !ok {
		o, ok = r.reads[y]
		x, y = y, x
	}
	if !ok {
		return 0, 0, nil
	}
	switch o.flavor {
	case flErr:
		switch {
		case isNil(y) && (bin.Op == token.EQL || bin.Op == token.NEQ):
			return 1 - eq, edgeFailed, o.site
		case isEOFValue(y) && (bin.Op == token.EQL || bin.Op == token.NEQ):
			return eq, edgeFailed, o.site
		}
	case flCount:
		k, ok := y.(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.Int || constant.Sign(k.Value) != 0 || x != bin.X {
			return 0, 0, nil
		}
		switch bin.Op {
		case token.EQL, token.LEQ:
			return 0, edgeFailed, o.site
		case token.NEQ, token.GTR:
			return 1, edgeFailed, o.site
		}
	}
	return 0, 0, nil
}

// constCond returns the value of cond when it is known at compile time.
// go/ssa does not fold `err != nil` where err is a variable that is never
// assigned (a shadowed one, as in `raddr, err := ...; c, err = Dial()`
// inside a case, then `if err != nil` outside it): it compares two nil
// constants.
func constCond(cond ssa.Value) (bool, bool) {
	switch c := cond.(type) {
	case *ssa.Const:
		if c.Value != nil && c.Value.Kind() == constant.Bool {
			return constant.BoolVal(c.Value), true
		}
	case *ssa.BinOp:
		x, ok1 := c.X.(*ssa.Const)
		y, ok2 := c.Y.(*ssa.Const)
		if !ok1 || !ok2 || (c.Op != token.EQL && c.Op != token.NEQ) {
			return false, false
		}
		var eq bool
		switch {
		case x.Value == nil && y.Value == nil:
			eq = true // nil == nil
		case x.Value != nil && y.Value != nil:
			eq = constant.Compare(x.Value, token.EQL, y.Value)
		default:
			return false, false
		}
		return eq == (c.Op == token.EQL), true
	}
	return false, false
}

// eqSucc returns the successor of the If on an == or != comparison
// where its operands are equal.
func eqSucc(bin *ssa.BinOp) int {
	if bin.Op == token.NEQ {
		return 1
	}
	return 0
}

// liveOnlyOnErr reports whether the exits where a parameter is still
// open all return an error that is not nil there, and some do.
func liveOnlyOnErr(exits []exit) bool {
	some := false
	for _, e := range exits {
		if e.state.bits&sLive == 0 {
			continue
		}
		if e.ret == nil || len(e.ret.Results) == 0 || !nonNilErr(e.ret, e.ret.Results[len(e.ret.Results)-1]) {
			return false
		}
		some = true
	}
	return some
}

// nonNilErr reports whether v, the error ret returns, is visibly not nil
// there: a concrete value boxed in the interface, errors.New or
// fmt.Errorf, a package-level error variable, or a value that a
// dominating `v != nil` has tested.
func nonNilErr(ret *ssa.Return, v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return true
		}
	case *ssa.Call:
		if obj, _ := Callee(x.Common()); obj != nil && kn.MakesError(obj.FullName()) {
			return true
		}
	}
	for b := ret.Block().Idom(); b != nil; b = b.Idom() {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		bin, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || !isNilCmp(bin, v) {
			continue
		}
		succ := b.Succs[1-eqSucc(bin)] // where v != nil
		if len(succ.Preds) == 1 && succ.Dominates(ret.Block()) {
			return true
		}
	}
	return false
}
