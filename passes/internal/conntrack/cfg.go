package conntrack

// This file holds the walks over a function's control-flow graph that the
// core shares.

import (
	"iter"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// walkStep tells walkFrom what to do after visiting a block.
type walkStep int

const (
	walkOn    walkStep = iota // go on into the block's successors
	walkPrune                 // do not go past this block
	walkStop                  // end the walk
)

// walkFrom visits, depth first, each block reachable from the successors
// of start once (start itself too, if it is on a cycle), and reports
// whether visit ended the walk. It is the core's one reachability walk.
func walkFrom(start *ssa.BasicBlock, visit func(*ssa.BasicBlock) walkStep) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := slices.Clone(start.Succs)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		switch visit(b) {
		case walkStop:
			return true
		case walkOn:
			stack = append(stack, b.Succs...)
		}
	}
	return false
}

// InLoop reports whether b is on a cycle of its function's CFG: control
// can come back to it, as in the next iteration of a loop.
func InLoop(b *ssa.BasicBlock) bool {
	return walkFrom(b, func(x *ssa.BasicBlock) walkStep {
		if x == b {
			return walkStop
		}
		return walkOn
	})
}

// AnyReachable reports whether pred holds for b or for some block
// reachable from it: the checks' entry to the core's reachability walk.
func AnyReachable(b *ssa.BasicBlock, pred func(*ssa.BasicBlock) bool) bool {
	return pred(b) || walkFrom(b, func(x *ssa.BasicBlock) walkStep {
		if pred(x) {
			return walkStop
		}
		return walkOn
	})
}

// returns yields the return statements of fn: the last instruction of
// each block that ends in one.
func returns(fn *ssa.Function) iter.Seq[*ssa.Return] {
	return func(yield func(*ssa.Return) bool) {
		for _, b := range fn.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !yield(ret) {
				return
			}
		}
	}
}
