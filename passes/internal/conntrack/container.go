package conntrack

// This file finds conns a function takes out of a container that owned
// them: `c := m[k]` followed by `delete(m, k)`, sync.Map's LoadAndDelete
// (or Load, then Delete of the same key), and a receive from a channel
// field (`c := <-p.idle`). From the take on, the function is the conn's
// last owner, and losing it (a failed probe read followed by a fresh
// dial, an EOF after which the entry is dropped) leaks it, as the
// ownership issue's containers rule says.
//
// Only sockets are followed (containers of net.Conn, net.PacketConn and
// net.Listener values, or of std conn types; see isConn): a container of
// other closers is not a socket's business. The map and key must be
// visibly the same (one SSA value, or loads of the same field of the same
// value), and the lookup must dominate the delete. Channels count only as
// struct fields that the package feeds no net.Pipe end (ownsConns).

import (
	"go/ast"
	"go/constant"
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
	var elems []*ssa.UnOp // loads of a slice element
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
			case *ssa.UnOp:
				if r := c.receivedRoot(in); r != nil {
					roots = append(roots, r)
				}
				if ia, ok := in.X.(*ssa.IndexAddr); ok && in.Op == token.MUL && chanField(ia.X) != nil {
					// an element of a slice field (chanField finds any
					// field a value is loaded from)
					if _, ok := ia.X.Type().Underlying().(*types.Slice); ok && c.isConn(in.Type()) {
						elems = append(elems, in)
					}
				}
			case *ssa.Select:
				roots = append(roots, c.selectedRoots(in)...)
			}
		}
	}
	taken := make(map[ssa.Value]bool) // one root per conn taken
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				for _, l := range elems {
					if !taken[l] && resliceDrops(st, l) {
						taken[l] = true
						ia := l.X.(*ssa.IndexAddr)
						roots = append(roots, c.takenRoot(st, l, l.Type(), c.indexName(ia.Pos()), types.ExprString(c.mapExpr(ia.Pos()))))
					}
				}
				continue
			}
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

// takenRoot makes the resource of conn v (of type t), owned from the
// instruction at on: a delete, a LoadAndDelete, a channel receive.
func (c *checker) takenRoot(at ssa.Instruction, v ssa.Value, t types.Type, name, container string) *resource {
	r := newResource(rootSource, v)
	r.call, r.taken, r.name = at, true, name
	r.res, r.sock = Conn, SocketOf(t)
	r.origin = container
	if r.origin == "" {
		r.origin = "its container"
	}
	return r
}

// resliceDrops reports whether st stores back into a slice field a
// reslice that drops the element l loaded: `c := p.idle[0]`
// then `p.idle = p.idle[1:]`, or `c := p.idle[n-1]` then `p.idle =
// p.idle[:n-1]`. l must run before st.
func resliceDrops(st *ssa.Store, l *ssa.UnOp) bool {
	sl, ok := st.Val.(*ssa.Slice)
	if !ok {
		return false
	}
	ia := l.X.(*ssa.IndexAddr)
	load, ok := ia.X.(*ssa.UnOp) // the slice, loaded from its field
	if !ok || load.Op != token.MUL || !sameValue(load.X, st.Addr) || !sameValue(sl.X, ia.X) {
		return false
	}
	if _, ok := load.X.(*ssa.FieldAddr); !ok {
		// A local slice of conns (a test's list of sockets to hand out)
		// is rarely their only owner: the variables it was built from
		// and their cleanups still are.
		return false
	}
	switch {
	case sl.Low != nil && sl.High == nil && sl.Max == nil:
		if !isIntConst(sl.Low, 1) || !isIntConst(ia.Index, 0) {
			return false
		}
	case sl.Low == nil && sl.High != nil && sl.Max == nil:
		if !sameValue(sl.High, ia.Index) {
			return false
		}
	default:
		return false
	}
	return precedes(l, st)
}

// precedes reports whether a runs before b on every path to b: a's block
// dominates b's, and within one block a comes first.
func precedes(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, in := range a.Block().Instrs {
		switch in {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// isIntConst reports whether v is the integer constant n.
func isIntConst(v ssa.Value, n int64) bool {
	k, ok := v.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	x, exact := constant.Int64Val(k.Value)
	return exact && x == n
}

// receivedRoot returns the resource of a conn received from a channel
// field of conns (`c := <-p.idle`, `c, ok := <-p.idle`, `for c := range
// s.queue`; see ownsConns): the sender handed it over, and the receiver
// owns it from the receive on. It returns nil for other receives.
func (c *checker) receivedRoot(recv *ssa.UnOp) *resource {
	if recv.Op != token.ARROW || chanField(recv.X) == nil {
		return nil
	}
	ch, ok := recv.X.Type().Underlying().(*types.Chan)
	if !ok || !c.isConn(ch.Elem()) || !c.ownsConns(recv.X) {
		return nil
	}
	v := ssa.Value(recv)
	if recv.CommaOk {
		v = extract(recv, 0)
	}
	if v == nil {
		return nil
	}
	r := c.takenRoot(recv, v, ch.Elem(), c.recvName(recv.Pos()), c.chanExpr(recv.Pos()))
	if recv.CommaOk {
		r.okVal = extract(recv, 1)
	}
	return r
}

// ownsConns reports whether the channel ch is one whose conns its
// receiver owns: a channel field of a struct (a pool's idle conns, a
// server's queue of accepted ones) that no function of this package
// sends an in-memory conn into (inMemoryConn). A channel parameter or local may carry
// in-memory conns of a test, and is not followed.
func (c *checker) ownsConns(ch ssa.Value) bool {
	f := chanField(ch)
	if f == nil {
		return false
	}
	if c.memChans == nil {
		c.memChans = make(map[*types.Var]bool)
		for _, fn := range c.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if send, ok := instr.(*ssa.Send); ok && inMemoryConn(send.X, 0) {
						if pf := chanField(send.Chan); pf != nil {
							c.memChans[pf] = true
						}
					}
				}
			}
		}
	}
	return !c.memChans[f]
}

// chanField returns the struct field a value (a channel, a slice) is
// loaded from (p.idle), or nil.
func chanField(ch ssa.Value) *types.Var {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	return fieldVar(fa)
}

// inMemoryConn reports whether v, sent into a channel of conns, is
// visibly no socket: an end of a net.Pipe, or a value of a package's own
// type boxed into the interface (grpc's bufconn, a muxer's stream), seen
// through conversions and phis.
func inMemoryConn(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			obj, _ := Callee(call.Common())
			return obj != nil && obj.FullName() == kn.Pipe
		}
	case *ssa.MakeInterface:
		if named, ok := types.Unalias(derefType(v.X.Type())).(*types.Named); ok {
			if pkg := named.Obj().Pkg(); pkg != nil && !kn.IsConnPackage(pkg.Path()) {
				return true
			}
		}
		return inMemoryConn(v.X, depth+1)
	case *ssa.ChangeInterface:
		return inMemoryConn(v.X, depth+1)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if inMemoryConn(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// selectedRoots returns a resource for each conn a select statement
// receives from a channel of conns (`case c := <-ch:`).
func (c *checker) selectedRoots(sel *ssa.Select) []*resource {
	var roots []*resource
	n := 0 // index of the received value among the receive cases
	for i, st := range sel.States {
		if st.Dir != types.RecvOnly {
			continue
		}
		idx := 2 + n
		n++
		ch, ok := st.Chan.Type().Underlying().(*types.Chan)
		if !ok || !c.isConn(ch.Elem()) || !c.ownsConns(st.Chan) {
			continue
		}
		v := extract(sel, idx)
		body := selectCase(sel, i)
		if v == nil || body == nil || len(body.Instrs) == 0 {
			continue
		}
		// The conn is received only when this case is chosen: owned from
		// the first instruction of its body on, where the select's ok
		// says whether the channel was open.
		r := c.takenRoot(body.Instrs[0], v, ch.Elem(), c.recvName(st.Pos), c.chanExpr(st.Pos))
		r.okVal = extract(sel, 1)
		roots = append(roots, r)
	}
	return roots
}

// selectCase returns the block a select runs when its case number k
// (counting send and receive cases, in order) is chosen: the true successor
// of the `index == k` test go/ssa emits. It returns nil when there is
// none.
func selectCase(sel *ssa.Select, k int) *ssa.BasicBlock {
	index := extract(sel, 0)
	if index == nil {
		return nil
	}
	for _, ref := range *index.Referrers() {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL || cmp.X != index || !isIntConst(cmp.Y, int64(k)) {
			continue
		}
		for _, u := range *cmp.Referrers() {
			if iff, ok := u.(*ssa.If); ok && iff.Cond == cmp {
				return iff.Block().Succs[0]
			}
		}
	}
	return nil
}

// isConn reports whether a container's element type t holds sockets: an
// interface that net.Conn, net.PacketConn or net.Listener values satisfy
// with all their methods (net.Conn itself), or a standard conn type
// (*net.TCPConn, *tls.Conn). A package's own type that implements
// net.Conn is left out: it is often a stream multiplexed over one socket
// (smux's streams, deleted from their session's map by their own Close),
// not a socket of its own.
func (c *checker) isConn(t types.Type) bool {
	if v, ok := c.connElems[t]; ok {
		return v
	}
	v := c.computeIsConn(t)
	if c.connElems == nil {
		c.connElems = make(map[types.Type]bool)
	}
	c.connElems[t] = v
	return v
}

func (c *checker) computeIsConn(t types.Type) bool {
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
	case *ssa.BinOp:
		y, ok := b.(*ssa.BinOp)
		return ok && x.Op == y.Op && sameValue(x.X, y.X) && sameValue(x.Y, y.Y) // n-1, twice
	case *ssa.Call:
		y, ok := b.(*ssa.Call)
		if !ok {
			return false
		}
		bx, okx := x.Call.Value.(*ssa.Builtin)
		by, oky := y.Call.Value.(*ssa.Builtin)
		return okx && oky && bx.Name() == "len" && by.Name() == "len" &&
			len(x.Call.Args) == 1 && len(y.Call.Args) == 1 && sameValue(x.Call.Args[0], y.Call.Args[0]) // len(p.idle), twice
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

// recvName returns the variable a channel receive (its arrow at pos) is
// assigned to: `c := <-ch`, `case c := <-ch:`, `for c := range ch`; or
// "".
func (c *checker) recvName(pos token.Pos) string {
	for _, n := range c.path(pos) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name != "_" && len(n.Rhs) == 1 {
				if u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr); ok && u.OpPos == pos {
					return id.Name
				}
			}
			return ""
		case *ast.RangeStmt:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name != "_" {
				return id.Name
			}
			return ""
		case *ast.FuncDecl, *ast.FuncLit:
			return ""
		}
	}
	return ""
}

// chanExpr returns the channel of the receive whose arrow is at pos, as
// written, or "the channel".
func (c *checker) chanExpr(pos token.Pos) string {
	for _, n := range c.path(pos) {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.OpPos == pos && n.Op == token.ARROW {
				return types.ExprString(n.X)
			}
		case *ast.RangeStmt:
			return types.ExprString(n.X)
		}
	}
	return "the channel"
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
