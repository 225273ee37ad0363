package conntrack

// This file finds conns a function takes out of a container that owned
// them: `c := m[k]` followed by `delete(m, k)`, and sync.Map's
// LoadAndDelete (or Load, then Delete of the same key). From the delete
// on, the function is the conn's last owner, and losing it (a failed
// probe read followed by a fresh dial, an EOF after which the entry is
// dropped) leaks it, as the ownership issue's containers rule says.
//
// Only sockets are followed (containers of net.Conn, net.PacketConn and
// net.Listener values, or of std conn types; see isConn): a container of
// other closers is not a socket's business. The map and key must be visibly the same (one SSA value, or
// loads of the same field of the same value), and the lookup must
// dominate the delete.

import (
	"go/ast"
	"go/token"
	"go/types"

	kn "github.com/closewait/closewait/passes/internal/knowledge"
	"github.com/closewait/closewait/passes/internal/passutil"
	"golang.org/x/tools/go/ssa"
)

// liveOrHeld is the set of states a close or a handoff moves: for a conn
// taken out of a container, also the states before the take (a conn
// closed, then deleted, is not leaked by the delete).
func (r *resource) liveOrHeld() uint8 {
	if r.taken {
		return sLive | sUnborn
	}
	return sLive
}

// takenRoots returns a resource for each conn fn takes out of a container.
func (c *checker) takenRoots(fn *ssa.Function) []*resource {
	var roots []*resource
	var lookups []*ssa.Lookup
	var loads []*ssa.Call // sync.Map Load calls
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Lookup:
				if _, ok := in.X.Type().Underlying().(*types.Map); ok {
					lookups = append(lookups, in)
				}
			case *ssa.Call:
				if syncMapMethod(in.Common()) == "Load" {
					loads = append(loads, in)
				}
			}
		}
	}
	taken := make(map[ssa.Value]bool) // one root per conn taken
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			common := call.Common()
			if bi, ok := common.Value.(*ssa.Builtin); ok && bi.Name() == "delete" && len(common.Args) == 2 {
				for _, l := range lookups {
					v := lookupValue(l)
					if v == nil || taken[v] || !sameValue(l.X, common.Args[0]) || !sameValue(l.Index, common.Args[1]) ||
						!l.Block().Dominates(call.Block()) || !c.isConn(v.Type()) {
						continue
					}
					taken[v] = true
					r := c.takenRoot(call, v, v.Type(), c.indexName(l.Pos()), types.ExprString(c.mapExpr(l.Pos())))
					if l.CommaOk {
						r.okVal = extract(l, 1)
					}
					roots = append(roots, r)
				}
				continue
			}
			switch syncMapMethod(common) {
			case "LoadAndDelete":
				if v := resultValue(call, 0); v != nil && !taken[v] {
					if t := c.assertedConn(v); t != nil {
						taken[v] = true
						r := c.takenRoot(call, v, t, "", c.recvExpr(call))
						r.okVal = resultValue(call, 1)
						roots = append(roots, r)
					}
				}
			case "Delete":
				for _, ld := range loads {
					v := resultValue(ld, 0)
					if v == nil || taken[v] || !sameValue(ld.Common().Args[0], common.Args[0]) ||
						!sameValue(ld.Common().Args[1], common.Args[1]) || !ld.Block().Dominates(call.Block()) {
						continue
					}
					if t := c.assertedConn(v); t != nil {
						taken[v] = true
						r := c.takenRoot(call, v, t, c.callAssignName(ld), c.recvExpr(ld))
						r.okVal = resultValue(ld, 1)
						roots = append(roots, r)
					}
				}
			}
		}
	}
	return roots
}

// takenRoot makes the resource of conn v (of type t), owned from call on.
func (c *checker) takenRoot(call *ssa.Call, v ssa.Value, t types.Type, name, container string) *resource {
	r := newResource(rootSource, v)
	r.call, r.taken, r.name = call, true, name
	r.res, r.sock = Conn, SocketOf(t)
	r.origin = container
	if r.origin == "" {
		r.origin = "its container"
	}
	return r
}

// isConn reports whether a container's element type t holds sockets: an
// interface that net.Conn, net.PacketConn or net.Listener values satisfy
// with all their methods (net.Conn itself), or a standard conn type
// (*net.TCPConn, *tls.Conn). A package's own type that implements
// net.Conn is left out: it is often a stream multiplexed over one socket
// (smux's streams, deleted from their session's map by their own Close),
// not a socket of its own.
func (c *checker) isConn(t types.Type) bool {
	sock := types.Implements(t, c.netConn) || passutil.Implements(t, kn.Net, kn.PacketConnType) ||
		passutil.Implements(t, kn.Net, kn.ListenerType)
	if !sock {
		return false
	}
	if types.IsInterface(t) {
		return true
	}
	named, ok := types.Unalias(derefType(t)).(*types.Named)
	return ok && named.Obj().Pkg() != nil && kn.IsConnPackage(named.Obj().Pkg().Path())
}

// lookupValue returns the value a map lookup yields: the lookup itself, or
// the first result of a comma-ok lookup.
func lookupValue(l *ssa.Lookup) ssa.Value {
	if l.CommaOk {
		return extract(l, 0)
	}
	return l
}

// assertedConn returns the conn type v (a sync.Map value) is asserted to,
// or nil.
func (c *checker) assertedConn(v ssa.Value) types.Type {
	for _, ref := range *v.Referrers() {
		if ta, ok := ref.(*ssa.TypeAssert); ok && c.isConn(ta.AssertedType) {
			return ta.AssertedType
		}
	}
	return nil
}

// syncMapMethod returns the name of the sync.Map method common calls, or
// "".
func syncMapMethod(common *ssa.CallCommon) string {
	obj, _ := Callee(common)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return ""
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		return ""
	}
	if named, ok := types.Unalias(derefType(recv.Type())).(*types.Named); !ok || named.Obj().Name() != "Map" {
		return ""
	}
	switch obj.Name() {
	case "Load", "LoadAndDelete", "Delete":
		if len(common.Args) == 2 { // the receiver and the key
			return obj.Name()
		}
	}
	return ""
}

// sameValue reports whether a and b are visibly the same value: the same
// SSA value, equal constants, or loads of the same field of the same
// value (two reads of p.conns).
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	switch x := a.(type) {
	case *ssa.Const:
		y, ok := b.(*ssa.Const)
		return ok && x.Value != nil && y.Value != nil && x.Value.ExactString() == y.Value.ExactString() && types.Identical(x.Type(), y.Type())
	case *ssa.MakeInterface:
		y, ok := b.(*ssa.MakeInterface)
		return ok && types.Identical(x.X.Type(), y.X.Type()) && sameValue(x.X, y.X) // a sync.Map key, boxed twice
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && sameValue(x.X, y.X) // &p.idle, twice
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		if !ok || x.Op != token.MUL || y.Op != token.MUL {
			return false
		}
		if x.X == y.X {
			return true // two loads of one address (a global, a cell)
		}
		_, ok1 := x.X.(*ssa.FieldAddr)
		return ok1 && sameValue(x.X, y.X)
	}
	return false
}

// indexName returns the variable the lookup at lbrack is assigned to
// (`c, ok := m[k]` gives "c"), or "".
func (c *checker) indexName(lbrack token.Pos) string {
	path := c.path(lbrack)
	for i, n := range path {
		ix, ok := n.(*ast.IndexExpr)
		if !ok || ix.Lbrack != lbrack {
			continue
		}
		for _, p := range path[i+1:] {
			switch p := p.(type) {
			case *ast.ParenExpr:
				continue
			case *ast.AssignStmt:
				if len(p.Rhs) == 1 && ast.Unparen(p.Rhs[0]) == ast.Expr(ix) {
					if id, ok := p.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
						return id.Name
					}
				}
			}
			return ""
		}
	}
	return ""
}

// callAssignName returns the variable result 0 of call is assigned to, or
// "".
func (c *checker) callAssignName(call *ssa.Call) string {
	if id, ok := c.lhsOf(call.Pos()).(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// mapExpr returns the map operand of the index expression at lbrack.
func (c *checker) mapExpr(lbrack token.Pos) ast.Expr {
	for _, n := range c.path(lbrack) {
		if ix, ok := n.(*ast.IndexExpr); ok && ix.Lbrack == lbrack {
			return ix.X
		}
	}
	return ast.NewIdent("the map")
}

// recvExpr returns the receiver of a method call, as written (conns for
// conns.LoadAndDelete(k)), or "".
func (c *checker) recvExpr(call *ssa.Call) string {
	if ce := c.callExpr(call.Pos()); ce != nil {
		if sel, ok := ast.Unparen(ce.Fun).(*ast.SelectorExpr); ok {
			return types.ExprString(sel.X)
		}
	}
	return ""
}
