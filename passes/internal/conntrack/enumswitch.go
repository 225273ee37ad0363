package conntrack

// This file finds the implicit default of an enum switch: a switch with
// no default clause on a value of a defined integer or string type, whose
// cases are all named constants of that type (switch e.IOMod { case
// IOModMixed: ... case IOModBlocking: ... }). The path on which no case
// matches needs a value the program does not name; a conn that every
// case hands on is not reported as leaked on it (nbio's listeners, kept
// in each IOMod case, and goproxy's hijacked conn, consumed in each
// ConnectAction case). The switch's other paths are checked as usual.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// enumDefaults adds to out, for each enum switch of fn without a default
// clause, the block whose false successor is that switch's implicit
// default, with successor 1.
func (c *checker) enumDefaults(fn *ssa.Function, out map[*ssa.BasicBlock]int) map[*ssa.BasicBlock]int {
	syntax := fn.Syntax()
	if syntax == nil {
		return out
	}
	last := make(map[token.Pos]bool) // the position of each such switch's last case expression
	ast.Inspect(syntax, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok || sw.Tag == nil {
			return true
		}
		if pos, ok := c.enumSwitchEnd(sw); ok {
			last[pos] = true
		}
		return true
	})
	if len(last) == 0 {
		return out
	}
	for _, b := range fn.Blocks {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if bin, ok := ifInstr.Cond.(*ssa.BinOp); ok && bin.Op == token.EQL && last[bin.Pos()] {
			if out == nil {
				out = make(map[*ssa.BasicBlock]int)
			}
			if _, taken := out[b]; !taken {
				out[b] = 1
			}
		}
	}
	return out
}

// enumSwitchEnd returns the position of the last case expression of sw if
// sw is an enum switch without a default clause.
func (c *checker) enumSwitchEnd(sw *ast.SwitchStmt) (token.Pos, bool) {
	info := c.pass.TypesInfo
	named, ok := types.Unalias(info.TypeOf(sw.Tag)).(*types.Named)
	if !ok {
		return token.NoPos, false
	}
	basic, ok := named.Underlying().(*types.Basic)
	if !ok || basic.Info()&(types.IsInteger|types.IsString) == 0 {
		return token.NoPos, false
	}
	var end token.Pos
	for _, stmt := range sw.Body.List {
		cc := stmt.(*ast.CaseClause)
		if cc.List == nil {
			return token.NoPos, false // a default clause: nothing implicit
		}
		for _, e := range cc.List {
			var id *ast.Ident
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				id = x
			case *ast.SelectorExpr:
				id = x.Sel
			}
			if id == nil {
				return token.NoPos, false
			}
			k, ok := info.Uses[id].(*types.Const)
			if !ok || !types.Identical(k.Type(), named) {
				return token.NoPos, false // a literal or another type's constant
			}
			end = e.Pos()
		}
	}
	return end, end.IsValid()
}
