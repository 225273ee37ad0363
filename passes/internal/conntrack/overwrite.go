package conntrack

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Overwrite is a conn lost by giving its variable, or its struct field, a
// new conn while it may still be open: the reconnect bug.
type Overwrite struct {
	// Pos is the new conn's source (a local) or the store (a field).
	Pos token.Pos
	// Name is the variable or field ("c", "s.conn").
	Name string
	// OldPos is where the lost conn was made (locals only).
	OldPos token.Pos
	// Field reports a struct field overwritten.
	Field bool
	// Again reports the same statement run again by a loop while the
	// conn it made last time may be open.
	Again bool
	// Sock is the kind of socket lost (locals only; a field's is a
	// stream conn).
	Sock Socket
}

// overwrites finds, in fi's function, each conn source S that overwrites
// a variable holding a conn R that may still be open:
//
//   - same variable: a phi merges R with S's result (`c, err = net.Dial`
//     in a loop, after `c, err := net.Dial` before it), or S is R's own
//     call run again by a loop;
//   - R may be open (or failed) just before S, on some path;
//   - R is lost: none of R's values is used after S (SSA liveness), so
//     nothing can close it any more.
//
// Variables captured by closures live in memory cells and are not
// checked (the cell's loads cannot tell the old conn from the new).
func (c *checker) overwrites(fi *funcInfo) []Overwrite {
	var sources []*resource
	probes := make(map[ssa.Instruction]bool)
	for _, r := range fi.resources {
		if r.kind == rootSource && r.res == Conn && !r.listens && !r.taken {
			sources = append(sources, r)
			probes[r.call] = true
		}
	}
	if len(sources) == 0 {
		return nil
	}
	var out []Overwrite
	reported := make(map[ssa.Instruction]bool)
	for _, r := range fi.resources {
		if r.res != Conn || r.name == "" || r.escapesViaCell() {
			continue // a discarded conn (`_, err := net.Dial`) has no variable to overwrite
		}
		var candidates []*resource
		for _, s := range sources {
			if !reported[s.call] && r.sameVariable(s) {
				candidates = append(candidates, s)
			}
		}
		if len(candidates) == 0 {
			continue // no source shares r's variable: no dataflow needed
		}
		_, before := c.flowProbe(fi, r, probes)
		for _, s := range candidates {
			if reported[s.call] || before[s.call]&sLive == 0 || r.liveAfter(s.call) {
				continue
			}
			reported[s.call] = true
			ow := Overwrite{Pos: s.call.Pos(), Name: s.name, OldPos: r.value.Pos(), Again: r.call == s.call, Sock: s.sock}
			if r.call != nil {
				ow.OldPos = r.call.Pos()
			}
			if ow.Name == "" {
				ow.Name = r.name
			}
			out = append(out, ow)
		}
	}
	return out
}

// escapesViaCell reports whether r lives in a captured variable's cell.
func (r *resource) escapesViaCell() bool {
	for v := range r.members {
		if _, ok := v.(*ssa.Alloc); ok {
			return true
		}
	}
	return false
}

// sameVariable reports whether s's result replaces r in one variable: s
// is r's own source, or a phi merges a member of r with s's result.
func (r *resource) sameVariable(s *resource) bool {
	if r.call == s.call {
		return true
	}
	if s.value == nil {
		return false
	}
	for _, ref := range *s.value.Referrers() {
		if phi, ok := ref.(*ssa.Phi); ok && r.members[phi] {
			return true
		}
	}
	return false
}

// liveAfter reports whether some value of r may be used after instr:
// along some path from instr to a use that does not first pass the
// value's definition. A phi's use of a value counts at the end of the
// predecessor block it comes from.
func (r *resource) liveAfter(instr ssa.Instruction) bool {
	for v := range r.members {
		if r.valueLiveAfter(v, instr) {
			return true
		}
	}
	return false
}

func (r *resource) valueLiveAfter(v ssa.Value, at ssa.Instruction) bool {
	refs := v.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	uses := make(map[ssa.Instruction]bool)
	phiPreds := make(map[*ssa.BasicBlock]bool) // blocks whose end uses v through a phi
	for _, u := range *refs {
		if phi, ok := u.(*ssa.Phi); ok {
			for i, e := range phi.Edges {
				if e == v {
					phiPreds[phi.Block().Preds[i]] = true
				}
			}
			continue
		}
		if _, ok := u.(*ssa.DebugRef); ok {
			continue
		}
		uses[u] = true
	}
	def, _ := v.(ssa.Instruction)
	// scan walks b from instruction i; it reports live, or whether the
	// walk goes on to b's successors.
	scan := func(b *ssa.BasicBlock, i int) (live, goOn bool) {
		for ; i < len(b.Instrs); i++ {
			in := b.Instrs[i]
			if def != nil && in == def {
				return false, false // redefined: the old value is gone
			}
			if uses[in] {
				return true, false
			}
		}
		return phiPreds[b], true
	}
	start := at.Block()
	live, goOn := scan(start, slices.Index(start.Instrs, at)+1)
	if live || !goOn {
		return live
	}
	if walkFrom(start, func(b *ssa.BasicBlock) walkStep {
		live, goOn := scan(b, 0)
		switch {
		case live:
			return walkStop
		case goOn:
			return walkOn
		}
		return walkPrune
	}) {
		return true
	}
	// Back in the starting block before `at`, through a loop: covered by
	// seen[start] when start is re-entered (scan from 0 sees uses before
	// at too).
	return false
}

// fieldOverwrites finds stores of a fresh conn into a struct field whose
// old conn nothing in the function handles first: no load of the same
// field (same base) that is closed, compared with nil, or handed on. It
// reports only fields that the package closes somewhere (evidence that
// the field owns its conn), and never fields of a struct allocated in the
// same function (a constructor: the field was nil).
func (c *checker) fieldOverwrites(closedFields map[*types.Var]bool) []Overwrite {
	var out []Overwrite
	trusted := c.afterTeardown(closedFields)
	for _, fn := range c.funcs {
		fi := c.info(fn)
		if fi == nil {
			continue
		}
		for _, r := range fi.resources {
			if r.kind != rootSource || r.res != Conn || r.listens {
				continue // a listen is a server's, made once: no reconnect
			}
			for instr := range r.events {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				field := fieldVar(fa)
				if field == nil || !closedFields[field] || trusted[field][fn] || freshStruct(fa.X, fa.Field, 0) || handlesOldField(fn, fa) || r.leavesBesides(st) {
					continue
				}
				out = append(out, Overwrite{Pos: st.Pos(), Name: c.fieldName(fa), Field: true})
			}
		}
	}
	return out
}

// leavesBesides reports whether r leaves the function some other way
// than by the store st: returned, stored elsewhere, passed to a callee
// that may keep it, handed to a goroutine. The field then holds a second
// reference, not the owner, and the conn it held before may well have
// an owner too: a test server that keeps its last dialled conn in a
// field to close it later, while the conn itself goes to the client it
// returns (golang.org/x/crypto/ssh/test's server.lastDialConn).
func (r *resource) leavesBesides(st ssa.Instruction) bool {
	for instr, evs := range r.events {
		if instr == st {
			continue
		}
		for _, ev := range evs {
			if ev.kind == evEscape || ev.kind == evReturn || ev.kind == evHandoff {
				return true
			}
		}
	}
	return false
}

// fieldVar returns the struct field fa addresses.
func fieldVar(fa *ssa.FieldAddr) *types.Var {
	st, ok := derefType(fa.X.Type()).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(fa.Field)
}

// fieldName names the field fa addresses as the source does ("c.conn"),
// or by its base's SSA name.
func (c *checker) fieldName(fa *ssa.FieldAddr) string {
	for _, n := range c.path(fa.Pos()) {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Pos() == fa.Pos() {
			return types.ExprString(sel)
		}
	}
	f := fieldVar(fa)
	base := "x"
	if n := fa.X.Name(); n != "" && !isRegister(n) {
		base = n
	}
	return base + "." + f.Name()
}

// isRegister reports whether name is an SSA register (t0, t12).
func isRegister(name string) bool {
	if len(name) < 2 || name[0] != 't' {
		return false
	}
	for _, r := range name[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isFreshAlloc reports whether v is a struct allocated in this function,
// directly or through the cell of a variable captured by a closure
// (pconn := &persistConn{...}; ... go func() { pconn... }()).
func isFreshAlloc(v ssa.Value) bool {
	if _, ok := v.(*ssa.Alloc); ok {
		return true
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	cell, ok := load.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	stored := false
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			switch val := st.Val.(type) {
			case *ssa.Alloc:
				stored = true
			case *ssa.Const: // nil, on an error path
			case *ssa.UnOp: // `return cl, nil` stores cl's own value back
				if val.Op != token.MUL || val.X != cell {
					return false
				}
			default:
				return false
			}
		}
	}
	return stored
}

// handlesOldField reports whether fn loads the field at fa's base and
// field (the old conn) and does something with it: closes it, compares
// it with nil, or passes it on.
func handlesOldField(fn *ssa.Function, fa *ssa.FieldAddr) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			other, ok := instr.(*ssa.FieldAddr)
			if !ok || other == fa || other.X != fa.X || other.Field != fa.Field {
				continue
			}
			for _, ref := range *other.Referrers() {
				load, ok := ref.(*ssa.UnOp)
				if !ok || load.Op != token.MUL {
					continue
				}
				for _, use := range *load.Referrers() {
					if _, ok := use.(*ssa.DebugRef); !ok {
						return true // closed, nil-checked, swapped out, handed on
					}
				}
			}
		}
	}
	return false
}

// closedFields returns the conn fields that some function of the package
// closes (a load of the field is closed, or deferred closed), and the
// fields holding an owning type that some function closes by one of its
// closing methods (d.enc.close()).
func (c *checker) closedFields() map[*types.Var]bool {
	fields := make(map[*types.Var]bool)
	for _, fn := range c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				obj, ops := Callee(ci.Common())
				if obj == nil || !c.isClosingMethod(obj) || len(ops) == 0 {
					continue
				}
				recv := ops[0]
				for {
					// s.tcp.Close() calls the promoted (*net.conn).Close
					// on &(*s.tcp).conn: look through embedded fields.
					fa, ok := recv.(*ssa.FieldAddr)
					if !ok {
						break
					}
					recv = fa.X
				}
				load, ok := recv.(*ssa.UnOp)
				if !ok || load.Op != token.MUL {
					continue
				}
				if fa, ok := load.X.(*ssa.FieldAddr); ok {
					if f := fieldVar(fa); f != nil {
						fields[f] = true
					}
				}
			}
		}
	}
	return fields
}

// afterTeardown returns, per field among closed, the functions that run
// after a teardown of it: a function that closes the field and sets it
// to nil (nc.conn.Close(); nc.conn = nil) and stores no new conn into
// it, then calls or starts, directly or through other functions of the
// package, the function that dials and stores the new conn (nats.go's
// processOpErr starts doReconnect, which calls createConn). The old conn
// was closed on that path: a store there is no evidence of a lost conn.
// A teardown that reaches no redial (a Close method that nils the field,
// gosnmp's) proves nothing about the redial path, which stays checked.
func (c *checker) afterTeardown(closed map[*types.Var]bool) map[*types.Var]map[*ssa.Function]bool {
	calls := make(map[*ssa.Function][]*ssa.Function)
	teardowns := make(map[*types.Var][]*ssa.Function)
	for _, fn := range c.funcs {
		closes, stores := make(map[*types.Var]bool), make(map[*types.Var]bool)
		var nils []*types.Var
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					fa, ok := in.Addr.(*ssa.FieldAddr)
					if !ok {
						continue
					}
					f := fieldVar(fa)
					if f == nil || !closed[f] {
						continue
					}
					if k, isConst := in.Val.(*ssa.Const); isConst && k.IsNil() {
						nils = append(nils, f)
					} else {
						stores[f] = true
					}
				case *ssa.MakeClosure:
					if anon, ok := in.Fn.(*ssa.Function); ok {
						calls[fn] = append(calls[fn], anon)
					}
				case ssa.CallInstruction:
					if callee := resolveCall(in.Common()).fn; callee != nil && samePkg(callee, fn) {
						calls[fn] = append(calls[fn], callee)
					}
					obj, ops := Callee(in.Common())
					if obj == nil || !c.isClosingMethod(obj) || len(ops) == 0 {
						continue
					}
					if load, ok := ops[0].(*ssa.UnOp); ok && load.Op == token.MUL {
						if fa, ok := load.X.(*ssa.FieldAddr); ok {
							if f := fieldVar(fa); f != nil {
								closes[f] = true
							}
						}
					}
				}
			}
		}
		for _, f := range nils {
			// A function that also stores a new conn is a redial that
			// closes first (the fixed twin of a reconnect leak), not a
			// teardown.
			if closes[f] && !stores[f] {
				teardowns[f] = append(teardowns[f], fn)
			}
		}
	}
	out := make(map[*types.Var]map[*ssa.Function]bool)
	for f, starts := range teardowns {
		reached := make(map[*ssa.Function]bool)
		queue := slices.Clone(starts)
		for len(queue) > 0 {
			fn := queue[0]
			queue = queue[1:]
			for _, next := range calls[fn] {
				if !reached[next] {
					reached[next] = true
					queue = append(queue, next)
				}
			}
		}
		out[f] = reached
	}
	return out
}
