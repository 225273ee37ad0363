package conntrack

// This file decides who owns a conn handed to a reader goroutine: when
// the goroutine only borrows the conn (reads or writes it, never closes
// or takes it) and its spawner goes on using the conn after the go
// statement, the spawner is the owner. A leak is then the spawner's, not
// "owned by this goroutine" in the reader.

import (
	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"golang.org/x/tools/go/ssa"
)

// keepReaderHandoffs turns the go statements that hand r to such a
// reader into plain uses (evShared) and forgets them as handoffs.
func (c *checker) keepReaderHandoffs(r *resource) {
	if r.kind != rootSource || len(r.goes) == 0 {
		return
	}
	kept := r.goes[:0]
	for _, h := range r.goes {
		if !c.onlyBorrows(h) || !r.usedAfter(h.stmt) {
			kept = append(kept, h)
			continue
		}
		evs := r.events[h.stmt]
		for i := range evs {
			if evs[i].kind == evHandoff {
				evs[i].kind = evShared
				r.counts[evHandoff]--
				r.counts[evShared]++
			}
		}
	}
	r.goes = kept
}

// onlyBorrows reports whether the goroutine h starts neither closes nor
// takes the conn it is handed, as its summary says.
func (c *checker) onlyBorrows(h handoff) bool {
	s := c.summarize(h.target)
	return s != nil && s.roleOf(h.operand) == kn.Borrow
}

// usedAfter reports whether an instruction that can run after g uses r
// (a member or a view of it).
func (r *resource) usedAfter(g *ssa.Go) bool {
	uses := make(map[ssa.Instruction]bool)
	for _, set := range []map[ssa.Value]bool{r.members, r.views} {
		for v := range set {
			refs := v.Referrers()
			if refs == nil {
				continue
			}
			for _, ref := range *refs {
				if ref != ssa.Instruction(g) {
					uses[ref] = true
				}
			}
		}
	}
	// scan reports whether instrs use r before its source runs again (the
	// next iteration of an accept loop makes another conn).
	scan := func(instrs []ssa.Instruction) (used, redefined bool) {
		for _, in := range instrs {
			if r.call != nil && in == ssa.Instruction(r.call) {
				return false, true
			}
			if uses[in] {
				return true, false
			}
		}
		return false, false
	}
	b := g.Block()
	for i, in := range b.Instrs {
		if in == ssa.Instruction(g) {
			if used, redefined := scan(b.Instrs[i+1:]); used || redefined {
				return used
			}
			break
		}
	}
	return walkFrom(b, func(x *ssa.BasicBlock) walkStep {
		used, redefined := scan(x.Instrs)
		switch {
		case used:
			return walkStop
		case redefined:
			return walkPrune
		}
		return walkOn
	})
}

// borrowsElsewhere reports whether ce, a function or method of another
// package started by a go statement, only borrows operand i according to
// its exported summary: it never closes the conn, stores it or hands it
// on. Calls through an interface or a func value have no summary, and
// stay handoffs.
func (c *checker) borrowsElsewhere(ce callee, i int) bool {
	if ce.invoke || ce.builtin || ce.obj == nil || ce.obj.Pkg() == nil || ce.obj.Pkg() == c.pass.Pkg {
		return false
	}
	s := c.summaryOf(ce)
	return s != nil && !s.NoReturn && s.roleOf(i) == kn.Borrow
}
